"""The command line (`main.py`): its options, their checks, and the dispatch of a headless
command to engine/headless.py (train, continue, export, range test), race_cli or compare_cli.

Exit codes: 0 trained, 2 bad input (one message on stderr, no traceback), 3 diverged,
130 interrupted by Ctrl+C (what there is, is written; the summary says "interrupted": true).
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass

from engine import presets
from engine.config import RunConfig, parse_override
from engine.config_file import load_config_file
from engine.errors import MAX_SHOWN, ConfigError, reject_huge_numbers
from engine.headless import (  # noqa: F401 (importable from engine.cli, as before the split)
    EXIT_BAD_INPUT,
    EXIT_DIVERGED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Interruptible,
    Progress,
    continue_headless,
    export_torch,
    lr_find,
    open_headless,
    train_headless,
    write_outputs,
)

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
    p.add_argument("--landscape", metavar="NAME", help="race optimizers on a test surface "
                   "(headless, or the window opens on its Landscape tab)")
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


MAX_STEPS = 10**9          # a billion updates: days of training; more is a typo


def check_args(args) -> None:
    """Options that do not apply to what was asked for are refused (ConfigError)."""
    if args.steps > MAX_STEPS:
        raise ConfigError("--steps", args.steps, f"a whole number ≥ 1 and at most {MAX_STEPS:,}")
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
        window_race(args)
        for option, value in (("--open", args.open), ("--compare", args.compare)):
            if value:
                raise ConfigError(option, value[0] if isinstance(value, list) else value,
                                  "only with --headless")
    except ConfigError as e:
        print(f"descent-lab: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return None


@dataclass(frozen=True)
class WindowRace:
    """What `--landscape NAME [--racer SPEC …] [--start X,Y]` asks of the window."""

    landscape: str
    racers: tuple[str, ...]            # spec texts; () keeps the surface's default racers
    start: tuple[float, ...] | None    # None: the surface's own start


def window_race(args) -> WindowRace | None:
    """The race the window opens on its Landscape tab (None without --landscape), checked as
    the headless race checks it: one ConfigError naming the option, the value and what is
    allowed."""
    if args.landscape is None:
        return None
    from engine import landscapes, race_cli
    from engine.race import Race, box_text, default_specs
    from engine.racer_spec import parse_spec
    ls = landscapes.get(args.landscape)
    specs = [parse_spec(text) for text in args.racer]
    start = race_cli.parse_start(args.start, ls.dim)
    race = Race(ls, specs or [parse_spec(text) for text in default_specs(ls.name)], start)
    if start is not None and not all(lo <= x <= hi for x, (lo, hi) in zip(start, race.box)):
        raise ConfigError("--start", args.start, "a point inside the race's box " +
                          box_text(race.box))
    return WindowRace(ls.name, tuple(spec.text for spec in specs), start)


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
