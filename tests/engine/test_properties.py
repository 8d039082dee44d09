"""Property tests (hypothesis) over every registry entry: gradients, descent, specs, schedules.

Each test iterates a registry, so an entry added in one file is checked with the others.
No deadline: these tests never depend on the machine's speed.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine import Parameter, losses, optimizers, schedules
from engine.config import RunConfig, ScheduleConfig
from engine.errors import ConfigError
from engine.layers import sigmoid, softmax

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)
H = 1e-6                        # finite-difference step


def _floats(lo, hi):
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


@st.composite
def batches(draw, cls):
    """(ŷ, y, z): a batch for this loss's task and head; ŷ = head(z)."""
    n = draw(st.integers(1, 5))
    c = draw(st.integers(2, 4)) if cls.task == "multiclass" else 1
    z = np.array(draw(st.lists(_floats(-4.0, 4.0), min_size=n * c, max_size=n * c)))
    z = z.reshape(n, c)
    if cls.task == "regression":
        y = np.array(draw(st.lists(_floats(-4.0, 4.0), min_size=n, max_size=n)))[:, None]
    elif cls.task == "binary":
        y = np.array(draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=n, max_size=n)))
        y = y[:, None]
    else:
        w = np.array(draw(st.lists(_floats(0.0, 1.0), min_size=n * c, max_size=n * c)))
        w = w.reshape(n, c) + 1e-3
        y = w / w.sum(axis=1, keepdims=True)
    head = {"identity": lambda v: v, "sigmoid": sigmoid, "softmax": softmax}[cls.head]
    return head(z), y, z


def _central_difference(f, x):
    """Central differences of f at x, and whether every element is away from a kink
    (the one-sided differences agree there)."""
    grad, smooth = np.zeros_like(x), True
    f0 = f(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += H
        down[i] -= H
        fu, fd = f(up), f(down)
        grad[i] = (fu - fd) / (2 * H)
        smooth &= abs((fu - f0) - (f0 - fd)) / H <= 1e-4 * (1.0 + abs(grad[i]))
    return grad, smooth


@pytest.mark.parametrize("name", list(losses.REGISTRY))
@SETTINGS
@given(data=st.data())
def test_loss_gradients_equal_central_differences_away_from_kinks(name, data):
    cls = losses.REGISTRY[name]
    loss = cls()
    y_pred, y, z = data.draw(batches(cls))
    if cls.head == "sigmoid":
        assume(np.all((y_pred > 0.02) & (y_pred < 0.98)))   # away from the clamp at 1e-12
    numeric, smooth = _central_difference(lambda p: loss.value(p, y), y_pred)
    assume(smooth)
    np.testing.assert_allclose(loss.gradient(y_pred, y), numeric, rtol=1e-5, atol=1e-7)
    numeric_z, smooth_z = _central_difference(lambda v: loss.from_logits(v, y)[0], z)
    assume(smooth_z)
    value, grad_z = loss.from_logits(z, y)
    assert value == pytest.approx(loss.value(y_pred, y), rel=1e-9, abs=1e-12)
    np.testing.assert_allclose(grad_z, numeric_z, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize(("label", "name", "preset"), optimizers.MENU,
                         ids=[m[0] for m in optimizers.MENU])
@SETTINGS
@given(data=st.data())
def test_every_optimizer_step_is_finite_and_descends_a_convex_quadratic(label, name, preset,
                                                                       data):
    """f(θ) = ½ Σ aᵢ(θᵢ − cᵢ)² with θ at least 0.1 from c: at γ = 1e-3 every step lowers f."""
    n = data.draw(st.integers(1, 6))
    vec = st.lists(_floats(-3.0, 3.0), min_size=n, max_size=n).map(np.array)
    theta0, c = data.draw(vec), data.draw(vec)
    a = np.array(data.draw(st.lists(_floats(0.5, 2.0), min_size=n, max_size=n)))
    assume(np.all(np.abs(theta0 - c) >= 0.1))
    p = Parameter(theta0)
    opt = optimizers.create(label.lower(), [p], lr=1e-3)
    f = lambda: 0.5 * float(np.sum(a * (p.value - c) ** 2))  # noqa: E731
    before = f()
    for step in range(1, 6):
        p.grad[...] = a * (p.value - c)
        opt.step()
        after = f()
        assert np.isfinite(p.value).all() and all(np.isfinite(e).all()
                                                  for e in opt.effective_lr())
        assert after < before, f"{label} step {step}: f went from {before!r} to {after!r}"
        before = after


def _value_in(spec):
    """Any value a spec allows (ends excluded where open)."""
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    lo = spec.low if spec.low is not None else -1e6
    hi = spec.high if spec.high is not None else 1e6
    if spec.kind == "int":
        return st.integers(int(math.ceil(lo)), int(hi))
    number = st.floats(lo, hi, exclude_min=spec.low_open, exclude_max=spec.high_open,
                       allow_nan=False)
    return st.tuples(number, number) if spec.kind == "pair" else number


@pytest.mark.parametrize("name", list(optimizers.REGISTRY))
@SETTINGS
@given(data=st.data())
def test_any_allowed_optimizer_setting_validates_and_round_trips_through_json(name, data):
    cls = optimizers.REGISTRY[name]
    params = {s.name: data.draw(_value_in(s)) for s in cls.specs if s.name != "lr"}
    lr = data.draw(_value_in(cls.specs[0]))
    try:
        cls([], lr=lr, **params)
    except ConfigError as e:         # a rule between parameters (Nesterov needs momentum)
        assume(False)
        raise AssertionError from e
    config = RunConfig().with_overrides({"optimizer.name": name, "optimizer.lr": lr,
                                         "optimizer.params": params})
    assert RunConfig.from_json(config.to_json()) == config
    assert optimizers.create(name, [], lr=lr, **params).hyper == {"lr": lr, **params}


@pytest.mark.parametrize("name", list(optimizers.REGISTRY))
@SETTINGS
@given(data=st.data())
def test_a_value_outside_a_spec_is_refused_naming_the_field_and_the_range(name, data):
    spec = data.draw(st.sampled_from([s for s in optimizers.REGISTRY[name].specs
                                      if s.kind == "float" and s.high is not None]))
    bad = data.draw(st.floats(spec.high, 1e9, exclude_min=not spec.high_open,
                              allow_nan=False))
    with pytest.raises(ConfigError) as info:
        optimizers.create(name, [], **{spec.name: bad})
    assert str(info.value) == f"optimizer.{spec.name} = {bad!r} is not allowed: {spec.describe()}"


@pytest.mark.parametrize("name", list(schedules.REGISTRY))
@SETTINGS
@given(data=st.data())
def test_schedules_warm_up_linearly_then_stay_finite_and_non_negative(name, data):
    cls = schedules.REGISTRY[name]
    hyper = {s.name: data.draw(_value_in(s)) for s in cls.specs}
    warmup = data.draw(st.integers(0, 20))
    base = data.draw(_floats(1e-6, 10.0))
    sched = schedules.make_schedule(ScheduleConfig(name, hyper, warmup))
    for t in range(1, 80):
        lr = sched.lr_at(t, base)
        assert math.isfinite(lr) and lr >= 0.0
        if t <= warmup:
            assert lr == base * t / warmup
        elif t == warmup + 1:
            # the schedule's own clock starts at the base rate; cosine computes it as
            # η_min + (γ₀ − η_min), exact to rounding at the size of the larger of the two
            scale = max([base, *(abs(v) for v in hyper.values() if isinstance(v, float))])
            assert lr == pytest.approx(base, rel=1e-12, abs=4e-16 * scale)
