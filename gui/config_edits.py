"""Panel edits to a run's configuration: what applies live, what starts a new run.

The learning rate and the optimizer's hyper-parameters change at the next step; anything else
starts a new run. Choosing data of another task also chooses a loss that fits it.
"""
from __future__ import annotations

from PySide6 import QtWidgets

from engine import datasets, losses
from engine.config import loss_for_task
from engine.errors import ConfigError

LIVE_KEYS = {"optimizer.lr", "optimizer.params"}


class ConfigEdits:
    """Applies the panels' overrides to the network mode's run session."""

    def __init__(self, mode):
        self.mode = mode

    def apply(self, overrides: dict) -> None:
        """Live for lr and hyper-parameters; a new run for anything else; refused with a
        message (and the panels reset) when a value is not allowed."""
        mode, session = self.mode, self.mode.session
        if not overrides:
            mode.show_config()
            return
        try:
            overrides = self._with_fitting_loss(overrides)
            new = session.config.with_overrides(overrides)
            dataset = None
            if overrides.keys() <= LIVE_KEYS:
                new.validate(task=session.dataset.task)
            elif new.data.dataset == "csv" and any(k.startswith("data.") for k in overrides):
                dataset = datasets.make_dataset(new.data)        # its task shows on loading
                new = self._fit_loss(new, dataset.task)
        except ConfigError as err:
            mode.show_config()
            QtWidgets.QMessageBox.warning(mode, "Not allowed", str(err))
            return
        if overrides.keys() <= LIVE_KEYS:
            hyper = dict(overrides.get("optimizer.params", {}))
            if "optimizer.lr" in overrides:
                hyper["lr"] = new.optimizer.lr
            session.set_live_config(new, **hyper)
        else:
            if dataset is None and not any(k.startswith("data.") for k in overrides):
                dataset = session.dataset       # keep the data, clicked-in points included
            mode.start_run(new, dataset)

    def _with_fitting_loss(self, overrides: dict) -> dict:
        """Choosing data of another task also chooses a loss that fits it (and says so)."""
        spec = datasets.GENERATORS.get(overrides.get("data.dataset"))
        if spec is None:
            return overrides
        current = overrides.get("loss.name", self.mode.session.config.loss.name)
        fitting = loss_for_task(spec.task, current)
        if fitting != current:
            self._say_loss_changed(current, fitting, spec.task)
            return {**overrides, "loss.name": fitting}
        return overrides

    def _fit_loss(self, config, task: str):
        fitting = loss_for_task(task, config.loss.name)
        if fitting == config.loss.name:
            return config
        self._say_loss_changed(config.loss.name, fitting, task)
        return config.with_overrides({"loss.name": fitting})

    def _say_loss_changed(self, old: str, new: str, task: str) -> None:
        """'Loss switched to Mean squared error: Binary cross-entropy is for binary
        classification (two classes); this data set is regression (a number to predict).'"""
        self.mode.show_note(f"Loss switched to {losses.REGISTRY[new].title}: "
                            f"{losses.REGISTRY[old].why_not(task)}")
