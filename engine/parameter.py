"""Parameter: a named array and its gradient, updated in place by the optimizers."""
from __future__ import annotations

import numpy as np


class Parameter:
    """A trainable array: .value, .grad (same shape, starts at zero) and .name."""

    __slots__ = ("value", "grad", "name")

    def __init__(self, value, name: str = "param"):
        self.value = np.array(value, dtype=np.float64)
        self.grad = np.zeros_like(self.value)
        self.name = name

    def __repr__(self) -> str:
        return f"Parameter({self.name!r}, shape={self.value.shape})"
