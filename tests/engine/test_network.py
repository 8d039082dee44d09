"""The whole network's backward pass against finite differences, for every output head."""
import numpy as np
import pytest

from engine import losses
from engine.errors import ConfigError
from engine.network import INITS, Network
from tests.engine.gradcheck import numeric_gradient

RNG = np.random.default_rng(7)
X = RNG.normal(size=(6, 3))
TARGETS = {
    "mse": RNG.normal(size=(6, 2)),
    "huber": 3 * RNG.normal(size=(6, 2)),
    "logcosh": RNG.normal(size=(6, 2)),
    "mae": RNG.normal(size=(6, 2)),
    "bce": RNG.integers(0, 2, size=(6, 1)).astype(float),
    "hinge": RNG.integers(0, 2, size=(6, 1)).astype(float),
    "ce": np.eye(3)[RNG.integers(0, 3, size=6)],
    "kl": RNG.dirichlet(np.ones(3), size=6),
}


@pytest.mark.parametrize("loss_name", list(TARGETS))
@pytest.mark.parametrize("activation", ["tanh", "relu", "gelu", "sigmoid"])
def test_network_gradients_match_finite_differences(loss_name, activation):
    """∂J/∂θ from backprop equals the central difference for every weight and bias."""
    loss = losses.create(loss_name)
    y = TARGETS[loss_name]
    net = Network.build([3, 5, 4, y.shape[1]], activation, loss.head, "normal", 0.8, seed=3)

    def objective():
        return loss.from_logits(net.forward(X), y)[0]

    _, grad_z = loss.from_logits(net.forward(X), y)
    net.backward(grad_z)
    for p in net.parameters():
        numeric = numeric_gradient(objective, p.value)
        np.testing.assert_allclose(p.grad, numeric, rtol=1e-5, atol=1e-8, err_msg=p.name)


def test_predict_applies_the_head():
    net = Network.build([2, 3, 3], "tanh", "softmax", seed=0)
    p = net.predict(np.array([[0.5, -1.0], [2.0, 1.0]]))
    np.testing.assert_allclose(p.sum(axis=1), [1.0, 1.0])
    assert net.neuron_outputs(np.zeros((4, 2)))[0].shape == (4, 3)


def test_zero_init_keeps_hidden_neurons_identical():
    """Symmetry: with all-zero weights every hidden neuron gets the same gradient."""
    net = Network.build([2, 4, 1], "tanh", "identity", "zeros", seed=0)
    net.layers[1].w.value[...] = 0.5     # let the signal reach the hidden layer back
    loss = losses.create("mse")
    _, gz = loss.from_logits(net.forward(X[:, :2]), TARGETS["mse"][:, :1])
    net.backward(gz)
    g = net.layers[0].w.grad
    assert np.allclose(g, g[0]) and np.count_nonzero(net.layers[0].w.value) == 0


@pytest.mark.parametrize("init", list(INITS))
def test_inits_have_the_stated_spread(init):
    net = Network.build([400, 300, 1], "tanh", init=init, sigma=0.1, seed=1)
    w = net.layers[0].w.value
    expected = {"normal": 0.1, "uniform": 0.1 / np.sqrt(3), "xavier": np.sqrt(2 / 700),
                "he": np.sqrt(2 / 400), "zeros": 0.0}[init]
    assert w.std() == pytest.approx(expected, rel=0.02, abs=1e-12)
    assert np.all(net.layers[0].b.value == 0)


def test_state_dict_round_trip_and_copy_are_independent():
    net = Network.build([2, 3, 1], seed=0)
    state = net.state_dict()
    assert sorted(state) == ["layer0.bias", "layer0.weight", "layer1.bias", "layer1.weight"]
    twin = net.copy()
    twin.layers[0].w.value[0, 0] += 1.0
    assert net.layers[0].w.value[0, 0] == state["layer0.weight"][0, 0]
    net.load_state_dict(twin.state_dict())
    assert net.layers[0].w.value[0, 0] == state["layer0.weight"][0, 0] + 1.0


def test_no_bias_network_has_only_weights():
    net = Network.build([1, 1], "identity", bias=False, seed=0)
    assert [p.name for p in net.parameters()] == ["layer0.weight"]


def test_load_state_dict_names_a_weight_of_the_wrong_shape_and_copies_nothing():
    net = Network.build([2, 3, 1], seed=0)
    before = net.state_dict()
    bad = {**before, "layer0.bias": before["layer0.bias"] + 1.0, "layer1.weight": np.zeros((3,))}
    with pytest.raises(ConfigError, match=r"layer1.weight = \(3,\) is not allowed: "
                                          r"weights of shape \(1, 3\)"):
        net.load_state_dict(bad)
    with pytest.raises(ConfigError, match="layer0.weight = 'missing'"):
        net.load_state_dict({})
    assert all(np.array_equal(before[k], v) for k, v in net.state_dict().items())


# --- the packed parameters and the dtype ---------------------------------------------------
def test_parameters_are_views_of_one_packed_parameter_layer_by_layer():
    net = Network.build([2, 3, 1], seed=0)
    flat = net.flat
    assert flat.value.shape == (2 * 3 + 3 + 3 * 1 + 1,) and net.layer_ranges == [(0, 9), (9, 13)]
    for p in net.parameters():
        assert np.shares_memory(p.value, flat.value) and np.shares_memory(p.grad, flat.grad)
    np.testing.assert_array_equal(flat.value[:6].reshape(3, 2), net.layers[0].w.value)
    flat.value[6] = 7.0                                   # layer0's first bias
    assert net.layers[0].b.value[0] == 7.0
    parts = net.unpack(np.arange(13.0))
    assert [a.shape for a in parts] == [(3, 2), (3,), (1, 3), (1,)]
    np.testing.assert_array_equal(net.pack(parts), np.arange(13.0))


def test_a_float32_network_holds_and_computes_float32():
    net64 = Network.build([3, 5, 2], "tanh", "softmax", seed=3)
    net32 = Network.build([3, 5, 2], "tanh", "softmax", seed=3, dtype="float32")
    assert net32.dtype == np.float32 and net64.dtype == np.float64
    for p32, p64 in zip(net32.parameters(), net64.parameters()):
        assert p32.value.dtype == p32.grad.dtype == np.float32
        np.testing.assert_array_equal(p32.value, p64.value.astype(np.float32))  # same draws
    z = net32.forward(X[:, :3])                            # float64 input, cast on the way in
    assert z.dtype == np.float32
    np.testing.assert_allclose(z, net64.forward(X[:, :3]), rtol=1e-5, atol=1e-6)
    assert net32.predict(X[:, :3]).dtype == np.float32
    assert [a.dtype for a in net32.neuron_outputs(X[:, :3])] == [np.float32] * 2
    assert net32.copy().dtype == np.float32 and net32.copy(np.float64).dtype == np.float64


def test_float32_gradients_follow_the_float64_ones():
    loss = losses.create("ce")
    y = TARGETS["ce"]
    grads = {}
    for dtype in ("float64", "float32"):
        net = Network.build([3, 5, 4, 3], "gelu", "softmax", "normal", 0.8, seed=3, dtype=dtype)
        _, grad_z = loss.from_logits(net.forward(X), y)
        assert grad_z.dtype == dtype
        net.backward(grad_z)
        grads[dtype] = net.flat.grad.copy()
    assert grads["float32"].dtype == np.float32
    np.testing.assert_allclose(grads["float32"], grads["float64"], rtol=1e-4, atol=1e-6)
