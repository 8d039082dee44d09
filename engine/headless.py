"""Headless runs: train (or continue a saved experiment), export to PyTorch, the range test,
and what they print and write (the summary line, summary.json, the --out folder).

`engine.cli.run` parses and dispatches; the functions here do the work. Exit codes: 0 trained,
2 bad input (a ConfigError, printed by `engine.cli.run`), 3 diverged, 130 interrupted by
Ctrl+C (what there is, is written; the summary says "interrupted": true).
"""
from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

import numpy as np

from engine.config import RunConfig
from engine.errors import ConfigError
from engine.progress import Interruptible, Progress

EXIT_OK, EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_INTERRUPTED = 0, 2, 3, 130


def export_torch(config: RunConfig, steps: int, path: str) -> int:
    """Write the PyTorch script that reproduces this run (engine/export_torch.py)."""
    from engine.export_torch import export_script
    try:
        Path(path).write_text(export_script(config, steps), encoding="utf-8")
    except OSError as e:
        raise ConfigError("--export-torch", path, f"a writable file path ({e.strerror})") from None
    print(f"wrote {path}: python {path} trains {steps} steps in PyTorch")
    return EXIT_OK


def lr_find(config: RunConfig, out_dir: str | None) -> int:
    """The learning-rate range test: suggestions on stdout, the curve in lr_find.csv."""
    from engine.lr_finder import find_lr

    result = find_lr(config)
    end = "stopped when the loss blew up" if result.stopped_early else "reached γ = 10"
    print(f"learning-rate range test: {len(result.lrs)} updates from γ = 1e-07, {end}")
    print(f"  valley       {result.valley:.3g}   (middle of the longest fall: a good default)")
    print(f"  minimum / 10 {result.minimum_tenth:.3g}")
    print(f"  steepest     {result.steepest:.3g}")
    if result.too_flat:
        print(f"  too flat to suggest anything: the smoothed loss falls only "
              f"{100 * result.fall:.1f}% (under 5%), so these three are noise")
    if out_dir:
        rows = np.column_stack([result.lrs, result.losses, result.smoothed])

        def write():
            Path(out_dir).mkdir(parents=True, exist_ok=True)
            np.savetxt(Path(out_dir) / "lr_find.csv", rows, delimiter=",",
                       header="lr,loss,smoothed_loss", comments="", fmt="%.10g")
        writing(out_dir, write)
    return EXIT_OK


def writing(out_dir: str, write) -> None:
    """Run `write`; a folder that cannot be written is bad input (--out), not a crash."""
    try:
        write()
    except OSError as e:
        raise ConfigError("--out", out_dir, f"a folder that can be written ({e.strerror})") \
            from None


def train_headless(config: RunConfig, steps: int, out_dir: str | None) -> int:
    """Train `steps` updates with a progress bar on stderr and a summary line on stdout."""
    from engine.trainer import Trainer
    return continue_headless(Trainer(config), steps, out_dir)


def open_headless(path: str, steps: int, out_dir: str | None) -> int:
    """Continue the experiment saved in `path` for `steps` more updates (as training)."""
    from engine.experiment import load_experiment
    trainer = load_experiment(path, "--open").trainer
    if trainer.divergence:
        raise ConfigError("--open", path, "an experiment that has not diverged (this one "
                          f"did: {trainer.divergence})")
    return continue_headless(trainer, steps, out_dir)


def continue_headless(trainer, steps: int, out_dir: str | None) -> int:
    """`steps` more updates of `trainer`, a progress bar on stderr, the summary on stdout."""
    config, first, end = trainer.config, trainer.step_count, trainer.step_count + steps
    progress = Progress(steps)
    start = time.perf_counter()
    with Interruptible() as ctrl_c:
        while trainer.step_count < end and not trainer.divergence and not ctrl_c.stop:
            record = trainer.run(min(200, end - trainer.step_count))
            progress.show(steps - (end - trainer.step_count), record.loss,
                          time.perf_counter() - start)
    elapsed = time.perf_counter() - start
    progress.done()
    done = steps - (end - trainer.step_count)
    summary = {**summary_of(trainer, elapsed, done), "interrupted": ctrl_c.stop}
    if first:
        summary["continued_from_step"] = first
    print(summary_line(config, summary))
    if out_dir:
        writing(out_dir, lambda: write_outputs(Path(out_dir), trainer, summary))
    if ctrl_c.stop:
        print(f"descent-lab: interrupted at step {trainer.step_count}", file=sys.stderr)
        return EXIT_INTERRUPTED
    if trainer.divergence:
        print(f"descent-lab: {trainer.divergence}", file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def _finite(x):
    return None if x is None or not math.isfinite(x) else x


def summary_of(trainer, elapsed: float, done: int | None = None) -> dict:
    """Final figures; `done` is the updates of this session (all of them by default)."""
    ev = trainer.evaluate() if not trainer.divergence else None
    done = trainer.step_count if done is None else done
    return {
        "steps": trainer.step_count,
        "epochs": trainer.epoch,
        "seconds": elapsed,
        "steps_per_second": done / elapsed if elapsed > 0 else None,
        "train_loss": _finite(ev and ev.train_loss),
        "test_loss": _finite(ev and ev.test_loss),
        "train_accuracy": _finite(ev and ev.train_acc),
        "test_accuracy": _finite(ev and ev.test_acc),
        "diverged": trainer.divergence is not None,
        "divergence": trainer.divergence,
    }


def summary_line(config: RunConfig, s: dict) -> str:
    steps = f"{s['steps']} steps"
    if s.get("continued_from_step"):
        steps = f"{s['steps'] - s['continued_from_step']} more steps (to step {s['steps']})"
    head = f"{config.data.dataset}: {steps} in {s['seconds']:.2f} s"
    if s["steps_per_second"]:
        head += f" ({s['steps_per_second']:,.0f} steps/s)"
    if s["diverged"]:
        return head + " — diverged"
    parts = [f"train loss {s['train_loss']:.4g}"]
    if s["test_loss"] is not None:
        parts.append(f"test loss {s['test_loss']:.4g}")
    if s["train_accuracy"] is not None:
        parts.append(f"train acc {100 * s['train_accuracy']:.1f}%")
    if s["test_accuracy"] is not None:
        parts.append(f"test acc {100 * s['test_accuracy']:.1f}%")
    return head + " — " + ", ".join(parts)


def write_outputs(out: Path, trainer, summary: dict) -> None:
    """config.json, history.csv, model.npz (named weights), summary.json and experiment.dlab
    (the whole run, to continue with --open)."""
    from engine.experiment import save_experiment
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(trainer.config.to_json(), encoding="utf-8")
    trainer.history.to_csv(out / "history.csv")
    np.savez(out / "model.npz", **trainer.network.state_dict())
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    save_experiment(out / "experiment.dlab", trainer, field_name="--out")
