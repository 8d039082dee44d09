"""Number and choice boxes for a lecture hall, driven by an engine HyperParam spec.

A number box is Qt's own spin box (QDoubleSpinBox with AdaptiveDecimalStepType, or QSpinBox)
with these rules:
- Only numbers are typed into it: digits, the point and the signs. Other keys (H, T, R, E,
  Space, ...) are not accepted as ShortcutOverride, so they reach the window's shortcuts — E
  steps an epoch even in the learning-rate box, so an exponent is typed as 0.001, or pasted
  ("1e-8" from the clipboard is read as a number).
- What is typed applies on Enter or when the focus leaves, and is never clamped: a value the
  spec does not allow is refused with the "Not allowed" message (as every refused config
  edit is) naming the allowed range, and the old value stays.
- Up/Down and the wheel change the shown value; it applies on Enter or focus-out as well, so
  stepping through seeds does not start a run per press.
- Enter applies, Esc restores the applied value; both hand the keyboard back to the window.
- A wheel over a box that does not have focus changes nothing: the panel scrolls instead.

Why Qt's spin boxes and not pg.SpinBox: pg.SpinBox sends steps through a 300 ms SignalProxy
(behaviour and tests would depend on timing), clips out-of-range text to its bounds when
editing finishes, and lets letters into the text; Qt's adaptive decimal step is the stepping
we want, and its signals are synchronous.
"""
from __future__ import annotations

import math
import re

from PySide6 import QtCore, QtGui, QtWidgets

from engine.errors import ConfigError

QT_INT_MAX = 2**31 - 1           # QSpinBox holds a C int
ZERO_STEP = 0.01                 # a step from 0, where "one power of ten below" has no meaning
EDIT_KEYS = {QtCore.Qt.Key_Backspace, QtCore.Qt.Key_Delete, QtCore.Qt.Key_Left,
             QtCore.Qt.Key_Right, QtCore.Qt.Key_Home, QtCore.Qt.Key_End, QtCore.Qt.Key_Up,
             QtCore.Qt.Key_Down, QtCore.Qt.Key_PageUp, QtCore.Qt.Key_PageDown,
             QtCore.Qt.Key_Return, QtCore.Qt.Key_Enter, QtCore.Qt.Key_Escape}
CLIPBOARD_KEYS = {QtCore.Qt.Key_A, QtCore.Qt.Key_C, QtCore.Qt.Key_V, QtCore.Qt.Key_X,
                  QtCore.Qt.Key_Z, QtCore.Qt.Key_Y}        # with Ctrl: select all, copy, ...
FLOAT_TEXT = re.compile(r"[+-]?(\d*\.?\d*([eE][+-]?\d*)?|(n|na|nan|i|in|inf|infi|infin|infini"
                        r"|infinit|infinity))", re.IGNORECASE)
INT_TEXT = re.compile(r"[+-]?\d*")


def show_refusal(widget: QtWidgets.QWidget, err: ConfigError) -> None:
    """The message every refused edit gets (gui/config_edits.py shows config errors so)."""
    QtWidgets.QMessageBox.warning(widget.window(), "Not allowed", str(err))


class _Committing:
    """What NumberBox and WholeBox share: typed text applies on Enter/focus-out or is refused.
    Each of them declares `committed = Signal(object)`: the new value, once it is applied."""

    def _setup(self, spec, key: str) -> None:
        self.spec, self.key = spec, key
        self._applied = None
        self._busy = False
        self.setKeyboardTracking(False)
        self.setFocusPolicy(QtCore.Qt.StrongFocus)   # a wheel alone never takes the focus

    # ---- value ----
    def applied(self):
        """The value last applied (what the config holds), not a stepped, unapplied one."""
        return self._applied

    def show_value(self, value) -> None:
        """Show and adopt value as applied, without emitting."""
        blocked = self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(blocked)
        self._applied = self.value()

    def commit(self) -> bool:
        """Apply the text: emit committed if it changed; refuse it with a message if the spec
        does not allow it. True unless refused."""
        if self._busy:
            return True
        text = self.lineEdit().text().strip()
        try:
            value = self._checked(text)
        except ConfigError as err:
            self._busy = True
            self.show_value(self._applied)            # the old value stays, shown again
            show_refusal(self, err)
            self._busy = False
            return False
        if value != self._applied:
            self.show_value(value)
            self.committed.emit(self._applied)
        else:
            self.show_value(self._applied)            # undo an unapplied step
        return True

    def typed_ok(self) -> bool:
        """Before a step: adopt typed, unapplied text if allowed (Qt would clamp it), else
        refuse it as Enter would. True if stepping may go on."""
        text = self.lineEdit().text().strip()
        if text == self.textFromValue(self.value()):
            return True
        try:
            value = self._checked(text)
        except ConfigError as err:
            self.show_value(self._applied)
            show_refusal(self, err)
            return False
        with QtCore.QSignalBlocker(self):
            self.setValue(value)
        return True

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt override)
        if self.typed_ok():
            super().stepBy(steps)

    def _checked(self, text: str):
        try:
            number = self._parse(text)
        except ValueError:
            raise ConfigError(self.key, text, self.spec.describe()) from None
        value = self.spec.validate(number, self.key)
        if not self.minimum() <= value <= self.maximum():     # what Qt's box can hold
            raise ConfigError(self.key, text, f"{self.spec.describe()}, at most "
                              f"{self.maximum():g} in this box")
        return value

    def _leave(self) -> None:
        self.window().setFocus(QtCore.Qt.OtherFocusReason)   # the plots' keys work again

    # ---- events ----
    def event(self, e: QtCore.QEvent) -> bool:
        if e.type() == QtCore.QEvent.ShortcutOverride and not self._is_number_key(e):
            e.ignore()                        # not ours: the window's shortcut gets it
            return True
        return super().event(e)

    def _is_number_key(self, e: QtGui.QKeyEvent) -> bool:
        if e.modifiers() & QtCore.Qt.ControlModifier:
            return e.key() in CLIPBOARD_KEYS
        if e.key() in EDIT_KEYS:
            return True
        return e.text() != "" and e.text() in "0123456789.+-"

    def keyPressEvent(self, e: QtGui.QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if e.key() in (QtCore.Qt.Key_Return, QtCore.Qt.Key_Enter):
            if self.commit():
                self._leave()
            return
        if e.key() == QtCore.Qt.Key_Escape:
            self.show_value(self._applied)
            self._leave()
            return
        super().keyPressEvent(e)

    def focusOutEvent(self, e: QtGui.QFocusEvent) -> None:  # noqa: N802 (Qt override)
        self.commit()
        super().focusOutEvent(e)

    def wheelEvent(self, e: QtGui.QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():
            super().wheelEvent(e)
        else:
            e.ignore()                        # the scroll area around the panel scrolls

    def validate(self, text: str, pos: int):
        """Typing allows anything on the way to a number; Enter decides if it is allowed."""
        if not self._pattern.fullmatch(text.strip()):
            return QtGui.QValidator.Invalid, text, pos
        try:
            self._parse(text)
            return QtGui.QValidator.Acceptable, text, pos
        except ValueError:
            return QtGui.QValidator.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self._applied if self._applied is not None else self.value())


class NumberBox(_Committing, QtWidgets.QDoubleSpinBox):
    """A float field: shows 4 significant digits (1e-08, 0.01, 20), steps by Qt's adaptive
    decimal step type (one power of ten below the value: 0.01 -> 0.011, 1e-8 -> 1.1e-8)."""

    committed = QtCore.Signal(object)     # the new value, once it is applied
    _pattern = FLOAT_TEXT

    def __init__(self, spec, key: str | None = None):
        super().__init__()
        self._setup(spec, key or spec.name)
        self.setDecimals(323)                 # Qt's most: a typed 1e-12 is kept, not rounded
        self.setStepType(QtWidgets.QAbstractSpinBox.AdaptiveDecimalStepType)
        self.setRange(*_float_range(spec))
        self.show_value(spec.default if isinstance(spec.default, (int, float)) else 0.0)

    def _parse(self, text: str) -> float:
        return float(text)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt override)
        return f"{value:.4g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt override)
        try:
            value = float(text)
        except ValueError:
            return self.value()
        return value if math.isfinite(value) else self.value()

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt override)
        if self.value() == 0 and self.typed_ok() and self.value() == 0:
            self.setValue(steps * ZERO_STEP)  # Qt's adaptive step from 0 is 10^-decimals
        else:
            super().stepBy(steps)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt override)
        return QtCore.QSize(96, super().sizeHint().height())

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt override)
        return QtCore.QSize(72, super().minimumSizeHint().height())


class WholeBox(_Committing, QtWidgets.QSpinBox):
    """A whole-number field (sample count, widths, seeds): steps by 1."""

    committed = QtCore.Signal(object)     # the new value, once it is applied
    _pattern = INT_TEXT

    def __init__(self, spec, key: str | None = None):
        super().__init__()
        self._setup(spec, key or spec.name)
        low = -QT_INT_MAX if spec.low is None else int(spec.low)
        high = QT_INT_MAX if spec.high is None else int(min(spec.high, QT_INT_MAX))
        self.setRange(low, high)
        self.show_value(int(spec.default))

    def _parse(self, text: str) -> int:
        return int(text)


class WheelWhenFocused:
    """Mixin: a wheel changes the widget only once it has focus (a click or Tab gives it);
    otherwise the wheel goes to the scroll area around it."""

    def _take_focus_by_click(self) -> None:
        self.setFocusPolicy(QtCore.Qt.StrongFocus)

    def wheelEvent(self, e: QtGui.QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():
            super().wheelEvent(e)
        else:
            e.ignore()


class ChoiceBox(WheelWhenFocused, QtWidgets.QComboBox):
    """A combo box that a wheel changes only once it has focus."""

    def __init__(self):
        super().__init__()
        self._take_focus_by_click()


class FocusSlider(WheelWhenFocused, QtWidgets.QSlider):
    """A slider that a wheel moves only once it has focus, like the boxes beside it."""

    def __init__(self, orientation=QtCore.Qt.Horizontal):
        super().__init__(orientation)
        self._take_focus_by_click()


def _float_range(spec) -> tuple[float, float]:
    """The spec's bounds for Qt; an open bound is nudged inside (Qt's range is closed)."""
    low = -1e300 if spec.low is None else spec.low
    high = 1e300 if spec.high is None else spec.high
    if spec.low_open:
        low += 1e-300 if low == 0 else abs(low) * 1e-12
    if spec.high_open:
        high -= 1e-12 * max(1.0, abs(high))
    return low, high
