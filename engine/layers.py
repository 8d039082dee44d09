"""Activations and the Dense layer: each forward next to its backward (chain rule, one link)."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.hyper import NO_TORCH, TorchEquivalent
from engine.parameter import Parameter

_GELU_C = math.sqrt(2.0 / math.pi)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-z) without overflow for large |z|."""
    return sigmoid_from(z, np.exp(-np.abs(z)))


def sigmoid_from(z: np.ndarray, e: np.ndarray) -> np.ndarray:
    """σ(z) given e = e^-|z|: 1/(1 + e) for z ≥ 0, e/(1 + e) below (BCE has e already)."""
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, shifted by the row maximum for stability."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def log_softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise log softmax: z - logsumexp(z)."""
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_and_log(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """softmax(z) and log_softmax(z) from one exponential (the same numbers as each alone)."""
    shifted = z - z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    total = e.sum(axis=1, keepdims=True)
    return e / total, shifted - np.log(total)


@dataclass(frozen=True)
class Activation:
    """a = f(z) and dJ/dz = dJ/da * f'(z), with the formula for the panel."""

    name: str
    title: str
    formula: str                                              # LaTeX of f(z)
    forward: Callable[[np.ndarray], np.ndarray]
    backward: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]  # (z, a, grad_a)
    torch: TorchEquivalent = NO_TORCH                         # the torch.nn module


def _elu_backward(z, a, grad_a):
    return grad_a * np.where(z > 0, 1.0, a + 1.0)


def _silu_backward(z, a, grad_a):
    s = sigmoid(z)
    return grad_a * (s + z * s * (1.0 - s))


def _gelu_forward(z):
    return 0.5 * z * (1.0 + np.tanh(_GELU_C * (z + 0.044715 * z**3)))


def _gelu_backward(z, a, grad_a):
    u = _GELU_C * (z + 0.044715 * z**3)
    th = np.tanh(u)
    du = _GELU_C * (1.0 + 3 * 0.044715 * z**2)
    return grad_a * (0.5 * (1.0 + th) + 0.5 * z * (1.0 - th**2) * du)


ACTIVATIONS: dict[str, Activation] = {a.name: a for a in (
    Activation("identity", "Identity", r"z",
               lambda z: z, lambda z, a, g: g,
               torch=TorchEquivalent("nn.Identity()")),
    Activation("relu", "ReLU", r"\max(0, z)",
               lambda z: np.maximum(z, 0.0), lambda z, a, g: g * (z > 0),
               torch=TorchEquivalent("nn.ReLU()")),
    Activation("leaky_relu", "Leaky ReLU", r"\max(0.01z, z)",
               lambda z: np.where(z > 0, z, 0.01 * z),
               lambda z, a, g: g * np.where(z > 0, 1.0, 0.01),
               torch=TorchEquivalent("nn.LeakyReLU(0.01)")),
    Activation("elu", "ELU", r"z \;\mathrm{if}\; z>0 \;\mathrm{else}\; e^z - 1",
               lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0.0))), _elu_backward,
               torch=TorchEquivalent("nn.ELU()")),
    Activation("tanh", "Tanh", r"\tanh z",
               np.tanh, lambda z, a, g: g * (1.0 - a * a),
               torch=TorchEquivalent("nn.Tanh()")),
    Activation("sigmoid", "Sigmoid", r"1 / (1 + e^{-z})",
               sigmoid, lambda z, a, g: g * a * (1.0 - a),
               torch=TorchEquivalent("nn.Sigmoid()")),
    Activation("softplus", "Softplus", r"\log(1 + e^z)",
               lambda z: np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))),
               lambda z, a, g: g * sigmoid(z),
               torch=TorchEquivalent("nn.Softplus()")),
    Activation("silu", "SiLU (swish)", r"z \,\sigma(z)",
               lambda z: z * sigmoid(z), _silu_backward,
               torch=TorchEquivalent("nn.SiLU()")),
    # PyTorch's GELU(approximate="tanh"): NumPy has no erf, and the tanh form is exact to match.
    Activation("gelu", "GELU (tanh)", r"\frac{z}{2}(1 + \tanh(\sqrt{2/\pi}(z + 0.044715 z^3)))",
               _gelu_forward, _gelu_backward,
               torch=TorchEquivalent('nn.GELU(approximate="tanh")')),
)}


class Dense:
    """A fully connected layer a = f(x Wᵀ + b); W has PyTorch's (out, in) layout."""

    def __init__(self, w: np.ndarray, b: np.ndarray | None, activation: str, name: str,
                 dtype=np.float64):
        self.name = name
        self.activation = ACTIVATIONS[activation]
        self.w = Parameter(w, f"{name}.weight", dtype)
        self.b = None if b is None else Parameter(b, f"{name}.bias", dtype)
        self.x = self.z = self.a = None   # cached by forward for backward

    @property
    def n_in(self) -> int:
        return self.w.value.shape[1]

    @property
    def n_out(self) -> int:
        return self.w.value.shape[0]

    def parameters(self) -> list[Parameter]:
        return [self.w] if self.b is None else [self.w, self.b]

    def forward(self, x: np.ndarray) -> np.ndarray:
        z = x @ self.w.value.T
        if self.b is not None:
            z += self.b.value
        self.x, self.z = x, z
        self.a = self.activation.forward(z)
        return self.a

    def backward(self, grad_a: np.ndarray, grad_x: bool = True) -> np.ndarray | None:
        """Store dJ/dW, dJ/db in the parameters' .grad and return dJ/dx (None when grad_x is
        False: the first layer's inputs are the data, nothing needs their gradient)."""
        grad_z = self.activation.backward(self.z, self.a, grad_a)
        np.matmul(grad_z.T, self.x, out=self.w.grad)
        if self.b is not None:
            grad_z.sum(axis=0, out=self.b.grad)
        return grad_z @ self.w.value if grad_x else None
