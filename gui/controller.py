"""GUI-side owner of the training thread (and through it the stepping process): builds runs,
sends commands, drops stale news."""
from __future__ import annotations

from PySide6 import QtCore

from engine.trainer import Trainer
from gui.worker import RunEvent, TrainingWorker


class TrainingController(QtCore.QObject):
    """GUI-side owner of the worker thread: builds runs, sends commands, drops stale news."""

    steps_recorded = QtCore.Signal(object)
    weights_updated = QtCore.Signal(object)
    state_changed = QtCore.Signal(object)
    training_diverged = QtCore.Signal(object)
    run_failed = QtCore.Signal(object)

    _load_requested = QtCore.Signal(int, object, int)
    _play_requested = QtCore.Signal(int, int)
    _step_requested = QtCore.Signal(int, int, int)
    _pause_requested = QtCore.Signal(int, int)
    _quit_requested = QtCore.Signal()
    _dataset_requested = QtCore.Signal(int, object)
    _weight_requested = QtCore.Signal(int, str, tuple, float)
    _speed_changed = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.run_id = 0
        self.trainer: Trainer | None = None      # handed to the worker; read-only here
        self.running = False     # True from Play/Step until the worker answers the latest command
        self.playing = False     # True from Play until the run stops (a Step is not playing)
        self.command = 0                         # id of the latest command sent
        self.thread = QtCore.QThread()
        self.thread.setObjectName("training")
        self.worker = TrainingWorker()
        self.worker.moveToThread(self.thread)
        self._connect()
        self.thread.start()

    def _connect(self) -> None:
        worker, queued = self.worker, QtCore.Qt.QueuedConnection
        self.thread.started.connect(worker.start)
        self._load_requested.connect(worker.load_run, queued)
        self._play_requested.connect(worker.play, queued)
        self._step_requested.connect(worker.step, queued)
        self._pause_requested.connect(worker.pause, queued)
        self._quit_requested.connect(worker.quit, queued)
        self._dataset_requested.connect(worker.replace_dataset, queued)
        self._weight_requested.connect(worker.edit_weight, queued)
        self._speed_changed.connect(worker.reschedule, queued)
        worker.steps_recorded.connect(self._on_steps, queued)
        worker.weights_updated.connect(self._on_weights, queued)
        worker.state_changed.connect(self._on_state, queued)
        worker.training_diverged.connect(self._on_diverged, queued)
        worker.run_failed.connect(self._on_failed, queued)

    # ---- news from the worker: slots of this QObject, so they run in the GUI thread ----
    def _current(self, event) -> bool:
        """False for news from an older run (dropped); tracks running/stopped.

        Only the worker's answer to the latest command sets `running`: a 'started' event
        that was already on its way when Pause was pressed cannot undo the pause.
        """
        if event.run_id != self.run_id:
            return False
        if isinstance(event, RunEvent) and event.ack == self.command:
            self.running = event.running
            self.playing = self.playing and event.running   # stopped: paused, diverged, failed
        return True

    @QtCore.Slot(object)
    def _on_steps(self, event) -> None:
        if self._current(event):
            self.steps_recorded.emit(event)

    @QtCore.Slot(object)
    def _on_weights(self, event) -> None:
        if self._current(event):
            self.weights_updated.emit(event)

    @QtCore.Slot(object)
    def _on_state(self, event) -> None:
        if self._current(event):
            self.state_changed.emit(event)

    @QtCore.Slot(object)
    def _on_diverged(self, event) -> None:
        if self._current(event):
            self.training_diverged.emit(event)

    @QtCore.Slot(object)
    def _on_failed(self, event) -> None:
        if self._current(event):
            self.run_failed.emit(event)

    # ---- commands ----
    def new_run(self, config, dataset=None) -> Trainer:
        """Build the next run's Trainer (may raise ConfigError) and hand it to the worker."""
        return self.load_run(Trainer(config, dataset))

    def load_run(self, trainer: Trainer) -> Trainer:
        """Hand `trainer` to the worker as the next run; an earlier run's Trainer (Edit →
        Undo, an opened experiment) goes on from the step it had reached, with its weights,
        optimizer state and History."""
        self.run_id += 1
        self.trainer, self.running, self.playing = trainer, False, False
        self._load_requested.emit(self.run_id, trainer, self._next_command())
        return trainer

    def _next_command(self) -> int:
        self.command += 1
        return self.command

    def play(self) -> None:
        self._play_requested.emit(self.run_id, self._next_command())
        self.running = self.playing = True   # until the worker's answer says otherwise

    def pause(self) -> None:
        self._pause_requested.emit(self.run_id, self._next_command())
        self.playing = False

    def step(self, n: int = 1) -> None:
        self._step_requested.emit(self.run_id, n, self._next_command())
        self.running, self.playing = True, False

    def step_epoch(self) -> None:
        self.step(self.trainer.steps_per_epoch if self.trainer else 1)

    def set_hyper(self, **hyper) -> None:
        self.worker.set_hyper(**hyper)

    def replace_dataset(self, dataset) -> None:
        self._dataset_requested.emit(self.run_id, dataset)

    def edit_weight(self, name: str, index: tuple, value: float) -> None:
        self._weight_requested.emit(self.run_id, name, tuple(index), float(value))

    def set_speed(self, steps_per_second: float) -> None:
        self.worker.set_speed(steps_per_second)
        self._speed_changed.emit()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop training and the thread; True when the thread has ended."""
        if not self.thread.isRunning():
            return True
        self._quit_requested.emit()
        return self.thread.wait(timeout_ms)
