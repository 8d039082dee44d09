"""The run keys work whatever has the focus: a number field never swallows them.

A focused QLineEdit or spin box claims every printable key before the window's shortcuts see
it (Qt's ShortcutOverride), so Space, E, R, H and T would be typed into the learning-rate or
seed box. While a number field has the focus, this filter lets it keep only the keys that can
be part of a number; every other key goes to the shortcuts, and so do Page Up / Page Down
(previous / next lesson), the function keys, and → and Ctrl+Z unless a number is being typed
(then they move the text cursor and undo the typing). Enter or Esc leaves the field.
"""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

INTEGER_CHARS = frozenset("0123456789+-")
DECIMAL_CHARS = INTEGER_CHARS | frozenset(".,eE")        # 1e-3, 0,5
LEAVE_KEYS = (QtCore.Qt.Key_Return, QtCore.Qt.Key_Enter, QtCore.Qt.Key_Escape)
# Keys that belong to the window even in a field: the clicker's next / previous lesson, and
# the function keys (help, modes, caption, presentation mode).
WINDOW_KEYS = frozenset((QtCore.Qt.Key_PageDown, QtCore.Qt.Key_PageUp, QtCore.Qt.Key_F1,
                         QtCore.Qt.Key_F2, QtCore.Qt.Key_F3, QtCore.Qt.Key_F11))


def takes_key(field: QtWidgets.QAbstractSpinBox, text: str) -> bool:
    """Whether number field `field` keeps a key that types `text` (else it is a shortcut)."""
    if not text or not text.isprintable():
        return True                          # arrows, Backspace, Home…: the field's own
    chars = INTEGER_CHARS if isinstance(field, QtWidgets.QSpinBox) else DECIMAL_CHARS
    return all(c in chars for c in text)


def _editing_key(event) -> bool:
    """→ and Ctrl+Z: the field's while a number is typed (cursor, the field's own undo),
    else the window's (one step, Edit → Undo)."""
    return event.key() == QtCore.Qt.Key_Right or event.matches(QtGui.QKeySequence.Undo)


def editing(field: QtWidgets.QAbstractSpinBox) -> bool:
    """Whether text is being typed into `field` (it differs from the value it shows): then
    → moves the text cursor; otherwise → is the window's one-step key."""
    return field.lineEdit().text().strip() != field.textFromValue(field.value()).strip()


class FieldKeys(QtCore.QObject):
    """Watches the focused number field; `home()` is the widget focus returns to."""

    def __init__(self, home, parent=None):
        super().__init__(parent)
        self.home = home
        self._field = None
        QtWidgets.QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old, new) -> None:
        if self._field is not None:
            self._field.removeEventFilter(self)
            self._field = None
        if isinstance(new, QtWidgets.QAbstractSpinBox):
            self._field = new
            new.installEventFilter(self)

    def eventFilter(self, field, event) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QtCore.QEvent.ShortcutOverride:
            if event.key() == QtCore.Qt.Key_Escape:     # the field's, not presentation mode's
                event.accept()
                self._leave()
                return True
            if (event.key() in WINDOW_KEYS or not takes_key(field, event.text())
                    or (_editing_key(event) and not editing(field))):
                return True              # not accepted by the field: the shortcut fires
        elif kind == QtCore.QEvent.KeyPress and event.key() in LEAVE_KEYS:
            self._leave()                # after the field has taken Enter (its value)
        return False

    def _leave(self) -> None:
        QtCore.QTimer.singleShot(0, lambda: self.home().setFocus())

    def stop(self) -> None:
        QtWidgets.QApplication.instance().focusChanged.disconnect(self._focus_changed)
        if self._field is not None:
            self._field.removeEventFilter(self)
            self._field = None
