"""Restyle a live window: its theme's colours and a size scale (presentation mode).

Code draws everything in the dark theme at normal size. `Restyle.apply(theme, scale,
min_px)` records each plot, axis, curve and styled widget the first time it sees it and
sets it from that record, so it can be applied again (after a new run made new curves) and
going back to (dark, 1.0) restores exactly what was drawn. The data and network views are
drawn on white in both themes: they are scaled, never recoloured.
"""
from __future__ import annotations

import re

import pyqtgraph as pg
import shiboken6
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import Qt

from gui import theme as themes

FONT_SIZE = re.compile(r"font-size:\s*([\d.]+)(pt|px)")
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def px_of(points_or_px: float, unit: str) -> float:
    return points_or_px * 4 / 3 if unit == "pt" else points_or_px


class Restyle:
    """The records of one window's styled things, and the pass that sets them."""

    def __init__(self, window: QtWidgets.QWidget, paper_types: tuple = ()):
        self.window = window
        self.paper_types = paper_types       # widgets drawn on white (data, network views)
        self._records: dict = {}
        self.theme, self.scale, self.line_scale, self.min_px = themes.DARK, 1.0, 1.0, 0

    def apply(self, theme: themes.Theme, scale: float = 1.0, min_px: int = 0,
              line_scale: float | None = None) -> None:
        """Colours of `theme`; text times `scale` and at least `min_px`; lines and markers
        times `line_scale` (default: `scale`)."""
        self.theme, self.scale, self.min_px = theme, scale, min_px
        self.line_scale = scale if line_scale is None else line_scale
        self.refresh()

    def refresh(self) -> None:
        """Style what is there now (new curves, a new tab) like the rest."""
        self._records = {k: v for k, v in self._records.items() if shiboken6.isValid(v[0])}
        for widget in self.window.findChildren(pg.PlotWidget):
            self._plot(widget, self._paper(widget))
        for widget in self.window.findChildren(QtWidgets.QWidget):
            if widget.styleSheet() or widget.objectName() == "legend":
                self._sheet(widget, self._paper(widget))
        self._fonts()

    # ---- sizes and colours ----
    def px(self, size_px: float) -> int:
        """A text size in presentation: scaled, and never below min_px."""
        if self.scale == 1.0 and not self.min_px:
            return round(size_px)
        return max(self.min_px, round(size_px * self.scale))

    def color(self, color, paper: bool) -> QtGui.QColor:
        """A QColor as code drew it, in the shown theme (alpha kept)."""
        qcolor = QtGui.QColor(color)
        if paper or self.theme is themes.DARK:
            return qcolor
        mapped = themes.theme_color(qcolor.name(), self.theme)
        if mapped is None:
            return qcolor
        out = QtGui.QColor(mapped)
        out.setAlpha(qcolor.alpha())
        return out

    def _text(self, text: str, paper: bool) -> str:
        """Colours and font sizes inside a stylesheet or rich text."""
        if not paper:
            text = HEX.sub(lambda m: self.color(m.group(0), False).name(), text)
        if self.scale == 1.0 and not self.min_px:
            return text
        return FONT_SIZE.sub(
            lambda m: f"font-size: {self.px(px_of(float(m.group(1)), m.group(2)))}px", text)

    def _paper(self, widget) -> bool:
        while widget is not None:
            if isinstance(widget, self.paper_types):
                return True
            widget = widget.parentWidget()
        return False

    def _record(self, obj, make):
        key = id(obj)
        record = self._records.get(key)
        if record is None or record[0] is not obj:
            record = (obj, make())
            self._records[key] = record
        return record[1]

    # ---- widgets ----
    def _sheet(self, widget: QtWidgets.QWidget, paper: bool) -> None:
        """A widget's own stylesheet, and the rich text of a legend strip."""
        rec = self._record(widget, lambda: {"sheet": widget.styleSheet(), "text": None,
                                            "shown": None, "shown_sheet": None})
        if rec["shown_sheet"] is not None and widget.styleSheet() != rec["shown_sheet"]:
            rec["sheet"] = widget.styleSheet()         # its owner set a new one since
        rec["shown_sheet"] = self._text(rec["sheet"], paper)
        if widget.styleSheet() != rec["shown_sheet"]:
            widget.setStyleSheet(rec["shown_sheet"])
        rich = isinstance(widget, QtWidgets.QLabel) and "<" in widget.text()
        if rich:
            if widget.text() != rec["shown"]:          # rewritten by its owner since
                rec["text"] = widget.text()
            rec["shown"] = self._text(rec["text"], paper)
            widget.setText(rec["shown"])

    def _fonts(self) -> None:
        """Widgets that set their own font (not the application's, not a stylesheet's)."""
        for widget in self.window.findChildren(QtWidgets.QWidget):
            key = ("font", id(widget))
            rec = self._records.get(key)
            if rec is None or rec[0] is not widget:
                if not widget.testAttribute(Qt.WA_SetFont) or "font-size" in widget.styleSheet():
                    continue
                rec = self._records[key] = (widget, QtGui.QFont(widget.font()))
            font = QtGui.QFont(rec[1])
            size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 4 / 3
            if self.scale != 1.0 or self.min_px:
                font.setPixelSize(self.px(size))
            widget.setFont(font)

    # ---- plots ----
    def _plot(self, widget: pg.PlotWidget, paper: bool) -> None:
        rec = self._record(widget, lambda: QtGui.QColor(widget.backgroundBrush().color()))
        widget.setBackground(self.color(rec, paper))
        item = widget.getPlotItem()
        self._title(item, paper)
        for name in ("left", "bottom", "right", "top"):
            axis = item.getAxis(name)
            if axis.isVisible():
                self._axis(axis, paper)
        # a plot over an image (the landscape's contour) keeps its curves' colours: the
        # image, not the theme, is their ground
        own_ground = any(isinstance(i, pg.ImageItem) for i in item.items)
        for data_item in item.listDataItems():
            self._curve(data_item, paper or own_ground)

    def _title(self, item, paper: bool) -> None:
        label = item.titleLabel
        if not label.text:
            return
        rec = self._record(label, lambda: dict(label.opts))
        size = rec.get("size") or "15pt"
        m = FONT_SIZE.match(f"font-size: {size}")
        px = self.px(px_of(float(m.group(1)), m.group(2))) if m else 20
        color = rec.get("color")
        color = self.color(color if color is not None else themes.DARK.text, paper).name()
        normal = self.scale == 1.0 and not self.min_px
        label.setText(label.text, size=size if normal else f"{px}px", color=color)

    def _axis(self, axis: pg.AxisItem, paper: bool) -> None:
        def make():
            tick = axis.style.get("tickFont") or QtGui.QFont()
            return {"tick": QtGui.QFont(tick), "pen": QtGui.QPen(axis.pen()),
                    "text": QtGui.QPen(axis.textPen()), "label": dict(axis.labelStyle)}
        rec = self._record(axis, make)
        tick = QtGui.QFont(rec["tick"])
        size = tick.pixelSize() if tick.pixelSize() > 0 else tick.pointSizeF() * 4 / 3
        if self.scale != 1.0 or self.min_px:
            tick.setPixelSize(self.px(size))
        axis.setTickFont(tick)
        for key, setter in (("pen", axis.setPen), ("text", axis.setTextPen)):
            pen = QtGui.QPen(rec[key])
            pen.setColor(self.color(pen.color(), paper))
            pen.setWidthF(pen.widthF() * self.line_scale)
            setter(pen)
        style = dict(rec["label"])
        m = FONT_SIZE.match(f"font-size: {style.get('font-size', '13pt')}")
        if self.scale != 1.0 or self.min_px:
            style["font-size"] = f"{self.px(px_of(float(m.group(1)), m.group(2)))}px"
        if "color" in style:
            style["color"] = self.color(style["color"], paper).name()
        axis.labelStyle = style
        axis.label.setDefaultTextColor(self.color(rec["text"].color(), paper))
        axis.label.setHtml(axis.labelString())
        axis._adjustSize()
        axis.picture = None
        axis.update()

    def _curve(self, item, paper: bool) -> None:
        if isinstance(item, pg.ScatterPlotItem):          # the data view's points
            size = self._record(item, lambda: item.opts["size"])
            item.setSize(size * self.line_scale)
            return
        if not isinstance(item, pg.PlotDataItem):
            return
        opts = item.opts

        def make():
            out = {k: opts.get(k) for k in ("pen", "symbolPen", "symbolBrush", "fillBrush",
                                            "symbolSize")}
            for k in ("pen", "symbolPen"):
                if out[k] is not None:
                    out[k] = QtGui.QPen(pg.mkPen(out[k]))
            if not item.opts.get("symbol"):
                out["symbolSize"] = None
            return out
        rec = self._record(item, make)
        for key, setter in (("pen", item.setPen), ("symbolPen", item.setSymbolPen)):
            pen = rec[key]
            if isinstance(pen, QtGui.QPen):
                pen = QtGui.QPen(pen)
                pen.setColor(self.color(pen.color(), paper))
                pen.setWidthF(pen.widthF() * self.line_scale)
                setter(pen)
        for key, setter in (("symbolBrush", item.setSymbolBrush), ("fillBrush", item.setFillBrush)):
            if rec[key] is not None:
                brush = QtGui.QBrush(pg.mkBrush(rec[key]))
                brush.setColor(self.color(brush.color(), paper))
                setter(brush)
        if rec["symbolSize"]:
            item.setSymbolSize(rec["symbolSize"] * self.line_scale)
