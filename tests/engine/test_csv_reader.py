"""Tests for engine.csv_reader: limits checked while reading, sniffed delimiter and decimal."""
from __future__ import annotations

import numpy as np
import pytest

from engine import csv_reader
from engine.csv_reader import (
    MAX_COLUMNS,
    MAX_LINE,
    MAX_ROWS,
    LoadCancelled,
    read_table,
    sniff_decimal,
    sniff_delimiter,
)
from engine.errors import DatasetError


def write(tmp_path, text, name="data.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_semicolons_with_decimal_commas_as_spreadsheets_write_them(tmp_path):
    table = read_table(write(tmp_path, "Länge;Breite\n1,5;2,25\n-0,5;3\n"))
    assert (table.delimiter, table.decimal, table.header) == (";", ",", True)
    assert table.names == ("Länge", "Breite")
    np.testing.assert_array_equal(table.values, [[1.5, 2.25], [-0.5, 3.0]])


def test_tabs_with_decimal_commas_and_quoted_decimal_commas_after_a_comma(tmp_path):
    tabs = read_table(write(tmp_path, "1,5\t2,25\n3\t4,75\n"))
    assert (tabs.delimiter, tabs.decimal, tabs.header) == ("\t", ",", False)
    np.testing.assert_array_equal(tabs.values, [[1.5, 2.25], [3.0, 4.75]])
    quoted = read_table(write(tmp_path, '"1,5","2,25"\n"3","0,125"\n', "q.csv"))
    assert (quoted.delimiter, quoted.decimal) == (",", ",")
    np.testing.assert_array_equal(quoted.values, [[1.5, 2.25], [3.0, 0.125]])


def test_thousands_groups_with_a_decimal_comma(tmp_path):
    table = read_table(write(tmp_path, "a;b\n1.234,5;2\n12.345.678;0,5\n"))
    np.testing.assert_array_equal(table.values, [[1234.5, 2.0], [12345678.0, 0.5]])


def test_a_dot_decimal_in_a_decimal_comma_file_names_row_column_and_the_mark(tmp_path):
    path = write(tmp_path, "a;b\n" + "1,5;2\n" * 60 + "1.5;4\n")    # after the sniffed rows
    with pytest.raises(DatasetError) as err:
        read_table(path)
    assert "row 62, column 1 ('a'): '1.5' is not a number (this file writes decimals with " \
           "a comma, e.g. 1,5)" in str(err.value)
    mixed = write(tmp_path, "a;b\n1.5;2\n2,5;3\n", "mixed.csv")      # both marks: dots win
    with pytest.raises(DatasetError, match=r"row 3, column 1 \('a'\): '2,5' is not a number "
                                           r"\(this file writes decimals with a dot, e.g. 1.5\)"):
        read_table(mixed)


def test_dot_decimals_with_semicolons_stay_dot_decimals(tmp_path):
    table = read_table(write(tmp_path, "x;y\n1.234;2.5\n3;4\n"))
    assert (table.delimiter, table.decimal) == (";", ".")
    np.testing.assert_array_equal(table.values, [[1.234, 2.5], [3.0, 4.0]])


def test_a_quoted_line_break_is_one_cell_that_is_not_a_number_not_twelve(tmp_path):
    path = write(tmp_path, 'a,b\n1,2\n"1\n2",3\n4,5\n')
    with pytest.raises(DatasetError) as err:
        read_table(path)
    assert "row 3, column 1 ('a'): '1\\n2' is not a number" in str(err.value)


def test_rows_after_a_multi_line_cell_are_counted_as_a_spreadsheet_counts_them(tmp_path):
    path = write(tmp_path, '"a\nlong name",b\n1,2\n3,x\n')
    with pytest.raises(DatasetError, match=r"row 3, column 2 \('b'\): 'x' is not a number"):
        read_table(path)


def test_reading_stops_at_the_first_row_over_the_limit(tmp_path):
    path = write(tmp_path, "a,b\n" + "1,2\n" * (3 * MAX_ROWS))
    shares = []
    with pytest.raises(DatasetError) as err:
        read_table(path, progress=shares.append)
    assert f"more than {MAX_ROWS} data rows (reading stopped at row {MAX_ROWS + 2}); " \
           f"need 2 to {MAX_ROWS}" in str(err.value)
    assert len(shares) == 25 and shares[-1] == pytest.approx(0.328, abs=0.002)  # a third read


def test_exactly_the_row_limit_is_accepted(tmp_path):
    table = read_table(write(tmp_path, "1,2\n" * MAX_ROWS))
    assert table.values.shape == (MAX_ROWS, 2) and table.values.sum() == 3 * MAX_ROWS


def test_columns_are_capped_with_a_message_naming_the_limit(tmp_path):
    wide = ",".join(["1"] * (MAX_COLUMNS + 1))
    with pytest.raises(DatasetError, match=f"row 1 has {MAX_COLUMNS + 1} columns; "
                                           f"at most {MAX_COLUMNS}"):
        read_table(write(tmp_path, f"{wide}\n{wide}\n"))
    most = ",".join(["2"] * MAX_COLUMNS)
    assert read_table(write(tmp_path, f"{most}\n{most}\n", "ok.csv")).values.shape == (2, 1000)


def test_a_line_longer_than_the_limit_is_refused_when_met(tmp_path):
    path = write(tmp_path, "1,2\n" + "1" * (MAX_LINE + 5) + ",2\n")
    with pytest.raises(DatasetError, match=f"row 2 is longer than {MAX_LINE} characters; "
                                           f"a row may have at most {MAX_COLUMNS} columns"):
        read_table(path)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:                  # sparse: no disk space used
        f.truncate(csv_reader.MAX_BYTES + 1)
    with pytest.raises(DatasetError, match="the file is 200.0 MB; at most 200 MB"):
        read_table(path)


def test_cells_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_reader, "MAX_CELLS", 10)
    with pytest.raises(DatasetError, match=r"more than 10 numbers \(rows × columns; reading "
                                           r"stopped at row 7\)"):
        read_table(write(tmp_path, "a,b\n" + "1,2\n" * 6))
    assert read_table(write(tmp_path, "a,b\n" + "1,2\n" * 5, "ok.csv")).values.shape == (5, 2)


def test_progress_returning_false_cancels(tmp_path):
    path = write(tmp_path, "a,b\n" + "1,2\n" * 20_000)
    shares = []

    def progress(share):
        shares.append(share)
        return len(shares) < 3

    with pytest.raises(LoadCancelled):
        read_table(path, progress=progress)
    assert len(shares) == 3 and shares[0] < shares[1] < shares[2] < 1


def test_windows_1252_text_is_read_when_it_is_not_utf8(tmp_path):
    table = read_table(write(tmp_path, "Größe;Gewicht\n1,5;2\n3;4\n", encoding="cp1252"))
    assert table.names == ("Größe", "Gewicht") and table.encoding == "cp1252"
    np.testing.assert_array_equal(table.values[:, 0], [1.5, 3.0])


def test_bytes_that_are_no_text_get_one_message(tmp_path):
    with pytest.raises(DatasetError, match="cannot be read as UTF-8 or Windows-1252 text"):
        read_table(write(tmp_path, b"1,2\n\x81\x8d,\x90\n"))


def test_bad_quoting_names_the_row(tmp_path):
    with pytest.raises(DatasetError, match="row 3: ',' expected after '\"'"):
        read_table(write(tmp_path, 'a,b\n1,2\n"3"x,4\n'))


@pytest.mark.parametrize(("lines", "delimiter"), [
    (["a,b\n", "1.5,2\n"], ","),
    (["a;b\n", "1,5;2\n"], ";"),
    (["1,5\t2\n", "3\t4,25\n"], "\t"),
    (['"a;b",c\n', "1,2\n"], ","),
    (["x\n", "1\n"], ","),
])
def test_sniff_delimiter(lines, delimiter):
    assert sniff_delimiter(lines) == delimiter


@pytest.mark.parametrize(("lines", "delimiter", "decimal"), [
    (["1,5;2\n"], ";", ","),
    (["1.5;2\n"], ";", "."),
    (["1.234;2,5\n"], ";", ","),        # 1.234 groups thousands next to a decimal comma
    (["1.5;2,5\n"], ";", "."),          # mixed: dots win, 2,5 is then refused by name
    (["a;b\n", "1;2\n"], ";", "."),
])
def test_sniff_decimal(lines, delimiter, decimal):
    assert sniff_decimal(lines, delimiter) == decimal
