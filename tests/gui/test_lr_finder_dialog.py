"""The range-test dialog: the curve shown, and a suggestion applied live to the run."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from gui.lr_finder_dialog import RangeTestRun
from tests.gui.helpers import spin, wait_until


def test_dialog_shows_the_curve_and_using_a_suggestion_sets_the_lr_live(window):
    window.network.session.controller.step(15)
    assert wait_until(lambda: not window.network.session.controller.running, 5)
    assert len(window.network.session.history) == 15
    window.network.paint_now()                  # the weights after step 15 are drawn
    run_id, weights = window.network.session.controller.run_id, window.network.session.net.state_dict()
    run = RangeTestRun(window.network, show=False)
    assert wait_until(lambda: run.dialog is not None, 20)
    dialog = run.dialog
    result = dialog.result
    assert run.updates == len(result.lrs) and run.progress.maximum() == 100
    x, y = dialog.smooth.getData()
    assert len(x) == len(result.lrs) > 50
    assert dialog.buttons["valley"].text() == f"Use valley: γ = {result.valley:.2g}"
    dialog.buttons["valley"].click()
    assert window.network.session.config.optimizer.lr == pytest.approx(result.valley)
    assert window.network.optimizer_panel.lr.value() == pytest.approx(result.valley, rel=1e-6)
    assert window.network.session.controller.run_id == run_id and len(window.network.session.history) == 15   # no reset
    assert all((weights[k] == window.network.session.net.state_dict()[k]).all() for k in weights)
    window.network.session.controller.step()
    assert wait_until(lambda: len(window.network.session.history) == 16, 5)
    assert window.network.session.history.column("lr")[-1] == pytest.approx(result.valley, rel=1e-6)


def test_the_range_test_runs_beside_the_window_and_cancel_stops_it(window):
    """The GUI thread is not blocked while the test runs (a timer ticks); Cancel ends it
    after the update in progress, with no dialog and the run untouched."""
    ticks, finished = [], []
    run = RangeTestRun(window.network, num_it=10_000, show=False)
    run.finished.connect(finished.append)
    timer = QtCore.QTimer(interval=5, timeout=lambda: ticks.append(run.updates))
    timer.start()
    assert wait_until(lambda: run.updates >= 20, 20)
    run.progress.findChild(QtWidgets.QPushButton).click()       # Cancel
    assert wait_until(lambda: finished == [None], 10)
    timer.stop()
    assert run.dialog is None and run.wait(1000)
    assert ticks and max(ticks) < 10_000        # the window's timer ran during the test
    assert 20 <= run.updates < 10_000
    spin(0.05)
    assert len(window.network.session.history) == 0
