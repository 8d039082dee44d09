"""PathCells: a racer's path as drawn — one point per tiny cell of the view it visits.

The view box is cut into CELLS × CELLS cells (about one per pixel, or finer); a step is drawn
when it enters a cell the path has not visited before, and the current point is always drawn
last. Only the steps that are new since the last frame are looked at, so a frame costs the new
steps, not the path's length: a racer settled in a minimum, or circling in a few cells around
it, adds nothing however long it races (measured: Adam on Rosenbrock after 90,000 steps drew
thousands of points a frame when each cell change was kept). A path that still wanders past
MAX_POINTS drawn points is thinned to at most half of them. The kept points only grow
between thinnings, so the surface draws each of them once (gui/landscape/path_layer.py).
"""
from __future__ import annotations

import numpy as np

from engine.pyramid import GrowingArray

CELLS = 2000              # cells per axis of the view box
MAX_POINTS = 20_000       # drawn points, at most (then thinned)
_SPAN = 64 * CELLS        # cell keys: (column + offset) · _SPAN + (row + offset), unique in
_OFFSET = 16 * CELLS      # the race's divergence box (10× the view)


class PathCells:
    """The drawn points of one growing path (n, 2); `racer` is the object it belongs to."""

    def __init__(self, racer, view):
        self.racer = racer
        view = np.asarray(view, dtype=float)
        self._origin = view[:, 0]
        self._cell = (view[:, 1] - view[:, 0]) / CELLS
        self._kept = GrowingArray((2,), float)
        self._visited = np.empty(0, np.int64)     # keys of the visited cells, sorted
        self.n = 0                                # path rows taken in
        self.generation = 0                       # times thinned (earlier points changed)

    @property
    def kept(self) -> np.ndarray:
        """The points kept so far (they only grow, until a thinning: `generation` + 1)."""
        return self._kept.view()

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
        cells = np.floor((new - self._origin) / self._cell).astype(np.int64) + _OFFSET
        keys = cells[:, 0] * _SPAN + cells[:, 1]
        unique, first = np.unique(keys, return_index=True)     # first step into each cell
        at = np.searchsorted(self._visited, unique)          # sorted: O(new · log visited)
        seen = np.zeros(len(unique), bool)
        inside = at < len(self._visited)
        seen[inside] = self._visited[at[inside]] == unique[inside]
        if seen.all():
            return
        fresh = np.sort(first[~seen])
        self._kept.extend(new[fresh])
        self._visited = np.insert(self._visited, at[~seen], unique[~seen])
        if self._kept.n > MAX_POINTS:
            step = 2 * int(np.ceil(self._kept.n / MAX_POINTS))
            thinned = self._kept.view()[::step].copy()
            self._kept = GrowingArray((2,), float)
            self._kept.extend(thinned)
            self.generation += 1
