"""The single bridge to the training: a worker QObject living in its own QThread.

GUI -> worker: queued signals (run, play, pause, step, reset, quit) plus two thread-safe
setters (hyper-parameters, speed). Worker -> GUI: signals carrying frozen dataclasses, each
tagged with the run id so the GUI can drop anything from an older run.

The steps themselves run in a child process the worker owns (gui/stepper_process.py: a
thread sharing the interpreter with the painting cannot paint 30 frames a second beside full
speed). The worker forwards commands to it over a Pipe, which the child reads between steps
(pause, step, reset and quit act within one step), and every few milliseconds turns the
child's news into signals, appending the records to the run's History on the way. Quitting
ends the child at once, even in the middle of a long step.
"""
from __future__ import annotations

import multiprocessing
import threading
import time
from dataclasses import dataclass

from PySide6 import QtCore

from engine.trainer import EvalRecord, StepRecord, Trainer
from gui import stepper_process

PUMP_MS = 5                 # the child's news is read every 5 ms
EMIT_SECONDS = 0.04         # records are announced at most every 40 ms
QUIT_SECONDS = 0.1          # how long the child may take to leave before it is terminated
MAX_SPEED = float("inf")    # steps per second meaning "as fast as possible"


@dataclass(frozen=True)
class StepsBatch:
    """Steps done since the last batch; the full data is in the run's History."""

    run_id: int
    last: StepRecord              # the newest record
    last_eval: EvalRecord | None  # the newest evaluation in this batch, if any
    steps_per_second: float


@dataclass(frozen=True)
class WeightsSnapshot:
    """A copy of the network's weights and last gradients, for the data and network views."""

    run_id: int
    step: int
    state: dict                   # parameter name -> array (copies)
    grads: dict                   # parameter name -> array (copies)


@dataclass(frozen=True)
class RunEvent:
    """A change of state: running / stopped, diverged (with the message), or failed."""

    run_id: int
    step: int
    running: bool
    message: str = ""
    ack: int = 0                  # the last command the worker had received (see controller)


class TrainingWorker(QtCore.QObject):
    """Owns the child process that steps the current run; never touches a widget.

    `trainer` is the run's Trainer as the GUI built it: it never steps here. The worker keeps
    its History, step_count and divergence up to date from the child's news, so the window
    reads the run as before.
    """

    steps_recorded = QtCore.Signal(object)     # StepsBatch
    weights_updated = QtCore.Signal(object)    # WeightsSnapshot
    state_changed = QtCore.Signal(object)      # RunEvent (running or not)
    training_diverged = QtCore.Signal(object)  # RunEvent with trainer.divergence
    run_failed = QtCore.Signal(object)         # RunEvent with a traceback
    finished = QtCore.Signal()

    def __init__(self):
        super().__init__()
        self.trainer: Trainer | None = None
        self.run_id = 0
        self._replaced: dict[int, Trainer] = {}   # the run a load replaced, for its final state
        self.process = None
        self._conn = None
        self._send_lock = threading.Lock()   # the GUI thread's setters send too
        self._speed = MAX_SPEED
        self._timer: QtCore.QTimer | None = None
        self._reset_counters()
        self._spawn()

    def _spawn(self) -> None:
        """Start the child here, in the GUI thread, before the worker moves to its own: a
        child spawned from the worker thread while the GUI thread was building widgets
        deadlocked both once (the spawn and a signal connect waiting on each other)."""
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        self.process = context.Process(target=stepper_process.serve, args=(theirs,),
                                       name="descent-lab-steps", daemon=True)
        self.process.start()
        theirs.close()
        self._conn = mine

    # ---- thread-safe setters (called from the GUI thread) ----
    def set_hyper(self, **hyper) -> None:
        """Optimizer hyper-parameters; the child applies them before its next step."""
        self._send(("hyper", dict(hyper)))

    def set_speed(self, steps_per_second: float) -> None:
        self._speed = float(steps_per_second)
        self._send(("speed", self._speed))

    def _send(self, message) -> None:
        with self._send_lock:
            if self._conn is not None:
                self._conn.send(message)

    # ---- slots (run in the worker thread) ----
    @QtCore.Slot()
    def start(self) -> None:
        """Start the timer that reads the child's news (connected to QThread.started)."""
        self._send(("speed", self._speed))
        if self.trainer is not None:                 # a run loaded before the child was up
            self._send_load()
        self._timer = QtCore.QTimer(self, interval=PUMP_MS, timeout=self._pump)
        self._timer.start()

    @QtCore.Slot(int, object, int)
    def load_run(self, run_id: int, trainer: Trainer, ack: int) -> None:
        """Adopt a new run: the child builds the same Trainer (same config, data, weights)."""
        if self.trainer is not None:          # its final state may still come: kept for Undo
            self._replaced = {self.run_id: self.trainer}
        self.run_id, self.trainer = run_id, trainer
        self._reset_counters()
        self._send_load()
        self._emit_weights(trainer.network.state_dict(),
                           {p.name: p.grad.copy() for p in trainer.network.parameters()})

    def _send_load(self) -> None:
        t = self.trainer
        self._send(("load", self.run_id, t.config, t.dataset, t.state_dict(history=False)))

    @QtCore.Slot(int, int)
    def play(self, run_id: int, ack: int) -> None:
        self._begin(run_id, float("inf"), ack)

    @QtCore.Slot(int, int, int)
    def step(self, run_id: int, n: int, ack: int) -> None:
        """Do exactly n steps (one batch, one epoch) at full speed, then stop."""
        self._begin(run_id, n, ack)

    @QtCore.Slot(int, object)
    def replace_dataset(self, run_id: int, dataset) -> None:
        """Train on an edited data set (a point added or removed); the weights stay."""
        if run_id == self.run_id and self.trainer is not None:
            self.trainer.set_dataset(dataset)
            self._send(("dataset", run_id, dataset))

    @QtCore.Slot(int, str, tuple, float)
    def edit_weight(self, run_id: int, name: str, index: tuple, value: float) -> None:
        """Set one weight by hand (network view); the child answers with the weights."""
        if run_id == self.run_id and self.trainer is not None:
            self._send(("weight", run_id, name, index, value))

    @QtCore.Slot()
    def reschedule(self) -> None:
        """Kept for the controller's speed signal: the child applies a speed at once."""

    @QtCore.Slot(int, int)
    def pause(self, run_id: int, ack: int) -> None:
        """Stop after the step in progress; the child says so (even when already stopped)."""
        if run_id == self.run_id and self.trainer is not None:
            self._send(("pause", run_id, ack))

    @QtCore.Slot()
    def quit(self) -> None:
        """End the child (terminated if a long step keeps it) and the thread's event loop."""
        if self._timer is not None:
            self._timer.stop()
        self._end_child()
        self.trainer = None
        self.finished.emit()
        self.thread().quit()         # thread-safe; the GUI thread may be blocked in wait()

    def _end_child(self) -> None:
        try:
            self._send(("quit",))
        except (BrokenPipeError, OSError):
            pass                     # the child is gone already
        if self.process is not None:
            self.process.join(QUIT_SECONDS)
            if self.process.is_alive():          # in the middle of a step: it cannot listen
                self.process.terminate()
                self.process.join(QUIT_SECONDS)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(QUIT_SECONDS)
        with self._send_lock:
            if self._conn is not None:
                self._conn.close()
            self._conn = None

    # ---- commands ----
    def _begin(self, run_id: int, n: float, ack: int) -> None:
        if run_id != self.run_id or self.trainer is None:
            return
        if self.trainer.divergence:
            self._emit_end(RunEvent(run_id, self.trainer.step_count, False,
                                    self.trainer.divergence, ack), self.training_diverged)
            return
        self._send(("run", run_id, n, ack))
        self.state_changed.emit(RunEvent(run_id, self.trainer.step_count, True, ack=ack))

    # ---- news from the child ----
    def _pump(self) -> None:
        """Everything the child has said since the last look, as signals."""
        conn = self._conn
        try:
            while conn is not None and conn.poll():
                self._handle(conn.recv())
        except (EOFError, OSError):
            self._child_lost()
        self._flush(force=False)

    def _handle(self, message) -> None:
        kind, run_id, *rest = message
        if kind == "state":                          # the child's run, to the window's copy
            trainer = self.trainer if run_id == self.run_id else self._replaced.get(run_id)
            if trainer is not None:
                trainer.load_state_dict(rest[0])
            return
        if run_id != self.run_id or self.trainer is None:
            return                                   # an older run's news: dropped
        if kind == "steps":
            self._note(rest[0])
        elif kind == "weights":
            step, state, grads = rest
            self._emit_weights(state, grads, step)
        elif kind == "stopped":
            self._flush(force=True)
            self.state_changed.emit(RunEvent(run_id, self.trainer.step_count, False,
                                             ack=rest[1]))
        else:                                        # diverged or failed
            self._flush(force=True)
            _, text, ack = rest
            if kind == "diverged":
                self.trainer.divergence = text
            self._emit_end(RunEvent(run_id, self.trainer.step_count, False, text, ack),
                           self.training_diverged if kind == "diverged" else self.run_failed)

    def _note(self, records: list) -> None:
        """The child's records join the run's History, in order."""
        t = self.trainer
        for record in records:
            t.step_count = record.step           # then the row, as Trainer.step does
            t.history.append(record)
            if record.eval is not None:
                self._last_eval = record.eval
        self._last_record = records[-1]
        self._has_new = True

    def _child_lost(self) -> None:
        """The child ended without being asked (killed from outside): the run stops."""
        with self._send_lock:
            self._conn = None
        if self.trainer is not None:
            self._emit_end(RunEvent(self.run_id, self.trainer.step_count, False,
                                    "the training process ended unexpectedly"),
                           self.run_failed)

    def _emit_end(self, event: RunEvent, signal) -> None:
        signal.emit(event)

    def _flush(self, force: bool) -> None:
        now = time.perf_counter()
        if self._has_new and (force or now - self._last_emit > EMIT_SECONDS):
            self._rate_steps.append((now, self._last_record.step))
            self._rate_steps = self._rate_steps[-30:]
            self.steps_recorded.emit(StepsBatch(self.run_id, self._last_record,
                                                self._last_eval, self._rate()))
            self._has_new, self._last_eval, self._last_emit = False, None, now

    def _rate(self) -> float:
        (t0, s0), (t1, s1) = self._rate_steps[0], self._rate_steps[-1]
        return (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0

    def _emit_weights(self, state: dict, grads: dict, step: int | None = None) -> None:
        step = self.trainer.step_count if step is None else step
        self.weights_updated.emit(WeightsSnapshot(self.run_id, step, state, grads))

    def _reset_counters(self) -> None:
        self._has_new = False            # records since the last StepsBatch
        self._last_record = None
        self._last_eval = None
        self._last_emit = 0.0
        self._rate_steps: list[tuple[float, int]] = []
