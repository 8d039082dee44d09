"""The window fits the screen on the first start and later starts restore it (QSettings).

The offscreen platform has one 800×800 screen: the geometries here fit inside it."""
from __future__ import annotations

import math

import pytest
from PySide6 import QtCore, QtWidgets

from engine import presets
from gui import app as gui_app
from gui import window_state
from gui.main_window import MainWindow
from tests.gui.helpers import wait_until


def remembered_window(qtbot, restore_lesson=True) -> MainWindow:
    gui_app.make_app()
    config, title = gui_app.load_config("default", None)
    window = MainWindow(config, title, lesson="default", remember=True,
                        restore_lesson=restore_lesson)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("width, height", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_first_start_fits_the_free_area_of_the_screen(width, height):
    available = QtCore.QRect(0, 0, width, height - 30)          # minus a task bar
    rect, maximised = window_state.first_geometry(available)
    assert available.contains(rect)
    assert rect.top() >= window_state.TITLE_BAR                  # its title bar on screen too
    assert maximised is (width < 1600 or height - 30 < 900 + window_state.TITLE_BAR)
    if width == 1920:
        assert (rect.width(), rect.height()) == (1600, 900)
        assert rect.center().x() in (959, 960)


def test_the_window_and_its_panels_fit_1280_by_720(window, qtbot):
    """Nothing is clipped: the window's minimum size fits the screen, and the panel column
    is as wide as its widest field needs, whatever the optimizer (NAdam's are the widest)."""
    assert window.minimumSizeHint().width() <= 1280
    assert window.minimumSizeHint().height() <= 720 - window_state.TITLE_BAR
    scroll = window.network.findChild(QtWidgets.QScrollArea)
    for name in ("nadam", "adam", "sgd", "adadelta"):
        window.network.edit_config({"optimizer.name": name, "optimizer.params": {}})
        assert wait_until(lambda: scroll.viewport().width()
                          >= scroll.widget().minimumSizeHint().width(), 2), name
        assert scroll.widget().width() <= scroll.viewport().width()


def test_a_later_start_restores_size_place_splitters_speed_and_lesson(qtbot):
    first = remembered_window(qtbot)
    first.show()
    first.showNormal()
    width = first.minimumSizeHint().width()     # wider than this 800-px screen already
    first.setGeometry(QtCore.QRect(0, 50, width, 600))
    assert wait_until(lambda: (first.width(), first.height()) == (width, 600), 2)
    first.network.splitters["top"].setSizes([300, 500])
    sizes = first.network.splitters["top"].sizes()
    first.open_lesson("binary-cross-entropy")              # at its own speed, then the lecturer's choice
    first.run_bar.set_speed_value(20)
    first.close()
    store = window_state.settings()
    assert store.value("lesson") == "binary-cross-entropy" and float(store.value("network/speed")) == 20

    second = remembered_window(qtbot)
    second.show()
    geometry = second.geometry
    assert wait_until(lambda: (geometry().y(), geometry().width(), geometry().height())
                      == (50, width, 600), 2)
    assert second.network.splitters["top"].sizes() == sizes
    assert second.lesson == "binary-cross-entropy"
    assert second.windowTitle().endswith(presets.info("binary-cross-entropy").title)
    assert second.modes.current.speed == 20 and second.run_bar.steps_per_second == 20
    second.close()


def test_a_file_or_a_preset_on_the_command_line_wins_over_the_last_lesson(qtbot):
    first = remembered_window(qtbot)
    first.open_lesson("momentum")
    first.run_bar.set_speed_value(math.inf)
    first.close()
    second = remembered_window(qtbot, restore_lesson=False)
    assert second.lesson == "default" and second.modes.current.speed is None
    second.close()


def test_a_maximised_window_opens_maximised_again(qtbot):
    first = remembered_window(qtbot)
    first.showMaximized()
    assert wait_until(first.isMaximized, 2)
    first.close()
    second = remembered_window(qtbot)
    second.show()
    assert wait_until(second.isMaximized, 2)
    second.close()


def test_a_broken_saved_speed_or_lesson_is_ignored(qtbot):
    store = window_state.settings()
    store.setValue("network/speed", "fast")
    store.setValue("lesson", "no-such-lesson")
    store.sync()
    window = remembered_window(qtbot)
    # the default lesson at its own speed, neither broken value taken
    assert window.lesson == "default" and window.network.speed == presets.info("default").speed
    window.close()


def test_a_first_start_on_a_small_screen_opens_maximised_on_it(qtbot):
    window = remembered_window(qtbot)          # nothing saved yet; the screen is 800×800
    window.show()
    assert wait_until(window.isMaximized, 2)
    free = window.screen().availableGeometry()     # narrower than any screen we support:
    assert window.geometry().bottom() <= free.bottom()   # the status bar is on it
    window.close()


def test_the_theme_is_remembered(qtbot):
    first = remembered_window(qtbot)
    first.actions["light_theme"].setChecked(True)
    assert first.presentation.theme_name == "light"
    first.close()
    assert window_state.settings().value("view/theme") == "light"
    second = remembered_window(qtbot)
    assert second.presentation.theme_name == "light"
    assert second.actions["light_theme"].isChecked()
    second.actions["light_theme"].setChecked(False)             # back to dark for the rest
    second.close()
