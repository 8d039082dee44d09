"""Random but sensible values for any registry entry, drawn from its own HyperParam specs.

Parity and contract tests iterate the registries; these draws let them exercise each entry
away from its defaults without a table of per-entry ranges.
"""
from __future__ import annotations

import numpy as np

from engine.errors import ConfigError


def sample_value(spec, rng: np.random.Generator):
    """A value around the spec's default (×10^±1), or off/on for a default of 0 or a flag."""
    if spec.kind == "bool":
        return bool(rng.random() < 0.5)
    if spec.kind == "choice":
        return spec.choices[int(rng.integers(len(spec.choices)))]
    if spec.kind == "pair":
        return tuple(_number(spec, d, rng) for d in spec.default)
    if spec.kind == "int":
        return int(rng.integers(max(int(spec.low or 1), 1), 30))
    return _number(spec, spec.default, rng)


def _number(spec, default: float, rng) -> float:
    u = rng.uniform(-1.0, 1.0)
    if spec.high == 1.0 and spec.high_open and default > 0:   # a decay rate: vary 1 − d
        return float(1.0 - (1.0 - default) * 10.0 ** u)
    if default > 0:
        return float(min(default * 10.0 ** u, spec.high if spec.high is not None else np.inf))
    if rng.random() < 0.5:
        return 0.0
    return float(rng.uniform(0.0, 0.9 * min(spec.high if spec.high is not None else 1.0, 1.0)))


def sample_hyper(specs, rng, check=lambda values: None, fixed=None, tries: int = 100) -> dict:
    """Values for every spec (those in `fixed` kept); redrawn until `check` (cross-parameter
    rules) accepts them."""
    for _ in range(tries):
        values = {**{s.name: sample_value(s, rng) for s in specs}, **(fixed or {})}
        try:
            check(values)
        except ConfigError:
            continue
        return values
    raise AssertionError(f"no valid draw for {[s.name for s in specs]} in {tries} tries")
