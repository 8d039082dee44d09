"""The bottom row's comparison hooks: the compared plots take the run's places, at their sizes,
and the row comes back as it was."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from gui.network.bottom_row import BottomRow


@pytest.fixture
def row(qtbot):
    window = QtWidgets.QWidget()                          # the tab the row lives in
    splitter = QtWidgets.QSplitter(QtCore.Qt.Horizontal)
    QtWidgets.QVBoxLayout(window).addWidget(splitter)
    views = [QtWidgets.QWidget() for _ in range(3)]       # gradient, LR, network view
    for view in views:
        splitter.addWidget(view)
    qtbot.addWidget(window)
    window.resize(900, 300)
    window.show()
    qtbot.waitExposed(window)
    row = BottomRow(splitter, *views)
    splitter.setSizes([400, 200, 300, 0])
    yield row, views                  # (the tab stays alive, with everything in it, until here)


def _sizes(splitter) -> list[int]:
    """The sizes once the splitter has laid out its shown and hidden widgets."""
    QtWidgets.QApplication.processEvents()
    return splitter.sizes()


def test_compared_plots_take_the_run_plots_places_at_their_sizes(row):
    row, (gradient, lr, network) = row
    before = _sizes(row.splitter)
    compared = QtWidgets.QWidget(), QtWidgets.QWidget()
    row.show_compare_plots(*compared)
    widgets = [row.splitter.widget(i) for i in range(row.splitter.count())]
    assert widgets == [compared[0], gradient, compared[1], lr, network, row.miles_panel]
    assert _sizes(row.splitter) == [before[0], 0, before[1], 0, before[2], 0]
    assert all(p.isVisible() for p in compared) and not (gradient.isVisible() or lr.isVisible())


def test_restoring_gives_the_row_its_widgets_and_sizes_back_each_time(row):
    row, (gradient, lr, network) = row
    before = _sizes(row.splitter)
    for _ in range(3):                       # one comparison after another
        compared = QtWidgets.QWidget(), QtWidgets.QWidget()
        row.show_compare_plots(*compared)
        row.restore_single_plots()
        assert _sizes(row.splitter) == before and row.splitter.count() == 4
        # out of the splitter, hidden under its parent (never a parentless window)
        assert all(p.parent() is row.splitter.parentWidget() and p.isHidden() for p in compared)
        assert gradient.isVisible() and lr.isVisible()
    row.restore_single_plots()               # nothing to restore: nothing changes
    assert _sizes(row.splitter) == before


def test_a_hidden_run_plot_stays_hidden_and_so_does_its_compared_plot(row):
    row, (gradient, lr, network) = row
    lr.hide()
    compared = QtWidgets.QWidget(), QtWidgets.QWidget()
    row.show_compare_plots(*compared)
    assert compared[0].isVisible() and compared[1].isHidden()
    row.restore_single_plots()
    assert gradient.isVisible() and lr.isHidden()
