"""Side-by-side runs in the window: "Run → Compare with…" and the lessons that compare runs.

dialog.py asks for the variants (variants.py turns its rows into overrides), runs.py trains
them together (one RunSession, one child process each), layout.py puts their overlaid plots
(plots.py) and the run chooser (chooser.py) into the network tab.
"""
from __future__ import annotations

from PySide6 import QtWidgets

from engine import presets
from engine.errors import ConfigError


def start(mode, base, overrides: list[dict], labels=None, title: str = "", dataset=None):
    """Compare the runs `base` + each of `overrides` in `mode` (a NetworkMode); raises
    ConfigError naming the run when one is not allowed (and nothing changes)."""
    from engine.compare import Comparison
    from gui.compare.runs import CompareRuns
    Comparison(base, overrides, dataset)        # a run not allowed: the runs on screen stay
    mode.end_comparison()
    mode.session.controller.pause()
    mode.undo.keep(mode.session.kept())         # Edit → Undo: back to the run before
    runs = CompareRuns(mode, base, overrides, labels, title or mode.session.title, dataset)
    mode.compare = runs
    mode.playing_changed.emit(False)
    return runs


def open_lesson(window, name: str, base=None) -> bool:
    """A lesson whose preset lists compare_runs opens as a comparison of them; the caption
    and speed are the lesson's. `base`: the preset's config with --set changes (default: the
    preset as it is). False (with a message) when a run is not allowed."""
    info = presets.info(name)
    base = presets.load(name) if base is None else base
    try:
        start(window.network, base, [v.overrides for v in info.variants],
              [v.label for v in info.variants], info.title)
    except ConfigError as err:
        QtWidgets.QMessageBox.warning(window, "Not allowed", str(err))
        return False
    window.network.lesson = name
    window.network.title_changed.emit(info.title)
    window.network.lesson_changed.emit(name)
    return True
