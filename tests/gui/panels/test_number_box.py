"""Number and choice boxes under real key and wheel events: typed values are refused, never
clamped; letters reach the window's shortcuts; Enter/Esc leave; an unfocused wheel scrolls."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtTest, QtWidgets

from engine import datasets, optimizers
from engine.hyper import HyperParam
from gui.panels.data_panel import DataPanel
from gui.panels.number_box import ChoiceBox, NumberBox, WholeBox
from gui.panels.optimizer_panel import OptimizerPanel
from gui.run_bar import RunBar

Qt = QtCore.Qt
ADAM = {s.name: s for s in optimizers.REGISTRY["adam"].specs}
COMMON = {s.name: s for s in datasets.COMMON_PARAMS}


@pytest.fixture
def refusals(monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: shown.append(a[1:]))
    return shown


def _shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def _type(qtbot, box, text: str, finish=Qt.Key_Return) -> None:
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    QtTest.QTest.keyClick(box, Qt.Key_Backspace)
    QtTest.QTest.keyClicks(box, text)
    QtTest.QTest.keyClick(box, finish)


def _optimizer_panel(qtbot, name="adam"):
    panel = _shown(qtbot, OptimizerPanel())
    from engine.config import OptimizerConfig, ScheduleConfig, TrainingConfig
    panel.set_config(OptimizerConfig(name=name), ScheduleConfig(), TrainingConfig())
    return panel


@pytest.mark.parametrize("text", ["nan", "inf", "1e308", "0", "-1"])
def test_a_typed_learning_rate_outside_0_100_is_refused_and_the_old_one_kept(
        qtbot, refusals, text):
    panel = _optimizer_panel(qtbot)
    got = []
    panel.changed.connect(got.append)
    _type(qtbot, panel.lr.spin, text)
    assert len(refusals) == 1
    title, message = refusals[0]
    assert title == "Not allowed"
    assert message.startswith("optimizer.lr = ") and message.endswith("a number in (0, 100]")
    assert got == [] and panel.lr.value() == 0.01 and panel.lr.spin.text() == "0.01"


@pytest.mark.parametrize(("field", "part", "text", "rule"), [
    ("betas", 0, "nan", ADAM["betas"].describe().replace("two numbers, each", "a number")),
    ("eps", 0, "5", ADAM["eps"].describe()),
    ("weight_decay", 0, "100", ADAM["weight_decay"].describe()),
])
def test_typed_hyper_parameters_outside_their_spec_are_refused(qtbot, refusals, field, part,
                                                                text, rule):
    panel = _optimizer_panel(qtbot)
    box = panel.hyper_fields[field].parts[part]
    before = panel.hyper_fields[field].value()
    got = []
    panel.changed.connect(got.append)
    _type(qtbot, box, text)
    assert [m for _, m in refusals] and refusals[0][1].startswith(f"optimizer.{field}")
    assert refusals[0][1].endswith(rule) and got == []
    assert panel.hyper_fields[field].value() == before


@pytest.mark.parametrize(("field", "text"), [("noise", "1000"), ("train_fraction", "2"),
                                             ("train_fraction", "0"), ("n_samples", "1")])
def test_typed_data_values_outside_their_spec_are_refused(qtbot, refusals, field, text):
    panel = _shown(qtbot, DataPanel())
    from engine.config import DataConfig
    panel.set_config(DataConfig())
    before = panel.fields[field].value()
    got = []
    panel.changed.connect(got.append)
    _type(qtbot, panel.fields[field].parts[0], text)
    assert len(refusals) == 1 and got == []
    spec = datasets.GENERATORS["spiral"].noise_param() if field == "noise" else COMMON[field]
    assert refusals[0][1].endswith(f"is not allowed: {spec.describe()}")
    assert panel.fields[field].value() == before


def test_an_allowed_typed_value_applies_once_exactly_as_typed(qtbot, refusals):
    panel = _optimizer_panel(qtbot)
    got = []
    panel.changed.connect(got.append)
    _type(qtbot, panel.hyper_fields["eps"].parts[0], "1e-12")
    assert refusals == [] and got == [{"optimizer.params": {"betas": (0.9, 0.999),
                                                            "eps": 1e-12,
                                                            "weight_decay": 0.0,
                                                            "amsgrad": False}}]
    assert panel.hyper_fields["eps"].parts[0].text() == "1e-12"


def _window_with(qtbot, box, keys="HTRE "):
    """A window holding box, with a shortcut per key that counts its presses."""
    window = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(window)
    layout.addWidget(box)
    pressed = []
    for key in keys:
        shortcut = QtGui.QShortcut(QtGui.QKeySequence("Space" if key == " " else key), window)
        shortcut.activated.connect(lambda k=key: pressed.append(k))
    _shown(qtbot, window)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    return window, pressed


def test_letters_and_space_reach_the_window_shortcuts_not_the_field(qtbot):
    box = NumberBox(HyperParam("lr", 0.05, "float", 0.0, 1.0))
    _, pressed = _window_with(qtbot, box)
    box.selectAll()
    for key in (Qt.Key_H, Qt.Key_T, Qt.Key_R, Qt.Key_E, Qt.Key_Space):
        QtTest.QTest.keyClick(box, key)
    assert pressed == ["H", "T", "R", "E", " "] and box.text() == "0.05"


def test_e_is_the_windows_key_even_after_a_digit_and_digits_are_typed(qtbot, refusals):
    box = NumberBox(HyperParam("eps", 0.5, "float", 0.0, 1.0, low_open=True))
    _, pressed = _window_with(qtbot, box)
    applied = []
    box.committed.connect(applied.append)
    box.selectAll()
    QtTest.QTest.keyClick(box, Qt.Key_Backspace)
    QtTest.QTest.keyClicks(box, "0.03e")
    assert box.text() == "0.03" and pressed == ["E"]          # never "0.03e"
    QtTest.QTest.keyClick(box, Qt.Key_Return)
    assert applied == [0.03] and refusals == []


def test_an_exponent_can_still_be_pasted(qtbot, refusals):
    box = NumberBox(HyperParam("eps", 0.5, "float", 0.0, 1.0, low_open=True))
    window, _ = _window_with(qtbot, box)                      # kept alive while it is used
    applied = []
    box.committed.connect(applied.append)
    box.lineEdit().setText("2e-3")                             # what Ctrl+V puts there
    QtTest.QTest.keyClick(box, Qt.Key_Return)
    assert applied == [0.002] and refusals == []


def test_a_whole_number_box_takes_no_e_and_no_point(qtbot):
    box = WholeBox(HyperParam("seed", 7, "int", 0))
    _, pressed = _window_with(qtbot, box)
    QtTest.QTest.keyClick(box, Qt.Key_End)
    QtTest.QTest.keyClicks(box, "1e.")
    assert box.text() == "71" and pressed == ["E"]


def test_enter_applies_and_leaves_esc_restores_and_leaves(qtbot):
    box = NumberBox(HyperParam("noise", 0.0, "float", 0.0, 100.0))
    window, _ = _window_with(qtbot, box, keys="")
    applied = []
    box.committed.connect(applied.append)
    _type(qtbot, box, "0.25")
    assert applied == [0.25] and QtWidgets.QApplication.focusWidget() is window
    _type(qtbot, box, "3", finish=Qt.Key_Escape)
    assert applied == [0.25] and box.text() == "0.25"
    assert QtWidgets.QApplication.focusWidget() is window


def test_up_down_in_the_seed_box_start_one_run_on_enter_not_one_per_press(qtbot):
    panel = RunBar()
    window, _ = _window_with(qtbot, panel, keys="")
    from engine.config import TrainingConfig
    panel.set_config(TrainingConfig(seed=3))
    got = []
    panel.changed.connect(got.append)
    panel.seed.setFocus()
    qtbot.waitUntil(panel.seed.hasFocus)
    for _ in range(4):
        QtTest.QTest.keyClick(panel.seed, Qt.Key_Up)
    QtTest.QTest.keyClick(panel.seed, Qt.Key_Down)
    assert got == [] and panel.seed.text() == "6"
    QtTest.QTest.keyClick(panel.seed, Qt.Key_Return)
    assert got == [{"training.seed": 6}]


def test_a_step_after_typing_a_value_out_of_range_refuses_it_instead_of_clamping(
        qtbot, refusals):
    box = NumberBox(HyperParam("noise", 0.5, "float", 0.0, 3.0))
    window, _ = _window_with(qtbot, box, keys="")
    box.selectAll()
    QtTest.QTest.keyClick(box, Qt.Key_Backspace)
    QtTest.QTest.keyClicks(box, "1000")
    QtTest.QTest.keyClick(box, Qt.Key_Up)
    assert len(refusals) == 1 and refusals[0][1].endswith("a number in [0, 3]")
    assert box.text() == "0.5"
    box.selectAll()
    QtTest.QTest.keyClicks(box, "2")
    QtTest.QTest.keyClick(box, Qt.Key_Up)             # typed 2, stepped by 0.1 from it
    assert box.text() == "2.1" and len(refusals) == 1 and window.isVisible()


def test_leaving_a_stepped_field_applies_it(qtbot):
    box = WholeBox(HyperParam("n", 5, "int", 1, 10))
    other = QtWidgets.QLineEdit()
    window, _ = _window_with(qtbot, box, keys="")
    window.layout().addWidget(other)
    applied = []
    box.committed.connect(applied.append)
    QtTest.QTest.keyClick(box, Qt.Key_Up)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert applied == [6]


def _wheel(widget, steps: int = 1) -> bool:
    """Send a wheel event to widget and, as Qt does with a real (spontaneous) one, to each
    parent in turn while it is ignored; True if widget itself took it."""
    target = widget
    while target is not None:
        centre = QtCore.QPointF(target.rect().center())
        event = QtGui.QWheelEvent(centre, target.mapToGlobal(centre), QtCore.QPoint(0, 0),
                                  QtCore.QPoint(0, 120 * steps), Qt.NoButton, Qt.NoModifier,
                                  Qt.NoScrollPhase, False)
        QtWidgets.QApplication.sendEvent(target, event)
        if event.isAccepted():
            return target is widget
        target = target.parentWidget()
    return False


def _scrolled_panel(qtbot, box):
    inner = QtWidgets.QWidget()
    layout = QtWidgets.QVBoxLayout(inner)
    layout.addWidget(box)
    layout.addSpacing(2000)
    area = QtWidgets.QScrollArea()
    area.setWidget(inner)
    area.resize(200, 150)
    focus = QtWidgets.QPushButton("elsewhere", area)
    _shown(qtbot, area)
    focus.setFocus()
    return area


@pytest.mark.parametrize("make", [
    lambda: NumberBox(HyperParam("noise", 0.5, "float", 0.0, 100.0)),
    lambda: WholeBox(HyperParam("n", 5, "int", 1, 10)),
])
def test_a_wheel_over_an_unfocused_box_changes_nothing_and_scrolls_the_panel(qtbot, make):
    box = make()
    area = _scrolled_panel(qtbot, box)
    text = box.text()
    assert _wheel(box, -1) is False                   # ignored: it goes on to the panel
    assert box.text() == text and area.verticalScrollBar().value() > 0


def test_a_wheel_over_the_unfocused_learning_rate_slider_changes_nothing(qtbot):
    panel = _optimizer_panel(qtbot)
    area = _scrolled_panel(qtbot, panel)
    got = []
    panel.changed.connect(got.append)
    position = panel.lr.slider.value()
    assert _wheel(panel.lr.slider, -1) is False
    assert panel.lr.slider.value() == position and got == []
    assert area.verticalScrollBar().value() > 0


def test_a_wheel_over_an_unfocused_combo_changes_nothing(qtbot):
    combo = ChoiceBox()
    combo.addItems(["a", "b", "c"])
    combo.setCurrentIndex(1)
    area = _scrolled_panel(qtbot, combo)
    assert _wheel(combo, -1) is False
    assert combo.currentIndex() == 1 and area.verticalScrollBar().value() > 0
    assert combo.focusPolicy() == Qt.StrongFocus


def test_a_wheel_over_a_focused_box_steps_and_applies_on_enter(qtbot):
    box = WholeBox(HyperParam("n", 5, "int", 1, 10))
    area = _scrolled_panel(qtbot, box)
    applied = []
    box.committed.connect(applied.append)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    assert _wheel(box, 2) is True
    assert box.text() == "7" and applied == []
    QtTest.QTest.keyClick(box, Qt.Key_Return)
    assert applied == [7] and area.verticalScrollBar().value() == 0


def test_float_steps_are_qts_adaptive_decimal_steps(qtbot):
    box = NumberBox(HyperParam("lr", 0.01, "float", 0.0, 100.0, low_open=True))
    qtbot.addWidget(box)
    assert box.stepType() == QtWidgets.QAbstractSpinBox.AdaptiveDecimalStepType
    box.stepBy(1)
    assert box.value() == pytest.approx(0.011)
    box.show_value(1e-8)
    box.stepBy(1)
    assert box.value() == pytest.approx(1.1e-8) and box.text() == "1.1e-08"
    zero = NumberBox(HyperParam("noise", 0.0, "float", 0.0, 100.0))
    qtbot.addWidget(zero)
    zero.stepBy(1)
    assert zero.value() == pytest.approx(0.01)
