"""1-D and 2-D test surfaces with analytic gradients, for the optimizer race and the lecture.

The classic 2-D test surfaces (docs/maths.md), the lettered 1-D curve `minima-1d`, and real
loss surfaces of models on data (`engine.landscapes_data`): the miles-to-km lesson's J(w) and
a two-weight logistic regression. Each entry is everything its consumers need: title, axis
labels and the learning rates of the race's default field, so a landscape is one entry here.
A `Landscape` (`engine.landscape_base`) evaluates f and its analytic gradient on one point
of shape (dim,) or on any stack of points of shape (..., dim), so the GUI can shade a grid
in one call.

Known minima are exact: each is polished by Newton's method (or solved in closed form) the
first time `Landscape.minima` is read, so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from engine import landscapes_data as data
from engine.errors import ConfigError
from engine.landscape_base import (
    Landscape,
    Minimum,
    Rates,
    exact,
    lettered,
    nearest_minimum,
    polish,
    polished,
)

__all__ = ["REGISTRY", "Landscape", "Minimum", "Rates", "get", "nearest_minimum", "polish"]


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
    found = lettered(ls, points, labels=[f"({i}, {j})" for i in ks for j in ks])
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

def _lesson_curve(loss: str, rates: Rates) -> Landscape:
    """J(w) of the miles-to-km lesson under `loss`: one weight, no bias, the lesson's data."""
    j = data.LinearLoss(loss, data.lesson_data)
    solver = {"mse": data.least_squares, "mae": data.weighted_median,
              "huber": data.huber_minimum}[loss]
    return Landscape(
        f"miles-to-km-{loss}", f"Miles to km: {j.loss.title}", 1,
        j.loss.formula + r",\; \hat y_i = w\,x_i", ((-0.5, 3.5),), (0.0,), ("w", "J(w)"),
        rates, f"{j.loss.title} of the miles-to-km lesson (km = w·miles, no bias, its "
        "training points) over its one weight w", j.value, j.grad, _from(solver, j))


def _from(solver: Callable, j) -> Callable:
    """find_minima for a data surface: its one (global) minimum, `solver(j)`."""
    return lambda ls: lettered(ls, [solver(j)])


_LOGISTIC = data.LinearLoss("bce", data.logistic_data)

_SURFACES = [
    Landscape("rosenbrock", "Rosenbrock (banana valley)", 2,
              r"(1 - x)^2 + 100\,(y - x^2)^2", ((-2.0, 2.0), (-1.0, 3.0)), (-1.5, 2.0),
              ("x", "y"), Rates(1e-3, 0.02),
              "A narrow curved valley: easy to find, slow to follow to the minimum at (1, 1)",
              _rosenbrock, _rosenbrock_grad, exact((1.0, 1.0))),
    Landscape("beale", "Beale", 2,
              r"(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
              ((-4.5, 4.5), (-4.5, 4.5)), (3.0, 4.0), ("x", "y"), Rates(2e-5, 0.02),
              "Flat plateaus and steep walls: the gradient scale changes by orders of magnitude",
              _beale, _beale_grad, exact((3.0, 0.5))),
    Landscape("himmelblau", "Himmelblau (four minima)", 2,
              r"(x^2 + y - 11)^2 + (x + y^2 - 7)^2", ((-5.0, 5.0), (-5.0, 5.0)), (0.0, 0.0),
              ("x", "y"), Rates(5e-3, 0.05),
              "Four equally good minima: which one you reach depends on where you start",
              _himmelblau, _himmelblau_grad,
              polished((3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186),
                        (3.584428, -1.848126))),
    Landscape("booth", "Booth", 2, r"(x + 2y - 7)^2 + (2x + y - 5)^2",
              ((-10.0, 10.0), (-10.0, 10.0)), (-8.0, 8.0), ("x", "y"), Rates(0.01, 0.2),
              "A tilted quadratic bowl with one minimum at (1, 3)",
              _booth, _booth_grad, exact((1.0, 3.0))),
    Landscape("rastrigin", "Rastrigin (many local minima)", 2,
              r"20 + \sum_{i=1}^{2}\left(x_i^2 - 10\cos 2\pi x_i\right)",
              ((-5.12, 5.12), (-5.12, 5.12)), (-2.0, 3.5), ("x", "y"), Rates(1e-3, 0.05),
              "An egg-box of local minima around one global minimum at the origin",
              _rastrigin, _rastrigin_grad, _rastrigin_minima),
    Landscape("six-hump-camel", "Six-hump camel", 2,
              r"\left(4 - 2.1x^2 + \tfrac{x^4}{3}\right)x^2 + xy + (-4 + 4y^2)\,y^2",
              ((-3.0, 3.0), (-2.0, 2.0)), (-1.5, 1.5), ("x", "y"), Rates(0.01, 0.05),
              "Six minima: two global, four local",
              _camel, _camel_grad,
              polished((0.0898, -0.7126), (-0.0898, 0.7126), (1.7036, -0.7961),
                        (-1.7036, 0.7961), (1.6071, 0.5687), (-1.6071, -0.5687))),
    Landscape("saddle", "Saddle", 2, r"x^2 - y^2", ((-2.0, 2.0), (-2.0, 2.0)), (-1.5, 0.001),
              ("x", "y"), Rates(0.01, 0.01),
              "A saddle at the origin: the gradient vanishes there, yet it is no minimum",
              _saddle, _saddle_grad, lambda ls: ()),
    # momentum lr 0.02 rolls it over into the global well while plain GD stays in the local one
    Landscape("two-wells", "Two wells (local vs global)", 2,
              r"x^2 + y^2 - 2e^{-((x-1)^2 + y^2)/0.2} - 3e^{-((x+1)^2 + y^2)/0.2}",
              ((-2.0, 2.0), (-2.0, 2.0)), (1.5, 0.5), ("x", "y"), Rates(0.01, 0.02, 0.02),
              "A shallow well on the right, a deeper one on the left: local versus global",
              _two_wells, _two_wells_grad, polished((-0.936, 0.0), (0.905, 0.0))),
    # SGD at 0.078 flips the sign of y every step (y <- y(1 - 25 lr), lr > 0.04) and needs 100
    # steps to come within 1e-3; momentum at 0.02 gets there in 61 (tests/engine/test_race.py)
    Landscape("bowl", "Ill-conditioned bowl", 2, r"\tfrac12\left(x^2 + 25y^2\right)",
              ((-3.0, 3.0), (-3.0, 3.0)), (-2.5, 1.5), ("x", "y"), Rates(0.078, 0.05, 0.02),
              "A bowl 25 times steeper in y than in x: plain GD zig-zags, momentum helps",
              _bowl, _bowl_grad, exact((0.0, 0.0))),
    Landscape("minima-1d", "Local and global minima (1-D)", 1,
              r"0.4x^2 + 0.5x - \cos 3x", ((-3.0, 3.0),), (2.8,), ("x", "f(x)"),
              Rates(0.01, 0.05),
              "Which letter is the global minimum? Which are local minima? Where does each "
              "optimizer stop?",
              _minima_1d, _minima_1d_grad, polished((-1.97,), (-0.05,), (1.85,)),
              answer="B is the global minimum; A and C are local. From x = 2.8 plain GD "
              "stops in C, momentum rolls past it into B."),
    _lesson_curve("mse", Rates(0.005, 0.05)),
    _lesson_curve("mae", Rates(0.01, 0.05)),
    _lesson_curve("huber", Rates(0.05, 0.05)),
    Landscape("logistic-bce", "Logistic regression: binary cross-entropy", 2,
              _LOGISTIC.loss.formula + r",\; p_i = \sigma(w_1 x_{i1} + w_2 x_{i2})",
              ((-2.0, 6.0), (-3.0, 5.0)), (-1.5, 4.0), ("w₁", "w₂"), Rates(0.05, 0.05),
              "BCE of a two-weight logistic regression on two overlapping clouds of points",
              _LOGISTIC.value, _LOGISTIC.grad, _from(data.logistic_minimum, _LOGISTIC)),
]

REGISTRY: dict[str, Landscape] = {ls.name: ls for ls in _SURFACES}


def get(name: str) -> Landscape:
    """The landscape called `name`; ConfigError naming the choices otherwise."""
    try:
        return REGISTRY[name]
    except (KeyError, TypeError):
        raise ConfigError("landscape", name, "one of: " + ", ".join(REGISTRY)) from None
