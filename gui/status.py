"""The status line: step, epoch, losses, accuracy and speed of the current run, rewritten at
a rate a class can read (at most four times a second), not every frame."""
from __future__ import annotations

import math

from PySide6 import QtCore, QtWidgets

STATUS_MS = 250               # the fastest the status line changes: 4 times a second


class StatusLine(QtWidgets.QLabel):
    """A label whose text changes at most every STATUS_MS; the newest text always shows.

    The first text after a quiet spell shows at once; texts posted sooner wait for the
    timer, and only the newest of them is shown."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="status")
        self._pending: str | None = None
        self.min_interval_ms = STATUS_MS   # 0: every text at once (a recording's frames)
        self._since = QtCore.QElapsedTimer()
        self._timer = QtCore.QTimer(self, singleShot=True, timeout=self._flush)

    def post(self, text: str) -> None:
        self._pending = text
        if self._timer.isActive():
            return
        wait = self.min_interval_ms
        elapsed = self._since.elapsed() if self._since.isValid() else wait
        if elapsed >= wait:
            self._flush()
        else:
            self._timer.start(wait - elapsed)

    def show_now(self, text: str) -> None:
        """Show `text` at once (another mode came on screen)."""
        self._timer.stop()
        self._pending = text
        self._flush()

    def _flush(self) -> None:
        if self._pending is not None:
            self.setText(self._pending)
            self._pending = None
            self._since.start()


def status_text(batch, evaluation, dataset) -> str:
    """One line from the newest StepsBatch and EvalRecord (either may be None)."""
    if batch is None:
        return (f"step 0   epoch 0   {dataset.name}: {len(dataset.x_train)} train / "
                f"{len(dataset.x_test)} test points   Space: play")
    r = batch.last
    parts = [f"step {r.step:,}", f"epoch {r.epoch:.2f}", f"loss {r.loss:.4g}"]
    if evaluation is not None:
        parts.append(f"train {evaluation.train_loss:.4g}")
        if not math.isnan(evaluation.test_loss):
            parts.append(f"test {evaluation.test_loss:.4g}")
        if not math.isnan(evaluation.train_acc):
            accuracy = f"accuracy {evaluation.train_acc:.0%}"
            if not math.isnan(evaluation.test_acc):
                accuracy += f" / {evaluation.test_acc:.0%}"
            parts.append(accuracy)
    parts.append(f"{batch.steps_per_second:,.0f} steps/s")
    return "   ".join(parts)
