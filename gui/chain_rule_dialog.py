"""'How does a small change in one weight change the loss?': the chain rule, with numbers."""
from __future__ import annotations

import html
import math

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.chain_rule import NUDGE, ChainRule, explain
from gui.plots.palette import layer_color

MAX_TERMS = 6      # terms of ∂J/∂a = Σ w·∂J/∂z written out; the rest are summarised


def _n(v: float) -> str:
    return f"{v:.4g}".replace("-", "−")


def _p(v: float) -> str:
    """A number as a factor: negative ones in parentheses."""
    return _n(v) if v >= 0 else f"({_n(v)})"


def verdict(r: ChainRule) -> str:
    """'the same slope' only when product and nudge print alike; otherwise how far and why."""
    if r.agrees():
        return "the same slope, found without the chain rule."
    gap = abs(r.nudged - r.gradient)
    far = f"{_n(gap)} away from the product"
    if abs(r.gradient) > 0:
        far += f" ({_n(100 * gap / abs(r.gradient))}% of it)"
    if gap <= r.nudge_noise:
        return (f"{far}. The product is right: J = {_n(r.loss)} is stored to about 16 digits, "
                f"so rounding alone can move the nudge by about ±{_n(r.nudge_noise)}, as much as "
                f"this slope{_saturated(r)}.")
    return (f"{far}. J is not smooth within ±ε of w here (a kink, as relu's at 0 or a "
            "hinge's at y·f = 1), so the two one-sided slopes differ and the nudge averages them.")


def _saturated(r: ChainRule) -> str:
    slopes = [f for f in r.factors if f.symbol in ("∂a/∂z", "∂ŷ/∂z") and abs(f.value) < 1e-4]
    if not slopes:
        return ""
    return f" (a saturated unit: {slopes[0].symbol} = {_n(slopes[0].value)} makes it tiny)"


class ChainRuleDialog(QtWidgets.QDialog):
    """∂J/∂w of one weight for one training example: each factor, the product, a nudge."""

    def __init__(self, network, loss, dataset, layer: int, out: int, source: int, parent=None):
        super().__init__(parent)
        self.network, self.loss, self.dataset = network, loss, dataset
        self.where = (layer, out, source)
        self.setWindowTitle("The chain rule for one weight")
        self.sample = QtWidgets.QSpinBox(minimum=0, maximum=len(dataset.x_train) - 1)
        self.sample.setToolTip("Which training example J is computed on")
        self.sample.setKeyboardTracking(False)         # typed numbers apply on Enter
        self.sample.valueChanged.connect(self.show_sample)
        self.text = QtWidgets.QLabel(textFormat=QtCore.Qt.RichText, wordWrap=True)
        self.text.setTextInteractionFlags(QtCore.Qt.TextSelectableByMouse)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel("Training example"))
        row.addWidget(self.sample)
        row.addStretch(1)
        close = QtWidgets.QPushButton("Close")
        close.setAutoDefault(False)       # Enter applies the example; Esc or Close closes
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.resize(820, 460)
        self.show_sample(0)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """Enter in the example field applies it and keeps the dialog open."""
        if event.key() in (QtCore.Qt.Key_Return, QtCore.Qt.Key_Enter):
            self.show_sample(self.sample.value())
            event.accept()
            return
        super().keyPressEvent(event)

    def show_sample(self, index: int) -> None:
        """Recompute and show the chain for training example `index`."""
        ds = self.dataset
        self.result = explain(self.network, self.loss, ds.x_train, ds.y_train, *self.where,
                              sample=index)
        self.text.setText(self._html(self.result))

    def _html(self, r: ChainRule) -> str:
        layer = self.where[0]
        color = layer_color(layer)
        symbols = " × ".join(f.symbol for f in r.factors)
        numbers = " × ".join(_p(f.value) for f in r.factors)
        rows = "".join(f"<tr><td><b>{f.symbol}</b></td><td align=right>&nbsp;{_n(f.value)}"
                       f"&nbsp;&nbsp;</td><td>{html.escape(f.meaning)}</td></tr>"
                       for f in r.factors)
        return (f"<p style='font-size:15pt'><b style='color:{color}'>{r.weight}</b> on "
                f"{self._example(r)}</p>"
                f"<p style='font-size:20pt'>∂J/∂w = {symbols}</p>"
                f"<p style='font-size:20pt'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; = {numbers} = "
                f"<b>{_n(r.gradient)}</b></p>"
                f"<table style='font-size:13pt'>{rows}</table>{self._fused(r)}"
                f"{self._upstream(r)}"
                f"<p style='font-size:14pt'>Nudge check: (J(w + ε) − J(w − ε)) / 2ε with "
                f"ε = {NUDGE:g} gives <b>{_n(r.nudged)}</b> — {verdict(r)}</p>")

    def _fused(self, r: ChainRule) -> str:
        """Beside a fused ∂J/∂z: what ∂J/∂ŷ · ∂ŷ/∂z would be, and why it is not multiplied."""
        if r.factors[0].symbol != "∂J/∂z":
            return ""
        if not r.split:
            return ("<p style='font-size:13pt'>∂J/∂z = ∂J/∂ŷ · ∂ŷ/∂z: the softmax's ∂ŷ/∂z is a "
                    "matrix (each p moves with every z), and with this loss the product "
                    "collapses to p − y, which is what is used.</p>")
        dj_dy, dy_dz = r.split
        worked = f"{_p(dj_dy.value)} × {_p(dy_dz.value)}"
        if math.isfinite(dj_dy.value) and dy_dz.value > 0:
            why = f"= {worked} = {_n(dj_dy.value * dy_dz.value)}, the same p − y."
        else:
            why = (f"written out in floating point these are {worked}: p has rounded to "
                   f"{_n(1.0 if dj_dy.value > 0 else 0.0)}, so p(1 − p) is 0 and "
                   "(p − y)/(p(1 − p)) overflows. The two cancel on paper, so p − y is used: a "
                   "confidently wrong prediction has the largest gradient, not none.")
        return (f"<p style='font-size:13pt'>∂J/∂z = ∂J/∂ŷ · ∂ŷ/∂z = (p − y)/(p(1 − p)) · "
                f"p(1 − p) = p − y {why}</p>")

    def _example(self, r: ChainRule) -> str:
        ds = self.dataset
        x = ", ".join(_n(v) for v in ds.raw_train[r.sample])
        y = ds.y_train[r.sample]
        target = _n(float(y[0])) if len(y) == 1 else f"class {int(np.argmax(y))}"
        return f"training example {r.sample}: x = ({x}), y = {target}, J = {_n(r.loss)}"

    def _upstream(self, r: ChainRule) -> str:
        if not r.upstream:
            return ""
        terms = [f"{_p(w)}·{_p(d)}" for w, d in r.upstream[:MAX_TERMS]]
        if len(r.upstream) > MAX_TERMS:
            terms.append(f"… ({len(r.upstream) - MAX_TERMS} more)")
        return (f"<p style='font-size:13pt'>∂J/∂a = Σ<sub>m</sub> w<sub>next</sub>·"
                f"∂J/∂z<sub>m</sub> = {' + '.join(terms)} = {_n(r.factors[0].value)}: the "
                "next layer's gradients, carried back through its weights.</p>")
