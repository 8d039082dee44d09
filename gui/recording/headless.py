"""`main.py --headless --preset NAME --steps N --record FILE.gif|FILE.mp4`: a recording
without a screen.

The window (1280 × 720, offscreen when there is no display) is built as on screen, but the
run is trained here, on the main thread, in equal chunks: one frame before the first step,
then one after every max(1, N // 100) steps (and after the last), so the same command gives
the same frames. Each frame draws the views as the display timer would and grabs the
recorded one with QWidget.grab().
"""
from __future__ import annotations

import os
import sys
import tempfile

from engine.errors import ConfigError

EXIT_OK, EXIT_BAD_INPUT, EXIT_DIVERGED = 0, 2, 3
WINDOW_SIZE = (1280, 720)
VIEWS = ("window", "loss", "data", "network", "landscape")


def frame_every(steps: int) -> int:
    """Steps between two frames of an N-step recording (about 100 frames in all)."""
    return max(1, steps // 100)


def frame_count(steps: int) -> int:
    """Frames of an N-step recording that did not diverge: the start, then each chunk."""
    every = frame_every(steps)
    return 1 + -(-steps // every)


def run(args) -> int:
    """Record a headless run for parsed command-line args; returns the exit code."""
    from gui.recording import frames
    try:
        frames.check_path(args.record)
        frames.check_fps(args.record_fps)
    except ConfigError as e:
        print(f"descent-lab: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if (missing := frames.missing_library(args.record)) is not None:
        print(f"descent-lab: {missing}", file=sys.stderr)
        return EXIT_BAD_INPUT
    _use_offscreen_without_display()
    from engine import cli
    try:
        config = cli.load_config(args)
        with tempfile.TemporaryDirectory() as settings_dir:
            count, diverged = _record(config, args, settings_dir)
    except ConfigError as e:
        print(f"descent-lab: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"wrote {args.record}: {count} frames at {args.record_fps:g} fps "
          f"({args.record_view}, one every {frame_every(args.steps)} steps)")
    if diverged:
        print(f"descent-lab: {diverged}", file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def _use_offscreen_without_display() -> None:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _record(config, args, settings_dir: str) -> tuple[int, str | None]:
    """Build the window, train and grab; returns (frames written, divergence or None)."""
    from PySide6 import QtCore

    from gui import app as gui_app
    from gui.main_window import MainWindow
    from gui.recording.frames import FrameWriter

    gui_app.make_app()
    # the user's saved splitter positions must not change the frames
    scope, native = QtCore.QSettings.UserScope, QtCore.QSettings.NativeFormat
    QtCore.QSettings.setPath(native, scope, settings_dir)
    writer = FrameWriter(args.record, args.record_fps)
    title = gui_app.load_config(args.preset, args.config, args.overrides)[1]
    window = MainWindow(config, title)
    window.status.min_interval_ms = 0      # each frame shows its own step, whatever the clock
    try:
        window.resize(*WINDOW_SIZE)
        window.show()
        driver = (_RaceDriver if args.record_view == "landscape" else _RunDriver)(window, config)
        target = driver.view(args.record_view)
        every, done = frame_every(args.steps), 0
        writer.add(_grab(target))
        while done < args.steps and not driver.diverged:
            done += driver.advance(min(every, args.steps - done))
            writer.add(_grab(target))
        return writer.close(), driver.diverged
    finally:
        QtCore.QSettings.setPath(native, scope, QtCore.QStandardPaths.writableLocation(
            QtCore.QStandardPaths.GenericConfigLocation))
        window.network.shutdown()
        window.hide()
        window.deleteLater()


def _grab(widget):
    from PySide6 import QtWidgets
    QtWidgets.QApplication.processEvents()
    QtWidgets.QApplication.sendPostedEvents()
    return widget.grab().toImage()


class _RunDriver:
    """Trains the run's own Trainer (the same config gives the worker's first weights) and
    draws it into the network mode's plots and views."""

    def __init__(self, window, config):
        from engine.trainer import Trainer
        self.window, self.mode = window, window.network
        self.trainer = Trainer(config)
        self.mode.data_view.set_dataset(self.trainer.dataset)
        self.diverged: str | None = None
        self._draw(None)

    def view(self, name: str):
        mode = self.mode
        return {"window": self.window, "loss": mode.loss_plot, "data": mode.data_view,
                "network": mode.network_view}[name]

    def advance(self, n: int) -> int:
        first = self.trainer.step_count
        record = self.trainer.run(n)
        self.diverged = self.trainer.divergence
        self._draw(record)
        return max(1, self.trainer.step_count - first)

    def _draw(self, record) -> None:
        from gui.plots import plot_style
        mode, trainer = self.mode, self.trainer
        snapshot = plot_style.history_arrays(trainer.history)
        for plot in (mode.loss_plot, mode.gradient_plot, mode.lr_plot):
            plot.update_from(snapshot)
        mode.session.net.load_state_dict(trainer.network.state_dict())
        mode.data_view.refresh()
        mode.network_view.refresh({p.name: p.grad.copy()
                                   for p in trainer.network.parameters()})
        loss = "" if record is None else f"   loss {record.loss:.4g}"
        self.window.status.show_now(f"step {trainer.step_count:,}   epoch "
                                   f"{trainer.epoch:.2f}{loss}")


class _RaceDriver:
    """The Landscape tab's race (its default surface and racers), stepped in chunks."""

    def __init__(self, window, config):
        window.set_mode(1)
        self.mode = window.modes.landscape
        self.mode.pause()
        self.diverged: str | None = None

    def view(self, name: str):
        return self.mode

    def advance(self, n: int) -> int:
        race = self.mode.race
        first = race.step_count
        race.step(n)
        self.mode._refresh()               # what its display timer draws after steps
        if not race.live:
            self.diverged = "every racer diverged"
        return max(1, race.step_count - first)
