"""DataView: heatmap values, point counts, click signals, 1-D curves and neuron heatmaps."""
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from engine.datasets import GENERATORS, make_dataset
from engine.network import Network
from gui.plots.data_colors import class_color
from gui.plots.data_points import CURVE_POINTS, GRID
from gui.plots.data_view import DataView


def _data(name, features=("x1", "x2"), n=60):
    cfg = SimpleNamespace(dataset=name, n_samples=n, noise=0.1, train_fraction=0.5, seed=3,
                          features=features, n_classes=3)
    return make_dataset(cfg)


def _net(ds, hidden=(5, 4)):
    head = {"binary": "sigmoid", "multiclass": "softmax"}.get(ds.task, "identity")
    return Network.build([ds.n_features, *hidden, ds.y_train.shape[1]], "tanh", head, seed=1)


@pytest.fixture
def view(qtbot):
    v = DataView()
    qtbot.addWidget(v)
    v.resize(600, 500)
    v.show()
    qtbot.waitExposed(v)
    return v


def _shown(view, name, features=("x1", "x2")):
    ds = _data(name, features)
    net = _net(ds)
    view.set_dataset(ds)
    view.set_network(net)
    return ds, net


def _click(qtbot, view, x, y, button=Qt.MouseButton.LeftButton,
           modifier=Qt.KeyboardModifier.NoModifier):
    vb = view.plot.getPlotItem().vb
    pos = view.plot.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(view.plot.viewport(), button, modifier, pos)


def _pixel_size(view):
    vb = view.plot.getPlotItem().vb
    (x0, x1), (y0, y1) = vb.viewRange()
    return (x1 - x0) / vb.width(), (y1 - y0) / vb.height()


def test_binary_heatmap_equals_prediction_on_the_grid(view):
    ds, net = _shown(view, "circle", ("x1", "x2", "x1^2"))
    image = view.heatmap.image
    assert image.shape == (GRID, GRID)
    expected = net.predict(ds.expand(view.grid_raw))[:, 0].reshape(GRID, GRID)
    np.testing.assert_allclose(image, expected, rtol=1e-6, atol=1e-6)
    assert view.heatmap.levels is not None and list(view.heatmap.levels) == [0.0, 1.0]


def test_heatmap_rows_are_x2_and_columns_x1(view):
    _shown(view, "xor")
    g = view.grid_raw.reshape(GRID, GRID, 2)
    assert np.all(np.diff(g[0, :, 0]) > 0) and np.all(np.diff(g[:, 0, 1]) > 0)
    rect = view.heatmap.mapRectToView(view.heatmap.boundingRect())
    assert rect.left() == pytest.approx(-6.0) and rect.right() == pytest.approx(6.0)


def test_refresh_follows_new_weights(view):
    ds, net = _shown(view, "gauss")
    net.layers[-1].b.value[:] = 10.0       # everything becomes class 1
    view.refresh()
    assert view.heatmap.image.min() > 0.99


def test_scatter_counts_match_train_and_test(view):
    ds, _ = _shown(view, "spiral")
    assert len(view.train_points.data) == len(ds.raw_train) == 30
    assert len(view.test_points.data) == len(ds.raw_test) == 30
    np.testing.assert_allclose(view.train_points.data["x"], ds.raw_train[:, 0])


def test_hiding_test_points(view):
    _shown(view, "spiral")
    view.set_show_test(False)
    assert not view.test_points.isVisible() and view.train_points.isVisible()
    view.set_show_test(True)
    assert view.test_points.isVisible()


def test_multiclass_heatmap_is_coloured_by_argmax(view):
    ds, net = _shown(view, "blobs")
    image = view.heatmap.image
    assert image.shape == (GRID, GRID, 3) and image.dtype == np.uint8
    probs = net.predict(ds.expand(view.grid_raw))
    best = probs.argmax(axis=1)
    pixels = image.reshape(-1, 3).astype(float)
    colours = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)]
                        for c in (class_color(k) for k in range(3))], dtype=float)
    tint = 255.0 - pixels            # how far each pixel is from white, per channel
    ink = 255.0 - colours
    cos = tint @ ink.T / (np.linalg.norm(tint, axis=1, keepdims=True) * np.linalg.norm(ink, axis=1)
                          + 1e-9)
    sure = probs.max(axis=1) > 0.6
    assert sure.sum() > 100
    assert np.mean(cos[sure].argmax(axis=1) == best[sure]) > 0.98


def test_left_click_adds_class_1_at_the_clicked_point(qtbot, view):
    _shown(view, "circle")
    with qtbot.waitSignal(view.point_added) as sig:
        _click(qtbot, view, 2.0, -3.0)
    (x, y), target = sig.args[0]
    px, py = _pixel_size(view)
    assert abs(x - 2.0) <= 1.5 * px and abs(y + 3.0) <= 1.5 * py
    assert target == 1


def test_shift_click_adds_class_0(qtbot, view):
    _shown(view, "circle")
    with qtbot.waitSignal(view.point_added) as sig:
        _click(qtbot, view, -1.0, 1.0, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert sig.args[0][1] == 0


def test_multiclass_click_uses_the_chosen_class(qtbot, view):
    _shown(view, "blobs")
    view.set_click_class(2)
    with qtbot.waitSignal(view.point_added) as sig:
        _click(qtbot, view, 0.0, 0.0)
    assert sig.args[0][1] == 2


def test_the_class_chooser_sets_the_class_a_click_adds(qtbot, view):
    """Multi-class data: one button per class in its colour; the one clicked is added."""
    ds, _ = _shown(view, "blobs")
    chooser = view.class_chooser
    assert chooser.isVisible() and len(chooser.buttons) == ds.n_classes == 3
    for k, button in enumerate(chooser.buttons):
        assert class_color(k) in button.styleSheet() and button.text() == str(k)
    assert chooser.current == 1
    qtbot.mouseClick(chooser.buttons[2], Qt.MouseButton.LeftButton)
    assert chooser.current == 2
    with qtbot.waitSignal(view.point_added) as sig:
        _click(qtbot, view, 0.5, -0.5)
    assert sig.args[0][1] == 2
    qtbot.mouseClick(chooser.buttons[0], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.point_added) as sig:
        _click(qtbot, view, 0.5, -0.5)
    assert sig.args[0][1] == 0


def test_the_class_chooser_is_hidden_on_two_class_and_regression_data(view):
    for name in ("circle", "plane"):
        _shown(view, name)
        assert not view.class_chooser.isVisible() and view.class_chooser.buttons == []


def test_points_share_one_brush_per_class(view):
    ds, _ = _shown(view, "circle")
    brushes = view.train_points.data["brush"]
    assert len(brushes) == len(ds.x_train)
    assert len({id(b) for b in brushes}) == 2


def test_right_click_removes_the_nearest_training_point(qtbot, view):
    ds, _ = _shown(view, "gauss")
    target = ds.raw_train[4]
    with qtbot.waitSignal(view.point_removed) as sig:
        _click(qtbot, view, target[0] + 0.02, target[1] - 0.02, Qt.MouseButton.RightButton)
    np.testing.assert_allclose(sig.args[0], target)


def test_1d_regression_draws_the_prediction_curve(view):
    ds, net = _shown(view, "sine", ("x1",))
    x, y = view.curve.getData()
    assert len(x) == CURVE_POINTS
    np.testing.assert_allclose(y, net.predict(ds.expand(x[:, None]))[:, 0])
    assert view.train_points.data["y"] == pytest.approx(ds.y_train[:, 0])


def test_1d_regression_click_adds_the_clicked_point(qtbot, view):
    _shown(view, "sine", ("x1",))
    with qtbot.waitSignal(view.point_added) as sig:
        _click(qtbot, view, 1.0, 0.5)
    (x,), target = sig.args[0]
    px, py = _pixel_size(view)
    assert abs(x - 1.0) <= 1.5 * px and abs(target - 0.5) <= 1.5 * py


def test_2d_regression_click_adds_nothing(qtbot, view):
    _shown(view, "plane")
    with qtbot.assertNotEmitted(view.point_added):
        _click(qtbot, view, 1.0, 1.0)
    assert "regression" in view.plot.toolTip()


def test_show_neuron_paints_that_neurons_output(view):
    ds, net = _shown(view, "circle")
    view.show_neuron(1, 3)
    expected = net.neuron_outputs(ds.expand(view.grid_raw))[1][:, 3].reshape(GRID, GRID)
    np.testing.assert_allclose(view.heatmap.image, expected, rtol=1e-6, atol=1e-6)
    view.show_output()
    expected = net.predict(ds.expand(view.grid_raw))[:, 0].reshape(GRID, GRID)
    np.testing.assert_allclose(view.heatmap.image, expected, rtol=1e-6, atol=1e-6)


def test_network_with_other_inputs_is_not_drawn(view):
    ds = _data("circle")
    view.set_dataset(ds)
    view.set_network(Network.build([3, 4, 1], "tanh", "sigmoid"))
    assert view.heatmap.image is None


@pytest.mark.parametrize("name", list(GENERATORS))
def test_axis_labels_come_from_the_data_set_entry(view, name):
    one_d = GENERATORS[name].input_dim == 1
    _shown(view, name, ("x1",) if one_d else ("x1", "x2"))
    item = view.plot.getPlotItem()
    assert item.getAxis("bottom").labelText == GENERATORS[name].axes[0]
    assert item.getAxis("left").labelText == GENERATORS[name].axes[1]


def test_axis_labels_of_a_csv_file_are_its_column_names(view, tmp_path):
    path = tmp_path / "cars.csv"
    path.write_text("speed,stop\n10,2\n20,6\n30,12\n")
    ds = make_dataset(SimpleNamespace(dataset="csv", csv_path=str(path), n_samples=3))
    view.set_dataset(ds)
    item = view.plot.getPlotItem()
    assert (item.getAxis("bottom").labelText, item.getAxis("left").labelText) == ("speed", "stop")


def test_a_network_that_does_not_fit_the_data_draws_nothing_and_warns_nothing(view, recwarn):
    """While a lesson swaps data and network, a 1-output net never meets 3-class data."""
    blobs = make_dataset(SimpleNamespace(dataset="blobs", n_samples=60, n_classes=3, seed=0))
    view.set_dataset(blobs)
    view.set_network(Network.build([2, 4, 1], "tanh", "sigmoid", seed=0))
    view.refresh()
    assert view.heatmap.image is None and len(recwarn) == 0
    view.set_network(Network.build([2, 4, 3], "tanh", "softmax", seed=0))
    view.refresh()
    assert view.heatmap.image.shape == (60, 60, 3)


def _drawn_pixels(view) -> np.ndarray:
    """The heatmap as pyqtgraph renders it (levels and lookup table applied), RGB."""
    view.heatmap.render()
    q = view.heatmap.qimage.convertToFormat(view.heatmap.qimage.Format.Format_RGB888)
    return np.frombuffer(q.constBits(), np.uint8).reshape(q.height(), q.bytesPerLine())[
        :, :q.width() * 3].reshape(q.height(), q.width(), 3)


def test_four_classes_after_a_binary_lesson_draws_the_same_regions_as_on_its_own(qtbot, view):
    """The bug: the binary map's levels (0, 1) stayed on the ImageItem and turned the RGB
    class image white."""
    ds = _data("blobs")
    net = _net(ds)
    fresh = DataView()
    qtbot.addWidget(fresh)
    fresh.set_dataset(ds)
    fresh.set_network(net)
    alone = _drawn_pixels(fresh)
    assert (alone.reshape(-1, 3) < 240).any(axis=1).mean() > 0.3    # tinted regions
    _shown(view, "circle")
    view.set_dataset(ds)
    view.set_network(net)
    np.testing.assert_array_equal(_drawn_pixels(view), alone)
