"""The run keys, sent to whatever widget has the focus, as a lecturer's keyboard would."""
from __future__ import annotations

import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.keys import takes_key
from tests.gui.helpers import wait_until


def focused(window):
    """The widget the keys go to, once the shown window has the focus."""
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is not None, 3)
    return QtWidgets.QApplication.focusWidget()


def press(window, key) -> None:
    QTest.keyClick(focused(window), key)


def click_into(qtbot, spin) -> None:
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is spin, 3)


@pytest.fixture
def shown(window, qtbot):
    qtbot.waitExposed(window)
    return window


def test_space_plays_and_pauses_right_after_the_window_opens(shown):
    session = shown.network.session
    assert not isinstance(focused(shown), QtWidgets.QAbstractSpinBox)
    press(shown, Qt.Key_Space)
    assert session.controller.playing and shown.run_bar.play.text() == "❚❚ Pause"
    assert wait_until(lambda: len(session.history) > 5, 5)
    press(shown, Qt.Key_Space)
    assert wait_until(lambda: not session.controller.running, 3)
    assert shown.run_bar.play.text() == "▶ Play"


def test_step_and_epoch_keys_leave_the_button_saying_play(shown):
    session = shown.network.session
    press(shown, Qt.Key_Right)
    assert shown.run_bar.play.text() == "▶ Play"
    assert wait_until(lambda: len(session.history) == 1 and not session.controller.running, 3)
    assert shown.run_bar.play.text() == "▶ Play"
    press(shown, Qt.Key_E)
    per_epoch = session.controller.trainer.steps_per_epoch
    assert wait_until(lambda: len(session.history) == 1 + per_epoch, 5)
    assert wait_until(lambda: not session.controller.running, 3)
    assert shown.run_bar.play.text() == "▶ Play" and not shown.network.is_playing


def test_keys_in_the_seed_box_go_to_the_run_not_into_the_field(shown, qtbot):
    session, seed = shown.network.session, shown.run_bar.seed
    click_into(qtbot, seed)
    text = seed.lineEdit().text()
    run_id = session.controller.run_id
    press(shown, Qt.Key_R)
    assert session.controller.run_id == run_id + 1
    press(shown, Qt.Key_E)
    per_epoch = session.controller.trainer.steps_per_epoch
    assert wait_until(lambda: len(session.history) == per_epoch, 5)
    caption = shown.actions["caption"].isChecked()
    press(shown, Qt.Key_H)
    assert shown.actions["caption"].isChecked() is not caption
    press(shown, Qt.Key_Space)
    assert session.controller.playing
    press(shown, Qt.Key_Space)
    assert seed.lineEdit().text() == text             # nothing was typed into it
    press(shown, Qt.Key_Return)
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is shown.network, 3)


def test_the_learning_rate_box_keeps_numbers_and_gives_letters_to_the_shortcuts(shown, qtbot):
    spin = shown.network.optimizer_panel.lr.findChild(QtWidgets.QAbstractSpinBox)
    click_into(qtbot, spin)
    spin.lineEdit().selectAll()
    for key in (Qt.Key_1, Qt.Key_E, Qt.Key_Minus, Qt.Key_3):
        press(shown, key)
    assert spin.lineEdit().text() == "1e-3"
    press(shown, Qt.Key_H)
    press(shown, Qt.Key_T)
    assert spin.lineEdit().text() == "1e-3"
    assert not shown.actions["test_points"].isChecked()         # T reached its action
    press(shown, Qt.Key_Escape)
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is shown.network, 3)


def test_f11_is_bound_once_and_toggles_full_screen(shown, qtlog):
    press(shown, Qt.Key_F11)
    assert wait_until(lambda: shown.isFullScreen(), 3)
    press(shown, Qt.Key_F11)
    assert wait_until(lambda: not shown.isFullScreen(), 3)
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


@pytest.mark.parametrize("field, text, kept", [
    (QtWidgets.QSpinBox, "7", True), (QtWidgets.QSpinBox, "e", False),
    (QtWidgets.QSpinBox, " ", False), (QtWidgets.QSpinBox, "", True),
    (QtWidgets.QDoubleSpinBox, "e", True), (QtWidgets.QDoubleSpinBox, ".", True),
    (QtWidgets.QDoubleSpinBox, "h", False), (QtWidgets.QDoubleSpinBox, " ", False),
])
def test_a_number_field_keeps_only_what_can_be_part_of_a_number(qapp, field, text, kept):
    assert takes_key(field(), text) is kept
