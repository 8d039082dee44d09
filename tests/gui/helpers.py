"""Shared helpers for the GUI tests: a themed app and a window on a preset."""
from __future__ import annotations

import time

from PySide6 import QtCore, QtWidgets


def wait_until(condition, timeout: float = 5.0) -> bool:
    """Process events until condition() holds; False on timeout."""
    app = QtWidgets.QApplication.instance()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        app.processEvents(QtCore.QEventLoop.AllEvents, 10)
    return condition()


def spin(seconds: float) -> None:
    wait_until(lambda: False, seconds)
