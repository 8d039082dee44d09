"""The Lessons menu, captions and presentation mode."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine import presets
from gui.lessons import SECTIONS, section_of
from gui.plots.plot_style import nice_ceiling
from tests.gui.helpers import wait_until
from tests.gui.test_main_window import played


def _played_lesson(window, name: str, n: int) -> None:
    window.open_lesson(name)
    window.run_bar.set_speed_value(math.inf)
    played(window, n)


def _y_range(plot) -> tuple[float, float]:
    return tuple(plot.plot.getViewBox().viewRange()[1])


def test_menu_lists_every_preset_in_the_lectures_order(window):
    menu = window.lessons_menu
    names = presets.names()
    assert list(menu.actions_by_name) == names
    lessons = set(menu.actions_by_name.values())
    entries = [a for a in menu.actions() if a in lessons]      # not the picker / next / prev
    assert [a.text() for a in entries] == [f"{i}. {presets.info(n).title}"
                                           for i, n in enumerate(names, start=1)]
    headings = [a for a in menu.actions() if a.data() == "heading"]
    assert [a.text() for a in headings] == [title.upper() for _, title in SECTIONS]
    assert all(a.font().bold() and not a.isEnabled() and not a.isSeparator()
               for a in headings)
    assert menu.actions_by_name[names[1]].shortcut().toString() == "Ctrl+2"


def test_sections_follow_the_order_numbers():
    assert section_of(0) == "Start"
    assert section_of(25) == "Objective function and loss functions"
    assert section_of(61) == "Gradient descent: how much to update?"


def test_choosing_a_lesson_starts_it_with_its_caption(window):
    old_run = window.network.session.controller.run_id
    window.lessons_menu.actions_by_name["miles-to-km"].trigger()
    info = presets.info("miles-to-km")
    assert not info.variants and window.network.compare is None
    assert window.windowTitle() == f"Descent Lab — {info.title}"
    assert window.network.session.config.data.dataset == "miles-to-km"
    assert window.network.session.controller.run_id == old_run + 1
    assert len(window.network.session.history) == 0
    assert window.caption.isVisible() and window.caption.text.text() == info.lesson
    window.set_caption_visible(False)
    assert not window.caption.isVisible()


def test_a_comparison_lesson_opens_its_runs_side_by_side_with_its_caption(window):
    window.lessons_menu.actions_by_name["lr-too-large"].trigger()
    info = presets.info("lr-too-large")
    runs = window.network.compare
    assert runs is not None and len(runs.sessions) == len(info.variants) == 4
    assert [s.config.optimizer.lr for s in runs.sessions] == [0.035, 0.025, 0.014, 0.0035]
    assert {s.config.data.dataset for s in runs.sessions} == {"miles-to-km"}
    assert runs.labels == [v.label for v in info.variants]
    assert window.windowTitle() == f"Descent Lab — {info.title}"
    assert window.caption.isVisible() and window.caption.text.text() == info.lesson


def test_the_too_large_lesson_diverges_and_says_which_run(window):
    window.open_lesson("lr-too-large")
    notes = []
    window.network.note_shown.connect(notes.append)
    window.run_bar.set_speed_value(math.inf)      # its own 2 steps/s would take 10 s
    window.modes.toggle_play()
    runs = window.network.compare
    first = runs.sessions[0].controller
    assert wait_until(lambda: first.trainer.divergence is not None, 20)
    assert first.trainer.step_count < 100          # γ 0.035 blows up within a few dozen steps
    assert wait_until(lambda: any(n.startswith("Run 1 (γ 0.035") for n in notes), 5)
    others = [s.controller.trainer for s in runs.sessions[1:]]
    assert all(t.divergence is None for t in others)   # the smaller rates go on


def test_presentation_mode_toggles_full_screen(window):
    window.presentation.toggle()
    assert wait_until(lambda: window.isFullScreen(), 2)
    window.presentation.leave()
    assert wait_until(lambda: not window.isFullScreen(), 2)


def test_bce_after_mbe_starts_clean_and_its_y_range_fits_bce_only(window):
    _played_lesson(window, "mbe-runs-away", 300)
    assert window.network.loss_plot.has_ghost is False      # MBE itself started clean
    _played_lesson(window, "binary-cross-entropy", 60)
    plot = window.network.loss_plot
    assert not plot.has_ghost and len(plot.ghost.getData()[0] or []) == 0
    assert not plot.clear_ghost_button.isVisible()
    loss = window.network.session.history.column("loss")
    lo, hi = _y_range(plot)                       # log10 units, quarter decades
    assert plot.log_y
    assert lo <= np.log10(loss.min()) and np.log10(loss.max()) <= hi
    assert hi - lo <= np.log10(loss.max() / loss.min()) + 1.0   # nothing else widened it


def test_the_same_lesson_again_keeps_the_ghost_without_letting_it_set_the_range(window):
    _played_lesson(window, "regression-losses", 400)
    _played_lesson(window, "regression-losses", 40)
    plot = window.network.loss_plot
    assert plot.has_ghost and len(plot.ghost.getData()[0]) > 100
    assert plot.clear_ghost_button.isVisibleTo(plot)
    ghost_x_hi = plot.ghost.getData()[0][-1]
    x_hi = plot.plot.getViewBox().viewRange()[0][1]
    assert x_hi == nice_ceiling(len(window.network.session.history))   # its own steps only
    assert ghost_x_hi >= 400
    plot.clear_ghost_button.click()
    assert not plot.has_ghost and len(plot.ghost.getData()[0] or []) == 0
    assert not plot.clear_ghost_button.isVisibleTo(plot)


def test_opening_a_lesson_sets_the_run_bars_speed(window):
    for name in presets.names():
        speed = presets.info(name).speed
        window.run_bar.set_speed_value(math.inf if speed else 1)
        window.lessons_menu.actions_by_name[name].trigger()
        assert window.run_bar.steps_per_second == (math.inf if speed is None else speed)
        assert window.modes.current.speed == speed     # the run, or every compared run
        assert window.run_bar.speed_label.text() == ("max" if speed is None else
                                                     f"{speed:g}/s")


def test_mbe_loss_is_on_a_linear_axis_and_bce_on_a_log_one(window):
    _played_lesson(window, "mbe-runs-away", 200)
    plot = window.network.loss_plot
    loss = window.network.session.history.column("loss")
    assert not plot.log_y and loss.min() < 0
    lo, hi = _y_range(plot)
    assert lo <= loss.min() and hi >= loss.max()
    window.open_lesson("binary-cross-entropy")
    assert plot.log_y


def test_after_reset_the_plots_show_an_empty_range_not_the_old_one(window):
    played(window, 300)
    window.modes.reset()
    window.network.paint_now()
    n = window.network
    for plot, (lo, hi) in ((n.loss_plot, (-2, 1)), (n.gradient_plot, (-3, 1)),
                           (n.lr_plot, (-4, 0))):
        x = plot.plot.getViewBox().viewRange()[0]
        assert x == pytest.approx([0, 100]) and _y_range(plot) == pytest.approx((lo, hi))


def test_a_plain_start_shows_the_default_lessons_caption_and_h_toggles_it(qtbot):
    from PySide6 import QtCore, QtWidgets
    from PySide6.QtTest import QTest

    from gui import app as gui_app
    from gui.main_window import MainWindow
    gui_app.make_app()
    config, title = gui_app.load_config("default", None)
    w = MainWindow(config, title, lesson="default")
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    try:
        assert wait_until(lambda: w.caption.isVisible(), 2)
        assert w.actions["caption"].isChecked()
        assert w.caption.text.text() == presets.info("default").lesson
        assert w.run_bar.speed_label.text() == f"{presets.info('default').speed:g}/s"
        assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is not None, 2)
        QTest.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key_H)
        assert wait_until(lambda: not w.caption.isVisible(), 2)
        QTest.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key_H)
        assert wait_until(lambda: w.caption.isVisible(), 2)
    finally:
        w.close()


def test_opening_a_config_file_takes_the_old_lessons_caption_away(window, tmp_path):
    import json

    from gui import file_actions
    window.open_lesson("lr-too-large")
    assert window.caption.isVisible()
    path = tmp_path / "km.json"
    path.write_text(json.dumps(presets.load("miles-to-km").to_dict()))
    assert file_actions.open_config(window.network, str(path))
    assert not window.caption.isVisible() and window.caption.text.text() == ""
    assert window.windowTitle() == "Descent Lab — km"
    assert not window.network.loss_plot.has_ghost
