"""The status line's text: step, epoch, losses, accuracy and speed of the current run."""
from __future__ import annotations

import math


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
