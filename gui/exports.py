"""Export what is on screen: a right-click menu on every plot and view, and 'all views'.

Every plot and view registers itself with `install_menu(view, name)`. A right-click where the
view has no click of its own (the data view adds and removes points inside its axes; the
network view explains a weight on a connection) opens a menu: PNG, SVG, and the curves as
CSV. pyqtgraph's ImageExporter and CSVExporter write the pyqtgraph plots; a plain
QGraphicsView (the network view) is grabbed to PNG and writes its own CSV (`export_csv`).
SVG is Qt's QSvgGenerator rendering the view, for every view: pyqtgraph 0.14's SVGExporter
raises ValueError on every plot under PySide6 6.11 (its clean-up of Qt's SVG cannot parse
the polyline points Qt now writes; checked here on each plot of both tabs).
The CSV holds the curves as drawn: long histories are drawn decimated
(min/max per pixel column); File → Export history (CSV) writes every step.
Every export says where it wrote in the window's status bar.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

EXPORT_NAME = "exportName"     # Qt property on a view: the stem of its file names
FORMATS = ("png", "svg", "csv")
MESSAGE_MS = 10000             # how long "Wrote …" stays in the status bar


def install_menu(view: QtWidgets.QGraphicsView, name: str) -> None:
    """Give `view` the export menu; `name` ('Loss', 'Data') becomes its file name.

    On a pyqtgraph view the menu opens on right-clicks nothing else accepted: install it
    after the view's own click handlers (scene.sigMouseClicked runs them in order)."""
    view.setProperty(EXPORT_NAME, slug(name))
    if isinstance(view, pg.GraphicsView):
        view.scene().sigMouseClicked.connect(lambda ev: _clicked(view, ev))


def slug(text: str) -> str:
    """'Gradient norm' → 'gradient-norm' (a file name stem)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "view"


def _clicked(view, ev) -> None:
    if ev.button() == QtCore.Qt.MouseButton.RightButton and not ev.isAccepted():
        ev.accept()
        show_menu(view, ev.screenPos().toPoint())


def show_menu(view, global_pos: QtCore.QPoint) -> QtWidgets.QMenu:
    """The export menu of `view`, popped up at `global_pos` (returned for tests)."""
    menu = QtWidgets.QMenu(view)
    for fmt, text in (("png", "Save as PNG image…"), ("svg", "Save as SVG drawing…"),
                      ("csv", "Save curves as CSV (as drawn)…")):
        if fmt != "csv" or can_csv(view):
            action = menu.addAction(text)
            action.setData(fmt)
            action.triggered.connect(lambda _=False, f=fmt: save_with_dialog(view, f))
    menu.popup(global_pos)
    return menu


def can_csv(view) -> bool:
    return hasattr(view, "export_csv") or _plot_item(view) is not None


def _plot_item(view):
    return view.getPlotItem() if isinstance(view, pg.PlotWidget) else None


def save_with_dialog(view, fmt: str) -> Path | None:
    """Ask for a file name, then write it (None when cancelled)."""
    start = str(Path.home() / f"{view.property(EXPORT_NAME)}.{fmt}")
    path, _ = QtWidgets.QFileDialog.getSaveFileName(view.window(), f"Save as {fmt.upper()}",
                                                    start, f"{fmt.upper()} (*.{fmt})")
    if not path:
        return None
    written = save(view, Path(path), fmt)
    say(view, f"Wrote {written}")
    return written


def save(view, path: Path, fmt: str) -> Path:
    """Write `view` to `path` as fmt ('png', 'svg' or 'csv'); returns the path."""
    path = Path(path)
    if fmt == "svg":
        _render_svg(view, path)
    elif fmt == "csv" and hasattr(view, "export_csv"):
        view.export_csv(path)
    elif isinstance(view, pg.GraphicsView):
        _pyqtgraph_export(view, path, fmt)
    elif fmt == "png":
        view.grab().save(str(path), "PNG")
    else:
        raise ValueError(f"{view.property(EXPORT_NAME)} cannot be written as {fmt}")
    return path


def _pyqtgraph_export(view: pg.GraphicsView, path: Path, fmt: str) -> None:
    if fmt == "csv":
        exporter = pg_exporters.CSVExporter(_plot_item(view))
    else:
        exporter = pg_exporters.ImageExporter(view.scene())
    exporter.export(str(path))


def _render_svg(view: QtWidgets.QGraphicsView, path: Path) -> None:
    generator = QtSvg.QSvgGenerator()
    generator.setFileName(str(path))
    size = view.viewport().size()
    generator.setSize(size)
    generator.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), size))
    generator.setTitle(str(view.property(EXPORT_NAME)))
    painter = QtGui.QPainter(generator)
    view.render(painter)
    painter.end()


def views(window: QtWidgets.QWidget) -> list:
    """Every view with an export menu in `window` (both tabs), in widget order."""
    return [v for v in window.findChildren(QtWidgets.QGraphicsView)
            if v.property(EXPORT_NAME)]


def file_stem(view) -> str:
    """'network-loss': the view's name after the tab it is on (names repeat across tabs)."""
    name, widget = view.property(EXPORT_NAME), view
    while widget is not None:
        parent = widget.parentWidget()
        if isinstance(parent, QtWidgets.QStackedWidget) and isinstance(
                parent.parentWidget(), QtWidgets.QTabWidget):
            tabs = parent.parentWidget()
            return f"{slug(tabs.tabText(tabs.indexOf(widget)))}-{name}"
        widget = parent
    return name


def export_all(window: QtWidgets.QWidget, folder: Path) -> list[Path]:
    """Every view of the window as PNG, SVG and (where it has curves) CSV, into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, seen = [], set()
    for view in views(window):
        stem = file_stem(view)
        while stem in seen:
            stem += "-2"
        seen.add(stem)
        for fmt in FORMATS:
            if fmt != "csv" or can_csv(view):
                written.append(save(view, folder / f"{stem}.{fmt}", fmt))
    return written


def export_all_dialog(window: QtWidgets.QWidget) -> list[Path]:
    """File → Export all views: ask for a folder, write every view there, say where."""
    folder = QtWidgets.QFileDialog.getExistingDirectory(window, "Export all views into")
    if not folder:
        return []
    written = export_all(window, Path(folder))
    say(window, f"Wrote {len(written)} files ({len(views(window))} views) to {folder}")
    return written


def say(widget: QtWidgets.QWidget, text: str) -> None:
    """Show `text` in the status bar of `widget`'s window (when it has one)."""
    window = widget.window()
    if isinstance(window, QtWidgets.QMainWindow):
        window.statusBar().showMessage(text, MESSAGE_MS)
