"""History: every step kept, consistent snapshots, CSV export, bounded memory."""
import csv

import numpy as np
import pytest

from engine.errors import ConfigError
from engine.history import History
from engine.trainer import EvalRecord, StepRecord


def record(step, loss=0.5, ev=None, layers=3):
    v = np.full(layers, 0.1 * step)
    return StepRecord(step, step / 10, 0.01, loss, v, v, v / 2, v * 2, ev)


def test_append_and_snapshot_keep_every_step_in_order():
    h = History(3, capacity=4)
    for s in range(1, 11):
        h.append(record(s, loss=1.0 / s, ev=EvalRecord(1.0, 2.0, 0.5, 0.25) if s % 5 == 0
                        else None))
    view = h.snapshot()
    assert view.n == 10 and view.step.tolist() == list(range(1, 11))
    np.testing.assert_allclose(view.columns["loss"], 1.0 / np.arange(1, 11), rtol=1e-6)
    assert view.columns["grad_norm"].shape == (10, 3)
    assert view.evals["step"].tolist() == [5.0, 10.0]
    assert view.evals["test_acc"].tolist() == [0.25, 0.25]


def test_old_snapshot_stays_valid_after_growth():
    h = History(1, capacity=2)
    h.append(record(1, layers=1))
    old = h.snapshot()
    for s in range(2, 50):
        h.append(record(s, layers=1))
    assert old.n == 1 and old.columns["loss"].tolist() == [0.5] and len(h) == 49


def test_divergent_values_are_stored_as_inf_without_warnings(recwarn):
    h = History(1)
    h.append(StepRecord(1, 0.1, 0.1, 1e300, np.array([1e300]), np.ones(1), np.ones(1),
                        np.ones(1), None))
    assert h.column("loss")[0] == np.inf and h.column("grad_norm")[0, 0] == np.inf
    assert len(recwarn) == 0


def test_csv_has_one_row_per_step_and_one_column_per_metric_and_layer(tmp_path):
    h = History(2)
    for s in range(1, 4):
        h.append(record(s, layers=2,
                        ev=EvalRecord(0.9, 1.1, 0.75, 0.5, 2.25) if s == 2 else None))
    h.to_csv(tmp_path / "h.csv")
    rows = list(csv.reader(open(tmp_path / "h.csv")))
    assert rows[0][:6] == ["step", "epoch", "lr", "loss", "grad_norm_layer0",
                           "grad_norm_layer1"]
    assert rows[0][-5:] == ["train_loss", "test_loss", "train_acc", "test_acc", "penalty"]
    assert len(rows) == 4 and rows[2][-5:] == ["0.9", "1.1", "0.75", "0.5", "2.25"]
    assert rows[1][-5:] == ["", "", "", "", ""] and rows[3][0] == "3"


def test_a_saved_history_without_the_penalty_column_opens_with_zero_penalties():
    h = History(1)
    for s in range(1, 4):
        h.append(record(s, layers=1, ev=EvalRecord(0.9, 1.1, 0.75, 0.5, 2.25)))
    arrays = h.to_arrays()
    assert arrays["eval.penalty"].tolist() == [2.25, 2.25, 2.25]
    del arrays["eval.penalty"]                      # as written before the column existed
    back = History.from_arrays(1, arrays)
    assert back.eval_columns()["penalty"].tolist() == [0.0, 0.0, 0.0]
    assert back.eval_columns()["train_loss"].tolist() == [0.9, 0.9, 0.9]


def test_a_million_steps_of_a_three_layer_network_fit_in_64_mb():
    h = History(3)
    r = record(1)
    for _ in range(1_000_000):
        h.append(r)
    assert len(h) == 1_000_000
    assert h.nbytes() <= 64 * 2**20


def test_huge_effective_learning_rates_are_stored_without_warnings(recwarn):
    h = History(1)
    big = np.array([1e300])
    h.append(StepRecord(1, 0.1, 0.1, 0.5, np.ones(1), big, big, big, None))
    assert h.column("lr_max")[0] == np.inf and len(recwarn) == 0


def test_to_arrays_and_from_arrays_give_back_every_row_bit_for_bit():
    h = History(n_layers=2, capacity=2)
    for t in range(1, 6):
        ev = EvalRecord(0.1 * t, float("nan"), 0.5, float("nan")) if t % 2 else None
        h.append(StepRecord(t, t / 3, 0.01 * t, 1.0 / t, np.array([t, 2.0 * t]),
                            np.array([0.1, 0.2]), np.array([0.0, 0.1]), np.array([0.3, 0.4]), ev))
    arrays = h.to_arrays()
    assert arrays["step.loss"].dtype == np.float32 and arrays["step.grad_norm"].shape == (5, 2)
    assert arrays["eval.step"].tolist() == [1.0, 3.0, 5.0]
    back = History.from_arrays(2, arrays)
    assert len(back) == 5
    again = back.to_arrays()
    assert all(np.array_equal(arrays[k], again[k], equal_nan=True) for k in arrays)
    back.extend(arrays)                     # append the same rows once more
    assert len(back) == 10 and back.eval_columns()["step"].tolist() == [1, 3, 5, 1, 3, 5]


def test_from_arrays_names_a_column_of_the_wrong_shape():
    h = History(n_layers=2)
    arrays = {**h.to_arrays(), "step.lr_min": np.zeros((0, 3), np.float32)}
    with pytest.raises(ConfigError, match=r"history step.lr_min = \(0, 3\) is not allowed: "
                                          r"shape \(0, 2\)"):
        History.from_arrays(2, arrays)


def test_snapshot_steps_are_1_to_n_and_read_only_views_of_one_array():
    from engine.history import step_numbers
    a, b = step_numbers(5), step_numbers(3000)
    assert a.tolist() == [1, 2, 3, 4, 5] and b[-1] == 3000 and len(b) == 3000
    assert step_numbers(7).base is step_numbers(2000).base     # no new array per frame
    with pytest.raises(ValueError):
        b[0] = 9
