"""engine/loss_explorer.py: each loss's curve of one sample, its slope, and its words.

Literal numbers worked out by hand from docs/maths.md: MSE r² and 2r; MAE |r| and sign r;
Huber ½r² / δ(|r| − ½δ); log cosh r and tanh r; MBE −r and −1; BCE/CE/KL −log p and −1/p;
hinge max(0, 1 − m) and −1 where m ≤ 1 (the kink included).
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine import loss_explorer as le
from engine import losses

ONE_SAMPLE = [
    # (loss, params, x, ℓ(x), dℓ/dx)
    ("mse", {}, 2.0, 4.0, 4.0),
    ("mse", {}, -0.5, 0.25, -1.0),
    ("mae", {}, -1.5, 1.5, -1.0),
    ("rmse", {}, -3.0, 3.0, -1.0),
    ("huber", {}, 3.0, 2.5, 1.0),
    ("huber", {"delta": 0.5}, 0.25, 0.03125, 0.25),
    ("huber", {"delta": 0.5}, -3.0, 1.375, -0.5),
    ("logcosh", {}, 1.0, math.log(math.cosh(1.0)), math.tanh(1.0)),
    ("mbe", {}, 2.0, -2.0, -1.0),
    ("bce", {}, 0.25, math.log(4.0), -4.0),
    ("ce", {}, 0.25, math.log(4.0), -4.0),
    ("kl", {}, 0.5, math.log(2.0), -2.0),
    ("hinge", {}, 0.5, 0.5, -1.0),
    ("hinge", {}, 1.0, 0.0, -1.0),          # the kink: −y, as PyTorch's clamp
    ("hinge", {}, 2.0, 0.0, 0.0),
    ("hinge", {}, -2.0, 3.0, -1.0),
]


@pytest.mark.parametrize("name, params, x, value, slope", ONE_SAMPLE)
def test_one_sample_value_and_slope_are_the_worked_numbers(name, params, x, value, slope):
    got = le.point(losses.create(name, **params), x)
    assert got == pytest.approx((value, slope), rel=1e-12, abs=1e-15)


def _grid(judged):
    return np.linspace(0.05, 1.0, 7) if judged.name == "probability" else \
        np.linspace(-2.5, 2.5, 7)


@pytest.mark.parametrize("name", list(losses.REGISTRY))
def test_curve_is_each_elements_loss_and_n_times_its_gradient(name):
    """A batch of N samples at the curve's x: the batch loss is the mean of the curve's
    values and N × the loss's gradient (along x) is the curve's slope, element by element.
    RMSE is the one loss that is not a mean of per-sample terms (checked below)."""
    loss = losses.create(name)
    judged = le.judged_by(type(loss))
    x = _grid(judged)
    c = le.curve(loss, x)
    rows = [judged.one_sample(xi, loss.head) for xi in x]
    y_pred, y_true, direction = (np.vstack([r[i] for r in rows]) for i in range(3))
    n = len(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = n * np.sum(loss.gradient(y_pred, y_true) * direction, axis=1)
        value = loss.value(y_pred, y_true)
    if name == "rmse":
        assert value == pytest.approx(math.sqrt(np.mean(x ** 2)))
        np.testing.assert_allclose(c.value, np.abs(x), rtol=1e-12)
        return
    assert value == pytest.approx(float(np.mean(c.value)), rel=1e-12)
    np.testing.assert_allclose(c.slope, slope, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", [n for n, cls in losses.REGISTRY.items()
                                  if cls.task == "regression"])
def test_a_regression_curve_depends_on_the_residual_only(name):
    """ℓ at r is the loss of ŷ = y + r for any target y (here y = 1.7)."""
    loss = losses.create(name)
    for r in (-2.0, -0.3, 0.0, 0.8, 2.5):
        y = np.array([[1.7]])
        expected = (loss.value(y + r, y), float(loss.gradient(y + r, y)[0, 0]))
        assert le.point(loss, r) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_what_each_loss_judges_comes_from_its_head_and_task():
    for cls in losses.REGISTRY.values():
        judged = le.judged_by(cls)
        if cls.head in ("sigmoid", "softmax"):
            assert judged is le.PROBABILITY
        elif cls.task == "regression":
            assert judged is le.RESIDUAL
        else:
            assert judged is le.MARGIN


def test_a_batchs_judged_values_are_residuals_probabilities_and_margins():
    r = le.RESIDUAL.of_batch([[1.5], [0.2]], [[1.0], [1.0]], "identity")
    np.testing.assert_allclose(r, [0.5, -0.8])
    p = le.PROBABILITY.of_batch([[0.8], [0.3]], [[1.0], [0.0]], "sigmoid")
    np.testing.assert_allclose(p, [0.8, 0.7])
    p = le.PROBABILITY.of_batch([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]],
                                [[0, 0, 1], [1, 0, 0]], "softmax")
    np.testing.assert_allclose(p, [0.3, 0.6])
    m = le.MARGIN.of_batch([[0.5], [-2.0], [1.0]], [[0.0], [1.0], [-1.0]], "identity")
    np.testing.assert_allclose(m, [-0.5, -2.0, -1.0])


def test_the_x_range_widens_in_steps_to_hold_every_dot():
    assert le.view_range(le.RESIDUAL, [0.5, -2.0]) == (-3.0, 3.0)
    assert le.view_range(le.RESIDUAL, [-7.2]) == (-10.0, 10.0)
    assert le.view_range(le.MARGIN, [1.0, 300.0]) == (-500.0, 500.0)
    assert le.view_range(le.PROBABILITY, [1e-5, 0.9]) == (0.0, 1.0)
    assert le.view_range(le.RESIDUAL, [np.nan]) == (-3.0, 3.0)


WORDS = [
    ("mse", {}, ["min 0 at r = 0: a correct prediction",
                 "r → −∞ (under-predicted): → ∞, like r²",
                 "r → +∞ (over-predicted): → ∞, like r²"]),
    ("huber", {}, ["min 0 at r = 0: a correct prediction",
                   "r → −∞ (under-predicted): → ∞, like |r|",
                   "r → +∞ (over-predicted): → ∞, like |r|"]),
    ("huber", {"delta": 1e4}, ["min 0 at r = 0: a correct prediction",      # δ past the probes
                               "r → −∞ (under-predicted): → ∞, like r²",
                               "r → +∞ (over-predicted): → ∞, like r²"]),
    ("mbe", {}, ["no minimum: it falls for ever as r → +∞",
                 "r → −∞ (under-predicted): → ∞, like |r|",
                 "r → +∞ (over-predicted): → −∞: the loss goes negative"]),
    ("bce", {}, ["min 0 at p = 1: correct and sure",
                 "p → 0 (confidently wrong): → ∞, like −log p"]),
    ("hinge", {}, ["min 0 at m ≥ 1: right, with room to spare",
                   "m → −∞ (confidently wrong): → ∞, like |m|",
                   "m → +∞ (confidently right): stays 0"]),
]


@pytest.mark.parametrize("name, params, lines", WORDS)
def test_the_words_name_the_minimum_and_the_ends(name, params, lines):
    loss = losses.create(name, **params)
    assert le.marks(loss) == lines
    assert le.marks(loss, le.curve(loss)) == lines      # from the view's curve, as drawn


@pytest.mark.parametrize("name", list(losses.REGISTRY))
def test_every_loss_has_words_and_a_finite_curve(name):
    loss = losses.create(name)
    c = le.curve(loss)
    assert len(c.x) == le.CURVE_POINTS
    assert np.isfinite(c.value).all() and np.isfinite(c.slope).all()
    lines = le.marks(loss)
    assert len(lines) == 1 + len(le.judged_by(type(loss)).ends)
    assert lines[0].startswith(("min ", "no minimum"))


def test_dots_on_the_drawn_curve_are_within_rounding_of_the_exact_loss():
    loss = losses.create("logcosh")
    c = le.curve(loss)
    x = np.array([-2.71, -0.013, 0.5, 1.999])
    value, slope = c.at(x)
    exact = np.array([le.point(loss, xi) for xi in x])
    np.testing.assert_allclose(value, exact[:, 0], atol=1e-4)
    np.testing.assert_allclose(slope, exact[:, 1], atol=1e-4)
