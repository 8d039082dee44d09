"""One judged quantity's two plots: the loss of one sample ℓ(x) above its slope dℓ/dx.

Curves are made once per loss and only re-set when the loss, its parameters or the x range
change; the dots (one per training sample) are re-set on each display frame.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine import loss_explorer
from gui import theme
from gui.plots import plot_style

DOT_SIZE = 11
CACHE_SIZE = 200          # curves and words kept (a curve is 801 × 3 floats)
AXIS_WIDTH = 96           # pixels for the y tick labels ("−100000") and the axis title
WORDS_POINT_SIZE = 13
SLOPE_CLIP = 10.0         # the slope view holds the dots up to 10× the curves' own range


class JudgedPlots(QtWidgets.QWidget):
    """ℓ(x) and dℓ/dx of the shown losses that judge `judged` (x linked)."""

    def __init__(self, judged: loss_explorer.Judged):
        super().__init__()
        self.judged = judged
        s = judged.symbol
        self.value_panel = plot_style.PlotPanel(f"Loss of one sample ℓ({s})", judged.label,
                                                f"ℓ({s})", log_y=False)
        self.slope_panel = plot_style.PlotPanel(f"Its slope dℓ/d{s}", judged.label,
                                                f"dℓ/d{s}", log_y=False)
        for panel in (self.value_panel, self.slope_panel):
            panel.log_box.hide()
            panel.plot.setDownsampling(auto=False)     # 801-point curves; the dots are not
            panel.plot.setClipToView(False)            # sorted by x, so neither may apply
            panel.plot.addLine(y=0, pen=plot_style.pen(theme.MUTED, 1))
            panel.plot.getAxis("left").setWidth(AXIS_WIDTH)   # both x axes line up
        self.slope_panel.plot.setXLink(self.value_panel.plot)
        self.slope_panel.legend.hide()
        split = QtWidgets.QSplitter(QtCore.Qt.Vertical, childrenCollapsible=False)
        split.addWidget(self.value_panel)
        split.addWidget(self.slope_panel)
        split.setSizes([300, 200])
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.curves: dict[str, loss_explorer.Curve] = {}
        self._items: dict[str, tuple] = {}
        self.dots = [panel.plot.plot(pen=None, symbol="o", symbolSize=DOT_SIZE)
                     for panel in (self.value_panel, self.slope_panel)]
        for dots in self.dots:
            dots.setZValue(10)                     # above every curve
        self.words = [self._text((0.5, 0)), self._text((0, 0)), self._text((1, 0))]
        self.x_range = judged.view
        self._lines: list[str] = []                # the selected loss's words
        self._ranges = None                        # the view ranges last set
        self._cache: dict = {}                     # curves and words already computed

    def _text(self, anchor) -> pg.TextItem:
        item = pg.TextItem(anchor=anchor, color=theme.TEXT, fill=plot_style.brush(
            theme.BACKGROUND, 210))
        font = QtGui.QFont()
        font.setPointSize(WORDS_POINT_SIZE)
        item.setFont(font)
        item.setZValue(20)
        self.value_panel.plot.addItem(item, ignoreBounds=True)
        return item

    def show_curves(self, shown: list[tuple[object, str, float]], selected) -> None:
        """Draw these (loss, colour, line width); the words are `selected`'s, or the first
        shown loss's when `selected` judges something else."""
        names = {loss.name for loss, _, _ in shown}
        for name in list(self._items):
            if name not in names:
                for item in self._items.pop(name):
                    item.getViewBox().removeItem(item) if item.getViewBox() else None
                self.curves.pop(name, None)
        for loss, color, width in shown:
            self.curves[loss.name] = c = self._curve(loss)
            if loss.name not in self._items:
                self._items[loss.name] = (self.value_panel.plot.plot(),
                                          self.slope_panel.plot.plot())
            for item, y in zip(self._items[loss.name], (c.value, c.slope)):
                item.setData(c.x, y, pen=plot_style.pen(color, width))
        labels = [type(loss).title for loss, _, _ in shown]
        colors = [color for _, color, _ in shown]
        self.value_panel.set_legend(labels, colors)
        if selected is None or selected.name not in names:      # words for this plot's own
            selected = shown[0][0] if shown else None          # first loss, then
        self._lines = self._marks(selected) if selected is not None else []
        self._ranges = None
        self._fit_ranges(np.empty(0), np.empty(0))

    def _curve(self, loss) -> loss_explorer.Curve:
        """The loss's curve over the x range, computed once per (loss, parameters, range):
        dragging δ or ticking a box recomputes only what changed."""
        key = (loss.name, tuple(sorted(loss.hyper.items())), self.x_range)
        if key not in self._cache:
            if len(self._cache) > CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = loss_explorer.curve(loss, self.judged.grid(*self.x_range))
        return self._cache[key]

    def _marks(self, loss) -> list[str]:
        key = ("words", loss.name, tuple(sorted(loss.hyper.items())))
        if key not in self._cache:
            view = self._curve(loss) if self.x_range == self.judged.view else None
            self._cache[key] = loss_explorer.marks(loss, view)
        return self._cache[key]

    def show_dots(self, name: str | None, x: np.ndarray, color: str) -> tuple:
        """One dot per sample at its x on curve `name` (None or not shown: no dots);
        returns the dots' (x, ℓ, dℓ/dx)."""
        curve = self.curves.get(name) if name else None
        if curve is None or not len(x):
            for dots in self.dots:
                dots.setData([], [])
            return np.empty(0), np.empty(0), np.empty(0)
        value, slope = curve.at(x)
        brush = plot_style.brush(color, 190)
        for dots, y in zip(self.dots, (value, slope)):
            dots.setData(x, y, symbolBrush=brush, symbolPen=plot_style.pen("#ffffff", 1.2))
        self._fit_ranges(value, slope)
        return x, value, slope

    def _fit_ranges(self, dot_values, dot_slopes) -> None:
        """x over the range; y over the curves (past the first 5% of x, where −log p or a
        steep slope would squash everything else) and the dots, in steady steps."""
        lo, hi = self.x_range
        keep = lambda c: c.x >= lo + 0.05 * (hi - lo)        # noqa: E731
        values = [c.value[keep(c)] for c in self.curves.values()] + [dot_values]
        slopes = [c.slope[keep(c)] for c in self.curves.values()]
        y = _finite(values)
        if not len(y):
            return
        y_lo, y_hi = plot_style.stepped_range(min(y.min(), 0.0), y.max(), False)
        y_lo -= 0.2 * (y_hi - y_lo)                 # room for the words under the minimum
        s, d = _finite(slopes), _finite([dot_slopes])
        if len(s):
            d = d[abs(d) <= SLOPE_CLIP * max(abs(s).max(), 1e-12)]
            both = np.concatenate([s, d, [0.0]])
            s_range = plot_style.stepped_range(both.min(), both.max(), False)
        else:
            s_range = (-1.0, 1.0)
        ranges = (lo, hi, y_lo, y_hi, *s_range)
        if ranges == self._ranges:                   # unchanged: the axes are not re-drawn
            return
        self._ranges = ranges
        pad = 0.02 * (hi - lo)                       # dots at the very ends stay whole
        self.value_panel.plot.setRange(xRange=(lo - pad, hi + pad), yRange=(y_lo, y_hi),
                                       padding=0)
        self.slope_panel.plot.setYRange(*s_range, padding=0)
        self._place_words(lo, hi, y_lo, y_hi)

    def _place_words(self, lo, hi, y_lo, y_hi) -> None:
        lines = self._lines or ["", "", ""]
        minimum, ends = lines[0], lines[1:]
        self.words[0].setText(minimum)
        self.words[0].setPos((lo + hi) / 2, y_lo + 0.15 * (y_hi - y_lo))
        left, right = (ends + [""])[:2] if len(ends) > 1 else ("", ends[0] if ends else "")
        if self.judged.name == "probability":      # p → 0 is the left end
            left, right = right, ""
        self.words[1].setText(left.replace(": ", ":\n", 1))
        self.words[1].setPos(lo, y_hi)
        self.words[2].setText(right.replace(": ", ":\n", 1))
        self.words[2].setPos(hi, y_hi)


def _finite(arrays) -> np.ndarray:
    y = np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in arrays] or [[]])
    return y[np.isfinite(y)]
