"""Parameter: a named array and its gradient, updated in place by the optimizers."""
from __future__ import annotations

import numpy as np


class Parameter:
    """A trainable array: .value, .grad (same shape, starts at zero) and .name.

    The value is copied into `dtype` (float64 unless the network computes in float32).
    """

    __slots__ = ("value", "grad", "name")

    def __init__(self, value, name: str = "param", dtype=np.float64):
        self.value = np.array(value, dtype=dtype)
        self.grad = np.zeros_like(self.value)
        self.name = name

    def __repr__(self) -> str:
        return f"Parameter({self.name!r}, shape={self.value.shape})"


def pack(params: list[Parameter], name: str = "all") -> Parameter:
    """One Parameter holding every element of `params` back to back, in order; each of them
    keeps its shape but its value and grad become views into the packed arrays, so the
    optimizer can update a whole network with one array operation per formula line, and a
    layer's elements (weight then bias) are one contiguous slice."""
    packed = Parameter(np.concatenate([p.value.ravel() for p in params]), name,
                       params[0].value.dtype)
    packed.grad[...] = np.concatenate([p.grad.ravel() for p in params])
    start = 0
    for p in params:
        stop = start + p.value.size
        p.value = packed.value[start:stop].reshape(p.value.shape)
        p.grad = packed.grad[start:stop].reshape(p.value.shape)
        start = stop
    return packed
