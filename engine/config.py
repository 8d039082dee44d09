"""RunConfig: everything that defines a run, as dataclasses with validation and JSON.

`validate()` raises one ConfigError naming the field, the value and what is allowed.
Dotted overrides ("optimizer.lr=0.1", "model.hidden=[8,8]", "optimizer.momentum=0.9") are
how the CLI and the presets adjust a config; values are read as literals, never eval'd.
"""
from __future__ import annotations

import ast
import json
import math
import sys
from dataclasses import asdict, dataclass, field, fields

from engine import datasets, losses, optimizers, schedules
from engine.errors import ConfigError
from engine.hyper import defaults, validate_all
from engine.model_specs import ModelConfig, validate_model

CONFIG_VERSION = 1


@dataclass(frozen=True)
class DataConfig:
    """Which data set, how many points, how noisy, how split; or a CSV file."""

    dataset: str = "spiral"
    n_samples: int = 200
    noise: float = 0.0
    train_fraction: float = 0.5
    seed: int = 0
    features: tuple[str, ...] = ("x1", "x2")
    params: dict = field(default_factory=dict)   # the data set's own parameters (n_classes)
    csv_path: str | None = None
    target_column: str | int | None = None
    csv_task: str = "auto"


@dataclass(frozen=True)
class LossConfig:
    name: str = "bce"
    params: dict = field(default_factory=dict)   # the loss's own parameters (Huber: delta)


def _params_of_loss(name, params):
    """The params that loss `name` has (Huber → MSE drops delta); unknown names keep all."""
    cls = losses.REGISTRY.get(name) if isinstance(name, str) else None
    if cls is None or not isinstance(params, dict):
        return params
    return {k: v for k, v in params.items() if k in {s.name for s in cls.specs}}


def migrate_loss(section):
    """Files before params wrote "delta" beside the name, for every loss: it moves into
    params where the loss has it (Huber) and is dropped for the others."""
    if not isinstance(section, dict) or "delta" not in section:
        return section
    section = dict(section)
    delta, params = section.pop("delta"), section.get("params", {})
    if isinstance(params, dict):
        section["params"] = _params_of_loss(section.get("name", LossConfig.name),
                                            {"delta": delta, **params})
    return section


def _as_read_back(params):
    """Pairs as lists, as JSON gives them back: a config equals itself read back from JSON
    (and a message shows a pair as the file wrote it); the specs make them tuples."""
    if not isinstance(params, dict):
        return params
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


@dataclass(frozen=True)
class OptimizerConfig:
    name: str = "adam"
    lr: float = 0.01
    params: dict = field(default_factory=dict)   # any other hyper-parameter, PyTorch names

    def __post_init__(self):
        object.__setattr__(self, "params", _as_read_back(self.params))


@dataclass(frozen=True)
class ScheduleConfig:
    name: str = "constant"
    params: dict = field(default_factory=dict)
    warmup_steps: int = 0


@dataclass(frozen=True)
class TrainingConfig:
    batch_size: int | str = 10      # n, or "all" for batch gradient descent
    seed: int = 0                   # weight initialisation and batch shuffling
    eval_every: int = 10            # full train/test evaluation every this many steps


SECTIONS = {"data": DataConfig, "model": ModelConfig, "loss": LossConfig,
            "optimizer": OptimizerConfig, "schedule": ScheduleConfig,
            "training": TrainingConfig}


@dataclass(frozen=True)
class RunConfig:
    """A whole experiment: data, model, loss, optimizer, schedule and training."""

    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    loss: LossConfig = field(default_factory=LossConfig)
    optimizer: OptimizerConfig = field(default_factory=OptimizerConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    version: int = CONFIG_VERSION

    # ---- JSON ----
    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    @classmethod
    def from_dict(cls, d: dict) -> RunConfig:
        """Build and validate from a dict; unknown sections or keys are errors."""
        if not isinstance(d, dict):
            raise ConfigError("config", type(d).__name__, "a JSON object")
        version = d.get("version", CONFIG_VERSION)
        if not _is_int(version) or version != CONFIG_VERSION:   # true == 1, but is no version
            raise ConfigError("version", version, f"version {CONFIG_VERSION}")
        parts = {}
        for key, value in d.items():
            if key == "version":
                continue
            if key not in SECTIONS:
                raise ConfigError(key, value, "a section: " + ", ".join(SECTIONS))
            parts[key] = _section(key, value)
        config = cls(**parts)
        config.validate()
        return config

    @classmethod
    def from_json(cls, text: str) -> RunConfig:
        try:
            d = json.loads(text)
        except json.JSONDecodeError as e:
            raise ConfigError("config", f"line {e.lineno}", f"valid JSON ({e.msg})") from None
        except RecursionError:
            raise ConfigError("config", "nesting", "valid JSON nested less deeply") from None
        return cls.from_dict(d)

    # ---- overrides ----
    def with_overrides(self, overrides: dict) -> RunConfig:
        """A validated copy with dotted keys replaced: {"optimizer.lr": 0.1}."""
        d = self.to_dict()
        for key, value in overrides.items():
            _apply(d, key, value)
        return RunConfig.from_dict(d)

    def validate(self, task: str | None = None) -> RunConfig:
        """Raise ConfigError for the first value that is not allowed; return self."""
        _validate_data(self.data)
        validate_model(self.model)
        _validate_loss(self.loss, task or _task_of(self.data))
        _validate_optimizer(self.optimizer)
        _validate_schedule(self.schedule)
        _validate_training(self.training)
        return self


def parse_override(text: str) -> tuple[str, object]:
    """'optimizer.lr=0.1' -> ("optimizer.lr", 0.1); values are Python/JSON literals."""
    if "=" not in text:
        raise ConfigError("--set", text, "KEY=VALUE, e.g. optimizer.lr=0.1")
    key, raw = text.split("=", 1)
    raw = raw.strip()
    lowered = {"true": True, "false": False, "null": None, "none": None}
    if raw.lower() in lowered:
        return key.strip(), lowered[raw.lower()]
    try:
        return key.strip(), ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return key.strip(), raw          # a bare word, e.g. optimizer.name=adam


def _section(name: str, value) -> object:
    cls = SECTIONS[name]
    if name == "loss":
        value = migrate_loss(value)
    if not isinstance(value, dict):
        raise ConfigError(name, value, "an object with fields " + ", ".join(_names(cls)))
    if name == "data":
        value = _migrate_data(value)
    unknown = set(value) - set(_names(cls))
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"{name}.{key}", value[key],
                          "unknown field; one of: " + ", ".join(_names(cls)))
    value = dict(value)
    for key in ("hidden", "features"):
        if isinstance(value.get(key), list):
            value[key] = tuple(value[key])
    return cls(**value)


def _migrate_data(value: dict) -> dict:
    """Configs before data.params wrote n_classes beside the common fields (for every data
    set): it moves into params where the data set takes it, and is dropped elsewhere."""
    if "n_classes" not in value:
        return value
    value = dict(value)
    n_classes = value.pop("n_classes")
    spec = datasets.GENERATORS.get(value.get("dataset", DataConfig.dataset))
    if spec is not None and any(p.name == "n_classes" for p in spec.specs):
        value["params"] = {"n_classes": n_classes, **value.get("params", {})}
    return value


def _names(cls) -> list[str]:
    return [f.name for f in fields(cls)]


def _apply(d: dict, key: str, value) -> None:
    parts = key.split(".")
    if len(parts) != 2 or parts[0] not in SECTIONS:
        raise ConfigError(key, value, "SECTION.FIELD with SECTION one of: " + ", ".join(SECTIONS))
    section, name = parts
    target = d[section]
    if key == "loss.name":
        target["params"] = _params_of_loss(value, target.get("params", {}))
    if (section, name) == ("data", "dataset"):
        target["params"] = _params_kept(target.get("params", {}), value)
    if name in target:
        target[name] = value
    elif section in ("loss", "optimizer", "schedule", "data"):
        target["params"] = {**target.get("params", {}), name: value}   # a hyper-parameter
    else:
        raise ConfigError(key, value, "unknown field; one of: " + ", ".join(target))


def _params_kept(params: dict, dataset) -> dict:
    """Choosing another data set keeps only the parameters that data set takes."""
    spec = datasets.GENERATORS.get(dataset) if isinstance(dataset, str) else None
    names = {p.name for p in spec.specs} if spec else set()
    return {k: v for k, v in params.items() if k in names} if isinstance(params, dict) else params


def _task_of(data: DataConfig) -> str | None:
    spec = datasets.GENERATORS.get(data.dataset)
    return spec.task if spec else None


def _require(ok: bool, field_name: str, value, allowed: str) -> None:
    if not ok:
        raise ConfigError(field_name, value, allowed)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v) -> bool:
    """A finite int or float (not a bool); an int too large for a float is not one."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    return abs(v) <= sys.float_info.max if isinstance(v, int) else math.isfinite(v)


def _one_of(field_name: str, value, allowed) -> None:
    _require(isinstance(value, str) and value in allowed, field_name, value,
             "one of: " + ", ".join(allowed))


def _validate_data(c: DataConfig) -> None:
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


def _validate_loss(c: LossConfig, task: str | None) -> None:
    _one_of("loss.name", c.name, losses.REGISTRY)
    cls = losses.REGISTRY[c.name]
    _require(isinstance(c.params, dict), "loss.params", c.params, "an object")
    validate_all(cls.specs, c.params, "loss")
    if task is not None and not cls.fits_task(task):
        raise ConfigError("loss.name", c.name, cls.why_not(task))


def _validate_optimizer(c: OptimizerConfig) -> None:
    cls, preset = optimizers.resolve(c.name)
    _require(isinstance(c.params, dict), "optimizer.params", c.params, "an object")
    _require("lr" not in c.params, "optimizer.params.lr", c.params.get("lr"),
             "set optimizer.lr instead")
    hyper = validate_all(cls.specs, {"lr": c.lr, **preset, **c.params}, "optimizer")
    cls([], **hyper)   # cross-parameter rules (nesterov needs momentum)


def _validate_schedule(c: ScheduleConfig) -> None:
    _one_of("schedule.name", c.name, schedules.REGISTRY)
    _require(isinstance(c.params, dict), "schedule.params", c.params, "an object")
    _require(_is_int(c.warmup_steps) and 0 <= c.warmup_steps <= 10**7,
             "schedule.warmup_steps", c.warmup_steps, "a whole number ≥ 0")
    schedules.make_schedule(c)


def _validate_training(c: TrainingConfig) -> None:
    _require(c.batch_size == "all" or (_is_int(c.batch_size) and c.batch_size >= 1),
             "training.batch_size", c.batch_size, 'a whole number ≥ 1, or "all"')
    _require(_is_int(c.seed) and c.seed >= 0, "training.seed", c.seed, "a whole number ≥ 0")
    _require(_is_int(c.eval_every) and c.eval_every >= 1, "training.eval_every",
             c.eval_every, "a whole number ≥ 1")


def loss_params(loss: LossConfig) -> dict:
    """Every parameter of this loss: its specs' defaults, overridden by loss.params."""
    return {**defaults(losses.REGISTRY[loss.name].specs), **loss.params}


USUAL_LOSS = {"regression": "mse", "binary": "bce", "multiclass": "ce"}


def loss_for_task(task: str, current: str) -> str:
    """`current` if it fits data of `task`, else that task's usual loss (mse, bce, ce)."""
    return current if losses.REGISTRY[current].fits_task(task) else USUAL_LOSS[task]
