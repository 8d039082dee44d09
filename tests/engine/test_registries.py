"""Contract tests: every optimizer, loss, schedule and activation the registries hold.

They iterate the registries (no list of names is pinned here), so an entry added in one file
is checked like the others: its specs' defaults validate, a RunConfig using it round-trips
through JSON and trains, and it exports to PyTorch or says why not in one clear message.
"""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from engine import Parameter, datasets, losses, optimizers, presets, schedules
from engine.config import RunConfig
from engine.errors import ConfigError
from engine.export_torch import export_script
from engine.layers import ACTIVATIONS
from engine.trainer import Trainer


def _preset_for(task: str) -> RunConfig:
    """A lesson whose data set is of `task` (regression, binary, multiclass)."""
    for name in presets.names():
        config = presets.load(name)
        spec = datasets.GENERATORS.get(config.data.dataset)
        if spec is not None and spec.task == task:
            return config
    raise AssertionError(f"no preset with {task} data")


def _exports_or_says_why(config: RunConfig, code: str | None, field: str, name: str) -> None:
    """The script names the entry's counterpart, or one ConfigError says it cannot."""
    if code is None:
        with pytest.raises(ConfigError, match=rf"^{field} = {name!r} is not allowed: "
                                              r"not exportable: \S"):
            export_script(config, steps=2)
        return
    script = export_script(config, steps=2)
    compile(script, "exported.py", "exec")
    assert "[0." not in script.split("opt = ")[1].split("\n")[0], "a pair written as a list"
    assert code.split("(")[0] in script, f"{field}={name}: {code!r} not in the script"


def _round_trips_and_trains(config: RunConfig) -> None:
    again = RunConfig.from_json(config.to_json())
    assert again == config and json.loads(again.to_json()) == json.loads(config.to_json())
    record = Trainer(again).run(3)
    assert record.step == 3 and math.isfinite(record.loss)


ENTRIES = [(registry, name) for registry in (optimizers.REGISTRY, losses.REGISTRY,
                                              schedules.REGISTRY) for name in registry]


@pytest.mark.parametrize(("registry", "name"), ENTRIES,
                         ids=[f"{next(iter(r.values())).__mro__[-2].__name__}-{n}"
                              for r, n in ENTRIES])
def test_every_entry_describes_itself_and_its_defaults_validate(registry, name):
    cls = registry[name]
    assert cls.name == name and cls.title and cls.description
    for spec in cls.specs:
        assert spec.help, f"{name}.{spec.name} has no help line"
        assert spec.validate(spec.default) == spec.default, f"{name}.{spec.name} default"
    assert cls.torch.code is not None or cls.torch.why_not


@pytest.mark.parametrize(("label", "name", "preset"), optimizers.MENU,
                         ids=[m[0] for m in optimizers.MENU])
def test_every_optimizer_and_variant_configures_trains_and_exports(label, name, preset):
    cls = optimizers.REGISTRY[name]
    defaults = {s.name: s.default for s in cls.specs if s.name != "lr"}
    config = _preset_for("binary").with_overrides(
        {"optimizer.name": label.lower(), "optimizer.lr": cls.specs[0].default,
         "optimizer.params": {**defaults, **preset}})
    _round_trips_and_trains(config)
    opt = optimizers.create(label.lower(), [Parameter(np.ones(3))])
    assert opt.hyper == {**{s.name: s.default for s in cls.specs}, **preset}
    _exports_or_says_why(config, cls.torch.code, "optimizer.name", label.lower())


@pytest.mark.parametrize("name", list(losses.REGISTRY))
def test_every_loss_configures_trains_and_exports_on_data_of_its_task(name):
    cls = losses.REGISTRY[name]
    config = _preset_for(cls.task).with_overrides(
        {"loss.name": name, **{f"loss.{s.name}": s.default for s in cls.specs}})
    assert config.loss.params == {s.name: s.default for s in cls.specs}
    _round_trips_and_trains(config)
    _exports_or_says_why(config, cls.torch.code, "loss.name", name)


@pytest.mark.parametrize("name", list(losses.REGISTRY))
def test_every_loss_refuses_data_of_another_task_with_its_reason(name):
    cls = losses.REGISTRY[name]
    for task in {spec.task for spec in datasets.GENERATORS.values()} - {cls.task}:
        with pytest.raises(ConfigError) as info:
            _preset_for(task).with_overrides({"loss.name": name})
        assert str(info.value) == f"loss.name = {name!r} is not allowed: {cls.why_not(task)}"


@pytest.mark.parametrize("name", list(schedules.REGISTRY))
def test_every_schedule_configures_trains_and_exports(name):
    cls = schedules.REGISTRY[name]
    config = _preset_for("regression").with_overrides(
        {"schedule.name": name, "schedule.params": {s.name: s.default for s in cls.specs},
         "schedule.warmup_steps": 2})
    _round_trips_and_trains(config)
    sched = schedules.make_schedule(config.schedule)
    assert [sched.lr_at(t, 0.5) for t in (1, 2)] == [0.25, 0.5]     # the warm-up: t/W of γ₀
    _exports_or_says_why(config, cls.torch.code, "schedule.name", name)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_every_activation_configures_trains_and_exports(name):
    act = ACTIVATIONS[name]
    assert act.torch.code is not None or act.torch.why_not
    config = _preset_for("binary").with_overrides({"model.activation": name})
    _round_trips_and_trains(config)
    _exports_or_says_why(config, act.torch.code, "model.activation", name)


def test_an_unknown_name_in_each_registry_lists_what_is_allowed():
    for field, registry in (("optimizer.name", optimizers.REGISTRY),
                            ("loss.name", losses.REGISTRY),
                            ("schedule.name", schedules.REGISTRY)):
        with pytest.raises(ConfigError) as info:
            RunConfig().with_overrides({field: "no-such-entry"})
        message = str(info.value)
        assert message.startswith(f"{field} = 'no-such-entry' is not allowed: one of: ")
        assert all(name in message for name in registry)


@pytest.mark.parametrize("name", list(optimizers.REGISTRY))
def test_every_optimizer_says_what_its_plotted_learning_rate_factor_is(name):
    """Its own note (not a parent's): the effective-LR plot's help shows it."""
    cls = optimizers.REGISTRY[name]
    note = vars(cls).get("lr_factor_note", "")
    assert note.strip() and "γ" in note and len(note) <= 80
    assert "η" in cls.slide_note and "γ" in cls.slide_note      # slides' η is the app's γ
