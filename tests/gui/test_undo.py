"""Edit → Undo (Ctrl+Z): a change that started a new run is taken back, weights and curves."""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.gui.helpers import wait_until


def trained(window, n: int) -> None:
    session = window.network.session
    session.controller.step(n)
    assert wait_until(lambda: len(session.history) == n and not session.controller.running, 10)
    window.network.paint_now()


def first_weight(window) -> float:
    return float(window.network.session.controller.trainer.network.parameters()[0].value[0, 0])


def test_undo_brings_back_the_replaced_run_with_its_weights_and_curves(window, qtbot):
    qtbot.waitExposed(window)
    trained(window, 120)
    session = window.network.session
    w, loss = first_weight(window), session.history.column("loss").copy()
    assert not window.actions["undo"].isEnabled()             # nothing replaced yet
    window.network.edit_config({"loss.name": "hinge"})        # a new run
    assert len(session.history) == 0 and session.config.loss.name == "hinge"
    assert window.actions["undo"].text() == "Undo: back to Spiral with Adam at step 120"
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is not None, 3)
    QTest.keyClick(QtWidgets.QApplication.focusWidget(), Qt.Key_Z, Qt.ControlModifier)
    assert session.config.loss.name == "bce"
    assert session.controller.trainer.step_count == 120 and len(session.history) == 120
    np.testing.assert_array_equal(session.history.column("loss"), loss)
    assert first_weight(window) == w
    assert len(window.network.loss_plot.batch.getData()[0]) == 120     # the curve is back
    trained_on = session.controller.trainer
    session.controller.step(5)                                 # it trains on from step 120
    assert wait_until(lambda: trained_on.step_count == 125 and len(session.history) == 125, 5)


def test_undo_swaps_so_a_second_undo_returns_to_the_newer_run(window):
    trained(window, 40)
    window.network.edit_config({"optimizer.name": "sgd", "optimizer.params": {}})
    trained(window, 15)
    window.undo_run()
    session = window.network.session
    assert session.config.optimizer.name == "adam" and session.controller.trainer.step_count == 40
    window.undo_run()
    assert session.config.optimizer.name == "sgd" and session.controller.trainer.step_count == 15
    assert window.network.optimizer_panel.menu.currentText() == "SGD"


def test_a_run_that_never_trained_is_not_kept(window):
    window.network.edit_config({"loss.name": "hinge"})
    assert window.network.undo.kept is None and not window.actions["undo"].isEnabled()
    assert window.network.undo_run() is False


def test_undo_after_reset_and_after_a_lesson(window):
    trained(window, 30)
    window.modes.reset()
    assert len(window.network.session.history) == 0
    window.undo_run()
    assert window.network.session.controller.trainer.step_count == 30
    window.open_lesson("miles-to-km")
    assert window.lesson == "miles-to-km"
    window.undo_run()
    assert window.network.session.controller.trainer.step_count == 30
    assert window.lesson == "default" and window.windowTitle().endswith("Spiral with Adam")
    assert window.caption.title.text() == "Spiral with Adam"      # the caption follows
