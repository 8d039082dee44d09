"""The rules of each RunConfig section: one ConfigError naming the field, the value and what
is allowed (engine.config's RunConfig.validate calls these in order)."""
from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING

from engine import datasets, losses, optimizers, schedules
from engine.errors import ConfigError
from engine.hyper import validate_all

if TYPE_CHECKING:
    from engine.config import (
        DataConfig,
        LossConfig,
        OptimizerConfig,
        ScheduleConfig,
        TrainingConfig,
    )


def task_of(data: DataConfig) -> str | None:
    spec = datasets.GENERATORS.get(data.dataset)
    return spec.task if spec else None


def _require(ok: bool, field_name: str, value, allowed: str) -> None:
    if not ok:
        raise ConfigError(field_name, value, allowed)


def is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v) -> bool:
    """A finite int or float (not a bool); an int too large for a float is not one."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    return abs(v) <= sys.float_info.max if isinstance(v, int) else math.isfinite(v)


def _one_of(field_name: str, value, allowed) -> None:
    _require(isinstance(value, str) and value in allowed, field_name, value,
             "one of: " + ", ".join(allowed))


def validate_data(c: DataConfig) -> None:
    _one_of("data.dataset", c.dataset, datasets.DATASET_NAMES)
    for p in datasets.COMMON_PARAMS:
        p.validate(getattr(c, p.name), f"data.{p.name}")
    _require(isinstance(c.features, tuple) and len(c.features) > 0, "data.features",
             c.features, "a non-empty list of: " + ", ".join(datasets.FEATURES))
    for f in c.features:
        _one_of("data.features", f, datasets.FEATURES)
    spec = datasets.GENERATORS.get(c.dataset)
    if spec is not None:
        spec.noise_param().validate(c.noise, "data.noise")
        datasets.dataset_params(spec, c.params)
    else:
        _require(c.params == {}, "data.params", c.params, "no parameters for a CSV file")
    _one_of("data.csv_task", c.csv_task, ("auto", "regression", "binary", "multiclass"))
    if c.dataset == "csv":
        _require(isinstance(c.csv_path, str) and c.csv_path != "", "data.csv_path",
                 c.csv_path, "the path of a CSV file when data.dataset is csv")


def validate_loss(c: LossConfig, task: str | None) -> None:
    _one_of("loss.name", c.name, losses.REGISTRY)
    cls = losses.REGISTRY[c.name]
    _require(isinstance(c.params, dict), "loss.params", c.params, "an object")
    validate_all(cls.specs, c.params, "loss")
    if task is not None and not cls.fits_task(task):
        raise ConfigError("loss.name", c.name, cls.why_not(task))


def validate_optimizer(c: OptimizerConfig) -> None:
    cls, preset = optimizers.resolve(c.name)
    _require(isinstance(c.params, dict), "optimizer.params", c.params, "an object")
    _require("lr" not in c.params, "optimizer.params.lr", c.params.get("lr"),
             "set optimizer.lr instead")
    hyper = validate_all(cls.specs, {"lr": c.lr, **preset, **c.params}, "optimizer")
    cls([], **hyper)   # cross-parameter rules (nesterov needs momentum)


def validate_schedule(c: ScheduleConfig) -> None:
    _one_of("schedule.name", c.name, schedules.REGISTRY)
    _require(isinstance(c.params, dict), "schedule.params", c.params, "an object")
    _require(is_int(c.warmup_steps) and 0 <= c.warmup_steps <= 10**7,
             "schedule.warmup_steps", c.warmup_steps, "a whole number ≥ 0")
    schedules.make_schedule(c)


def validate_training(c: TrainingConfig) -> None:
    _require(c.batch_size == "all" or (is_int(c.batch_size) and c.batch_size >= 1),
             "training.batch_size", c.batch_size, 'a whole number ≥ 1, or "all"')
    _require(is_int(c.seed) and c.seed >= 0, "training.seed", c.seed, "a whole number ≥ 0")
    _require(is_int(c.eval_every) and c.eval_every >= 1, "training.eval_every",
             c.eval_every, "a whole number ≥ 1")
