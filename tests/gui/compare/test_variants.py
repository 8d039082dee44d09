"""The rows of Compare with…, without widgets: overrides, quick fills, labels, refusals."""
from __future__ import annotations

import pytest

from engine import losses, optimizers, presets, schedules
from engine.errors import ConfigError
from gui.compare import variants


@pytest.fixture
def base():
    return presets.load("default")     # adam, lr 0.03, batch 10, bce, xavier, tanh, constant


def test_a_row_equal_to_the_current_run_changes_nothing(base):
    assert variants.row_overrides(base, variants.row_values(base), "", 2) == {}


def test_each_field_gives_its_dotted_overrides(base):
    row = {"optimizer": "Momentum", "lr": "0.1", "batch": "all", "loss": "hinge",
           "init": "he", "activation": "relu", "schedule": "cosine"}
    assert variants.row_overrides(base, row, "model.hidden=[4],model.bias=false", 2) == {
        "optimizer.name": "sgd", "optimizer.params": {"momentum": 0.9}, "optimizer.lr": 0.1,
        "training.batch_size": "all", "loss.name": "hinge", "model.init": "he",
        "model.activation": "relu", "schedule.name": "cosine", "schedule.params": {},
        "model.hidden": [4], "model.bias": False}
    config = base.with_overrides(variants.row_overrides(base, row, "", 2))
    assert (config.optimizer.name, config.optimizer.params, config.training.batch_size) == (
        "sgd", {"momentum": 0.9}, "all")


def test_the_menus_come_from_the_registries():
    choices = variants.choices("binary")
    assert [v for v, _ in choices["optimizer"]] == [label for label, _, _ in optimizers.MENU]
    assert [v for v, _ in choices["loss"]] == [k for k, c in losses.REGISTRY.items()
                                               if c.task == "binary"]
    assert [v for v, _ in choices["schedule"]] == list(schedules.REGISTRY)


def test_every_menu_entry_names_itself_back():
    for label, name, preset in optimizers.MENU:
        config = presets.load("default").with_overrides(
            {"optimizer.name": name, "optimizer.params": dict(preset)})
        assert variants.menu_label(config.optimizer) == label


@pytest.mark.parametrize(("row", "other", "message"), [
    ({"lr": "-1"}, "", "run 3: lr = -1.0 is not allowed: a number in (0, 100]"),
    ({"lr": "fast"}, "", "run 3: lr = 'fast' is not allowed: a number in (0, 100]"),
    ({"batch": "0"}, "", "run 3: batch size = '0' is not allowed: a whole number ≥ 1, "
                         'or "all"'),
    ({}, "optimizer.lr", "run 3: other settings = 'optimizer.lr' is not allowed: KEY=VALUE, "
                         "e.g. optimizer.lr=0.1"),
])
def test_a_bad_value_is_named_with_its_run_field_and_what_is_allowed(base, row, other,
                                                                     message):
    with pytest.raises(ConfigError) as err:
        variants.row_overrides(base, {**variants.row_values(base), **row}, other, 3)
    assert str(err.value) == message


def test_quick_fills_do_not_repeat_the_current_run(base):
    assert variants.quick_fill("lr", base) == [{"lr": "0.003"}, {"lr": "0.3"}]
    assert variants.quick_fill("batch", base) == [{"batch": "all"}, {"batch": "1"},
                                                  {"batch": "32"}]
    assert variants.quick_fill("optimizer", base) == [{"optimizer": "SGD"},
                                                      {"optimizer": "Momentum"}]
    sgd_all = base.with_overrides({"optimizer.name": "sgd", "training.batch_size": "all"})
    assert variants.quick_fill("batch", sgd_all) == [{"batch": "1"}, {"batch": "32"}]
    assert variants.quick_fill("optimizer", sgd_all) == [{"optimizer": "Momentum"},
                                                         {"optimizer": "Adam"}]


def test_labels_name_what_differs(base):
    def configs(*overrides):
        return [base.with_overrides(o) for o in overrides]
    assert variants.run_labels(configs({}, {"optimizer.lr": 0.3})) == ["lr=0.03", "lr=0.3"]
    assert variants.run_labels(configs({}, {"training.batch_size": 1, "optimizer.name": "sgd"}
                                       )) == ["Adam · batch 10", "SGD · batch 1"]
    momentum = {"optimizer.name": "sgd", "optimizer.params": {"momentum": 0.9}}
    assert variants.run_labels(configs({"optimizer.name": "sgd"}, momentum)) == [
        "SGD", "Momentum"]
    assert variants.run_labels(configs({}, {})) == ["run 1", "run 2 (= run 1)"]
    mixed = configs({}, {"optimizer.lr": 0.3}, {"training.batch_size": 1},
                    {"model.hidden": [4], "model.activation": "relu"})
    assert variants.run_labels(mixed) == ["current run", "lr=0.3", "batch 1",
                                          "relu · hidden=[4]"]
    assert variants.run_labels(configs({}, {"model.init": "he"})) == ["init xavier",
                                                                      "init he"]
