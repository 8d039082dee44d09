"""What a variant row of "Compare with…" is made of, without widgets.

Each row chooses an optimizer (the optimizer panel's menu), its lr, the batch size, the loss,
the initialisation, the activation and the schedule — every choice taken from the engine's
registries — plus free "other settings" (KEY=VALUE pairs as in --set). `row_overrides` turns a
row into the dotted overrides of the current run's config that it changes; `quick_fill` gives
the rows a lecturer asks for most; `run_labels` names each run by what differs.
"""
from __future__ import annotations

from engine import losses, optimizers, schedules
from engine.compare import differing_keys, flat_settings, parse_overrides
from engine.errors import ConfigError
from engine.model_specs import MODEL_PARAMS

FIELDS = ("optimizer", "lr", "batch", "loss", "init", "activation", "schedule")
TITLES = {"optimizer": "optimizer", "lr": "lr", "batch": "batch size", "loss": "loss",
          "init": "initialisation", "activation": "activation", "schedule": "schedule"}
LR_SPEC = optimizers.lr_spec(0.01)
BATCH_RULE = 'a whole number ≥ 1, or "all"'
QUICK_FILLS = {"lr": "learning rates ×0.1 / ×1 / ×10", "batch": "batch all / 1 / 32",
               "optimizer": "SGD vs momentum vs Adam"}
LABEL_KEYS = 2          # run 1's label names at most this many settings
_SPEC = {s.name: s for s in MODEL_PARAMS}


def choices(task: str) -> dict[str, list[tuple[str, str]]]:
    """(value, title) of every choice of the fields that are menus; losses fit `task`."""
    return {
        "optimizer": [(label, label) for label, _, _ in optimizers.MENU],
        "loss": [(k, cls.title) for k, cls in losses.REGISTRY.items() if cls.task == task],
        "init": list(zip(_SPEC["init"].choices, _SPEC["init"].titles)),
        "activation": list(zip(_SPEC["activation"].choices, _SPEC["activation"].titles)),
        "schedule": [(k, getattr(cls, "title", k)) for k, cls in schedules.REGISTRY.items()],
    }


def menu_label(optimizer) -> str:
    """The optimizer menu's entry for an OptimizerConfig: the most specific one whose preset
    hyper-parameters all hold ('Momentum' for sgd with momentum 0.9)."""
    cls, preset = optimizers.resolve(optimizer.name)
    params = {**preset, **optimizer.params}
    best, best_size = None, -1
    for label, name, entry in optimizers.MENU:
        fits = optimizers.REGISTRY[name] is cls and all(params.get(k) == v
                                                        for k, v in entry.items())
        if fits and len(entry) > best_size:
            best, best_size = label, len(entry)
    return best or optimizer.name


def row_values(config) -> dict:
    """A config's values as a row shows them (lr and batch size as text)."""
    return {"optimizer": menu_label(config.optimizer), "lr": f"{config.optimizer.lr:g}",
            "batch": str(config.training.batch_size), "loss": config.loss.name,
            "init": config.model.init, "activation": config.model.activation,
            "schedule": config.schedule.name}


def row_overrides(base, values: dict, other: str, run: int) -> dict:
    """The overrides of `base` that a row with `values` and `other` text makes; raises
    ConfigError naming 'run N: FIELD', the value and what is allowed."""
    mine, out = row_values(base), {}
    for name in FIELDS:
        value = values.get(name, mine[name])
        if str(value).strip() != mine[name]:
            out.update(_field_overrides(name, str(value).strip(), run))
    if other.strip():
        out.update(parse_overrides(other.strip(), f"run {run}: other settings"))
    return out


def _field_overrides(name: str, value: str, run: int) -> dict:
    field = f"run {run}: {TITLES[name]}"
    if name == "optimizer":
        entry = next((e for e in optimizers.MENU if e[0] == value), None)
        if entry is None:
            raise ConfigError(field, value, "one of: " + ", ".join(e[0] for e in optimizers.MENU))
        return {"optimizer.name": entry[1], "optimizer.params": dict(entry[2])}
    if name == "lr":
        return {"optimizer.lr": LR_SPEC.validate(_number(value, field), field)}
    if name == "batch":
        return {"training.batch_size": _batch(value, field)}
    section = {"loss": "loss", "schedule": "schedule"}.get(name, "model")
    key = "name" if section != "model" else name
    extra = {"schedule.params": {}} if name == "schedule" else {}
    return {f"{section}.{key}": value, **extra}


def _number(text: str, field: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ConfigError(field, text, LR_SPEC.describe()) from None


def _batch(text: str, field: str):
    if text == "all":
        return "all"
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise ConfigError(field, text, BATCH_RULE)


def quick_fill(kind: str, base) -> list[dict]:
    """The variant rows (field -> value) of a quick fill; the current run is one of the runs
    compared already, so a value it has is not repeated."""
    mine = row_values(base)
    if kind == "lr":
        lr = base.optimizer.lr
        return [{"lr": f"{lr * f:g}"} for f in (0.1, 10.0)]
    if kind == "batch":
        values = ["all", "1", "32"]
        return [{"batch": v} for v in values if v != mine["batch"]]
    if kind == "optimizer":
        return [{"optimizer": v} for v in ("SGD", "Momentum", "Adam") if v != mine["optimizer"]]
    raise ConfigError("quick fill", kind, "one of: " + ", ".join(QUICK_FILLS))


def run_labels(configs) -> list[str]:
    """Each run named by what differs: 'lr=0.01', 'SGD · batch 1'. Run 1 (the current run)
    by its values of every setting that differs (or "current run" when more than
    LABEL_KEYS do); each other run by its values where it differs from run 1."""
    keys = differing_keys(configs)
    flats = [flat_settings(c) for c in configs]
    labels = []
    for k, (config, flat) in enumerate(zip(configs, flats)):
        mine = keys if k == 0 else [key for key in keys if flat.get(key) != flats[0].get(key)]
        if k == 0 and len(_groups(mine)) > LABEL_KEYS:
            labels.append("current run")
            continue
        text = _describe(config, flat, mine)
        labels.append(text or ("run 1" if k == 0 else f"run {k + 1} (= run 1)"))
    return labels


def _groups(keys: list[str]) -> list[str]:
    """The optimizer's name and hyper-parameters count as one setting."""
    return sorted({"optimizer" if _is_optimizer(key) else key for key in keys})


def _is_optimizer(key: str) -> bool:
    return key.startswith("optimizer.") and key != "optimizer.lr"


def _describe(config, flat: dict, keys: list[str]) -> str:
    parts = [menu_label(config.optimizer)] if any(_is_optimizer(k) for k in keys) else []
    parts += [_part(key, flat[key]) for key in keys
              if not _is_optimizer(key) and flat.get(key) is not None]
    return " · ".join(parts)


def _part(key: str, value) -> str:
    """'training.batch_size', 1 -> 'batch 1'; 'optimizer.lr' -> 'lr=0.01'."""
    if key == "training.batch_size":
        return f"batch {value}"
    if key == "optimizer.lr":
        return f"lr={value:g}"
    if key in ("loss.name", "model.activation"):
        return str(value)
    if isinstance(value, list):
        value = "[" + ",".join(map(str, value)) + "]"
    parts = key.split(".")
    name = parts[0] if parts[-1] == "name" else parts[-1]
    return f"{name} {value}" if parts[-1] in ("name", "init") else f"{name}={value}"
