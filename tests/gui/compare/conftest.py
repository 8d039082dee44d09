"""Each test's Compare with… dialog closes with it (a window-modal dialog left open would be
the next test's active modal widget)."""
from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from gui.compare.dialog import CompareDialog


@pytest.fixture(autouse=True)
def close_dialogs():
    yield
    for widget in QtWidgets.QApplication.topLevelWidgets():
        if isinstance(widget, CompareDialog) and widget.isVisible():
            widget.reject()
