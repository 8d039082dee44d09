"""Side-by-side runs: shared data and initial weights, determinism, what differs."""
import numpy as np
import pytest

from engine import presets
from engine.compare import MAX_RUNS, Comparison, parse_overrides
from engine.errors import ConfigError

BASE = presets.load("default")            # spiral, [8, 8] tanh, Adam lr 0.03, batch 10


def weights(trainer):
    return trainer.network.state_dict()


def same_weights(a, b) -> bool:
    wa, wb = weights(a), weights(b)
    return wa.keys() == wb.keys() and all(np.array_equal(wa[k], wb[k]) for k in wa)


def same_history(a, b) -> bool:
    ha, hb = a.history.to_arrays(), b.history.to_arrays()
    return all(np.array_equal(ha[k], hb[k], equal_nan=True) for k in ha)


@pytest.mark.parametrize(("text", "expected"), [
    ("optimizer.lr=0.1", {"optimizer.lr": 0.1}),
    ("optimizer.lr=0.1,model.hidden=[8,8]", {"optimizer.lr": 0.1, "model.hidden": [8, 8]}),
    ("optimizer.name=adam, optimizer.betas=(0.9,0.99)",
     {"optimizer.name": "adam", "optimizer.betas": (0.9, 0.99)}),
    ("training.batch_size=all,data.features=['x1','x2']",
     {"training.batch_size": "all", "data.features": ["x1", "x2"]}),
])
def test_parse_overrides_splits_at_commas_outside_brackets(text, expected):
    assert parse_overrides(text) == expected


@pytest.mark.parametrize("text", ["", "optimizer.lr=0.1,", "model.hidden=[8,8", "lr",
                                  "optimizer.lr=0.1,,training.seed=1"])
def test_parse_overrides_refuses_with_the_text_named(text):
    with pytest.raises(ConfigError) as info:
        parse_overrides(text)
    assert info.value.field == "--compare" and "KEY=VALUE" in info.value.allowed


def test_two_equal_runs_give_identical_curves_and_every_run_starts_from_run_1s_weights():
    comparison = Comparison(BASE, [{}, {}, {"optimizer.lr": 0.01}, {"training.seed": 5},
                                   {"optimizer.name": "sgd", "training.batch_size": "all"}])
    first = comparison.trainers[0]
    assert comparison.shared_start == [True] * 5
    assert all(same_weights(first, t) for t in comparison.trainers)
    assert all(t.dataset is first.dataset for t in comparison.trainers)
    comparison.run(300)
    assert [t.step_count for t in comparison.trainers] == [300] * 5
    assert same_history(first, comparison.trainers[1]) and same_weights(first,
                                                                       comparison.trainers[1])
    assert not np.array_equal(first.history.column("loss"),
                              comparison.trainers[3].history.column("loss"))  # batch order


def test_another_shape_or_initialisation_keeps_its_own_weights():
    comparison = Comparison(BASE, [{}, {"model.hidden": [4]}, {"model.init": "zeros"},
                                   {"model.activation": "relu"}])
    assert comparison.shared_start == [True, False, False, True]
    assert weights(comparison.trainers[1])["layer0.weight"].shape == (4, 4)
    assert not weights(comparison.trainers[2])["layer1.weight"].any()


def test_two_processes_give_the_numbers_of_one():
    specs = [{}, {"optimizer.name": "sgd", "optimizer.momentum": 0.9, "optimizer.lr": 0.1},
             {"training.batch_size": 25}]
    alone = Comparison(BASE, specs)
    alone.run(200)
    with Comparison(BASE, specs) as spread:
        spread.run(120, processes=2)
        spread.run(80, processes=2)
    for a, b in zip(alone.trainers, spread.trainers):
        assert b.step_count == 200 and len(b.history) == 200
        assert same_weights(a, b) and same_history(a, b)


def test_differs_and_labels_name_what_is_not_the_same():
    comparison = Comparison(BASE, [{"optimizer.lr": 0.01},
                                   {"optimizer.name": "sgd", "optimizer.momentum": 0.9},
                                   {"optimizer.lr": 0.01}])
    assert comparison.differs() == ["optimizer.lr", "optimizer.name",
                                    "optimizer.params.momentum"]
    assert comparison.labels() == ["lr=0.01, optimizer=adam", "lr=0.03, optimizer=sgd, "
                                   "momentum=0.9", "lr=0.01, optimizer=adam"]
    assert Comparison(BASE, [{}]).labels() == ["run 1"]


def test_runs_with_other_data_get_their_own_data_set():
    comparison = Comparison(BASE, [{}, {"data.noise": 0.2}, {}])
    a, b, c = comparison.trainers
    assert a.dataset is c.dataset and b.dataset is not a.dataset
    assert comparison.differs() == ["data.noise"]


def test_too_many_runs_or_a_bad_setting_names_what_and_which_run():
    with pytest.raises(ConfigError, match=f"runs = {MAX_RUNS + 1} is not allowed: 1 to "
                                          f"{MAX_RUNS} runs to compare"):
        Comparison(BASE, [{}] * (MAX_RUNS + 1))
    with pytest.raises(ConfigError, match=r"run 2: optimizer.lr = -1 is not allowed"):
        Comparison(BASE, [{}, {"optimizer.lr": -1}])


def test_a_diverging_run_stops_and_the_others_go_on():
    comparison = Comparison(BASE, [{}, {"optimizer.name": "sgd", "optimizer.lr": 100.0,
                                        "model.activation": "relu", "loss.name": "hinge"}])
    comparison.run(400)
    good, bad = comparison.trainers
    assert good.step_count == 400 and not good.divergence
    assert bad.divergence and bad.step_count < 400
    assert comparison.step_count == 400 and not comparison.finished
