"""The single bridge to engine.Trainer: a worker QObject living in its own QThread.

GUI -> worker: queued signals (run, play, pause, step, reset, quit) plus two thread-safe
setters (hyper-parameters, speed). Worker -> GUI: signals carrying frozen dataclasses, each
tagged with the run id so the GUI can drop anything from an older run.

The worker trains in chunks (at most CHUNK_SECONDS, one step at a time when the speed is
limited) from a zero-interval QTimer in its own thread, so queued control signals are
handled between chunks. Any control call also raises an `interrupt` flag that ends the
current chunk after the step in progress: pause, step, reset and quit act within one step.
"""
from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass

from PySide6 import QtCore

from engine.trainer import EvalRecord, StepRecord, Trainer

CHUNK_SECONDS = 0.02        # longest stretch of steps without looking at the event loop
EMIT_SECONDS = 0.04         # records are announced at most every 40 ms
WEIGHTS_SECONDS = 0.05      # weights at most 20 times a second
MAX_SPEED = float("inf")    # steps per second meaning "as fast as possible"
GUI_WAIT_LIMIT = 0.25       # longest the worker waits for a frame to finish painting


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
    """Owns the Trainer of the current run and steps it; never touches a widget."""

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
        self.interrupt = False           # set from the GUI thread: end the chunk now
        # Cleared by the GUI while it paints a frame: the worker waits between steps instead
        # of competing for the GIL (a frame then costs ~0.1 s, not ~1.4 s; see controller).
        self.gui_idle = threading.Event()
        self.gui_idle.set()
        self._lock = threading.Lock()
        self._pending_hyper: dict = {}
        self._speed = MAX_SPEED
        self._remaining: float = 0       # steps still to do: inf while playing
        self._ack = 0                    # id of the last command received
        self._timer: QtCore.QTimer | None = None
        self._reset_counters()

    # ---- thread-safe setters (called from the GUI thread) ----
    def set_hyper(self, **hyper) -> None:
        """Queue optimizer hyper-parameters; applied before the next step."""
        with self._lock:
            self._pending_hyper.update(hyper)

    def set_speed(self, steps_per_second: float) -> None:
        self._speed = float(steps_per_second)

    # ---- slots (run in the worker thread) ----
    @QtCore.Slot()
    def start(self) -> None:
        """Create the chunk timer in the worker thread (connected to QThread.started)."""
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._chunk)

    @QtCore.Slot(int, object, int)
    def load_run(self, run_id: int, trainer: Trainer, ack: int) -> None:
        """Adopt a new run (the Trainer is handed over and only used here from now on)."""
        self.interrupt = False
        self._ack = ack
        self._stop_training()
        self.run_id, self.trainer = run_id, trainer
        with self._lock:
            self._pending_hyper.clear()
        self._reset_counters()
        self._emit_weights(force=True)

    @QtCore.Slot(int, int)
    def play(self, run_id: int, ack: int) -> None:
        self._ack = ack
        self._begin(run_id, float("inf"))

    @QtCore.Slot(int, int, int)
    def step(self, run_id: int, n: int, ack: int) -> None:
        """Do exactly n steps (one batch, one epoch) at full speed, then stop."""
        self._ack = ack
        self._begin(run_id, n)

    @QtCore.Slot(int, object)
    def replace_dataset(self, run_id: int, dataset) -> None:
        """Train on an edited data set (a point added or removed); the weights stay."""
        if run_id == self.run_id and self.trainer is not None:
            self.trainer.set_dataset(dataset)

    @QtCore.Slot(int, str, tuple, float)
    def edit_weight(self, run_id: int, name: str, index: tuple, value: float) -> None:
        """Set one weight by hand (network view) and show the result at once."""
        if run_id != self.run_id or self.trainer is None:
            return
        for p in self.trainer.network.parameters():
            if p.name == name:
                p.value[index] = value
        self._emit_weights(force=True)

    @QtCore.Slot()
    def reschedule(self) -> None:
        """The speed changed: stop sleeping out the old pace (1 s at 1 step/s)."""
        if self._remaining > 0 and self._timer is not None:
            self._next_due = None
            self._schedule(0)

    @QtCore.Slot(int, int)
    def pause(self, run_id: int, ack: int) -> None:
        """Stop after the step in progress and say so (even when already stopped)."""
        self.interrupt = False
        self._ack = ack
        if run_id == self.run_id and self.trainer is not None:
            was_running = self._remaining > 0
            self._stop_training()
            if not was_running:
                self._announce(False)

    @QtCore.Slot()
    def quit(self) -> None:
        """Stop and leave the thread's event loop."""
        self._stop_training()
        if self._timer is not None:
            self._timer.stop()
        self.trainer = None
        self.finished.emit()
        self.thread().quit()         # thread-safe; the GUI thread may be blocked in wait()

    # ---- the loop ----
    def _begin(self, run_id: int, n: float) -> None:
        self.interrupt = False
        if run_id != self.run_id or self.trainer is None:
            return
        if self.trainer.divergence:
            self._emit_divergence()
            return
        self._remaining = n
        self._single = n != float("inf")
        self._next_due = None
        self._announce(True)
        self._schedule(0)

    def _schedule(self, msec: int) -> None:
        if self._timer is not None:
            self._timer.start(msec)

    def _chunk(self) -> None:
        if self.trainer is None or self._remaining <= 0:
            return
        try:
            self._apply_hyper()
            self._run_steps()
        except Exception:  # noqa: BLE001 (reported to the GUI, the app stays usable)
            self._fail(traceback.format_exc())
            return
        if self.trainer.divergence:
            self._emit_divergence()
        elif self._remaining <= 0:          # a Step or an Epoch is done: say it stopped
            self._stop_training()
            self._announce(False)
        else:
            self._flush(force=False)
            self._schedule(self._wait_msec())

    def _run_steps(self) -> None:
        """Steps until the chunk's time or step budget is used, or someone interrupts."""
        start = time.perf_counter()
        budget = self._due_steps(start)
        trainer = self.trainer
        gui_idle = self.gui_idle
        while budget > 0 and self._remaining > 0 and not trainer.divergence:
            if not gui_idle.is_set():
                gui_idle.wait(GUI_WAIT_LIMIT)
            record = trainer.step()
            self._note(record)
            self._remaining -= 1
            budget -= 1
            if self.interrupt or time.perf_counter() - start > CHUNK_SECONDS:
                break
            if time.perf_counter() - self._last_emit > EMIT_SECONDS:
                self._flush(force=False)

    def _due_steps(self, now: float) -> float:
        """How many steps the speed allows now (all of them at full speed or when stepping)."""
        if self._single or self._speed == MAX_SPEED:
            return float("inf")
        if self._next_due is None:
            self._next_due = now
        due = int((now - self._next_due) * self._speed) + 1 if now >= self._next_due else 0
        self._next_due += due / self._speed
        return due

    def _wait_msec(self) -> int:
        if self._single or self._speed == MAX_SPEED or self._next_due is None:
            return 0
        return max(0, int((self._next_due - time.perf_counter()) * 1000))

    def _apply_hyper(self) -> None:
        with self._lock:
            hyper, self._pending_hyper = self._pending_hyper, {}
        if hyper:
            self.trainer.set_hyper(**hyper)

    # ---- announcements ----
    def _note(self, record: StepRecord) -> None:
        self._has_new = True
        self._last_record = record
        if record.eval is not None:
            self._last_eval = record.eval

    def _flush(self, force: bool) -> None:
        now = time.perf_counter()
        if self._has_new and (force or now - self._last_emit > EMIT_SECONDS):
            self._rate_steps.append((now, self._last_record.step))
            self._rate_steps = self._rate_steps[-30:]
            self.steps_recorded.emit(StepsBatch(self.run_id, self._last_record,
                                                self._last_eval, self._rate()))
            self._has_new, self._last_eval, self._last_emit = False, None, now
        self._emit_weights(force)

    def _rate(self) -> float:
        (t0, s0), (t1, s1) = self._rate_steps[0], self._rate_steps[-1]
        return (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0

    def _emit_weights(self, force: bool) -> None:
        now = time.perf_counter()
        trainer = self.trainer
        if trainer is None or (not force and now - self._last_weights < WEIGHTS_SECONDS):
            return
        params = trainer.network.parameters()
        self.weights_updated.emit(WeightsSnapshot(
            self.run_id, trainer.step_count, trainer.network.state_dict(),
            {p.name: p.grad.copy() for p in params}))
        self._last_weights = now

    def _stop_training(self) -> None:
        was_running = self._remaining > 0
        self._remaining = 0
        if self._timer is not None:
            self._timer.stop()
        if self.trainer is not None:
            self._flush(force=True)
            if was_running:
                self._announce(False)

    def _announce(self, running: bool) -> None:
        self.state_changed.emit(RunEvent(self.run_id, self.trainer.step_count, running,
                                         ack=self._ack))

    def _emit_divergence(self) -> None:
        self._stop_training()
        self.training_diverged.emit(RunEvent(self.run_id, self.trainer.step_count, False,
                                             self.trainer.divergence, self._ack))

    def _fail(self, text: str) -> None:
        self._stop_training()
        self.run_failed.emit(RunEvent(self.run_id, self.trainer.step_count, False, text,
                                      self._ack))

    def _reset_counters(self) -> None:
        self._has_new = False            # records since the last StepsBatch
        self._last_record = None
        self._last_eval = None
        self._last_emit = 0.0
        self._last_weights = 0.0
        self._next_due = None
        self._single = False
        self._rate_steps: list[tuple[float, int]] = []
