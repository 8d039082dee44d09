"""`main.py --headless --preset NAME --compare "KEY=VALUE,…" --compare "…" --out DIR`.

Each --compare is one run: the preset (or --config) with every --set, plus its overrides.
DIR/run-1/, DIR/run-2/, … get what a single headless run writes (config.json, history.csv,
model.npz, summary.json, experiment.dlab); DIR/compare.json lists the runs, what differs and
their final figures. Exit 0 when at least one run trained to the end, 3 when every run
diverged, 130 on Ctrl+C; a diverged run is said on stderr and in compare.json.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from engine import cli, headless
from engine.compare import MAX_RUNS, Comparison, default_processes, parse_overrides
from engine.errors import ConfigError

CHUNK = 1000            # steps per run between progress updates (and Ctrl+C checks)
PARALLEL_FROM = 20_000  # total updates from which child processes pay for their start-up
                        # (measured: spawning two took 1.3 s on a busy 2-core machine)


def run(args) -> int:
    """Train the runs of a parsed command line side by side (ConfigError on bad input)."""
    if len(args.compare) > MAX_RUNS:
        raise ConfigError("--compare", len(args.compare), f"at most {MAX_RUNS} runs")
    if args.lr_find or args.export_torch:
        raise ConfigError("--compare", args.compare[0], "without --lr-find and --export-torch")
    overrides = [parse_overrides(text) for text in args.compare]
    base = cli.load_config(args)
    with Comparison(base, overrides) as comparison:
        seconds, stopped = _train(comparison, args.steps)
    summaries = [{**headless.summary_of(t, seconds), "interrupted": stopped}
                 for t in comparison.trainers]
    labels = comparison.labels()
    for k, (label, summary) in enumerate(zip(labels, summaries)):
        print(f"run {k + 1} ({label}): " + headless.summary_line(comparison.configs[k], summary))
    if args.out:
        headless.writing(args.out, lambda: write_outputs(Path(args.out), comparison, summaries,
                                                          args.compare))
    return _exit_code(comparison, stopped)


def _train(comparison: Comparison, steps: int) -> tuple[float, bool]:
    """Every run `steps` updates (or until it diverges); one process per core for long ones."""
    n_runs = len(comparison.trainers)
    processes = default_processes(n_runs) if n_runs * steps >= PARALLEL_FROM else 1
    progress = headless.Progress(steps, what="run 1 loss")
    start = time.perf_counter()
    with headless.Interruptible() as ctrl_c:
        while comparison.step_count < steps and not comparison.finished and not ctrl_c.stop:
            comparison.run(min(CHUNK, steps - comparison.step_count), processes)
            first = comparison.trainers[0].history.column("loss")
            progress.show(comparison.step_count, float(first[-1]) if len(first) else 0.0,
                          time.perf_counter() - start)
    progress.done()
    return time.perf_counter() - start, ctrl_c.stop


def _exit_code(comparison: Comparison, stopped: bool) -> int:
    for k, trainer in enumerate(comparison.trainers):
        if trainer.divergence:
            print(f"descent-lab: run {k + 1}: {trainer.divergence}", file=sys.stderr)
    if stopped:
        print(f"descent-lab: interrupted at step {comparison.step_count}", file=sys.stderr)
        return headless.EXIT_INTERRUPTED
    return headless.EXIT_DIVERGED if comparison.finished else headless.EXIT_OK


def write_outputs(out: Path, comparison: Comparison, summaries: list[dict],
                  specs: list[str]) -> None:
    """DIR/run-k/ for each run and DIR/compare.json."""
    out.mkdir(parents=True, exist_ok=True)
    for k, (trainer, summary) in enumerate(zip(comparison.trainers, summaries)):
        headless.write_outputs(out / f"run-{k + 1}", trainer, summary)
    (out / "compare.json").write_text(json.dumps(compare_summary(comparison, summaries, specs),
                                                 indent=2), encoding="utf-8")


def compare_summary(comparison: Comparison, summaries: list[dict], specs: list[str]) -> dict:
    """The runs (their --compare text and overrides), what differs, and final figures."""
    differs = comparison.differs()
    runs = []
    for k, trainer in enumerate(comparison.trainers):
        flat = {key: _value(trainer.config, key) for key in differs}
        runs.append({"run": k + 1, "folder": f"run-{k + 1}", "label": comparison.labels()[k],
                     "compare": specs[k], "overrides": comparison.overrides[k],
                     "settings": flat, "same_initial_weights_as_run_1":
                         comparison.shared_start[k], **_final(summaries[k])})
    return {"runs": runs, "differs": differs, "steps": comparison.step_count}


_FINAL = ("steps", "train_loss", "test_loss", "train_accuracy", "test_accuracy", "diverged",
          "divergence", "interrupted")


def _final(summary: dict) -> dict:
    return {key: summary[key] for key in _FINAL}


def _value(config, key: str):
    value = config.to_dict()
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return list(value) if isinstance(value, tuple) else value
