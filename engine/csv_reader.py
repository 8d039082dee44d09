"""Read a CSV file of numbers row by row, checking every limit while reading.

The file is streamed: its size is checked before the first byte is read, a line longer than
`MAX_LINE` characters is refused when it is met, and reading stops at the first row over
`MAX_ROWS` or the first cell over `MAX_CELLS`, so a huge file costs milliseconds, not the
memory of holding it. The delimiter (`;`, tab or `,`) and the decimal mark (`1.5` or `1,5`,
as spreadsheets write in much of Europe) are sniffed from the first rows. Rows in messages are
counted from 1 as a spreadsheet shows them (a quoted cell holding a line break is one row).
Only text is parsed: never eval, never pickle.
"""
from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.errors import DatasetError

FIELD = "data.csv_path"
ALLOWED = "a CSV file of numbers: one row per sample, the target in one column"
MIN_ROWS = 2                   # data rows needed for a train/test split
MAX_ROWS = 100_000             # same bound as data.n_samples
MAX_COLUMNS = 1_000
MAX_CELLS = 10_000_000         # rows × columns: 80 MB of float64 at most
MAX_BYTES = 200 * 2**20        # refused before reading
MAX_LINE = 2**20               # characters in one line of the file
DELIMITERS = (";", "\t", ",")  # tried in this order; the first that splits the rows evenly wins
ENCODINGS = ("utf-8-sig", "cp1252")   # UTF-8 (with or without BOM), then Windows' own
SNIFF_LINES = 50
BLOCK = 4096                   # rows parsed into one NumPy block
COMMA_NUMBER = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d*),\d+([eE][+-]?\d+)?")   # 1,5  1.234,5
DOT_NUMBER = re.compile(r"[+-]?\d*\.\d+([eE][+-]?\d+)?")                        # 1.5  .25
THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")                               # 1.234


class LoadCancelled(Exception):
    """The progress callback asked to stop reading."""


@dataclass(frozen=True, eq=False)
class CsvTable:
    """A CSV file's numbers and how they were written."""

    names: tuple[str, ...]  # one per column: the header's cells, or x1, x2, ... without one
    values: np.ndarray      # (n_rows, n_columns) finite floats
    header: bool            # the first non-blank row held the names
    delimiter: str          # ";", "\t" or ","
    decimal: str            # "." or ","
    encoding: str           # "utf-8-sig" or "cp1252"


def fail(path, detail: str):
    raise DatasetError(FIELD, str(path), ALLOWED, detail)


def read_table(path, header: bool | None = None,
               progress: Callable[[float], bool] | None = None) -> CsvTable:
    """Parse `path` into a CsvTable. header None: a first row with a non-number is a header.
    progress(share read, 0..1) is called every BLOCK rows; returning False stops the reading
    with LoadCancelled."""
    file = Path(path)
    if not file.is_file():
        fail(path, "no such file")
    size = file.stat().st_size
    if size > MAX_BYTES:
        fail(path, f"the file is {size / 2**20:.1f} MB; at most {MAX_BYTES // 2**20} MB")
    for encoding in ENCODINGS:
        try:
            with open(file, encoding=encoding, newline="") as text:
                return _Reader(path, size, header, progress).read(text, encoding)
        except UnicodeDecodeError:
            continue
        except OSError as err:
            fail(path, f"cannot be read ({err.__class__.__name__}: {err.strerror})")
    fail(path, "cannot be read as UTF-8 or Windows-1252 text")


class _LineTooLong(Exception):
    pass


class _Reader:
    """One pass over an open text file: sniff, then parse rows into NumPy blocks."""

    def __init__(self, path, size: int, header: bool | None, progress):
        self.path, self.size, self.header, self.progress = path, max(size, 1), header, progress
        self.chars = 0                  # characters read so far, for the progress share
        self.row = 0                    # the last row parsed (1-based, blank rows counted)
        self.lines = 0                  # lines of the file read so far
        self.blocks: list[np.ndarray] = []
        self.row_numbers: list[int] = []

    def read(self, text, encoding: str) -> CsvTable:
        try:
            lines = self._lines(text)
            sample = list(itertools.islice(lines, SNIFF_LINES))
            delimiter = sniff_delimiter(sample)
            decimal = sniff_decimal(sample, delimiter)
            self.to_float = _comma_float if decimal == "," else float
            reader = csv.reader(itertools.chain(sample, lines), delimiter=delimiter, strict=True)
            names, header = self._parse(reader, decimal)
        except _LineTooLong:
            row = self.row + 1 if self.row else self.lines + 1      # still sniffing: lines
            fail(self.path, f"row {row} is longer than {MAX_LINE} characters; "
                            f"a row may have at most {MAX_COLUMNS} columns")
        except csv.Error as err:
            fail(self.path, f"row {self.row + 1}: {err}")
        values = np.concatenate(self.blocks) if self.blocks else np.empty((0, len(names)))
        if not MIN_ROWS <= len(values):
            fail(self.path, f"found {len(values)} data rows; need {MIN_ROWS} to {MAX_ROWS}")
        return CsvTable(names, values, header, delimiter, decimal, encoding)

    def _lines(self, text) -> Iterator[str]:
        while line := text.readline(MAX_LINE + 1):
            if len(line) > MAX_LINE:
                raise _LineTooLong
            self.chars += len(line)
            self.lines += 1
            yield line

    def _parse(self, reader, decimal: str) -> tuple[tuple[str, ...], bool]:
        """Names and header flag; the data rows go into self.blocks."""
        names, header, n_cols = None, self.header, 0
        block, filled = None, 0
        for self.row, cells in enumerate(reader, start=1):
            row = self.row
            if not any(cell.strip() for cell in cells):
                continue
            if names is None:
                names, header, n_cols = self._first(row, cells, header, decimal)
                self.names = names
                if header:
                    continue
            if block is None or filled == len(block):
                block, filled = self._new_block(block, row, n_cols)
            block[filled] = self._numbers(row, cells, names)
            self.row_numbers.append(row)
            filled += 1
        if names is None:
            fail(self.path, "the file is empty")
        if block is not None:
            self._keep(block[:filled])
        return names, header

    def _first(self, row: int, cells: list[str], header, decimal: str):
        n_cols = len(cells)
        if n_cols > MAX_COLUMNS:
            fail(self.path, f"row {row} has {n_cols} columns; at most {MAX_COLUMNS}")
        if n_cols < 2:
            fail(self.path, f"found {n_cols} column; need at least 2 (inputs and a target)")
        if header is None:
            header = not all(is_number(cell, decimal) for cell in cells)
        if header:
            names = tuple(cell.strip() or f"column {j + 1}" for j, cell in enumerate(cells))
        else:
            names = tuple(f"x{j + 1}" for j in range(n_cols))
        return names, header, n_cols

    def _new_block(self, full, row: int, n_cols: int):
        """Keep the full block; refuse a row past the limits; report progress."""
        if full is not None:
            self._keep(full)
        n_rows = len(self.row_numbers)
        if n_rows >= MAX_ROWS:
            fail(self.path, f"more than {MAX_ROWS} data rows (reading stopped at row {row}); "
                            f"need {MIN_ROWS} to {MAX_ROWS}")
        if (n_rows + 1) * n_cols > MAX_CELLS:
            fail(self.path, f"more than {MAX_CELLS} numbers (rows × columns; reading stopped "
                            f"at row {row}); use fewer rows or columns")
        if self.progress is not None and self.progress(min(self.chars / self.size, 1.0)) is False:
            raise LoadCancelled
        rows = min(BLOCK, MAX_ROWS - n_rows, MAX_CELLS // n_cols - n_rows)
        return np.empty((rows, n_cols)), 0

    def _keep(self, block: np.ndarray) -> None:
        """Check a parsed block's numbers are finite, then keep it."""
        bad = np.argwhere(~np.isfinite(block))
        if len(bad):
            i, j = bad[0]
            row = self.row_numbers[sum(map(len, self.blocks)) + i]
            fail(self.path, f"row {row}, column {j + 1} ({self.names[j]!r}): {block[i, j]} "
                            "is not a finite number (NaN/inf)")
        self.blocks.append(block)

    def _numbers(self, row: int, cells: list[str], names) -> list[float]:
        if len(cells) != len(names):
            fail(self.path, f"row {row} has {len(cells)} columns; expected {len(names)}")
        try:
            return [self.to_float(cell) for cell in cells]
        except ValueError:
            pass
        for j, cell in enumerate(cells):
            try:
                self.to_float(cell)
            except ValueError:
                where = f"row {row}, column {j + 1} ({names[j]!r})"
                shown = repr(cell.strip()) if cell.strip() else "an empty cell"
                hint = _mark_hint(cell, self.to_float is _comma_float)
                fail(self.path, f"{where}: {shown} is not a number{hint}")
        raise AssertionError("unreachable: some cell failed to parse")


def sniff_delimiter(lines: list[str]) -> str:
    """The first of DELIMITERS that splits every sampled row into the same number (≥ 2) of
    cells; else the one giving the first row the most cells (a comma when none splits it)."""
    widths = {}
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        counts = {len(r) for r in rows}
        if len(counts) == 1 and min(counts) >= 2:
            return delimiter
        widths[delimiter] = len(rows[0]) if rows else 0
    best = max(widths, key=widths.get, default=",")
    return best if widths.get(best, 0) >= 2 else ","


def sniff_decimal(lines: list[str], delimiter: str) -> str:
    """"," when a sampled cell reads 1,5 and none reads 1.5 (1.234 may group thousands)."""
    commas = dots = 0
    try:
        for cells in csv.reader(lines, delimiter=delimiter):
            for cell in map(str.strip, cells):
                commas += bool(COMMA_NUMBER.fullmatch(cell))
                dots += bool(DOT_NUMBER.fullmatch(cell)) and not THOUSANDS.fullmatch(cell)
    except csv.Error:
        pass
    return "," if commas and not dots else "."


def _mark_hint(cell: str, comma: bool) -> str:
    """Why a cell with the other decimal mark is refused ("" when that is not the reason)."""
    if comma and "." in cell:
        return " (this file writes decimals with a comma, e.g. 1,5)"
    if not comma and "," in cell:
        return " (this file writes decimals with a dot, e.g. 1.5)"
    return ""


def _comma_float(cell: str) -> float:
    """A decimal-comma number: "1,5" -> 1.5, "1.234,5" -> 1234.5; "1.5" is refused."""
    cell = cell.strip()
    if "." in cell:
        whole, _, _ = cell.partition(",")
        if not THOUSANDS.fullmatch(whole):
            raise ValueError(cell)
        cell = cell.replace(".", "")
    return float(cell.replace(",", "."))


def is_number(cell: str, decimal: str = ".") -> bool:
    """Whether a cell reads as a number (NaN and inf included) with this decimal mark."""
    try:
        (_comma_float if decimal == "," else float)(cell)
    except ValueError:
        return False
    return True
