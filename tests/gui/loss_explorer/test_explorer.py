"""gui/loss_explorer/: the Losses tab follows the loss panel, draws the run's samples as dots
at their own residual or probability, and redraws Huber's curve as δ is typed."""
from __future__ import annotations

import math

import numpy as np
from PySide6 import QtCore, QtWidgets
from PySide6.QtTest import QTest

from engine import losses, presets
from engine.datasets import Dataset
from engine.loss_explorer import judged_by
from gui.loss_explorer import LossExplorer
from gui.loss_explorer.explorer import explorable
from gui.run_bar import play_text
from tests.gui.helpers import wait_until


def _explorer(window) -> LossExplorer:
    index = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "Losses")
    window.tabs.setCurrentIndex(index)
    explorer = window.tabs.widget(index)
    assert isinstance(explorer, LossExplorer)
    QtWidgets.QApplication.processEvents()
    return explorer


def _tiny_run(window, config, x, y, task, w, b=None) -> None:
    """A run on literal data whose one-layer network has the weights w (and bias b)."""
    x, y = np.array(x, float), np.array(y, float)
    no_x, no_y = np.empty((0, x.shape[1])), np.empty((0, y.shape[1]))
    names = tuple(f"x{i + 1}" for i in range(x.shape[1]))
    ds = Dataset(x, y, no_x, no_y, x, no_x, task, names, "csv")
    assert window.network.start_run(config, ds)
    controller = window.network.session.controller
    params = {"layer0.weight": w} if b is None else {"layer0.weight": w, "layer0.bias": b}
    for name, values in params.items():
        values = np.array(values, float)
        for index, value in np.ndenumerate(values):
            controller.edit_weight(name, index, value)      # the run's own network


def test_the_tab_has_one_check_box_per_loss_of_the_registry(window):
    explorer = _explorer(window)
    assert list(explorer.ticks) == list(explorable()) == list(losses.REGISTRY)
    assert [explorer.choice.itemData(i) for i in range(explorer.choice.count())] == \
        list(losses.REGISTRY)


def test_choosing_a_loss_in_the_loss_panel_selects_it_here(window):
    explorer = _explorer(window)
    panel = window.network.loss_panel
    current = window.network.session.config.loss.name
    other = next(n for n in losses.REGISTRY if n != current and panel.is_enabled(n))
    panel.combo.setCurrentIndex(panel.combo.findData(other))
    assert window.network.session.config.loss.name == other
    assert explorer.selected == other
    assert explorer.choice.currentData() == other
    assert explorer.ticks[other].isChecked()
    plots = explorer.plots[judged_by(losses.REGISTRY[other]).name]
    assert not plots.isHidden()
    assert other in plots.curves


def test_the_dots_sit_at_each_samples_residual_on_the_mse_curve(window):
    config = presets.load("miles-to-km").with_overrides({"model.bias": False})
    _tiny_run(window, config, [[1.0], [2.0], [3.0]], [[1.0], [1.0], [5.0]], "regression",
              [[0.5]])
    explorer = _explorer(window)
    assert explorer.selected == "mse"
    # ŷ = 0.5x = 0.5, 1, 1.5: r = ŷ − y
    assert wait_until(lambda: np.allclose(explorer.dot_x, [-0.5, 0.0, -3.5], rtol=1e-12,
                                          atol=0))
    plots = explorer.plots["residual"]
    assert plots.x_range == (-5.0, 5.0)               # widened to hold r = −3.5
    x, value = plots.dots[0].getData()
    np.testing.assert_allclose(x, [-0.5, 0.0, -3.5], rtol=1e-12)
    np.testing.assert_allclose(value, [0.25, 0.0, 12.25], atol=1e-4)   # r²
    _, slope = plots.dots[1].getData()
    np.testing.assert_allclose(slope, [-1.0, 0.0, -7.0], atol=1e-9)   # 2r
    assert explorer.note.text().startswith("3 dots: the run's training samples")


def test_the_dots_sit_at_the_probability_of_the_true_class_for_bce(window):
    config = presets.load("binary-cross-entropy").with_overrides(
        {"model.hidden": [], "model.bias": True})
    _tiny_run(window, config, [[1.0, 0.0], [-1.0, 0.0], [0.5, 0.0]],
              [[1.0], [1.0], [0.0]], "binary", [[2.0, 0.0]], [0.0])
    explorer = _explorer(window)
    assert explorer.selected == "bce"
    s = [1 / (1 + math.exp(-2.0)), 1 / (1 + math.exp(2.0)), 1 - 1 / (1 + math.exp(-1.0))]
    assert wait_until(lambda: np.allclose(explorer.dot_x, s, rtol=1e-12, atol=0))


def test_typing_huber_delta_redraws_its_curve_and_keeps_the_run(window):
    explorer = _explorer(window)
    explorer.select("huber")
    field = explorer.param_fields["delta"]
    field.box.setFocus()
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is not None)
    box = QtWidgets.QApplication.focusWidget()
    assert box is field.box
    box.selectAll()
    QTest.keyClicks(box, "0.5")
    QTest.keyClick(box, QtCore.Qt.Key_Return)
    assert explorer.params["huber"]["delta"] == 0.5
    curve = explorer.plots["residual"].curves["huber"]
    value, slope = curve.at(np.array([3.0, -0.25]))
    np.testing.assert_allclose(value, [1.375, 0.03125], atol=1e-4)   # δ(|r| − δ/2), r²/2
    np.testing.assert_allclose(slope, [0.5, -0.25], atol=1e-9)
    assert window.network.session.config.loss.name == "bce"      # the run is not changed


def test_the_selected_losses_words_are_on_its_plot(window):
    explorer = _explorer(window)
    explorer.select("mse")
    words = [item.toPlainText() for item in explorer.plots["residual"].words]
    assert words == ["min 0 at r = 0: a correct prediction",
                     "r → −∞ (under-predicted):\n→ ∞, like r²",
                     "r → +∞ (over-predicted):\n→ ∞, like r²"]


def test_ticking_a_loss_overlays_it_and_unticking_removes_it(window):
    explorer = _explorer(window)
    explorer.select("mse")
    plots = explorer.plots["residual"]
    explorer.ticks["mae"].setChecked(True)
    assert {"mse", "mae"} <= set(plots.curves)
    np.testing.assert_allclose(plots.curves["mae"].at(np.array([-2.0]))[0], [2.0])
    explorer.ticks["mae"].setChecked(False)
    assert "mae" not in plots.curves


def test_space_on_the_losses_tab_trains_the_run_and_the_dots_move(window):
    explorer = _explorer(window)
    explorer.setFocus()
    before = explorer.dot_x.copy()
    QTest.keyClick(QtWidgets.QApplication.focusWidget() or window, QtCore.Qt.Key_Space)
    assert window.network.is_playing
    assert window.run_bar.play.text() == play_text(True)
    assert wait_until(lambda: len(explorer.dot_x) == len(before) and
                      not np.array_equal(explorer.dot_x, before), 10.0)
    window.network.pause()
