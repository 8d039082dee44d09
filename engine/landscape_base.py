"""The Landscape type: a surface with its analytic gradient, known minima and race settings.

`engine.landscapes` holds the registry of surfaces; this module holds what they are made of:
`Landscape`, `Minimum`, `Rates`, and the helpers that find and letter minima exactly.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from engine.landscapes_data import newton


@dataclass(frozen=True)
class Minimum:
    """A known minimum: where it is, how low, its letter on the plot, global or local."""

    point: tuple[float, ...]  # coordinates, length dim
    value: float              # f(point)
    label: str                # "A", "B", ... left to right (by x, then y)
    is_global: bool           # True for the lowest value(s) of the landscape


@dataclass(frozen=True)
class Rates:
    """The learning rates of a landscape's default race field (SGD, Momentum, RMSprop, Adam)."""

    sgd: float                   # plain SGD
    adaptive: float              # RMSprop and Adam
    momentum: float | None = None  # SGD with momentum 0.9; None: the same as `sgd`


@dataclass(frozen=True, eq=False)
class Landscape:
    """A test surface: value and analytic gradient, view box, known minima, default start."""

    name: str                                  # registry / command-line name
    title: str                                 # menu title
    dim: int                                   # 1 or 2
    formula: str                               # LaTeX of f
    view: tuple[tuple[float, float], ...]      # ((xmin, xmax),) or ((xmin, xmax), (ymin, ymax))
    start: tuple[float, ...]                   # default start point
    labels: tuple[str, str]                    # axis titles: (x, y) in 2-D, (x, f(x)) in 1-D
    rates: Rates                               # learning rates of the default race field
    description: str                           # one line for the lecture
    f: Callable = field(repr=False)            # f(x[, y]) on coordinate arrays
    df: Callable = field(repr=False)           # df(x[, y]) -> tuple of partial derivatives
    find_minima: Callable = field(repr=False)  # find_minima(self) -> tuple[Minimum, ...]
    answer: str = ""                           # when description asks: revealed on request

    @cached_property
    def minima(self) -> tuple[Minimum, ...]:
        """The known minima, found (exactly) on first use."""
        return tuple(self.find_minima(self))

    def _coords(self, p) -> list[np.ndarray]:
        p = np.asarray(p, dtype=float)
        if self.dim == 1 and p.ndim == 0:
            p = p[None]
        if p.ndim == 0 or p.shape[-1] != self.dim:
            raise ValueError(f"{self.name}: points must have shape (..., {self.dim}), "
                             f"got {p.shape}")
        return [p[..., i] for i in range(self.dim)]

    def value(self, p) -> np.ndarray:
        """f at p of shape (dim,) or (..., dim); returns shape (...)."""
        return np.asarray(self.f(*self._coords(p)), dtype=float)[()]

    def gradient(self, p) -> np.ndarray:
        """Analytic ∇f at p of shape (dim,) or (..., dim); returns shape (..., dim)."""
        parts = np.broadcast_arrays(*(np.asarray(g, dtype=float)
                                      for g in self.df(*self._coords(p))))
        return np.stack(parts, axis=-1)

    def grid(self, n: int = 200):
        """Sample the view box: (xs, values) in 1-D, (xs, ys, Z) with Z[iy, ix] in 2-D."""
        axes = [np.linspace(lo, hi, n) for lo, hi in self.view]
        if self.dim == 1:
            return axes[0], self.value(axes[0][:, None])
        gx, gy = np.meshgrid(axes[0], axes[1])
        return axes[0], axes[1], self.value(np.stack([gx, gy], axis=-1))


# --- finding and labelling minima -----------------------------------------------------------

def _fd_hessian(ls: Landscape, p: np.ndarray) -> np.ndarray:
    """Hessian by central differences of the analytic gradient (for Newton polishing)."""
    h = 1e-5 * (1.0 + np.abs(p))
    cols = [(ls.gradient(p + h[j] * e) - ls.gradient(p - h[j] * e)) / (2 * h[j])
            for j, e in enumerate(np.eye(ls.dim))]
    hess = np.column_stack(cols)
    return 0.5 * (hess + hess.T)


def polish(ls: Landscape, guess) -> np.ndarray:
    """Newton's method from `guess` to the nearby stationary point of `ls`."""
    return newton(ls.gradient, lambda p: _fd_hessian(ls, p), guess, max_iter=30)


def lettered(ls: Landscape, points, labels=None) -> tuple[Minimum, ...]:
    """Minima at `points`, sorted by (x, y), lettered A, B, ...; the lowest are global."""
    points = sorted(tuple(float(c) for c in p) for p in points)
    values = [float(ls.value(np.array(p))) for p in points]
    lowest = min(values)
    tol = 1e-9 * (1.0 + abs(lowest))
    labels = labels or string.ascii_uppercase
    return tuple(Minimum(p, v, labels[i], v <= lowest + tol)
                 for i, (p, v) in enumerate(zip(points, values, strict=True)))


def exact(*points) -> Callable:
    """find_minima for minima known in closed form."""
    return lambda ls: lettered(ls, points)


def polished(*guesses) -> Callable:
    """find_minima that polishes approximate minima by Newton's method."""
    return lambda ls: lettered(ls, [polish(ls, g) for g in guesses])


def nearest_minimum(landscape: Landscape, point) -> Minimum | None:
    """The known minimum closest (Euclidean) to `point`; None if there is none (saddle)."""
    if not landscape.minima:
        return None
    p = np.asarray(point, dtype=float).reshape(landscape.dim)
    dists = [np.linalg.norm(np.asarray(m.point) - p) for m in landscape.minima]
    return landscape.minima[int(np.argmin(dists))]
