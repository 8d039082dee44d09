"""RunConfig: everything that defines a run, as dataclasses with validation and JSON.

`validate()` raises one ConfigError naming the field, the value and what is allowed.
Dotted overrides ("optimizer.lr=0.1", "model.hidden=[8,8]", "optimizer.momentum=0.9") are
how the CLI and the presets adjust a config; values are read as literals, never eval'd.
"""
from __future__ import annotations

import ast
import json
from dataclasses import asdict, dataclass, field, fields

from engine import config_checks, datasets, losses
from engine.errors import ConfigError
from engine.hyper import defaults
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
        # true == 1, but a bool is no version
        if not config_checks.is_int(version) or version != CONFIG_VERSION:
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
        config_checks.validate_data(self.data)
        validate_model(self.model)
        config_checks.validate_loss(self.loss, task or config_checks.task_of(self.data))
        config_checks.validate_optimizer(self.optimizer)
        config_checks.validate_schedule(self.schedule)
        config_checks.validate_training(self.training)
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


def loss_params(loss: LossConfig) -> dict:
    """Every parameter of this loss: its specs' defaults, overridden by loss.params."""
    return {**defaults(losses.REGISTRY[loss.name].specs), **loss.params}


USUAL_LOSS = {"regression": "mse", "binary": "bce", "multiclass": "ce"}


def loss_for_task(task: str, current: str) -> str:
    """`current` if it fits data of `task`, else that task's usual loss (mse, bce, ce)."""
    return current if losses.REGISTRY[current].fits_task(task) else USUAL_LOSS[task]
