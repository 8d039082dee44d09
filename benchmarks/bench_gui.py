"""Training in the window vs headless, and how responsive the window stays, in one run.

QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--seconds S] [--preset NAME]
Prints: headless steps/s, steps/s through the worker thread with the window painting, their
ratio, the display frames painted per second, and the GUI event loop's latency (how late a
10 ms timer fires: median and 99th percentile) while training runs as fast as possible.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6 import QtCore  # noqa: E402

from engine import presets  # noqa: E402
from engine.trainer import Trainer  # noqa: E402
from gui import app as gui_app  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402


def headless_rate(preset: str, seconds: float) -> float:
    trainer = Trainer(presets.load(preset))
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        trainer.run(100)
    return trainer.step_count / (time.perf_counter() - start)


def window_rates(preset: str, seconds: float) -> tuple[float, float, np.ndarray]:
    qapp = gui_app.make_app()
    window = MainWindow(presets.load(preset), preset)
    window.resize(1600, 900)
    window.show()
    frames, lateness = [0], []
    paint = window.network._tick

    def counted_tick():
        before = window.network.session.painted
        paint()
        frames[0] += window.network.session.painted != before
    window.network.timer.timeout.disconnect()
    window.network.timer.timeout.connect(counted_tick)
    probe, expected = QtCore.QTimer(interval=10), [0.0]

    def probed():
        now = time.perf_counter()
        lateness.append(max(0.0, now - expected[0]))
        expected[0] = now + 0.010
    probe.timeout.connect(probed)
    window.network.session.controller.play()
    start = time.perf_counter()
    expected[0] = start + 0.010
    probe.start()
    QtCore.QTimer.singleShot(int(seconds * 1000), qapp.quit)
    qapp.exec()                              # the real event loop, as in the app
    elapsed = time.perf_counter() - start
    steps = window.network.session.controller.trainer.step_count
    window.close()
    return steps / elapsed, frames[0] / elapsed, np.array(lateness[5:]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--preset", default="default")
    args = parser.parse_args()
    alone = headless_rate(args.preset, args.seconds)
    in_window, fps, late = window_rates(args.preset, args.seconds)
    print(f"headless                      : {alone:8,.0f} steps/s")
    print(f"worker thread, window painting: {in_window:8,.0f} steps/s "
          f"(ratio window/headless {in_window / alone:.2f})")
    print(f"frames painted                : {fps:8.1f} per second")
    print(f"event-loop latency (10 ms timer): median {np.median(late):.1f} ms, "
          f"99th percentile {np.percentile(late, 99):.1f} ms")


if __name__ == "__main__":
    main()
