"""What DataView draws from a Dataset: the evaluation grid, where each point sits and in which
colour, the legend line, and what a click adds or removes. Plain functions of the data set (no
widget state), so the view only keeps the Qt items."""
from __future__ import annotations

import numpy as np

from gui.plots.data_colors import class_color, sequential_cmap

GRID = 60            # heatmap cells per side (2-D data)
COLOR_LEVELS = 32    # point colours of a regression target (one shared brush per level)
CURVE_POINTS = 200   # samples of the fitted curve (1-D data)
OUTLINE = "#222222"
FIT = "#D55E00"          # the fitted curve (vermillion)


def grid_points(ds) -> np.ndarray:
    """Raw points where the prediction is evaluated: a line (1-D) or GRID x GRID cell centres
    (2-D, row = y, column = x); none for other input sizes."""
    (x0, x1), (y0, y1) = ds.view_box
    if ds.input_dim == 1:
        return np.linspace(x0, x1, CURVE_POINTS)[:, None]
    if ds.input_dim == 2:
        dx, dy = (x1 - x0) / GRID, (y1 - y0) / GRID
        xs = np.linspace(x0 + dx / 2, x1 - dx / 2, GRID)
        ys = np.linspace(y0 + dy / 2, y1 - dy / 2, GRID)
        gx, gy = np.meshgrid(xs, ys)
        return np.column_stack([gx.ravel(), gy.ravel()])
    return np.zeros((0, ds.input_dim))


def target_levels(ds) -> tuple[float, float]:
    """The smallest and largest target over train and test (0..1 when there are none)."""
    y = np.concatenate([ds.y_train, ds.y_test])[:, 0]
    return (float(y.min()), float(y.max())) if y.size else (0.0, 1.0)


def plot_coords(ds, raw: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Where points sit in the plot: (x1, x2), or (x, target) for 1-D data."""
    if ds.input_dim == 1:
        return np.column_stack([raw[:, 0], y[:, 0]])
    return raw[:, :2]


def point_colors(ds, y: np.ndarray, labels, y_levels) -> tuple[np.ndarray, list]:
    """Each point's index into a small table of colours (shared pens and brushes let
    pyqtgraph draw each symbol once: 20,000 points took 2.8 s with a brush each)."""
    if labels is not None:
        return np.asarray(labels, int), [class_color(k) for k in range(max(ds.n_classes, 2))]
    if ds.input_dim == 1:
        return np.zeros(len(y), int), [OUTLINE]
    lo, hi = y_levels
    t = (y[:, 0] - lo) / (hi - lo) if hi > lo else np.zeros(len(y))
    table = list(sequential_cmap().mapToQColor(np.linspace(0, 1, COLOR_LEVELS)))
    return np.rint(np.clip(t, 0, 1) * (COLOR_LEVELS - 1)).astype(int), table


def legend_html(ds) -> str:
    """The legend line above the plot: class colours (or train), test and the fitted curve."""
    if ds.labels_train is not None:
        entries = [(class_color(k), "●", f"class {k}") for k in range(max(ds.n_classes, 2))]
    else:
        entries = [(OUTLINE, "●", "train")]
    if len(ds.raw_test):
        entries.append(("#555555", "○", "test"))
    if ds.input_dim == 1:
        entries.append((FIT, "━", "network"))
    return "&nbsp;&nbsp;&nbsp;".join(
        f'<span style="color:{c}; font-size:16pt">{mark}</span> {text}'
        for c, mark, text in entries)


def added_point(ds, x: float, y: float, shift: bool, click_class: int):
    """(point, target) a left click at (x, y) adds, or None where clicks add nothing
    (2-D regression, other input sizes). Shift adds class 0 to binary data."""
    if ds.input_dim not in (1, 2):
        return None
    point = (x,) if ds.input_dim == 1 else (x, y)
    if ds.task == "multiclass":
        return point, click_class
    if ds.task == "binary":
        return point, 0 if shift else 1
    if ds.input_dim == 1:
        return point, float(y)
    return None


def nearest_train_point(ds, x: float, y: float) -> tuple[float, ...] | None:
    """Raw coordinates of the training point nearest (x, y) in plot units scaled by the view
    box, or None when there is none to remove."""
    if len(ds.raw_train) == 0 or ds.input_dim not in (1, 2):
        return None
    (x0, x1), (y0, y1) = ds.view_box
    pts = plot_coords(ds, ds.raw_train, ds.y_train)
    d = ((pts[:, 0] - x) / (x1 - x0)) ** 2 + ((pts[:, 1] - y) / (y1 - y0)) ** 2
    i = int(np.argmin(d))
    return tuple(float(v) for v in ds.raw_train[i])
