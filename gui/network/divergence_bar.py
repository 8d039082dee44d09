"""The divergence banner: a word-wrapped bar above the plots that hides none of them."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets


class DivergenceBar(QtWidgets.QFrame):
    """Says why training stopped, in full, until it is closed or a new run starts."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="divergenceBar")
        self.label = QtWidgets.QLabel(objectName="banner", wordWrap=True)
        self.label.setTextInteractionFlags(QtCore.Qt.TextSelectableByMouse)
        self.label.setStyleSheet("font-size: 13pt; padding: 4px 10px;")   # 2-3 lines at 720p
        self.label.setSizePolicy(QtWidgets.QSizePolicy.Ignored,
                                 QtWidgets.QSizePolicy.Preferred)   # wraps, never widens
        close = QtWidgets.QToolButton(text="×", toolTip="Hide this message", autoRaise=True)
        close.setFocusPolicy(QtCore.Qt.NoFocus)
        close.clicked.connect(self.hide)
        self.close_button = close
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 2)
        row.addWidget(self.label, 1)
        row.addWidget(close, 0, QtCore.Qt.AlignTop)
        self.hide()

    def show_message(self, text: str) -> None:
        """Show `text` as one flowing paragraph (its line breaks become spaces)."""
        self.label.setText(" ".join(text.split("\n")))
        self.show()

    @property
    def text(self) -> str:
        """The message on screen ("" when the bar is hidden)."""
        return self.label.text() if self.isVisible() else ""
