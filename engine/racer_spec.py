"""Racer specs: `optimizer[:key=value[:key=value...]]`, e.g. `sgd:lr=0.02:momentum=0.9`.

The optimizer is a registry name or a menu variant (`momentum`, `nesterov`, `amsgrad`); each
value is read as a Python literal with `ast.literal_eval` (never eval), so `betas=(0.9,0.99)`
is a tuple and `nesterov=True` a bool. Every key and value is validated against the
optimizer's HyperParam specs; a bad spec raises a ConfigError that names the racer spec, the
key and what is allowed.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

from engine import optimizers
from engine.errors import ConfigError, reject_huge_numbers, shown
from engine.parameter import Parameter


@dataclass(frozen=True)
class RacerSpec:
    """One parsed racer: the optimizer name as written and its validated hyper-parameters."""

    text: str                                  # the spec as given, e.g. "sgd:lr=0.01"
    optimizer: str                             # registry name or menu variant, e.g. "momentum"
    hyper: dict = field(default_factory=dict)  # validated values given in the spec (typed)

    @property
    def label(self) -> str:
        """A short legend label, e.g. 'Momentum lr=0.02' or 'Adam lr=0.05 betas=(0.9, 0.99)'."""
        title = _TITLES.get(self.optimizer, self.optimizer)
        return " ".join([title, *(f"{k}={_show(v)}" for k, v in self.hyper.items())])

    def create(self, params):
        """A fresh optimizer for `params` (the trainer's own optimizer classes)."""
        return optimizers.create(self.optimizer, params, **self.hyper)


_TITLES = {label.lower(): label for label, _, _ in optimizers.MENU}
_TITLES.update({name: label for label, name, preset in optimizers.MENU if not preset})


def _show(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    return str(value)


def _field(text: str, key: str) -> str:
    return f"racer {shown(text)}: {key}"


def _literal(text: str, key: str, raw: str):
    try:
        value = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise ConfigError(_field(text, key), raw,
                          "a Python literal such as 0.01, 0.9, True or (0.9, 0.99)") from None
    reject_huge_numbers(_field(text, key), value)
    return value


def split_outside_brackets(text: str, separators: str = ":") -> list[str]:
    """`text` split at each separator that is not inside () or []: 'betas=(0.9:1)' stays whole."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += 1 if ch in "([" else -1 if ch in ")]" else 0
        if ch in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def _split(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The optimizer name and the raw (key, value) pairs; ':' inside brackets is kept."""
    parts = split_outside_brackets(text)
    name, pairs = parts[0].strip().lower(), []
    for part in parts[1:]:
        key, eq, raw = part.partition("=")
        if not eq or not key.strip() or not raw.strip():
            raise ConfigError(_field(text, part or "(empty)"), part, "key=value, e.g. lr=0.01")
        pairs.append((key.strip(), raw))
    return name, pairs


def parse_spec(text: str) -> RacerSpec:
    """Parse and validate one racer spec; ConfigError naming the spec, key and rule otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise ConfigError("racer", text, "optimizer[:key=value...], e.g. sgd:lr=0.01")
    name, pairs = _split(text.strip())
    try:
        cls, preset = optimizers.resolve(name)
    except ConfigError as e:
        raise ConfigError(_field(text, "optimizer"), name, e.allowed) from None
    specs = {s.name: s for s in cls.specs}
    hyper = {}
    for key, raw in pairs:
        if key not in specs:
            raise ConfigError(_field(text, key), raw.strip(),
                              f"unknown key for {name}; one of: " + ", ".join(specs))
        if key in hyper:
            raise ConfigError(_field(text, key), raw.strip(), "each key at most once")
        hyper[key] = specs[key].validate(_literal(text, key, raw), _field(text, key))
    try:
        cls([Parameter([0.0])], **{**preset, **hyper})      # rules across hyper-parameters
    except ConfigError as e:
        key = e.field.rpartition(".")[2]
        raise ConfigError(_field(text, key), e.value, e.allowed) from None
    return RacerSpec(text.strip(), name, hyper)


def format_spec(optimizer: str, hyper: dict) -> str:
    """The spec text for an optimizer and hyper-parameters (inverse of parse_spec)."""
    parts = [optimizer] + [f"{k}={_literal_text(v)}" for k, v in hyper.items()]
    return ":".join(parts)


def _literal_text(value) -> str:
    if isinstance(value, tuple):
        return "(" + ",".join(_literal_text(v) for v in value) + ")"
    return repr(value)
