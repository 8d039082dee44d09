"""Training controls: play/pause, step, step epoch, reset, speed and seed."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.panels.fields import PanelBox, blocked

# Speed slider positions: steps per second; the last means "as fast as possible".
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, float("inf"))


class TrainingPanel(PanelBox):
    """The run's buttons; the main window connects them to the worker controller."""

    play_clicked = QtCore.Signal()
    step_clicked = QtCore.Signal()
    epoch_clicked = QtCore.Signal()
    reset_clicked = QtCore.Signal()
    speed_changed = QtCore.Signal(float)
    changed = QtCore.Signal(dict)          # {"training.seed": n}

    def __init__(self):
        super().__init__("Training")
        self.play = self._button("▶ Play", "Start or pause training (Space)", self.play_clicked)
        self.play.setObjectName("play")
        self.step = self._button("Step", "One update on one batch (→)", self.step_clicked)
        self.epoch = self._button("Epoch", "Updates until every training point was used "
                                  "once (E)", self.epoch_clicked)
        self.reset = self._button("Reset", "New weights, empty plots (R)", self.reset_clicked)
        row = QtWidgets.QHBoxLayout()
        for button in (self.play, self.step, self.epoch, self.reset):
            row.addWidget(button)
        self.form.addRow(row)
        self.speed = QtWidgets.QSlider(QtCore.Qt.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setToolTip("From one step a second to as fast as possible")
        self.speed_label = QtWidgets.QLabel()
        self.speed_label.setMinimumWidth(70)
        self.speed.valueChanged.connect(self._speed_moved)
        speed_row = QtWidgets.QHBoxLayout()
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_label)
        self.form.addRow("Speed", speed_row)
        self.seed = QtWidgets.QSpinBox(minimum=0, maximum=2**31 - 1, keyboardTracking=False)
        self.seed.setToolTip("Seed of the initial weights and the batch order")
        self.seed.valueChanged.connect(lambda v: self.changed.emit({"training.seed": v}))
        self.form.addRow("Seed", self.seed)
        self._speed_moved(self.speed.value())

    def _button(self, text: str, tip: str, signal) -> QtWidgets.QPushButton:
        button = QtWidgets.QPushButton(text)
        button.setToolTip(tip)
        button.setFocusPolicy(QtCore.Qt.NoFocus)      # Space stays the play shortcut
        button.clicked.connect(signal.emit)
        return button

    @property
    def steps_per_second(self) -> float:
        return SPEEDS[self.speed.value()]

    def _speed_moved(self, position: int) -> None:
        speed = SPEEDS[position]
        self.speed_label.setText("max" if speed == float("inf") else f"{speed:g}/s")
        self.speed_changed.emit(speed)

    def set_config(self, training) -> None:
        with blocked(self.seed):
            self.seed.setValue(training.seed)

    def set_running(self, running: bool) -> None:
        self.play.setText("❚❚ Pause" if running else "▶ Play")
