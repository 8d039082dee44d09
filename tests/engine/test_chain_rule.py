"""The chain rule for one weight: factors worked by hand, equal to backprop and to a nudge."""
import math

import numpy as np
import pytest

from engine import losses, presets
from engine.chain_rule import explain
from engine.errors import ConfigError
from engine.layers import Dense
from engine.network import Network
from engine.trainer import Trainer


def test_one_weight_miles_to_km_by_hand():
    """ŷ = w·x with w = 1, x = 2, y = 3.2: ∂J/∂ŷ = 2(ŷ − y) = −2.4, ∂ŷ/∂z = 1, ∂z/∂w = 2."""
    net = Network([Dense(np.array([[1.0]]), None, "identity", "layer0")], "identity")
    r = explain(net, losses.create("mse"), np.array([[2.0]]), np.array([[3.2]]), 0, 0, 0)
    assert [(f.symbol, f.value) for f in r.factors] == [
        ("∂J/∂ŷ", pytest.approx(-2.4)), ("∂ŷ/∂z", 1.0), ("∂z/∂w", 2.0)]
    assert r.gradient == pytest.approx(-4.8) and r.nudged == pytest.approx(-4.8, rel=1e-8)
    assert r.loss == pytest.approx(1.44) and r.weight == "layer0.weight[0, 0]"


def test_two_weights_through_tanh_and_sigmoid_by_hand():
    """x → w1 → tanh → w2 → sigmoid, BCE with y = 1 (the lecture's ∂J/∂w1 chain)."""
    w1, w2, x = 0.5, 2.0, 1.0
    net = Network([Dense(np.array([[w1]]), None, "tanh", "layer0"),
                   Dense(np.array([[w2]]), None, "identity", "layer1")], "sigmoid")
    a1 = math.tanh(w1 * x)
    p = 1 / (1 + math.exp(-w2 * a1))
    bce = losses.create("bce")
    out = explain(net, bce, np.array([[x]]), np.array([[1.0]]), 1, 0, 0)
    assert [f.symbol for f in out.factors] == ["∂J/∂z", "∂z/∂w"]      # fused, as trained
    assert [f.value for f in out.factors] == pytest.approx([p - 1, a1])
    assert [f.value for f in out.split] == pytest.approx([-1 / p, p * (1 - p)])
    assert out.gradient == pytest.approx((p - 1) * a1)
    hidden = explain(net, bce, np.array([[x]]), np.array([[1.0]]), 0, 0, 0)
    assert [f.symbol for f in hidden.factors] == ["∂J/∂a", "∂a/∂z", "∂z/∂w"]
    assert [f.value for f in hidden.factors] == pytest.approx([w2 * (p - 1), 1 - a1 ** 2, x])
    assert hidden.upstream == (pytest.approx((w2, p - 1)),)
    assert hidden.nudged == pytest.approx(hidden.gradient, rel=1e-7)


@pytest.mark.parametrize("preset", ["default", "multiclass-cross-entropy", "regression-losses",
                                    "binary-cross-entropy"])
def test_product_equals_backprop_and_the_nudge_in_every_layer(preset):
    trainer = Trainer(presets.load(preset))
    trainer.run(15)
    ds = trainer.dataset
    for k, layer in enumerate(trainer.network.layers):
        out, inn = layer.n_out - 1, layer.n_in - 1
        r = explain(trainer.network, trainer.loss, ds.x_train, ds.y_train, k, out, inn, 4)
        net = trainer.network.copy()
        _, dz = trainer.loss.from_logits(net.forward(ds.x_train[4:5]), ds.y_train[4:5])
        net.backward(dz)
        assert r.gradient == pytest.approx(net.layers[k].w.grad[out, inn], rel=1e-10, abs=1e-14)
        assert r.nudged == pytest.approx(r.gradient, rel=1e-5, abs=1e-9)


def test_the_network_is_not_changed_and_bad_indices_are_refused():
    trainer = Trainer(presets.load("default"))
    before = trainer.network.state_dict()
    ds = trainer.dataset
    explain(trainer.network, trainer.loss, ds.x_train, ds.y_train, 0, 0, 0)
    assert all(np.array_equal(before[k], v) for k, v in trainer.network.state_dict().items())
    with pytest.raises(ConfigError, match="sample = 10000 is not allowed"):
        explain(trainer.network, trainer.loss, ds.x_train, ds.y_train, 0, 0, 0, 10000)
    with pytest.raises(ConfigError, match="weight"):
        explain(trainer.network, trainer.loss, ds.x_train, ds.y_train, 0, 99, 0)


def _gauss_with_weights_minus_six():
    config = presets.load("binary-cross-entropy").with_overrides(
        {"data.dataset": "gauss", "model.hidden": []})
    trainer = Trainer(config)
    trainer.network.layers[0].w.value[:] = [[-6.0, -6.0]]
    return trainer


def test_a_saturated_sigmoid_uses_p_minus_y_not_the_clamped_pair():
    """z = 51.24, p rounds to 1, y = 0: ∂J/∂z = 1, so ∂J/∂w = x = −5.4037 (not 1e12 × 0)."""
    trainer = _gauss_with_weights_minus_six()
    ds = trainer.dataset
    r = explain(trainer.network, trainer.loss, ds.x_train, ds.y_train, 0, 0, 0, 146)
    assert r.loss == pytest.approx(51.2366000452, rel=1e-10)
    assert [(f.symbol, f.value) for f in r.factors] == [
        ("∂J/∂z", 1.0), ("∂z/∂w", pytest.approx(-5.40366553595, rel=1e-10))]
    assert [f.value for f in r.split] == [math.inf, 0.0]
    net = trainer.network.copy()
    _, dz = trainer.loss.from_logits(net.forward(ds.x_train[146:147]), ds.y_train[146:147])
    net.backward(dz)
    assert r.gradient == net.layers[0].w.grad[0, 0] == pytest.approx(-5.40366553595, rel=1e-10)
    assert r.nudged == pytest.approx(-5.40366553636, rel=1e-10) and r.agrees()


def test_a_saturated_softmax_product_equals_backprop_and_the_nudge():
    """z = (40, 0, 0) for class 2: p ≈ (1, 4e-18, 4e-18), ∂J/∂z_2 = p_2 − 1 ≈ −1, a = 0.5."""
    net = Network([Dense(np.array([[80.0], [0.0], [0.0]]), None, "identity", "layer0")],
                  "softmax")
    x, y = np.array([[0.5]]), np.array([[0.0, 0.0, 1.0]])
    for name in ("ce", "kl"):
        r = explain(net, losses.create(name), x, y, 0, 2, 0)
        assert r.factors[0].symbol == "∂J/∂z" and r.split == ()
        assert r.factors[0].value == pytest.approx(-1.0, abs=1e-15)
        assert r.gradient == pytest.approx(-0.5) and r.nudged == pytest.approx(-0.5, rel=1e-6)
        assert r.loss == pytest.approx(40.0) and r.agrees()


def test_a_saturated_tanh_slope_is_smaller_than_the_nudges_rounding():
    """x = 1 → w1 = 10 → tanh → 1 → MSE with y = 5: ∂J/∂w1 = 2(a − 5)(1 − a²) = −6.596e-8."""
    net = Network([Dense(np.array([[10.0]]), None, "tanh", "layer0"),
                   Dense(np.array([[1.0]]), None, "identity", "layer1")], "identity")
    r = explain(net, losses.create("mse"), np.array([[1.0]]), np.array([[5.0]]), 0, 0, 0)
    a = math.tanh(10.0)
    assert r.gradient == pytest.approx(2 * (a - 5) * (1 - a * a), rel=1e-9)
    assert r.gradient == pytest.approx(-6.5956916e-08, rel=1e-7)
    assert r.nudge_noise == pytest.approx(10 * 2.220446e-16 * (a - 5) ** 2 / 1e-6, rel=1e-6)
    assert not r.agrees() and abs(r.nudged - r.gradient) < r.nudge_noise
