"""RunSession: one training run's state, owned by the network mode.

A session holds what a run is made of — its config, its data set, the controller with its
worker thread, the run's History and a copy of the network for the views — and the newest
news from the worker that the next frame has not drawn yet. Nothing in it knows about widgets,
so several sessions can exist side by side (one per run).
"""
from __future__ import annotations

from dataclasses import replace

from PySide6 import QtCore, QtWidgets

from engine import datasets
from engine.trainer import evaluate
from gui.controller import TrainingController
from gui.undo import KeptRun


class RunSession(QtCore.QObject):
    """One run at a time: start(config, dataset) validates and replaces it, or says why not."""

    run_started = QtCore.Signal()      # a new run: fresh network copy, empty History

    def __init__(self, parent=None):
        super().__init__(parent)
        self.controller = TrainingController(self)
        # stop the training thread even if Qt quits without closing the window first
        QtWidgets.QApplication.instance().aboutToQuit.connect(self.controller.shutdown)
        self.config = None
        self.dataset = None
        self.history = None
        self.net = None                   # the copy the views draw; the worker owns the real one
        self.initial_weights = None       # the run's weights at step 0 (range test's start)
        self.title = ""                   # what the run is called (a lesson, a file's name)
        self.last_batch = None            # newest StepsBatch of this run
        self.last_eval = None             # newest EvalRecord of this run
        self.pending_weights = None       # newest WeightsSnapshot, not yet drawn
        self.painted = -1                 # History length the plots show
        self._edited = False              # a weight was typed in; its weights not drawn yet
        self.controller.steps_recorded.connect(self._steps_recorded)
        self.controller.weights_updated.connect(self._weights_updated)

    def start(self, config, dataset=None, title: str | None = None, trainer=None) -> None:
        """Make `config` (on `dataset`, or data made from the config) the run; raises
        ConfigError naming the field when a value is not allowed, and keeps the old run.
        With `trainer` (restored from a file), that Trainer is the run and goes on from its
        step, History and all; its initial weights are not known."""
        if trainer is not None:
            self._adopt(self.controller.load_run(trainer), title, restored=True)
        else:
            self._adopt(self.controller.new_run(config, dataset), title)

    def kept(self) -> KeptRun | None:
        """This run as Edit → Undo keeps it (None before the first run)."""
        trainer = self.controller.trainer
        if trainer is None:
            return None
        return KeptRun(trainer, self.title, self.last_batch, self.last_eval,
                       self.initial_weights)

    def resume(self, kept: KeptRun) -> None:
        """Make an earlier run the run again: its weights, History and step count."""
        initial = kept.initial_weights
        self._adopt(self.controller.load_run(kept.trainer), kept.title, restored=True)
        self.initial_weights = initial
        self.last_batch, self.last_eval = kept.last_batch, kept.last_eval

    def _adopt(self, trainer, title: str | None, restored: bool = False) -> None:
        self.config, self.dataset, self.history = trainer.config, trainer.dataset, trainer.history
        self.net = trainer.network.copy()
        self.initial_weights = None if restored else trainer.network.state_dict()   # range test
        if title is not None:
            self.title = title
        self.painted, self.last_batch, self.last_eval = -1, None, None
        self.pending_weights = None          # the old run's weights never reach the new net
        self.run_started.emit()

    def restart(self) -> None:
        """Fresh weights and an empty History on the same config and data (clicked points
        included)."""
        self.start(self.config, self.dataset)

    def set_live_config(self, config, **hyper) -> None:
        """`config` differs only in live values (lr, optimizer hyper-parameters): the run
        goes on and uses `hyper` from its next step."""
        self.config = config
        self.controller.set_hyper(**hyper)

    @property
    def loss(self):
        """The run's loss object (read-only here; the worker uses it)."""
        return self.controller.trainer.loss

    # ---- data edits ----
    def add_point(self, raw, target) -> None:
        self.replace_dataset(datasets.add_point(self.dataset, raw, target))

    def remove_point(self, raw) -> None:
        self.replace_dataset(datasets.remove_nearest(self.dataset, raw))

    def replace_dataset(self, dataset) -> None:
        """Train on an edited data set from the next step; the weights stay."""
        self.dataset = dataset
        self.controller.replace_dataset(dataset)

    # ---- news for the next frame ----
    @property
    def history_grew(self) -> bool:
        return self.history is not None and len(self.history) != self.painted

    def mark_painted(self, n: int) -> None:
        """The plots now show the first `n` records of the History."""
        self.painted = n

    def take_weights(self):
        """The newest weights of this run not drawn yet (loaded into `net`), or None."""
        weights, self.pending_weights = self.pending_weights, None
        if weights is None or weights.run_id != self.controller.run_id:
            return None
        self.net.load_state_dict(weights.state)
        if self._edited:
            self._edited = False
            self._evaluate_edit()
        return weights

    def weight_edited(self) -> None:
        """A weight was typed in: the status's losses are recomputed when it arrives."""
        self._edited = True

    def _evaluate_edit(self) -> None:
        """Losses and accuracy of the edited weights, at once (not at the next step); the
        status's 'loss' becomes the full training loss of the weights now shown."""
        ev = evaluate(self.net, self.loss, self.dataset)
        self.last_eval = ev
        if self.last_batch is not None:
            record = replace(self.last_batch.last, loss=ev.train_loss)
            self.last_batch = replace(self.last_batch, last=record)

    def _steps_recorded(self, batch) -> None:
        self.last_batch = batch
        if batch.last_eval is not None:
            self.last_eval = batch.last_eval

    def _weights_updated(self, snapshot) -> None:
        """Keep the newest weights; the next display frame draws them."""
        self.pending_weights = snapshot

    def shutdown(self) -> bool:
        """Stop training and the thread; True when it has ended."""
        return self.controller.shutdown()
