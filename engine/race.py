"""The optimizer race: several optimizers step in lock-step on one landscape.

Every racer owns one `Parameter` of shape (dim,) and an optimizer made by the trainer's own
`engine.optimizers.create` (no second implementation). One race step sets each live racer's
`grad` to the analytic gradient at its point, calls `opt.step()`, then evaluates the value and
gradient at all new points in one vectorised call.

What is recorded, per racer, row k = the state after k updates (row 0 = the start):
  point θ_k, value f(θ_k), grad_norm |∇f(θ_k)| (the gradient the next update uses), and
  effective_lr = the median over the point's elements of `opt.effective_lr()` for update k
  (row 0: what the optimizer reports before any step, i.e. its base γ).

Divergence: a racer whose new value or gradient is not finite, or whose point leaves the
*generous box* — the view box enlarged 10× about its centre (`BOX_SCALE`) — stops and is
marked diverged; that last step is not recorded, so every recorded number is finite.

steps_to(gap): the first recorded step k with f(θ_k) − f(m) < gap, where m is the known
minimum nearest the racer's final point; None if that never happens or the landscape has no
known minima (the saddle). The CLI reports it for gap = 1e-3 as `steps_to_1e-3`.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from engine import landscapes
from engine.landscapes import Landscape
from engine.order_stats import exact_median
from engine.parameter import Parameter
from engine.racer_spec import RacerSpec, parse_spec

BOX_SCALE = 10.0          # the divergence box is the view box enlarged this much about its centre
_INITIAL_CAPACITY = 1024


def default_specs(name: str) -> list[str]:
    """The default field of racers for landscape `name`: SGD, momentum, RMSprop, Adam.

    The learning rates are the landscape entry's own `rates`.
    """
    rates = landscapes.get(name).rates
    mom_lr = rates.sgd if rates.momentum is None else rates.momentum
    return [f"sgd:lr={rates.sgd:g}", f"momentum:lr={mom_lr:g}",
            f"rmsprop:lr={rates.adaptive:g}", f"adam:lr={rates.adaptive:g}"]


def _median(factor) -> float:
    """Median of an effective-LR factor (a float, or an array over the point's elements)."""
    return factor if isinstance(factor, float) else exact_median(np.ravel(factor))


class Racer:
    """One optimizer on the landscape: its point and optimizer; columns live in its Race."""

    def __init__(self, spec: RacerSpec, start: np.ndarray, race: Race, index: int):
        self.spec = spec
        self.param = Parameter(start.copy(), name="point")
        self.optimizer = spec.create([self.param])
        self.index = index                               # its column in the race's records
        self._race = race
        self.diverged_at: int | None = None              # the step that diverged, if any
        self.divergence: str | None = None               # why, in words

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def length(self) -> int:
        """Recorded rows: steps taken + 1 (the start); frozen once diverged."""
        return (self.diverged_at if self.diverged else self._race.step_count + 1)

    @property
    def path(self) -> np.ndarray:
        """(length, dim) points θ_0 … θ_k (a view: copy it to keep it)."""
        return self._race._points[:self.length, self.index]

    @property
    def values(self) -> np.ndarray:
        return self._race._cols[0, :self.length, self.index]

    @property
    def grad_norms(self) -> np.ndarray:
        return self._race._cols[1, :self.length, self.index]

    @property
    def effective_lrs(self) -> np.ndarray:
        return self._race._cols[2, :self.length, self.index]

    @property
    def point(self) -> np.ndarray:
        return self.path[-1]

    @property
    def gradient(self) -> np.ndarray:
        """∇f at the current point (what the next update uses)."""
        return self._race._grads[self.index]

    def velocity(self) -> np.ndarray | None:
        """The optimizer's momentum buffer (SGD b, Adam m), if it keeps one; else None."""
        state = self.optimizer.state[0]
        for key in ("b", "m"):
            buf = state.get(key)
            if buf is not None and np.any(buf):
                return buf
        return None

    def steps_to(self, landscape: Landscape, gap: float = 1e-3) -> int | None:
        """First step whose value is within `gap` of the minimum nearest the final point."""
        target = landscapes.nearest_minimum(landscape, self.point)
        if target is None:
            return None
        hits = np.flatnonzero(self.values - target.value < gap)
        return int(hits[0]) if hits.size else None


class Race:
    """Several racers starting from one point and stepping in lock-step on one landscape."""

    def __init__(self, landscape: Landscape | str, specs: Sequence[RacerSpec | str],
                 start: Sequence[float] | None = None):
        self.landscape = (landscapes.get(landscape) if isinstance(landscape, str)
                          else landscape)
        self.specs = [s if isinstance(s, RacerSpec) else parse_spec(s) for s in specs]
        view = np.asarray(self.landscape.view, dtype=float)
        centre, half = view.mean(axis=1), 0.5 * (view[:, 1] - view[:, 0])
        self.box = np.stack([centre - BOX_SCALE * half, centre + BOX_SCALE * half], axis=1)
        self.reset(start)

    @property
    def dim(self) -> int:
        return self.landscape.dim

    def reset(self, start: Sequence[float] | None = None) -> None:
        """Every racer back to a fresh optimizer at `start` (default: the landscape's start)."""
        point = np.asarray(self.landscape.start if start is None else start, dtype=float)
        self.start = point.reshape(self.dim).copy()
        self.step_count = 0
        n = len(self.specs)
        self.racers = [Racer(spec, self.start, self, i) for i, spec in enumerate(self.specs)]
        self._points = np.empty((_INITIAL_CAPACITY, n, self.dim))
        self._cols = np.empty((3, _INITIAL_CAPACITY, n))     # value, grad_norm, effective_lr
        self._grads = np.tile(self.landscape.gradient(self.start), (n, 1))
        self._points[0] = self.start
        self._cols[0, 0] = float(self.landscape.value(self.start))
        self._cols[1, 0] = float(np.linalg.norm(self._grads[0])) if n else 0.0
        self._cols[2, 0] = [_median(r.optimizer.effective_lr()[0]) for r in self.racers]
        self._refresh_live()

    def add(self, spec: RacerSpec | str) -> Racer:
        """A new racer; the race restarts from its start so every path stays in step."""
        self.specs.append(spec if isinstance(spec, RacerSpec) else parse_spec(spec))
        self.reset(self.start)
        return self.racers[-1]

    def remove(self, index: int) -> None:
        """Drop racer `index`; the others keep their paths."""
        del self.specs[index]
        del self.racers[index]
        self._points = np.delete(self._points, index, axis=1)
        self._cols = np.delete(self._cols, index, axis=2)
        self._grads = np.delete(self._grads, index, axis=0)
        for i, r in enumerate(self.racers):
            r.index = i
        self._refresh_live()

    @property
    def live(self) -> list[int]:
        """Indices of the racers still running."""
        return list(self._live)

    def _refresh_live(self) -> None:
        self._live = [i for i, r in enumerate(self.racers) if not r.diverged]
        all_live = len(self._live) == len(self.racers)
        self._index = slice(None) if all_live else np.array(self._live, dtype=int)

    def step(self, n: int = 1) -> None:
        """n lock-step updates of every racer that has not diverged."""
        with np.errstate(all="ignore"):
            for _ in range(n):
                if not self._live:
                    break
                self._step_once()

    def _grow(self) -> None:
        self._points = np.concatenate([self._points, np.empty_like(self._points)])
        self._cols = np.concatenate([self._cols, np.empty_like(self._cols)], axis=1)

    def _step_once(self) -> None:
        live, idx, racers, grads = self._live, self._index, self.racers, self._grads
        lrs = []
        for i in live:
            r = racers[i]
            r.param.grad[...] = grads[i]
            r.optimizer.step()
            lrs.append(_median(r.optimizer.raw_factors()[0]))
        points = np.array([racers[i].param.value for i in live])
        values, new_grads = self._evaluate(points)
        norms = np.sqrt(np.einsum("ij,ij->i", new_grads, new_grads))
        k = self.step_count + 1
        if k == len(self._points):
            self._grow()
        self._points[k, idx] = points
        self._cols[:, k, idx] = (values, norms, lrs)
        grads[idx] = new_grads
        self.step_count = k
        box = self.box
        inside = ((points >= box[:, 0]) & (points <= box[:, 1])).all(axis=1)
        if not (inside.all() and np.isfinite(values + norms).all()):
            for j in np.flatnonzero(~(inside & np.isfinite(values) & np.isfinite(norms))):
                self._mark_diverged(racers[live[j]], values[j], norms[j])
            self._refresh_live()

    def _evaluate(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Values (n,) and gradients (n, dim) at points (n, dim), straight from f and df."""
        coords = points.T
        values = np.asarray(self.landscape.f(*coords), dtype=float)
        grads = np.empty_like(points)
        for d, part in enumerate(self.landscape.df(*coords)):
            grads[:, d] = part
        return values, grads

    def _mark_diverged(self, racer: Racer, value: float, norm: float) -> None:
        racer.diverged_at = self.step_count
        if not np.isfinite(value) or not np.isfinite(norm):
            what = "its value became " + str(value if not np.isfinite(value) else norm)
        else:
            what = "it left the box " + box_text(self.box)
        hint = ""
        if self.landscape.minima:
            hint = f" — the learning rate {racer.optimizer.hyper['lr']:g} is likely too large"
        racer.divergence = f"{racer.label} diverged at step {self.step_count}: {what}{hint}"


def box_text(box: np.ndarray) -> str:
    return " × ".join(f"[{lo:g}, {hi:g}]" for lo, hi in box)
