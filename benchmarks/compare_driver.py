"""Frames per second of a comparison in the real window (offscreen), at max speed.

python benchmarks/compare_driver.py [--runs 3 6] [--seconds S]
Prints one line `RESULT {json}`: per number of runs, plot frames/s (paint events of the
busiest plot viewport), the steps/s of each run and of all together, and the CPU count.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.gui_driver import Handles, PaintCounter, open_window, run_loop, wait  # noqa: E402


def measure(n_runs: int, seconds: float) -> dict:
    from gui import compare
    qapp, window = open_window()
    network = Handles(window).window.network
    lrs = [0.003, 0.01, 0.03, 0.1, 0.3, 1.0][:n_runs]
    runs = compare.start(network, network.session.config,
                         [{"optimizer.lr": lr} for lr in lrs],
                         dataset=network.session.dataset)
    Handles(window).set_max_speed()
    window.modes.toggle_play()
    wait(1.5)                                     # warm-up: the children, the caches
    counter = PaintCounter([p.plot_widget.viewport() for p in runs.view.plots])
    steps0 = [len(s.history) for s in runs.sessions]
    start = time.perf_counter()
    run_loop(seconds)
    elapsed = time.perf_counter() - start
    steps = [len(s.history) - s0 for s, s0 in zip(runs.sessions, steps0)]
    window.modes.toggle_play()
    window.close()
    return {"runs": n_runs, "fps": counter.most() / elapsed,
            "steps_s_each": [round(s / elapsed) for s in steps],
            "steps_s_all": sum(steps) / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, nargs="+", default=[3, 6])
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    out = {"cpus": os.cpu_count(), "results": [measure(n, args.seconds) for n in args.runs]}
    print("RESULT " + json.dumps(out))


if __name__ == "__main__":
    main()
