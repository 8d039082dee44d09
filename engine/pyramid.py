"""MinMaxPyramid: a curve of at most ~max_points points for a series of any length.

Level k holds the min and the max of each block of 2^k consecutive values. The series only
grows (a History column), so each update reduces only the new values into the levels: the
cost of a frame is the steps that are new, not the run's length. A curve at level k draws
each block as its min (at the block's first step) and its max (at its last step), so spikes
(a noisy batch, a divergence) survive, whatever the length. Levels below STORED_FROM (blocks
of fewer than 64 values) are not kept: a curve that needs one reads the raw values, of which
there are then fewer than 64 × max_points; the one such level being drawn is kept and
extended like the others (it changes only when the length doubles).
"""
from __future__ import annotations

import numpy as np

STORED_FROM = 6          # the finest level kept: blocks of 2^6 = 64 values


class GrowingArray:
    """An array that doubles its capacity when full (amortised O(1) append)."""

    def __init__(self, shape_tail: tuple, dtype):
        self.data = np.empty((16, *shape_tail), dtype)
        self.n = 0

    def extend(self, rows: np.ndarray) -> None:
        end = self.n + len(rows)
        if end > len(self.data):
            bigger = np.empty((max(end, 2 * len(self.data)), *self.data.shape[1:]),
                              self.data.dtype)
            bigger[: self.n] = self.data[: self.n]
            self.data = bigger
        self.data[self.n:end] = rows
        self.n = end

    def view(self) -> np.ndarray:
        return self.data[: self.n]


class MinMaxPyramid:
    """Min/max levels of a growing series (n,) or (n, k); only its finite start is taken.

    `curve(values)` takes in whatever is new in `values` (the whole column so far, the same
    column every time; a shorter start of it draws only that start) and returns (index, y):
    positions 0, 1, ... into `values` and their y, at most about max_points of them. A
    non-finite value ends the series (divergence): `n` stops there and `ended` is True.
    """

    def __init__(self):
        self.n = 0                  # values taken in
        self.ended = False          # a non-finite value was met; nothing after it is taken
        self._lo: list[GrowingArray] = []  # _lo[j], _hi[j]: level STORED_FROM + j
        self._hi: list[GrowingArray] = []
        self._fine = None            # (k, lo, hi): the one level < STORED_FROM being drawn

    def update(self, values: np.ndarray) -> int:
        """Take in values[n:] up to the first non-finite one; return the new n."""
        if self.ended or len(values) <= self.n:
            return self.n
        new = values[self.n:]
        bad = ~np.isfinite(new)
        if new.ndim > 1:
            bad = bad.any(axis=1)
        hits = np.flatnonzero(bad)
        if hits.size:
            self.ended = True
            new = new[: hits[0]]
        self.n += len(new)
        self._reduce(values)
        return self.n

    def _reduce(self, values: np.ndarray) -> None:
        """New complete blocks: level STORED_FROM from the raw values, each next from pairs."""
        if not self._lo:
            self._lo.append(GrowingArray(values.shape[1:], values.dtype))
            self._hi.append(GrowingArray(values.shape[1:], values.dtype))
        size = 1 << STORED_FROM
        done, full = self._lo[0].n, self.n // size
        if full > done:
            blocks = values[done * size: full * size].reshape(full - done, size,
                                                               *values.shape[1:])
            self._lo[0].extend(blocks.min(axis=1))
            self._hi[0].extend(blocks.max(axis=1))
        j = 1
        while self._lo[j - 1].n >= 2:
            if j == len(self._lo):
                self._lo.append(GrowingArray(values.shape[1:], values.dtype))
                self._hi.append(GrowingArray(values.shape[1:], values.dtype))
            below_lo, below_hi = self._lo[j - 1].view(), self._hi[j - 1].view()
            done, full = self._lo[j].n, len(below_lo) // 2
            if full > done:
                pairs = slice(2 * done, 2 * full)
                self._lo[j].extend(np.minimum(below_lo[pairs][0::2], below_lo[pairs][1::2]))
                self._hi[j].extend(np.maximum(below_hi[pairs][0::2], below_hi[pairs][1::2]))
            j += 1

    def curve(self, values: np.ndarray, max_points: int = 2000):
        """(index, y): at most ~max_points points drawing values[:n] (see the class)."""
        n = min(self.update(values), len(values))
        if n <= max_points:
            return np.arange(n), values[:n]
        k = max(1, int(np.ceil(np.log2(2 * n / max_points))))
        count = n >> k
        lo, hi = self._level(values, k, count)
        first = np.arange(count) << k
        index = [np.stack([first, first + (1 << k) - 1], axis=1).reshape(-1)]
        y = [np.stack([lo, hi], axis=1).reshape(-1, *values.shape[1:])]
        start = count << k
        for j in range(k - 1, -1, -1):          # the rest: one block of each smaller size
            if start + (1 << j) <= n:
                block = values[start: start + (1 << j)]
                index.append(np.array([start, start + (1 << j) - 1]))
                y.append(np.stack([block.min(axis=0), block.max(axis=0)]))
                start += 1 << j
        return np.concatenate(index), np.concatenate(y)

    def _level(self, values: np.ndarray, k: int, count: int):
        """Min and max of the first `count` blocks of 2^k values."""
        if k >= STORED_FROM:
            j = k - STORED_FROM
            return self._lo[j].view()[:count], self._hi[j].view()[:count]
        if self._fine is None or self._fine[0] != k:     # a new level: once per doubling of n
            tail = values.shape[1:]
            self._fine = (k, GrowingArray(tail, values.dtype), GrowingArray(tail, values.dtype))
        _, lo, hi = self._fine
        if count > lo.n:                                 # only the new blocks
            blocks = values[lo.n << k: count << k].reshape(count - lo.n, 1 << k,
                                                             *values.shape[1:])
            lo.extend(blocks.min(axis=1))
            hi.extend(blocks.max(axis=1))
        return lo.view()[:count], hi.view()[:count]

    def nbytes(self) -> int:
        fine = self._fine[1:] if self._fine else ()
        return sum(g.data.nbytes for g in (*self._lo, *self._hi, *fine))
