"""An experiment saved whole: one `.dlab` file that reopens and continues exactly.

The file is a zip of JSON and NPZ, read with allow_pickle=False:
  experiment.json   format, version, config, the trainer's numbers (step, RNG state as ints,
                    optimizer t and hyper-parameters), the data set's names, the view settings
  weights.npz       layer0.weight, layer0.bias, ...
  optimizer.npz     p{i}.{name} per-parameter state, factor{i} the last step's factors
  dataset.npz       x_train, y_train, x_test, y_test, raw_train, raw_test (points added or
                    removed by hand included)
  history.npz       step.NAME and eval.NAME columns of the History
  batch_order.npz   order: the permutation the next batches are taken from
A file that is not such a zip, comes from a newer version or holds anything that would need
pickle gives one ConfigError naming the file and what is wrong; nothing else changes.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.config import RunConfig
from engine.datasets import Dataset
from engine.errors import ConfigError

FORMAT = "descent-lab-experiment"
FORMAT_VERSION = 1
SUFFIX = ".dlab"
MAX_MEMBER_BYTES = 2 * 1024 ** 3        # a million steps of History is ~60 MB
DATA_ARRAYS = ("x_train", "y_train", "x_test", "y_test", "raw_train", "raw_test")
TASKS = ("regression", "binary", "multiclass")


@dataclass
class Experiment:
    """A reopened experiment: a Trainer ready to continue, and the view settings saved."""

    trainer: object                      # engine.trainer.Trainer
    view: dict = field(default_factory=dict)

    @property
    def config(self) -> RunConfig:
        return self.trainer.config

    @property
    def dataset(self) -> Dataset:
        return self.trainer.dataset


# ---- saving ----------------------------------------------------------------------------------

def save_experiment(path, trainer, view: dict | None = None,
                    field_name: str = "experiment") -> None:
    """Write `trainer` (and the GUI's `view` settings, a JSON-able dict) to `path`."""
    write_experiment(path, ExperimentState.of(trainer), view, field_name)


@dataclass(frozen=True)
class ExperimentState:
    """What a file is written from, taken between two steps (copies): a training thread
    takes it, another thread may write it."""

    config: RunConfig
    dataset: Dataset
    state: dict                          # Trainer.state_dict(), History included

    @classmethod
    def of(cls, trainer) -> ExperimentState:
        return cls(trainer.config, trainer.dataset, trainer.state_dict())


def write_experiment(path, taken: ExperimentState, view: dict | None = None,
                     field_name: str = "experiment") -> None:
    """Write a taken state to `path`. The file is written beside and then moved in, so a
    failed save leaves an older file as it was."""
    state = dict(taken.state)
    optimizer = state.pop("optimizer")
    try:
        header = json.dumps(_header(taken, state, optimizer, view or {}), indent=1)
    except (TypeError, ValueError) as e:
        raise ConfigError("view", view, f"settings of JSON values only ({e})") from None
    members = {
        "experiment.json": header.encode("utf-8"),
        "weights.npz": _npz(state.pop("weights")),
        "optimizer.npz": _npz(_optimizer_arrays(optimizer)),
        "dataset.npz": _npz({name: getattr(taken.dataset, name) for name in DATA_ARRAYS}),
        "history.npz": _npz(state.pop("history")),
        "batch_order.npz": _npz({"order": state.pop("order")}),
    }
    _write_zip(Path(path), members, field_name)


def _write_zip(path: Path, members: dict, field_name: str) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                z.writestr(name, data)
        os.replace(partial, path)
    except OSError as e:
        if partial.is_file():
            partial.unlink()
        raise ConfigError(field_name, str(path), f"a file that can be written ({e.strerror})") \
            from None


def _header(taken: ExperimentState, state: dict, optimizer: dict, view: dict) -> dict:
    ds = taken.dataset
    extra = {k: v for k, v in optimizer.items() if k not in ("state", "factors")}
    return {"format": FORMAT, "version": FORMAT_VERSION, "config": taken.config.to_dict(),
            "trainer": {k: v for k, v in state.items() if k in _TRAINER_NUMBERS},
            "optimizer": extra,
            "dataset": {"task": ds.task, "feature_names": list(ds.feature_names),
                        "name": ds.name, "axes": list(ds.axes)},
            "view": view}


_TRAINER_NUMBERS = ("step_count", "samples_seen", "first_loss", "divergence", "rise",
                    "base_lr", "rng", "cursor")


def _optimizer_arrays(optimizer: dict) -> dict:
    arrays = {f"p{i}.{k}": v for i, s in enumerate(optimizer["state"]) for k, v in s.items()}
    arrays.update({f"factor{i}": np.asarray(f) for i, f in enumerate(optimizer["factors"])})
    return arrays


def _npz(arrays: dict) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


# ---- opening ---------------------------------------------------------------------------------

def load_experiment(path, field_name: str = "experiment") -> Experiment:
    """The experiment in `path`, ready to continue; one ConfigError naming the file and what
    is wrong otherwise."""
    shown = str(path)
    try:
        members = _read_zip(Path(path))
        header = _read_header(members)
        return _rebuild(header, members)
    except ConfigError as e:
        raise ConfigError(field_name, shown, _what_is_wrong(e)) from None


def _what_is_wrong(e: ConfigError) -> str:
    if e.field == "file":
        return e.allowed
    return f"a Descent Lab experiment whose contents fit together ({e})"


def _read_zip(path: Path) -> dict[str, bytes]:
    if not path.is_file():
        raise ConfigError("file", str(path), "an existing .dlab file")
    try:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ConfigError("file", info.filename, "a .dlab file whose parts are "
                                      f"under {MAX_MEMBER_BYTES // 1024 ** 3} GB unpacked")
            return {info.filename: z.read(info) for info in z.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError,
            NotImplementedError) as e:
        raise ConfigError("file", str(path), f"a .dlab file (a zip archive; this one cannot "
                          f"be read as one: {e})") from None
    except OSError as e:
        raise ConfigError("file", str(path), f"a readable file ({e.strerror or e})") from None


def _read_header(members: dict) -> dict:
    missing = [n for n in ("experiment.json", "weights.npz", "optimizer.npz", "dataset.npz",
                           "history.npz", "batch_order.npz") if n not in members]
    if "experiment.json" in missing:
        raise ConfigError("file", "zip", "a Descent Lab experiment (this zip has no "
                          "experiment.json: it was written by something else)")
    try:
        header = json.loads(members["experiment.json"].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise ConfigError("file", "experiment.json", f"a Descent Lab experiment (its "
                          f"experiment.json is not valid JSON: {e})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ConfigError("file", "experiment.json", "a Descent Lab experiment (this zip's "
                          "experiment.json is not one)")
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ConfigError("file", version, "a Descent Lab experiment with a format version")
    if version > FORMAT_VERSION:
        raise ConfigError("file", version, f"an experiment of format version {FORMAT_VERSION} "
                          f"or older (this file has version {version}, from a newer Descent "
                          "Lab: update Descent Lab to open it)")
    if missing:
        raise ConfigError("file", missing[0], f"a complete experiment (it has no {missing[0]})")
    return header


def _arrays(members: dict, name: str) -> dict[str, np.ndarray]:
    """Every array of one NPZ member, refusing any that would need pickle."""
    try:
        npz = np.load(io.BytesIO(members[name]), allow_pickle=False)
        if not isinstance(npz, np.lib.npyio.NpzFile):
            raise ConfigError("file", name, f"an experiment whose {name} is an NPZ archive")
        with npz:
            return {key: npz[key] for key in npz.files}
    except ConfigError:
        raise
    except ValueError as e:
        why = ("it holds Python objects, which would need pickle" if "pickle" in str(e)
               else f"it cannot be read: {e}")
        raise ConfigError("file", name, f"an experiment of plain number arrays ({name}: "
                          f"{why})") from None
    except (OSError, EOFError, zipfile.BadZipFile) as e:
        raise ConfigError("file", name, f"an experiment whose {name} is an NPZ file ({e})") \
            from None


def _rebuild(header: dict, members: dict) -> Experiment:
    from engine.trainer import Trainer

    try:
        config = RunConfig.from_dict(header.get("config"))
        dataset = _dataset(header.get("dataset"), _arrays(members, "dataset.npz"))
        trainer = Trainer(config, dataset)
        trainer.load_state_dict(_trainer_state(header, members))
        view = header.get("view", {})
        if not isinstance(view, dict):
            raise ConfigError("view", view, "an object of view settings")
    except ConfigError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as e:
        raise ConfigError("contents", str(e), "every entry a saved experiment has, each of "
                          "its kind") from None
    return Experiment(trainer, view)


def _trainer_state(header: dict, members: dict) -> dict:
    state = dict(header["trainer"])
    arrays = _arrays(members, "optimizer.npz")
    n = sum(key.startswith("factor") for key in arrays)
    per_param = [{} for _ in range(n)]
    for key, value in arrays.items():
        if key.startswith("p"):
            i, name = key[1:].split(".", 1)
            if not i.isdigit() or int(i) >= n:
                raise ConfigError("optimizer.npz", key, f"p0 … p{n - 1} entries")
            per_param[int(i)][name] = value
    state["optimizer"] = {**header["optimizer"], "state": per_param,
                          "factors": [arrays[f"factor{i}"] for i in range(n)]}
    state["weights"] = _arrays(members, "weights.npz")
    state["history"] = _arrays(members, "history.npz")
    state["order"] = _arrays(members, "batch_order.npz")["order"]
    return state


def _dataset(meta: dict, arrays: dict) -> Dataset:
    """The saved data set, its arrays checked against each other."""
    if not isinstance(meta, dict) or meta.get("task") not in TASKS:
        raise ConfigError("dataset.task", meta and meta.get("task"), "one of: " + ", ".join(TASKS))
    x = {name: np.asarray(arrays[name]) for name in DATA_ARRAYS}
    for name, a in x.items():
        if a.ndim != 2 or a.dtype.kind != "f" or not np.isfinite(a).all():
            raise ConfigError(f"dataset {name}", a.shape, "a 2-D array of finite floats")
    for part in ("train", "test"):
        rows = {len(x[f"{k}_{part}"]) for k in ("x", "y", "raw")}
        if len(rows) != 1:
            raise ConfigError(f"dataset {part} rows", sorted(rows), "the same count in x, y, raw")
    for k in ("x", "y", "raw"):
        if x[f"{k}_train"].shape[1] != x[f"{k}_test"].shape[1]:
            raise ConfigError(f"dataset {k}_test columns", x[f"{k}_test"].shape[1],
                              f"as many as {k}_train ({x[f'{k}_train'].shape[1]})")
    names = tuple(meta["feature_names"])
    if x["x_train"].shape[1] != len(names) or len(x["x_train"]) == 0:
        raise ConfigError("dataset feature_names", names, "one name per input column and at "
                          "least one training point")
    return Dataset(**x, task=meta["task"], feature_names=names, name=str(meta["name"]),
                   axes=tuple(meta["axes"]))
