"""The Optimizer base class, the specs its entries share, and the registry they join.

Each `_update` changes one parameter in place and returns its effective learning rate: the
factor that multiplies the optimizer's (possibly averaged, bias-corrected) gradient estimate in
that update (a float when it is the same for every element, a `Quotient` γ/d when it is a rate
over a per-element denominator). A subclass with a `name` is an entry: defining it registers
it, so an optimizer is one class in one module.
"""
from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.hyper import NO_TORCH, HyperParam, TorchEquivalent, defaults, validate_all
from engine.order_stats import mean_of_middle, order_statistics
from engine.parameter import Parameter

REGISTRY: dict[str, type[Optimizer]] = {}


def lr_spec(default: float) -> HyperParam:
    return HyperParam("lr", default, low=0.0, low_open=True, high=100.0, log=True,
                      help="γ: the step size (learning rate)")


WEIGHT_DECAY = HyperParam("weight_decay", 0.0, low=0.0, high=10.0,
                          help="λ: L2 penalty, adds λθ to the gradient")
EPS = HyperParam("eps", 1e-8, low=0.0, low_open=True, high=1.0, log=True,
                 help="ε: keeps the denominator away from zero")
BETAS = HyperParam("betas", (0.9, 0.999), kind="pair", low=0.0, high=1.0, high_open=True,
                   help="(β₁, β₂): decay of the gradient mean and of the squared-gradient mean")


class Optimizer:
    """Updates Parameters in place from their .grad; hyper-parameters can change between steps.

    Class attributes describe the entry: `specs` (its HyperParams, PyTorch's names), `variants`
    (menu entries that preset some of them) and `torch` (its PyTorch counterpart). The instance
    keeps the values in `hyper`.
    """

    lr_factor_note = ""    # what the effective-LR plot's factor means for this entry (one line)
    slide_note = "Slides: the learning rate is η; here it is γ, as in PyTorch."
    name = ""
    title = ""
    description = ""
    specs: tuple[HyperParam, ...] = ()
    variants: tuple[tuple[str, dict], ...] = ()     # (menu label, preset hyper-parameters)
    torch: TorchEquivalent = NO_TORCH               # e.g. TorchEquivalent("torch.optim.SGD")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for own in ("variants", "torch"):        # an entry's own, never its parent's
            if own not in vars(cls):
                setattr(cls, own, Optimizer.__dict__[own])
        if cls.name:
            REGISTRY[cls.name] = cls

    def __init__(self, params, **hyper):
        self.params: list[Parameter] = list(params)
        self.hyper = defaults(self.specs)
        self.set_hyper(**hyper)
        self.t = 0
        self.state = [{} for _ in self.params]
        self._factors: list = [self.hyper["lr"]] * len(self.params)
        self._buffers: dict = {}           # scratch arrays, see _buffer

    def set_hyper(self, **hyper) -> None:
        """Change hyper-parameters (validated); takes effect at the next step."""
        merged = {**self.hyper, **validate_all(self.specs, hyper, "optimizer")}
        self._check(merged)
        self.hyper = merged
        if getattr(self, "t", 0) == 0:            # before any step: what the first would use
            self._factors = [merged["lr"]] * len(self.params)

    def _check(self, h: dict) -> None:
        """Rules that involve more than one hyper-parameter."""

    def step(self, lr: float | None = None) -> None:
        """One update of every parameter; lr overrides the base γ for this step (schedules)."""
        self.t += 1
        lr = float(self.hyper["lr"] if lr is None else lr)
        self._begin_step(lr)
        for i, (p, state) in enumerate(zip(self.params, self.state)):
            self._factors[i] = self._update(p, self._gradient(p), state, lr)

    def _begin_step(self, lr: float) -> None:
        """Per-step state shared by all parameters (NAdam's momentum schedule); t is updated."""

    def _gradient(self, p: Parameter) -> np.ndarray:
        """g with weight decay as an L2 term: g + λθ (an entry with decoupled decay overrides)."""
        wd = self.hyper.get("weight_decay", 0.0)
        return p.grad + wd * p.value if wd else p.grad

    def _update(self, p: Parameter, g: np.ndarray, state: dict, lr: float):
        raise NotImplementedError

    def _buffer(self, p: Parameter, name: str) -> np.ndarray:
        """A scratch array shaped like p, the same one at every step: an update writes its
        temporaries there (out=) instead of allocating them each time."""
        key = (id(p), name)
        if key not in self._buffers:
            self._buffers[key] = np.empty_like(p.value)
        return self._buffers[key]

    def effective_lr(self) -> list[np.ndarray]:
        """Per element, the factor applied in the last step (the base γ before any step)."""
        return [np.broadcast_to(np.asarray(f, dtype=np.float64), p.value.shape).copy()
                for f, p in zip(self.raw_factors(), self.params)]

    def raw_factors(self) -> list:
        """The last step's factors (floats where uniform, else arrays), valid until the next
        step."""
        return [f.array() if isinstance(f, Quotient) else f for f in self._factors]

    def factors(self) -> list:
        """The last step's factors as `_update` returned them (floats, arrays or Quotients
        not yet divided), valid until the next step: what `factor_summary` reads cheaply."""
        return self._factors

    def state_dict(self) -> dict:
        """Everything the next step depends on: t, hyper, per-parameter arrays, the last
        step's factors (floats or arrays) and optimizer-wide state (`_step_state`)."""
        return {"t": self.t, "hyper": dict(self.hyper),
                "state": [{k: np.copy(v) for k, v in s.items()} for s in self.state],
                "factors": [f if np.ndim(f) == 0 else np.copy(f) for f in self.raw_factors()],
                **self._step_state()}

    def load_state_dict(self, saved: dict) -> None:
        """Continue from `state_dict()`'s output; ConfigError (nothing changed) if it does not
        fit these parameters."""
        saved = dict(saved)
        t, hyper = saved.pop("t"), saved.pop("hyper")
        arrays, factors = saved.pop("state"), saved.pop("factors", None)
        if len(arrays) != len(self.params) or any(
                np.shape(v) != p.value.shape for s, p in zip(arrays, self.params)
                for v in s.values()):
            raise ConfigError("optimizer state", len(arrays),
                              f"arrays shaped like the {len(self.params)} parameters")
        unknown = set(saved) - set(self._step_state())
        if unknown or not isinstance(t, int) or t < 0:
            raise ConfigError("optimizer state", sorted(unknown) or t,
                              "t ≥ 0 and only " + (", ".join(self._step_state()) or "no") +
                              f" further entries for {self.name or 'this optimizer'}")
        self.set_hyper(**hyper)
        self.t = t
        self.state = [{k: np.array(v, dtype=p.value.dtype) for k, v in s.items()}
                      for s, p in zip(arrays, self.params)]
        if factors is not None:
            self._factors = [float(f) if np.ndim(f) == 0 else np.array(f, dtype=p.value.dtype)
                             for f, p in zip(factors, self.params)]
        for key, value in saved.items():          # `_step_state` key k is attribute _k
            setattr(self, "_" + key, value)

    def _step_state(self) -> dict:
        """Optimizer-wide state beyond t and the per-parameter arrays (NAdam's Π); each key
        `k` names the attribute `_k` that load_state_dict sets back."""
        return {}


class Quotient:
    """The factor γ/d element by element, kept undivided (valid until the next step).

    The trainer wants only each layer's median, min and max of it, and x ↦ γ/x (γ > 0, x > 0)
    reverses the order of floating-point numbers too, so those are γ over d's middle element(s),
    max and min, divided exactly as the element-wise γ/d would be: forming γ/d for every
    element every step is not needed. `array()` forms it when asked.
    """

    __slots__ = ("scale", "denom")

    def __init__(self, scale: float, denom: np.ndarray):
        self.scale, self.denom = scale, denom

    def __getitem__(self, key) -> Quotient:
        return Quotient(self.scale, self.denom[key])

    def array(self) -> np.ndarray:
        return self.scale / self.denom


def factor_summary(factors: list, sizes: list[int]) -> tuple[float, float, float]:
    """Median, min and max effective learning rate over every element of some parameters.

    `factors` are what `factors()` gives for them (a float is the same factor for all `size`
    elements of that parameter); the trainer summarises a layer, the race one point.
    """
    if all(isinstance(f, float) for f in factors) and min(factors) == max(factors):
        return factors[0], factors[0], factors[0]
    if len(factors) == 1 and isinstance(factors[0], Quotient):
        summary = _quotient_summary(factors[0])
        if summary is not None:
            return summary
    arrays = [f.array() if isinstance(f, Quotient) else f for f in factors]
    values = np.concatenate([np.full(size, f) if np.ndim(f) == 0 else np.ravel(f)
                             for f, size in zip(arrays, sizes)])
    stats = order_statistics(values)
    return mean_of_middle(stats[1:-1]), float(stats[0]), float(stats[-1])


def _quotient_summary(q: Quotient) -> tuple[float, float, float] | None:
    """factor_summary of γ/d read off d; None when the order argument does not hold (γ ≤ 0,
    or some d ≤ 0 or NaN)."""
    d = np.ravel(q.denom)
    if d.size == 0:
        return None
    stats = order_statistics(d)
    if not (q.scale > 0 and stats[0] > 0 and stats[-1] <= np.inf):   # NaN compares False
        return None
    stats = q.scale / stats            # the same division as γ/d's, order reversed:
    return mean_of_middle(stats[1:-1]), float(stats[-1]), float(stats[0])
