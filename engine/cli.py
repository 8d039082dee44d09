"""The command line (`main.py`) and the headless runner: train without a window, write results.

Exit codes: 0 trained, 2 bad input (one message on stderr, no traceback), 3 diverged,
130 interrupted by Ctrl+C (what there is, is written; the summary says "interrupted": true).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from pathlib import Path

import numpy as np

from engine import presets
from engine.config import RunConfig, parse_override
from engine.config_file import load_config_file
from engine.errors import MAX_SHOWN, ConfigError, reject_huge_numbers
from engine.progress import Interruptible, Progress  # noqa: F401 (race_cli's too)

EXIT_OK, EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_INTERRUPTED = 0, 2, 3, 130
_NEGATIVE = re.compile(r"-\.?\d")       # '-1.5,2' is a value, not an option
_TAKES_NEGATIVE = ("--start",)
RECORD_VIEWS = ("window", "loss", "data", "network", "landscape")


class _Parser(argparse.ArgumentParser):
    """argparse, but a value it refuses is shortened in the message (as errors.shown does)."""

    def error(self, message: str):
        if len(message) > 2 * MAX_SHOWN:
            message = f"{message[:2 * MAX_SHOWN]}… ({len(message):,} characters)"
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    """Every command-line option of Descent Lab (window, headless, landscapes, self-test)."""
    p = _Parser(prog="descent-lab", description=(
        "Descent Lab: watch neural networks train. Without --headless it opens the window."))
    p.add_argument("--headless", action="store_true", help="train without a window")
    p.add_argument("--preset", default="default", help="a preset name (see --list-presets)")
    p.add_argument("--config", metavar="FILE", help="a RunConfig JSON file (overrides --preset)")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="change one setting, e.g. optimizer.lr=0.1 (repeatable)")
    p.add_argument("--steps", type=int, default=1000, help="updates to run headless")
    p.add_argument("--out", metavar="DIR", help="write config, history, model and summary here")
    p.add_argument("--open", metavar="FILE", help="continue a saved experiment (.dlab) for "
                   "--steps more updates")
    p.add_argument("--compare", action="append", default=[], metavar="KEY=VALUE[,KEY=VALUE…]",
                   help="one run of a side-by-side comparison: the preset plus these settings "
                   "(repeatable, up to 6)")
    p.add_argument("--list-presets", action="store_true", help="list the presets and exit")
    p.add_argument("--lr-find", action="store_true",
                   help="run the learning-rate range test (1e-7 to 10, 100 updates) and exit")
    p.add_argument("--export-torch", metavar="FILE",
                   help="write the run as a PyTorch script (training --steps updates) and exit")
    p.add_argument("--landscape", metavar="NAME", help="race optimizers on a test surface")
    p.add_argument("--racer", action="append", default=[], metavar="SPEC",
                   help="optimizer[:key=value...], e.g. sgd:lr=0.01 (repeatable)")
    p.add_argument("--start", metavar="X,Y", help="start point of the racers")
    p.add_argument("--list-landscapes", action="store_true", help="list the surfaces and exit")
    p.add_argument("--self-test", action="store_true",
                   help="open the window offscreen, train, check the plots, exit 0 or 1")
    p.add_argument("--screenshot", metavar="PATH", help="with --self-test: save the window here")
    p.add_argument("--record", metavar="FILE.gif|FILE.mp4", help=(
        "with --headless: record the training as an animated GIF or MP4, rendered offscreen; "
        "one frame before the first step and one every max(1, N // 100) of the --steps N "
        "(needs the extra: pip install \"descent-lab[record]\")"))
    p.add_argument("--record-view", choices=RECORD_VIEWS, default="window",
                   help="with --record: what to record (landscape: the Landscape tab's race)")
    p.add_argument("--record-fps", type=float, default=10.0, metavar="F",
                   help="with --record: frames per second of the file, 1 to 60 (default 10)")
    return p


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The parsed command line; `--start -1.5,2` works like `--start=-1.5,2`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    joined, i = [], 0
    while i < len(argv):
        if argv[i] in _TAKES_NEGATIVE and i + 1 < len(argv) and _NEGATIVE.match(argv[i + 1]):
            joined.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            joined.append(argv[i])
            i += 1
    args = build_parser().parse_args(joined)
    args.given = given_options(joined)
    return args


def given_options(argv: list[str]) -> set[str]:
    """The destinations of the options actually on the command line (abbreviations too)."""
    parser = build_parser()
    for action in parser._actions:
        action.default = argparse.SUPPRESS
    return set(vars(parser.parse_known_args(argv)[0]))


def check_args(args) -> None:
    """Options that do not apply to what was asked for are refused (ConfigError)."""
    _check_record(args)
    if args.compare and (args.landscape is not None or args.list_landscapes):
        raise ConfigError("--compare", args.compare[0], "not with a landscape race (use "
                          "--racer SPEC for each racer)")
    if args.open is not None:
        for option in ("preset", "config", "overrides", "compare", "lr_find", "export_torch",
                       "landscape"):
            if option in getattr(args, "given", ()):
                value = getattr(args, option)
                raise ConfigError("--" + option.replace("_", "-").replace("overrides", "set"),
                                  value[0] if isinstance(value, list) else value,
                                  "not with --open FILE (the file holds the whole "
                                  "experiment; use --steps and --out)")
    if args.landscape is None and not args.list_landscapes:
        for option, value in (("--racer", args.racer), ("--start", args.start)):
            if value:
                raise ConfigError(option, value[0] if isinstance(value, list) else value,
                                  "only with --landscape NAME (see --list-landscapes)")


def _check_record(args) -> None:
    """--record trains one run headless; its two options need it, and it needs that."""
    given = getattr(args, "given", set())
    record = getattr(args, "record", None)
    if record is None:
        for option in ("record_view", "record_fps"):
            if option in given:
                raise ConfigError("--" + option.replace("_", "-"), getattr(args, option),
                                  "only with --record FILE.gif|FILE.mp4")
        return
    if not args.headless:
        raise ConfigError("--record", record, "only with --headless (in the window: "
                          "File → Record…)")
    for option in ("open", "compare", "lr_find", "export_torch", "landscape",
                   "list_presets", "list_landscapes", "self_test"):
        value = getattr(args, option)
        if value:
            raise ConfigError("--record", record, "one training run (--preset/--config, "
                              f"--set, --steps), not with --{option.replace('_', '-')}")
    if args.out is not None:
        raise ConfigError("--out", args.out, "not with --record (the recording is what it "
                          "writes; train with --out in a second command for the results)")
    if not 1 <= args.record_fps <= 60 or args.record_fps != args.record_fps:
        raise ConfigError("--record-fps", args.record_fps, "frames per second from 1 to 60")
    if args.steps < 1:
        raise ConfigError("--steps", args.steps, "a whole number ≥ 1")


def refused(args) -> int | None:
    """For the window: EXIT_BAD_INPUT after one message if the command line asks for what
    the window does not do (check_args, or a headless race), else None."""
    try:
        check_args(args)
        if args.landscape is not None:
            raise ConfigError("--landscape", args.landscape, "only with --headless (in the "
                              "window: View → Loss landscape race, F3)")
        for option, value in (("--open", args.open), ("--compare", args.compare)):
            if value:
                raise ConfigError(option, value[0] if isinstance(value, list) else value,
                                  "only with --headless")
    except ConfigError as e:
        print(f"descent-lab: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return None


def config_from(preset: str, config_path: str | None, overrides: list[str]) -> RunConfig:
    """The preset (by name) or config file, with every --set applied (ConfigError if bad)."""
    if config_path:
        try:
            config = load_config_file(config_path, "--config")
        except OverflowError:      # a validator met an integer too large for a float
            raise ConfigError("--config", config_path, "numbers of magnitude at most "
                              f"{sys.float_info.max:g} (an integer in it is larger)") from None
    else:
        known = presets.names()
        if preset not in known:
            raise ConfigError("--preset", preset, "one of: " + ", ".join(known) +
                              " (for a file, use --config FILE)")
        config = presets.load(preset)
    pairs = [parse_override(text) for text in overrides]
    for key, value in pairs:
        reject_huge_numbers(key, value)
    return config.with_overrides(dict(pairs)) if pairs else config


def load_config(args) -> RunConfig:
    """The config of a parsed command line (see config_from)."""
    return config_from(args.preset, args.config, args.overrides)


def list_presets(out=None) -> int:
    out = out or sys.stdout
    for name in presets.names():
        info = presets.info(name)
        print(f"{name:<24} {info.title} — {info.description}", file=out)
    return EXIT_OK


def run(args) -> int:
    """Dispatch a parsed headless command; every bad input becomes exit code 2."""
    try:
        check_args(args)
        if args.list_presets:
            return list_presets()
        if args.list_landscapes or args.landscape is not None:
            from engine import race_cli
            return race_cli.run(args)
        if args.steps < 1:
            raise ConfigError("--steps", args.steps, "a whole number ≥ 1")
        if args.open is not None:
            return open_headless(args.open, args.steps, args.out)
        if args.compare:
            from engine import compare_cli
            return compare_cli.run(args)
        if args.export_torch:
            return export_torch(load_config(args), args.steps, args.export_torch)
        if args.lr_find:
            return lr_find(load_config(args), args.out)
        return train_headless(load_config(args), args.steps, args.out)
    except ConfigError as e:
        print(f"descent-lab: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT


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
        _writing(out_dir, write)
    return EXIT_OK


def _writing(out_dir: str, write) -> None:
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
    summary = {**_summary(trainer, elapsed, done), "interrupted": ctrl_c.stop}
    if first:
        summary["continued_from_step"] = first
    print(_summary_line(config, summary))
    if out_dir:
        _writing(out_dir, lambda: write_outputs(Path(out_dir), trainer, summary))
    if ctrl_c.stop:
        print(f"descent-lab: interrupted at step {trainer.step_count}", file=sys.stderr)
        return EXIT_INTERRUPTED
    if trainer.divergence:
        print(f"descent-lab: {trainer.divergence}", file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def _finite(x):
    return None if x is None or not math.isfinite(x) else x


def _summary(trainer, elapsed: float, done: int | None = None) -> dict:
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


def _summary_line(config: RunConfig, s: dict) -> str:
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
