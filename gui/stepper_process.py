"""The training steps in a child process: painting and training side by side on two cores.

A Python thread beside the window shares one interpreter lock with the painting: measured on
a 2-core machine, frames then came at 11 a second instead of 30, or, when the two took turns,
training kept a tenth of its speed. So the steps run in a child process
(multiprocessing, spawn context) that owns its own Trainer, built from the same config, data
and weights as the run's Trainer in the window, and the worker thread (gui/worker.py) talks to
it over one Pipe. This module imports no Qt: the child loads only the engine.

Commands (worker -> child), tuples whose first item says what:
  ("load", run_id, config, dataset, state)     a new run, or an earlier one resumed (Undo,
                                               an opened experiment): Trainer.state_dict()
  ("run", run_id, n, ack)                      n steps (inf: until paused) at the set speed
  ("pause", run_id, ack)                       stop after the step in progress; always answered
  ("speed", steps_per_second)   ("hyper", dict)   ("dataset", run_id, dataset)
  ("weight", run_id, name, index, value)       one weight by hand; answered with the weights
  ("quit",)
News (child -> worker): ("steps", run_id, [StepRecord, ...]), ("weights", run_id, step,
state, grads), ("state", run_id, Trainer.state_dict(history=False)) before every "stopped",
"diverged" or "failed" and when a "load" replaces the run (so the window's copy of the run can
be kept by Undo or saved whole), ("stopped", run_id, step, ack), ("diverged", run_id, step,
message, ack), ("failed", run_id, step, traceback, ack). Records are sent in chunks at most every
EMIT_SECONDS, weights at most every WEIGHTS_SECONDS, and all of them before a "stopped".
"""
from __future__ import annotations

import math
import time
import traceback

EMIT_SECONDS = 0.02          # records leave the child at most every 20 ms
WEIGHTS_SECONDS = 0.05       # weights at most 20 times a second
MAX_SPEED = math.inf


def serve(conn) -> None:
    """The child's main function: obey commands from `conn` until "quit" or a closed pipe."""
    stepper = Stepper(conn)
    try:
        stepper.loop()
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass                          # the window went away: nothing left to tell
    finally:
        conn.close()


class Stepper:
    """Steps one Trainer between commands; everything it learns goes back over `conn`."""

    def __init__(self, conn, clock=time.perf_counter):
        self.conn, self.clock = conn, clock
        self.trainer = None
        self.run_id = 0
        self.remaining: float = 0     # steps still to do: inf while playing
        self.ack = 0                  # the command the current run answers
        self.speed = MAX_SPEED
        self.quit = False
        self._records: list = []
        self._last_emit = self._last_weights = 0.0
        self._paced_from: float | None = None    # when the pace at this speed began
        self._paced = 0                           # steps done since then

    # ---- the loop ----
    def loop(self) -> None:
        while not self.quit:
            self.turn()

    def turn(self) -> None:
        """Idle: wait for a command. Running: commands first, then a step when one is due."""
        if self.remaining <= 0:
            self.handle(self.conn.recv())
        elif self.conn.poll(self._wait_seconds()):
            self.handle(self.conn.recv())
        elif self.remaining > 0 and self._wait_seconds() == 0:
            self.step_once()

    def _wait_seconds(self) -> float:
        """0 at full speed; otherwise until the next step is due at the set speed."""
        if self.speed == MAX_SPEED or self._single:
            return 0.0
        now = self.clock()
        if self._paced_from is None:             # steps counted from here at this speed
            self._paced_from, self._paced = now, 0
        return max(0.0, self._paced_from + self._paced / self.speed - now)

    def step_once(self) -> None:
        """One update, its record queued; the run ends when done, diverged or failed."""
        try:
            record = self.trainer.step()
        except Exception:  # noqa: BLE001 (reported to the window, which stays usable)
            self._end("failed", traceback.format_exc())
            return
        self._paced += 1
        self._records.append(record)
        self.remaining -= 1
        if self.trainer.divergence:
            self._end("diverged", self.trainer.divergence)
        elif self.remaining <= 0:
            self._end("stopped")
        else:
            self.flush(force=False)

    # ---- commands ----
    def handle(self, message) -> None:
        kind, *args = message
        getattr(self, "_on_" + kind)(*args)

    def _on_load(self, run_id, config, dataset, state) -> None:
        from engine.trainer import Trainer
        if self.trainer is not None:          # the replaced run as it is now, for Undo
            self.flush(force=True)
            self.send_state()
        self._records.clear()
        self.remaining, self.run_id = 0, run_id
        self.trainer = Trainer(config, dataset)
        self.trainer.load_state_dict(state)

    def _on_run(self, run_id, n, ack) -> None:
        if run_id != self.run_id or self.trainer is None:
            return
        self.ack, self.remaining = ack, n
        self._single = n != math.inf
        self._paced_from = None
        if self.trainer.divergence:
            self._end("diverged", self.trainer.divergence)

    def _on_pause(self, run_id, ack) -> None:
        if run_id == self.run_id and self.trainer is not None:
            self.ack = ack
            self._end("stopped")

    def _on_speed(self, steps_per_second) -> None:
        self.speed = float(steps_per_second)
        self._paced_from = None        # a faster speed applies now, not after the slow wait

    def _on_hyper(self, hyper) -> None:
        if self.trainer is not None:
            self.trainer.set_hyper(**hyper)

    def _on_dataset(self, run_id, dataset) -> None:
        if run_id == self.run_id and self.trainer is not None:
            self.trainer.set_dataset(dataset)

    def _on_weight(self, run_id, name, index, value) -> None:
        if run_id != self.run_id or self.trainer is None:
            return
        for p in self.trainer.network.parameters():
            if p.name == name:
                p.value[index] = value
        self.send_weights()

    def _on_quit(self) -> None:
        self.quit = True

    # ---- news ----
    def _end(self, kind: str, text: str = "") -> None:
        """The run stops: its last records and weights first, then why."""
        self.remaining = 0
        self.flush(force=True)
        self.send_state()
        step = self.trainer.step_count
        self.conn.send((kind, self.run_id, step, self.ack) if kind == "stopped"
                       else (kind, self.run_id, step, text, self.ack))

    def flush(self, force: bool) -> None:
        now = self.clock()
        if self._records and (force or now - self._last_emit > EMIT_SECONDS):
            self.conn.send(("steps", self.run_id, self._records))
            self._records, self._last_emit = [], now
        if force or now - self._last_weights > WEIGHTS_SECONDS:
            self.send_weights()
            self._last_weights = now

    def send_state(self) -> None:
        """Everything the next step depends on (weights, optimizer, batch order, counts)."""
        self.conn.send(("state", self.run_id, self.trainer.state_dict(history=False)))

    def send_weights(self) -> None:
        net = self.trainer.network
        self.conn.send(("weights", self.run_id, self.trainer.step_count, net.state_dict(),
                        {p.name: p.grad.copy() for p in net.parameters()}))

    _single = False
