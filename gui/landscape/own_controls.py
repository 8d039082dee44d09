"""A small play/pause/step/reset/speed bar, for running the Landscape mode on its own."""
from __future__ import annotations

from PySide6 import QtWidgets

from gui.run_bar import SPEED_CHOICES as SPEEDS
from gui.run_bar import play_text


class OwnControls(QtWidgets.QWidget):
    """Buttons wired to a LandscapeMode; the main window hides this and uses its own."""

    def __init__(self, mode):
        super().__init__()
        self.play_button = QtWidgets.QPushButton(play_text(False))
        self.play_button.setObjectName("play")
        self.step_button = QtWidgets.QPushButton("Step")
        self.reset_button = QtWidgets.QPushButton("Reset")
        self.speed = QtWidgets.QComboBox()
        for label, value in SPEEDS:
            self.speed.addItem(label, value)
        self.play_button.clicked.connect(mode.toggle_play)
        self.step_button.clicked.connect(mode.step_once)
        self.reset_button.clicked.connect(mode.reset)
        self.speed.currentIndexChanged.connect(lambda: mode.set_speed(self.speed.currentData()))
        mode.playing_changed.connect(self._show_playing)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.play_button, self.step_button, self.reset_button, self.speed):
            layout.addWidget(w)

    def _show_playing(self, playing: bool) -> None:
        self.play_button.setText(play_text(playing))

    def show_speed(self, steps_per_second: float | None) -> None:
        """Select the matching speed entry (without feeding back into the mode)."""
        index = self.speed.findData(steps_per_second)
        if index >= 0 and index != self.speed.currentIndex():
            self.speed.blockSignals(True)
            self.speed.setCurrentIndex(index)
            self.speed.blockSignals(False)
