"""Live race plots: loss above the minimum, gradient norm and effective LR per racer.

Each racer's three columns are drawn through a MinMaxPyramid (engine/pyramid.py), so a frame
costs the steps that are new plus ~2 points per pixel column, however long the race; the
ranges follow the race in steps (plot_style.PlotPanel.show_range).
"""
from __future__ import annotations

from PySide6 import QtWidgets

from engine.pyramid import MinMaxPyramid
from gui.plots import plot_style as ps

LEGEND_POINT_SIZE = 15
LOG_FLOOR = 1e-16          # f − f* this small is drawn at the floor of the log axis
MIN_STEPS_SHOWN = 10       # the x axis of a race that has just started: 0 … 10 steps


class _Drawn:
    """One racer's pyramids (value, grad norm, effective lr), tied to that racer object."""

    def __init__(self, racer):
        self.racer = racer
        self.pyramids = (MinMaxPyramid(), MinMaxPyramid(), MinMaxPyramid())


class RacePlots(QtWidgets.QWidget):
    """Three stacked plots against the step, one colour per racer, one legend above them."""

    def __init__(self):
        super().__init__()
        self.loss = ps.PlotPanel("Loss above the minimum", "step", "f − f*", log_y=True,
                                 decimated=True)
        self.grad = ps.PlotPanel("Gradient norm", "step", "|∇f|", log_y=True, decimated=True)
        self.lr = ps.PlotPanel("Effective learning rate", "step", "γ (median)", log_y=True,
                               decimated=True)
        self.panels = (self.loss, self.grad, self.lr)
        for panel in self.panels:
            panel.plot.legend.hide()
            panel.log_box.hide()
            panel.legend.hide()           # one legend strip above all three plots
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
        self._drawn: list[_Drawn] = []      # per racer: what its curves have taken in
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
        self.clear()

    def set_racers(self, labels: list[str], colors: list[str]) -> None:
        """Make one curve per racer in each plot (once per set of racers)."""
        if len(labels) != len(self.curves):
            for curves in self.curves:
                for panel, curve in zip(self.panels, curves):
                    panel.plot.removeItem(curve)
            self.curves = [tuple(ps.fast_curve(panel.plot, c) for panel in self.panels)
                           for c in colors]
        for curves, color, label in zip(self.curves, colors, labels):
            for curve in curves:
                curve.setPen(ps.pen(color, ps.LINE_WIDTH))
                curve.opts["name"] = label           # the CSV export's column names
        self.legend.setText(ps.legend_html(labels, colors))

    def update_race(self, race) -> None:
        """Draw what is new in every racer's records (all finite by construction)."""
        self._match(race.racers)
        ys: list[list] = [[], [], []]
        for curves, drawn in zip(self.curves, self._drawn):
            racer = drawn.racer
            columns = (racer.values, racer.grad_norms, racer.effective_lrs)
            for k, (panel, curve, pyramid, column) in enumerate(
                    zip(self.panels, curves, drawn.pyramids, columns)):
                index, y = pyramid.curve(column, panel.max_points())
                if k == 0:
                    y = y - self._floor
                if panel.log_y:
                    y = ps.positive(y, LOG_FLOOR)
                curve.setData(index.astype(float), y, skipFiniteCheck=True)
                ys[k].append(y)
        for panel, y in zip(self.panels, ys):
            panel.show_range(max(race.step_count, MIN_STEPS_SHOWN), y)

    def _match(self, racers) -> None:
        """One _Drawn per racer; a new racer object (a restart) starts its curves again."""
        kept = {id(d.racer): d for d in self._drawn}
        self._drawn = [kept[id(r)] if id(r) in kept else _Drawn(r) for r in racers]

    def clear(self) -> None:
        """Empty curves; the ranges are forgotten and follow the next race from scratch."""
        for curves in self.curves:
            for curve in curves:
                curve.setData([], [])
        self._drawn = []
        for panel in self.panels:
            panel.follow(forget=True)

    def ranges(self) -> list[tuple]:
        """((x0, x1), (y0, y1)) of each plot as shown (view units: log10 on a log axis)."""
        return [tuple(tuple(r) for r in p.plot.getViewBox().viewRange()) for p in self.panels]
