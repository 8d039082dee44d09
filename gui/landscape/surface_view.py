"""The surface: filled contour (log colours where the range is large), minima, racer paths."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal

from engine.landscapes import Landscape
from engine.race import BOX_SCALE
from gui import exports, theme
from gui.landscape import style
from gui.landscape.path_cells import PathCells
from gui.landscape.path_layer import PathLayer
from gui.plots import plot_style as ps
from gui.plots.contour import level_segments

GRID = 200                # samples per axis of the contour, computed once per landscape
CONTOUR_LEVELS = 14
LOG_RATIO = 12.0          # log colours when max(f − f_min) > LOG_RATIO · median(f − f_min)
TOP_HEADROOM = 0.45       # the highest values get viridis' green, not its bright yellow
ARROW_FRACTION = 0.12     # arrow length as a fraction of the view's width
_GRIDS: dict[str, tuple] = {}


def surface_grid(ls: Landscape) -> tuple:
    """(xs, ys, Z) on a GRID×GRID sample of the view box (1-D: (xs, values)), cached."""
    if ls.name not in _GRIDS:
        with np.errstate(all="ignore"):
            _GRIDS[ls.name] = ls.grid(GRID if ls.dim == 2 else 600)
    return _GRIDS[ls.name]


def display_field(z: np.ndarray) -> tuple[np.ndarray, bool]:
    """The field to colour: log10(f − f_min + ε) when the range is large, else f itself."""
    shifted = z - np.nanmin(z)
    top = float(np.nanmax(shifted))
    if top > 0 and top > LOG_RATIO * float(np.nanmedian(shifted)):
        return np.log10(shifted + top * 1e-5), True
    return z, False


def _box_rect(ls: Landscape) -> QtCore.QRectF:
    """The race's divergence box (the view enlarged BOX_SCALE× about its centre)."""
    (x0, x1), (y0, y1) = ls.view if ls.dim == 2 else (ls.view[0], (0.0, 0.0))
    w, h = BOX_SCALE * (x1 - x0), BOX_SCALE * (y1 - y0)
    return QtCore.QRectF(0.5 * (x0 + x1 - w), 0.5 * (y0 + y1 - h), w, h)


class _RacerItems:
    """The graphics of one racer on a 2-D surface: arrows, head, and the path's live end —
    the segment from its last kept point to the current one (halo and path); the kept
    points are drawn by the surface's PathLayer."""

    def __init__(self, plot: pg.PlotItem, color: str, size: int):
        self.halo = plot.plot(pen=ps.pen(style.HALO_COLOR, style.HALO_WIDTH, alpha=170))
        self.path = plot.plot(pen=ps.pen(color, style.PATH_WIDTH))
        self.grad = plot.plot(pen=ps.pen(color, style.ARROW_WIDTH), connect="pairs")
        self.momentum = plot.plot(pen=ps.pen(color, style.ARROW_WIDTH, QtCore.Qt.DashLine),
                                  connect="pairs")
        self.head = pg.ScatterPlotItem(size=size, pen=ps.pen("#000000", 2.5),
                                       brush=pg.mkBrush(color))
        plot.addItem(self.head)
        for item, z in ((self.halo, 20), (self.path, 21), (self.grad, 30), (self.momentum, 30)):
            item.setZValue(z)
        self.head.setZValue(32 + size / 100)         # smaller rings on top
        self.items = (self.halo, self.path, self.grad, self.momentum, self.head)
        self.cells: PathCells | None = None       # the drawn points of the racer's path

    def drawn_path(self, racer, view) -> np.ndarray:
        """The points of `racer`'s path to draw (a new racer object starts again)."""
        if self.cells is None or self.cells.racer is not racer:
            self.cells = PathCells(racer, view)
        return self.cells.points(racer.path)

    def set_color(self, color: str) -> None:
        self.path.setPen(ps.pen(color, style.PATH_WIDTH))
        self.grad.setPen(ps.pen(color, style.ARROW_WIDTH))
        self.momentum.setPen(ps.pen(color, style.ARROW_WIDTH, QtCore.Qt.DashLine))
        self.head.setBrush(pg.mkBrush(color))


class SurfaceView(pg.PlotWidget):
    """A landscape and its racers; a left click emits the clicked point (a new start)."""

    point_clicked = Signal(object)       # (x, y) or (x,) in the landscape's coordinates

    def __init__(self):
        super().__init__()
        self.plot_item = self.getPlotItem()
        self._style_axes()
        self.landscape: Landscape | None = None
        self.racer_items: list = []     # _RacerItems (2-D) or ScatterPlotItem balls (1-D)
        self.start_mark = pg.ScatterPlotItem(size=26, symbol="o", brush=None,
                                             pen=ps.pen(theme.TEXT, 3))
        self.start_mark.setZValue(25)
        self.plot_item.addItem(self.start_mark)
        self.paths = PathLayer()                 # every racer's kept path, drawn once
        self.paths.setZValue(19)                 # under each path's live end (halo 20, path 21)
        self.plot_item.addItem(self.paths)
        self._background: list = []
        self.contour: pg.PlotDataItem | None = None     # the level lines of a 2-D surface
        self.show_gradient = False
        self.show_momentum = False
        self.scene().sigMouseClicked.connect(self._on_click)
        exports.install_menu(self, "Surface")         # right-click: PNG, SVG, CSV

    def _style_axes(self) -> None:
        item = self.plot_item
        font = QtGui.QFont()
        font.setPointSize(ps.AXIS_POINT_SIZE)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setTickFont(font)
            axis.setTextPen(ps.pen(theme.TEXT, 1))
            axis.setPen(ps.pen(theme.MUTED, 1.5))
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)

    # --- the landscape --------------------------------------------------------------------

    def set_landscape(self, ls: Landscape) -> None:
        """Draw the surface (or curve) of `ls` with its minima; racers are set separately."""
        for item in self._background:
            self.plot_item.removeItem(item)
        self._background = []
        self.set_racer_colors([])
        self.landscape = ls
        if ls.dim == 2:
            self._draw_surface(ls)
        else:
            self._draw_curve(ls)
        self._draw_minima(ls)
        self.paths.set_bounds(_box_rect(ls))
        (x0, x1) = ls.view[0]
        y0, y1 = ls.view[1] if ls.dim == 2 else self._curve_range
        self.plot_item.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        self.plot_item.setLabel("bottom", ls.labels[0], **{"font-size": "14pt"})
        self.plot_item.setLabel("left", ls.labels[1], **{"font-size": "14pt"})

    def _add(self, item) -> None:
        self.plot_item.addItem(item)
        self._background.append(item)

    def _draw_surface(self, ls: Landscape) -> None:
        xs, ys, z = surface_grid(ls)
        field, self.log_colors = display_field(z)
        image = pg.ImageItem(field, axisOrder="row-major")
        image.setColorMap(pg.colormap.get("viridis"))
        lo, hi = np.nanpercentile(field, [0.5, 99.5])
        image.setLevels((lo, hi + TOP_HEADROOM * (hi - lo)))     # no bright yellow under racers
        image.setRect(QtCore.QRectF(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0]))
        image.setZValue(-10)
        image.setCacheMode(QtWidgets.QGraphicsItem.DeviceCoordinateCache)
        self._add(image)
        self.contour = self._contour_lines(xs, ys, field)
        self._add(self.contour)

    def _contour_lines(self, xs, ys, field) -> pg.PlotDataItem:
        """CONTOUR_LEVELS level lines as one item of segments (gui/plots/contour.py)."""
        lo, hi = np.nanpercentile(field, [1, 97])
        cols, rows = [], []
        for level in np.linspace(lo, hi, CONTOUR_LEVELS):
            c, r = level_segments(field, level)
            cols.append(c)
            rows.append(r)
        x = xs[0] + np.concatenate(cols) * (xs[1] - xs[0])     # grid index → coordinates
        y = ys[0] + np.concatenate(rows) * (ys[1] - ys[0])
        lines = pg.PlotDataItem(x, y, connect="pairs", pen=ps.pen("#000000", 1.2, alpha=110))
        lines.setZValue(-5)
        # the level lines never change while a landscape is shown (the view is fixed): a
        # bitmap of them, re-drawn on a resize, instead of ~10⁴ antialiased segments a frame
        lines.curve.setCacheMode(QtWidgets.QGraphicsItem.DeviceCoordinateCache)
        return lines

    def _draw_curve(self, ls: Landscape) -> None:
        xs, values = surface_grid(ls)
        span = float(values.max() - values.min())
        self._curve_range = (float(values.min()) - 0.3 * span, float(values.max()) + 0.1 * span)
        fill = pg.PlotDataItem(xs, values, pen=ps.pen(theme.TEXT, 4),
                               fillLevel=self._curve_range[0], fillBrush=ps.brush("#56B4E9", 40))
        fill.setZValue(-10)
        self._add(fill)

    def _draw_minima(self, ls: Landscape) -> None:
        minima = ls.minima
        label_all = len(minima) <= 8
        spots = [{"pos": (m.point[0], m.point[1] if ls.dim == 2 else m.value),
                  "size": style.MINIMUM_SIZE if label_all or m.is_global else 8}
                 for m in minima]
        marks = pg.ScatterPlotItem(spots, symbol="star", pen=ps.pen("#000000", 1.5),
                                   brush=pg.mkBrush("#ffffff"))
        marks.setZValue(10)
        self._add(marks)
        for m in minima:
            if label_all or m.is_global:
                self._add_letter(m, ls)

    def _add_letter(self, m, ls: Landscape) -> None:
        html = (f'<span style="font-size:{style.LETTER_SIZE}; font-weight:bold; '
                f'color:{theme.TEXT}">{m.label}</span>')
        text = pg.TextItem(html=html, anchor=(-0.15, 1.05) if ls.dim == 2 else (0.5, -0.75),
                           fill=ps.brush(theme.BACKGROUND, 170))
        text.setPos(m.point[0], m.point[1] if ls.dim == 2 else m.value)
        text.setZValue(45)
        self._add(text)

    # --- the racers -----------------------------------------------------------------------

    def set_racer_colors(self, colors: list[str]) -> None:
        """One set of racer items per colour, made once (recoloured in place when possible)."""
        two_d = self.landscape is not None and self.landscape.dim == 2
        self.paths.set_colors(colors if two_d else [])     # it draws every path again
        if len(colors) == len(self.racer_items):
            for items, color in zip(self.racer_items, colors):
                self._recolor(items, color)
            return
        for items in self.racer_items:
            for item in self._parts(items):
                self.plot_item.removeItem(item)
        self.racer_items = [self._make_racer(c, i, len(colors)) for i, c in enumerate(colors)]

    def _parts(self, items) -> tuple:
        return items.items if isinstance(items, _RacerItems) else (items,)

    def _make_racer(self, color: str, index: int, count: int):
        if self.landscape is not None and self.landscape.dim == 1:
            size = style.ring_size(style.BALL_SIZE, index, count)
            ball = pg.ScatterPlotItem(size=size, pen=ps.pen("#000000", 2.5),
                                      brush=pg.mkBrush(color))
            ball.setZValue(40 - size / 100)
            self.plot_item.addItem(ball)
            return ball
        return _RacerItems(self.plot_item, color, style.ring_size(style.HEAD_SIZE, index, count))

    def _recolor(self, items, color: str) -> None:
        if isinstance(items, _RacerItems):
            items.set_color(color)
        else:
            items.setBrush(pg.mkBrush(color))

    def update_race(self, race) -> None:
        """Show every racer's path and current point (setData only)."""
        if race.dim == 2:
            self.start_mark.setData([race.start[0]], [race.start[1]])
        else:
            self.start_mark.setData([], [])
        for i, (items, racer) in enumerate(zip(self.racer_items, race.racers)):
            if isinstance(items, _RacerItems):
                self._update_2d(i, items, racer)
            else:
                x = racer.point[0]
                items.setData([x], [float(racer.values[-1])],
                              symbol="x" if racer.diverged else "o")

    def _update_2d(self, index: int, items: _RacerItems, racer) -> None:
        path = items.drawn_path(racer, self.landscape.view)
        cells = items.cells
        self.paths.set_path(index, cells.kept, (cells, cells.generation))
        end = path[max(0, len(cells.kept) - 1):]         # the live end: last kept → current
        items.halo.setData(end[:, 0], end[:, 1])
        items.path.setData(end[:, 0], end[:, 1])
        p = racer.point
        items.head.setData([p[0]], [p[1]], symbol="x" if racer.diverged else "o")
        live = not racer.diverged
        self._set_arrow(items.grad, p, -racer.gradient if live and self.show_gradient else None)
        velocity = racer.velocity() if live and self.show_momentum else None
        self._set_arrow(items.momentum, p, None if velocity is None else -velocity)

    def _set_arrow(self, item, p: np.ndarray, direction) -> None:
        """An arrow of fixed screen length from p along `direction` (None hides it)."""
        if direction is None or not np.any(direction):
            item.setData([], [])
            return
        (x0, x1), (y0, y1) = self.plot_item.vb.viewRange()
        scale = np.array([x1 - x0, y1 - y0])
        d = direction / scale
        d = d / np.linalg.norm(d) * ARROW_FRACTION               # in view fractions
        tip = p + d * scale
        back, side = -0.3 * d, 0.3 * np.array([-d[1], d[0]])
        barbs = [tip + (back + side) * scale, tip + (back - side) * scale]
        pts = np.array([p, tip, tip, barbs[0], tip, barbs[1]])
        item.setData(pts[:, 0], pts[:, 1])

    def drawn_path(self, index: int) -> np.ndarray:
        """Racer `index`'s path as drawn: its kept points, then its current point."""
        cells = self.racer_items[index].cells
        return np.empty((0, 2)) if cells is None else cells.points(cells.racer.path)

    # --- clicks ---------------------------------------------------------------------------

    def _on_click(self, ev) -> None:
        if ev.button() != QtCore.Qt.MouseButton.LeftButton or self.landscape is None:
            return
        vb = self.plot_item.vb
        if not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        p = vb.mapSceneToView(ev.scenePos())
        ls = self.landscape
        point = (p.x(), p.y()) if ls.dim == 2 else (p.x(),)
        inside = all(lo <= c <= hi for c, (lo, hi) in zip(point, ls.view))
        if inside:
            self.point_clicked.emit(point)
