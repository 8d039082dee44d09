"""Divergence that does not overflow: a loss far above where it started, not coming back.

The trainer's own checks stop a run whose loss or gradient is not finite or whose loss has
grown a millionfold. A learning rate that is far too large often does neither: the weights
saturate and the loss settles far above its start (BCE at ≈ 85 with 50 % accuracy, an MSE
at 10⁵× its start) and training goes on forever. `RiseWatch` names that too.

The rule (docs/maths.md#divergence): with the start level L₀ = max(first batch loss, the
loss of a zero output on the training set, 10⁻³), the run has diverged at step t ≥ W when at
least half of the last W batch losses are above k · L₀ (their median is: a lone spike or a
lucky batch changes nothing). Losses with no lower bound (MBE) are not watched: they fall
without end by design, and that fall is their lesson.
"""
from __future__ import annotations

import math
from collections import deque

import numpy as np

from engine.errors import ConfigError

RISE = 10.0          # k: "far above" is an order of magnitude above the start level
WINDOW = 200         # W: the last W steps, most of them there ("not coming back")
FLOOR = 1e-3         # smallest start level, so a lucky start near 0 is no trap


def zero_output_loss(loss, y_train: np.ndarray) -> float:
    """The loss of a network whose output layer gives z = 0 for every training point:
    ln 2 for BCE, ln C for cross-entropy, 1 for hinge, mean(y²) for MSE."""
    value, _ = loss.from_logits(np.zeros(y_train.shape), y_train)
    return float(value)


def bounded_below(loss) -> bool:
    """True for losses that cannot go below 0 (every one but MBE)."""
    return loss.value_range.startswith("[0")


def advice(lr: float) -> str:
    return f" — the learning rate {lr:g} is likely too large; try a smaller one (e.g. {lr / 10:g})"


class RiseWatch:
    """Follows one run's batch losses; `check` returns the message once the rule holds."""

    def __init__(self, loss, y_train: np.ndarray):
        self.active = bounded_below(loss)
        self.zero_level = zero_output_loss(loss, y_train) if self.active else math.nan
        self.start: float | None = None     # L₀, set by the first loss
        self.recent: deque[float] = deque(maxlen=WINDOW)   # the last W batch losses
        self.above = 0                      # how many of them are above k · L₀

    def state_dict(self) -> dict:
        """L₀ and the last W losses, as plain numbers (a saved experiment continues the rule)."""
        return {"start": self.start, "recent": [float(x) for x in self.recent]}

    def load_state_dict(self, state: dict) -> None:
        start, recent = state.get("start"), state.get("recent")
        if not (start is None or isinstance(start, (int, float))) or not isinstance(
                recent, list) or not all(isinstance(x, (int, float)) for x in recent):
            raise ConfigError("divergence watch", state, "a start level and a list of losses")
        self.start = None if start is None else float(start)
        self.recent = deque((float(x) for x in recent[-WINDOW:]), maxlen=WINDOW)
        limit = RISE * self.start if self.start is not None else math.inf
        self.above = sum(x > limit for x in self.recent)

    def check(self, t: int, loss: float, lr: float) -> str | None:
        """After the batch loss of step t: a message when the run has diverged, else None."""
        if not self.active or not math.isfinite(loss):
            return None
        if self.start is None:
            self.start = max(loss, self.zero_level, FLOOR)
        limit = RISE * self.start
        if len(self.recent) == WINDOW and self.recent[0] > limit:
            self.above -= 1
        self.recent.append(loss)
        self.above += loss > limit
        if len(self.recent) < WINDOW or 2 * self.above < WINDOW:
            return None
        median = float(np.median(self.recent)) / self.start
        return (f"loss stayed {median:.3g}× above its start {self.start:.3g} (median of the "
                f"last {WINDOW} steps) at step {t}" + advice(lr))
