"""Adaptive learning rate: per-layer median effective LR, its min–max band, the scheduled LR;
its help says what the factor means for the run's optimizer (each entry's lr_factor_note)."""
from __future__ import annotations

import numpy as np
from PySide6 import QtCore

from engine import optimizers
from engine.pyramid import MinMaxPyramid
from gui.panels.optimizer_panel import menu_label
from gui.plots import plot_style as ps
from gui.plots.palette import layer_color

BAND_ALPHA = 55
COLUMNS = ("lr", "lr_median", "lr_min", "lr_max")
HELP = ("<b>Effective LR</b> — per weight, the factor that multiplies the optimizer's "
        "(bias-corrected) gradient estimate in the update, so factor × |estimate| is the "
        "step. Each layer: the median over its weights and biases as a line, their min–max "
        "as a band; dashed: the scheduled γ (docs/maths.md, 'The effective learning rate').")


def help_text(optimizer) -> str:
    """The plot's help for an OptimizerConfig: what the factor is, then what it is for this
    optimizer (its registry entry's lr_factor_note)."""
    cls, _preset = optimizers.resolve(optimizer.name)
    note = cls.lr_factor_note
    return HELP + (f"<br><b>{menu_label(optimizer)}</b>: {note}." if note else "")


class LrPlot(ps.PlotPanel):
    """Flat for plain SGD (every weight gets γ); spread out for Adam and friends."""

    empty_log_y = (-4.0, 0.0)

    def __init__(self):
        super().__init__("Effective LR", "step", "learning rate", log_y=True, decimated=True)
        self.base = ps.fast_curve(self.plot, ps.BASE_LR_COLOR, 2.5, "scheduled γ",
                                  QtCore.Qt.DashLine)
        self.base.setZValue(5)
        self.layers = []     # (median, low, high, band) per layer
        self.help = HELP
        self.plot_widget.setToolTip(self.help)
        self._pyramids = {name: MinMaxPyramid() for name in COLUMNS}

    def show_optimizer(self, optimizer) -> None:
        """The help (tooltip) says what the plotted factor is for this OptimizerConfig."""
        self.help = help_text(optimizer)
        self.plot_widget.setToolTip(self.help)

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
        self.clear()

    def _make_layer(self, i: int, name: str):
        """Median, the band's two edges, and the band: one closed polygon, filled.

        pyqtgraph's FillBetweenItem rebuilds its path from both curves on every change
        (~11 ms a frame for three layers); a curve filled 'enclosed' is one path.
        """
        color = layer_color(i)
        median = ps.fast_curve(self.plot, color, name=name)
        low = ps.fast_curve(self.plot, ps.faded(color, 0.45), 1.5)
        high = ps.fast_curve(self.plot, ps.faded(color, 0.45), 1.5)
        band = self.plot.plot(pen=None, fillLevel="enclosed", antialias=False,
                              brush=ps.brush(color, BAND_ALPHA))
        band.setZValue(-1)
        return median, low, high, band

    def clear(self) -> None:
        self.base.setData([], [])
        for items in self.layers:
            for item in items:
                item.setData([], [])
        self._pyramids = {name: MinMaxPyramid() for name in COLUMNS}
        self.follow(forget=True)

    def update_from(self, data: dict) -> None:
        """Draw what is new in a history snapshot (plot_style.history_arrays; display timer)."""
        pyramids = self._pyramids
        if len(data["lr"]) < pyramids["lr"].n:         # a snapshot of another run
            self.clear()
            pyramids = self._pyramids
        n = min(p.update(data[name]) for name, p in pyramids.items())
        cols = {name: data[name][:n] for name in COLUMNS}
        if cols["lr_median"].ndim != 2:
            return
        fix = ps.positive if self.log_y else (lambda y: y)
        points = self.max_points()
        index, base = pyramids["lr"].curve(cols["lr"], points)
        self.base.setData(index + 1.0, fix(base), skipFiniteCheck=True)
        index, median = pyramids["lr_median"].curve(cols["lr_median"], points)
        band_index, low = pyramids["lr_min"].curve(cols["lr_min"], ps.BAND_POINTS)
        _, high = pyramids["lr_max"].curve(cols["lr_max"], ps.BAND_POINTS)
        x, xb = index + 1.0, band_index + 1.0
        median, low, high = fix(median), fix(low), fix(high)
        polygon_x = np.concatenate([xb, xb[::-1]])
        for i, (m_curve, lo_curve, hi_curve, band) in enumerate(self.layers[: median.shape[1]]):
            m_curve.setData(x, median[:, i], skipFiniteCheck=True)
            lo_curve.setData(xb, low[:, i], skipFiniteCheck=True)
            hi_curve.setData(xb, high[:, i], skipFiniteCheck=True)
            band.setData(polygon_x, np.concatenate([high[:, i], low[::-1, i]]),
                         skipFiniteCheck=True)
        self.show_range(n, [base, low, high])
