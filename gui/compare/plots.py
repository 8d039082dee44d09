"""The overlaid plots of a comparison: loss, gradient norm and effective LR, one curve per run.

Each run's curve is one series drawn through its own MinMaxPyramid (engine/pyramid.py), like
the single-run plots: a frame costs the new steps, not the runs' length. A series that is
derived from the History (a smoothed loss, the norm over all layers, one layer's median) is
kept in a GrowingArray that only the new rows are added to.
"""
from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from engine.lr_finder import EmaState, debiased_ema
from engine.pyramid import GrowingArray, MinMaxPyramid
from gui.plots import plot_style as ps
from gui.plots.palette import layer_color, layer_names

SMOOTHING = 0.9            # β of the smoothed batch loss (the loss plot's default)
ALL_LAYERS = "all layers"


# The layer hues (Okabe-Ito), sky blue left out: beside blue it is hard to tell apart in
# both themes; the three most distinct first (a comparison of three is the usual one).
RUN_HUES = (0, 1, 2, 3, 6, 5)     # blue, orange, green, purple, yellow, vermillion


def run_color(k: int) -> str:
    """Run k's colour in every plot and in the legend (a theme colour: the light theme
    draws the same hue's light shade)."""
    return layer_color(RUN_HUES[k % len(RUN_HUES)])


class Series:
    """One run's drawn series: f(new rows) appended, min/max levels for drawing."""

    def __init__(self, derive):
        self.derive = derive          # (column rows, state) -> (values, state)
        self.values = GrowingArray((), np.float64)
        self.state = None
        self.pyramid = MinMaxPyramid()
        self.taken = 0                # rows of the source column taken in

    def extend(self, column: np.ndarray) -> np.ndarray:
        if len(column) > self.taken:
            values, self.state = self.derive(column[self.taken:], self.state)
            self.values.extend(np.asarray(values, dtype=np.float64))
            self.taken = len(column)
        return self.values.view()


class RunsPlot(ps.PlotPanel):
    """One curve per run in the run's colour; `update_run(k, snapshot)` draws what is new."""

    help = ""

    def __init__(self, title: str, y_label: str):
        super().__init__(title, "step", y_label, log_y=True, decimated=True)
        self.curves, self.series, self.snapshots, self.shown = [], [], [], []
        self.plot_widget.setToolTip(self.help)

    def set_runs(self, labels: list[str]) -> None:
        """One curve per run (once per comparison)."""
        for curve in self.curves:
            self.plot.removeItem(curve)
        self.plot.legend.clear()
        self.curves = [ps.fast_curve(self.plot, run_color(k), ps.LINE_WIDTH, label)
                       for k, label in enumerate(labels)]
        self.legend.hide()          # the run chooser above the plots is their legend
        self.snapshots = [None] * len(labels)
        self.clear()

    def clear(self) -> None:
        """Empty curves (a reset: every run starts again)."""
        for curve in self.curves:
            curve.setData([], [])
        self.series = [self.new_series(k) for k in range(len(self.curves))]
        self.shown = [(0.0, np.empty(0)) for _ in self.curves]
        self.follow(forget=True)

    def redraw(self) -> None:
        """Every run again from its last snapshot (the x axis or the layer changed)."""
        self.series = [self.new_series(k) for k in range(len(self.curves))]
        drawn = {k: snap for k, snap in enumerate(self.snapshots) if snap is not None}
        if drawn:
            self.update_runs(drawn)
        self.follow()

    def update_run(self, k: int, snapshot: dict) -> None:
        self.update_runs({k: snapshot})

    def update_runs(self, snapshots: dict) -> None:
        """Draw what is new in the runs {k: history snapshot}; the range is set once."""
        for k, snapshot in snapshots.items():
            self.snapshots[k] = snapshot
            x, y = self.curve_of(k, snapshot)
            y = np.where(y > 0, y, np.nan) if self.log_y else y
            self.curves[k].setData(x, y, connect="finite")
            self.shown[k] = (float(x[-1]) if len(x) else 0.0, y)
        self.show_range(max(s[0] for s in self.shown), [s[1] for s in self.shown])

    def _set_log(self, on: bool) -> None:
        super()._set_log(on)
        if getattr(self, "snapshots", None):     # not while the base class builds
            self.redraw()

    def new_series(self, k: int):
        raise NotImplementedError

    def curve_of(self, k: int, snapshot: dict):
        raise NotImplementedError


def _layer_box(names: list[str], tip: str) -> QtWidgets.QComboBox:
    box = QtWidgets.QComboBox()
    box.addItems(names)
    box.setToolTip(tip)
    return box


class LossRunsPlot(RunsPlot):
    help = ("<b>Loss of each run</b> (colour = run, legend = what differs).<br>"
            "smoothed: the debiased moving average (β 0.9) of each update's batch loss; "
            "batch: the batch loss itself; train: the data loss on the whole training set "
            "every few steps.<br>x in steps, or in epochs (one pass over the data): a batch "
            "of all points takes one step per epoch, a batch of 1 takes one per point.")
    KINDS = ("smoothed", "batch", "train")

    def __init__(self):
        super().__init__("Loss", "loss")
        self.x_mode = _layer_box(["steps", "epochs"], "x axis in update steps or in epochs")
        self.kind = _layer_box(list(self.KINDS), "which loss each run's curve shows")
        for i, w in enumerate((QtWidgets.QLabel("x:"), self.x_mode, self.kind)):
            self.toolbar.insertWidget(i, w)
        self.x_mode.currentIndexChanged.connect(self._x_changed)
        self.kind.currentIndexChanged.connect(lambda _: self.redraw())

    def _x_changed(self) -> None:
        self.plot.setLabel("bottom", "epoch" if self.x_mode.currentIndex() else "step")
        self.redraw()

    def new_series(self, k: int):
        kind = self.kind.currentText()
        if kind == "smoothed":
            return Series(lambda rows, state: debiased_ema(rows, SMOOTHING, state or EmaState()))
        return Series(lambda rows, state: (rows, state))

    def curve_of(self, k: int, snapshot: dict):
        series = self.series[k]
        epochs = self.x_mode.currentIndex() == 1
        if self.kind.currentText() == "train":
            ev = snapshot["eval"]
            steps = np.asarray(ev.get("step", []), dtype=np.int64)
            keep = (steps >= 1) & (steps <= len(snapshot["loss"]))
            values = series.extend(np.asarray(ev.get("train_loss", []))[keep])
            index, y = series.pyramid.curve(values, self.max_points())
            at = steps[keep][index]
            x = snapshot["epoch"][at - 1] if epochs else at.astype(np.float64)
            return np.asarray(x, dtype=np.float64), y
        values = series.extend(snapshot["loss"])
        index, y = series.pyramid.curve(values, self.max_points())
        x = snapshot["epoch"][index] if epochs else index + 1.0
        return np.asarray(x, dtype=np.float64), y


class LayerRunsPlot(RunsPlot):
    """A per-layer History column of each run, for the layer chosen in its box."""

    column_name = ""            # the History column: "grad_norm", "lr_median"
    all_layers = False          # the box also offers ALL_LAYERS (see `all_layers_of`)

    def __init__(self, title: str, y_label: str, tip: str):
        super().__init__(title, y_label)
        self.layer = _layer_box([ALL_LAYERS] if self.all_layers else ["output"], tip)
        self.toolbar.insertWidget(0, self.layer)
        self.layer.currentIndexChanged.connect(lambda _: self.redraw())
        self.n_layers = []

    def set_layers(self, n_layers: list[int]) -> None:
        """The layer chooser: (all layers,) then the layers of the deepest run."""
        self.n_layers = list(n_layers)
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItems([ALL_LAYERS] * self.all_layers + layer_names(max(n_layers)))
        self.layer.blockSignals(False)

    def _column(self, k: int) -> int | None:
        return layer_column(self.layer.currentText(), self.n_layers[k]) if self.n_layers \
            else None

    def new_series(self, k: int):
        column = self._column(k)
        if self.all_layers and (self.layer.currentText() == ALL_LAYERS or column is None):
            return Series(lambda rows, state: (self.all_layers_of(rows), state))
        return Series(lambda rows, state: (rows[:, -1 if column is None else column], state))

    def all_layers_of(self, rows: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def curve_of(self, k: int, snapshot: dict):
        if not (self.all_layers and self.layer.currentText() == ALL_LAYERS) \
                and self._column(k) is None:
            return np.empty(0), np.empty(0)            # this run has no such layer
        values = self.series[k].extend(snapshot[self.column_name])
        index, y = self.series[k].pyramid.curve(values, self.max_points())
        return index + 1.0, y


class GradRunsPlot(LayerRunsPlot):
    help = ("<b>Gradient norm of each run</b> (colour = run).<br>"
            "all layers: the L2 norm of the gradient over every parameter (w and b), "
            "√(Σ over layers of ‖∇ layer‖²); or the norm of the chosen layer's gradient. "
            "With regularisation on it includes the penalty's gradient.")
    column_name, all_layers = "grad_norm", True

    def __init__(self):
        super().__init__("Gradient norm", "‖∇‖", "whose gradient: all parameters or one layer")

    def all_layers_of(self, rows: np.ndarray) -> np.ndarray:
        return np.sqrt(np.sum(np.square(rows.astype(np.float64)), axis=1))


class LrRunsPlot(LayerRunsPlot):
    help = ("<b>Effective learning rate of each run</b> (colour = run): the median over the "
            "chosen layer's parameters of the step each takes per unit of gradient (for "
            "SGD the scheduled γ; for Adam γ / (√v̂ + ε), the factor on m̂). The single-run "
            "plot shows every layer with its min–max band.")
    column_name = "lr_median"

    def __init__(self):
        super().__init__("Effective LR", "effective LR", "whose parameters' median effective LR")


def layer_column(name: str, n_layers: int) -> int | None:
    """The History column of layer `name` ('hidden 2', 'output') in a run of n_layers."""
    names = layer_names(n_layers)
    return names.index(name) if name in names else None
