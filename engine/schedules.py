"""Learning-rate schedules (torch.optim.lr_scheduler names); t = 1 for the first update.

PyTorch counts epochs from 0, so step t uses last_epoch k = t − 1: the first update always
uses the base learning rate. A linear warm-up over W updates (t/W of the base) may precede
any schedule, which then starts its own clock.
"""
from __future__ import annotations

import math

from engine.errors import ConfigError
from engine.hyper import NO_TORCH, HyperParam, TorchEquivalent, defaults, validate_all


class Schedule:
    """γ at update t from the base γ₀."""

    name = ""
    title = ""
    description = ""
    specs: tuple[HyperParam, ...] = ()         # its parameters; the values are in .hyper
    torch: TorchEquivalent = NO_TORCH          # an lr_scheduler of the optimizer opt

    def __init__(self, warmup_steps: int = 0, **hyper):
        self.hyper = {**defaults(self.specs), **validate_all(self.specs, hyper, "schedule")}
        self.warmup_steps = warmup_steps

    def lr_at(self, t: int, base_lr: float) -> float:
        w = self.warmup_steps
        if w and t <= w:
            return base_lr * t / w
        return self._lr(t - 1 - w, base_lr, **self.hyper)

    def _lr(self, k: int, base: float, **p) -> float:
        raise NotImplementedError


class Constant(Schedule):
    name, title = "constant", "Constant"
    description = "γ stays the same."
    torch = TorchEquivalent("lr_scheduler.LambdaLR(opt, lambda k: 1.0)")

    def _lr(self, k, base):
        return base


class StepLR(Schedule):
    name, title = "step", "Step decay"
    description = "γ multiplied by gamma every step_size updates."
    torch = TorchEquivalent("lr_scheduler.StepLR(opt, step_size={step_size!r}, gamma={gamma!r})")
    specs = (HyperParam("step_size", 100, kind="int", low=1, high=10**7,
                        help="updates between decays"),
             HyperParam("gamma", 0.5, low=0.0, low_open=True, high=1.0,
                        help="factor applied at each decay"))

    def _lr(self, k, base, step_size, gamma):
        return base * gamma ** (k // step_size)


class ExponentialLR(Schedule):
    name, title = "exponential", "Exponential decay"
    description = "γ₀·gammaᵏ: a little smaller after every update."
    torch = TorchEquivalent("lr_scheduler.ExponentialLR(opt, gamma={gamma!r})")
    specs = (HyperParam("gamma", 0.995, low=0.0, low_open=True, high=1.0,
                        help="factor applied after every update"),)

    def _lr(self, k, base, gamma):
        return base * gamma ** k


class CosineAnnealingLR(Schedule):
    name, title = "cosine", "Cosine annealing"
    description = "Half a cosine from γ₀ down to eta_min over T_max updates (then back up)."
    torch = TorchEquivalent("lr_scheduler.CosineAnnealingLR(opt, T_max={T_max!r}, "
                            "eta_min={eta_min!r})")
    specs = (HyperParam("T_max", 1000, kind="int", low=1, high=10**7,
                        help="updates from γ₀ down to eta_min"),
             HyperParam("eta_min", 0.0, low=0.0, high=100.0, help="the lowest learning rate"))

    def _lr(self, k, base, T_max, eta_min):
        return eta_min + 0.5 * (base - eta_min) * (1.0 + math.cos(math.pi * k / T_max))


class CyclicLR(Schedule):
    name, title = "cyclic", "Cyclic (triangular)"
    description = "Up from γ₀ to max_lr and back down, over 2·step_size_up updates, repeated."
    torch = TorchEquivalent("lr_scheduler.CyclicLR(opt, base_lr=LR, max_lr={max_lr!r}, "
                           "step_size_up={step_size_up!r}, cycle_momentum=False)")
    specs = (HyperParam("max_lr", 0.1, low=0.0, low_open=True, high=100.0, log=True,
                        help="top of the triangle"),
             HyperParam("step_size_up", 100, kind="int", low=1, high=10**7,
                        help="updates from the bottom to the top"))

    def _lr(self, k, base, max_lr, step_size_up):
        cycle = math.floor(1 + k / (2 * step_size_up))
        x = abs(k / step_size_up - 2 * cycle + 1)
        return base + (max_lr - base) * max(0.0, 1.0 - x)


REGISTRY: dict[str, type[Schedule]] = {cls.name: cls for cls in (
    Constant, StepLR, ExponentialLR, CosineAnnealingLR, CyclicLR)}


def make_schedule(cfg) -> Schedule:
    """The schedule of a ScheduleConfig (name, params, warmup_steps)."""
    if cfg.name not in REGISTRY:
        raise ConfigError("schedule.name", cfg.name, "one of: " + ", ".join(REGISTRY))
    return REGISTRY[cfg.name](warmup_steps=cfg.warmup_steps, **cfg.params)
