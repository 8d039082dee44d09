"""Load a numeric CSV file into inputs and a target, with one clear error per problem.

The file is read by engine/csv_reader.py (limits checked while reading, delimiter and decimal
mark sniffed). Rows and columns in messages are counted from 1, as a spreadsheet shows them;
the `target_column` argument is a column name or a 0-based index. The last file read is kept
(keyed by path, size and modification time), so a table parsed off the GUI thread is not
parsed again when the run is built.
"""
from __future__ import annotations

import os
import threading

import numpy as np

from engine.csv_reader import (
    ALLOWED,
    FIELD,
    MAX_COLUMNS,
    MAX_ROWS,
    MIN_ROWS,
    CsvTable,
    LoadCancelled,
    read_table,
)
from engine.errors import ConfigError, DatasetError

__all__ = ["ALLOWED", "FIELD", "MAX_COLUMNS", "MAX_ROWS", "MIN_ROWS", "TASKS", "CsvTable",
           "LoadCancelled", "load_csv", "load_csv_dataset", "load_table", "split_target",
           "guess_task", "check_task"]

TASKS = ("regression", "binary", "multiclass")
_last: tuple[tuple, CsvTable] | None = None     # (key, table) of the last file read
_lock = threading.Lock()


def load_csv(path, target_column=None, header=None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Read `path`; return inputs x (n, d), target y (n,) and the d input column names.

    target_column: a header name or 0-based index (default: the last column).
    header: True / False, or None to detect it (a first row with a non-number is a header).
    """
    x, y, names, _ = split_target(load_table(path, header), target_column, path)
    return x, y, names


def load_table(path, header=None, progress=None) -> CsvTable:
    """The file's CsvTable; the last one read is reused while the file is unchanged.
    progress: see engine.csv_reader.read_table (return False to stop: LoadCancelled)."""
    global _last
    key = _key(path, header)
    with _lock:
        if key is not None and _last is not None and _last[0] == key:
            return _last[1]
    table = read_table(path, header, progress)
    with _lock:
        _last = (key, table) if key is not None else None
    return table


def _key(path, header) -> tuple | None:
    try:
        stat = os.stat(path)
    except (OSError, TypeError, ValueError):
        return None
    return os.path.abspath(path), stat.st_ino, stat.st_size, stat.st_mtime_ns, header


def split_target(table: CsvTable, target_column, path) -> tuple[np.ndarray, np.ndarray,
                                                                 list[str], str]:
    """Inputs x (n, d), target y (n,), the input names and the target's name ("y" and x1, x2,
    ... when the file has no header row)."""
    names = list(table.names)
    t = _target_index(path, target_column, names)
    x = np.delete(table.values, t, axis=1)
    if not table.header:
        return x, table.values[:, t].copy(), [f"x{j + 1}" for j in range(len(names) - 1)], "y"
    return x, table.values[:, t].copy(), names[:t] + names[t + 1:], names[t]


def _target_index(path, target_column, names: list[str]) -> int:
    """The 0-based index of the target column given by name or index (None: last)."""
    if target_column is None:
        return len(names) - 1
    if isinstance(target_column, str) and target_column in names:
        return names.index(target_column)
    index = target_column
    if isinstance(index, str) and index.strip().isdigit():
        index = int(index)
    if isinstance(index, (int, np.integer)) and not isinstance(index, bool):
        if 0 <= index < len(names):
            return int(index)
    available = ", ".join(f"{j} {name!r}" for j, name in enumerate(names))
    raise DatasetError(
        "data.target_column", target_column,
        f"a column name or 0-based index; available columns: {available}",
        f"in {path}",
    )


def load_csv_dataset(cfg):
    """Raw columns, network targets, task, input column names and the target column's name
    for a DataConfig with a csv_path."""
    path = getattr(cfg, "csv_path", None)
    if not path:
        raise DatasetError("data.csv_path", path, "the path of a CSV file when dataset is csv")
    raw, target, names, target_name = split_target(
        load_table(path), getattr(cfg, "target_column", None), path)
    task, classes = check_task(target, getattr(cfg, "csv_task", "auto"))
    if task == "regression":
        return raw, target.reshape(-1, 1), task, names, target_name
    index = np.searchsorted(classes, target)
    y = index.reshape(-1, 1).astype(float) if task == "binary" else np.eye(len(classes))[index]
    return raw, y, task, names, target_name


def guess_task(target: np.ndarray) -> str:
    """"binary" for two whole-number values (0/1, -1/1, 1/2, ...), "multiclass" for 3 to 10,
    else "regression"."""
    classes = np.unique(target)
    whole = bool(np.all(target == np.round(target)))
    if whole and len(classes) == 2:
        return "binary"
    return "multiclass" if whole and 3 <= len(classes) <= 10 else "regression"


def check_task(target: np.ndarray, csv_task: str) -> tuple[str, np.ndarray]:
    """Task and sorted class values: "auto" is guess_task's; a class task needs a target with
    2 (binary) or 2 to 10 (multiclass) distinct values."""
    if csv_task not in ("auto", *TASKS):
        raise ConfigError("data.csv_task", csv_task, "one of: auto, " + ", ".join(TASKS))
    classes = np.unique(target)
    if csv_task == "auto":
        csv_task = guess_task(target)
    counts = {"binary": (2, 2), "multiclass": (2, 10)}.get(csv_task)
    if counts and not counts[0] <= len(classes) <= counts[1]:
        raise DatasetError("data.csv_task", csv_task,
                           f"a target column with {counts[0]} to {counts[1]} distinct values",
                           f"found {len(classes)}")
    return csv_task, classes
