"""Tests for engine.csv_loader: target column, task guessed or chosen, the kept last table."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from engine.csv_loader import check_task, guess_task, load_csv_dataset, load_table, split_target
from engine.datasets import make_dataset
from engine.errors import DatasetError


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def data_cfg(path, **kw):
    fields = dict(dataset="csv", csv_path=str(path), target_column=None, csv_task="auto",
                  n_samples=200, noise=0.0, train_fraction=1.0, seed=0, features=("x1",),
                  params={})
    return SimpleNamespace(**{**fields, **kw})


@pytest.mark.parametrize(("target", "task"), [
    ([1, 2, 2, 1], "binary"),            # labels 1/2 are two classes
    ([0, 1, 1], "binary"),
    ([-1, 1, -1], "binary"),
    ([7, 3, 5, 3], "multiclass"),
    (list(range(10)), "multiclass"),
    (list(range(11)), "regression"),     # eleven whole numbers: a count, not classes
    ([0.5, 1.5], "regression"),
])
def test_guess_task(target, task):
    assert guess_task(np.array(target, dtype=float)) == task


def test_labels_one_and_two_train_as_two_classes_zero_and_one(tmp_path):
    path = write(tmp_path, "a,b,label\n" + "".join(f"{i},{i % 3},{1 + i % 2}\n"
                                                     for i in range(6)))
    raw, y, task, names, target_name = load_csv_dataset(data_cfg(path, csv_task="binary"))
    assert task == "binary" and names == ["a", "b"] and target_name == "label"
    np.testing.assert_array_equal(y[:, 0], [0, 1, 0, 1, 0, 1])
    assert make_dataset(data_cfg(path)).task == "binary"              # the guess agrees


def test_target_column_chosen_by_name_in_a_semicolon_file(tmp_path):
    path = write(tmp_path, "Preis;Fläche;Zimmer\n100,5;20,25;1\n200;40,5;2\n300;60;3\n")
    ds = make_dataset(data_cfg(path, target_column="Preis", csv_task="regression"))
    assert ds.axes == ("Fläche", "Zimmer") and ds.feature_names == ("Fläche", "Zimmer")
    assert sorted(ds.y_train[:, 0]) == [100.5, 200.0, 300.0]
    one_input = make_dataset(data_cfg(path, target_column=2))
    assert one_input.task == "multiclass" and one_input.n_classes == 3


def test_a_class_task_needs_the_right_number_of_distinct_values():
    target = np.arange(12, dtype=float)
    with pytest.raises(DatasetError, match="2 to 10 distinct values.*found 12") as err:
        check_task(target, "multiclass")
    assert err.value.field == "data.csv_task"
    task, classes = check_task(np.array([2.0, 1.0, 2.0]), "binary")
    assert task == "binary" and classes.tolist() == [1.0, 2.0]


def test_split_target_without_header_names_inputs_x1_and_target_y(tmp_path):
    table = load_table(write(tmp_path, "1,2,3\n4,5,6\n"))
    x, y, names, target_name = split_target(table, 0, "data.csv")
    np.testing.assert_array_equal(x, [[2, 3], [5, 6]])
    assert y.tolist() == [1, 4] and names == ["x1", "x2"] and target_name == "y"


def test_the_last_table_is_kept_until_the_file_changes(tmp_path):
    path = write(tmp_path, "a,b\n1,2\n3,4\n")
    first = load_table(path)
    assert load_table(path) is first
    calls = []
    assert load_table(path, progress=calls.append) is first and calls == []   # not read again
    path.write_text("a,b\n1,2\n3,4\n5,6\n")
    assert load_table(path).values.shape == (3, 2)
    assert load_table(path, header=True) is not load_table(path)              # header differs
