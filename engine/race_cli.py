"""The headless optimizer race behind `main.py --headless --landscape NAME --racer SPEC ...`.

Writes, with `--out DIR`: `racer-1.csv`, `racer-2.csv`, … (columns
`step,x,y,value,grad_norm,effective_lr`; `y` is empty on 1-D landscapes) and `summary.json`.
Exit codes as the trainer's: 0 ran (a diverged racer alone is not an error), 2 bad input
(a ConfigError, printed by `engine.cli.run`), 3 every racer diverged, 130 Ctrl+C (what was
raced so far is written; the summary says "interrupted": true). Progress goes to stderr.
"""
from __future__ import annotations

import ast
import json
import sys
import time
from pathlib import Path

import numpy as np

from engine import landscapes
from engine.errors import ConfigError
from engine.headless import EXIT_INTERRUPTED, Interruptible, Progress
from engine.race import Race, box_text, default_specs
from engine.racer_spec import parse_spec

EXIT_OK, EXIT_DIVERGED = 0, 3
CHUNK = 500                      # race steps between progress updates and Ctrl+C checks
GAP = 1e-3                       # steps_to_1e-3: the value gap to the nearest known minimum
CSV_COLUMNS = ("step", "x", "y", "value", "grad_norm", "effective_lr")


def list_landscapes(out=None) -> int:
    """One line per landscape: name, dimension, title and description."""
    out = out or sys.stdout
    for name, ls in landscapes.REGISTRY.items():
        print(f"{name:<20} {ls.dim}-D  {ls.title} — {ls.description}", file=out)
    return EXIT_OK


def parse_start(text: str | None, dim: int) -> tuple[float, ...] | None:
    """`--start X,Y` (or `X` in 1-D) as finite floats; ConfigError otherwise."""
    if text is None:
        return None
    allowed = f"{dim} finite number(s) separated by commas, e.g. " + ("1.5" if dim == 1
                                                                       else "-1.5,2")
    try:
        values = [float(ast.literal_eval(part.strip())) for part in text.split(",")]
    except (ValueError, SyntaxError, TypeError, OverflowError, MemoryError, RecursionError):
        raise ConfigError("--start", text, allowed) from None
    if len(values) != dim or not all(np.isfinite(values)):
        raise ConfigError("--start", text, allowed)
    return tuple(values)


def run(args) -> int:
    """List the landscapes, or race the racers and write the results; ConfigError on bad input."""
    if args.list_landscapes:
        return list_landscapes()
    ls = landscapes.get(args.landscape)
    if args.steps < 1:
        raise ConfigError("--steps", args.steps, "a whole number ≥ 1")
    specs = [parse_spec(text) for text in (args.racer or default_specs(ls.name))]
    start = parse_start(args.start, ls.dim)
    race = Race(ls, specs, start)
    if start is not None and not np.all((race.box[:, 0] <= start) & (start <= race.box[:, 1])):
        raise ConfigError("--start", args.start, "a point inside the race's box " +
                          box_text(race.box))
    interrupted = _race(race, args.steps)
    summary = {**summarize(race), "interrupted": interrupted}
    for line in summary_lines(summary):
        print(line)
    if args.out:
        write_outputs(Path(args.out), race, summary)
    if interrupted:
        print(f"descent-lab: interrupted at step {race.step_count}", file=sys.stderr)
        return EXIT_INTERRUPTED
    if all(r["diverged"] for r in summary["racers"]):
        print("descent-lab: every racer diverged — try smaller learning rates",
              file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def _race(race: Race, steps: int) -> bool:
    """Step the race with a progress bar (lowest value so far); True if Ctrl+C stopped it."""
    progress = Progress(steps, what="lowest f")
    start = time.perf_counter()
    with Interruptible() as ctrl_c:
        while race.step_count < steps and race.live and not ctrl_c.stop:
            race.step(min(CHUNK, steps - race.step_count))
            lowest = min(float(r.values[-1]) for r in race.racers)
            progress.show(race.step_count, lowest, time.perf_counter() - start)
    progress.done()
    return ctrl_c.stop


def summarize(race: Race) -> dict:
    """The summary.json content (documented in the module docstring of engine.race)."""
    return {"landscape": race.landscape.name, "start": race.start.tolist(),
            "racers": [_racer_summary(race, r) for r in race.racers]}


def _racer_summary(race: Race, racer) -> dict:
    point = racer.point
    target = landscapes.nearest_minimum(race.landscape, point)
    return {
        "spec": racer.spec.text,
        "final_point": point.tolist(),
        "final_value": float(racer.values[-1]),
        "nearest_minimum": list(target.point) if target else None,
        "distance": float(np.linalg.norm(point - target.point)) if target else None,
        "steps_to_1e-3": racer.steps_to(race.landscape, GAP),
        "diverged": racer.diverged,
        "steps": racer.length - 1,
        "divergence": racer.divergence,
    }


def summary_lines(summary: dict) -> list[str]:
    lines = [f"{summary['landscape']} from {summary['start']}:"]
    for r in summary["racers"]:
        where = ", ".join(f"{c:.4g}" for c in r["final_point"])
        text = f"  {r['spec']:<32} ({where})  f = {r['final_value']:.6g}"
        if r["distance"] is not None:
            text += f"  distance {r['distance']:.3g}"
        if r["steps_to_1e-3"] is not None:
            text += f"  within 1e-3 at step {r['steps_to_1e-3']}"
        lines.append(text + (f"  DIVERGED at step {r['steps'] + 1}" if r["diverged"] else ""))
    return lines


def write_outputs(out: Path, race: Race, summary: dict) -> None:
    """racer-K.csv for each racer and summary.json; ConfigError if `out` cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        for k, racer in enumerate(race.racers, start=1):
            _write_csv(out / f"racer-{k}.csv", racer)
        (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    except OSError as e:
        raise ConfigError("--out", str(out),
                          f"a folder that can be written ({e.strerror})") from None


def _write_csv(path: Path, racer) -> None:
    path_xy = racer.path
    rows = [",".join(CSV_COLUMNS)]
    for step in range(racer.length):
        x = repr(float(path_xy[step, 0]))
        y = repr(float(path_xy[step, 1])) if path_xy.shape[1] > 1 else ""
        rows.append(",".join([str(step), x, y, repr(float(racer.values[step])),
                              repr(float(racer.grad_norms[step])),
                              repr(float(racer.effective_lrs[step]))]))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
