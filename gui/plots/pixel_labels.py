"""Text that keeps its pixel size in a zoom-to-fit QGraphicsView, and the fit that makes room.

A scene scaled to fit a small pane shrinks its text below what the back row can read. These
labels ignore the view's zoom (their own transform still applies, so the alignment offset is
in pixels), and `fit` scales only the drawing, leaving pixel margins for the labels.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

GAP = 6          # pixels between a label and what it labels
MIN_PX = 14      # headers shrink down to this size when columns are narrow (readable at 720p)
_LOOK = {"scale": 1.0, "min_px": 0}     # presentation mode: every label scaled, floored


def set_scale(scale: float, min_px: int = 0) -> None:
    """Every label's size times `scale`, at least `min_px` (presentation mode)."""
    _LOOK["scale"], _LOOK["min_px"] = float(scale), int(min_px)


def shown_px(px: int) -> int:
    """The pixel size a label of nominal size `px` is drawn at."""
    return max(_LOOK["min_px"], round(px * _LOOK["scale"]))


def font(px: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


class PixelLabel(QGraphicsSimpleTextItem):
    """A label anchored at a scene point, drawn at a fixed pixel size.

    align: "center" or "right" (ends GAP pixels left of the anchor); valign: "center" or
    "above" (ends GAP pixels above the anchor).
    """

    def __init__(self, text: str, at: QPointF, px: int, color: str, bold: bool = False,
                 align: str = "center", valign: str = "center"):
        super().__init__(text)
        self.align, self.valign, self.px, self.bold = align, valign, px, bold
        self.lift = 0.0          # pixels higher (headers that would overlap take turns)
        self.setBrush(QBrush(QColor(color)))
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations)
        self.setPos(at)
        self.set_px(px)

    def set_px(self, px: int) -> None:
        """Change the font size and re-align around the anchor."""
        self.setFont(font(shown_px(px), self.bold))
        r = self.boundingRect()
        dx = -r.width() - GAP if self.align == "right" else -r.width() / 2
        dy = -r.height() - GAP - self.lift if self.valign == "above" else -r.height() / 2
        self.setTransform(QTransform.fromTranslate(dx, dy))

    @property
    def size(self) -> tuple[float, float]:
        r = self.boundingRect()
        return r.width(), r.height()


def fit(view, core: QRectF, labels: list[PixelLabel], column_dx: float = 0.0) -> float:
    """Scale `core` (the drawing) into the viewport with pixel margins for the labels.

    Headers (valign "above") shrink, down to MIN_PX, while they are wider than the column
    spacing on screen. Returns the scale used.
    """
    vw, vh = view.viewport().width(), view.viewport().height()
    headers = [lab for lab in labels if lab.valign == "above"]
    for lab in labels:
        lab.lift = 0.0
        lab.set_px(lab.px)
    scale = _scale(core, labels, vw, vh)
    if column_dx > 0 and headers:
        px = max(lab.px for lab in headers)
        floor = max(MIN_PX, _LOOK["min_px"])
        while px > floor and max(lab.size[0] for lab in headers) + GAP > column_dx * scale:
            px -= 1
            for lab in headers:
                lab.set_px(min(px, lab.px))
            scale = _scale(core, labels, vw, vh)
        if max(lab.size[0] for lab in headers) + GAP > column_dx * scale:
            _stagger(headers)
            scale = _scale(core, labels, vw, vh)
    left, top, right, bottom = _margins(labels)
    view.setTransform(QTransform.fromScale(scale, scale))
    area = core.adjusted(-left / scale, -top / scale, right / scale, bottom / scale)
    view.setSceneRect(area)
    view.centerOn(area.center())
    return scale


def _stagger(headers) -> None:
    """Every other header one header higher, so neighbours too wide to sit side by side
    never overlap."""
    for i, lab in enumerate(sorted(headers, key=lambda lab: lab.pos().x())):
        lab.lift = lab.size[1] + GAP if i % 2 else 0.0
        lab.set_px(lab.px)


def _margins(labels) -> tuple[float, float, float, float]:
    """Pixels the labels need outside the drawing: left, top, right, bottom."""
    left = max((w + GAP for lab in labels if lab.align == "right" for w in [lab.size[0]]),
               default=0.0)
    above = [lab for lab in labels if lab.valign == "above"]
    top = max((lab.size[1] + GAP + lab.lift for lab in above), default=0.0)
    right = max((lab.size[0] / 2 for lab in above), default=0.0)
    return left + 2, top + 2, right + 2, 4.0


def _scale(core: QRectF, labels, vw: int, vh: int) -> float:
    left, top, right, bottom = _margins(labels)
    sx = (vw - left - right) / max(core.width(), 1.0)
    sy = (vh - top - bottom) / max(core.height(), 1.0)
    return max(min(sx, sy), 0.05)
