"""Side-by-side runs: up to six Trainers on the same data and the same initial weights.

Each run is the base config plus its own overrides (any setting: optimizer, lr, batch size,
loss, init, ...). Runs whose data settings agree share one Dataset; runs whose networks have
run 1's shape and initialisation (model.init, model.init_sigma) start from run 1's weights, so
a different training.seed changes only the batch order. Every run is deterministic, and
`run(n, processes=2)` gives the same numbers as `run(n)`: each chunk is continued in a child
process from the Trainer's state (engine/trainer.py state_dict), bit for bit.
"""
from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict

from engine.config import RunConfig, parse_override
from engine.datasets import Dataset, make_dataset
from engine.errors import ConfigError, reject_huge_numbers
from engine.trainer import Trainer

MAX_RUNS = 6
_OPEN, _CLOSE = "([{", ")]}"


def parse_overrides(text: str, field_name: str = "--compare") -> dict:
    """'optimizer.lr=0.1,model.hidden=[8,8]' -> {"optimizer.lr": 0.1, "model.hidden": [8, 8]}:
    commas inside brackets, parentheses or quotes stay in the value; values as in --set."""
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    if depth or quote or not text.strip() or any(not p.strip() for p in parts):
        raise ConfigError(field_name, text, "KEY=VALUE[,KEY=VALUE…] with balanced brackets, "
                          "e.g. optimizer.lr=0.1,model.hidden=[8,8]")
    overrides = {}
    for part in parts:
        if "=" not in part:
            raise ConfigError(field_name, part, "KEY=VALUE, e.g. optimizer.lr=0.1")
        key, value = parse_override(part.strip())
        reject_huge_numbers(key, value)
        overrides[key] = value
    return overrides


class Comparison:
    """Several runs stepped side by side; `trainers[k]` is run k + 1."""

    def __init__(self, base: RunConfig, overrides: list[dict], dataset: Dataset | None = None):
        if not 1 <= len(overrides) <= MAX_RUNS:
            raise ConfigError("runs", len(overrides), f"1 to {MAX_RUNS} runs to compare")
        self.base = base
        self.overrides = [dict(o) for o in overrides]
        self.configs = [_config_of(base, o, k) for k, o in enumerate(self.overrides)]
        self.trainers = self._trainers(dataset)
        self.shared_start = self._share_initial_weights()
        self._pool = None
        self._processes = 1

    def _trainers(self, dataset: Dataset | None) -> list[Trainer]:
        """One Trainer per run; equal data settings give one shared Dataset."""
        made: dict[str, Dataset] = {}
        if dataset is not None:
            made[_data_key(self.base)] = dataset
        trainers = []
        for config in self.configs:
            key = _data_key(config)
            if key not in made:
                made[key] = make_dataset(config.data)
            trainers.append(Trainer(config, made[key]))
        return trainers

    def _share_initial_weights(self) -> list[bool]:
        """Run 1's initial weights into every run of its shape and initialisation."""
        return share_initial_weights(self.trainers)

    # ---- what differs ----
    def differs(self) -> list[str]:
        """The settings (SECTION.FIELD, hyper-parameters as SECTION.params.NAME) whose values
        are not the same in every run."""
        return differing_keys(self.configs)

    def labels(self) -> list[str]:
        """For a legend: each run named by its values of what differs ('run 1' if nothing)."""
        keys = self.differs()
        out = []
        for k, config in enumerate(self.configs):
            flat = _flatten(config.to_dict())
            out.append(", ".join(f"{_short(key)}={flat[key]}" for key in keys
                                 if flat.get(key) is not None) or f"run {k + 1}")
        return out

    # ---- training ----
    @property
    def step_count(self) -> int:
        """Steps of the run that is furthest behind among those still training."""
        going = [t.step_count for t in self.trainers if not t.divergence]
        return min(going) if going else max(t.step_count for t in self.trainers)

    @property
    def finished(self) -> bool:
        return all(t.divergence for t in self.trainers)

    def run(self, n: int, processes: int | None = None) -> None:
        """Up to n more steps of every run that has not diverged; processes > 1 spreads the
        runs over that many child processes (the numbers are the same)."""
        going = [t for t in self.trainers if not t.divergence]
        workers = min(len(going), processes or 1)
        if workers <= 1:
            for trainer in going:
                trainer.run(n)
            return
        pool = self._pool_of(workers)
        jobs = [pool.submit(_advance, t.config, t.dataset, t.state_dict(history=False), n)
                for t in going]
        for trainer, job in zip(going, jobs):
            state, rows = job.result()
            trainer.load_state_dict(state)
            trainer.history.extend(rows)

    def _pool_of(self, workers: int) -> ProcessPoolExecutor:
        if self._pool is None or self._processes != workers:
            self.close()
            # spawn: safe beside Qt's threads and in a frozen app; fork copies those threads
            self._pool = ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"))
            self._processes = workers
        return self._pool

    def close(self) -> None:
        """Stop the child processes (they are started again if needed)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Comparison:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def flat_settings(config: RunConfig) -> dict:
    """{"optimizer.lr": 0.01, "optimizer.params.momentum": 0.9, ...}: every setting of a
    config under its dotted key (hyper-parameters as SECTION.params.NAME)."""
    return _flatten(config.to_dict())


def differing_keys(configs: list[RunConfig]) -> list[str]:
    """The dotted keys whose values are not the same in every config, sorted."""
    flat = [flat_settings(c) for c in configs]
    keys = sorted(set().union(*flat))
    return [k for k in keys if len({json.dumps(f.get(k), sort_keys=True) for f in flat}) > 1]


def share_initial_weights(trainers: list[Trainer]) -> list[bool]:
    """Load trainers[0]'s weights into every trainer with its shapes and initialisation
    (the rule of a comparison); one bool per trainer: does it start from them?"""
    first = trainers[0]
    weights, shapes = first.network.state_dict(), _shapes(first)
    shared = [True]
    for trainer in trainers[1:]:
        same = _shapes(trainer) == shapes and _init(trainer) == _init(first)
        if same:
            trainer.network.load_state_dict(weights)
        shared.append(same)
    return shared


def default_processes(n_runs: int) -> int:
    """One process per run, at most one per core."""
    return max(1, min(n_runs, os.cpu_count() or 1))


def _advance(config: RunConfig, dataset: Dataset, state: dict, n: int):
    """In a child process: continue one run n steps; its new state and History rows."""
    trainer = Trainer(config, dataset)
    trainer.load_state_dict(state)
    trainer.run(n)
    return trainer.state_dict(history=False), trainer.history.to_arrays()


def _config_of(base: RunConfig, overrides: dict, k: int) -> RunConfig:
    try:
        return base.with_overrides(overrides)
    except ConfigError as e:
        raise ConfigError(f"run {k + 1}: {e.field}", e.value, e.allowed) from None


def _data_key(config: RunConfig) -> str:
    return json.dumps(asdict(config.data), sort_keys=True, default=str)


def _shapes(trainer: Trainer) -> dict:
    return {name: w.shape for name, w in trainer.network.state_dict().items()}


def _init(trainer: Trainer) -> tuple:
    return trainer.config.model.init, trainer.config.model.init_sigma


def _short(key: str) -> str:
    """'optimizer.name' -> 'optimizer', 'optimizer.params.momentum' -> 'momentum'."""
    parts = key.split(".")
    return parts[0] if parts[-1] == "name" else parts[-1]


def _flatten(d: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in d.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = list(value) if isinstance(value, tuple) else value
    return out
