"""Edit → Undo: a change that started a new run can be taken back.

When a panel edit, a lesson, a file or Reset replaces a run that had trained, the old run is
kept whole — its Trainer (config, data set, weights, optimizer state, step count, batch
order) with its History — and Undo makes it the run again, where it stopped. Undo swaps: the
run it replaced is kept in its turn, so a second Undo goes back to it.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtCore


@dataclass(frozen=True)
class KeptRun:
    """A run that was replaced, with what its status line last said."""

    trainer: object            # engine.trainer.Trainer: weights, optimizer, History, step
    title: str                 # the run's name (a lesson's title, a file's name)
    last_batch: object | None  # newest StepsBatch the window had received
    last_eval: object | None   # newest EvalRecord
    initial_weights: dict | None = None   # where it started (the range test's start), if known

    @property
    def steps(self) -> int:
        return self.trainer.step_count


class RunUndo(QtCore.QObject):
    """One run to go back to (the last one replaced after it had trained)."""

    changed = QtCore.Signal(str)       # the Undo action's text; "" when there is nothing

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kept: KeptRun | None = None

    def keep(self, kept: KeptRun | None) -> None:
        """Remember `kept` if it had trained at least one step (else keep the older one)."""
        if kept is not None and kept.steps > 0:
            self.kept = kept
            self.changed.emit(self.text)

    def take(self) -> KeptRun | None:
        kept, self.kept = self.kept, None
        self.changed.emit(self.text)
        return kept

    @property
    def text(self) -> str:
        """'Undo: back to Spiral with Adam at step 19,056' (empty when nothing is kept)."""
        if self.kept is None:
            return ""
        name = f"{self.kept.title} " if self.kept.title else ""
        return f"Undo: back to {name}at step {self.kept.steps:,}"
