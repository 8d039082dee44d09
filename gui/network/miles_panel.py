"""The one-weight lessons' big picture: the guess w, its error, and J(w) with w on it.

The lecture's miles-to-km example — guess, calculate the error, adjust — has one weight and
no bias (km = w · miles). For such a run this panel shows, in type a back row can read, the
current w, the guess it makes for one example distance and its error (Error = Guess −
Correct), beside the loss J(w) over w computed on the run's own training points (the same
`LinearLoss` the miles-to-km landscapes use) with the current guess and its last steps on it.
"""
from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.generators import KM_PER_MILE
from engine.landscapes_data import LinearLoss
from gui import theme
from gui.plots import plot_style as ps

EXAMPLE_MILES = 10.0      # the example distance whose guess and error are shown
W_RANGE = (-0.5, 3.5)     # the J(w) curve's w range (widened to hold every guess shown)
CURVE_POINTS = 200
TRAIL = 12                # earlier guesses drawn on the curve, faded
GUESS_COLOR = "#E69F00"
CURVE_COLOR = "#56B4E9"


def signed(value: float, spec: str) -> str:
    """`value` formatted with a true minus sign (−), which reads better in large type."""
    return format(value, spec).replace("-", "−")


def fits(net, dataset) -> bool:
    """A run this panel describes: one input, one output, one weight, no bias, regression."""
    if net is None or dataset is None or len(net.layers) != 1:
        return False
    layer = net.layers[0]
    return (dataset.task == "regression" and layer.b is None
            and layer.w.value.shape == (1, 1))


class MilesPanel(QtWidgets.QWidget):
    """w and its error in large numbers beside J(w) with the current guess on it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.w_label = self._label(30)
        self.guess_label = self._label(16)
        self.error_label = self._label(20)
        self.loss_label = self._label(16)
        self.plot_widget = ps.make_plot("Loss J(w) over w", "w (km per mile)", "J(w)")
        self.plot = self.plot_widget.getPlotItem()
        self.plot_widget.setMinimumWidth(280)
        self.curve = self.plot.plot(pen=ps.pen(CURVE_COLOR))
        self.trail = self.plot.plot(pen=None, symbol="o", symbolSize=12,
                                    symbolBrush=ps.brush(GUESS_COLOR, 150), symbolPen=None)
        self.dot = self.plot.plot(pen=None, symbol="o", symbolSize=22,
                                  symbolBrush=GUESS_COLOR, symbolPen=ps.pen(theme.TEXT, 2))
        numbers = QtWidgets.QVBoxLayout()
        numbers.setSpacing(2)
        for label in (self.w_label, self.guess_label, self.error_label, self.loss_label):
            numbers.addWidget(label)
        numbers.addStretch(1)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addLayout(numbers)
        row.addWidget(self.plot_widget, 1)
        self._j: LinearLoss | None = None
        self._span = W_RANGE
        self._trail: list[float] = []

    def _label(self, points: int) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel()
        label.setStyleSheet(f"font-size: {points}pt; font-weight: bold; color: {theme.TEXT};")
        label.setTextInteractionFlags(QtCore.Qt.NoTextInteraction)
        return label

    def set_run(self, dataset, loss_name: str, net) -> None:
        """A new run: J(w) of `loss_name` on its training points, the trail emptied."""
        x, y = dataset.x_train.copy(), dataset.y_train[:, 0].copy()
        self._j = LinearLoss(loss_name, lambda: (x, y))
        self._span, self._trail = W_RANGE, []
        self._draw_curve()
        self.show_weight(net)

    def show_weight(self, net) -> None:
        """The network's current w: the numbers, the dot and the trail."""
        if self._j is None:
            return
        w = float(net.layers[0].w.value[0, 0])
        self._trail = (self._trail + [w])[-TRAIL - 1:]
        guess = EXAMPLE_MILES * w
        correct = EXAMPLE_MILES * KM_PER_MILE
        j = float(self._j.value(np.array(w)))
        self.w_label.setText(f"w = {signed(w, '.4f' if abs(w) < 100 else ',.1f')}")
        self.guess_label.setText(f"guess: {EXAMPLE_MILES:g} mi × w = {signed(guess, ',.2f')} km\n"
                                 f"correct: {correct:,.2f} km")
        self.error_label.setText(f"error = guess − correct\n"
                                 f"      = {signed(guess - correct, '+,.2f')} km")
        self.loss_label.setText(f"{self._j.loss.name.upper()} J(w) = {signed(j, ',.4g')}")
        lo, hi = min(self._trail + [self._span[0]]), max(self._trail + [self._span[1]])
        if (lo, hi) != self._span:
            self._span = (lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo))
            self._draw_curve()
        past = np.array(self._trail[:-1])
        self.trail.setData(past, self._j.value(past) if len(past) else past)
        self.dot.setData([w], [j])

    def _draw_curve(self) -> None:
        w = np.linspace(*self._span, CURVE_POINTS)
        j = self._j.value(w)
        self.curve.setData(w, j)
        self.plot.setRange(xRange=self._span, yRange=(min(0.0, float(j.min())), float(j.max())),
                           padding=0.02)
