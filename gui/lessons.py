"""The Lessons menu (presets in the lecture's order), the caption bar and presentation mode."""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from engine import presets
from gui.presentation import PresentationMode  # noqa: F401 (the window's F11)

# The lecture's sections, by the presets' "order" field (resources/presets/*.json).
SECTIONS = ((0, "Start"), (10, "Objective function and loss functions"),
            (40, "Gradient descent: how often to update?"),
            (60, "Gradient descent: how much to update?"),
            (70, "Adaptive learning rates"), (80, "Initialisation"))


def section_of(order: int) -> str:
    """The lecture section a preset's order falls in."""
    title = SECTIONS[0][1]
    for start, name in SECTIONS:
        if order >= start:
            title = name
    return title


class LessonsMenu(QtWidgets.QMenu):
    """One entry per preset, grouped under the lecture's section headings."""

    lesson_chosen = QtCore.Signal(str)

    def __init__(self, parent=None):
        super().__init__("&Lessons", parent)
        self.actions_by_name: dict[str, QtGui.QAction] = {}
        current = None
        for number, name in enumerate(presets.names(), start=1):
            info = presets.info(name)
            section = section_of(info.order)
            if section != current:
                self.add_heading(section)
                current = section
            action = self.addAction(f"{number}. {info.title}")
            action.setToolTip(info.description)
            action.setShortcut(QtGui.QKeySequence(f"Ctrl+{number}") if number < 10 else
                               QtGui.QKeySequence())
            action.triggered.connect(lambda _=False, n=name: self.lesson_chosen.emit(n))
            self.actions_by_name[name] = action
        self.setToolTipsVisible(True)

    def add_heading(self, text: str) -> QtGui.QAction:
        """A section heading every style shows: a disabled bold entry after a separator
        (QMenu.addSection draws only a line in the Fusion style)."""
        if self.actions():
            self.addSeparator()
        heading = self.addAction(text.upper())
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        heading.setEnabled(False)
        heading.setData("heading")
        return heading


class CaptionBar(QtWidgets.QFrame):
    """The lesson's title and what to look at, in large type above the plots."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="caption")
        self.title = QtWidgets.QLabel(objectName="captionTitle")
        self.text = QtWidgets.QLabel(objectName="captionText", wordWrap=True)
        close = QtWidgets.QToolButton(text="×", toolTip="Hide the caption (H)", autoRaise=True)
        close.clicked.connect(self.hide)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        words = QtWidgets.QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.title)
        words.addWidget(self.text)
        layout.addLayout(words, 1)
        layout.addWidget(close, 0, QtCore.Qt.AlignTop)
        self.setStyleSheet(
            "#caption { background: #20232b; border-left: 6px solid #E69F00; }"
            "#captionTitle { font-size: 15pt; font-weight: bold; }"
            "#captionText { font-size: 13pt; color: #d8dce4; }")

    def show_lesson(self, name: str) -> None:
        """Show preset `name`'s title and caption (hidden when it has none; name "": a run
        that is no lesson, the old caption goes)."""
        info = presets.info(name) if name else None
        self.title.setText(info.title if info else "")
        self.text.setText(info.lesson if info else "")
        self.setVisible(bool(info and info.lesson))

