"""Every figure of the speed targets, measured in one run, printed as one table.

python benchmarks/run.py [--quick | --smoke] [--json FILE]
GUI figures drive the real window offscreen in child processes (benchmarks/gui_driver.py);
engine figures run here. A figure that cannot be measured is null, with the reason printed.
--quick takes under ~2 minutes; --smoke only proves that everything runs (tiny sizes).
These are measurements: no test asserts a speed.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import engine_figures  # noqa: E402

DRIVER = Path(__file__).with_name("gui_driver.py")
KEYS = ("gui_fps", "gui_latency_p99_ms", "gui_steps_vs_headless", "frame_ms_1k",
        "frame_ms_1m", "race_fps", "race_speed_kept", "tiny_vs_torch", "tiny_vs_numpy_loop",
        "mid_vs_torch_f32", "mid_vs_numpy_loop", "mid_fraction_of_gemm_limit", "startup_s",
        "history_mb_1m_steps")
TARGETS = {"gui_fps": "≥ 30", "gui_latency_p99_ms": "≤ 50", "gui_steps_vs_headless": "≥ 0.5",
           "frame_ms_1k": "", "frame_ms_1m": "≤ 1.5 × 1k", "race_fps": "≥ 30",
           "race_speed_kept": "≥ 0.9", "tiny_vs_torch": "≥ 3", "tiny_vs_numpy_loop": "≥ 0.6",
           "mid_vs_torch_f32": "≥ 1.3", "mid_vs_numpy_loop": "", "mid_fraction_of_gemm_limit": "",
           "startup_s": "≤ 2", "history_mb_1m_steps": "≤ 64"}
MODES = {  # seconds per GUI measurement, seconds per engine rate, startups, frames timed
    "full": (8.0, 3.0, 5, 20), "quick": (3.0, 1.0, 3, 8), "smoke": (1.0, 0.2, 1, 4)}


def child(what: str, seconds: float, smoke: bool, *extra: str, timeout: float = 300) -> dict:
    """Run gui_driver.py `what` offscreen and return its RESULT dict (raises on failure)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, str(DRIVER), what, "--seconds", str(seconds), *extra]
    out = subprocess.run(cmd + (["--smoke"] if smoke else []), capture_output=True,
                         text=True, env=env, timeout=timeout)
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
    raise RuntimeError(f"gui_driver {what} exited {out.returncode}: {tail}")


def gui_figures(seconds: float, smoke: bool) -> dict:
    w = child("window", seconds, smoke)
    return {
        "gui_fps": (w["fps"], "paints/s of the busiest plot view"),
        "gui_latency_p99_ms": (w["latency_p99_ms"],
                               f"10 ms probe, median {w['latency_median_ms']:.1f} ms"),
        "gui_steps_vs_headless": (w["window_steps_s"] / w["headless_steps_s"],
                                  f"{w['window_steps_s']:,.0f} vs "
                                  f"{w['headless_steps_s']:,.0f} steps/s")}


def frame_figures(frames: int, smoke: bool) -> dict:
    f = child("frames", 0, smoke, "--frames", str(frames))
    big = f"{f['big']:,} steps" + (" (smoke: not 1M)" if f["big"] != 1_000_000 else "")
    return {"frame_ms_1k": (f["frame_ms_1k"], "update_from + repaint, 3 plots"),
            "frame_ms_1m": (f["frame_ms_1m"],
                            f"{big}, ÷1k = {f['frame_ms_1m'] / f['frame_ms_1k']:.2f}")}


def race_figures(seconds: float, smoke: bool) -> dict:
    r = child("race", seconds, smoke)
    return {"race_fps": (r["fps_far"], f"after {r['far_step']:,} steps; "
                                       f"{r['fps_1k']:.1f} after 1k"),
            "race_speed_kept": (r["steps_s_far"] / r["steps_s_1k"],
                                f"{r['steps_s_far']:,.0f} after {r['far_step']:,} vs "
                                f"{r['steps_s_1k']:,.0f} steps/s after 1k")}


def startup_figure(runs: int, smoke: bool) -> dict:
    times = []
    for _ in range(runs):
        start = time.time()
        times.append(child("startup", 0, smoke)["exposed_at"] - start)
    return {"startup_s": (statistics.median(times),
                          f"median of {runs}: " + ", ".join(f"{t:.2f}" for t in times))}


def guarded(figures, keys, *args) -> dict:
    """figures(*args), or every one of `keys` null with the error as the reason."""
    try:
        return figures(*args)
    except Exception as err:  # noqa: BLE001 (a figure that fails is reported, not fatal)
        return {k: (None, f"could not measure: {err}") for k in keys}


def measure(mode: str) -> dict:
    gui_s, engine_s, startups, frames = MODES[mode]
    smoke = mode == "smoke"
    out = {}
    out.update(guarded(gui_figures, KEYS[:3], gui_s, smoke))
    out.update(guarded(frame_figures, KEYS[3:5], frames, smoke))
    out.update(guarded(race_figures, KEYS[5:7], gui_s, smoke))
    out.update(guarded(engine_figures.measure, KEYS[7:12] + KEYS[13:], engine_s))
    out.update(guarded(startup_figure, ("startup_s",), startups, smoke))
    return {k: out.get(k, (None, "not measured")) for k in KEYS}


def table(figures: dict) -> str:
    lines = [f"{'figure':28} {'value':>10}  {'target':11} note", "-" * 90]
    for key, (value, note) in figures.items():
        shown = "null" if value is None else f"{value:10.3g}"
        lines.append(f"{key:28} {shown:>10}  {TARGETS[key]:11} {note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    speed = parser.add_mutually_exclusive_group()
    speed.add_argument("--quick", action="store_true", help="under ~2 minutes")
    speed.add_argument("--smoke", action="store_true", help="tiny sizes: proves it runs")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    load = os.getloadavg()[0]
    figures = measure(mode)
    print(f"Descent Lab benchmarks ({mode}; {os.cpu_count()} cores; load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after: figures need an idle machine)")
    print(table(figures))
    if args.json:
        Path(args.json).write_text(json.dumps({k: v for k, (v, _) in figures.items()},
                                              indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
