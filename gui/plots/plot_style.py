"""Shared pyqtgraph styling for the projector: large axis fonts, bold titles, thick lines."""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gui import theme

AXIS_POINT_SIZE = 13
TITLE_SIZE = "15pt"
LEGEND_SIZE = "13pt"
LEGEND_POINT_SIZE = 13    # the legend strip above each plot
LINE_WIDTH = 3.0          # main curves
MAX_POINTS = 1000         # per curve and frame (decimate): ~2 points per pixel column
BAND_POINTS = 300         # outline of a shaded band: it is smooth at this resolution
THIN_WIDTH = 1.2          # raw batch loss
BASE_LR_COLOR = "#f2f2f2"


def configure_pyqtgraph() -> None:
    """Global pyqtgraph options: antialiasing and the theme's colours."""
    pg.setConfigOptions(antialias=True, background=theme.BACKGROUND, foreground=theme.TEXT)


def pen(color: str, width: float = LINE_WIDTH, style=QtCore.Qt.SolidLine, alpha: int = 255):
    """A cosmetic pen of `width` pixels."""
    qcolor = QtGui.QColor(color)
    qcolor.setAlpha(alpha)
    p = pg.mkPen(qcolor, width=width, style=style)
    p.setCosmetic(True)
    return p


def faded(color: str, strength: float) -> str:
    """`color` mixed into the background: an opaque stand-in for a translucent pen.

    Opaque, non-antialiased pens let pyqtgraph draw a curve as line segments, which is an
    order of magnitude faster than a path for noisy per-step curves (PLATFORM.md, measured:
    gradient plot 435 -> 31 ms per repaint at 8,000 steps).
    """
    c, g = QtGui.QColor(color), QtGui.QColor(theme.BACKGROUND)
    mix = [round(g.red() + strength * (c.red() - g.red())),
           round(g.green() + strength * (c.green() - g.green())),
           round(g.blue() + strength * (c.blue() - g.blue()))]
    return QtGui.QColor(*mix).name()


def fast_curve(plot, color: str, width: float = LINE_WIDTH, name: str | None = None,
               style=QtCore.Qt.SolidLine):
    """A live curve: opaque pen, no antialiasing (drawn as fast line segments when solid).

    The training plots repaint many times a second beside a busy worker; at 3 px on a
    projector the missing antialiasing is not visible, the 2-3x faster frame is.
    """
    return plot.plot(pen=pen(color, width, style), name=name, antialias=False)


def decimate(x: np.ndarray, y: np.ndarray, max_points: int = MAX_POINTS):
    """At most ~max_points points: each bin of consecutive steps becomes its min and max.

    A plot is under a thousand pixels wide, so this draws the same picture as every point,
    spikes included (a divergence, a noisy batch), at a fixed cost however long the run.
    y may be (n,) or (n, k) (one column per layer).
    """
    n = len(x)
    if n <= max_points:
        return x, y
    size = -(-n // (max_points // 2))          # ceil: steps per bin
    m = (n // size) * size                     # the steps in full bins
    xb = x[:m].reshape(-1, size)
    yb = y[:m].reshape(-1, size, *y.shape[1:])
    xs = np.stack([xb[:, 0], xb[:, -1]], axis=1).reshape(-1)
    ys = np.stack([yb.min(axis=1), yb.max(axis=1)], axis=1).reshape(-1, *y.shape[1:])
    return np.concatenate([xs, x[m:]]), np.concatenate([ys, y[m:]])


def brush(color: str, alpha: int) -> QtGui.QBrush:
    """A translucent fill of `color`."""
    qcolor = QtGui.QColor(color)
    qcolor.setAlpha(alpha)
    return pg.mkBrush(qcolor)


class SparseLogAxis(pg.AxisItem):
    """A log axis that labels only 1, 2 and 5 × 10ⁿ when the range is under two decades.

    pyqtgraph labels every minor tick of a short log range, and on a projector "0.8 0.7 0.6
    0.5 …" piles up into an unreadable column.
    """

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802 (pyqtgraph override)
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if not ticks or ticks[0][0] is not None:
            return ticks
        minor = ticks[0][1]
        labelled = [v for v in minor if round(10 ** (v % 1)) in (1, 2, 5)]
        return [(None, labelled), (None, [v for v in minor if v not in labelled])]


def legend_html(labels, colors, dashed=()) -> str:
    """'━━ hidden 1   ━━ output', each entry in its colour; dashed entries drawn '╍╍'."""
    return "&nbsp;&nbsp; ".join(
        f'<span style="color:{c}">{"╍╍" if label in dashed else "━━"}&nbsp;'
        f'{html.escape(label).replace(" ", "&nbsp;")}</span>'
        for label, c in zip(labels, colors))


def make_plot(title: str, x_label: str, y_label: str) -> pg.PlotWidget:
    """A PlotWidget with large fonts, a grid, a (hidden) legend and fast long curves.

    Legends are drawn as a strip above the plot (PlotPanel.set_legend) so they never cover
    the curves; pyqtgraph's own legend is kept, hidden, for code that registers names.
    """
    widget = pg.PlotWidget(axisItems={"left": SparseLogAxis("left")})
    item = widget.getPlotItem()
    item.setTitle(title, size=TITLE_SIZE, bold=True)
    font = QtGui.QFont()
    font.setPointSize(AXIS_POINT_SIZE)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setTickFont(font)
        axis.setPen(pen(theme.MUTED, 1.5))
        axis.setTextPen(pen(theme.TEXT, 1))
        axis.enableAutoSIPrefix(False)
        axis.setStyle(maxTextLevel=0)     # label the major ticks only (SparseLogAxis)
    item.setLabel("bottom", x_label, **{"font-size": f"{AXIS_POINT_SIZE}pt"})
    item.setLabel("left", y_label, **{"font-size": f"{AXIS_POINT_SIZE}pt"})
    item.showGrid(x=True, y=True, alpha=0.25)
    item.setDownsampling(auto=True, mode="peak")
    item.setClipToView(True)
    item.setMenuEnabled(False)
    legend = item.addLegend(offset=(-10, 10), labelTextSize=LEGEND_SIZE, labelTextColor=theme.TEXT,
                            brush=brush(theme.SURFACE, 200), pen=pen(theme.BORDER, 1))
    legend.setZValue(10)
    legend.setColumnCount(1)
    legend.hide()
    return widget


def finite_prefix(*arrays: np.ndarray) -> int:
    """Length of the leading run where every array is finite (divergence ends a curve)."""
    n = min((len(a) for a in arrays), default=0)
    for a in arrays:
        bad = ~np.isfinite(a[:n])
        if a.ndim > 1:
            bad = bad.any(axis=1)
        hits = np.flatnonzero(bad)
        if hits.size:
            n = int(hits[0])
    return n


def positive(values: np.ndarray, floor: float = 1e-30) -> np.ndarray:
    """Values clipped to > 0 so a log axis never sees zero."""
    return np.maximum(values, floor)


class PlotPanel(QtWidgets.QWidget):
    """A styled plot with a one-row toolbar above it; the toolbar starts with 'log y'."""

    def __init__(self, title: str, x_label: str, y_label: str, log_y: bool = True):
        super().__init__()
        self.plot_widget = make_plot(title, x_label, y_label)
        self.plot = self.plot_widget.getPlotItem()
        self.toolbar = QtWidgets.QHBoxLayout()
        self.toolbar.setContentsMargins(4, 0, 4, 0)
        self.log_box = QtWidgets.QCheckBox("log y")
        self.log_box.setToolTip("Logarithmic y axis")
        self.log_box.setChecked(log_y)
        self.log_box.toggled.connect(self._set_log)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.log_box)
        self.legend = QtWidgets.QLabel(objectName="legend", wordWrap=True)
        self.legend.setStyleSheet(f"font-size: {LEGEND_POINT_SIZE}pt; font-weight: bold;")
        self.legend.setContentsMargins(8, 0, 4, 0)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot_widget, 1)
        self._set_log(log_y)

    def _set_log(self, on: bool) -> None:
        self.plot.setLogMode(x=False, y=on)
        self.plot.enableAutoRange()

    @property
    def log_y(self) -> bool:
        return self.log_box.isChecked()

    def set_legend(self, labels, colors, dashed=()) -> None:
        """The legend strip above the plot: one coloured entry per curve."""
        self.legend.setText(legend_html(labels, colors, dashed))


def history_arrays(history) -> dict:
    """One consistent snapshot of a History the worker thread is appending to (views).

    History.snapshot() fixes the length once, so every column lines up. The display timer
    takes one per tick and hands it to every plot.
    """
    view = history.snapshot()
    out = dict(view.columns)
    out["step"] = view.step
    out["eval"] = view.evals
    return out
