"""PathCells: a racer's path as drawn — one point per run of steps inside one tiny cell.

The view box is cut into CELLS × CELLS cells (finer than any screen's pixels); of the steps
that stay in one cell, only the first is drawn (the current point is always drawn last).
Only the steps that are new since the last frame are looked at, so a frame costs the new
steps, not the path's length: a racer settled in a minimum adds nothing, however long it
races. A path that still wanders past MAX_POINTS drawn points is thinned to at most half of them.
"""
from __future__ import annotations

import numpy as np

from engine.pyramid import GrowingArray

CELLS = 2000              # cells per axis of the view box (about one per pixel, or finer)
MAX_POINTS = 20_000       # drawn points, at most (then every other one is dropped)


class PathCells:
    """The drawn points of one growing path (n, 2); `racer` is the object it belongs to."""

    def __init__(self, racer, view):
        self.racer = racer
        view = np.asarray(view, dtype=float)
        self._origin = view[:, 0]
        self._cell = (view[:, 1] - view[:, 0]) / CELLS
        self._kept = GrowingArray((2,), float)
        self._last_cell = None          # the cell of the last kept point
        self.n = 0                      # path rows taken in

    def points(self, path: np.ndarray) -> np.ndarray:
        """The points to draw for `path` (the whole path so far, the same path each time)."""
        if len(path) > self.n:
            self._take(path[self.n:])
            self.n = len(path)
        kept = self._kept.view()
        if len(path) and (not len(kept) or np.any(kept[-1] != path[-1])):
            return np.concatenate([kept, path[-1:]])
        return kept

    def _take(self, new: np.ndarray) -> None:
        cells = np.floor((new - self._origin) / self._cell).astype(np.int64)
        previous = np.empty_like(cells)
        previous[1:] = cells[:-1]
        previous[0] = self._last_cell if self._last_cell is not None else cells[0] - 1
        moved = np.any(cells != previous, axis=1)
        self._kept.extend(new[moved])
        self._last_cell = cells[-1]
        if self._kept.n > MAX_POINTS:
            step = 2 * int(np.ceil(self._kept.n / MAX_POINTS))
            thinned = self._kept.view()[::step].copy()
            self._kept = GrowingArray((2,), float)
            self._kept.extend(thinned)
