"""Parameter: a named array and its gradient, updated in place by the optimizers; `pack` puts
several into one, and the optimizer state of the packed one converts to and from theirs."""
from __future__ import annotations

import numpy as np

from engine.errors import ConfigError


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


def unpack(flat: np.ndarray, params: list[Parameter]) -> list[np.ndarray]:
    """An array laid out like `pack(params)` as one view per parameter, in its shape."""
    ends = np.cumsum([p.value.size for p in params]).tolist()
    return [flat[a:b].reshape(p.value.shape) for p, a, b in zip(params, [0, *ends], ends)]


def per_parameter_state(saved: dict, params: list[Parameter]) -> dict:
    """An optimizer's `state_dict()` over the packed parameter as one entry per parameter of
    `params` (what an optimizer of the separate parameters gives: the saved format)."""
    (arrays,), (factor,) = saved["state"], saved["factors"]
    state = [{} for _ in params]
    for key, flat in arrays.items():
        for entry, part in zip(state, unpack(flat, params)):
            entry[key] = part.copy()
    factors = ([factor] * len(params) if np.ndim(factor) == 0 else
               [part.copy() for part in unpack(factor, params)])
    return {**saved, "state": state, "factors": factors}


def packed_state(saved: dict, params: list[Parameter]) -> dict:
    """`per_parameter_state`'s inverse, for the optimizer of `pack(params)`; ConfigError
    unless there is one entry per parameter, each shaped like it."""
    state, factors = saved["state"], saved.get("factors")
    fits = len(state) == len(params) and all(
        set(s) == set(state[0]) and all(np.shape(v) == p.value.shape for v in s.values())
        for s, p in zip(state, params))
    if not fits:
        raise ConfigError("optimizer state", len(state),
                          f"arrays shaped like the {len(params)} parameters")
    dtype = params[0].value.dtype
    packed = {"state": [{key: _joined([s[key] for s in state], dtype) for key in state[0]}]}
    if factors is not None:
        same = all(np.ndim(f) == 0 and f == factors[0] for f in factors)
        packed["factors"] = [float(factors[0]) if same else _joined(
            [np.broadcast_to(f, p.value.shape) for f, p in zip(factors, params)], dtype)]
    return {**saved, **packed}


def _joined(arrays: list, dtype) -> np.ndarray:
    return np.concatenate([np.ravel(a) for a in arrays]).astype(dtype, copy=False)
