"""PathLayer: each kept point of a path is drawn once; a resize or a restart draws all again."""
import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from gui.landscape import path_layer


@pytest.fixture
def mode(landscape):
    return landscape


@pytest.fixture
def drawn(monkeypatch):
    """The lengths of every polyline the layer draws, in order."""
    lengths = []
    real = path_layer.polyline

    def counted(points):
        lengths.append(len(points))
        return real(points)
    monkeypatch.setattr(path_layer, "polyline", counted)
    return lengths


def _paint(m):
    m._refresh()
    m.surface.viewport().repaint()


def _kept(m):
    return [items.cells.kept for items in m.surface.racer_items]


def test_a_frame_draws_only_the_points_new_since_the_last(mode, drawn):
    mode.race.step(50)
    _paint(mode)
    first = [len(k) for k in _kept(mode)]
    assert all(n >= 2 for n in first)
    assert drawn == first * 2                       # halos, then paths: every point once
    drawn.clear()
    mode.race.step(50)
    _paint(mode)
    now = [len(k) for k in _kept(mode)]
    new = [n - f + 1 for n, f in zip(now, first) if n > f]     # from the last drawn point
    assert new and drawn == new * 2
    drawn.clear()
    mode.surface.viewport().repaint()               # nothing new: no drawing, one copy
    assert drawn == []


def test_a_resize_or_a_restart_draws_every_path_again(qtbot, mode, drawn):
    mode.race.step(80)
    _paint(mode)
    drawn.clear()
    mode.resize(1000, 650)
    qtbot.waitUntil(lambda: len(drawn) > 0, timeout=3000)
    mode.surface.viewport().repaint()
    assert drawn == [len(k) for k in _kept(mode)] * 2
    mode.reset()
    drawn.clear()
    mode.race.step(5)
    _paint(mode)
    assert drawn == [len(k) for k in _kept(mode) if len(k) >= 2] * 2


def _pixel_of(m, point):
    vb = m.surface.plot_item.vb
    scene = vb.mapViewToScene(QtCore.QPointF(*point))
    return m.surface.mapFromScene(scene)


def test_the_path_shows_its_colour_on_screen_and_in_an_export(mode, drawn):
    mode.set_racers(["sgd:lr=0.001"])                 # alone: nothing drawn over it
    mode.race.step(300)
    _paint(mode)
    kept = _kept(mode)[0]
    middle = kept[len(kept) // 2]
    color = QtGui.QColor(mode.table.colors[0])
    # the whole tab, so the surface sits away from the origin as in a window
    shown = mode.grab().toImage()
    expected = (color.red(), color.green(), color.blue())
    pixel = shown.pixelColor(mode.surface.viewport().mapTo(mode, _pixel_of(mode, middle)))
    assert pytest.approx((pixel.red(), pixel.green(), pixel.blue()), abs=60) == expected
    drawn.clear()
    image = QtGui.QImage(mode.surface.viewport().size(), QtGui.QImage.Format_ARGB32)
    image.fill(QtCore.Qt.black)
    painter = QtGui.QPainter(image)
    mode.surface.scene().render(painter, QtCore.QRectF(image.rect()),
                                mode.surface.mapToScene(mode.surface.viewport().rect())
                                .boundingRect())
    painter.end()
    assert drawn == [len(kept)] * 2                  # an export draws the paths as vectors
    pixel = image.pixelColor(_pixel_of(mode, middle))
    assert pytest.approx((pixel.red(), pixel.green(), pixel.blue()), abs=60) == expected


def test_polyline_holds_the_points():
    points = np.array([[0.5, 1.5], [2.0, -3.25], [4.0, 8.0]])
    poly = path_layer.polyline(points)
    assert [(p.x(), p.y()) for p in poly] == [(0.5, 1.5), (2.0, -3.25), (4.0, 8.0)]
