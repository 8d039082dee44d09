"""gui.app: the config (with --set) is loaded before any window; one dialog per kind of error."""
from __future__ import annotations

import sys

from PySide6 import QtWidgets

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
        def __init__(self, config, title, lesson=None):
            opened.append((config, title, lesson))

        def resize(self, *size):
            pass

        def show(self):
            pass

    monkeypatch.setattr("gui.main_window.MainWindow", Window)
    monkeypatch.setattr(qapp, "exec", lambda: 0)
    assert main(["--preset", "miles-to-km", "--set", "optimizer.lr=0.0125"]) == 0
    (config, title, lesson), = opened
    assert config.optimizer.lr == 0.0125 and config.data.dataset == "miles-to-km"
    assert lesson == "miles-to-km"          # its caption and speed are shown


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
