"""gui.app: one dialog per kind of error, never a storm."""
from __future__ import annotations

from PySide6 import QtWidgets

from gui import app as gui_app


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
