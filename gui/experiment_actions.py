"""File → Save experiment… / Open experiment…: the whole run in one .dlab file, in the window.

Saving pauses the run, waits until the training thread has finished its step, takes the
trainer's state between two steps (engine.experiment.ExperimentState) and writes it with the
view settings (which plots have a log y axis, the loss plot's smoothing and x axis). Opening
makes the file's Trainer the run: its History is drawn with all its curves, the view settings
are applied, and Play continues exactly where the file was saved. A bad file gets one message
and nothing changes.
"""
from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from engine.errors import ConfigError
from engine.experiment import SUFFIX, ExperimentState, load_experiment, write_experiment
from gui.file_actions import ask_path, load_or_warn, warn

FILTER = f"Descent Lab experiment (*{SUFFIX})"
PAUSE_TIMEOUT_S = 10.0        # how long saving waits for the training thread to stop


def view_settings(mode) -> dict:
    """What the plots show, as JSON values: log y per plot, smoothing, x axis of the loss."""
    loss = mode.loss_plot
    return {"log_y": {name: plot.log_y for name, plot in _plots(mode).items()},
            "smoothing": loss.smoothing.value(),
            "x_axis": loss.x_mode.currentText()}


def apply_view(mode, view: dict) -> None:
    """Set what `view_settings` saved; unknown or ill-typed entries are left as they are."""
    loss = mode.loss_plot
    for name, on in dict(view.get("log_y", {})).items():
        plot = _plots(mode).get(name)
        if plot is not None and isinstance(on, bool):
            plot.log_box.setChecked(on)
    smoothing = view.get("smoothing")
    if isinstance(smoothing, int) and not isinstance(smoothing, bool):
        loss.smoothing.setValue(smoothing)
    index = loss.x_mode.findText(str(view.get("x_axis", "")))
    if index >= 0:
        loss.x_mode.setCurrentIndex(index)


def _plots(mode) -> dict:
    return {"loss": mode.loss_plot, "gradient": mode.gradient_plot, "lr": mode.lr_plot}


def save_experiment(mode, path: str | None = None) -> bool:
    """Pause and write the run to a .dlab file (asks for the path when none is given)."""
    mode.pause()
    path = path or ask_path(mode, True, "Save experiment", FILTER, f"experiment{SUFFIX}")
    if not path:
        return False
    if not path.endswith(SUFFIX):
        path += SUFFIX
    if not _wait_until_paused(mode.session.controller):
        warn(mode, "Cannot save", "The training thread did not pause; try again.")
        return False
    taken = ExperimentState.of(mode.session.controller.trainer)     # between two steps
    try:
        write_experiment(path, taken, view_settings(mode), Path(path).name)
    except ConfigError as err:
        warn(mode, "Cannot save the experiment", str(err))
        return False
    mode.note_shown.emit(f"Saved the experiment at step {taken.state['step_count']} to {path}")
    return True


def open_experiment(mode, path: str | None = None) -> bool:
    """Make the experiment in a .dlab file the run, curves and view settings included; a
    bad file gets one message and the current run is kept."""
    path = path or ask_path(mode, False, "Open experiment", FILTER)
    experiment = load_or_warn(mode, load_experiment, path, "Not a Descent Lab experiment")
    if experiment is None:
        return False
    mode.pause()
    trainer = experiment.trainer
    if not mode.start_run(trainer.config, trainer.dataset, Path(path).stem, trainer=trainer):
        return False
    apply_view(mode, experiment.view)
    mode.paint_now()                    # the whole History at once, with its curves
    return True


def _wait_until_paused(controller) -> bool:
    """Process events until the worker has answered the pause (no step in progress)."""
    timer = QtCore.QElapsedTimer()
    timer.start()
    app = QtWidgets.QApplication.instance()
    while controller.running:
        if timer.elapsed() > PAUSE_TIMEOUT_S * 1000:
            return False
        app.processEvents(QtCore.QEventLoop.AllEvents, 10)
    return True
