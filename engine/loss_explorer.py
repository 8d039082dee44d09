"""The loss explorer's curves: each loss as a function of what it judges (docs/maths.md).

A regression loss judges the residual r = ŷ − y, a loss behind a sigmoid or softmax head the
probability p given to the true class, and a binary loss on a raw score (hinge) the margin
m = y·f with y = ±1. `judged_by(cls)` reads which from the loss's own task and head, so a new
loss in engine/losses.py is explored with no change here.

A curve is the loss of ONE sample, ℓ(x) = loss.value on a batch of one, and its slope dℓ/dx
from loss.gradient (for a mean over N samples each sample's term is ℓ/N and its gradient
∂ℓ/∂x / N). RMSE is not a sum of per-sample terms: one sample's RMSE is |r|.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CURVE_POINTS = 801            # points per curve; the dots are interpolated between them


@dataclass(frozen=True)
class Judged:
    """What a loss judges: the x axis of its curve, and how a sample's x is found."""

    name: str                         # "residual" | "probability" | "margin"
    symbol: str                       # r, p or m, as on the axis
    label: str                        # the x axis title
    view: tuple[float, float]         # the x range shown at first
    correct: float                    # x of a correct (and confident) prediction
    correct_words: str                # what that x means
    ends: tuple[tuple[str, float, float], ...]   # (words, x, x twice as far) per far end
    linear_words: str                 # growth that doubles when x goes twice as far

    def grid(self, lo: float | None = None, hi: float | None = None) -> np.ndarray:
        """The curve's x values over [lo, hi] (default: the view); p runs up to 1 and
        crowds near 0, where −log p rises fastest."""
        lo, hi = self.view if lo is None else (lo, hi)
        if self.name == "probability":
            return np.concatenate([np.geomspace(1e-9, 1e-2, 100, endpoint=False),
                                   np.linspace(1e-2, 1.0, CURVE_POINTS - 100)])
        return np.linspace(lo, hi, CURVE_POINTS)

    def one_sample(self, x: float, head: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ŷ, y, dŷ/dx) of one sample whose judged value is x."""
        if self.name == "residual":
            return np.array([[x]]), np.array([[0.0]]), np.array([[1.0]])
        if self.name == "probability" and head == "softmax":   # true class first of two
            return np.array([[x, 1.0 - x]]), np.array([[1.0, 0.0]]), np.array([[1.0, -1.0]])
        return np.array([[x]]), np.array([[1.0]]), np.array([[1.0]])   # p of y = 1; m = f

    def of_batch(self, y_pred: np.ndarray, y_true: np.ndarray, head: str) -> np.ndarray:
        """Each sample's judged value, from the model's outputs ŷ (after the head)."""
        y_pred, y_true = np.asarray(y_pred, float), np.asarray(y_true, float)
        if self.name == "residual":
            return (y_pred - y_true).ravel()
        if self.name == "margin":            # labels y > 0 count as +1, others −1 (hinge)
            return (np.where(y_true > 0, 1.0, -1.0) * y_pred).ravel()
        if head == "softmax":
            return y_pred[np.arange(len(y_pred)), y_true.argmax(axis=1)]
        return np.where(y_true > 0.5, y_pred, 1.0 - y_pred).ravel()


RESIDUAL = Judged("residual", "r", "residual r = ŷ − y", (-3.0, 3.0), 0.0,
                  "a correct prediction",
                  (("r → −∞ (under-predicted)", -1e3, -2e3),
                   ("r → +∞ (over-predicted)", 1e3, 2e3)), "|r|")
PROBABILITY = Judged("probability", "p", "p = probability given to the true class",
                     (0.0, 1.0), 1.0, "correct and sure",
                     (("p → 0 (confidently wrong)", 1e-4, 1e-8),), "−log p")
MARGIN = Judged("margin", "m", "margin m = y·f  (y = ±1, f the score)", (-3.0, 3.0), 3.0,
                "right, with room to spare",
                (("m → −∞ (confidently wrong)", -1e3, -2e3),
                 ("m → +∞ (confidently right)", 1e3, 2e3)), "|m|")
JUDGED = {j.name: j for j in (RESIDUAL, PROBABILITY, MARGIN)}


def judged_by(cls) -> Judged | None:
    """What loss class `cls` judges, from its head and task (None: nothing to plot)."""
    if cls.head in ("sigmoid", "softmax"):
        return PROBABILITY
    if cls.task == "regression":
        return RESIDUAL
    return MARGIN if cls.task == "binary" else None


@dataclass(frozen=True)
class Curve:
    """One sample's loss ℓ(x) and slope dℓ/dx at every x of a grid."""

    name: str               # the loss's registry name
    x: np.ndarray
    value: np.ndarray       # ℓ(x) = loss.value of one sample
    slope: np.ndarray       # dℓ/dx = loss.gradient of one sample (N = 1), along x

    def at(self, x) -> tuple[np.ndarray, np.ndarray]:
        """(ℓ, dℓ/dx) at points x inside the grid, on the drawn (straight-segment) curve."""
        return np.interp(x, self.x, self.value), np.interp(x, self.x, self.slope)


def point(loss, x: float) -> tuple[float, float]:
    """(ℓ(x), dℓ/dx) of one sample under `loss` (an engine.losses.Loss)."""
    y_pred, y_true, direction = judged_by(type(loss)).one_sample(float(x), loss.head)
    with np.errstate(divide="ignore", invalid="ignore"):    # CE's skipped 0·log 0 terms
        value = loss.value(y_pred, y_true)
        slope = float(np.sum(loss.gradient(y_pred, y_true) * direction))
    return value, slope


def curve(loss, x: np.ndarray | None = None) -> Curve:
    """The curve of `loss` over x (default: its judged quantity's grid)."""
    x = judged_by(type(loss)).grid() if x is None else np.asarray(x, dtype=np.float64)
    pairs = np.array([point(loss, xi) for xi in x])
    return Curve(loss.name, x, pairs[:, 0], pairs[:, 1])


def view_range(judged: Judged, x_dots: np.ndarray) -> tuple[float, float]:
    """The x range to show: the judged quantity's view, widened symmetrically in 1-2-5
    steps until it holds every dot (p always stays in [0, 1])."""
    lo, hi = judged.view
    x_dots = np.asarray(x_dots, dtype=np.float64)
    x_dots = x_dots[np.isfinite(x_dots)]
    if judged.name == "probability" or not len(x_dots):
        return lo, hi
    reach = float(np.max(np.abs(x_dots))) * 1.05
    if reach <= hi:
        return lo, hi
    half = next((m * 10.0 ** k for k in range(10) for m in (1, 2, 5) if m * 10.0 ** k >= reach),
                reach)
    return -half, half


# ---- the words on the plot: the minimum and the far ends ----
def minimum_words(loss, c: Curve | None = None) -> str:
    """'min 0 at r = 0: a correct prediction', 'min 0 at m ≥ 1: …', or 'no minimum: …';
    from `c` when given (it must be the curve over the judged quantity's view)."""
    judged = judged_by(type(loss))
    c = curve(loss, judged.grid()) if c is None else c
    low = float(c.value.min())
    tol = 1e-9 * (1.0 + abs(low))
    at = c.x[c.value <= low + tol]
    if judged.name != "probability":            # p cannot go past 0 or 1; r and m can
        for edge in {float(at[0]), float(at[-1])} & {float(c.x[0]), float(c.x[-1])}:
            if point(loss, 2.0 * edge)[0] < low - tol:
                return f"no minimum: it falls for ever as {judged.symbol} → " \
                       f"{'+' if edge > 0 else '−'}∞"
    s = judged.symbol
    if at[-1] - at[0] < 1e-6:
        where = f"{s} = {_num(at[0])}"
    elif at[-1] == c.x[-1]:
        where = f"{s} ≥ {_num(at[0])}"
    else:
        where = f"{_num(at[0])} ≤ {s} ≤ {_num(at[-1])}"
    text = f"min {_num(low)} at {where}"
    if at[0] - 1e-6 <= judged.correct <= at[-1] + 1e-6:
        text += f": {judged.correct_words}"
    return text


def end_words(loss, words: str) -> str:
    """How `loss` behaves at the far end called `words` in its judged quantity's ends."""
    judged = judged_by(type(loss))
    _, x1, x2 = next(end for end in judged.ends if end[0] == words)
    v1, v2 = point(loss, x1)[0], point(loss, x2)[0]
    if abs(v2 - v1) <= 1e-9 * (1.0 + abs(v1)):
        return f"stays {_num(v1)}"
    if v2 < v1:
        return "→ −∞: the loss goes negative" if v2 < 0 else f"falls towards {_num(v2)}"
    ratio = v2 / v1 if v1 > 0 else 0.0
    if 3.5 < ratio < 4.5:
        return f"→ ∞, like {judged.symbol}²"
    if 1.8 < ratio < 2.2:
        return f"→ ∞, like {judged.linear_words}"
    return "→ ∞"


def marks(loss, c: Curve | None = None) -> list[str]:
    """Every line of words for `loss`: its minimum, then each far end (`c`: as in
    minimum_words)."""
    judged = judged_by(type(loss))
    return [minimum_words(loss, c)] + [f"{words}: {end_words(loss, words)}"
                                    for words, *_ in judged.ends]


def _num(x: float) -> str:
    return f"{x:.3g}".replace("-", "−") if abs(x) > 1e-12 else "0"
