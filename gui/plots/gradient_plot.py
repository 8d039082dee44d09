"""Gradient magnitude: the L2 norm of each layer's gradient at every step, log y."""
from __future__ import annotations

from gui.plots import plot_style as ps
from gui.plots.palette import layer_color


class GradientPlot(ps.PlotPanel):
    """One curve per layer, in the layer's colour (the same as in the network view)."""

    def __init__(self):
        super().__init__("Gradient norm", "step", "‖∇‖ per layer", log_y=True)
        self.curves = []

    def set_layers(self, names: list[str]) -> None:
        """Make one curve per layer (once per run)."""
        for curve in self.curves:
            self.plot.removeItem(curve)
        self.plot.legend.clear()
        self.curves = [ps.fast_curve(self.plot, layer_color(i), ps.LINE_WIDTH, name)
                       for i, name in enumerate(names)]
        self.set_legend(names, [layer_color(i) for i in range(len(names))])
        self.plot.enableAutoRange()

    def clear(self) -> None:
        for curve in self.curves:
            curve.setData([], [])
        self.plot.enableAutoRange()

    def update_from(self, data: dict) -> None:
        """Redraw from a history snapshot (plot_style.history_arrays; display timer)."""
        norms = data["grad_norm"]
        n = ps.finite_prefix(norms)
        x, norms = ps.decimate(data["step"][:n], norms[:n])
        for i, curve in enumerate(self.curves[: norms.shape[1] if norms.ndim == 2 else 0]):
            y = norms[:, i]
            curve.setData(x, ps.positive(y) if self.log_y else y, skipFiniteCheck=True)
