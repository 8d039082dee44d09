"""Export what is on screen: a right-click menu on every view, File → Export all views."""
import csv
import xml.etree.ElementTree as ET

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from gui import exports
from tests.gui.helpers import spin


def _menu_after_right_click(qtbot, view, pos):
    before = set(view.findChildren(QtWidgets.QMenu))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=pos)
    new = [m for m in view.findChildren(QtWidgets.QMenu) if m not in before]
    return new[-1] if new else None


def _free_spot(view):
    """Where a right-click belongs to the menu: outside the data view's axes box, an empty
    corner of the network view, anywhere on a plot."""
    return QtCore.QPoint(3, 3)


def test_every_view_of_both_tabs_has_the_export_menu(qtbot, window):
    window.set_mode(1)
    window.set_mode(0)
    views = exports.views(window)
    stems = [exports.file_stem(v) for v in views]
    assert len(views) >= 9 and len(set(stems)) == len(stems)
    assert {"network-loss", "network-data", "network-network", "landscape-surface"} <= set(stems)
    window.set_mode(1)
    for view in views:
        tab = 1 if exports.file_stem(view).startswith("landscape") else 0
        window.set_mode(tab)
        spin(0.05)
        menu = _menu_after_right_click(qtbot, view, _free_spot(view))
        assert menu is not None, exports.file_stem(view)
        formats = [a.data() for a in menu.actions()]
        assert formats == ["png", "svg", "csv"], exports.file_stem(view)
        menu.close()


def test_export_all_writes_png_svg_csv_of_every_view_and_says_where(qtbot, window,
                                                                      tmp_path, monkeypatch):
    window.network.step_epoch()
    qtbot.waitUntil(lambda: len(window.network.session.history) >= 5, timeout=10000)
    window.network.paint_now()
    window.set_mode(1)
    window.modes.landscape.race.step(30)
    window.modes.landscape._refresh()
    monkeypatch.setattr(QtWidgets.QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(tmp_path))
    window.actions["export_all"].trigger()
    views = exports.views(window)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 3 * len(views)
    message = window.statusBar().currentMessage()
    assert message == f"Wrote {len(files)} files ({len(views)} views) to {tmp_path}"
    surface = window.modes.landscape.surface
    image = QtGui.QImage(str(tmp_path / "landscape-surface.png"))
    assert (image.width(), image.height()) == (surface.width(), surface.height())
    root = ET.parse(tmp_path / "landscape-surface.svg").getroot()
    assert root.tag.endswith("svg")
    rows = list(csv.reader(open(tmp_path / "landscape-gradient-norm.csv")))
    labels = [r.label for r in window.modes.landscape.race.racers]
    assert rows[0][0] == f"{labels[0]}_x" and len(rows) == 1 + 31      # steps 0 … 30
    assert float(rows[-1][0]) == 30.0
    weights = list(csv.reader(open(tmp_path / "network-network.csv")))
    net = window.network.session.net
    assert len(weights) == 1 + sum(layer.w.value.size for layer in net.layers)


def test_a_single_export_names_its_file_in_the_status_bar(qtbot, window, tmp_path,
                                                          monkeypatch):
    target = tmp_path / "loss.png"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PNG (*.png)"))
    view = window.network.loss_plot.plot_widget
    menu = _menu_after_right_click(qtbot, view, QtCore.QPoint(200, 100))
    next(a for a in menu.actions() if a.data() == "png").trigger()
    assert target.stat().st_size > 1000
    assert window.statusBar().currentMessage() == f"Wrote {target}"


def test_right_click_inside_the_data_box_still_removes_a_point(qtbot, window):
    view = window.network.data_view.plot
    vb = view.getPlotItem().vb
    n = len(window.network.session.dataset.x_train)
    centre = view.mapFromScene(vb.sceneBoundingRect().center())
    assert _menu_after_right_click(qtbot, view, centre) is None
    assert len(window.network.session.dataset.x_train) == n - 1
    assert isinstance(view, pg.PlotWidget)
