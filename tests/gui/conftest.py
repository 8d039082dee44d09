"""GUI test fixtures: the main window on the default preset, closed cleanly after each test."""
from __future__ import annotations

import pytest

from gui import app as gui_app
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    gui_app.make_app()
    config, title = gui_app.load_config("default", None)
    main_window = MainWindow(config, title)
    qtbot.addWidget(main_window)
    main_window.resize(1280, 720)
    main_window.show()
    yield main_window
    main_window.close()
    assert not main_window.network.session.controller.thread.isRunning()
