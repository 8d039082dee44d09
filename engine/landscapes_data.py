"""Real loss surfaces: the loss of a linear model without bias, as a function of its weights.

These are the data half of `engine.landscapes`, so a student can watch an optimizer walk on
the surface a real training run walks on. The losses are the engine's own
(`engine.losses`, through `Loss.from_logits`, exactly what the trainer calls); nothing here
re-writes a loss or the sigmoid.

- miles-to-km: the lesson's own problem, ŷ = w·miles with one weight and no bias, on the
  training points of the `miles-to-km` preset (its data set, its noise, its seed and split),
  under MSE, MAE and Huber: a 1-D curve J(w).
- logistic: p = sigmoid(w1·x1 + w2·x2) (no bias) on two overlapping Gaussian clouds of 50
  points each (`np.random.default_rng(0)`), under BCE. The clouds overlap, so the data are
  not linearly separable and the minimum is finite.

Vectorised over the weights: for M weight vectors the predictions form one (M, N) array.
The loss's gradient of that array's mean is dJ/dŷ / M per element (every loss here is a mean
of per-element terms), so M × it is each row's dJ/dŷ and dJ/dw = (M × it) @ x. A loss value
is a mean over all elements, so the value of each row is one call of the loss per row.

Exact minima (computed once, on first use, by `engine.landscapes`):
- MSE: least squares (in 1-D, w = Σxy / Σx²).
- MAE in 1-D: Σ|w·x_i − y_i| = Σ|x_i|·|w − y_i/x_i| is minimised by the weighted median of
  the ratios y_i/x_i with weights |x_i|.
- Huber: damped Newton's method (`newton`) from least squares; BCE: Newton with the exact
  Hessian.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, cached_property

import numpy as np

from engine import losses
from engine.layers import sigmoid

LESSON = "miles-to-km"       # the preset whose training points make the miles-to-km surfaces
_CHUNK = 4096                # weight vectors per chunk: chunk × samples floats per temporary


@cache
def lesson_data(preset: str = LESSON) -> tuple[np.ndarray, np.ndarray]:
    """The training inputs (N, 1) and targets (N,) of a one-weight lesson preset."""
    from engine import datasets, presets

    ds = datasets.make_dataset(presets.load(preset).data)
    return ds.x_train, ds.y_train[:, 0]


@cache
def logistic_data(n_per_class: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """Two overlapping Gaussian clouds: (x of shape (N, 2), y in {0, 1}), seeded."""
    rng = np.random.default_rng(0)
    x_pos = rng.normal((1.0, 0.5), 1.0, (n_per_class, 2))
    x_neg = rng.normal((-1.0, -0.5), 1.0, (n_per_class, 2))
    y = np.concatenate([np.ones(n_per_class), np.zeros(n_per_class)])
    return np.vstack([x_pos, x_neg]), y


class LinearLoss:
    """J(w) = loss(x @ w, y): an engine loss of a bias-free linear model on fixed data."""

    def __init__(self, loss: str, data: Callable[[], tuple[np.ndarray, np.ndarray]]):
        self.loss = losses.create(loss)
        self._data = data

    @cached_property
    def x(self) -> np.ndarray:
        return self._data()[0]

    @cached_property
    def y(self) -> np.ndarray:
        return self._data()[1]

    def _weights(self, w) -> tuple[np.ndarray, tuple[int, ...]]:
        """The weight arrays (one per input) as rows of an (M, d) array, and their shape."""
        parts = np.broadcast_arrays(*(np.asarray(c, dtype=float) for c in w))
        return np.stack([p.ravel() for p in parts], axis=-1), parts[0].shape

    def value(self, *w) -> np.ndarray:
        """J at weights w (one array per input, any common shape), vectorised."""
        rows, shape = self._weights(w)
        out = np.empty(len(rows))
        for i, z in enumerate(rows @ self.x.T):
            out[i] = self.loss.from_logits(z, self.y)[0]
        return out.reshape(shape)

    def grad(self, *w) -> tuple[np.ndarray, ...]:
        """(dJ/dw1, …) at weights w, vectorised in chunks of rows."""
        rows, shape = self._weights(w)
        out = np.empty_like(rows)
        for i in range(0, len(rows), _CHUNK):
            z = rows[i:i + _CHUNK] @ self.x.T                         # (M, N) predictions
            dz = self.loss.from_logits(z, np.broadcast_to(self.y, z.shape))[1]
            out[i:i + _CHUNK] = (len(z) * dz) @ self.x                # each row's dJ/dw
        return tuple(out[:, k].reshape(shape) for k in range(out.shape[1]))

    def gradient_at(self, w: np.ndarray) -> np.ndarray:
        return np.array([g.item() for g in self.grad(*w)])


# --- exact minima ---------------------------------------------------------------------------

def newton(grad: Callable, hess: Callable, p0, value: Callable | None = None,
           max_iter: int = 100) -> np.ndarray:
    """Newton's method p ← p − H⁻¹g, halving the step while it raises `value` (if given)."""
    p = np.asarray(p0, dtype=float).copy()
    for _ in range(max_iter):
        step = np.linalg.solve(hess(p), grad(p))
        t = 1.0
        if value is not None:
            f0 = value(p)
            slack = 1e-14 * (1.0 + abs(f0))                 # ignore rounding-level rises
            while value(p - t * step) > f0 + slack and t > 1e-12:
                t *= 0.5
        p = p - t * step
        if np.max(np.abs(t * step)) <= 1e-15 * (1.0 + np.max(np.abs(p))):
            break
    return p


def least_squares(j: LinearLoss) -> np.ndarray:
    """The exact MSE minimum: w solving min ‖x w − y‖²."""
    return np.linalg.lstsq(j.x, j.y, rcond=None)[0]


def weighted_median(j: LinearLoss) -> np.ndarray:
    """The exact MAE minimum of a one-weight model: the |x|-weighted median of y / x."""
    x, y = j.x[:, 0], j.y
    keep = x != 0
    ratios, weights = y[keep] / x[keep], np.abs(x[keep])
    order = np.argsort(ratios)
    cumulative = np.cumsum(weights[order])
    return np.array([ratios[order][np.searchsorted(cumulative, 0.5 * cumulative[-1])]])


def huber_minimum(j: LinearLoss) -> np.ndarray:
    """The Huber minimum, by Newton from least squares.

    The Hessian is the central difference of the analytic gradient, which is piecewise
    linear in w: exact away from the kinks, so Newton lands on the minimum.
    """
    def hess(w):
        h = 1e-6 * (1.0 + np.abs(w))
        cols = [(j.gradient_at(w + h[k] * e) - j.gradient_at(w - h[k] * e)) / (2 * h[k])
                for k, e in enumerate(np.eye(w.size))]
        return np.column_stack(cols)

    return newton(j.gradient_at, hess, least_squares(j), value=lambda w: float(j.value(*w)))


def logistic_minimum(j: LinearLoss) -> np.ndarray:
    """The BCE minimum, by Newton from 0 (Hessian: xᵀ diag(p(1 − p)) x / N)."""
    def hess(w):
        p = sigmoid(j.x @ w)
        return (j.x * (p * (1.0 - p))[:, None]).T @ j.x / j.y.size

    return newton(j.gradient_at, hess, np.zeros(j.x.shape[1]),
                  value=lambda w: float(j.value(*w)))
