"""The run keys, sent to whatever widget has the focus, as a lecturer's keyboard would."""
from __future__ import annotations

import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine import presets
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
    for key in (Qt.Key_0, Qt.Key_Period, Qt.Key_0, Qt.Key_3):
        press(shown, key)
    assert spin.lineEdit().text() == "0.03"
    press(shown, Qt.Key_H)
    press(shown, Qt.Key_T)
    press(shown, Qt.Key_E)                                      # the "0.03hte"
    assert spin.lineEdit().text() == "0.03"
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


def _number_box(window, qtbot):
    spin = window.network.optimizer_panel.lr.findChild(QtWidgets.QAbstractSpinBox)
    click_into(qtbot, spin)
    return spin


def _seed(window, qtbot):
    click_into(qtbot, window.run_bar.seed)
    return window.run_bar.seed


def _combo(window, qtbot):
    combo = window.network.optimizer_panel.menu
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)     # opens its list
    combo.hidePopup()                                      # chosen nothing: the focus stays
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is combo, 3)
    return combo


def _slider(window, qtbot):
    slider = window.network.loss_plot.smoothing
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton)
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is slider, 3)
    return slider


def _nothing(window, qtbot):
    return focused(window)


def _value(field):
    if isinstance(field, QtWidgets.QAbstractSpinBox):
        return field.lineEdit().text()
    if isinstance(field, QtWidgets.QComboBox):
        return field.currentText()
    return field.value() if isinstance(field, QtWidgets.QSlider) else None


@pytest.mark.parametrize("click", [_nothing, _number_box, _seed, _combo, _slider],
                         ids=["no click", "number box", "seed", "combo", "slider"])
def test_every_window_key_works_whatever_has_the_focus(shown, qtbot, click):
    """T, H, F1, →, Space, F3/F2, L, Page Down/Up and Ctrl+digit reach the window from each
    kind of field, and nothing is typed into the field or changes its value."""
    field = click(shown, qtbot)
    value, actions, session = _value(field), shown.actions, shown.network.session
    test_points = actions["test_points"].isChecked()
    press(shown, Qt.Key_T)
    assert actions["test_points"].isChecked() is not test_points
    caption = actions["caption"].isChecked()
    press(shown, Qt.Key_H)
    assert actions["caption"].isChecked() is not caption
    press(shown, Qt.Key_F1)
    keys_box = shown.findChild(QtWidgets.QMessageBox, "keysHelp")
    assert keys_box is not None and keys_box.isVisible()
    keys_box.hide()
    press(shown, Qt.Key_Right)
    assert wait_until(lambda: len(session.history) == 1 and not session.controller.running, 5)
    press(shown, Qt.Key_Space)
    assert session.controller.playing
    press(shown, Qt.Key_Space)
    assert not session.controller.playing
    assert _value(field) == value                  # nothing typed, nothing stepped
    press(shown, Qt.Key_L)
    assert shown.picker is not None and shown.picker.isVisible()
    QTest.keyClick(shown.picker.list, Qt.Key_Escape)
    assert wait_until(lambda: not shown.picker.isVisible() and (
        QtWidgets.QApplication.focusWidget() or shown.picker).window() is shown, 3)
    press(shown, Qt.Key_PageDown)                  # from a run of no lesson: the first one
    names = presets.names()
    assert shown.lesson == names[0]
    press(shown, Qt.Key_PageDown)
    assert shown.lesson == names[1]
    assert shown.windowTitle().endswith(presets.info(names[1]).title)
    press(shown, Qt.Key_PageUp)
    assert shown.lesson == names[0]
    QTest.keyClick(focused(shown), Qt.Key_3, Qt.ControlModifier)
    assert shown.lesson == names[2]
    press(shown, Qt.Key_F3)
    assert wait_until(lambda: shown.tabs.currentIndex() == 1, 5)
    press(shown, Qt.Key_F2)
    assert wait_until(lambda: shown.tabs.currentIndex() == 0, 5)


def test_the_clicker_walks_the_whole_lecture_and_stops_at_both_ends(shown):
    names = presets.names()
    shown.open_lesson(names[-2])
    press(shown, Qt.Key_PageDown)
    assert shown.lesson == names[-1]
    run_id = shown.network.session.controller.run_id
    press(shown, Qt.Key_PageDown)                  # past the last: stays, and says so
    assert shown.lesson == names[-1] and shown.network.session.controller.run_id == run_id
    assert shown.statusBar().currentMessage() == "This is the last lesson"
    shown.open_lesson(names[0])
    press(shown, Qt.Key_PageUp)
    assert shown.lesson == names[0]
    assert shown.statusBar().currentMessage() == "This is the first lesson"


def test_the_lesson_picker_opens_any_lesson_with_arrows_and_enter(shown):
    names = presets.names()
    press(shown, Qt.Key_L)
    picker = shown.picker
    assert picker.list.count() == len(names)
    assert picker.list.item(len(names) - 1).text().startswith(f"{len(names)}. ")
    picker.list.setFocus()
    for _ in range(len(names) - 1):                 # down to the last lesson, past Ctrl+9
        QTest.keyClick(picker.list, Qt.Key_Down)
    QTest.keyClick(picker.list, Qt.Key_Return)
    assert not picker.isVisible() and shown.lesson == names[-1]
    assert shown.caption.title.text() == presets.info(names[-1]).title


def test_f1_shows_and_hides_every_key_of_the_menus(shown):
    from gui.menus import KEYS
    press(shown, Qt.Key_F1)
    box = shown.findChild(QtWidgets.QMessageBox, "keysHelp")
    assert box.isVisible() and not box.isModal()
    listed = " ".join(k for k, _ in KEYS)
    for action in shown.actions.values():
        key = action.shortcut().toString()
        if key:
            assert key.replace("PgDown", "Page Down").replace("PgUp", "Page Up").split("+")[-1] \
                in listed, key
    press(shown, Qt.Key_F1)
    assert not box.isVisible()


def test_right_arrow_moves_the_cursor_while_a_number_is_typed_and_steps_otherwise(shown, qtbot):
    spin = _number_box(shown, qtbot)
    assert QtWidgets.QApplication.focusWidget() is spin
    session = shown.network.session
    spin.lineEdit().selectAll()
    for key in (Qt.Key_0, Qt.Key_Period, Qt.Key_0, Qt.Key_0, Qt.Key_5, Qt.Key_Left, Qt.Key_Left):
        press(shown, key)
    assert spin.lineEdit().cursorPosition() == 3
    press(shown, Qt.Key_Right)                     # typing: the cursor moves, no step
    assert spin.lineEdit().cursorPosition() == 4 and len(session.history) == 0
    press(shown, Qt.Key_Return)                    # applied; the field is left
    assert wait_until(lambda: session.config.optimizer.lr == 5e-3, 3)
    click_into(qtbot, spin)
    press(shown, Qt.Key_Right)                     # nothing typed: one step
    assert wait_until(lambda: len(session.history) == 1, 5)


def test_ctrl_z_in_a_number_box_takes_back_the_new_run(shown, qtbot):
    session = shown.network.session
    session.controller.step(7)
    assert wait_until(lambda: len(session.history) == 7 and not session.controller.running, 5)
    shown.open_lesson("binary-cross-entropy")      # one run: its panels take typing
    spin = _number_box(shown, qtbot)
    assert QtWidgets.QApplication.focusWidget() is spin
    QTest.keyClick(focused(shown), Qt.Key_Z, Qt.ControlModifier)
    assert session.controller.trainer.step_count == 7 and shown.lesson == "default"
