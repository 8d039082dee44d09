"""Adaptive learning rate: per-layer median effective LR, its min–max band, the scheduled LR."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore

from gui.plots import plot_style as ps
from gui.plots.palette import layer_color

BAND_ALPHA = 55


class LrPlot(ps.PlotPanel):
    """Flat for plain SGD (every weight gets γ); spread out for Adam and friends."""

    def __init__(self):
        super().__init__("Effective LR", "step", "learning rate", log_y=True)
        self.base = ps.fast_curve(self.plot, ps.BASE_LR_COLOR, 2.5, "scheduled γ",
                                  QtCore.Qt.DashLine)
        self.base.setZValue(5)
        self.layers = []     # (median, low, high, band) per layer

    def set_layers(self, names: list[str]) -> None:
        """Make the curves and bands of every layer (once per run)."""
        for items in self.layers:
            for item in items:
                self.plot.removeItem(item)
        self.plot.legend.clear()
        self.plot.legend.addItem(self.base, "scheduled γ")
        self.layers = [self._make_layer(i, name) for i, name in enumerate(names)]
        self.set_legend(["scheduled γ", *names],
                        [ps.BASE_LR_COLOR, *(layer_color(i) for i in range(len(names)))],
                        dashed=("scheduled γ",))
        self.plot.enableAutoRange()

    def _make_layer(self, i: int, name: str):
        color = layer_color(i)
        median = ps.fast_curve(self.plot, color, name=name)
        low = ps.fast_curve(self.plot, ps.faded(color, 0.45), 1.5)
        high = ps.fast_curve(self.plot, ps.faded(color, 0.45), 1.5)
        band = pg.FillBetweenItem(low, high, brush=ps.brush(color, BAND_ALPHA))
        self.plot.addItem(band)
        return median, low, high, band

    def clear(self) -> None:
        self.base.setData([], [])
        for median, low, high, _ in self.layers:
            for curve in (median, low, high):
                curve.setData([], [])
        self.plot.enableAutoRange()

    def update_from(self, data: dict) -> None:
        """Redraw from a history snapshot (plot_style.history_arrays; display timer)."""
        cols = data["lr_median"], data["lr_min"], data["lr_max"]
        n = ps.finite_prefix(data["lr"], *cols)
        fix = ps.positive if self.log_y else (lambda y: y)
        x, base = ps.decimate(data["step"][:n], data["lr"][:n])
        self.base.setData(x, fix(base), skipFiniteCheck=True)
        width = cols[0].shape[1] if cols[0].ndim == 2 else 0
        for k, col in enumerate(cols):
            points = ps.MAX_POINTS if k == 0 else ps.BAND_POINTS    # min/max: band outline
            x, values = ps.decimate(data["step"][:n], col[:n], points)
            for i, items in enumerate(self.layers[:width]):
                items[k].setData(x, fix(values[:, i]), skipFiniteCheck=True)
