"""Each test's Compare with… dialog closes with it (a window-modal dialog left open would be
the next test's active modal widget)."""
from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from gui.compare.dialog import CompareDialog


@pytest.fixture(autouse=True)
def close_dialogs():
    """Asks Qt for the active modal widget only. Listing every top-level widget here, after the
    window's teardown, crashed about one run in eight (SIGSEGV/SIGABRT inside
    topLevelWidgets(): wrapping a widget Qt was destroying)."""
    yield
    modal = QtWidgets.QApplication.activeModalWidget()
    if isinstance(modal, CompareDialog) and modal.isVisible():
        modal.reject()
