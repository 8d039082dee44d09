"""What NetworkView draws: neuron boxes, weight curves and their pens, and the layout sizes."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from gui.plots.palette import NEGATIVE, POSITIVE

COL_DX = 180         # scene units between layer columns (shrunk for deep networks)
MIN_COL_DX = 110
ROW_DY = 54          # between neurons of a column
NEURON = 36          # neuron box side
MAX_SHOWN = 12       # wider layers show their first MAX_SHOWN - 1 neurons and "+N"
HIT_WIDTH = 9        # how close (scene units) the mouse must be to a connection
TEXT = "#222222"


def shown(n: int) -> int:
    """How many neurons of a layer of width n are drawn."""
    return n if n <= MAX_SHOWN else MAX_SHOWN - 1


def curve(start: QPointF, end: QPointF) -> QPainterPath:
    """The S-shaped curve of one weight, from its source's right edge to its target's left edge."""
    path = QPainterPath(start)
    mid = (start.x() + end.x()) / 2
    path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
    return path


def weight_pen(sign: int, width: float) -> QPen:
    """The pen of a weight of this sign and (rounded) width."""
    # small weights fade towards white; opaque colours paint faster than alpha
    strength = 0.35 + 0.65 * min((width - 1.0) / 4.0, 1.0)
    base = QColor(POSITIVE if sign > 0 else NEGATIVE)
    color = QColor.fromRgbF(*(1.0 - strength * (1.0 - c) for c in
                              (base.redF(), base.greenF(), base.blueF())))
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class Connection(QGraphicsPathItem):
    """One weight: net.layers[layer].w.value[out, source]."""

    def __init__(self, layer: int, out: int, source: int, path: QPainterPath):
        super().__init__(path)
        self.layer, self.out, self.source = layer, out, source
        self.key = None        # (sign, width) of the current pen, to skip unchanged pens
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        self._hit = stroker.createStroke(path)

    def shape(self) -> QPainterPath:
        return self._hit


class Neuron(QGraphicsPathItem):
    """One neuron box; layer -1 is the input column."""

    def __init__(self, layer: int, index: int, center: QPointF, color: str):
        path = QPainterPath()
        path.addRoundedRect(QRectF(-NEURON / 2, -NEURON / 2, NEURON, NEURON), 7, 7)
        super().__init__(path)
        self.layer, self.index = layer, index
        self.setPos(center)
        self.setPen(QPen(QColor(color), 4))
        self.setBrush(QBrush(QColor("white")))
        self.setZValue(10)

