"""PyTorch's optimizers (MATH.md): same names, defaults and update order, in NumPy.

Each `_update` changes one parameter in place and returns its effective learning rate: the
factor that multiplies the optimizer's (possibly averaged) gradient estimate in that update
(a float when it is the same for every element).
"""
from __future__ import annotations

import math

import numpy as np

from engine.errors import ConfigError
from engine.hyper import HyperParam, defaults, validate_all
from engine.parameter import Parameter


def _lr(default):
    return HyperParam("lr", default, low=0.0, low_open=True, high=100.0, log=True,
                      help="γ: the step size (learning rate)")


_WD = HyperParam("weight_decay", 0.0, low=0.0, high=10.0,
                 help="λ: L2 penalty, adds λθ to the gradient")
_EPS = HyperParam("eps", 1e-8, low=0.0, low_open=True, high=1.0, log=True,
                  help="ε: keeps the denominator away from zero")
_BETAS = HyperParam("betas", (0.9, 0.999), kind="pair", low=0.0, high=1.0, high_open=True,
                    help="(β₁, β₂): decay of the gradient mean and of the squared-gradient mean")


class Optimizer:
    """Updates Parameters in place from their .grad; hyper-parameters can change between steps."""

    name = ""
    title = ""
    description = ""
    hyper: tuple[HyperParam, ...] = ()

    def __init__(self, params, **hyper):
        self.params: list[Parameter] = list(params)
        self.hyper = defaults(self.hyper_specs())
        self.set_hyper(**hyper)
        self.t = 0
        self.state = [{} for _ in self.params]
        self._factors: list = [self.hyper["lr"]] * len(self.params)

    @classmethod
    def hyper_specs(cls) -> tuple[HyperParam, ...]:
        return cls.hyper

    def set_hyper(self, **hyper) -> None:
        """Change hyper-parameters (validated); takes effect at the next step."""
        merged = {**self.hyper, **validate_all(self.hyper_specs(), hyper, "optimizer")}
        self._check(merged)
        self.hyper = merged
        if getattr(self, "t", 0) == 0:            # before any step: what the first would use
            self._factors = [merged["lr"]] * len(self.params)

    def _check(self, h: dict) -> None:
        """Rules that involve more than one hyper-parameter."""

    def step(self, lr: float | None = None) -> None:
        """One update of every parameter; lr overrides the base γ for this step (schedules)."""
        self.t += 1
        lr = self.hyper["lr"] if lr is None else lr
        wd = 0.0 if self._decoupled else self.hyper.get("weight_decay", 0.0)
        for i, (p, state) in enumerate(zip(self.params, self.state)):
            g = p.grad
            if wd:
                g = g + wd * p.value
            self._factors[i] = self._update(p, g, state, lr)

    _decoupled = False

    def _update(self, p: Parameter, g: np.ndarray, state: dict, lr: float):
        raise NotImplementedError

    def effective_lr(self) -> list[np.ndarray]:
        """Per element, the factor applied in the last step (the base γ before any step)."""
        return [np.broadcast_to(np.asarray(f, dtype=np.float64), p.value.shape).copy()
                for f, p in zip(self._factors, self.params)]

    def raw_factors(self) -> list:
        """The last step's factors as computed (floats where uniform): cheap for the trainer."""
        return self._factors

    def state_dict(self) -> dict:
        return {"t": self.t, "hyper": dict(self.hyper),
                "state": [{k: np.copy(v) for k, v in s.items()} for s in self.state],
                "mu_product": getattr(self, "_mu_product", 1.0)}   # NAdam's Π


class SGD(Optimizer):
    name, title = "sgd", "SGD"
    description = "θ ← θ − γ g; with momentum μ it follows a velocity b ← μb + g."
    hyper = (_lr(1e-3),
             HyperParam("momentum", 0.0, low=0.0, high=1.0, high_open=True,
                        help="μ: how much of the previous step is kept"),
             HyperParam("dampening", 0.0, low=0.0, high=1.0,
                        help="τ: scales the new gradient in the velocity by (1 − τ)"),
             HyperParam("nesterov", False, kind="bool",
                        help="look ahead along the velocity (needs μ > 0, τ = 0)"),
             _WD)

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
    name, title = "adagrad", "Adagrad"
    description = "Divides γ by the root of the sum of all past squared gradients."
    hyper = (_lr(1e-2),
             HyperParam("lr_decay", 0.0, low=0.0, high=1.0, help="η: γ̃ = γ / (1 + (t − 1)η)"),
             _WD,
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
        return clr / std


class RMSprop(Optimizer):
    name, title = "rmsprop", "RMSprop"
    description = "Divides γ by the root of a moving average of squared gradients."
    hyper = (_lr(1e-2),
             HyperParam("alpha", 0.99, low=0.0, high=1.0, high_open=True,
                        help="α: decay of the squared-gradient average"),
             _EPS, _WD,
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
        return lr / d


class Adadelta(Optimizer):
    name, title = "adadelta", "Adadelta"
    description = "Scales by the ratio of the RMS of past steps to the RMS of past gradients."
    hyper = (_lr(1.0),
             HyperParam("rho", 0.9, low=0.0, high=1.0, high_open=True,
                        help="ρ: decay of both running averages"),
             HyperParam("eps", 1e-6, low=0.0, low_open=True, high=1.0, log=True,
                        help="ε: keeps the ratio defined at the start"),
             _WD)

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


class Adam(Optimizer):
    name, title = "adam", "Adam"
    description = ("Momentum on the gradient (m) divided by the RMS of gradients (v), "
                   "bias-corrected.")
    hyper = (_lr(1e-3), _BETAS, _EPS, _WD,
             HyperParam("amsgrad", False, kind="bool",
                        help="use the maximum v so far (never lets the step grow back)"))

    def _moments(self, p, g, state):
        b1, b2 = self.hyper["betas"]
        if not state:
            state.update(m=np.zeros_like(p.value), v=np.zeros_like(p.value),
                         vmax=np.zeros_like(p.value))
        m, v = state["m"], state["v"]
        m *= b1
        m += (1.0 - b1) * g
        v *= b2
        v += (1.0 - b2) * (g * g)
        return m, v

    def _update(self, p, g, state, lr):
        b1, b2 = self.hyper["betas"]
        m, v = self._moments(p, g, state)
        if self.hyper.get("amsgrad"):
            vmax = state["vmax"]
            np.maximum(vmax, v, out=vmax)
            v = vmax
        step_size = lr / (1.0 - b1 ** self.t)
        factor = step_size / (np.sqrt(v) / math.sqrt(1.0 - b2 ** self.t) + self.hyper["eps"])
        p.value -= factor * m
        return factor


class AdamW(Adam):
    name, title = "adamw", "AdamW"
    description = "Adam with decoupled weight decay: θ ← θ(1 − γλ) before the Adam step."
    hyper = (_lr(1e-3), _BETAS, _EPS,
             HyperParam("weight_decay", 1e-2, low=0.0, high=10.0,
                        help="λ: decoupled decay, θ ← θ(1 − γλ)"),
             Adam.hyper[-1])
    _decoupled = True

    def _update(self, p, g, state, lr):
        p.value *= 1.0 - lr * self.hyper["weight_decay"]
        return super()._update(p, g, state, lr)


class NAdam(Adam):
    name, title = "nadam", "NAdam"
    description = "Adam with Nesterov momentum (a look-ahead on m) and momentum decay."
    hyper = (_lr(2e-3), _BETAS, _EPS, _WD,
             HyperParam("momentum_decay", 4e-3, low=0.0, high=1.0,
                        help="ψ: how fast the momentum schedule μₜ warms up"))

    def step(self, lr=None):
        b1 = self.hyper["betas"][0]
        psi = self.hyper["momentum_decay"]
        t = self.t + 1
        self._mu_t = b1 * (1.0 - 0.5 * 0.96 ** (t * psi))
        self._mu_next = b1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * psi))
        self._mu_product = getattr(self, "_mu_product", 1.0) * self._mu_t
        super().step(lr)

    def _update(self, p, g, state, lr):
        b2 = self.hyper["betas"][1]
        m, v = self._moments(p, g, state)
        d = np.sqrt(v / (1.0 - b2 ** self.t)) + self.hyper["eps"]
        mu, mu_next, prod = self._mu_t, self._mu_next, self._mu_product
        p.value -= lr * (1.0 - mu) / (1.0 - prod) * (g / d)
        p.value -= lr * mu_next / (1.0 - prod * mu_next) * (m / d)
        return lr / d


class RAdam(Adam):
    name, title = "radam", "RAdam"
    description = "Adam that starts as SGD with momentum until the variance estimate is reliable."
    hyper = (_lr(1e-3), _BETAS, _EPS, _WD)

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
        l = math.sqrt(bc2) / (np.sqrt(v) + self.hyper["eps"])  # noqa: E741 (MATH.md's name)
        r = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
        factor = lr * r * l
        p.value -= factor * m_hat
        return factor


REGISTRY: dict[str, type[Optimizer]] = {cls.name: cls for cls in (
    SGD, Adagrad, RMSprop, Adadelta, Adam, AdamW, NAdam, RAdam)}

# Menu entries for the panel: (label, registry name, hyper-parameters the entry presets).
MENU: tuple[tuple[str, str, dict], ...] = (
    ("SGD", "sgd", {}),
    ("Momentum", "sgd", {"momentum": 0.9}),
    ("Nesterov", "sgd", {"momentum": 0.9, "nesterov": True}),
    ("Adagrad", "adagrad", {}),
    ("RMSprop", "rmsprop", {}),
    ("Adadelta", "adadelta", {}),
    ("Adam", "adam", {}),
    ("AMSGrad", "adam", {"amsgrad": True}),
    ("AdamW", "adamw", {}),
    ("NAdam", "nadam", {}),
    ("RAdam", "radam", {}),
)
VARIANTS: dict[str, tuple[str, dict]] = {label.lower(): (name, preset)
                                         for label, name, preset in MENU
                                         if label.lower() not in REGISTRY}


def resolve(name: str) -> tuple[type[Optimizer], dict]:
    """The class and preset hyper-parameters for a registry name or menu variant."""
    if isinstance(name, str) and name in REGISTRY:
        return REGISTRY[name], {}
    if isinstance(name, str) and name in VARIANTS:
        base, preset = VARIANTS[name]
        return REGISTRY[base], dict(preset)
    allowed = "one of: " + ", ".join([*REGISTRY, *VARIANTS])
    raise ConfigError("optimizer.name", name, allowed)


def create(name: str, params, **hyper) -> Optimizer:
    """An optimizer by name (PyTorch's keyword names), e.g. create("adam", [w], lr=1e-2)."""
    cls, preset = resolve(name)
    return cls(params, **{**preset, **hyper})
