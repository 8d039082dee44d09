"""Gradient magnitude: the L2 norm of each layer's gradient at every step, log y."""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from engine.pyramid import MinMaxPyramid
from gui import theme
from gui.plots import plot_style as ps
from gui.plots.palette import layer_color


class GradientPlot(ps.PlotPanel):
    """One curve per layer, in the layer's colour (the same as in the network view).

    A norm of exactly 0 (a dead layer, a loss that is 0 on the batch) has no place on a log
    axis: it is drawn as a gap and the toolbar's note says so.
    """

    empty_log_y = (-3.0, 1.0)

    def __init__(self):
        super().__init__("Gradient norm", "step", "‖∇‖ per layer", log_y=True, decimated=True)
        self.curves = []
        self._pyramid = MinMaxPyramid()
        self.zero_note = QtWidgets.QLabel(objectName="zeroNote")
        self.zero_note.setStyleSheet(f"color: {theme.WARNING};")
        self.toolbar.insertWidget(0, self.zero_note)

    def set_layers(self, names: list[str]) -> None:
        """Make one curve per layer (once per run)."""
        for curve in self.curves:
            self.plot.removeItem(curve)
        self.plot.legend.clear()
        self.curves = [ps.fast_curve(self.plot, layer_color(i), ps.LINE_WIDTH, name)
                       for i, name in enumerate(names)]
        self.set_legend(names, [layer_color(i) for i in range(len(names))])
        self.clear()

    def clear(self) -> None:
        for curve in self.curves:
            curve.setData([], [])
        self._pyramid = MinMaxPyramid()
        self.zero_note.clear()
        self.follow(forget=True)

    def update_from(self, data: dict) -> None:
        """Draw what is new in a history snapshot (plot_style.history_arrays; display timer)."""
        norms = data["grad_norm"]
        if len(norms) < self._pyramid.n:             # a snapshot of another run
            self._pyramid = MinMaxPyramid()
        index, norms = self._pyramid.curve(norms, self.max_points())
        if norms.ndim != 2:
            return
        x = index + 1.0
        zero = self.log_y and bool(np.any(norms == 0))
        y = np.where(norms > 0, norms, np.nan) if zero else norms
        for i, curve in enumerate(self.curves[: norms.shape[1]]):
            curve.setData(x, y[:, i], skipFiniteCheck=not zero,
                          connect="finite" if zero else "all")
        self.zero_note.setText("‖∇‖ exactly 0: gaps" if zero else "")
        self.show_range(self._pyramid.n, [y])
