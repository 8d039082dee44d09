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
from gui import theme
from gui.plots import plot_style

# seconds: keeps the GUI at ~30 fps beside a busy worker (docs/architecture.md)
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


REPORTER = ErrorReporter()


def report_error(title: str, text: str) -> None:
    REPORTER.report(title, text)


def _excepthook(kind, value, tb) -> None:
    """One dialog per kind of error and place in the code: messages with changing numbers
    ("index 276 is out of bounds") raised every frame must not open a dialog each."""
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


def make_app() -> QtWidgets.QApplication:
    """The QApplication with the projector theme (reused if one exists, as in tests)."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("Descent Lab")
    app.setWindowIcon(QtGui.QIcon(str(resource_path("icons", "descent-lab.svg"))))
    theme.apply_theme(app)
    plot_style.configure_pyqtgraph()
    return app


def run(preset: str = "default", config_path: str | None = None,
        overrides: list[str] | None = None) -> int:
    """Open the main window on a preset (or a config JSON file) with `--set` overrides
    applied; a bad one is one message and exit code 2, before any window."""
    from gui.main_window import MainWindow

    try:
        config, title = load_config(preset, config_path, overrides)
    except (ConfigError, OSError) as err:
        print(f"descent-lab: {err}", file=sys.stderr)
        return 2
    app = make_app()
    sys.excepthook = _excepthook
    window = MainWindow(config, title, lesson=None if config_path else preset)
    window.resize(1600, 900)
    window.show()
    return app.exec()
