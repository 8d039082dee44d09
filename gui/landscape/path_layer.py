"""PathLayer: every racer's path drawn once into bitmaps; a frame adds only its new segments.

Stroking thick antialiased paths of thousands of points cost ~20 ms a frame on this machine
(4 racers, ~1,000–2,000 drawn points each) and grew with the race. The drawn points of a path
only ever grow (gui/landscape/path_cells.py), so the layer keeps two device-pixel images —
halos and paths — and draws into them only the segments added since the last paint; a paint
is then two image copies. All halos stay under all paths as before: the halo image is drawn
first, opaque inside and shown at the halo's alpha, so overlapping segments never darken.

The images are redrawn whole only when the view's mapping changes (a resize), a path was
thinned or restarted, or the colours changed. Exports (PNG, SVG) paint the paths as vectors.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.functions as fn
from PySide6 import QtCore, QtGui

from gui.landscape import style
from gui.plots import plot_style as ps

HALO_ALPHA = 170          # the halo image is drawn with this alpha (of 255)


def polyline(points: np.ndarray) -> QtGui.QPolygonF:
    """A QPolygonF of (n, 2) points, filled through NumPy (no per-point Python)."""
    poly = fn.create_qpolygonf(len(points))
    fn.ndarray_from_qpolygonf(poly)[:] = points
    return poly


def clear_image(size: QtCore.QSize, ratio: float) -> QtGui.QImage:
    """A transparent device-pixel image of `size` (device pixels) at pixel ratio `ratio`."""
    image = QtGui.QImage(size, QtGui.QImage.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QtCore.Qt.transparent)
    return image


class PathLayer(pg.GraphicsObject):
    """Racer paths (halo under path) on a surface, drawn incrementally (see the module)."""

    def __init__(self):
        super().__init__()
        self._paths: list[np.ndarray] = []     # per racer: its drawn points (n, 2)
        self._keys: list = []                  # per racer: (cells object, generation)
        self._pens: list[tuple] = []           # per racer: (halo pen, path pen), opaque
        self._drawn: list[int] = []            # per racer: points already on the images
        self._images: tuple | None = None      # (halo image, path image)
        self._mapping = None                   # the transform + size they were drawn at
        self._bounds = QtCore.QRectF()

    # --- what to draw ---------------------------------------------------------------------

    def set_bounds(self, rect: QtCore.QRectF) -> None:
        """Where paths can be (the race's divergence box), in view coordinates."""
        self.prepareGeometryChange()
        self._bounds = QtCore.QRectF(rect)

    def set_colors(self, colors: list[str]) -> None:
        """One racer per colour; the paths are drawn again from scratch."""
        halo = ps.pen(style.HALO_COLOR, style.HALO_WIDTH)
        self._pens = [(halo, ps.pen(c, style.PATH_WIDTH)) for c in colors]
        self._paths = [np.empty((0, 2))] * len(colors)
        self._keys = [None] * len(colors)
        self._invalidate()

    def set_path(self, index: int, points: np.ndarray, key) -> None:
        """Racer `index`'s drawn points: the same growing path while `key` is unchanged (its
        earlier points are then taken as drawn); a new key redraws every path."""
        if key != self._keys[index] or len(points) < self._drawn[index]:
            self._keys[index] = key
            self._invalidate()
        self._paths[index] = points
        if len(points) > self._drawn[index]:
            self.update()

    def paths(self) -> list[np.ndarray]:
        return list(self._paths)

    def _invalidate(self) -> None:
        self._images = None
        self._drawn = [0] * len(self._paths)
        self.update()

    # --- painting -------------------------------------------------------------------------

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 (Qt override)
        return self._bounds

    def paint(self, painter: QtGui.QPainter, option, widget=None) -> None:
        on_screen = (widget is not None and painter.paintEngine().type()
                     == QtGui.QPaintEngine.Type.Raster)
        if not on_screen:                      # an export: vectors, like any curve
            self._paint_vectors(painter)
            return
        # item → the viewport's own pixels (deviceTransform would add where the viewport
        # sits in the window's backing store, which the painter adds again on a copy)
        transform = painter.combinedTransform()
        ratio = widget.devicePixelRatioF()
        size = widget.size() * ratio
        mapping = (transform, size.width(), size.height())
        if self._images is None or mapping != self._mapping:
            self._images = (clear_image(size, ratio), clear_image(size, ratio))
            self._drawn = [0] * len(self._paths)
            self._mapping = mapping
        self._draw_new(transform)
        halo, path = self._images
        painter.save()
        painter.resetTransform()               # viewport pixels; the view box's clip stays
        painter.setOpacity(HALO_ALPHA / 255)
        painter.drawImage(0, 0, halo)
        painter.setOpacity(1.0)
        painter.drawImage(0, 0, path)
        painter.restore()

    def _draw_new(self, transform: QtGui.QTransform) -> None:
        """Draw each path's segments that are not on the images yet."""
        if all(len(p) <= d for p, d in zip(self._paths, self._drawn)):
            return
        for which, image in enumerate(self._images):
            p = QtGui.QPainter(image)
            p.setRenderHint(QtGui.QPainter.Antialiasing)
            p.setTransform(transform)
            for points, drawn, pens in zip(self._paths, self._drawn, self._pens):
                if len(points) > drawn and len(points) >= 2:
                    p.setPen(pens[which])
                    p.drawPolyline(polyline(points[max(0, drawn - 1):]))
            p.end()
        self._drawn = [len(points) if len(points) >= 2 else 0 for points in self._paths]

    def _paint_vectors(self, painter: QtGui.QPainter) -> None:
        painter.setRenderHint(QtGui.QPainter.Antialiasing)
        for which in (0, 1):
            for points, pens in zip(self._paths, self._pens):
                if len(points) >= 2:
                    pen = QtGui.QPen(pens[which])
                    if which == 0:
                        color = pen.color()
                        color.setAlpha(HALO_ALPHA)
                        pen.setColor(color)
                    painter.setPen(pen)
                    painter.drawPolyline(polyline(points))
