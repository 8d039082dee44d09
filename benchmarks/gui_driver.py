"""Drives the real window offscreen and prints one line `RESULT {json}` (run.py starts it).

python benchmarks/gui_driver.py window|race|frames|startup [--seconds S] [--frames N] [--smoke]
- window: headless steps/s, then the default lesson at max speed: plot frames per second
  (paint events of each plot viewport), a 10 ms probe timer's lateness, steps/s from the History.
- race: the landscape race at max speed after 1k and after ~100k steps: steps/s and frames/s.
- frames: the three history plots alone, cost of update_from + a forced repaint with 1k and
  1M steps of history (each frame adds the steps a frame at ~2,000 steps/s would see).
- startup: prints the wall-clock time at which the first window was exposed.
Everything the driver reads from the window goes through `Handles`, so it is easy to adapt.
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

import numpy as np  # noqa: E402
from PySide6 import QtCore, QtWidgets  # noqa: E402

SIZE = (1600, 900)


class Handles:
    """The few things the driver needs from the window; the one place that knows its shape."""

    def __init__(self, window):
        self.window = window

    @property
    def history(self):
        return self.window.network.session.history

    def play_button(self) -> QtWidgets.QPushButton:
        button = self.window.findChild(QtWidgets.QPushButton, "play")
        if button is None:
            button = next(b for b in self.window.findChildren(QtWidgets.QPushButton)
                          if "Play" in b.text())
        return button

    def set_max_speed(self) -> None:
        bar = self.window.findChild(QtWidgets.QWidget, "runBar")
        slider = bar.findChild(QtWidgets.QSlider)
        slider.setValue(slider.maximum())

    def show_landscape(self):
        tabs = self.window.findChild(QtWidgets.QTabWidget)
        tabs.setCurrentIndex(1)
        from gui.landscape import LandscapeMode
        return self.window.findChild(LandscapeMode)

    def plot_viewports(self) -> list:
        import pyqtgraph as pg
        return [v.viewport() for v in self.window.findChildren(pg.PlotWidget)]


class PaintCounter(QtCore.QObject):
    """Counts paint events per watched widget."""

    def __init__(self, widgets):
        super().__init__()
        self.widgets = list(widgets)          # keeps the wrappers (and their ids) alive
        self.counts = {id(w): 0 for w in self.widgets}
        for w in widgets:
            w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QtCore.QEvent.Paint and id(obj) in self.counts:
            self.counts[id(obj)] += 1
        return False

    def most(self) -> int:
        return max(self.counts.values(), default=0)

    def stop(self) -> None:
        for w in self.widgets:
            w.removeEventFilter(self)


def open_window():
    from engine import presets
    from gui import app as gui_app
    from gui.main_window import MainWindow
    qapp = gui_app.make_app()
    window = MainWindow(presets.load("default"), "default")
    window.resize(*SIZE)
    window.show()
    wait(0.5)
    return qapp, window


def wait(seconds: float, until=None) -> None:
    """Run the real event loop for `seconds` (or until `until()` is true)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end and not (until and until()):
        QtWidgets.QApplication.processEvents(QtCore.QEventLoop.AllEvents, 20)


def run_loop(seconds: float) -> None:
    """A real event loop for `seconds` (QApplication.quit() would close the window)."""
    loop = QtCore.QEventLoop()
    QtCore.QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def headless_rate(seconds: float) -> float:
    from engine import presets
    from engine.trainer import Trainer
    trainer = Trainer(presets.load("default"))
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        trainer.run(100)
    return trainer.step_count / (time.perf_counter() - start)


def measure_window(seconds: float) -> dict:
    alone = headless_rate(min(seconds, 5.0))
    qapp, window = open_window()
    h = Handles(window)
    h.set_max_speed()
    h.play_button().click()
    wait(1.0)                                     # warm-up: the first frames, the caches
    counter = PaintCounter(h.plot_viewports())
    lateness, expected = [], [time.perf_counter() + 0.010]

    def probed():
        now = time.perf_counter()
        lateness.append(max(0.0, now - expected[0]))
        expected[0] = now + 0.010
    probe = QtCore.QTimer(interval=10, timeout=probed)
    steps0, start = len(h.history), time.perf_counter()
    expected[0] = start + 0.010
    probe.start()
    run_loop(seconds)
    elapsed = time.perf_counter() - start
    steps = len(h.history) - steps0
    window.close()
    late = np.array(lateness) * 1000
    return {"headless_steps_s": alone, "window_steps_s": steps / elapsed,
            "fps": counter.most() / elapsed, "latency_p99_ms": float(np.percentile(late, 99)),
            "latency_median_ms": float(np.median(late))}


def measure_race(seconds: float, far: int) -> dict:
    """Steps/s and frames/s of the race at max speed from step 1k and from step `far`.

    The race pauses itself at `max_steps` (100k): the cap is lifted here, or a window that
    starts at 90k would hit it within ~1.5 s and count the paused rest as slowness.
    """
    qapp, window = open_window()
    h = Handles(window)
    mode = h.show_landscape()
    wait(0.5)
    h.set_max_speed()
    mode.max_steps = 10 ** 9
    out = {}
    for label, start_at in (("1k", 1000), ("far", far)):
        mode.reset()
        mode.race.step(start_at)
        h.play_button().click()
        wait(0.5)                                 # warm-up
        counter = PaintCounter(h.plot_viewports())
        steps0, t0 = mode.race.step_count, time.perf_counter()
        run_loop(seconds)
        counter.stop()
        elapsed = time.perf_counter() - t0
        if not mode.is_playing:
            raise RuntimeError(f"the race stopped during the {label} measure")
        out[f"steps_s_{label}"] = (mode.race.step_count - steps0) / elapsed
        out[f"fps_{label}"] = counter.most() / elapsed
        mode.pause()
    out["far_step"] = far
    window.close()
    return out


def measure_frames(frames: int, big: int) -> dict:
    from engine.history import History
    from engine.trainer import StepRecord
    from gui import app as gui_app
    from gui.plots import plot_style
    from gui.plots.gradient_plot import GradientPlot
    from gui.plots.loss_plot import LossPlot
    from gui.plots.lr_plot import LrPlot
    gui_app.make_app()
    host = QtWidgets.QWidget()
    grid = QtWidgets.QGridLayout(host)
    plots = [LossPlot(), GradientPlot(), LrPlot()]
    grid.addWidget(plots[0], 0, 0, 1, 2)
    grid.addWidget(plots[1], 1, 0)
    grid.addWidget(plots[2], 1, 1)
    host.resize(1200, 900)
    host.show()
    names = ["hidden 1", "hidden 2", "output"]
    for p in plots[1:]:
        p.set_layers(names)
    rng = np.random.default_rng(0)
    out = {}
    for label, n in (("1k", 1000), ("1m", big)):
        for p in plots:
            p.clear()
        history = History(3)
        _fill(history, n, rng, StepRecord)
        times = []
        for _ in range(frames + 3):
            _fill(history, 60, rng, StepRecord, start=len(history))
            t0 = time.perf_counter()
            snapshot = plot_style.history_arrays(history)
            for p in plots:
                p.update_from(snapshot)
            QtWidgets.QApplication.sendPostedEvents()
            for p in plots:
                p.plot_widget.viewport().repaint()
            times.append(time.perf_counter() - t0)
        out[f"frame_ms_{label}"] = float(np.median(times[3:]) * 1000)
    out["big"] = big
    return out


def _fill(history, n: int, rng, record_type, start: int = 0) -> None:
    """n steps of a loss that falls with noise, per-layer values around a slow drift."""
    noise = rng.lognormal(0, 0.3, (n, 4))
    for i in range(n):
        t = start + i + 1
        loss = 0.7 * noise[i, 0] / (1 + t / 5000)
        v = noise[i, 1:] * 1e-2
        history.append(record_type(t, t / 20, 0.03, loss, v, v, v * 0.1, v * 10, None))


def measure_startup() -> dict:
    """Wall-clock time when the first window is exposed (the parent knows the start)."""
    from engine import presets
    from gui import app as gui_app
    from gui.main_window import MainWindow
    gui_app.make_app()
    window = MainWindow(presets.load("default"), "default")
    window.resize(*SIZE)
    window.show()
    wait(10.0, until=lambda: window.windowHandle() is not None
         and window.windowHandle().isExposed())
    exposed = time.time()
    window.close()
    return {"exposed_at": exposed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("window", "race", "frames", "startup"))
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--frames", type=int, default=20, help="frames timed (frames)")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: proves it runs")
    args = parser.parse_args()
    if args.what == "window":
        result = measure_window(args.seconds)
    elif args.what == "race":
        result = measure_race(args.seconds, 3000 if args.smoke else 90_000)
    elif args.what == "frames":
        result = measure_frames(args.frames, 20_000 if args.smoke else 1_000_000)
    else:
        result = measure_startup()
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)           # no teardown of a still-running training thread


if __name__ == "__main__":
    main()
