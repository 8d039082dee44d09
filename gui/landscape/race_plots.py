"""Live race plots: loss above the minimum, gradient norm and effective LR per racer."""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from gui.plots import plot_style as ps

LEGEND_POINT_SIZE = 15


class RacePlots(QtWidgets.QWidget):
    """Three stacked plots against the step, one colour per racer, a legend on the first."""

    def __init__(self):
        super().__init__()
        self.loss = ps.PlotPanel("Loss above the minimum", "step", "f − f*", log_y=True)
        self.grad = ps.PlotPanel("Gradient norm", "step", "|∇f|", log_y=True)
        self.lr = ps.PlotPanel("Effective learning rate", "step", "γ (median)", log_y=True)
        self.panels = (self.loss, self.grad, self.lr)
        for panel in self.panels:
            panel.plot.legend.hide()
            panel.log_box.hide()
            panel.legend.hide()           # one legend strip above all three plots
            if panel is not self.loss:
                panel.plot.setXLink(self.loss.plot)
        self.legend = QtWidgets.QLabel()
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet(f"font-size: {LEGEND_POINT_SIZE}pt; font-weight: bold;")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.legend)
        for panel in self.panels:
            layout.addWidget(panel, 1)
        self.curves: list[tuple] = []       # (loss, grad, lr) curves per racer
        self._floor = 0.0                   # f*: the lowest known minimum (0 on the saddle)

    def set_landscape(self, ls) -> None:
        """Loss is plotted as f − f* (log) when f* is known; as f itself otherwise."""
        known = bool(ls.minima)
        self._floor = min(m.value for m in ls.minima) if known else 0.0
        title = "Loss above the minimum" if known else "Loss"
        self.loss.plot.setTitle(title, size=ps.TITLE_SIZE, bold=True)
        self.loss.plot.setLabel("left", "f − f*" if known else "f")
        self.loss.log_box.setChecked(known)
        self.loss.log_box.setEnabled(known)

    def set_racers(self, labels: list[str], colors: list[str]) -> None:
        """Make one curve per racer in each plot (once per set of racers)."""
        if len(labels) != len(self.curves):
            for curves in self.curves:
                for panel, curve in zip(self.panels, curves):
                    panel.plot.removeItem(curve)
            self.curves = [tuple(panel.plot.plot(pen=ps.pen(c, ps.LINE_WIDTH))
                                 for panel in self.panels) for c in colors]
        for curves, color in zip(self.curves, colors):
            for curve in curves:
                curve.setPen(ps.pen(color, ps.LINE_WIDTH))
        self.legend.setText(ps.legend_html(labels, colors))
        for panel in self.panels:
            panel.plot.enableAutoRange()

    def update_race(self, race) -> None:
        """setData from the race's records (all finite by construction)."""
        steps = np.arange(race.step_count + 1, dtype=float)
        for curves, racer in zip(self.curves, race.racers):
            n = racer.length
            gap = racer.values - self._floor
            columns = (gap, racer.grad_norms, racer.effective_lrs)
            for panel, curve, y in zip(self.panels, curves, columns):
                y = ps.positive(y, 1e-16) if panel.log_y else y
                curve.setData(steps[:n], y, skipFiniteCheck=True)

    def clear(self) -> None:
        for curves in self.curves:
            for curve in curves:
                curve.setData([], [])
        for panel in self.panels:
            panel.plot.enableAutoRange()
