"""1-D and 2-D test surfaces with analytic gradients, for the optimizer race and the lecture.

Every surface of MATH.md ("2-D test surfaces"), the lettered 1-D curve `minima-1d`, and the
real loss surfaces of two-parameter models on data (`engine.landscapes_data`). A `Landscape`
evaluates f and its analytic gradient on one point of shape (dim,) or on any stack of points
of shape (..., dim), so the GUI can shade a 400×400 grid in one call.

Known minima are exact: each is polished by Newton's method (or solved in closed form) the
first time `Landscape.minima` is read, so importing this module stays cheap.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from engine import landscapes_data as data
from engine.errors import ConfigError


@dataclass(frozen=True)
class Minimum:
    """A known minimum: where it is, how low, its letter on the plot, global or local."""

    point: tuple[float, ...]  # coordinates, length dim
    value: float              # f(point)
    label: str                # "A", "B", ... left to right (by x, then y)
    is_global: bool           # True for the lowest value(s) of the landscape


@dataclass(frozen=True, eq=False)
class Landscape:
    """A test surface: value and analytic gradient, view box, known minima, default start."""

    name: str                                  # registry / command-line name
    title: str                                 # menu title
    dim: int                                   # 1 or 2
    formula: str                               # LaTeX of f
    view: tuple[tuple[float, float], ...]      # ((xmin, xmax),) or ((xmin, xmax), (ymin, ymax))
    start: tuple[float, ...]                   # default start point
    description: str                           # one line for the lecture
    f: Callable = field(repr=False)            # f(x[, y]) on coordinate arrays
    df: Callable = field(repr=False)           # df(x[, y]) -> tuple of partial derivatives
    find_minima: Callable = field(repr=False)  # find_minima(self) -> tuple[Minimum, ...]

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
    return data.newton(ls.gradient, lambda p: _fd_hessian(ls, p), guess, max_iter=30)


def _lettered(ls: Landscape, points, labels=None) -> tuple[Minimum, ...]:
    """Minima at `points`, sorted by (x, y), lettered A, B, ...; the lowest are global."""
    points = sorted(tuple(float(c) for c in p) for p in points)
    values = [float(ls.value(np.array(p))) for p in points]
    lowest = min(values)
    tol = 1e-9 * (1.0 + abs(lowest))
    labels = labels or string.ascii_uppercase
    return tuple(Minimum(p, v, labels[i], v <= lowest + tol)
                 for i, (p, v) in enumerate(zip(points, values, strict=True)))


def _exact(*points) -> Callable:
    """find_minima for minima known in closed form."""
    return lambda ls: _lettered(ls, points)


def _polished(*guesses) -> Callable:
    """find_minima that polishes approximate minima by Newton's method."""
    return lambda ls: _lettered(ls, [polish(ls, g) for g in guesses])


def _rastrigin_minima(ls: Landscape) -> tuple[Minimum, ...]:
    """The global minimum (0, 0) plus the local minimum near every integer point in view."""
    one_d = {0: 0.0}
    for k in range(-5, 6):
        x = float(k)
        for _ in range(30):          # Newton on 2x + 20π sin 2πx = 0 (the function separates)
            x -= (2 * x + 20 * np.pi * np.sin(2 * np.pi * x)) / (
                2 + 40 * np.pi**2 * np.cos(2 * np.pi * x))
        one_d.setdefault(k, x)
    ks = sorted(one_d)
    points = [(one_d[i], one_d[j]) for i in ks for j in ks]
    found = _lettered(ls, points, labels=[f"({i}, {j})" for i in ks for j in ks])
    return tuple(Minimum(m.point, m.value, "A" if m.is_global else m.label, m.is_global)
                 for m in found)


# --- the analytic surfaces (f and its gradient, side by side) -------------------------------

def _rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _rosenbrock_grad(x, y):
    return -2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)


def _beale_terms(x, y):
    return 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3


def _beale(x, y):
    t1, t2, t3 = _beale_terms(x, y)
    return t1**2 + t2**2 + t3**2


def _beale_grad(x, y):
    t1, t2, t3 = _beale_terms(x, y)
    gx = 2 * t1 * (y - 1) + 2 * t2 * (y**2 - 1) + 2 * t3 * (y**3 - 1)
    gy = 2 * t1 * x + 4 * t2 * x * y + 6 * t3 * x * y**2
    return gx, gy


def _himmelblau(x, y):
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def _himmelblau_grad(x, y):
    a, c = x**2 + y - 11, x + y**2 - 7
    return 4 * x * a + 2 * c, 2 * a + 4 * y * c


def _booth(x, y):
    return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2


def _booth_grad(x, y):
    u, v = x + 2 * y - 7, 2 * x + y - 5
    return 2 * u + 4 * v, 4 * u + 2 * v


def _rastrigin(x, y):
    return 20 + x**2 - 10 * np.cos(2 * np.pi * x) + y**2 - 10 * np.cos(2 * np.pi * y)


def _rastrigin_grad(x, y):
    return (2 * x + 20 * np.pi * np.sin(2 * np.pi * x),
            2 * y + 20 * np.pi * np.sin(2 * np.pi * y))


def _camel(x, y):
    return (4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2


def _camel_grad(x, y):
    return 8 * x - 8.4 * x**3 + 2 * x**5 + y, x - 8 * y + 16 * y**3


def _saddle(x, y):
    return x**2 - y**2


def _saddle_grad(x, y):
    return 2 * x, -2 * y


def _wells(x, y):
    """The two Gaussian wells e1 (right, depth 2) and e2 (left, depth 3)."""
    return np.exp(-((x - 1) ** 2 + y**2) / 0.2), np.exp(-((x + 1) ** 2 + y**2) / 0.2)


def _two_wells(x, y):
    e1, e2 = _wells(x, y)
    return x**2 + y**2 - 2 * e1 - 3 * e2


def _two_wells_grad(x, y):
    e1, e2 = _wells(x, y)
    return 2 * x + 20 * (x - 1) * e1 + 30 * (x + 1) * e2, 2 * y + 20 * y * e1 + 30 * y * e2


def _bowl(x, y):
    return 0.5 * (x**2 + 25 * y**2)


def _bowl_grad(x, y):
    return x, 25 * y


def _minima_1d(x):
    return 0.4 * x**2 + 0.5 * x - np.cos(3 * x)


def _minima_1d_grad(x):
    return (0.8 * x + 0.5 + 3 * np.sin(3 * x),)


# --- the data surfaces ----------------------------------------------------------------------

def _regression(loss: str, title: str, formula: str, find_minima: Callable) -> Landscape:
    return Landscape(
        f"miles-to-km-{loss}", f"Miles to km: {title}", 2, formula,
        ((-1.0, 4.0), (-6.0, 6.0)), (-0.5, 5.0),
        f"{title} of km = w·miles + b on 20 noisy points, over the weight w and bias b",
        lambda w, b: data.regression_value(loss, w, b),
        lambda w, b: data.regression_grad(loss, w, b), find_minima)


def _from(solver: Callable) -> Callable:
    """find_minima for a data surface: its one (global) minimum from `solver()`."""
    return lambda ls: _lettered(ls, [solver()])


_RESIDUAL = r"r_i = w\,x_i + b - y_i"
_HUBER = (r"\frac{1}{N}\sum_i H(r_i),\; H(r) = \tfrac12 r^2 \text{ if } |r| \le 1"
          r"\text{ else } |r| - \tfrac12,\; " + _RESIDUAL)

_SURFACES = [
    Landscape("rosenbrock", "Rosenbrock (banana valley)", 2,
              r"(1 - x)^2 + 100\,(y - x^2)^2", ((-2.0, 2.0), (-1.0, 3.0)), (-1.5, 2.0),
              "A narrow curved valley: easy to find, slow to follow to the minimum at (1, 1)",
              _rosenbrock, _rosenbrock_grad, _exact((1.0, 1.0))),
    Landscape("beale", "Beale", 2,
              r"(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
              ((-4.5, 4.5), (-4.5, 4.5)), (3.0, 4.0),
              "Flat plateaus and steep walls: the gradient scale changes by orders of magnitude",
              _beale, _beale_grad, _exact((3.0, 0.5))),
    Landscape("himmelblau", "Himmelblau (four minima)", 2,
              r"(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ((-5.0, 5.0), (-5.0, 5.0)), (0.0, 0.0),
              "Four equally good minima: which one you reach depends on where you start",
              _himmelblau, _himmelblau_grad,
              _polished((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186),
                        (3.584428, -1.848126))),
    Landscape("booth", "Booth", 2, r"(x + 2y - 7)^2 + (2x + y - 5)^2",
              ((-10.0, 10.0), (-10.0, 10.0)), (-8.0, 8.0),
              "A tilted quadratic bowl with one minimum at (1, 3)",
              _booth, _booth_grad, _exact((1.0, 3.0))),
    Landscape("rastrigin", "Rastrigin (many local minima)", 2,
              r"20 + \sum_{i=1}^{2}\left(x_i^2 - 10\cos 2\pi x_i\right)",
              ((-5.12, 5.12), (-5.12, 5.12)), (-2.0, 3.5),
              "An egg-box of local minima around one global minimum at the origin",
              _rastrigin, _rastrigin_grad, _rastrigin_minima),
    Landscape("six-hump-camel", "Six-hump camel", 2,
              r"\left(4 - 2.1x^2 + \tfrac{x^4}{3}\right)x^2 + xy + (-4 + 4y^2)\,y^2",
              ((-3.0, 3.0), (-2.0, 2.0)), (-1.5, 1.5),
              "Six minima: two global, four local",
              _camel, _camel_grad,
              _polished((0.0898, -0.7126), (-0.0898, 0.7126), (1.7036, -0.7961),
                        (-1.7036, 0.7961), (1.6071, 0.5687), (-1.6071, -0.5687))),
    Landscape("saddle", "Saddle", 2, r"x^2 - y^2", ((-2.0, 2.0), (-2.0, 2.0)), (-1.5, 0.001),
              "A saddle at the origin: the gradient vanishes there, yet it is no minimum",
              _saddle, _saddle_grad, lambda ls: ()),
    Landscape("two-wells", "Two wells (local vs global)", 2,
              r"x^2 + y^2 - 2e^{-((x-1)^2 + y^2)/0.2} - 3e^{-((x+1)^2 + y^2)/0.2}",
              ((-2.0, 2.0), (-2.0, 2.0)), (1.5, 0.5),
              "A shallow well on the right, a deeper one on the left: local versus global",
              _two_wells, _two_wells_grad, _polished((-0.936, 0.0), (0.905, 0.0))),
    Landscape("bowl", "Ill-conditioned bowl", 2, r"\tfrac12\left(x^2 + 25y^2\right)",
              ((-3.0, 3.0), (-3.0, 3.0)), (-2.5, 1.5),
              "A bowl 25 times steeper in y than in x: plain GD zig-zags, momentum helps",
              _bowl, _bowl_grad, _exact((0.0, 0.0))),
    Landscape("minima-1d", "Local and global minima (1-D)", 1,
              r"0.4x^2 + 0.5x - \cos 3x", ((-3.0, 3.0),), (2.8,),
              "Local minima A and C, global minimum B: from x = 2.8 plain GD stops in C, "
              "momentum rolls past it into B",
              _minima_1d, _minima_1d_grad, _polished((-1.97,), (-0.05,), (1.85,))),
    _regression("mse", "mean squared error", r"\frac{1}{N}\sum_i r_i^2,\; " + _RESIDUAL,
                _from(data.mse_minimum)),
    _regression("mae", "mean absolute error", r"\frac{1}{N}\sum_i |r_i|,\; " + _RESIDUAL,
                _from(data.mae_minimum)),
    _regression("huber", "Huber loss (delta 1)", _HUBER, _from(data.huber_minimum)),
    Landscape("logistic-bce", "Logistic regression: binary cross-entropy", 2,
              r"-\frac{1}{N}\sum_i \left[y_i \log p_i + (1 - y_i)\log(1 - p_i)\right],\;"
              r" p_i = \sigma(w_1 x_{i1} + w_2 x_{i2})",
              ((-2.0, 6.0), (-3.0, 5.0)), (-1.5, 4.0),
              "BCE of a two-weight logistic regression on two overlapping clouds of points",
              data.logistic_value, data.logistic_grad, _from(data.logistic_minimum)),
]

REGISTRY: dict[str, Landscape] = {ls.name: ls for ls in _SURFACES}


def get(name: str) -> Landscape:
    """The landscape called `name`; ConfigError naming the choices otherwise."""
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise ConfigError("landscape", name, "one of: " + ", ".join(REGISTRY)) from None


def nearest_minimum(landscape: Landscape, point) -> Minimum | None:
    """The known minimum closest (Euclidean) to `point`; None if there is none (saddle)."""
    if not landscape.minima:
        return None
    p = np.asarray(point, dtype=float).reshape(landscape.dim)
    dists = [np.linalg.norm(np.asarray(m.point) - p) for m in landscape.minima]
    return landscape.minima[int(np.argmin(dists))]
