"""Teaching checks for engine.landscapes: gradients, minima, literal values, registry."""

import numpy as np
import pytest

from engine import landscapes_data as data
from engine import presets
from engine.errors import ConfigError
from engine.landscapes import REGISTRY, Landscape, Minimum, get, nearest_minimum
from engine.race import default_specs
from engine.racer_spec import parse_spec
from engine.trainer import Trainer

ALL = sorted(REGISTRY)


def data_loss(ls: Landscape) -> data.LinearLoss | None:
    """The LinearLoss behind a data surface, None for an analytic one."""
    owner = getattr(ls.f, "__self__", None)
    return owner if isinstance(owner, data.LinearLoss) else None


DATA_SURFACES = [n for n in ALL if data_loss(REGISTRY[n])]
KINKED = [n for n in DATA_SURFACES if data_loss(REGISTRY[n]).loss.name == "mae"]


def view_points(ls: Landscape) -> np.ndarray:
    """A 9×9 grid (2-D) or 41 points (1-D) across the view box, shape (n, dim)."""
    n = 41 if ls.dim == 1 else 9
    axes = np.meshgrid(*(np.linspace(lo, hi, n) for lo, hi in ls.view), indexing="ij")
    return np.stack([a.ravel() for a in axes], axis=-1)


def central_difference(ls: Landscape, p: np.ndarray, h: float = 1e-6) -> np.ndarray:
    return np.array([(ls.value(p + h * e) - ls.value(p - h * e)) / (2 * h)
                     for e in np.eye(ls.dim)])


@pytest.mark.parametrize("name", ALL)
def test_every_entry_carries_what_its_consumers_need(name):
    """Registry key, axis labels, race rates that make a valid default field."""
    ls = REGISTRY[name]
    assert ls.name == name and get(name) is ls
    assert len(ls.labels) == 2 and all(isinstance(t, str) and t for t in ls.labels)
    rates = [ls.rates.sgd, ls.rates.adaptive, ls.rates.momentum or ls.rates.sgd]
    assert all(r > 0 for r in rates)
    specs = [parse_spec(text) for text in default_specs(name)]
    assert [s.hyper["lr"] for s in specs] == [rates[0], rates[2], rates[1], rates[1]]


def test_the_data_surfaces_are_found_from_their_entries():
    assert len(DATA_SURFACES) >= 4 and KINKED


@pytest.mark.parametrize("name", ALL)
def test_metadata_is_consistent(name):
    """dim matches view and start; the start and every minimum lie inside the view box."""
    ls = REGISTRY[name]
    assert ls.dim in (1, 2) and len(ls.view) == ls.dim and len(ls.start) == ls.dim
    assert ls.title and ls.formula and ls.description
    inside = [lo <= c <= hi for c, (lo, hi) in zip(ls.start, ls.view, strict=True)]
    assert all(inside)
    for m in ls.minima:
        assert all(lo <= c <= hi for c, (lo, hi) in zip(m.point, ls.view, strict=True))
    assert len({m.label for m in ls.minima}) == len(ls.minima)
    assert (not ls.minima) == (name == "saddle")
    if ls.minima:
        assert any(m.is_global for m in ls.minima)
        lowest = min(m.value for m in ls.minima)
        assert all(m.is_global == (m.value <= lowest + 1e-9) for m in ls.minima)


@pytest.mark.parametrize("name", ALL)
def test_analytic_gradient_matches_finite_differences_across_view(name):
    ls = REGISTRY[name]
    for p in view_points(ls):
        fd, g = central_difference(ls, p), ls.gradient(p)
        tol = 1e-5 * np.abs(g) + 1e-8 * (1.0 + abs(ls.value(p)))
        assert np.all(np.abs(fd - g) <= tol), (p, fd, g)


@pytest.mark.parametrize("name", [n for n in ALL if n not in KINKED])
def test_known_minima_have_zero_gradient_and_stated_value(name):
    ls = REGISTRY[name]
    scale = 1.0
    if name in DATA_SURFACES:   # relative to the gradient at the default start
        scale = float(np.linalg.norm(ls.gradient(np.array(ls.start))))
    tol = 1e-8 * scale if name in DATA_SURFACES else 1e-6
    for m in ls.minima:
        assert isinstance(m, Minimum)
        assert np.linalg.norm(ls.gradient(np.array(m.point))) < tol
        assert ls.value(np.array(m.point)) == pytest.approx(m.value, abs=1e-12)


def lesson_points() -> tuple[np.ndarray, np.ndarray]:
    x, y = data.lesson_data()
    return x[:, 0], y


def test_miles_to_km_surfaces_are_the_lessons_own_problem():
    """The preset's data (its noise, seed, split): one weight, no bias, 80 training points."""
    config = presets.load("miles-to-km")
    assert config.data.dataset == "miles-to-km" and config.data.noise == 0.1
    assert config.model.hidden == [] or tuple(config.model.hidden) == ()
    assert config.model.bias is False
    x, y = lesson_points()
    assert x.shape == y.shape == (80,)
    for name in DATA_SURFACES:
        if name.startswith("miles-to-km"):
            ls = REGISTRY[name]
            assert ls.dim == 1 and ls.labels == ("w", "J(w)")
            assert data_loss(ls).loss.name == name.rpartition("-")[2]


def test_the_mse_curve_is_the_loss_a_full_batch_training_run_reports():
    trainer = Trainer(presets.load("miles-to-km").with_overrides(
        {"training.batch_size": "all"}))
    (weight,) = trainer.network.parameters()
    for _ in range(5):
        w = float(weight.value.item())
        record = trainer.step()
        assert get("miles-to-km-mse").value(w) == pytest.approx(record.loss, rel=1e-12)


def test_mae_minimum_is_a_strict_minimum_by_its_one_sided_slopes():
    """Kinked at its minimum: one residual vanishes there and both one-sided slopes rise."""
    ls = get("miles-to-km-mae")
    (m,) = ls.minima
    x, y = lesson_points()
    r = m.point[0] * x - y
    assert np.sum(np.abs(r) < 1e-12) == 1
    h = 1e-7
    assert (ls.value(m.point[0] + h) - m.value) / h > 1e-3
    assert (ls.value(m.point[0] - h) - m.value) / h > 1e-3
    dense = np.linspace(1.5, 1.7, 20001)
    assert m.value <= ls.value(dense[:, None]).min()


def test_data_minima_match_independent_solutions():
    """Literal numbers; the MSE one is least squares without bias, w = Σxy / Σx²."""
    x, y = lesson_points()
    mse, = get("miles-to-km-mse").minima
    assert mse.point[0] == pytest.approx(1.6088966276052463, abs=1e-14)
    assert mse.point[0] == pytest.approx((x @ y) / (x @ x), abs=1e-14)
    assert mse.value == pytest.approx(0.0094345632, abs=1e-10)
    huber, = get("miles-to-km-huber").minima      # every residual is within δ = 1 there
    assert huber.point[0] == pytest.approx(1.6088966276052463, abs=1e-12)
    assert huber.value == pytest.approx(mse.value / 2, abs=1e-12)
    mae, = get("miles-to-km-mae").minima
    assert mae.point[0] == pytest.approx(1.6088153908, abs=1e-10)
    bce, = get("logistic-bce").minima
    np.testing.assert_allclose(bce.point, (2.4102033, 1.0278376), atol=1e-7)
    assert bce.value == pytest.approx(0.26193380, abs=1e-8)


def test_data_losses_follow_the_formulas_at_a_point():
    w = 1.2
    x, y = lesson_points()
    r = w * x - y
    assert get("miles-to-km-mse").value(w) == pytest.approx(np.mean(r**2), rel=1e-14)
    assert get("miles-to-km-mae").value(w) == pytest.approx(np.mean(np.abs(r)), rel=1e-14)
    huber = np.where(np.abs(r) <= 1, 0.5 * r**2, np.abs(r) - 0.5)
    assert get("miles-to-km-huber").value(w) == pytest.approx(np.mean(huber), rel=1e-14)
    p = np.array([1.2, -0.4])
    xl, yl = data.logistic_data()
    prob = 1 / (1 + np.exp(-(xl @ p)))
    bce = -np.mean(yl * np.log(prob) + (1 - yl) * np.log(1 - prob))
    assert get("logistic-bce").value(p) == pytest.approx(bce, rel=1e-12)
    assert 0 < yl.mean() < 1 and yl.size == 100


def test_stated_minima_of_the_test_surfaces():
    assert get("rosenbrock").value(np.array([1.0, 1.0])) == 0.0
    zeros = {(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)}
    found = get("himmelblau").minima
    assert len(found) == 4 and all(m.is_global and abs(m.value) < 1e-20 for m in found)
    for z in zeros:
        assert min(np.linalg.norm(np.subtract(m.point, z)) for m in found) < 1e-6
    camel = [m for m in get("six-hump-camel").minima if m.is_global]
    assert len(camel) == 2
    for m in camel:
        assert round(m.value, 6) == -1.031628
        assert abs(m.point[0]) == pytest.approx(0.0898, abs=1e-4)     # the digits in docs/maths.md
        assert abs(m.point[1]) == pytest.approx(0.7126, abs=1e-4)     # (0.7126564 exactly)
        assert np.sign(m.point[0]) == -np.sign(m.point[1])
    assert len(get("rastrigin").minima) == 121
    (origin,) = [m for m in get("rastrigin").minima if m.is_global]
    assert origin.point == (0.0, 0.0) and origin.value == 0.0 and origin.label == "A"


def test_two_wells_minima_to_eight_digits():
    glob, local = sorted(get("two-wells").minima, key=lambda m: m.value)
    assert glob.is_global and not local.is_global
    assert glob.point == pytest.approx((-0.93630063, 0.0), abs=1e-8)
    assert glob.value == pytest.approx(-2.06309025, abs=1e-8)
    assert local.point == pytest.approx((0.90531790, 0.0), abs=1e-8)
    assert local.value == pytest.approx(-1.09273200, abs=1e-8)


@pytest.mark.parametrize("name, point, expected", [
    ("booth", (0, 0), 74.0),
    ("beale", (0, 0), 14.203125),
    ("rosenbrock", (0, 0), 1.0),
    ("rosenbrock", (-1, 2), 104.0),
    ("himmelblau", (0, 0), 170.0),
    ("rastrigin", (0.5, 0.5), 40.5),
    ("six-hump-camel", (1, 1), 4 - 2.1 + 1 / 3 + 1),
    ("saddle", (1, 2), -3.0),
    ("bowl", (2, 2), 52.0),
    ("two-wells", (0, 0), -5 * np.exp(-5.0)),
    ("minima-1d", (0,), -1.0),
])
def test_literal_values_computed_by_hand(name, point, expected):
    assert get(name).value(np.array(point, dtype=float)) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("name", ALL)
def test_vectorised_evaluation_equals_pointwise(name):
    ls = REGISTRY[name]
    rng = np.random.default_rng(1)
    lo, hi = np.array(ls.view).T
    pts = lo + (hi - lo) * rng.random((3, 4, ls.dim))
    values, grads = ls.value(pts), ls.gradient(pts)
    assert values.shape == (3, 4) and grads.shape == (3, 4, ls.dim)
    for idx in np.ndindex(3, 4):
        assert values[idx] == pytest.approx(ls.value(pts[idx]), rel=1e-13, abs=1e-13)
        np.testing.assert_allclose(grads[idx], ls.gradient(pts[idx]), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("name", ALL)
def test_grid_shapes(name):
    ls = REGISTRY[name]
    out = ls.grid(30)
    if ls.dim == 1:
        xs, values = out
        assert xs.shape == values.shape == (30,)
        assert values[7] == ls.value(np.array([xs[7]]))
    else:
        xs, ys, z = out
        assert xs.shape == ys.shape == (30,) and z.shape == (30, 30)
        assert z[4, 9] == pytest.approx(ls.value(np.array([xs[9], ys[4]])), rel=1e-13)


def test_minima_1d_lettered_left_to_right():
    a, b, c = get("minima-1d").minima
    assert [m.label for m in (a, b, c)] == ["A", "B", "C"]
    assert [m.is_global for m in (a, b, c)] == [False, True, False]
    assert a.point == pytest.approx((-1.97193145,), abs=1e-8)
    assert b.point == pytest.approx((-0.05120514,), abs=1e-8)
    assert c.point == pytest.approx((1.85368583,), abs=1e-8)
    assert (a.value, b.value, c.value) == pytest.approx((-0.36382791, -1.01277812, 1.55090240),
                                                        abs=1e-8)


def run_sgd(ls: Landscape, lr: float, momentum: float, steps: int) -> np.ndarray:
    """PyTorch's SGD (docs/maths.md): b ← g at t = 1, else b ← μb + g; θ ← θ − γb."""
    theta, buf = np.array(ls.start, dtype=float), None
    for _ in range(steps):
        g = ls.gradient(theta)
        buf = g if buf is None or momentum == 0 else momentum * buf + g
        theta = theta - lr * buf
    return theta


@pytest.mark.parametrize("lr", [0.01, 0.02])
def test_minima_1d_gd_stops_locally_and_momentum_rolls_into_global(lr):
    ls = get("minima-1d")
    gd, heavy = run_sgd(ls, lr, 0.0, 500), run_sgd(ls, lr, 0.9, 500)
    stuck, rolled = nearest_minimum(ls, gd), nearest_minimum(ls, heavy)
    assert stuck.label == "C" and not stuck.is_global
    assert rolled.label == "B" and rolled.is_global
    assert abs(gd[0] - stuck.point[0]) < 1e-6 and abs(heavy[0] - rolled.point[0]) < 1e-6


def test_nearest_minimum():
    assert nearest_minimum(get("himmelblau"), (2.5, 2.5)).point == (3.0, 2.0)
    assert nearest_minimum(get("two-wells"), np.array([0.5, 0.3])).label == "B"
    assert nearest_minimum(get("rastrigin"), (2.1, -0.9)).label == "(2, -1)"
    assert nearest_minimum(get("saddle"), (0.0, 0.0)) is None


def test_points_of_the_wrong_shape_are_rejected():
    with pytest.raises(ValueError, match="shape"):
        get("booth").value(np.zeros(3))
    assert get("minima-1d").value(0.0) == -1.0


def test_unknown_name_names_the_choices():
    with pytest.raises(ConfigError) as err:
        get("nope")
    assert err.value.field == "landscape" and err.value.value == "nope"
    assert str(err.value).startswith("landscape = 'nope' is not allowed: one of: rosenbrock")
    assert all(name in str(err.value) for name in REGISTRY)
