"""GUI test fixtures: the main window on the default preset, closed cleanly after each test."""
from __future__ import annotations

import pytest

from gui import app as gui_app
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    gui_app.make_app()
    config, title = gui_app.load_config("default", None)
    w = MainWindow(config, title)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.show()
    yield w
    w.close()
    assert not w.network.session.controller.thread.isRunning()
