"""Start-up: QApplication, theme, switch interval, the error dialog, and run()."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

from PySide6 import QtGui, QtWidgets

from engine import cli, presets
from engine.config import RunConfig
from engine.errors import ConfigError
from engine.resources import resource_path
from gui import compare, theme
from gui.plots import plot_style

# seconds: the GUI thread gets the GIL back within 0.5 ms from the thread that reads the
# stepping process's news (docs/architecture.md)
SWITCH_INTERVAL = 0.0005


class ErrorReporter:
    """Shows one dialog per distinct error; repeats (every timer tick) only go to stderr."""

    def __init__(self):
        self.seen: set[str] = set()
        self.showing = False

    def report(self, title: str, text: str, key: str | None = None) -> None:
        """key: what makes two errors 'the same' (default: the message's last line)."""
        print(text, file=sys.stderr)
        summary = text.strip().splitlines()[-1] if text.strip() else text
        key = key or summary
        if self.showing or key in self.seen or QtWidgets.QApplication.instance() is None:
            return
        self.seen.add(key)
        self.showing = True
        try:
            box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Critical, title,
                                        f"{summary}\n\nThe app keeps running; details below.")
            box.setDetailedText(text)
            box.exec()
        finally:
            self.showing = False


    def refuse(self, text: str) -> None:
        """A value the user gave is not allowed: the message alone, every time it happens
        (it answers what they just did), no traceback."""
        print(f"descent-lab: {text}", file=sys.stderr)
        if self.showing or QtWidgets.QApplication.instance() is None:
            return
        self.showing = True
        try:
            QtWidgets.QMessageBox.warning(QtWidgets.QApplication.activeWindow(),
                                          "Not allowed", text)
        finally:
            self.showing = False


REPORTER = ErrorReporter()


def report_error(title: str, text: str) -> None:
    REPORTER.report(title, text)


def _excepthook(kind, value, tb) -> None:
    """One dialog per kind of error and place in the code: messages with changing numbers
    ("index 276 is out of bounds") raised every frame must not open a dialog each.

    A ConfigError (DatasetError too) that reaches here is a refusal of something the user
    did in a slot (removing the last training point): only its message is shown."""
    if isinstance(value, ConfigError):
        REPORTER.refuse(str(value))
        return
    frames = traceback.extract_tb(tb)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    REPORTER.report("Unexpected error", "".join(traceback.format_exception(kind, value, tb)),
                    key=f"{kind.__name__} at {where}")


def load_config(preset: str, config_path: str | None,
                overrides: list[str] | None = None) -> tuple[RunConfig, str]:
    """The run config (every --set applied) and the window's title, from a file or a preset."""
    config = cli.config_from(preset, config_path, list(overrides or []))
    title = Path(config_path).stem if config_path else presets.info(preset).title
    return config, title


def openable(config: RunConfig, title: str) -> tuple[RunConfig, str, str | None]:
    """The config and title the window opens on, and why not the asked-for ones.

    A config can be valid and still not make a run here: a data.csv_path missing on this PC,
    features the data set does not have. Such a run opens the default lesson instead, with
    the reason (the message the command line gives with exit code 2)."""
    from engine.trainer import Trainer

    try:
        Trainer(config)
    except ConfigError as err:
        return presets.load("default"), presets.info("default").title, f"{title}: {err}"
    return config, title, None


def make_app() -> QtWidgets.QApplication:
    """The QApplication with the projector theme (reused if one exists, as in tests)."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("Descent Lab")
    app.setWindowIcon(QtGui.QIcon(str(resource_path("icons", "descent-lab.svg"))))
    theme.apply_theme(app)
    plot_style.configure_pyqtgraph()
    return app


def open_race(window, race: cli.WindowRace) -> None:
    """`--landscape NAME [--racer …] [--start …]`: the window shows its Landscape tab with
    that surface, those racers (else the surface's defaults) and that start."""
    from gui.modes import LANDSCAPE
    window.set_mode(LANDSCAPE)
    mode = window.modes.landscape
    mode.set_landscape(race.landscape)
    if race.racers:
        mode.set_racers(list(race.racers))
    if race.start is not None:
        mode.restart_at(race.start)


def run(preset: str = "default", config_path: str | None = None,
        overrides: list[str] | None = None, race: cli.WindowRace | None = None) -> int:
    """Open the main window on a preset (or a config JSON file) with `--set` overrides
    applied; a bad one is one message and exit code 2, before any window. One that is valid
    but cannot make a run here opens the default lesson after one message (openable).
    With `race` (cli.window_race) it opens on the Landscape tab with that race."""
    from gui.main_window import MainWindow

    try:
        config, title = load_config(preset, config_path, overrides)
    except (ConfigError, OSError) as err:
        print(f"descent-lab: {err}", file=sys.stderr)
        return 2
    app = make_app()
    sys.excepthook = _excepthook
    plain = config_path is None and preset == "default" and not overrides
    config, title, refused = openable(config, title)
    # sized and placed by the last session's saved state, or to fit the screen
    lesson = "default" if refused else None if config_path else preset
    window = MainWindow(config, title, lesson=lesson,
                        remember=True, restore_lesson=plain)
    window.show()
    if lesson and lesson == preset and presets.info(preset).variants:
        compare.open_lesson(window, preset, config)     # a comparison lesson: its runs
    if race is not None:
        open_race(window, race)
    if refused is not None:
        print(f"descent-lab: {refused}", file=sys.stderr)
        QtWidgets.QMessageBox.warning(window, "Cannot open this run",
                                      f"{refused}\n\nThe window shows the default lesson "
                                      "instead.")
    return app.exec()
