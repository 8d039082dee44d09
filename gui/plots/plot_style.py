"""Shared pyqtgraph styling for the projector: large axis fonts, bold titles, thick lines."""
from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gui import exports, theme

AXIS_POINT_SIZE = 13
TITLE_SIZE = "15pt"
LEGEND_SIZE = "13pt"
LEGEND_POINT_SIZE = 13    # the legend strip above each plot
LINE_WIDTH = 3.0          # main curves
MAX_POINTS = 2000         # per curve and frame (engine.pyramid), at most
MIN_POINTS = 400          # ... and at least: 2 points per pixel column of the view between
BAND_POINTS = 300         # outline of a shaded band: it is smooth at this resolution
THIN_WIDTH = 1.2          # raw batch loss
EMPTY_STEPS = 100         # an empty plot's x axis: 0 to this many steps
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
    order of magnitude faster than a path for noisy per-step curves (docs/platform.md, measured:
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
        # a bitmap of the axis, re-drawn only when its ticks change, not every frame
        axis.setCacheMode(QtWidgets.QGraphicsItem.DeviceCoordinateCache)
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
    exports.install_menu(widget, title)       # right-click: PNG, SVG, CSV (gui/exports.py)
    return widget


def positive(values: np.ndarray, floor: float = 1e-30) -> np.ndarray:
    """Values clipped to > 0 so a log axis never sees zero."""
    return np.maximum(values, floor)


NICE = (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)   # x grows through these × 10ⁿ


def nice_ceiling(value: float) -> float:
    """The smallest 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ that is ≥ value (> 0)."""
    if not value > 0:
        return 1.0
    k = math.floor(math.log10(value))
    return next(float(f"{m}e{k}") for m in NICE if float(f"{m}e{k}") >= value * (1 - 1e-12))


def stepped_range(lo: float, hi: float, log: bool) -> tuple[float, float]:
    """A y range holding [lo, hi] whose ends move in steps, in axis units.

    Log axes: quarter decades (log10 units); linear: multiples of a 1-2-5 step of the span.
    The same data give the same range, and a little more data rarely changes it, so the
    axes are re-drawn only now and then.
    """
    if log:
        a, b = math.log10(lo), math.log10(hi)
        return math.floor(a * 4 - 0.2) / 4, math.ceil(b * 4 + 0.2) / 4
    span = hi - lo or abs(hi) or 1.0
    step = 10.0 ** math.floor(math.log10(span / 4))
    step *= next(m for m in (1, 2, 5, 10) if span / (m * step) <= 5)
    return math.floor((lo - 0.02 * span) / step) * step, math.ceil((hi + 0.02 * span) / step) * step


class PlotPanel(QtWidgets.QWidget):
    """A styled plot with a one-row toolbar above it; the toolbar starts with 'log y'.

    decimated=True: the caller sets at most ~MAX_POINTS per curve (engine.pyramid) and the
    view ranges through `show_range`, which moves them in steps; pyqtgraph's own
    downsampling, clipping and auto-range (each a pass over every point, every frame) are
    off. Panning or zooming by hand stops the following until 'A' or a new run.
    """

    # an empty plot's y range on a log axis, in decades (loss: 0.01 to 10)
    empty_log_y = (-2.0, 1.0)

    def __init__(self, title: str, x_label: str, y_label: str, log_y: bool = True,
                 decimated: bool = False):
        super().__init__()
        self.plot_widget = make_plot(title, x_label, y_label)
        self.plot = self.plot_widget.getPlotItem()
        self.decimated = decimated
        self._following, self._range, self._shown = True, None, None
        if decimated:
            self.plot.setDownsampling(auto=False)
            self.plot.setClipToView(False)
            self.plot.getViewBox().sigRangeChangedManually.connect(self._moved_by_hand)
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
        self.follow()

    def follow(self, forget: bool = False) -> None:
        """The view follows the data again (log switched, 'A' pressed; forget: a new run)."""
        if not self.decimated:
            self.plot.enableAutoRange()
            return
        self._following, self._range = True, None
        self.plot.disableAutoRange()
        if forget or self._shown is None:
            self._shown = None
            self._show_empty()
        else:
            self.show_range(*self._shown)

    def _show_empty(self) -> None:
        """No data yet: 0 to EMPTY_STEPS steps, the plot's usual y (linear: 0 to 1)."""
        lo, hi = self.empty_log_y if self.log_y else (0.0, 1.0)
        target = (float(EMPTY_STEPS), lo, hi)
        if target != self._range:
            self._range = target
            self.plot.getViewBox().setRange(xRange=(0, EMPTY_STEPS), yRange=(lo, hi),
                                            padding=0)

    def max_points(self) -> int:
        """Points per curve: two per pixel column of the view (the min and the max)."""
        width = int(self.plot.getViewBox().width())
        return min(MAX_POINTS, max(MIN_POINTS, 2 * width))

    def _moved_by_hand(self, *_) -> None:
        self._following = False

    def show_range(self, x_hi: float, y_values) -> None:
        """Follow the data: x from 0 to a round number ≥ x_hi; y over every array given
        (data units; on a log axis values ≤ 0 are left out). Only a changed range is set."""
        vb = self.plot.getViewBox()
        self._shown = (x_hi, y_values)
        if any(vb.autoRangeEnabled()):          # the 'A' button: follow again
            self._following, self._range = True, None
            self.plot.disableAutoRange()
        if not self._following:
            return
        ys = [np.asarray(y, dtype=np.float64).ravel() for y in y_values if len(y)]
        y = np.concatenate(ys) if ys else np.empty(0)
        y = y[np.isfinite(y) & (y > 0)] if self.log_y else y[np.isfinite(y)]
        if not len(y) or not x_hi > 0:
            self._show_empty()
            return
        target = (nice_ceiling(x_hi), *stepped_range(float(y.min()), float(y.max()),
                                                     self.log_y))
        if target != self._range:
            self._range = target
            vb.setRange(xRange=(0, target[0]), yRange=target[1:], padding=0)

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
