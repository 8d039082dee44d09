"""A caption that asks first: the question in view, its answer behind a 'Show answer' button.

The lecture asks the class ("Which letters are the global minima? Which are local?") before
it tells them; a surface whose entry has an `answer` shows only its question until the
lecturer presses the button.
"""
from __future__ import annotations

from PySide6 import QtWidgets

SHOW, HIDE = "Show answer", "Hide answer"


class QuestionLabel(QtWidgets.QWidget):
    """A description line, and for a surface with an answer: the button that reveals it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QtWidgets.QLabel(objectName="hint", wordWrap=True)
        self.button = QtWidgets.QPushButton(SHOW)
        self.button.setToolTip("Reveal the answer to the question above the surface")
        self.button.clicked.connect(self.toggle_answer)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self._question, self._answer = "", ""
        self.set_question("")

    def set_question(self, question: str, answer: str = "") -> None:
        """Show `question`; `answer` (if any) stays hidden until asked for."""
        self._question, self._answer = question, answer
        self.button.setVisible(bool(answer))
        self._show(False)

    @property
    def answer_shown(self) -> bool:
        return bool(self._answer) and self.button.text() == HIDE

    def toggle_answer(self) -> None:
        self._show(not self.answer_shown)

    def _show(self, answer: bool) -> None:
        self.button.setText(HIDE if answer else SHOW)
        self.label.setText(f"{self._question}  {self._answer}" if answer else self._question)

    def text(self) -> str:
        return self.label.text()
