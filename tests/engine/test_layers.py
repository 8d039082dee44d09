"""Activations and Dense: forward values and backward against finite differences."""
import numpy as np
import pytest

from engine.layers import ACTIVATIONS, Dense, log_softmax, sigmoid, softmax
from tests.engine.gradcheck import numeric_gradient

# Points avoid the kinks of relu/leaky_relu/elu at 0, where the derivative is one-sided.
Z = np.array([[-3.1, -0.7, -0.05, 0.04, 0.9, 2.6]])


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_backward_matches_finite_differences(name):
    act = ACTIVATIONS[name]
    z = Z.copy()
    weights = np.array([[0.3, -1.2, 0.7, 2.0, -0.4, 1.1]])   # a generic upstream gradient
    a = act.forward(z)
    analytic = act.backward(z, a, weights)
    numeric = numeric_gradient(lambda: float((act.forward(z) * weights).sum()), z)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


def test_activation_values_at_known_points():
    """Literal values: relu, leaky, elu, sigmoid(0) = 0.5, softplus(0) = log 2, silu, gelu."""
    z = np.array([-1.0, 0.0, 2.0])
    assert ACTIVATIONS["relu"].forward(z).tolist() == [0.0, 0.0, 2.0]
    assert ACTIVATIONS["leaky_relu"].forward(z).tolist() == [-0.01, 0.0, 2.0]
    np.testing.assert_allclose(ACTIVATIONS["elu"].forward(z), [np.expm1(-1.0), 0.0, 2.0])
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"].forward(z),
                               [0.2689414213699951, 0.5, 0.8807970779778823], rtol=1e-12)
    np.testing.assert_allclose(ACTIVATIONS["softplus"].forward(z),
                               [0.31326168751822286, 0.6931471805599453, 2.1269280110429727],
                               rtol=1e-12)
    np.testing.assert_allclose(ACTIVATIONS["silu"].forward(z),
                               [-0.2689414213699951, 0.0, 1.7615941559557646], rtol=1e-12)
    # torch.nn.functional.gelu(z, approximate="tanh") in float64
    np.testing.assert_allclose(ACTIVATIONS["gelu"].forward(z),
                               [-0.15880800939172324, 0.0, 1.954597694087775], rtol=1e-12)


def test_sigmoid_and_softmax_do_not_overflow():
    assert sigmoid(np.array([-800.0, 800.0])).tolist() == [0.0, 1.0]
    p = softmax(np.array([[1000.0, 0.0, -1000.0]]))
    np.testing.assert_allclose(p, [[1.0, 0.0, 0.0]])
    np.testing.assert_allclose(log_softmax(np.array([[0.0, 0.0]])), [[-np.log(2)] * 2])


def test_dense_forward_uses_pytorch_layout_and_backward_fills_grads():
    w = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 3.0]])     # (out=3, in=2)
    layer = Dense(w, np.array([0.1, 0.2, 0.3]), "identity", "layer0")
    x = np.array([[1.0, -1.0], [2.0, 0.5]])
    np.testing.assert_allclose(layer.forward(x), [[-0.9, -1.3, -2.7], [3.1, -1.55, 1.8]])
    grad_in = layer.backward(np.ones((2, 3)))
    np.testing.assert_allclose(layer.w.grad, [[3.0, -0.5]] * 3)
    np.testing.assert_allclose(layer.b.grad, [2.0, 2.0, 2.0])
    np.testing.assert_allclose(grad_in, [[0.0, 5.5], [0.0, 5.5]])   # column sums of W
    assert layer.w.name == "layer0.weight" and layer.b.name == "layer0.bias"
