"""SGD (with momentum and Nesterov), Adagrad, RMSprop and Adadelta, as in torch.optim.

Same names, defaults and update order as PyTorch; see engine/optimizers/base.py for what each
`_update` returns (its effective learning rate).
"""
from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.hyper import HyperParam, TorchEquivalent
from engine.optimizers.base import EPS, WEIGHT_DECAY, Optimizer, Quotient, lr_spec


class SGD(Optimizer):
    lr_factor_note = "γ itself; with momentum μ the velocity makes the steady step ≈ γ/(1 − μ)"
    name, title = "sgd", "SGD"
    torch = TorchEquivalent("torch.optim.SGD")
    description = "θ ← θ − γ g; with momentum μ it follows a velocity b ← μb + g."
    variants = (("Momentum", {"momentum": 0.9}), ("Nesterov", {"momentum": 0.9, "nesterov": True}))
    specs = (lr_spec(1e-3),
             HyperParam("momentum", 0.0, low=0.0, high=1.0, high_open=True,
                        help="μ: how much of the previous step is kept"),
             HyperParam("dampening", 0.0, low=0.0, high=1.0,
                        help="τ: scales the new gradient in the velocity by (1 − τ)"),
             HyperParam("nesterov", False, kind="bool",
                        help="look ahead along the velocity (needs μ > 0, τ = 0)"),
             WEIGHT_DECAY)

    def _check(self, h):
        if h["nesterov"] and (h["momentum"] <= 0 or h["dampening"] != 0):
            raise ConfigError("optimizer.nesterov", True, "needs momentum > 0 and dampening = 0")

    def _update(self, p, g, state, lr):
        mu = self.hyper["momentum"]
        if mu != 0:
            b = state.get("b")
            if b is None:
                b = state["b"] = g.copy()
            else:
                b *= mu
                b += (1.0 - self.hyper["dampening"]) * g
            g = g + mu * b if self.hyper["nesterov"] else b
        p.value -= lr * g
        return lr


class Adagrad(Optimizer):
    lr_factor_note = "γ/(√s + ε), s the sum of all past squared gradients: it only shrinks"
    name, title = "adagrad", "Adagrad"
    torch = TorchEquivalent("torch.optim.Adagrad")
    description = "Divides γ by the root of the sum of all past squared gradients."
    specs = (lr_spec(1e-2),
             HyperParam("lr_decay", 0.0, low=0.0, high=1.0, help="η: γ̃ = γ / (1 + (t − 1)η)"),
             WEIGHT_DECAY,
             HyperParam("initial_accumulator_value", 0.0, low=0.0, high=1e3,
                        help="s₀: starting value of the squared-gradient sum"),
             HyperParam("eps", 1e-10, low=0.0, low_open=True, high=1.0, log=True,
                        help="ε: keeps the denominator away from zero"))

    def _update(self, p, g, state, lr):
        s = state.get("s")
        if s is None:
            s = state["s"] = np.full_like(p.value, self.hyper["initial_accumulator_value"])
        clr = lr / (1.0 + (self.t - 1) * self.hyper["lr_decay"])
        s += g * g
        std = np.sqrt(s) + self.hyper["eps"]
        p.value -= clr * (g / std)
        return Quotient(clr, std)


class RMSprop(Optimizer):
    lr_factor_note = "γ/(√v + ε), v a moving average of squared gradients: shrinks, grows back"
    name, title = "rmsprop", "RMSprop"
    torch = TorchEquivalent("torch.optim.RMSprop")
    description = "Divides γ by the root of a moving average of squared gradients."
    specs = (lr_spec(1e-2),
             HyperParam("alpha", 0.99, low=0.0, high=1.0, high_open=True,
                        help="α: decay of the squared-gradient average"),
             EPS, WEIGHT_DECAY,
             HyperParam("momentum", 0.0, low=0.0, high=1.0, high_open=True,
                        help="μ: momentum on the scaled step"),
             HyperParam("centered", False, kind="bool",
                        help="divide by the variance estimate instead (subtracts the mean²)"))

    def _update(self, p, g, state, lr):
        a = self.hyper["alpha"]
        if not state:
            state.update(v=np.zeros_like(p.value), gbar=np.zeros_like(p.value),
                         b=np.zeros_like(p.value))
        v = state["v"]
        v *= a
        v += (1.0 - a) * g * g
        if self.hyper["centered"]:
            gbar = state["gbar"]
            gbar *= a
            gbar += (1.0 - a) * g
            # v − ḡ² is a variance: rounding can make it dip below 0 when g barely varies
            d = np.sqrt(np.maximum(v - gbar * gbar, 0.0)) + self.hyper["eps"]
        else:
            d = np.sqrt(v) + self.hyper["eps"]
        mu = self.hyper["momentum"]
        if mu > 0:
            b = state["b"]
            b *= mu
            b += g / d
            p.value -= lr * b
        else:
            p.value -= lr * (g / d)
        return Quotient(lr, d)


class Adadelta(Optimizer):
    lr_factor_note = "γ·√(u + ε)/√(v + ε): the RMS of past steps over that of past gradients"
    name, title = "adadelta", "Adadelta"
    torch = TorchEquivalent("torch.optim.Adadelta")
    description = "Scales by the ratio of the RMS of past steps to the RMS of past gradients."
    specs = (lr_spec(1.0),
             HyperParam("rho", 0.9, low=0.0, high=1.0, high_open=True,
                        help="ρ: decay of both running averages"),
             HyperParam("eps", 1e-6, low=0.0, low_open=True, high=1.0, log=True,
                        help="ε: keeps the ratio defined at the start"),
             WEIGHT_DECAY)

    def _update(self, p, g, state, lr):
        rho, eps = self.hyper["rho"], self.hyper["eps"]
        if not state:
            state.update(v=np.zeros_like(p.value), u=np.zeros_like(p.value))
        v, u = state["v"], state["u"]
        v *= rho
        v += (1.0 - rho) * g * g
        ratio = np.sqrt(u + eps) / np.sqrt(v + eps)
        delta = ratio * g
        u *= rho
        u += (1.0 - rho) * delta * delta
        p.value -= lr * delta
        return lr * ratio
