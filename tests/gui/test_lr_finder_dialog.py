"""The range-test dialog: the curve shown, and a suggestion applied live to the run."""
from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from gui.lr_finder_dialog import RangeTestRun
from tests.gui.helpers import spin, wait_until


def run_range_test(mode):
    """The range test's dialog, once the test beside the window has ended."""
    run = RangeTestRun(mode, show=False)
    assert wait_until(lambda: run.dialog is not None, 20)
    return run.dialog


def test_dialog_shows_the_curve_and_using_a_suggestion_sets_the_lr_live(window):
    assert window.open_lesson("miles-to-km")           # a curve with a real fall (46%)
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


def test_the_default_lesson_is_too_flat_and_suggests_nothing(window):
    dialog = run_range_test(window.network)
    assert dialog.result.too_flat and dialog.result.fall == pytest.approx(0.0273, abs=1e-4)
    assert "Too flat to suggest anything" in dialog.caption.text()
    assert "falls only 2.7% below where it starts (under 5%)" in dialog.caption.text()
    assert not any(b.isEnabled() for b in dialog.buttons.values()) and dialog.marks == []
    assert "valley" not in dialog.panel.legend.text() and "smoothed" in dialog.panel.legend.text()


def test_the_test_starts_from_the_runs_initial_weights_or_the_current_ones(window):
    from engine.lr_finder import find_lr
    from engine.trainer import Trainer
    assert window.open_lesson("miles-to-km")
    session = window.network.session
    fresh = Trainer(session.config).network.state_dict()
    session.controller.step(40)
    assert wait_until(lambda: len(session.history) == 40, 5)
    def trained() -> bool:
        window.network.paint_now()
        return session.net.state_dict()["layer0.weight"][0, 0] > 1.0     # trained: w ≈ 1.6
    assert wait_until(trained, 5)
    assert session.initial_weights["layer0.weight"] == fresh["layer0.weight"]
    dialog = run_range_test(window.network)
    assert dialog.start.currentData() == "initial"
    first = find_lr(session.config, fresh, session.dataset)
    assert dialog.result.smoothed.tolist() == first.smoothed.tolist()
    dialog.start.setCurrentIndex(dialog.start.findData("current"))
    assert not dialog.start.isEnabled()                   # busy beside the window …
    assert dialog.result.smoothed.tolist() == first.smoothed.tolist()   # … the old one shown
    assert wait_until(lambda: dialog.test is None, 20)
    now = find_lr(session.config, session.net.state_dict(), session.dataset)
    assert dialog.result.smoothed.tolist() == now.smoothed.tolist()
    assert dialog.result.smoothed[0] < first.smoothed[0] / 10     # trained: a far lower start
    assert dialog.start.isEnabled() and dialog.shown_start == "current"


def test_switching_the_start_runs_beside_the_window_and_cancel_keeps_the_shown_test(window):
    """The re-run is off the GUI thread like the first run: a timer ticks meanwhile; its
    progress dialog's Cancel leaves the first result and its start chosen."""
    dialog = run_range_test(window.network)
    first = dialog.result.smoothed.tolist()
    dialog.num_it = 10_000                      # long enough to cancel half-way
    dialog.start.setCurrentIndex(dialog.start.findData("current"))
    test, ticks = dialog.test, []
    timer = QtCore.QTimer(interval=5, timeout=lambda: ticks.append(test.updates))
    timer.start()
    assert wait_until(lambda: test.updates >= 20 and ticks, 20)    # the timer ticked too
    test.progress.findChild(QtWidgets.QPushButton).click()       # Cancel
    assert wait_until(lambda: dialog.test is None, 10)
    timer.stop()
    assert ticks and max(ticks) < 10_000 and 20 <= test.updates < 10_000
    assert dialog.start.currentData() == "initial" == dialog.shown_start
    assert dialog.result.smoothed.tolist() == first and dialog.start.isEnabled()


def test_the_three_labels_are_at_three_heights_in_the_order_of_their_lines(window):
    assert window.open_lesson("miles-to-km")
    dialog = run_range_test(window.network)
    lines = sorted(dialog.marks, key=lambda line: line.value())
    heights = [line.label.orthoPos for line in lines]
    assert len(lines) == 3 and heights == sorted(heights, reverse=True)
    assert min(a - b for a, b in zip(heights, heights[1:])) >= 0.15 - 1e-9


def test_from_the_landscape_tab_it_switches_to_the_network_run(window, monkeypatch):
    from gui.lr_finder_dialog import LrFinderDialog
    shown = []
    monkeypatch.setattr(LrFinderDialog, "open", lambda self: shown.append(self.result))
    window.set_mode(1)
    window.actions["find_lr"].trigger()
    assert window.tabs.currentIndex() == 0
    assert wait_until(lambda: len(shown) == 1, 20)       # it runs beside the window
    assert "switched to Network training" in window.statusBar().currentMessage()


def test_closing_the_dialog_during_a_re_run_stops_it(window):
    dialog = run_range_test(window.network)
    dialog.num_it = 10_000
    dialog.start.setCurrentIndex(dialog.start.findData("current"))
    test = dialog.test
    assert wait_until(lambda: test.updates >= 5, 20)
    dialog.reject()
    assert test.cancelled and not test.runner.isRunning() and test.updates < 10_000
