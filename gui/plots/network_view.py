"""NetworkView: the network's neurons and weights, coloured by sign and sized by magnitude.

Its items, their pens and the layout sizes are in gui/plots/network_items.py."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QInputDialog, QToolTip, QWidget

from gui import exports
from gui.plots import pixel_labels
from gui.plots.network_items import (
    COL_DX,
    MAX_SHOWN,
    MIN_COL_DX,
    NEURON,
    ROW_DY,
    TEXT,
    Connection,
    Neuron,
    curve,
    shown,
    weight_pen,
)
from gui.plots.palette import NEUTRAL, layer_name
from gui.plots.palette import view_layer_color as layer_color  # drawn on white
from gui.plots.pixel_labels import PixelLabel

__all__ = ["MAX_SHOWN", "NetworkView"]


def _number(v: float) -> str:
    return f"{v:.4f}".replace("-", "−")


def _feature_label(name: str) -> str:
    try:
        from engine.datasets import FEATURES
    except ImportError:     # the view works without the engine's feature table
        return name
    spec = FEATURES.get(name)
    return spec.label if spec is not None else name


class NetworkView(QGraphicsView):
    """Neurons in columns, one curve per weight: orange positive, blue negative, width |w|."""

    neuron_hovered = Signal(int, int)          # (index into net.layers, neuron index)
    neuron_left = Signal()
    weight_edited = Signal(str, tuple, float)  # ("layer0.weight", (out, in), new value)
    chain_rule_requested = Signal(int, int, int)  # right-click: (layer, out, in) of a weight

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QBrush(QColor("white")))
        self.setMouseTracking(True)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self._col_dx = COL_DX
        self._net = None
        self._names: tuple[str, ...] = ()
        self._grads: dict[str, np.ndarray] = {}
        self._pens: dict[tuple[int, float], QPen] = {}
        self._hovered: tuple[int, int] | None = None
        self.connections: list[Connection] = []
        self.neurons: dict[tuple[int, int], Neuron] = {}
        self._labels: list[PixelLabel] = []
        self._core = QRectF()
        exports.install_menu(self, "Network")

    # ---- public interface -------------------------------------------------------------
    def set_feature_names(self, names) -> None:
        """Labels of the input column (the dataset's feature names)."""
        self._names = tuple(names)
        if self._net is not None:
            self.set_network(self._net)

    def set_network(self, net) -> None:
        """Lay out `net` (its weights are read again on every refresh)."""
        self._net = net
        self._grads = {}
        self._build()
        self.refresh()

    def refresh(self, grads: dict[str, np.ndarray] | None = None) -> None:
        """Recolour the connections from the current weights; keep `grads` for tooltips."""
        if grads is not None:
            self._grads = grads
        if self._net is None:
            return
        for layer, items, outs, ins in self._by_layer:
            w = self._net.layers[layer].w.value[outs, ins]
            widths = np.round(np.clip(1.0 + 3.0 * np.abs(w), 1.0, 10.0) * 2.0) / 2.0
            signs = np.where(w >= 0, 1, -1)
            for item, sign, width in zip(items, signs.tolist(), widths.tolist(), strict=True):
                key = (sign, width)
                if item.key != key:
                    item.key = key
                    item.setPen(self._pen(key))
                    item.setZValue(width)

    def connection_tooltip(self, item: Connection) -> str:
        param = self._net.layers[item.layer].w
        grad = self._grads.get(param.name)
        g = _number(float(grad[item.out, item.source])) if grad is not None else "—"
        return (f"{param.name}[{item.out}, {item.source}] = "
                f"{_number(float(param.value[item.out, item.source]))}, grad = {g}\n"
                "click: type a new weight · right-click: its chain rule")

    def neuron_tooltip(self, item: Neuron) -> str:
        if item.layer < 0:
            return f"input {self._input_label(item.index)}"
        layer = self._net.layers[item.layer]
        bias = "none" if layer.b is None else _number(float(layer.b.value[item.index]))
        return f"{layer.name} neuron {item.index} ({layer.activation.name}), bias = {bias}"

    def item_at(self, pos) -> Connection | Neuron | None:
        """The neuron or connection under a viewport position (neurons win)."""
        found = [i for i in self.items(pos) if isinstance(i, (Neuron, Connection))]
        found.sort(key=lambda i: (isinstance(i, Neuron), i.zValue()), reverse=True)
        return found[0] if found else None

    # ---- layout -------------------------------------------------------------------------
    def _build(self) -> None:
        self.scene().clear()
        self.connections, self.neurons, self._by_layer, self._labels = [], {}, [], []
        self._hovered = None
        net = self._net
        sizes = [net.layers[0].w.value.shape[1]] + [lay.w.value.shape[0] for lay in net.layers]
        self._col_dx = max(MIN_COL_DX, min(COL_DX, 3 * COL_DX / (len(sizes) - 1)))
        for col, n in enumerate(sizes):
            self._add_column(col, n)
        for k in range(len(net.layers)):
            self._add_connections(k, shown(sizes[k]), shown(sizes[k + 1]))
        centers = [n.pos() for n in self.neurons.values()]
        xs, ys = [p.x() for p in centers], [p.y() for p in centers]
        half = NEURON / 2 + 4
        self._core = QRectF(min(xs) - half, min(ys) - half, max(xs) - min(xs) + 2 * half,
                            max(ys) - min(ys) + 2 * half)
        self._add_headers(len(sizes))
        self._fit()

    def _center(self, col: int, i: int, n: int) -> QPointF:
        slots = min(n, MAX_SHOWN)
        return QPointF(col * self._col_dx, (i - (slots - 1) / 2) * ROW_DY)

    def _add_column(self, col: int, n: int) -> None:
        color = NEUTRAL if col == 0 else layer_color(col - 1)
        for i in range(shown(n)):
            neuron = Neuron(col - 1, i, self._center(col, i, n), color)
            self.scene().addItem(neuron)
            self.neurons[(col - 1, i)] = neuron
            if col == 0:
                self._add_text(self._input_label(i), neuron.pos() - QPointF(NEURON / 2, 0),
                               18, align="right")
        if n > MAX_SHOWN:
            self._add_text(f"+{n - shown(n)}", self._center(col, MAX_SHOWN - 1, n), 18)

    def _add_connections(self, k: int, n_in: int, n_out: int) -> None:
        items, outs, ins = [], [], []
        n_out_all, n_in_all = self._net.layers[k].w.value.shape
        for o in range(n_out):
            end = self._center(k + 1, o, n_out_all) - QPointF(NEURON / 2, 0)
            for i in range(n_in):
                start = self._center(k, i, n_in_all) + QPointF(NEURON / 2, 0)
                item = Connection(k, o, i, curve(start, end))
                self.scene().addItem(item)
                items.append(item)
                outs.append(o)
                ins.append(i)
        self.connections.extend(items)
        self._by_layer.append((k, items, np.array(outs), np.array(ins)))

    def _add_headers(self, n_cols: int) -> None:
        top = self._core.top()
        for col in range(n_cols):
            if col == 0:
                text, color = "input\nfeatures", TEXT
            else:
                layer = self._net.layers[col - 1]
                name = layer_name(col - 1, n_cols - 1)
                act = self._net.head if col == n_cols - 1 else layer.activation.name
                text, color = f"{name}\n{act}", layer_color(col - 1)
            self._add_text(text, QPointF(col * self._col_dx, top), 16, color, bold=True,
                           valign="above")

    def _add_text(self, text: str, at: QPointF, px: int, color: str = TEXT,
                  bold: bool = False, align: str = "center", valign: str = "center") -> None:
        label = PixelLabel(text, at, px, color, bold, align, valign)
        self.scene().addItem(label)
        self._labels.append(label)

    def _input_label(self, i: int) -> str:
        return _feature_label(self._names[i]) if i < len(self._names) else f"x{i + 1}"

    def _pen(self, key: tuple[int, float]) -> QPen:
        pen = self._pens.get(key)
        if pen is None:
            pen = self._pens[key] = weight_pen(*key)
        return pen

    def refit(self) -> None:
        """Fit again after the label sizes changed (presentation mode)."""
        self._fit()

    def _fit(self) -> None:
        if self.neurons:
            pixel_labels.fit(self, self._core, self._labels, self._col_dx)

    # ---- Qt overrides -------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        item = self.item_at(event.position().toPoint())
        hovered = (item.layer, item.index) if isinstance(item, Neuron) else None
        if hovered == self._hovered:
            return
        if self._hovered is not None:
            self.neuron_left.emit()
        self._hovered = hovered
        if hovered is not None and hovered[0] >= 0:
            self.neuron_hovered.emit(*hovered)

    def leaveEvent(self, event) -> None:
        super().leaveEvent(event)
        if self._hovered is not None:
            self._hovered = None
            self.neuron_left.emit()

    def mousePressEvent(self, event) -> None:
        item = self.item_at(event.position().toPoint())
        if isinstance(item, Connection) and event.button() == Qt.MouseButton.LeftButton:
            self._edit(item)
        elif isinstance(item, Connection) and event.button() == Qt.MouseButton.RightButton:
            self.chain_rule_requested.emit(item.layer, item.out, item.source)
        elif event.button() == Qt.MouseButton.RightButton:          # not on a weight
            exports.show_menu(self, event.globalPosition().toPoint())
        else:
            super().mousePressEvent(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._net is not None:
            item = self.item_at(event.pos())
            if isinstance(item, Connection):
                QToolTip.showText(event.globalPos(), self.connection_tooltip(item), self)
            elif isinstance(item, Neuron):
                QToolTip.showText(event.globalPos(), self.neuron_tooltip(item), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def export_csv(self, path) -> None:
        """Every weight shown: layer, parameter, out, in, value and its last gradient."""
        rows = ["layer,parameter,out,in,w,grad"]
        for k, layer in enumerate(self._net.layers if self._net is not None else ()):
            w = layer.w.value
            grad = self._grads.get(layer.w.name, np.full_like(w, np.nan))
            rows += [f"{layer_name(k, len(self._net.layers))},{layer.w.name},{o},{i},"
                     f"{w[o, i]!r},{grad[o, i]!r}" for o in range(w.shape[0])
                     for i in range(w.shape[1])]
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("\n".join(rows) + "\n")

    def _edit(self, item: Connection) -> None:
        param = self._net.layers[item.layer].w
        value, ok = QInputDialog.getDouble(
            self, "Edit weight", f"New value of {param.name}[{item.out}, {item.source}]:",
            float(param.value[item.out, item.source]), -1000.0, 1000.0, 4)
        if ok:
            self.weight_edited.emit(param.name, (item.out, item.source), float(value))
