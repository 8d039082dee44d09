"""`main.py --self-test [--screenshot PATH]`: prove a build works, from source or frozen.

Opens the main window (offscreen when there is no display), trains the preset through the
real worker thread, checks that every plot received data and that the loss fell, saves a
screenshot, closes the window (the thread must stop) and returns 0, or 1 with one message
on stderr ("self-test failed: <reason>").
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

STEPS = 300           # train at least this many updates
TIMEOUT = 60.0        # seconds allowed for them
WINDOW = 50           # batch losses averaged at each end when there are too few evaluations
MIN_DROP = 0.10       # the loss must fall by at least 10 %


class SelfTestFailed(Exception):
    """One reason the self-test failed, shown as it is."""


class _Recorder:
    """Stands in for gui.app's error dialog: a modal box would block the self-test."""

    def __init__(self):
        self.errors: list[str] = []

    def report(self, title: str, text: str) -> None:
        lines = text.strip().splitlines() or [title]
        self.errors.append(f"{title}: {lines[-1]}")


def run(args) -> int:
    """Run the self-test for parsed command-line args; return the exit code."""
    _use_offscreen_without_display()
    try:
        line = _self_test(args)
    except SelfTestFailed as err:
        print(f"self-test failed: {err}", file=sys.stderr)
        return 1
    print(line)
    return 0


def _use_offscreen_without_display() -> None:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _self_test(args) -> str:
    started = time.perf_counter()     # start-up is measured from here to the shown window
    from gui import app as gui_app

    qapp = gui_app.make_app()
    config, title = _load_config(gui_app, args)
    recorder, saved_reporter, saved_hook = _Recorder(), gui_app.REPORTER, sys.excepthook
    gui_app.REPORTER = recorder
    sys.excepthook = lambda kind, value, tb: recorder.report("Unexpected error",
                                                             f"{kind.__name__}: {value}")
    window = None
    try:
        window, startup = _open_window(qapp, config, title, started)
        seconds = _train(qapp, window, recorder)
        result = _check(window, recorder)
        shot = _screenshot(window, getattr(args, "screenshot", None))
    finally:
        if window is not None:
            _close(qapp, window)
        gui_app.REPORTER, sys.excepthook = saved_reporter, saved_hook
    return (f"self-test passed: {result['steps']} steps in {seconds:.1f} s, "
            f"loss {result['first']:.3g} → {result['last']:.3g}, {result['plots']} plots "
            f"with data, first window after {startup}{shot}")


def _load_config(gui_app, args):
    """The preset (or --config file) as the app would open it, with --set applied."""
    from engine.config import parse_override
    from engine.errors import ConfigError
    from engine.trainer import Trainer

    try:
        config, title = gui_app.load_config(getattr(args, "preset", "default"),
                                            getattr(args, "config", None))
        overrides = dict(parse_override(t) for t in getattr(args, "overrides", []) or [])
        if overrides:
            config = config.with_overrides(overrides)
        Trainer(config)                 # every check the window would make, without a dialog
    except (ConfigError, OSError, ValueError) as err:
        raise SelfTestFailed(f"cannot load the configuration: {err}") from err
    return config, title


def _open_window(qapp, config, title, started: float):
    from gui.main_window import MainWindow

    window = MainWindow(config, title)
    window.resize(1600, 900)
    window.show()
    qapp.processEvents()
    startup = f"{time.perf_counter() - started:.2f} s"
    age = _process_age()
    if age is not None:
        startup += f" ({age:.2f} s since the process started)"
    _check_resources(qapp, window)
    _wait(qapp, lambda: False, 0.3)       # let the layout settle before training
    return window, startup


def _check_resources(qapp, window) -> None:
    """The bundled resources were found and drawn: the app icon and the loss formula."""
    from engine.resources import resource_root

    if not resource_root().is_dir():
        raise SelfTestFailed(f"no resources folder at {resource_root()}")
    if qapp.windowIcon().pixmap(64, 64).isNull():
        raise SelfTestFailed("the window icon is missing (resources/icons or the SVG plugin)")
    if not window.network.loss_panel.formula.renderer().isValid():
        raise SelfTestFailed("the loss formula image did not load (resources/formulas)")


def _train(qapp, window, recorder) -> float:
    """Play until STEPS updates are recorded, then pause; the seconds it took."""
    mode = window.network
    controller = mode.session.controller
    start = time.perf_counter()
    controller.play()
    done = _wait(qapp, lambda: len(mode.session.history) >= STEPS or recorder.errors
                 or controller.trainer.divergence, TIMEOUT)
    seconds = time.perf_counter() - start
    controller.pause()
    _wait(qapp, lambda: not controller.running, 5)
    if recorder.errors:
        raise SelfTestFailed(recorder.errors[0])
    if controller.trainer.divergence:
        raise SelfTestFailed(f"training diverged: {controller.trainer.divergence}")
    if not done:
        raise SelfTestFailed(f"only {len(mode.session.history)} of {STEPS} steps after "
                             f"{TIMEOUT:.0f} s")
    if controller.running:
        raise SelfTestFailed("the worker did not pause within 5 s")
    n = len(mode.session.history)
    _wait(qapp, lambda: _length(mode.loss_plot.batch) >= n, 2)   # the next display tick
    return seconds


def _check(window, recorder) -> dict:
    """Every plot has data and the loss fell; the numbers for the result line."""
    if recorder.errors:
        raise SelfTestFailed(recorder.errors[0])
    mode, history = window.network, window.network.session.history
    lengths = {
        "loss": _length(mode.loss_plot.batch),
        "gradient": min((_length(c) for c in mode.gradient_plot.curves), default=0),
        "learning-rate": min((_length(m) for m, *_ in mode.lr_plot.layers), default=0),
        "data": _data_view_points(mode.data_view),
        "network": len(mode.network_view.connections),
    }
    empty = [name for name, n in lengths.items() if n == 0]
    if empty:
        raise SelfTestFailed(f"no data in the {', '.join(empty)} plot(s)")
    first, last = _loss_ends(history)
    if not last < (1 - MIN_DROP) * first:
        raise SelfTestFailed(f"the loss did not fall: {first:.4g} → {last:.4g} "
                             f"after {len(history)} steps")
    return {"steps": len(history), "first": first, "last": last,
            "plots": len(lengths)}


def _length(curve) -> int:
    x = curve.getData()[0]
    return 0 if x is None else len(x)


def _data_view_points(view) -> int:
    """Points drawn by the prediction view: the heatmap's pixels or the fitted curve's."""
    image = view.heatmap.image
    pixels = 0 if image is None else image.size
    return pixels + _length(view.curve)


def _loss_ends(history) -> tuple[float, float]:
    """The first and last full-train loss, or the mean batch loss at each end."""
    import numpy as np

    view = history.snapshot()
    evals = np.asarray(view.evals.get("train_loss", []), dtype=float)
    evals = evals[np.isfinite(evals)]
    if len(evals) >= 2:
        return float(evals[0]), float(evals[-1])
    loss = np.asarray(view.columns["loss"], dtype=float)
    k = max(1, min(WINDOW, len(loss) // 2))
    return float(np.mean(loss[:k])), float(np.mean(loss[-k:]))


def _screenshot(window, path) -> str:
    if not path:
        return ""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target)):
        raise SelfTestFailed(f"could not save the screenshot to {target}")
    return f", screenshot {target}"


def _close(qapp, window) -> None:
    window.close()
    _wait(qapp, lambda: not window.network.session.controller.thread.isRunning(), 5)
    if window.network.session.controller.thread.isRunning():
        raise SelfTestFailed("the training thread did not stop when the window closed")


def _process_age() -> float | None:
    """Seconds since this process started (Linux /proc; None elsewhere)."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _wait(qapp, condition, timeout: float) -> bool:
    from PySide6 import QtCore

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        qapp.processEvents(QtCore.QEventLoop.AllEvents, 10)
    return bool(condition())
