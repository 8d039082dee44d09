"""data_points: the grid, point coordinates and colours, legend and click targets, in numbers."""
from types import SimpleNamespace

import numpy as np

from gui.plots.data_points import (
    COLOR_LEVELS,
    CURVE_POINTS,
    GRID,
    added_point,
    grid_points,
    legend_html,
    nearest_train_point,
    plot_coords,
    point_colors,
    target_levels,
)


def _ds(input_dim=2, task="binary", raw_train=None, y_train=None, raw_test=None, labels=None):
    raw_train = np.array([[0.0, 0.0], [2.0, 1.0], [4.0, 4.0]])[:, :input_dim] \
        if raw_train is None else raw_train
    y_train = np.array([[0.0], [1.0], [1.0]]) if y_train is None else y_train
    raw_test = np.zeros((0, input_dim)) if raw_test is None else raw_test
    return SimpleNamespace(input_dim=input_dim, task=task, n_classes=2,
                           view_box=((0.0, 4.0), (-2.0, 2.0)), raw_train=raw_train,
                           y_train=y_train, raw_test=raw_test, y_test=np.zeros((len(raw_test), 1)),
                           labels_train=labels)


def test_grid_is_cell_centres_in_2d_and_a_line_in_1d():
    g = grid_points(_ds())
    assert g.shape == (GRID * GRID, 2)
    assert np.allclose(g[0], [2.0 / GRID, -2.0 + 2.0 / GRID])       # half a cell in
    assert np.allclose(g[1, 1], g[0, 1]) and g[GRID, 1] > g[0, 1]   # row = y, column = x
    line = grid_points(_ds(input_dim=1))
    assert line.shape == (CURVE_POINTS, 1)
    assert (line[0, 0], line[-1, 0]) == (0.0, 4.0)
    assert grid_points(_ds(input_dim=3, raw_train=np.zeros((3, 3)))).shape == (0, 3)


def test_target_levels_and_plot_coords():
    ds = _ds(input_dim=1, y_train=np.array([[-1.5], [0.5], [3.0]]))
    assert target_levels(ds) == (-1.5, 3.0)
    assert np.array_equal(plot_coords(ds, ds.raw_train, ds.y_train),
                          [[0.0, -1.5], [2.0, 0.5], [4.0, 3.0]])
    empty = _ds(raw_train=np.zeros((0, 2)), y_train=np.zeros((0, 1)))
    assert target_levels(empty) == (0.0, 1.0)


def test_regression_colours_index_a_shared_table():
    ds = _ds(task="regression", y_train=np.array([[0.0], [0.5], [1.0]]))
    index, table = point_colors(ds, ds.y_train, None, (0.0, 1.0))
    assert list(index) == [0, round(0.5 * (COLOR_LEVELS - 1)), COLOR_LEVELS - 1]
    assert len(table) == COLOR_LEVELS
    index, table = point_colors(ds, ds.y_train, np.array([1, 0, 1]), (0.0, 1.0))
    assert list(index) == [1, 0, 1] and len(table) == 2


def test_legend_names_classes_test_and_the_fit():
    text = legend_html(_ds(input_dim=1, task="regression", raw_test=np.zeros((2, 1))))
    assert [t in text for t in ("train", "test", "network")] == [True, True, True]
    text = legend_html(_ds(labels=np.array([0, 1, 1])))
    assert "class 0" in text and "class 1" in text and "network" not in text


def test_what_a_click_adds_and_removes():
    assert added_point(_ds(), 1.0, 2.0, False, 0) == ((1.0, 2.0), 1)
    assert added_point(_ds(), 1.0, 2.0, True, 0) == ((1.0, 2.0), 0)
    assert added_point(_ds(task="multiclass"), 1.0, 2.0, False, 2) == ((1.0, 2.0), 2)
    assert added_point(_ds(input_dim=1, task="regression"), 1.0, 2.5, False, 0) == ((1.0,), 2.5)
    assert added_point(_ds(task="regression"), 1.0, 2.0, False, 0) is None
    assert nearest_train_point(_ds(), 2.2, 0.9) == (2.0, 1.0)
    assert nearest_train_point(_ds(raw_train=np.zeros((0, 2)), y_train=np.zeros((0, 1))),
                               1.0, 1.0) is None
