"""GUI test fixtures: the main window on the default preset, closed cleanly after each test."""
from __future__ import annotations

import pytest
from PySide6 import QtCore

from gui import app as gui_app
from gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def settings_folder(tmp_path):
    """Each test's window reads and writes its QSettings in a folder of its own: what one
    test's window remembers never reaches another's."""
    folder = str(tmp_path / "settings")
    for kind in (QtCore.QSettings.IniFormat, QtCore.QSettings.NativeFormat):
        QtCore.QSettings.setPath(kind, QtCore.QSettings.UserScope, folder)
    return folder


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


@pytest.fixture
def landscape(qtbot):
    """The Landscape tab on its own, on Rosenbrock, shown at 1280×720."""
    from gui.landscape import LandscapeMode
    m = LandscapeMode("rosenbrock")
    qtbot.addWidget(m)
    m.resize(1280, 720)
    m.show()
    qtbot.waitExposed(m)
    return m
