"""Every loss: gradient against finite differences; fused logit forms against the plain ones."""
import numpy as np
import pytest

from engine import losses
from engine.layers import sigmoid, softmax
from engine.network import HEADS
from tests.engine.gradcheck import numeric_gradient

RNG = np.random.default_rng(11)
CASES = {   # name -> (y_pred after the head, y_true); residuals avoid the kinks of |r|
    "mbe": (RNG.normal(size=(5, 2)), RNG.normal(size=(5, 2))),
    "mae": (np.array([[0.3], [-1.2], [2.0]]), np.array([[0.0], [0.0], [1.0]])),
    "mse": (RNG.normal(size=(5, 2)), RNG.normal(size=(5, 2))),
    "rmse": (RNG.normal(size=(5, 2)), RNG.normal(size=(5, 2))),
    "huber": (np.array([[0.3], [-2.5], [1.7], [0.1]]), np.zeros((4, 1))),
    "logcosh": (RNG.normal(size=(5, 2)), RNG.normal(size=(5, 2))),
    "bce": (np.array([[0.2], [0.9], [0.55]]), np.array([[0.0], [1.0], [1.0]])),
    "hinge": (np.array([[0.3], [-2.0], [1.5], [0.8]]), np.array([[1.0], [1.0], [0.0], [-1.0]])),
    "ce": (softmax(RNG.normal(size=(4, 3))), np.eye(3)[[0, 2, 1, 2]]),
    "kl": (softmax(RNG.normal(size=(4, 3))), np.array([[0.2, 0.8, 0.0], [1 / 3] * 3,
                                                       [0.5, 0.25, 0.25], [0, 0, 1.0]])),
}


@pytest.mark.parametrize("name", list(CASES))
def test_gradient_matches_finite_differences(name):
    loss = losses.create(name)
    y_pred, y_true = (a.copy() for a in CASES[name])
    numeric = numeric_gradient(lambda: loss.value(y_pred, y_true), y_pred)
    np.testing.assert_allclose(loss.gradient(y_pred, y_true), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ["bce", "ce", "kl", "mse", "hinge"])
def test_from_logits_agrees_with_the_plain_form(name):
    """value(head(z)) equals the fused value, and dz is its finite-difference gradient."""
    loss = losses.create(name)
    y = CASES[name][1]
    z = RNG.normal(size=y.shape)
    value, dz = loss.from_logits(z, y)
    assert value == pytest.approx(loss.value(HEADS[loss.head](z), y), rel=1e-12)
    numeric = numeric_gradient(lambda: loss.from_logits(z, y)[0], z)
    np.testing.assert_allclose(dz, numeric, rtol=1e-6, atol=1e-10)


def test_fused_bce_and_ce_gradients_are_p_minus_y_over_n():
    z = np.array([[2.0], [-1.0]])
    y = np.array([[1.0], [1.0]])
    _, dz = losses.create("bce").from_logits(z, y)
    np.testing.assert_allclose(dz, (sigmoid(z) - y) / 2)
    zc = np.array([[1.0, 2.0, 3.0]])
    _, dzc = losses.create("ce").from_logits(zc, np.array([[0.0, 0.0, 1.0]]))
    np.testing.assert_allclose(dzc, softmax(zc) - [[0, 0, 1]])


def test_fused_bce_is_finite_where_the_plain_form_saturates():
    value, dz = losses.create("bce").from_logits(np.array([[800.0]]), np.array([[0.0]]))
    assert value == pytest.approx(800.0) and dz[0, 0] == pytest.approx(1.0)


def test_huber_delta_is_validated_with_a_clear_message():
    with pytest.raises(ValueError, match=r"loss.delta = -1.0 is not allowed"):
        losses.create("huber", delta=-1.0)
    with pytest.raises(ValueError, match=r"loss.name = 'l3' is not allowed: one of: mbe"):
        losses.create("l3")


def test_task_fit_and_why_not_messages():
    assert losses.REGISTRY["bce"].fits_task("binary")
    assert not losses.REGISTRY["bce"].fits_task("regression")
    assert losses.REGISTRY["ce"].why_not("binary") == (
        "Cross-entropy is for multi-class classification (three or more classes); "
        "this data set is binary classification (two classes).")
    assert losses.REGISTRY["mse"].why_not("regression") == ""


def test_every_slide_note_is_one_short_line_and_the_slides_typos_are_named():
    for cls in losses.REGISTRY.values():
        assert "\n" not in cls.slide_note and len(cls.slide_note) <= 90
        assert cls.slide_note == "" or cls.slide_note.startswith("Slides: ")
    assert "minus" in losses.REGISTRY["bce"].slide_note
    assert "≤ δ" in losses.REGISTRY["huber"].slide_note
    assert "1/N" in losses.REGISTRY["kl"].slide_note


@pytest.mark.parametrize("name", list(losses.REGISTRY))
def test_float32_predictions_give_float32_gradients_near_the_float64_ones(name):
    """A float32 network's ŷ and z stay float32 through every loss (nothing upcasts to
    float64); the numbers follow the float64 ones to float32 rounding."""
    loss = losses.create(name)
    y_pred, y_true = CASES[name]
    p32, y32 = y_pred.astype(np.float32), y_true.astype(np.float32)
    grad = loss.gradient(p32, y32)
    value, dz = loss.from_logits(p32, y32)
    assert grad.dtype == np.float32 and dz.dtype == np.float32, name
    np.testing.assert_allclose(grad, loss.gradient(y_pred, y_true), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(dz, loss.from_logits(y_pred, y_true)[1], rtol=1e-5, atol=1e-6)
    assert value == pytest.approx(loss.from_logits(y_pred, y_true)[0], rel=1e-5, abs=1e-6)
    assert loss.value(p32, y_true) == pytest.approx(loss.value(y_pred, y_true), rel=1e-5,
                                                    abs=1e-6)
