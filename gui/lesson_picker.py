"""Every lesson from the keyboard: a numbered list (L) and next / previous in the lecture's
order (Page Down / Page Up, what a presenter's remote clicker sends)."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from engine import presets


def neighbour(current: str | None, offset: int) -> str | None:
    """The lesson `offset` places after `current` in the lecture's order (None past either
    end); from no lesson (a file was opened), forward starts at the first lesson."""
    names = presets.names()
    if current not in names:
        return names[0] if offset > 0 else None
    index = names.index(current) + offset
    return names[index] if 0 <= index < len(names) else None


class LessonPicker(QtWidgets.QDialog):
    """A numbered list of every lesson: arrows or a click choose, Enter opens it."""

    lesson_chosen = QtCore.Signal(str)

    def __init__(self, current: str | None = None, parent=None):
        super().__init__(parent, windowTitle="Choose a lesson")
        self.list = QtWidgets.QListWidget()
        for number, name in enumerate(presets.names(), start=1):
            item = QtWidgets.QListWidgetItem(f"{number}. {presets.info(name).title}")
            item.setData(QtCore.Qt.UserRole, name)
            self.list.addItem(item)
            if name == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        hint = QtWidgets.QLabel("↑ ↓ choose   Enter open   Esc cancel", objectName="hint")
        column = QtWidgets.QVBoxLayout(self)
        column.addWidget(self.list)
        column.addWidget(hint)
        self.list.setMinimumWidth(self.list.sizeHintForColumn(0) + 40)
        self.list.setMinimumHeight(min(600, self.list.sizeHintForRow(0) * self.list.count()
                                       + 8))

    @property
    def chosen(self) -> str:
        return self.list.currentItem().data(QtCore.Qt.UserRole)

    def accept(self) -> None:
        super().accept()
        self.lesson_chosen.emit(self.chosen)
