"""gui.app: the config (with --set) is loaded before any window; one dialog per kind of error."""
from __future__ import annotations

import json
import sys

import pytest
from PySide6 import QtWidgets

from engine import presets
from gui import app as gui_app
from main import main


def test_set_applies_to_the_config_the_window_opens_on():
    config, title = gui_app.load_config("miles-to-km", None,
                                        ["optimizer.lr=0.0125", "training.batch_size=all"])
    assert config.optimizer.lr == 0.0125 and config.training.batch_size == "all"
    assert title == "Miles to kilometres: guess, error, adjust"


def test_run_hands_the_overridden_config_to_the_window(monkeypatch, qapp):
    opened = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)      # run() installs its own

    class Window:
        def __init__(self, config, title, **remembering):
            opened.append((config, title, remembering))

        def resize(self, *size):
            pass

        def show(self):
            pass

    monkeypatch.setattr("gui.main_window.MainWindow", Window)
    monkeypatch.setattr(qapp, "exec", lambda: 0)
    assert main(["--preset", "miles-to-km", "--set", "optimizer.lr=0.0125"]) == 0
    (config, title, remembering), = opened
    assert config.optimizer.lr == 0.0125 and config.data.dataset == "miles-to-km"
    # a preset on the command line wins over the last session's lesson; its caption and
    # speed are shown
    assert remembering == {"lesson": "miles-to-km", "remember": True, "restore_lesson": False}


def test_a_bad_set_is_one_message_and_exit_2_before_any_window(monkeypatch, capsys):
    monkeypatch.setattr("gui.main_window.MainWindow", None)      # must not be reached
    monkeypatch.setattr(gui_app, "make_app", None)
    assert main(["--set", "optimizer.lr=-1"]) == 2
    assert capsys.readouterr().err == ("descent-lab: optimizer.lr = -1 is not allowed: "
                                       "a number in (0, 100]\n")


def test_an_error_repeating_every_frame_opens_one_dialog(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", lambda box: shown.append(box.text()))
    monkeypatch.setattr(gui_app, "REPORTER", gui_app.ErrorReporter())
    for n in (276, 277, 278):
        try:
            raise IndexError(f"index {n} is out of bounds")   # same line, changing number
        except IndexError as err:
            gui_app._excepthook(IndexError, err, err.__traceback__)
    assert len(shown) == 1 and shown[0].startswith("IndexError: index 276 is out of bounds")


def test_a_config_file_with_a_huge_integer_is_one_message_and_exit_2(tmp_path, monkeypatch,
                                                                      capsys):
    monkeypatch.setattr("gui.main_window.MainWindow", None)      # must not be reached
    monkeypatch.setattr(gui_app, "make_app", None)
    path = tmp_path / "huge.json"
    path.write_text('{"optimizer": {"lr": ' + "9" * 320 + "}}")
    assert main(["--config", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"descent-lab: optimizer.lr = {'9' * 80}… (320 characters) is not allowed: "
        "a number in (0, 100], of magnitude at most 1.79769e+308\n")


@pytest.fixture
def opened_window(monkeypatch, qapp):
    """main() runs for real up to app.exec(); the window it opened and the dialogs it showed."""
    from gui.main_window import MainWindow
    windows, dialogs = [], []

    class Recorded(MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            windows.append(self)

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr("gui.main_window.MainWindow", Recorded)
    monkeypatch.setattr(qapp, "exec", lambda: 0)
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning",
                        lambda parent, title, text: dialogs.append((title, text)))
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", lambda box: dialogs.append(box.text()))
    yield windows, dialogs
    for window in windows:
        window.close()
        assert not window.network.session.controller.thread.isRunning()


@pytest.mark.parametrize("data, message", [
    ({"dataset": "sine"}, "data.features = 'x2' is not allowed: for 1-D data (no x2) one or "
                          "more of: x1, x1^2, sin(x1), each at most once"),
    ({"dataset": "csv", "csv_path": "/no/such/folder/points.csv"},
     "data.csv_path = '/no/such/folder/points.csv' is not allowed: a CSV file of numbers: "
     "one row per sample, the target in one column (no such file)"),
])
def test_a_valid_config_that_cannot_make_a_run_opens_the_default_lesson(
        opened_window, tmp_path, capsys, data, message):
    windows, dialogs = opened_window
    path = tmp_path / "lecture.json"
    path.write_text(json.dumps({"data": data, "loss": {"name": "mse"}}))
    assert main(["--config", str(path)]) == 0
    assert dialogs == [("Cannot open this run", f"lecture: {message}\n\n"
                        "The window shows the default lesson instead.")]
    (window,), default = windows, presets.load("default")
    assert window.network.session.config == default
    assert window.windowTitle() == f"Descent Lab — {presets.info('default').title}"
    assert capsys.readouterr().err == f"descent-lab: lecture: {message}\n"
    assert main(["--headless", "--steps", "1", "--config", str(path)]) == 2
    assert capsys.readouterr().err == f"descent-lab: {message}\n"


def test_removing_the_last_training_point_shows_only_the_message(window, qtbot, monkeypatch):
    from PySide6.QtCore import QPointF, Qt
    warnings, dialogs = [], []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning",
                        lambda parent, title, text: warnings.append((title, text)))
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", lambda box: dialogs.append(box.text()))
    mode = window.network
    mode.edit_config({"data.n_samples": 2})               # one training point, one test point
    session = mode.session
    assert len(session.dataset.raw_train) == 1
    point = session.dataset.raw_train[0]
    vb = mode.data_view.plot.getPlotItem().vb
    pos = mode.data_view.plot.mapFromScene(vb.mapViewToScene(QPointF(*point)))
    saved, sys.excepthook = sys.excepthook, gui_app._excepthook    # as run() installs it
    try:
        for _ in range(2):                                 # each right-click is answered
            qtbot.mouseClick(mode.data_view.plot.viewport(), Qt.MouseButton.RightButton,
                             pos=pos)
    finally:
        sys.excepthook = saved
    message = ("data.train_points = 1 is not allowed: at least 2 training points to remove "
               "one (one must remain)")
    assert warnings == [("Not allowed", message)] * 2 and dialogs == []
    assert len(session.dataset.raw_train) == 1 and session.dataset.raw_train[0] == \
        pytest.approx(point)


def test_landscape_opens_the_window_on_that_race(monkeypatch, qapp):
    """`--landscape NAME --racer … --start …` without --headless: the Landscape tab, that
    surface, those racers, that start; the network tab still holds the preset's run."""
    from gui.main_window import MainWindow
    seen = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)      # run() installs its own

    def look():
        window, = [w for w in QtWidgets.QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        race = window.modes.landscape.race
        seen.append((window.tabs.currentIndex(), race.landscape.name,
                     [s.text for s in race.specs], race.start.tolist(),
                     window.network.session.config.data.dataset))
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", look)
    assert main(["--preset", "miles-to-km", "--landscape", "booth", "--racer", "sgd:lr=0.01",
                 "--racer", "adam:lr=0.5", "--start", "-8,8"]) == 0
    assert seen == [(1, "booth", ["sgd:lr=0.01", "adam:lr=0.5"], [-8.0, 8.0], "miles-to-km")]
    seen.clear()
    assert main(["--landscape", "minima-1d"]) == 0           # its default racers and start
    from engine import landscapes
    from engine.race import default_specs
    assert seen == [(1, "minima-1d", default_specs("minima-1d"),
                     list(landscapes.get("minima-1d").start), "miles-to-km")]  # last lesson


def test_a_comparison_lesson_on_the_command_line_opens_its_runs_with_set_applied(
        monkeypatch, qapp):
    opened = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)      # run() installs its own
    monkeypatch.setattr(qapp, "exec", lambda: 0)
    monkeypatch.setattr("gui.compare.open_lesson",
                        lambda window, name, base: opened.append((name, base)) or True)
    assert main(["--preset", "lr-too-small", "--set", "training.seed=7"]) == 0
    (name, base), = opened
    assert name == "lr-too-small" and base.training.seed == 7
    assert base.optimizer.lr == presets.load("lr-too-small").optimizer.lr
    for widget in QtWidgets.QApplication.topLevelWidgets():
        widget.close()
