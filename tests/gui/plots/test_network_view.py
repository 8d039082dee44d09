"""NetworkView: one item per weight, pens follow the weights, tooltips, editing and hover."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QInputDialog

from engine.network import Network
from gui.plots.network_view import MAX_SHOWN, NetworkView
from gui.plots.palette import NEGATIVE, POSITIVE


@pytest.fixture
def view(qtbot):
    v = NetworkView()
    qtbot.addWidget(v)
    v.resize(600, 500)
    v.show()
    qtbot.waitExposed(v)
    return v


def _shown(view, sizes=(2, 8, 8, 1)):
    net = Network.build(list(sizes), "tanh", "sigmoid", seed=2)
    view.set_feature_names(("x1", "x2", "x1^2")[:sizes[0]])
    view.set_network(net)
    return net


def _item(view, layer, out, source):
    return next(c for c in view.connections if (c.layer, c.out, c.source) == (layer, out, source))


def _hue(item) -> int:
    """Pens are the sign's colour faded towards white: the hue stays the sign's."""
    return item.pen().color().hsvHue()


def _viewport_pos(view, item) -> QPoint:
    """A viewport point on the item (neuron centre, or the middle of a connection)."""
    if hasattr(item, "index"):
        return view.mapFromScene(item.pos())
    return view.mapFromScene(item.path().pointAtPercent(0.5))


def test_one_connection_item_per_weight(view):
    _shown(view, (2, 8, 8, 1))
    assert len(view.connections) == 2 * 8 + 8 * 8 + 8 * 1
    assert len(view.neurons) == 2 + 8 + 8 + 1


def test_wide_layers_draw_their_first_neurons_only(view):
    _shown(view, (2, 20, 1))
    shown = MAX_SHOWN - 1
    assert len(view.connections) == 2 * shown + shown * 1
    assert (0, shown - 1) in view.neurons and (0, shown) not in view.neurons


def test_sign_flip_flips_the_pen_colour(view):
    net = _shown(view)
    w = net.layers[1].w.value
    w[3, 5] = 0.7
    view.refresh()
    item = _item(view, 1, 3, 5)
    assert _hue(item) == pytest.approx(QColor(POSITIVE).hsvHue(), abs=3)
    w[3, 5] = -0.7
    view.refresh()
    assert _hue(item) == pytest.approx(QColor(NEGATIVE).hsvHue(), abs=3)
    assert item.pen().widthF() == pytest.approx(3.0)


def test_larger_weights_draw_thicker_but_capped(view):
    net = _shown(view)
    net.layers[0].w.value[0, 0] = 0.1
    net.layers[0].w.value[1, 0] = 2.0
    net.layers[0].w.value[2, 0] = 1e6
    view.refresh()
    widths = [_item(view, 0, o, 0).pen().widthF() for o in range(3)]
    assert widths[0] < widths[1] < widths[2] == 10.0
    assert _item(view, 0, 2, 0).pen().color().rgb() == QColor(POSITIVE).rgb()


def test_connection_tooltip_names_the_weight_and_its_gradient(view):
    net = _shown(view)
    net.layers[0].w.value[2, 1] = 0.4312
    grad = np.zeros((8, 2))
    grad[2, 1] = -0.0123
    view.refresh({"layer0.weight": grad})
    text = view.connection_tooltip(_item(view, 0, 2, 1))
    assert text.splitlines() == ["layer0.weight[2, 1] = 0.4312, grad = −0.0123",
                                 "click: type a new weight · right-click: its chain rule"]


def test_tooltip_event_finds_the_connection_under_the_mouse(view):
    _shown(view, (2, 1, 1))
    item = _item(view, 1, 0, 0)
    assert view.item_at(_viewport_pos(view, item)) is item


def test_clicking_a_connection_edits_its_weight(qtbot, view, monkeypatch):
    net = _shown(view, (2, 1, 1))
    asked = []

    def fake_get_double(parent, title, label, value, *args):
        asked.append((label, value))
        return 1.25, True

    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(fake_get_double))
    with qtbot.waitSignal(view.weight_edited) as sig:
        pos = _viewport_pos(view, _item(view, 1, 0, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert sig.args == ["layer1.weight", (0, 0), 1.25]
    assert "layer1.weight[0, 0]" in asked[0][0]
    assert asked[0][1] == pytest.approx(net.layers[1].w.value[0, 0])


def test_cancelled_edit_emits_nothing(qtbot, view, monkeypatch):
    _shown(view, (2, 1, 1))
    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(lambda *a: (0.0, False)))
    with qtbot.assertNotEmitted(view.weight_edited):
        pos = _viewport_pos(view, _item(view, 1, 0, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_hovering_a_neuron_emits_its_layer_and_index(qtbot, view):
    _shown(view)
    qtbot.mouseMove(view.viewport(), QPoint(2, 2))     # off every neuron first: the pointer
    qtbot.wait(20)                                     # may rest where an earlier test left it
    with qtbot.waitSignal(view.neuron_hovered) as sig:
        qtbot.mouseMove(view.viewport(), _viewport_pos(view, view.neurons[(1, 4)]))
    assert sig.args == [1, 4]
    with qtbot.waitSignal(view.neuron_left):
        qtbot.mouseMove(view.viewport(), QPoint(2, 2))


def test_neuron_tooltip_shows_the_bias(view):
    net = _shown(view)
    net.layers[0].b.value[3] = -0.5
    assert view.neuron_tooltip(view.neurons[(0, 3)]) == "layer0 neuron 3 (tanh), bias = −0.5000"


def test_refresh_skips_unchanged_pens(view):
    net = _shown(view)
    view.refresh()
    pens = [c.pen() for c in view.connections]
    net.layers[0].w.value[0, 0] += 1e-9
    view.refresh()
    assert all(c.pen() == p for c, p in zip(view.connections, pens, strict=True))


def test_a_typed_weight_recomputes_the_status_loss_at_once(qtbot, window, monkeypatch):
    """Paused after one step: the status's loss is the edited weights' training loss."""
    from engine.trainer import evaluate
    mode = window.network
    s = mode.session
    mode.step_once()
    qtbot.waitUntil(lambda: s.last_batch is not None, timeout=10000)
    mode.paint_now()
    before = window.status.text()
    edited = s.net.copy()
    edited.layers[0].w.value[0, 0] = 3.0
    want = evaluate(edited, s.loss, s.dataset)
    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(lambda *a: (3.0, True)))
    view = mode.network_view
    pos = _viewport_pos(view, _item(view, 0, 0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: f"loss {want.train_loss:.4g}" in window.status.text(), timeout=5000)
    text = window.status.text()
    assert text != before and text.startswith("step 1 ")
    assert f"train {want.train_loss:.4g}" in text and f"test {want.test_loss:.4g}" in text
    assert s.net.layers[0].w.value[0, 0] == 3.0
