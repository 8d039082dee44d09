"""Named configs (the lessons), loaded from resources/presets/NAME.json."""
from __future__ import annotations

import json
from dataclasses import dataclass

from engine.config import RunConfig
from engine.errors import ConfigError
from engine.resources import resource_path


@dataclass(frozen=True)
class Variant:
    """One run of a comparison lesson: its legend label and the preset's settings it changes."""

    label: str         # e.g. "batch 1 (stochastic)"
    overrides: dict    # dotted keys as in --set / RunConfig.with_overrides; {} = the preset


@dataclass(frozen=True)
class PresetInfo:
    """What the Lessons menu shows of a preset."""

    name: str          # file name without .json, e.g. "miles-to-km"
    title: str         # menu text
    description: str   # one line
    lesson: str        # caption: what to look at and what to try
    order: int         # position in the menu (the lecture's order)
    speed: float | None = None   # steps per second its phenomenon is watched at; None: max
    compare: str = ""  # comparison group: a run of the same group stays as the ghost
    variants: tuple = ()   # Variant per run when the lesson is a side-by-side comparison


MAX_COMPARED = 6    # runs side by side at most (one core each, as long as there are cores)


def _folder():
    return resource_path("presets")


def names() -> list[str]:
    """Every preset, in the lecture's order."""
    return [p.name for p in sorted((info(n) for n in _file_names()), key=lambda p: p.order)]


def _file_names() -> list[str]:
    return sorted(p.stem for p in _folder().glob("*.json"))


def _read(name: str) -> dict:
    path = _folder() / f"{name}.json"
    if not path.is_file():
        raise ConfigError("preset", name, "one of: " + ", ".join(_file_names()))
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ConfigError("preset", name,
                          f"valid JSON in {path} ({e.msg}, line {e.lineno})") from None


def info(name: str) -> PresetInfo:
    d = _read(name)
    return PresetInfo(name, d.get("title", name), d.get("description", ""),
                      d.get("lesson", ""), int(d.get("order", 999)), _speed(name, d),
                      str(d.get("compare", "")), _variants(name, d))


def _variants(name: str, d: dict) -> tuple:
    """The lesson's "compare_runs": [{"label": ..., "set": {KEY: VALUE}}, ...] (2 to 6 runs),
    each checked by applying it to the preset's config."""
    runs = d.get("compare_runs", [])
    field = f"preset {name}: compare_runs"
    if not isinstance(runs, list) or (runs and not 2 <= len(runs) <= MAX_COMPARED):
        raise ConfigError(field, runs, f"a list of 2 to {MAX_COMPARED} runs")
    base = RunConfig.from_dict(d.get("config", {})) if runs else None
    variants = []
    for k, run in enumerate(runs):
        if not (isinstance(run, dict) and isinstance(run.get("label"), str)
                and isinstance(run.get("set", {}), dict)):
            raise ConfigError(f"{field}[{k}]", run,
                              '{"label": "text", "set": {"optimizer.lr": 0.1, ...}}')
        base.with_overrides(run.get("set", {}))           # raises naming the bad key/value
        variants.append(Variant(run["label"], dict(run.get("set", {}))))
    return tuple(variants)


def _speed(name: str, d: dict) -> float | None:
    """The preset's "speed": steps per second (> 0) or "max" (as fast as possible)."""
    speed = d.get("speed", "max")
    if speed == "max":
        return None
    if isinstance(speed, bool) or not isinstance(speed, (int, float)) or not speed > 0:
        raise ConfigError(f"preset {name}: speed", speed,
                          'a number of steps per second > 0, or "max"')
    return float(speed)


def load(name: str) -> RunConfig:
    """The RunConfig of preset `name` (validated)."""
    return RunConfig.from_dict(_read(name).get("config", {}))


def compared(a: str, b: str) -> bool:
    """Preset b's run is meant to be compared with preset a's (the same "compare" group)."""
    if not a or not b:
        return False
    group = info(a).compare
    return bool(group) and group == info(b).compare
