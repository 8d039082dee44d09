"""Loss values and gradients checked against literal numbers.

Independent check of engine/losses.py (docs/engine-api.md; the maths in docs/maths.md).
Expected numbers were printed (repr precision) by PyTorch 2.13.0 in float64:
F.l1_loss, F.mse_loss, sqrt(F.mse_loss), F.huber_loss, log(cosh(r)).mean(),
F.binary_cross_entropy, clamp(1 - y*f, min=0).mean(), F.nll_loss(log p), -(y*log p).sum(1).mean(),
F.kl_div(log p, y, reduction="batchmean"), F.binary_cross_entropy_with_logits,
F.cross_entropy(z, ...), and torch.autograd for every gradient. mbe was worked out by hand.
"""
from __future__ import annotations

import numpy as np
import pytest

from engine import losses

RTOL = 1e-12


def _close(got, expected, what):
    got = np.asarray(got, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    assert got.shape == expected.shape, f"{what}: shape {got.shape} != {expected.shape}"
    np.testing.assert_allclose(got, expected, rtol=RTOL, atol=1e-15, err_msg=what)


# --- regression: residuals r = ŷ − y = [-0.5, -0.2, 1.5, 0, -2.0] ------------------------
# (one residual exactly 0, one exactly at huber's delta 0.5, two beyond delta 1.0)
YP = np.array([[0.5], [-1.2], [2.0], [0.3], [1.0]])
YT = np.array([[1.0], [-1.0], [0.5], [0.3], [3.0]])

REGRESSION = {
    # id: (name, params, value, gradient w.r.t. y_pred)
    "mbe": ("mbe", {}, 0.24, [[-0.2], [-0.2], [-0.2], [-0.2], [-0.2]]),  # (0.5+0.2-1.5+0+2)/5; −1/N
    "mae": ("mae", {}, 0.8400000000000001, [[-0.2], [-0.2], [0.2], [0.0], [-0.2]]),
    "mse": ("mse", {}, 1.308,
            [[-0.2], [-0.07999999999999999], [0.6000000000000001], [0.0], [-0.8]]),
    "rmse": ("rmse", {}, 1.1436782764396638,
             [[-0.08743717709783362], [-0.03497487083913344], [0.2623115312935009], [0.0],
              [-0.3497487083913345]]),
    "huber_1": ("huber", {"delta": 1.0}, 0.529,
                [[-0.1], [-0.039999999999999994], [0.2], [0.0], [-0.2]]),
    "huber_0.5": ("huber", {"delta": 0.5}, 0.329,
                  [[-0.1], [-0.039999999999999994], [0.1], [0.0], [-0.1]]),
    "logcosh": ("logcosh", {}, 0.4640850994339892,
                [[-0.09242343145200196], [-0.03947506404498079], [0.18102965072897328], [0.0],
                 [-0.1928055160151634]]),
}


@pytest.mark.parametrize("case_id", list(REGRESSION))
def test_regression_value(case_id):
    name, params, value, _ = REGRESSION[case_id]
    got = losses.create(name, **params).value(YP.copy(), YT.copy())
    assert isinstance(got, float), type(got)
    _close(got, value, f"{case_id} value")


@pytest.mark.parametrize("case_id", list(REGRESSION))
def test_regression_gradient(case_id):
    name, params, _, grad = REGRESSION[case_id]
    got = losses.create(name, **params).gradient(YP.copy(), YT.copy())
    _close(got, grad, f"{case_id} gradient")


def test_huber_default_delta_is_one():
    assert losses.create("huber").value(YP, YT) == pytest.approx(0.529, rel=RTOL)


def test_rmse_gradient_zero_when_residuals_zero():
    y = np.array([[0.5], [-1.0], [2.0]])
    loss = losses.create("rmse")
    assert loss.value(y.copy(), y.copy()) == 0.0
    g = loss.gradient(y.copy(), y.copy())
    assert np.all(np.isfinite(g))
    _close(g, np.zeros((3, 1)), "rmse gradient at zero residual")


def test_logcosh_large_residual_is_stable():
    # log cosh r = |r| + log1p(exp(-2|r|)) - log 2: finite where cosh overflows (r = 1000)
    loss = losses.create("logcosh")
    got = loss.value(np.array([[1000.0], [-1000.0]]), np.array([[0.0], [0.0]]))
    _close(got, 1000.0 - 0.6931471805599453, "logcosh at |r| = 1000")
    _close(loss.gradient(np.array([[1000.0], [-1000.0]]), np.zeros((2, 1))), [[0.5], [-0.5]],
           "logcosh gradient at |r| = 1000")


# --- binary cross-entropy ----------------------------------------------------------------
PB = np.array([[0.9], [0.2], [0.6], [0.5], [0.01]])
YB = np.array([[1.0], [0.0], [0.0], [1.0], [1.0]])
BCE_VALUE = 1.3086224330788454
BCE_GRAD = [[-0.22222222222222224], [0.24999999999999994], [0.5], [-0.4], [-19.999999999999996]]


def test_bce_value_and_gradient_column():
    loss = losses.create("bce")
    _close(loss.value(PB.copy(), YB.copy()), BCE_VALUE, "bce value (N,1)")
    _close(loss.gradient(PB.copy(), YB.copy()), BCE_GRAD, "bce gradient (N,1)")


def test_bce_value_and_gradient_flat():
    loss = losses.create("bce")
    _close(loss.value(PB.ravel(), YB.ravel()), BCE_VALUE, "bce value (N,)")
    _close(loss.gradient(PB.ravel(), YB.ravel()), np.ravel(BCE_GRAD), "bce gradient (N,)")


def test_bce_log_clamped_at_minus_100():
    loss = losses.create("bce")
    # p = 0 with y = 1 and p = 1 with y = 0: each element costs exactly 100 (log clamped at −100)
    assert loss.value(np.array([[0.0]]), np.array([[1.0]])) == 100.0
    assert loss.value(np.array([[0.0], [1.0]]), np.array([[1.0], [0.0]])) == 100.0
    # mixed: (100 + log 2) / 2
    _close(loss.value(np.array([[0.0], [0.5]]), np.array([[1.0], [1.0]])), 50.346573590279974,
           "bce clamp mixed")


# --- hinge ---------------------------------------------------------------------------------
F_H = np.array([[0.5], [-2.0], [0.3], [1.5], [-0.2]])   # y·f = 0.5, 2, -0.3, 1.5, -0.2
Y_PM = np.array([[1.0], [-1.0], [-1.0], [1.0], [1.0]])
Y_01 = np.array([[1.0], [0.0], [0.0], [1.0], [1.0]])
HINGE_VALUE = 0.6
HINGE_GRAD = [[-0.2], [0.0], [0.2], [0.0], [-0.2]]


@pytest.mark.parametrize("labels", ["pm1", "01"])
def test_hinge(labels):
    y = Y_PM if labels == "pm1" else Y_01
    loss = losses.create("hinge")
    _close(loss.value(F_H.copy(), y.copy()), HINGE_VALUE, f"hinge value ({labels} labels)")
    _close(loss.gradient(F_H.copy(), y.copy()), HINGE_GRAD, f"hinge gradient ({labels} labels)")


def test_hinge_gradient_at_the_kink_is_minus_y_as_pytorchs_clamp():
    # −y/N where y·f ≤ 1, else 0: at the kink y·f = 1 exactly, clamp(1 − y·f, min=0) passes the
    # gradient (torch.clamp's backward lets x = min through), so the slope is −y there too.
    # f = [1, −1, 1, 0.5, 2], y = [+1, −1 (as 0), −1, +1, +1]: y·f = [1, 1, −1, 0.5, 2]
    loss = losses.create("hinge")
    f = np.array([[1.0], [-1.0], [1.0], [0.5], [2.0]])
    y = np.array([[1.0], [0.0], [-1.0], [1.0], [1.0]])
    assert loss.value(f, y) == 0.5              # (0 + 0 + 2 + 0.5 + 0) / 5
    _close(loss.gradient(f, y), [[-0.2], [0.2], [0.2], [-0.2], [0.0]], "hinge at y·f = 1")
    value, grad = loss.from_logits(f, y)        # what training uses
    assert value == 0.5
    _close(grad, [[-0.2], [0.2], [0.2], [-0.2], [0.0]], "hinge from_logits at y·f = 1")


# --- cross-entropy and KL ----------------------------------------------------------------
PC = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.25, 0.5, 0.25], [0.05, 0.05, 0.9]])
Y_ONEHOT = np.eye(3)[[0, 2, 1, 1]]
Y_SOFT = np.array([[0.5, 0.5, 0.0], [0.1, 0.2, 0.7], [0.2, 0.6, 0.2], [0.0, 0.0, 1.0]])
SOFT_GRAD = [[-0.17857142857142858, -0.625, 0.0],
             [-0.25, -0.16666666666666669, -0.2916666666666667],
             [-0.2, -0.3, -0.2], [0.0, 0.0, -0.2777777777777778]]

MULTICLASS = {
    "ce_onehot": ("ce", Y_ONEHOT, 1.1390950054546647,
                  [[-0.35714285714285715, 0.0, 0.0], [0.0, 0.0, -0.4166666666666667],
                   [0.0, -0.5, 0.0], [0.0, -5.0, 0.0]]),
    "ce_soft": ("ce", Y_SOFT, 0.7218635008572378, SOFT_GRAD),
    # Y_SOFT has zeros: 0·log 0 = 0
    "kl": ("kl", Y_SOFT, 0.11055443277310852, SOFT_GRAD),
}


@pytest.mark.parametrize("case_id", list(MULTICLASS))
def test_multiclass_value_and_gradient(case_id):
    name, y, value, grad = MULTICLASS[case_id]
    loss = losses.create(name)
    got = loss.value(PC.copy(), y.copy())
    assert np.isfinite(got)
    _close(got, value, f"{case_id} value")
    _close(loss.gradient(PC.copy(), y.copy()), grad, f"{case_id} gradient")


def test_kl_zero_for_equal_distributions_with_zeros():
    y = np.array([[0.0, 1.0, 0.0], [0.25, 0.75, 0.0]])
    got = losses.create("kl").value(y.copy(), y.copy())
    assert got == pytest.approx(0.0, abs=1e-15)


# --- fused forms from logits ---------------------------------------------------------------
ZB = np.array([[2.0], [-1.0], [0.5], [0.0], [-4.0]])
ZC = np.array([[1.0, -0.5, 0.2], [0.3, 2.0, -1.0], [-2.0, 0.0, 0.5], [0.1, 0.1, 3.0]])
SOFT_DZ = [[0.024480484379413914, -0.09164639558135651, 0.06716591120194257],
           [0.012056365721055527, 0.15284459648566112, -0.1649009622067166],
           [-0.03784729399217444, -0.06020297355436535, 0.09805026754653977],
           [0.012392098669947357, 0.012392098669947357, -0.02478419733989473]]

FROM_LOGITS = {
    "bce": ("bce", ZB, YB, 1.2251127582438113,
            [[-0.023840584404423538], [0.053788284273999024], [0.12449186624037092], [-0.1],
             [-0.1964027580075817]]),
    "ce_onehot": ("ce", ZC, Y_ONEHOT, 1.937906686983533,
                  [[-0.10051951562058609, 0.03335360441864349, 0.06716591120194257],
                   [0.03705636572105553, 0.2028445964856611, -0.2399009622067166],
                   [0.012152706007825568, -0.16020297355436536, 0.14805026754653977],
                   [0.012392098669947357, -0.23760790133005263, 0.22521580266010527]]),
    "ce_soft": ("ce", ZC, Y_SOFT, 1.292906686983533, SOFT_DZ),
    "kl": ("kl", ZC, Y_SOFT, 0.6815976188994038, SOFT_DZ),
}


def _head(name, z):
    if name == "bce":
        return 1.0 / (1.0 + np.exp(-z))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("case_id", list(FROM_LOGITS))
def test_from_logits(case_id):
    name, z, y, value, dz = FROM_LOGITS[case_id]
    loss = losses.create(name)
    got_value, got_dz = loss.from_logits(z.copy(), y.copy())
    _close(got_value, value, f"{case_id} from_logits value")
    _close(got_dz, dz, f"{case_id} from_logits dz")
    # dz = (p − y)/N and the fused value equals value(head(z)) where nothing is clamped
    p = _head(name, z)
    _close(got_dz, (p - y) / z.shape[0], f"{case_id} dz = (p - y)/N")
    _close(loss.value(p, y.copy()), value, f"{case_id} value(head(z))")


def test_bce_from_logits_flat_and_extreme():
    loss = losses.create("bce")
    v, dz = loss.from_logits(ZB.ravel(), YB.ravel())
    _close(v, 1.2251127582438113, "bce from_logits value (N,)")
    assert np.shape(dz) == (5,)
    # stable: z = ±800 gives finite numbers (max(z,0) − z·y + log1p(e^{−|z|}))
    v, dz = loss.from_logits(np.array([[800.0], [-800.0]]), np.array([[0.0], [1.0]]))
    _close(v, 800.0, "bce from_logits at |z| = 800")
    _close(dz, [[0.5], [-0.5]], "bce from_logits dz at |z| = 800")


# --- registry and metadata -------------------------------------------------------------
EXPECTED_META = {
    "mbe": ("regression", "identity"), "mae": ("regression", "identity"),
    "mse": ("regression", "identity"), "rmse": ("regression", "identity"),
    "huber": ("regression", "identity"), "logcosh": ("regression", "identity"),
    "bce": ("binary", "sigmoid"), "hinge": ("binary", "identity"),
    "ce": ("multiclass", "softmax"), "kl": ("multiclass", "softmax"),
}


def test_registry_head_and_fits_task():
    assert set(losses.REGISTRY) == set(EXPECTED_META)
    for name, (task, head) in EXPECTED_META.items():
        cls = losses.REGISTRY[name]
        assert cls.head == head, f"{name}: head {cls.head!r}"
        for other in ("regression", "binary", "multiclass"):
            assert cls.fits_task(other) == (other == task), f"{name}.fits_task({other!r})"
            assert (cls.why_not(other) == "") == (other == task), f"{name}.why_not({other!r})"


def test_task_metadata_attribute():
    # docs/engine-api.md: class metadata `task ("regression"|"binary"|"multiclass")`
    for name, (task, _) in EXPECTED_META.items():
        assert getattr(losses.REGISTRY[name], "task", None) == task, name
