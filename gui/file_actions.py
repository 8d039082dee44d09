"""File menu actions: open/save a run configuration, export the history or a PyTorch script.

Each acts on the network mode's run (`mode`, also the parent of its dialogs) and takes an
optional path (tests pass one; the menu asks with a file dialog). Bad files get one clear
message and the current run is kept.
"""
from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets

from engine.config_file import load_config_file
from engine.errors import ConfigError
from engine.export_torch import export_script

JSON_FILTER = "Run configuration (*.json)"


def ask_path(parent, save: bool, caption: str, filter_: str, suggested: str = "") -> str | None:
    dialog = QtWidgets.QFileDialog.getSaveFileName if save else \
        QtWidgets.QFileDialog.getOpenFileName
    path, _ = dialog(parent, caption, suggested, filter_)
    return path or None


def warn(parent, title: str, text: str) -> None:
    QtWidgets.QMessageBox.warning(parent, title, text)


def open_config(mode, path: str | None = None) -> bool:
    """Load a RunConfig JSON file and start it; on a bad file say why, keep the run."""
    path = path or ask_path(mode, False, "Open run configuration", JSON_FILTER)
    config = load_or_warn(mode, load_config_file, path, "Not a valid configuration",
                          name_first=True)         # its errors name a field, not the file
    if config is None:
        return False
    return mode.start_run(config, title=Path(path).stem)


def load_or_warn(mode, load, path: str | None, title: str, name_first: bool = False):
    """What `load(path, the file's name)` returns; None when there is no path, or after one
    warning titled `title` when it raises a ConfigError (the error's message, after the
    file's name if `name_first`)."""
    if not path:
        return None
    name = Path(path).name
    try:
        return load(path, name)
    except ConfigError as err:
        warn(mode, title, f"{name}: {err}" if name_first else str(err))
        return None


def save_config(mode, path: str | None = None) -> bool:
    """Write the current run's configuration as JSON (re-loadable, also by --config)."""
    path = path or ask_path(mode, True, "Save run configuration", JSON_FILTER, "run.json")
    return _write(mode, path, _text_writer(mode.session.config.to_json()))


def export_history(mode, path: str | None = None) -> bool:
    """Every step of the current run as CSV (the same columns as --headless --out)."""
    path = path or ask_path(mode, True, "Export history", "CSV (*.csv)", "history.csv")
    return _write(mode, path, mode.session.history.to_csv)


def export_torch(mode, path: str | None = None, steps: int = 1000) -> bool:
    """A runnable PyTorch script that reproduces this run step for step."""
    path = path or ask_path(mode, True, "Export as PyTorch script", "Python (*.py)",
                        "descent_lab_run.py")
    return _write(mode, path, _text_writer(export_script(mode.session.config, steps)))


def _text_writer(text: str):
    return lambda path: Path(path).write_text(text, encoding="utf-8")


def _write(mode, path: str | None, write) -> bool:
    """`write(path)`; False when there is no path, or after one warning if it fails."""
    if not path:
        return False
    try:
        write(path)
    except OSError as err:
        warn(mode, "Cannot write", f"{path}: {err}")
        return False
    return True
