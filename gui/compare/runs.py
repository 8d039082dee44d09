"""CompareRuns: up to six RunSessions trained side by side in the network tab.

The runs are built by engine.compare.Comparison (the current run's config plus each run's
overrides): one Dataset object for equal data settings, and run 1's initial weights in every
run of its shape and initialisation. Each run is a RunSession with its own child process, so
the runs use every core. The run bar drives all of them (gui/modes.py routes it here while a
comparison is on); the data and network views, the panels (read-only) and the status line
follow the selected run, which is the network mode's `session` meanwhile.
"""
from __future__ import annotations

import math
import os

from PySide6 import QtCore, QtWidgets

from engine.compare import Comparison
from gui.compare import layout
from gui.compare.variants import run_labels
from gui.network.session import RunSession
from gui.status import status_text

CHILD_NICE = 10           # the runs' children yield to the window's painting
LOCKSTEP = 200             # steps per chunk when the runs play as fast as possible
KEEP_WAIT_MS = 5000        # how long "Keep this run" waits for the run's final state


class CompareRuns(QtCore.QObject):
    """The runs of one comparison; `end()` goes back to one run."""

    def __init__(self, mode, base, overrides: list[dict], labels: list[str] | None = None,
                 title: str = "", dataset=None):
        super().__init__(mode)
        self.mode, self.base, self.title = mode, base, title
        self.overrides = [dict(o) for o in overrides]
        self.dataset = dataset
        comparison = self._comparison()          # raises ConfigError naming the run
        self.labels = list(labels) if labels else run_labels(comparison.configs)
        self.shared_start = comparison.shared_start
        self.selected = 0
        self._lockstep = False                   # playing at max speed, chunk by chunk
        self._speed = mode.speed
        self.original = mode.session
        self.view = layout.CompareView(mode, self.labels,
                                       [len(t.network.layers) for t in comparison.trainers],
                                       self.tick)
        self.sessions = [RunSession(self) for _ in comparison.trainers]   # a child each
        for s in self.sessions:
            yield_to_window(s.controller.worker.process)
        self._connect()
        self._load(comparison)
        self.set_speed(self._speed)

    def _comparison(self) -> Comparison:
        return Comparison(self.base, self.overrides, self.dataset)

    def _connect(self) -> None:
        for k, s in enumerate(self.sessions):
            c = s.controller
            c.state_changed.connect(lambda _: self._state_changed())
            c.training_diverged.connect(lambda event, k=k: self._diverged(k, event))
            c.run_failed.connect(lambda event, k=k: self._failed(k, event))
        self.view.chooser.selected.connect(self.select)
        self.view.chooser.keep_clicked.connect(lambda: self.end(keep=self.selected))

    def _load(self, comparison: Comparison) -> None:
        """Every session starts its run from the comparison's Trainer (shared weights)."""
        self.dataset = comparison.trainers[0].dataset
        for k, (s, trainer) in enumerate(zip(self.sessions, comparison.trainers)):
            initial = trainer.network.state_dict()
            s.start(trainer.config, trainer.dataset, f"{self.title} — {self.labels[k]}",
                    trainer=trainer)
            s.initial_weights = initial
        self.view.clear()
        self.select(self.selected)

    # ---- the selected run ----
    def select(self, k: int) -> None:
        """Run k is shown in the data and network views, the panels and the status line."""
        self.selected = k
        s = self.sessions[k]
        self.mode.session = s
        s.take_weights()
        m = self.mode
        m.data_view.set_dataset(s.dataset)
        m.data_view.set_network(s.net)
        m.network_view.set_feature_names(s.dataset.feature_names)
        m.network_view.set_network(s.net)
        m.show_config()
        follow_in_explorers(m, s)
        self.view.chooser.show_selected(k)
        self.show_status()

    def show_status(self) -> None:
        s = self.sessions[self.selected]
        text = status_text(s.last_batch, s.last_eval, s.dataset)
        self.mode.status_changed.emit(f"run {self.selected + 1} ({self.labels[self.selected]})"
                                      f"   {text}")

    # ---- the run bar: every run ----
    @property
    def is_playing(self) -> bool:
        return self._lockstep or any(s.controller.playing for s in self.sessions)

    @property
    def running(self) -> bool:
        return any(s.controller.running for s in self.sessions)

    def play(self) -> None:
        """At a set speed each run plays at it; as fast as possible, the runs go in chunks
        of LOCKSTEP steps, each chunk once all are done, so the curves stay side by side
        (a slow run would fall behind otherwise)."""
        if self._speed is None:
            self._lockstep = True
            self._next_chunk()
        else:
            for s in self._going():
                s.controller.play()
        self.mode.playing_changed.emit(True)

    def pause(self) -> None:
        self._lockstep = False
        for s in self.sessions:
            s.controller.pause()

    def toggle_play(self) -> None:
        self.pause() if self.is_playing else self.play()

    def _going(self) -> list:
        """The runs that have not diverged."""
        return [s for s in self.sessions if not s.controller.trainer.divergence]

    def _next_chunk(self) -> None:
        going = self._going()
        if not going:
            self._lockstep = False
            self.mode.playing_changed.emit(False)
            return
        for s in going:
            s.controller.step(LOCKSTEP)

    def _state_changed(self) -> None:
        if self._lockstep and not self.running:
            self._next_chunk()
        self.mode.playing_changed.emit(self.is_playing)

    def step_once(self) -> None:
        self._lockstep = False
        for s in self._going():
            s.controller.step()
        self.mode.playing_changed.emit(False)

    def step_epoch(self) -> None:
        """One epoch of each run (as many steps as its batch size needs)."""
        self._lockstep = False
        for s in self._going():
            s.controller.step_epoch()
        self.mode.playing_changed.emit(False)

    def reset(self) -> None:
        """Every run from the same initial weights again, on the same data."""
        self._lockstep = False
        self._load(self._comparison())
        self.mode.playing_changed.emit(False)

    def set_speed(self, steps_per_second: float | None) -> None:
        """Each run at this speed (None: as fast as it can, in chunks side by side)."""
        switch = self.is_playing and (steps_per_second is None) != (self._speed is None)
        if switch:                           # from chunks to a pace, or back
            self.pause()
        self._speed = steps_per_second
        for s in self.sessions:
            s.controller.set_speed(math.inf if steps_per_second is None else steps_per_second)
        if switch:
            self.play()

    @property
    def speed(self) -> float | None:
        return self._speed

    # ---- news ----
    def _diverged(self, k: int, event) -> None:
        self.view.chooser.mark_diverged(k)
        self.mode.show_note(f"Run {k + 1} ({self.labels[k]}) stopped at step {event.step:,}: "
                            f"{event.message}")
        self._state_changed()        # the last run of a chunk to stop may be this one

    def _failed(self, k: int, event) -> None:
        from gui.app import report_error
        self._state_changed()
        report_error(f"Run {k + 1} stopped by an error", event.message)

    # ---- painting (the network tab's display timer) ----
    def tick(self) -> None:
        mode = self.mode
        if not mode.isVisibleTo(mode.window()):
            return
        grew = [k for k, s in enumerate(self.sessions) if s.history_grew]
        s = self.sessions[self.selected]
        if not grew and s.pending_weights is None:
            return
        self.view.paint(self.sessions, grew)
        weights = s.take_weights()
        if weights is not None:
            mode.data_view.refresh()
            mode.network_view.refresh(weights.grads)
        self.show_status()
        QtWidgets.QApplication.sendPostedEvents()

    # ---- the end ----
    def end(self, keep: int | None = None) -> None:
        """Back to one run: with `keep`, that run goes on alone in the network mode (its
        weights, curves and step; Edit → Undo gives back the run before the comparison);
        without, the comparison's runs end (a new run is about to replace them)."""
        mode = self.mode
        self.pause()
        kept = self._kept(keep) if keep is not None else None
        mode.session, mode.compare = self.original, None
        follow_in_explorers(mode, self.original)
        mode.set_speed(self._speed)               # the run bar's speed, for the one run
        self.view.remove()
        for s in self.sessions:
            s.shutdown()
        if kept is not None:
            mode.keep_run(kept)
        mode.playing_changed.emit(False)
        self.deleteLater()

    def _kept(self, k: int):
        """Run k as Edit → Undo keeps it, once its child has sent its final state."""
        c = self.sessions[k].controller
        loop_until(lambda: not c.running, KEEP_WAIT_MS)
        return self.sessions[k].kept()


def follow_in_explorers(mode, session) -> None:
    """The Losses tab draws the batch of `session` (it keeps the session it was made with)."""
    from gui.loss_explorer import LossExplorer
    for explorer in mode.window().findChildren(LossExplorer):
        if explorer.session is not session:
            explorer.session = session
            explorer.follow_new_run()


def yield_to_window(process) -> None:
    """More runs than cores compete with the window for the CPU: the runs' children get a
    lower priority (nice CHILD_NICE), so the frames keep coming while every core trains."""
    if hasattr(os, "setpriority") and process is not None and process.pid:
        try:
            os.setpriority(os.PRIO_PROCESS, process.pid, CHILD_NICE)
        except OSError:
            pass                 # not allowed here: the runs keep the usual priority


def loop_until(condition, timeout_ms: int) -> bool:
    """Process events until condition() holds or timeout_ms passed."""
    timer = QtCore.QElapsedTimer()
    timer.start()
    app = QtWidgets.QApplication.instance()
    while not condition() and timer.elapsed() < timeout_ms:
        app.processEvents(QtCore.QEventLoop.AllEvents, 10)
    return condition()
