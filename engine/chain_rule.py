"""∂J/∂w for one weight, as the product of its chain-rule factors, checked by a nudge.

For one training example, J = loss(ŷ, y). A weight w = W[i, j] of layer k multiplies the input
a_j into the pre-activation z_i = Σ W[i, ·] a + b_i, so ∂J/∂w = ∂J/∂z_i · a_j. The first factor
is where the chain rule goes on:
- output layer: ∂J/∂z_i = ∂J/∂ŷ_i · ∂ŷ_i/∂z_i for an identity head; for sigmoid + BCE and
  softmax + CE/KL the fused factor ∂J/∂z = p − y is used, as the trainer does. Written out, the
  sigmoid's ∂J/∂ŷ = (p − y)/(p(1 − p)) and ∂ŷ/∂z = p(1 − p) overflow and round to 0 once z
  passes about 37 (p rounds to 1), so the pair is kept beside the product (`split`), not in it;
  the softmax's ∂ŷ/∂z is a Jacobian, not one number;
- hidden layer: ∂J/∂z_i = ∂J/∂a_i · f′(z_i), and ∂J/∂a_i = Σ_m W_next[m, i] · ∂J/∂z_m sums the
  gradients of the next layer ("repeat using gradients from later layers").
The nudge is (J(w + ε) − J(w − ε)) / 2ε on a copy of the network. Each J is rounded to about
machine-ε·|J|, so the nudge carries a rounding error of about `nudge_noise` = 10·machine-ε·|J|/ε;
a slope no larger than that (a saturated unit's, a well-fitted example's) cannot be read from it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import ConfigError
from engine.losses import Loss
from engine.network import HEADS

NUDGE = 1e-6
ROUNDING = 10 * np.finfo(np.float64).eps      # relative error of one J, with some margin


@dataclass(frozen=True)
class Factor:
    """One link of the chain: its symbol, its value and what it means."""

    symbol: str
    value: float
    meaning: str


@dataclass(frozen=True)
class ChainRule:
    """∂J/∂w for one weight and one example: factors, their product, and a nudge check."""

    weight: str                      # "layer1.weight[0, 2]"
    sample: int                      # index of the training example
    loss: float                      # J for that example
    factors: tuple[Factor, ...]      # their product is `gradient`
    gradient: float                  # ∂J/∂w by the chain rule (backpropagation)
    nudged: float                    # (J(w+ε) − J(w−ε)) / 2ε
    upstream: tuple[tuple[float, float], ...]  # hidden layers: (W_next[m, i], ∂J/∂z_m)
    split: tuple[Factor, ...] = ()   # a fused ∂J/∂z written as ∂J/∂ŷ, ∂ŷ/∂z (not multiplied)
    nudge_noise: float = 0.0         # about how far rounding alone can move the nudge

    def agrees(self, digits: int = 4) -> bool:
        """Do product and nudge print the same to `digits` significant digits?"""
        return f"{self.gradient:.{digits}g}" == f"{self.nudged:.{digits}g}"


def explain(network, loss, x: np.ndarray, y: np.ndarray, layer: int, out: int, inn: int,
            sample: int = 0) -> ChainRule:
    """The chain rule for network.layers[layer].w[out, inn] on training example `sample`."""
    if not 0 <= sample < len(x):
        raise ConfigError("sample", sample, f"an index from 0 to {len(x) - 1}")
    w = network.layers[layer].w.value
    if not (0 <= out < w.shape[0] and 0 <= inn < w.shape[1]):
        raise ConfigError("weight", (layer, out, inn), f"an index of a {w.shape} weight")
    xs, ys = x[sample:sample + 1], y[sample:sample + 1]
    net = network.copy(np.float64)           # worked in float64 whatever the run computes in
    net.forward(xs)                          # every Dense keeps its z and a
    zs, acts = [lay.z for lay in net.layers], [lay.a for lay in net.layers]
    value, dz = loss.from_logits(zs[-1], ys)
    deltas = _backward(net, dz, zs, acts)
    a_in = (xs if layer == 0 else acts[layer - 1])[0, inn]
    factors, upstream = _factors(net, loss, layer, out, zs, acts, ys, deltas)
    factors = (*factors, Factor("∂z/∂w", float(a_in), "the input the weight multiplies"))
    name = f"{network.layers[layer].w.name}[{out}, {inn}]"
    gradient = float(np.prod([f.value for f in factors]))
    split = _split(net, zs, ys, out) if layer == len(net.layers) - 1 else ()
    return ChainRule(name, sample, float(value), factors, gradient,
                     _nudge(net, loss, xs, ys, layer, out, inn), upstream, split,
                     float(ROUNDING * abs(value) / NUDGE))


def _backward(net, dz_last, zs, acts) -> list[np.ndarray]:
    """∂J/∂z of every layer for this example, from the last layer back."""
    deltas = [None] * len(net.layers)
    deltas[-1] = dz_last
    for k in range(len(net.layers) - 2, -1, -1):
        grad_a = deltas[k + 1] @ net.layers[k + 1].w.value
        deltas[k] = net.layers[k].activation.backward(zs[k], acts[k], grad_a)
    return deltas


def _factors(net, loss, layer, out, zs, acts, y, deltas):
    last = len(net.layers) - 1
    if layer < last:
        w_next = net.layers[layer + 1].w.value[:, out]
        d_next = deltas[layer + 1][0]
        grad_a = float(w_next @ d_next)
        f_prime = float(net.layers[layer].activation.backward(
            zs[layer][:, out:out + 1], acts[layer][:, out:out + 1], np.ones((1, 1)))[0, 0])
        return ((Factor("∂J/∂a", grad_a, "next layer's gradients, summed through its weights"),
                 Factor("∂a/∂z", f_prime, f"slope of {net.layers[layer].activation.name}")),
                tuple(zip(w_next.tolist(), d_next.tolist())))
    if _fused(net, loss):
        return (Factor("∂J/∂z", float(deltas[-1][0, out]),
                       f"{net.head} and {loss.name} together: p − y"),), ()
    y_hat = HEADS[net.head](zs[-1])
    p = y_hat[0, out]
    dj_dy = float(loss.gradient(y_hat, y)[0, out])
    dy_dz = 1.0 if net.head == "identity" else float(p * (1 - p))
    return (Factor("∂J/∂ŷ", dj_dy, "how the loss changes with the prediction"),
            Factor("∂ŷ/∂z", dy_dz, f"slope of the {net.head} output")), ()


def _fused(net, loss) -> bool:
    """Does the trainer take ∂J/∂z = p − y straight from the loss (sigmoid+BCE, softmax+CE/KL)?"""
    return net.head != "identity" and type(loss).from_logits is not Loss.from_logits


def _split(net, zs, y, out) -> tuple[Factor, ...]:
    """The sigmoid's ∂J/∂ŷ and ∂ŷ/∂z as floating point gives them (unclamped), for the text."""
    if net.head != "sigmoid":
        return ()
    p, target = float(HEADS["sigmoid"](zs[-1])[0, out]), float(y[0, out])
    slope = p * (1.0 - p)
    dj_dy = (p - target) / slope if slope > 0 else np.copysign(np.inf, p - target)
    return (Factor("∂J/∂ŷ", float(dj_dy), "(p − y)/(p(1 − p)): how BCE changes with p"),
            Factor("∂ŷ/∂z", slope, "p(1 − p): slope of the sigmoid"))


def _nudge(net, loss, x, y, layer, out, inn) -> float:
    w = net.layers[layer].w.value
    old = w[out, inn]
    values = []
    for sign in (1, -1):
        w[out, inn] = old + sign * NUDGE
        values.append(loss.from_logits(net.forward(x), y)[0])
    w[out, inn] = old
    return (values[0] - values[1]) / (2 * NUDGE)
