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
    assert [f.value for f in out.factors] == pytest.approx([-1 / p, p * (1 - p), a1])
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
