"""History: a columnar, bounded-memory record of every step of a run.

Per-step columns are float32 in arrays that double when full (amortised O(1) append): at
1,000,000 steps of a 3-layer network that is 60 MiB. Readers (the GUI on another thread) take
`snapshot()`, which fixes the length once, so they never see a half-written row.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass

import numpy as np

from engine.errors import ConfigError

STEP_COLUMNS = ("epoch", "lr", "loss")                         # one value per step
LAYER_COLUMNS = ("grad_norm", "lr_median", "lr_min", "lr_max")  # one value per layer per step
EVAL_COLUMNS = ("step", "train_loss", "test_loss", "train_acc", "test_acc", "penalty")


@dataclass(frozen=True)
class HistoryView:
    """Read-only arrays of the first n steps (views, no copy)."""

    n: int
    step: np.ndarray           # (n,) 1, 2, ..., n
    columns: dict              # name -> (n,) or (n, n_layers) float32
    evals: dict                # name -> (m,) arrays of the periodic evaluations


_F32_MAX = float(np.finfo(np.float32).max)


_STEPS = np.arange(1, 1)            # 1, 2, 3, …: shared by every snapshot, grown by doubling


def step_numbers(n: int) -> np.ndarray:
    """The read-only steps 1 … n (a view of one cached array: a frame at a million steps
    does not build a new million-element array)."""
    global _STEPS
    if len(_STEPS) < n:
        steps = np.arange(1, max(2 * n, 1024) + 1)
        steps.setflags(write=False)
        _STEPS = steps
    return _STEPS[:n]


class History:
    """Every StepRecord of one run, stored column by column."""

    def __init__(self, n_layers: int, capacity: int = 1024):
        self.n_layers = n_layers
        self._n = 0
        self._m = 0
        self._cols = {name: np.empty(capacity, np.float32) for name in STEP_COLUMNS}
        self._cols.update({name: np.empty((capacity, n_layers), np.float32)
                           for name in LAYER_COLUMNS})
        self._evals = {name: np.empty(64) for name in EVAL_COLUMNS}

    def __len__(self) -> int:
        return self._n

    def append(self, record) -> None:
        """Add one StepRecord (row written first, then the length: safe for readers)."""
        i = self._n
        cols = self._cols
        if i == len(cols["loss"]):
            self._cols = cols = _doubled(cols, i)
        if (-_F32_MAX < record.loss < _F32_MAX and record.grad_norm.max() < _F32_MAX
                and record.lr_max.max() < _F32_MAX):
            self._write(cols, i, record)
        else:
            with np.errstate(over="ignore"):   # a diverging run: huge values become ±inf
                self._write(cols, i, record)
        if record.eval is not None:
            self._append_eval(record)
        self._n = i + 1

    @staticmethod
    def _write(cols, i, r) -> None:
        cols["epoch"][i] = r.epoch
        cols["lr"][i] = r.lr
        cols["loss"][i] = r.loss
        cols["grad_norm"][i] = r.grad_norm
        cols["lr_median"][i] = r.lr_median
        cols["lr_min"][i] = r.lr_min
        cols["lr_max"][i] = r.lr_max

    def _append_eval(self, record) -> None:
        j = self._m
        if j == len(self._evals["step"]):
            self._evals = _doubled(self._evals, j)
        e = record.eval
        for name, value in zip(EVAL_COLUMNS, (record.step, e.train_loss, e.test_loss,
                                              e.train_acc, e.test_acc, e.penalty)):
            self._evals[name][j] = value
        self._m = j + 1

    def snapshot(self) -> HistoryView:
        """Consistent views of everything recorded so far."""
        m, n = self._m, self._n        # _m first: an eval row is never newer than the steps
        return HistoryView(
            n, step_numbers(n),
            {name: col[:n] for name, col in self._cols.items()},
            {name: col[:m] for name, col in self._evals.items()})

    def column(self, name: str) -> np.ndarray:
        """A per-step column ('epoch', 'lr', 'loss') or per-layer one ((n, n_layers))."""
        return self._cols[name][: self._n]

    def eval_columns(self) -> dict[str, np.ndarray]:
        return {name: col[: self._m] for name, col in self._evals.items()}

    def nbytes(self) -> int:
        """Memory held by the arrays, capacity included."""
        return sum(c.nbytes for c in (*self._cols.values(), *self._evals.values()))

    # ---- saving ----
    def to_arrays(self) -> dict[str, np.ndarray]:
        """Copies of every recorded row: 'step.NAME' per-step columns, 'eval.NAME' evaluations
        (plain float arrays: an NPZ holds them without pickle)."""
        view = self.snapshot()
        out = {f"step.{name}": col.copy() for name, col in view.columns.items()}
        out.update({f"eval.{name}": col.copy() for name, col in view.evals.items()})
        return out

    @classmethod
    def from_arrays(cls, n_layers: int, arrays: dict) -> History:
        """The History `to_arrays` saved, bit for bit; ConfigError if the arrays do not fit."""
        history = cls(n_layers)
        history.extend(arrays)
        return history

    def extend(self, arrays: dict) -> None:
        """Append the rows of another History's `to_arrays()` (same layers)."""
        steps, evals = _checked_rows(arrays, self.n_layers)
        n, m = self._n + steps["loss"].shape[0], self._m + evals["step"].shape[0]
        self._cols = _grown(self._cols, self._n, n)
        self._evals = _grown(self._evals, self._m, m)
        for name, rows in steps.items():
            self._cols[name][self._n:n] = rows
        for name, rows in evals.items():
            self._evals[name][self._m:m] = rows
        self._m, self._n = m, n

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
                row += ([""] * (len(EVAL_COLUMNS) - 1) if j is None else
                        [f"{view.evals[c][j]:.10g}" for c in EVAL_COLUMNS[1:]])
                out.writerow(row)


def _doubled(columns: dict, n: int) -> dict:
    """New arrays of twice the length holding the first n rows (readers keep the old ones)."""
    out = {}
    for name, col in columns.items():
        bigger = np.empty((2 * len(col),) + col.shape[1:], col.dtype)
        bigger[:n] = col[:n]
        out[name] = bigger
    return out


def _grown(columns: dict, n: int, needed: int) -> dict:
    """`columns` (n rows in use), doubled until `needed` rows fit."""
    while len(next(iter(columns.values()))) < needed:
        columns = _doubled(columns, n)
    return columns


def _checked_rows(arrays: dict, n_layers: int) -> tuple[dict, dict]:
    """The step and eval columns of saved arrays as float32 / float64, every shape checked."""
    try:
        steps = {c: np.asarray(arrays[f"step.{c}"], np.float32) for c in (*STEP_COLUMNS,
                                                                          *LAYER_COLUMNS)}
        evals = {c: np.asarray(arrays[f"eval.{c}"], np.float64) for c in EVAL_COLUMNS
                 if c != "penalty"}
        evals["penalty"] = np.asarray(arrays.get("eval.penalty", np.zeros(len(evals["step"]))),
                                      np.float64)           # files from before it was kept
    except KeyError as e:
        raise ConfigError("history", e.args[0], "every column of a saved History") from None
    except (TypeError, ValueError):
        raise ConfigError("history", "columns", "arrays of numbers") from None
    n, m = len(steps["loss"]), len(evals["step"])
    for name, col in steps.items():
        want = (n, n_layers) if name in LAYER_COLUMNS else (n,)
        if col.shape != want:
            raise ConfigError(f"history step.{name}", col.shape, f"shape {want}")
    for name, col in evals.items():
        if col.shape != (m,):
            raise ConfigError(f"history eval.{name}", col.shape, f"shape {(m,)}")
    return steps, evals
