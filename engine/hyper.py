"""Declarative hyper-parameter specs: the panels are generated from these."""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass

from engine.errors import ConfigError


@dataclass(frozen=True)
class HyperParam:
    """One tunable value: name (as in PyTorch), default, allowed range, scale and help."""

    name: str
    default: object
    kind: str = "float"          # "float" | "int" | "bool" | "pair" | "choice"
    low: float | None = None     # smallest allowed value (inclusive unless low_open)
    high: float | None = None    # largest allowed value (inclusive unless high_open)
    log: bool = False            # a log-scale control suits it (learning rates, eps)
    help: str = ""               # one line for the tooltip
    choices: tuple = ()          # allowed values when kind == "choice"
    low_open: bool = False       # low itself is not allowed (e.g. lr > 0)
    high_open: bool = False      # high itself is not allowed (e.g. beta < 1)
    titles: tuple = ()           # what a panel shows for each of choices ("Leaky ReLU")

    def describe(self) -> str:
        """What is allowed, in words: 'a number in (0, 1)'."""
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return "one of: " + ", ".join(map(str, self.choices))
        lo = "-inf" if self.low is None else f"{self.low:g}"
        hi = "inf" if self.high is None else f"{self.high:g}"
        left = "(" if self.low is None or self.low_open else "["
        right = ")" if self.high is None or self.high_open else "]"
        what = {"int": "a whole number", "pair": "two numbers, each"}.get(self.kind, "a number")
        return f"{what} in {left}{lo}, {hi}{right}"

    def validate(self, value, field: str | None = None):
        """Return value converted to the right type, or raise ConfigError naming the field."""
        field = field or self.name
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            raise ConfigError(field, value, self.describe())
        if self.kind == "choice":
            if value in self.choices:
                return value
            raise ConfigError(field, value, self.describe())
        if self.kind == "pair":
            if not isinstance(value, (list, tuple)) or len(value) != 2:
                raise ConfigError(field, value, self.describe())
            return tuple(self._number(v, field, value) for v in value)
        return self._number(value, field, value)

    def _number(self, x, field, shown):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise ConfigError(field, shown, self.describe())
        if isinstance(x, int) and abs(x) > sys.float_info.max:   # 310+ digits: no float
            raise ConfigError(field, shown, f"{self.describe()}, of magnitude at most "
                                            f"{sys.float_info.max:g}")
        if not math.isfinite(x):
            raise ConfigError(field, shown, self.describe())
        if self.kind == "int":
            if float(x) != int(x):
                raise ConfigError(field, shown, self.describe())
            x = int(x)
        else:
            x = float(x)
        if not math.isfinite(x) or not self._in_range(x):
            raise ConfigError(field, shown, self.describe())
        return x

    def _in_range(self, x: float) -> bool:
        if self.low is not None and (x < self.low or (self.low_open and x == self.low)):
            return False
        if self.high is not None and (x > self.high or (self.high_open and x == self.high)):
            return False
        return True


def validate_all(specs, values: dict, prefix: str) -> dict:
    """Validate a dict of values against specs; unknown names raise ConfigError."""
    by_name = {s.name: s for s in specs}
    out = {}
    for key, value in values.items():
        if key not in by_name:
            allowed = "one of: " + ", ".join(by_name) if by_name else "no parameters"
            raise ConfigError(f"{prefix}.{key}", value, f"unknown name; {allowed}")
        out[key] = by_name[key].validate(value, f"{prefix}.{key}")
    return out


def defaults(specs) -> dict:
    """The default value of every spec, by name."""
    return {s.name: s.default for s in specs}


@dataclass(frozen=True)
class TorchEquivalent:
    """A registry entry's PyTorch counterpart, read by the export and the parity tests.

    `code` is what the exported script writes: a qualified class name for an optimizer
    ("torch.optim.Adam", called with the entry's hyper-parameters as keywords), or an
    expression with a {name} field per parameter for a loss (of logits z and targets y), a
    schedule (of the optimizer opt and the base rate LR) or an activation. None when PyTorch
    has no counterpart; `why_not` then says why. `rename` maps our names to PyTorch's keywords
    where they differ.
    """

    code: str | None
    why_not: str = ""
    rename: tuple[tuple[str, str], ...] = ()

    def require(self, field: str, value) -> str:
        """The code, or one ConfigError: 'FIELD = VALUE is not allowed: not exportable: why'."""
        if self.code is None:
            raise ConfigError(field, value, f"not exportable: {self.why_not}")
        return self.code

    def keywords(self, values: dict) -> dict:
        """The values under PyTorch's keyword names."""
        names = dict(self.rename)
        return {names.get(k, k): v for k, v in values.items()}


NO_TORCH = TorchEquivalent(None, "this entry names no PyTorch counterpart")
