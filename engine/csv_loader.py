"""Load a numeric CSV file into inputs and a target, with one clear error per problem.

Rows and columns in messages are counted from 1, as a spreadsheet shows them; the
`target_column` argument is a column name or a 0-based index. Only text is parsed:
never eval, never pickle.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from engine.errors import ConfigError, DatasetError

FIELD = "data.csv_path"
MIN_ROWS = 2                 # data rows needed for a train/test split
MAX_ROWS = 100_000           # same bound as data.n_samples
TASKS = ("regression", "binary", "multiclass")
ALLOWED = "a CSV file of numbers: one row per sample, the target in one column"


def load_csv(path, target_column=None, header=None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Read `path`; return inputs x (n, d), target y (n,) and the d input column names.

    target_column: a header name or 0-based index (default: the last column).
    header: True / False, or None to detect it (a first row with a non-number is a header).
    """
    x, y, names, _ = _load(path, target_column, header)
    return x, y, names


def _load(path, target_column, header) -> tuple[np.ndarray, np.ndarray, list[str], str]:
    """load_csv, plus the target column's name ("y" without a header row)."""
    rows = _read_rows(path)
    first_line, first = rows[0]
    if header is None:
        header = not all(_is_number(cell) for cell in first)
    n_cols = len(first)
    if header:
        names = [cell.strip() or f"column {j + 1}" for j, cell in enumerate(first)]
        rows = rows[1:]
    else:
        names = [f"x{j + 1}" for j in range(n_cols)]
    if n_cols < 2:
        _fail(path, f"found {n_cols} column; need at least 2 (inputs and a target)")
    if not MIN_ROWS <= len(rows) <= MAX_ROWS:
        _fail(path, f"found {len(rows)} data rows; need {MIN_ROWS} to {MAX_ROWS}")
    table = _to_floats(path, rows, names)
    t = _target_index(path, target_column, names)
    if not header:
        names, target_name = [f"x{j + 1}" for j in range(n_cols - 1)], "y"
    else:
        names, target_name = names[:t] + names[t + 1:], names[t]
    x = np.delete(table, t, axis=1)
    return x, table[:, t].copy(), names, target_name


def _fail(path, detail: str):
    raise DatasetError(FIELD, str(path), ALLOWED, detail)


def _read_rows(path) -> list[tuple[int, list[str]]]:
    """The non-blank rows of the file with their 1-based line numbers."""
    file = Path(path)
    if not file.is_file():
        _fail(path, "no such file")
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        _fail(path, f"cannot be read as UTF-8 text ({err.__class__.__name__})")
    lines = text.splitlines()
    delimiter = _delimiter(lines)
    rows = []
    reader = csv.reader(lines, delimiter=delimiter)
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append((reader.line_num, cells))
    if not rows:
        _fail(path, "the file is empty")
    return rows


def _delimiter(lines: list[str]) -> str:
    """Comma, unless the first non-blank line has none and uses ';' or a tab."""
    first = next((line for line in lines if line.strip()), "")
    if "," not in first:
        for candidate in (";", "\t"):
            if candidate in first:
                return candidate
    return ","


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _to_floats(path, rows, names) -> np.ndarray:
    """Parse every cell; name the row and column of the first bad one."""
    table = np.empty((len(rows), len(names)))
    for i, (line, cells) in enumerate(rows):
        if len(cells) != len(names):
            _fail(path, f"row {line} has {len(cells)} columns; expected {len(names)}")
        for j, cell in enumerate(cells):
            where = f"row {line}, column {j + 1} ({names[j]!r})"
            try:
                value = float(cell)
            except ValueError:
                shown = repr(cell.strip()) if cell.strip() else "an empty cell"
                _fail(path, f"{where}: {shown} is not a number")
            if not math.isfinite(value):
                _fail(path, f"{where}: {cell.strip()} is not a finite number (NaN/inf)")
            table[i, j] = value
    return table


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
    raw, target, names, target_name = _load(path, getattr(cfg, "target_column", None), None)
    task, classes = _csv_task(target, getattr(cfg, "csv_task", "auto"))
    if task == "regression":
        return raw, target.reshape(-1, 1), task, names, target_name
    index = np.searchsorted(classes, target)
    y = index.reshape(-1, 1).astype(float) if task == "binary" else np.eye(len(classes))[index]
    return raw, y, task, names, target_name


def _csv_task(target: np.ndarray, csv_task: str) -> tuple[str, np.ndarray]:
    """Task and sorted class values: "auto" picks it from the target values."""
    if csv_task not in ("auto", *TASKS):
        raise ConfigError("data.csv_task", csv_task, "one of: auto, " + ", ".join(TASKS))
    classes = np.unique(target)
    whole = bool(np.all(target == np.round(target)))
    if csv_task == "auto":
        pair = len(classes) == 2 and set(classes.tolist()) in ({0.0, 1.0}, {-1.0, 1.0})
        many = whole and 3 <= len(classes) <= 10
        csv_task = "binary" if whole and pair else "multiclass" if many else "regression"
    counts = {"binary": (2, 2), "multiclass": (2, 10)}.get(csv_task)
    if counts and not counts[0] <= len(classes) <= counts[1]:
        raise DatasetError("data.csv_task", csv_task,
                           f"a target column with {counts[0]} to {counts[1]} distinct values",
                           f"found {len(classes)}")
    return csv_task, classes
