"""ClassChooser: which class a left click adds to multi-class data, one button per class."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets


class ClassChooser(QtWidgets.QWidget):
    """'click adds: [0] [1] [2]', each button in its class's colour; one is chosen."""

    chosen = QtCore.Signal(int)           # the class index picked

    def __init__(self, parent=None):
        super().__init__(parent)
        self.group = QtWidgets.QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self.chosen)
        self.buttons: list[QtWidgets.QToolButton] = []
        self._row = QtWidgets.QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 6, 0)
        self._row.setSpacing(3)
        label = QtWidgets.QLabel("click adds:")
        label.setStyleSheet("color: #111111;")
        self._row.addWidget(label)

    @property
    def current(self) -> int:
        return self.group.checkedId()

    def set_classes(self, colors: list[str], current: int) -> None:
        """One button per class, in `colors`; `current` is chosen (clamped to the classes)."""
        for button in self.buttons:
            self.group.removeButton(button)
            button.deleteLater()
        self.buttons = []
        for k, color in enumerate(colors):
            button = QtWidgets.QToolButton(text=str(k), checkable=True)
            button.setToolTip(f"Left click adds a point of class {k}")
            button.setFocusPolicy(QtCore.Qt.NoFocus)        # Space stays the play key
            button.setStyleSheet(
                f"QToolButton {{ background: {color}; color: #111111; font-weight: bold;"
                " min-width: 22px; border: 2px solid white; border-radius: 4px; }"
                "QToolButton:checked { border: 3px solid #111111; }")
            self.group.addButton(button, k)
            self._row.addWidget(button)
            self.buttons.append(button)
        if self.buttons:
            self.set_current(min(max(current, 0), len(self.buttons) - 1))

    def set_current(self, k: int) -> None:
        """Choose class k (no `chosen` signal)."""
        if 0 <= k < len(self.buttons):
            self.buttons[k].setChecked(True)
