"""Right-click a weight: the chain-rule dialog for it, on any training example."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent

from tests.gui.helpers import wait_until


def test_right_click_on_a_connection_asks_for_its_chain_rule(window, qtbot):
    view = window.network.network_view
    asked = []
    view.chain_rule_requested.connect(lambda *a: asked.append(a))
    item = view.connections[5]
    point = QPointF(view.mapFromScene(item.path().pointAtPercent(0.5)))
    press = QMouseEvent(QEvent.MouseButtonPress, point, view.viewport().mapToGlobal(point),
                        Qt.MouseButton.RightButton, Qt.MouseButton.RightButton,
                        Qt.KeyboardModifier.NoModifier)
    view.mousePressEvent(press)          # (QTest's clicks leave global mouse state behind)
    assert asked == [(item.layer, item.out, item.source)]


def test_dialog_shows_factors_whose_product_is_backprops_gradient(window):
    window.network.session.controller.step(10)
    assert wait_until(lambda: len(window.network.session.history) == 10, 5)
    window.network.paint_now()
    dialog = window.network.explain_weight(1, 3, 2)
    r = dialog.result
    assert r.weight == "layer1.weight[3, 2]" and r.sample == 0
    assert [f.symbol for f in r.factors] == ["∂J/∂a", "∂a/∂z", "∂z/∂w"]
    assert r.nudged == pytest.approx(r.gradient, rel=1e-5)
    assert "Nudge check" in dialog.text.text() and "layer1.weight[3, 2]" in dialog.text.text()
    dialog.sample.setValue(12)
    assert dialog.result.sample == 12 and "training example 12" in dialog.text.text()
    assert wait_until(lambda: not window.network.session.controller.running, 3)    # it paused training
    dialog.close()


def test_one_chain_rule_dialog_at_a_time_and_it_closes_with_the_window(window):
    first = window.network.explain_weight(0, 0, 0)
    second = window.network.explain_weight(1, 0, 0)
    assert not first.isVisible() and second.isVisible()
    window.close()
    assert not second.isVisible()


def test_enter_in_the_example_field_applies_it_and_keeps_the_dialog_open(window, qtbot):
    """Keys go to the example field (offscreen, a new dialog does not take the focus)."""
    from PySide6.QtTest import QTest
    dialog = window.network.explain_weight(1, 3, 2)
    qtbot.waitExposed(dialog)
    field = dialog.sample
    field.setFocus()
    field.selectAll()
    for key in (Qt.Key_1, Qt.Key_7):
        QTest.keyClick(field, key)
    assert field.text() == "17" and dialog.result.sample == 0     # typed, not applied yet
    QTest.keyClick(field, Qt.Key_Return)
    assert dialog.isVisible() and dialog.result.sample == 17
    assert "training example 17" in dialog.text.text()
    dialog.close()


def test_a_saturated_sigmoid_shows_p_minus_y_and_the_same_slope(qtbot):
    """BCE, gauss, no hidden layer, w = [−6, −6], example 146: 1 × (−5.404) = −5.404."""
    from gui.chain_rule_dialog import ChainRuleDialog
    from tests.engine.test_chain_rule import _gauss_with_weights_minus_six
    trainer = _gauss_with_weights_minus_six()
    dialog = ChainRuleDialog(trainer.network, trainer.loss, trainer.dataset, 0, 0, 0)
    qtbot.addWidget(dialog)
    dialog.sample.setValue(146)
    text = dialog.text.text()
    assert "= 1 × (−5.404) = <b>−5.404</b>" in text and "1e+12" not in text
    assert "(inf) × 0" not in text and "inf × 0" in text and "p has rounded to 1" in text
    assert "gives <b>−5.404</b> — the same slope" in text


def test_a_saturated_tanh_says_how_far_apart_and_why(qtbot):
    import numpy as np

    from engine import losses
    from engine.chain_rule import explain
    from engine.layers import Dense
    from engine.network import Network
    from gui.chain_rule_dialog import verdict
    net = Network([Dense(np.array([[10.0]]), None, "tanh", "layer0"),
                   Dense(np.array([[1.0]]), None, "identity", "layer1")], "identity")
    r = explain(net, losses.create("mse"), np.array([[1.0]]), np.array([[5.0]]), 0, 0, 0)
    text = verdict(r)
    assert "same slope" not in text
    assert text.startswith("1.545e−09 away from the product (2.342% of it).")
    assert "about ±3.553e−08" in text and "∂a/∂z = 8.245e−09" in text
