"""History: a columnar, bounded-memory record of every step of a run.

Per-step columns are float32 in arrays that double when full (amortised O(1) append): at
1,000,000 steps of a 3-layer network that is 60 MiB. Readers (the GUI on another thread) take
`snapshot()`, which fixes the length once, so they never see a half-written row.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np

STEP_COLUMNS = ("epoch", "lr", "loss")                         # one value per step
LAYER_COLUMNS = ("grad_norm", "lr_median", "lr_min", "lr_max")  # one value per layer per step
EVAL_COLUMNS = ("step", "train_loss", "test_loss", "train_acc", "test_acc")


@dataclass(frozen=True)
class HistoryView:
    """Read-only arrays of the first n steps (views, no copy)."""

    n: int
    step: np.ndarray           # (n,) 1, 2, ..., n
    columns: dict              # name -> (n,) or (n, n_layers) float32
    evals: dict                # name -> (m,) arrays of the periodic evaluations


class _Growable:
    """A 1-D or 2-D float array that doubles its capacity when full."""

    def __init__(self, width: int | None, dtype=np.float32, capacity: int = 1024):
        shape = (capacity,) if width is None else (capacity, width)
        self.data = np.empty(shape, dtype=dtype)

    def put(self, i: int, value) -> None:
        """Store row i (a diverging run's huge values become ±inf in float32)."""
        if i >= len(self.data):
            bigger = np.empty((2 * len(self.data),) + self.data.shape[1:], self.data.dtype)
            bigger[:i] = self.data[:i]
            self.data = bigger
        with np.errstate(over="ignore"):
            self.data[i] = value


class History:
    """Every StepRecord of one run, stored column by column."""

    def __init__(self, n_layers: int):
        self.n_layers = n_layers
        self._n = 0
        self._m = 0
        self._cols = {name: _Growable(None) for name in STEP_COLUMNS}
        self._cols.update({name: _Growable(n_layers) for name in LAYER_COLUMNS})
        self._evals = {name: _Growable(None, np.float64, 64) for name in EVAL_COLUMNS}

    def __len__(self) -> int:
        return self._n

    def append(self, record) -> None:
        """Add one StepRecord (row written first, then the length: safe for readers)."""
        i = self._n
        cols = self._cols
        cols["epoch"].put(i, record.epoch)
        cols["lr"].put(i, record.lr)
        cols["loss"].put(i, record.loss)
        cols["grad_norm"].put(i, record.grad_norm)
        cols["lr_median"].put(i, record.lr_median)
        cols["lr_min"].put(i, record.lr_min)
        cols["lr_max"].put(i, record.lr_max)
        if record.eval is not None:
            e, j = record.eval, self._m
            for name, value in zip(EVAL_COLUMNS, (record.step, e.train_loss, e.test_loss,
                                                  e.train_acc, e.test_acc)):
                self._evals[name].put(j, value)
            self._m = j + 1
        self._n = i + 1

    def snapshot(self) -> HistoryView:
        """Consistent views of everything recorded so far."""
        n, m = self._n, self._m
        return HistoryView(
            n, np.arange(1, n + 1),
            {name: col.data[:n] for name, col in self._cols.items()},
            {name: col.data[:m] for name, col in self._evals.items()})

    def column(self, name: str) -> np.ndarray:
        """A per-step column ('epoch', 'lr', 'loss') or per-layer one ((n, n_layers))."""
        return self._cols[name].data[: self._n]

    def eval_columns(self) -> dict[str, np.ndarray]:
        return {name: col.data[: self._m] for name, col in self._evals.items()}

    def nbytes(self) -> int:
        """Memory held by the arrays, capacity included."""
        return sum(c.data.nbytes for c in (*self._cols.values(), *self._evals.values()))

    def header(self) -> list[str]:
        layer = [f"{name}_layer{k}" for name in LAYER_COLUMNS for k in range(self.n_layers)]
        return ["step", *STEP_COLUMNS, *layer, *EVAL_COLUMNS[1:]]

    def to_csv(self, path) -> None:
        """One row per step, one column per metric and layer; evaluations where they ran."""
        view = self.snapshot()
        evals = {int(s): i for i, s in enumerate(view.evals["step"])}
        with open(path, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(self.header())
            for i in range(view.n):
                row = [i + 1] + [f"{view.columns[c][i]:.7g}" for c in STEP_COLUMNS]
                for c in LAYER_COLUMNS:
                    row += [f"{v:.7g}" for v in view.columns[c][i]]
                j = evals.get(i + 1)
                row += ([""] * 4 if j is None else
                        [f"{view.evals[c][j]:.10g}" for c in EVAL_COLUMNS[1:]])
                out.writerow(row)
