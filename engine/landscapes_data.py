"""Real loss surfaces of two-parameter models on fixed, seeded data sets.

These are the data half of `engine.landscapes`: the loss of a model with exactly two
parameters, as a function of those two parameters, so a student can watch an optimizer walk
on the surface a real training run walks on.

- miles-to-km: km = w·miles + b on 20 points (miles ~ U[0, 10], km = 1.609344·miles plus
  N(0, 1) noise, `np.random.default_rng(0)`), under MSE, MAE and Huber (delta 1).
- logistic: p = sigmoid(w1·x1 + w2·x2) (no bias) on two overlapping Gaussian clouds of 50
  points each (`np.random.default_rng(0)`), under BCE. The clouds overlap, so the data are not
  linearly separable and the minimum is finite.

Losses are the MATH.md formulas: a mean over samples, residual r = ŷ − y, MSE without ½,
MAE gradient sign(r) (0 at r = 0), Huber with delta 1. BCE is evaluated in its stable fused
form from the logit z, max(z, 0) − z·y + log1p(e^{−|z|}), which equals
−[y log p + (1 − y) log(1 − p)] wherever PyTorch's clamp does not bite.

Every surface function takes parameter arrays (w, b) or (w1, w2) of any common shape and is
evaluated in chunks, so a 400×400 grid costs a few tens of MB at most.

Exact minima (computed once, on first use, by `engine.landscapes`):
- MSE: least squares.
- MAE: a convex piecewise-linear surface attains its minimum at a vertex, where two
  residuals vanish; all 190 vertices are enumerated and the lowest is taken.
- Huber and BCE: damped Newton's method with the exact Hessian (`newton`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

KM_PER_MILE = 1.609344
HUBER_DELTA = 1.0
_CHUNK = 4096  # parameter points per chunk: chunk × samples floats per temporary array


def _make_miles_to_km(n: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """The miles-to-km data: (miles, km), seeded."""
    rng = np.random.default_rng(0)
    miles = rng.uniform(0.0, 10.0, n)
    km = KM_PER_MILE * miles + rng.normal(0.0, 1.0, n)
    return miles, km


def _make_logistic(n_per_class: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """Two overlapping Gaussian clouds: (x of shape (N, 2), y in {0, 1}), seeded."""
    rng = np.random.default_rng(0)
    x_pos = rng.normal((1.0, 0.5), 1.0, (n_per_class, 2))
    x_neg = rng.normal((-1.0, -0.5), 1.0, (n_per_class, 2))
    y = np.concatenate([np.ones(n_per_class), np.zeros(n_per_class)])
    return np.vstack([x_pos, x_neg]), y


MILES, KM = _make_miles_to_km()
X_LOGISTIC, Y_LOGISTIC = _make_logistic()


def _chunked(kernel: Callable, a, b) -> tuple[np.ndarray, ...]:
    """Apply kernel(a_flat, b_flat) -> tuple of (M,) arrays in chunks; restore the shape."""
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    a_flat, b_flat = a.ravel(), b.ravel()
    parts = [kernel(a_flat[i:i + _CHUNK], b_flat[i:i + _CHUNK])
             for i in range(0, a_flat.size, _CHUNK)]
    if not parts:
        parts = [kernel(a_flat, b_flat)]
    return tuple(np.concatenate(cols).reshape(a.shape) for cols in zip(*parts, strict=True))


# --- per-residual losses rho(r) and their derivatives psi(r) = rho'(r) ---------------------

def _mse(r):
    return r * r, 2.0 * r


def _mae(r):
    return np.abs(r), np.sign(r)


def _huber(r, delta: float = HUBER_DELTA):
    inside = np.abs(r) <= delta
    rho = np.where(inside, 0.5 * r * r, delta * (np.abs(r) - 0.5 * delta))
    psi = np.where(inside, r, delta * np.sign(r))
    return rho, psi


RESIDUAL_LOSSES: dict[str, Callable] = {"mse": _mse, "mae": _mae, "huber": _huber}


def regression_value(loss: str, w, b) -> np.ndarray:
    """Mean loss of km ≈ w·miles + b at parameters (w, b), vectorised over (w, b)."""
    rho_psi = RESIDUAL_LOSSES[loss]

    def kernel(w, b):
        r = w[:, None] * MILES + b[:, None] - KM           # (M, N) residuals ŷ − y
        return (rho_psi(r)[0].mean(axis=1),)

    return _chunked(kernel, w, b)[0]


def regression_grad(loss: str, w, b) -> tuple[np.ndarray, np.ndarray]:
    """(dL/dw, dL/db) of the mean loss of km ≈ w·miles + b, vectorised over (w, b)."""
    rho_psi = RESIDUAL_LOSSES[loss]

    def kernel(w, b):
        psi = rho_psi(w[:, None] * MILES + b[:, None] - KM)[1]
        return (psi * MILES).mean(axis=1), psi.mean(axis=1)

    return _chunked(kernel, w, b)


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _logits(w1, w2):
    return w1[:, None] * X_LOGISTIC[:, 0] + w2[:, None] * X_LOGISTIC[:, 1]   # (M, N)


def logistic_value(w1, w2) -> np.ndarray:
    """Mean BCE of p = sigmoid(w1·x1 + w2·x2) at weights (w1, w2), vectorised."""
    def kernel(w1, w2):
        z = _logits(w1, w2)
        loss = np.maximum(z, 0.0) - z * Y_LOGISTIC + np.log1p(np.exp(-np.abs(z)))
        return (loss.mean(axis=1),)

    return _chunked(kernel, w1, w2)[0]


def logistic_grad(w1, w2) -> tuple[np.ndarray, np.ndarray]:
    """(dL/dw1, dL/dw2) of the mean BCE: mean of (p − y)·x, vectorised."""
    def kernel(w1, w2):
        err = _sigmoid(_logits(w1, w2)) - Y_LOGISTIC         # dL/dz before 1/N
        return (err * X_LOGISTIC[:, 0]).mean(axis=1), (err * X_LOGISTIC[:, 1]).mean(axis=1)

    return _chunked(kernel, w1, w2)


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


def _design() -> np.ndarray:
    return np.column_stack([MILES, np.ones_like(MILES)])


def mse_minimum() -> np.ndarray:
    """(w, b) of least squares: the exact MSE minimum."""
    return np.linalg.lstsq(_design(), KM, rcond=None)[0]


def mae_minimum() -> np.ndarray:
    """(w, b) minimising the MAE: the best vertex where two residuals are zero."""
    i, j = np.triu_indices(MILES.size, k=1)
    keep = MILES[i] != MILES[j]
    i, j = i[keep], j[keep]
    w = (KM[i] - KM[j]) / (MILES[i] - MILES[j])
    b = KM[i] - w * MILES[i]
    best = np.argmin(regression_value("mae", w, b))
    return np.array([w[best], b[best]])


def huber_minimum() -> np.ndarray:
    """(w, b) minimising the Huber loss, by Newton from the least-squares solution."""
    a = _design()

    def hess(p):
        inside = np.abs(a @ p - KM) <= HUBER_DELTA
        return a[inside].T @ a[inside] / KM.size

    def grad(p):
        return np.array(regression_grad("huber", p[0], p[1]))

    return newton(grad, hess, mse_minimum(),
                  value=lambda p: float(regression_value("huber", p[0], p[1])))


def logistic_minimum() -> np.ndarray:
    """(w1, w2) minimising the BCE, by Newton from (0, 0)."""
    x, y = X_LOGISTIC, Y_LOGISTIC

    def grad(w):
        return x.T @ (_sigmoid(x @ w) - y) / y.size

    def hess(w):
        p = _sigmoid(x @ w)
        return (x * (p * (1.0 - p))[:, None]).T @ x / y.size

    return newton(grad, hess, np.zeros(2),
                  value=lambda w: float(logistic_value(w[0], w[1])))
