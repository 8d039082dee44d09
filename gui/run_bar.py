"""The run bar: play/pause, step, step epoch, reset, speed and seed, shared by both modes."""
from __future__ import annotations

import math

from PySide6 import QtCore, QtWidgets

from engine.hyper import HyperParam
from gui.panels.fields import blocked
from gui.panels.number_box import WholeBox

# The speeds of every run bar (this one and the landscape mode's own): steps per second;
# the last means "as fast as possible".
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, math.inf)
# The same speeds for a combo box: (label, steps per second, or None for as fast as possible).
SPEED_CHOICES = tuple(("as fast as possible", None) if math.isinf(s) else
                      (f"{s:g} step/s" if s == 1 else f"{s:g} steps/s", float(s)) for s in SPEEDS)
PLAY_TEXT, PAUSE_TEXT = "▶ Play", "❚❚ Pause"


def play_text(playing: bool) -> str:
    """The play button's label: what pressing it does next."""
    return PAUSE_TEXT if playing else PLAY_TEXT


def speed_text(steps_per_second: float) -> str:
    """The speed slider's short label: '20/s' or 'max'."""
    return "max" if math.isinf(steps_per_second) else f"{steps_per_second:g}/s"


class RunBar(QtWidgets.QFrame):
    """The run bar: one row of run controls above the modes, routed to the one on screen."""

    play_clicked = QtCore.Signal()
    step_clicked = QtCore.Signal()
    epoch_clicked = QtCore.Signal()
    reset_clicked = QtCore.Signal()
    speed_changed = QtCore.Signal(float)
    changed = QtCore.Signal(dict)          # {"training.seed": n}

    def __init__(self):
        super().__init__(objectName="runBar")
        self.play = self._button(PLAY_TEXT, "Start or pause (Space)", self.play_clicked)
        self.play.setObjectName("play")
        self.play.setMinimumWidth(110)
        self.step = self._button("Step", "One update on one batch (→)", self.step_clicked)
        self.epoch = self._button("Epoch", "Updates until every training point was used "
                                  "once (E)", self.epoch_clicked)
        self.reset = self._button("Reset", "New weights, empty plots (R)", self.reset_clicked)
        self.speed = QtWidgets.QSlider(QtCore.Qt.Horizontal, minimumWidth=160)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setToolTip("From one step a second to as fast as possible")
        self.speed.setFocusPolicy(QtCore.Qt.NoFocus)
        self.speed_label = QtWidgets.QLabel(minimumWidth=60)
        self.speed.valueChanged.connect(self._speed_moved)
        self.seed = WholeBox(HyperParam("seed", 0, "int", 0, 2**31 - 1), "training.seed")
        self.seed.setToolTip("Seed of the initial weights and the batch order (applies on "
                             "Enter or when you click elsewhere)")
        self.seed.committed.connect(lambda v: self.changed.emit({"training.seed": v}))
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        for button in (self.play, self.step, self.epoch, self.reset):
            row.addWidget(button)
        row.addSpacing(16)
        row.addWidget(QtWidgets.QLabel("Speed"))
        row.addWidget(self.speed)
        row.addWidget(self.speed_label)
        row.addSpacing(16)
        self.seed_label = QtWidgets.QLabel("Seed")
        row.addWidget(self.seed_label)
        row.addWidget(self.seed)
        row.addStretch(1)
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
        self.speed_label.setText(speed_text(speed))
        self.speed_changed.emit(speed)

    def set_speed_value(self, steps_per_second: float) -> None:
        """Move the slider to the nearest speed (emits speed_changed)."""
        position = min(range(len(SPEEDS)),
                       key=lambda i: abs(math.log(SPEEDS[i] if SPEEDS[i] < math.inf else 1e9)
                                         - math.log(min(steps_per_second, 1e9))))
        if position == self.speed.value():
            self.speed_changed.emit(SPEEDS[position])
        else:
            self.speed.setValue(position)

    def set_config(self, training) -> None:
        with blocked(self.seed):
            self.seed.show_value(training.seed)

    def set_running(self, running: bool) -> None:
        self.play.setText(play_text(running))

    def set_has_epochs(self, has_epochs: bool) -> None:
        """Epoch and seed belong to a mode that trains in epochs (not the landscape race)."""
        for widget in (self.epoch, self.seed, self.seed_label):
            widget.setEnabled(has_epochs)
