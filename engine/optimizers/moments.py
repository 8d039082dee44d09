"""The Adam family, as in torch.optim: a first-moment estimate of the gradient divided by a
per-element scale of its size (an RMS, or a decaying maximum), with bias correction.

Same names, defaults and update order as PyTorch; see engine/optimizers/base.py for what each
`_update` returns (its effective learning rate).
"""
from __future__ import annotations

import math

import numpy as np

from engine.hyper import HyperParam, TorchEquivalent
from engine.optimizers.base import BETAS, EPS, WEIGHT_DECAY, Optimizer, Quotient, lr_spec


class Adam(Optimizer):
    lr_factor_note = "γ/(√v̂ + ε) on the bias-corrected m̂ = m/(1 − β₁ᵗ); at t = 1 γ/(|g| + ε)"
    name, title = "adam", "Adam"
    torch = TorchEquivalent("torch.optim.Adam")
    description = ("Momentum on the gradient (m) divided by the RMS of gradients (v), "
                   "bias-corrected.")
    variants = (("AMSGrad", {"amsgrad": True}),)
    specs = (lr_spec(1e-3), BETAS, EPS, WEIGHT_DECAY,
             HyperParam("amsgrad", False, kind="bool",
                        help="use the maximum v so far (never lets the step grow back)"))

    def _moments(self, p, g, state):
        """m ← β₁m + (1 − β₁)g and v ← β₂v + (1 − β₂)g², in place (temporaries in a buffer)."""
        b1, b2 = self.hyper["betas"]
        if not state:
            state.update(m=np.zeros_like(p.value), v=np.zeros_like(p.value),
                         vmax=np.zeros_like(p.value))
        m, v, tmp = state["m"], state["v"], self._buffer(p, "tmp")
        m *= b1
        m += np.multiply(g, 1.0 - b1, out=tmp)
        v *= b2
        tmp = np.square(g, out=tmp)                 # g·g, read once
        v += np.multiply(tmp, 1.0 - b2, out=tmp)
        return m, v

    def _update(self, p, g, state, lr):
        b1, b2 = self.hyper["betas"]
        m, v = self._moments(p, g, state)
        if self.hyper.get("amsgrad"):
            vmax = state["vmax"]
            np.maximum(vmax, v, out=vmax)
            v = vmax
        denom = np.sqrt(v, out=self._buffer(p, "denom"))
        denom /= math.sqrt(1.0 - b2 ** self.t)
        denom += self.hyper["eps"]                                  # √v̂ + ε
        step = np.divide(lr / (1.0 - b1 ** self.t), denom, out=self._buffer(p, "tmp"))
        p.value -= np.multiply(step, m, out=step)                   # (γ/(1 − β₁ᵗ)/denom)·m
        return Quotient(lr, denom)  # the factor on m̂ = m / (1 − β₁ᵗ), not on the raw m


class AdamW(Adam):
    lr_factor_note = "as Adam: γ/(√v̂ + ε) on m̂; the decoupled decay θ(1 − γλ) is not in it"
    name, title = "adamw", "AdamW"
    torch = TorchEquivalent("torch.optim.AdamW")
    description = "Adam with decoupled weight decay: θ ← θ(1 − γλ) before the Adam step."
    specs = (lr_spec(1e-3), BETAS, EPS,
             HyperParam("weight_decay", 1e-2, low=0.0, high=10.0,
                        help="λ: decoupled decay, θ ← θ(1 − γλ)"),
             Adam.specs[-1])

    def _gradient(self, p):
        return p.grad                       # no L2 term: the decay is decoupled, in _update

    def _update(self, p, g, state, lr):
        p.value *= 1.0 - lr * self.hyper["weight_decay"]
        return super()._update(p, g, state, lr)


class NAdam(Adam):
    lr_factor_note = "γ/(√v̂ + ε) on NAdam's bias-corrected look-ahead, a blend of g and m"
    name, title = "nadam", "NAdam"
    torch = TorchEquivalent("torch.optim.NAdam")
    description = "Adam with Nesterov momentum (a look-ahead on m) and momentum decay."
    specs = (lr_spec(2e-3), BETAS, EPS, WEIGHT_DECAY,
             HyperParam("momentum_decay", 4e-3, low=0.0, high=1.0,
                        help="ψ: how fast the momentum schedule μₜ warms up"))

    def __init__(self, params, **hyper):
        super().__init__(params, **hyper)
        self._mu_product = 1.0              # Π = μ₁μ₂…μₜ

    def _begin_step(self, lr):
        b1 = self.hyper["betas"][0]
        psi = self.hyper["momentum_decay"]
        t = self.t
        self._mu_t = b1 * (1.0 - 0.5 * 0.96 ** (t * psi))
        self._mu_next = b1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * psi))
        self._mu_product *= self._mu_t

    def _step_state(self):
        return {"mu_product": self._mu_product}

    def _update(self, p, g, state, lr):
        b2 = self.hyper["betas"][1]
        m, v = self._moments(p, g, state)
        d = np.sqrt(v / (1.0 - b2 ** self.t)) + self.hyper["eps"]
        mu, mu_next, prod = self._mu_t, self._mu_next, self._mu_product
        p.value -= lr * (1.0 - mu) / (1.0 - prod) * (g / d)
        p.value -= lr * mu_next / (1.0 - prod * mu_next) * (m / d)
        return Quotient(lr, d)


class RAdam(Adam):
    lr_factor_note = "γ·r·√(1 − β₂ᵗ)/(√v + ε) on m̂ once ρₜ > 5; before that γ itself"
    name, title = "radam", "RAdam"
    torch = TorchEquivalent("torch.optim.RAdam")
    description = "Adam that starts as SGD with momentum until the variance estimate is reliable."
    specs = (lr_spec(1e-3), BETAS, EPS, WEIGHT_DECAY)

    def _update(self, p, g, state, lr):
        b1, b2 = self.hyper["betas"]
        m, v = self._moments(p, g, state)
        m_hat = m / (1.0 - b1 ** self.t)
        bc2 = 1.0 - b2 ** self.t
        rho_inf = 2.0 / (1.0 - b2) - 1.0
        rho_t = rho_inf - 2.0 * self.t * b2 ** self.t / bc2
        if rho_t <= 5.0:
            p.value -= lr * m_hat
            return lr
        l = math.sqrt(bc2) / (np.sqrt(v) + self.hyper["eps"])  # noqa: E741 (the paper's name)
        r = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
        factor = lr * r * l
        p.value -= factor * m_hat
        return factor


class Adamax(Optimizer):
    lr_factor_note = "γ/u on the bias-corrected m̂ = m/(1 − β₁ᵗ), u a decaying max of |g|"
    name, title = "adamax", "Adamax"
    torch = TorchEquivalent("torch.optim.Adamax")
    description = "Adam with the infinity norm: divides by u, a decaying maximum of |g|."
    specs = (lr_spec(2e-3),
             HyperParam("betas", (0.9, 0.999), kind="pair", low=0.0, high=1.0, high_open=True,
                        help="(β₁, β₂): decay of the gradient mean and of the maximum of |g|"),
             EPS, WEIGHT_DECAY)

    def _update(self, p, g, state, lr):
        b1, b2 = self.hyper["betas"]
        if not state:
            state.update(m=np.zeros_like(p.value), u=np.zeros_like(p.value))
        m, u = state["m"], state["u"]
        m *= b1
        m += (1.0 - b1) * g
        u *= b2
        np.maximum(u, np.abs(g) + self.hyper["eps"], out=u)     # u ← max(β₂u, |g| + ε)
        p.value -= (lr / (1.0 - b1 ** self.t)) * (m / u)
        return Quotient(lr, u)    # the factor on m̂ = m / (1 − β₁ᵗ)
