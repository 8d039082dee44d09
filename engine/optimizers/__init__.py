"""PyTorch's optimizers in NumPy: same names, defaults and update order (docs/maths.md).

An optimizer is one class in one module of this package: defining a subclass of Optimizer
with a `name` registers it (engine/optimizers/base.py), and the menu, the panels, the race, the
PyTorch export and the tests all read REGISTRY.
"""
from __future__ import annotations

from engine.errors import ConfigError
from engine.optimizers import classic, moments  # noqa: F401  (defining an entry registers it)
from engine.optimizers.base import (
    REGISTRY,
    Optimizer,
    Quotient,
    factor_summary,
    lr_spec,
)

# Menu entries for the panel: (label, registry name, hyper-parameters the entry presets):
# each entry under its own title, followed by its variants (Momentum and Nesterov for SGD,
# AMSGrad for Adam; a subclass does not inherit them).
MENU: tuple[tuple[str, str, dict], ...] = tuple(
    item for cls in REGISTRY.values()
    for item in ((cls.title, cls.name, {}),
                 *((label, cls.name, dict(preset)) for label, preset in cls.variants)))
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


__all__ = ["MENU", "REGISTRY", "VARIANTS", "Optimizer", "Quotient", "create",
           "factor_summary", "lr_spec", "resolve"]
