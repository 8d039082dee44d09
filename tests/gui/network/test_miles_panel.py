"""The one-weight lessons' panel: w, the guess, its error and J(w), in numbers."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine import presets
from engine.landscapes import get as landscape
from gui.network import miles_panel
from tests.gui.helpers import wait_until


def _w(window) -> float:
    return float(window.network.session.net.layers[0].w.value[0, 0])


def test_miles_to_km_shows_w_and_the_error_in_large_numbers_moving_as_it_learns(window):
    window.open_lesson("miles-to-km")
    panel = window.network.miles_panel
    assert panel.isVisible() and not window.network.lr_plot.isVisible()
    assert not window.network.network_view.isVisible()
    w0 = _w(window)
    assert panel.w_label.text() == f"w = {w0:.4f}".replace("-", "−")
    controller = window.network.session.controller
    for _ in range(5):
        controller.step()
        assert wait_until(lambda: not controller.running, 5)
    window.network.paint_now()
    w = _w(window)
    assert len(window.network.session.history) == 5 and w != w0
    assert panel.w_label.text() == f"w = {w:.4f}"
    guess, correct = 10 * w, 10 * 1.609344
    assert panel.guess_label.text() == (f"guess: 10 mi × w = {guess:,.2f} km\n"
                                        f"correct: 16.09 km")
    error = f"{guess - correct:+,.2f}".replace("-", "−")
    assert panel.error_label.text() == f"error = guess − correct\n      = {error} km"
    assert error.startswith("−")                 # still short of 16.09 km after 5 steps
    assert panel.w_label.font().pointSize() >= 20 or "30pt" in panel.w_label.styleSheet()


def test_the_curve_is_the_lessons_j_of_w_and_the_dot_sits_on_it(window):
    window.open_lesson("miles-to-km")
    panel = window.network.miles_panel
    w, j = panel.curve.getData()
    lesson_j = landscape("miles-to-km-mse")            # the landscape entry's own J(w)
    np.testing.assert_allclose(j, lesson_j.f(w), rtol=1e-12)
    (dot_w,), (dot_j,) = panel.dot.getData()
    assert dot_w == pytest.approx(_w(window))
    assert dot_j == pytest.approx(float(lesson_j.f(np.array(dot_w))), rel=1e-12)
    m = lesson_j.minima[0].point[0]
    assert m == pytest.approx(1.6089, abs=1e-4)
    assert w.min() <= m <= w.max()
    assert panel.loss_label.text() == f"MSE J(w) = {dot_j:,.4g}"


def test_the_curve_widens_to_keep_a_diverging_guess_on_screen(window):
    assert window.network.start_run(presets.load("lr-too-large"), title="γ 0.035 alone")
    controller = window.network.session.controller
    for _ in range(8):
        controller.step()
        assert wait_until(lambda: not controller.running, 5)
    window.network.paint_now()
    w, _ = window.network.miles_panel.curve.getData()
    assert abs(_w(window)) > 10 and w.min() <= _w(window) <= w.max()


def test_only_one_weight_runs_show_it(window):
    for name in presets.names():
        window.open_lesson(name)
        if presets.info(name).variants:     # runs side by side: their overlaid LR plot
            assert window.network.compare.view.plots[2].isVisible(), name
            assert not window.network.miles_panel.isVisible(), name
            continue
        c = presets.load(name)
        one = (c.model.hidden == () and not c.model.bias and c.data.dataset == "miles-to-km")
        assert window.network.miles_panel.isVisible() is one, name
        assert window.network.lr_plot.isVisible() is not one, name
    assert miles_panel.fits(None, None) is False
    assert not math.isnan(miles_panel.EXAMPLE_MILES)


def test_leaving_the_miles_lesson_gives_the_bottom_row_back_and_saves_it_unchanged(window):
    from PySide6 import QtCore
    bottom = window.network.splitters["bottom"]
    before = bottom.sizes()
    window.open_lesson("miles-to-km")
    sizes = bottom.sizes()
    assert sizes[1] == sizes[2] == 0 and sizes[3] > sizes[0] > 0
    settings = QtCore.QSettings("DescentLab", "w2d-test")
    window.network.save_state(settings)
    window.open_lesson("default")
    assert bottom.sizes() == before and window.network.network_view.isVisible()
    bottom.restoreState(settings.value("splitters/bottom"))
    assert bottom.sizes() == before                 # what was saved is the usual row
    settings.clear()
