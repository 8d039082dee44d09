"""DataView: the data points and the network's prediction over the input plane."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui import exports
from gui.plots.class_chooser import ClassChooser
from gui.plots.contour import level_segments
from gui.plots.data_colors import DIVERGING, SEQUENTIAL, class_color, class_image
from gui.plots.data_points import (
    FIT,
    GRID,
    OUTLINE,
    added_point,
    grid_points,
    legend_html,
    nearest_train_point,
    plot_coords,
    point_colors,
    target_levels,
)
from gui.plots.palette import layer_color

NO_CLICK_TIP = ("Clicks add points to classification data and 1-D regression only; "
                "right-click removes the nearest training point.")


def _big_font(size: int = 12) -> QFont:
    font = QFont()
    font.setPointSize(size)
    return font


class DataView(QWidget):
    """Scatter of the data over a heatmap (2-D) or curve (1-D) of the network's prediction."""

    point_added = Signal(object)     # ((x1, ...), target): class index or a float (regression)
    point_removed = Signal(object)   # (x1, ...) of the training point nearest the click

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._ds = None
        self._net = None
        self._neuron: tuple[int, int] | None = None
        self._click_class = 1
        self._y_levels = (0.0, 1.0)
        self._rect = QRectF(0, 0, 1, 1)   # the heatmap's place in data coordinates
        self.grid_raw = np.zeros((0, 2))   # raw points where the prediction is evaluated
        self._grid_x = np.zeros((0, 2))    # the same, expanded into model inputs
        self.plot = pg.PlotWidget(background="w")
        self.legend = QLabel()              # above the plot, so it never hides a point
        self.legend.setFont(_big_font(12))
        self.legend.setStyleSheet("background: white; padding: 2px 8px;")
        self.class_chooser = ClassChooser()        # shown on multi-class data only
        self.class_chooser.chosen.connect(self.set_click_class)
        top = QWidget()
        top.setStyleSheet("background: white;")
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.legend, 1)
        row.addWidget(self.class_chooser)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.plot)
        self._make_items()
        self._style_axes()
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        exports.install_menu(self.plot, "Data")   # after _on_click: right-click off the box

    # ---- construction -----------------------------------------------------------------
    def _make_items(self) -> None:
        self.heatmap = pg.ImageItem(axisOrder="row-major")
        # the decision boundary p = 0.5, as segments (gui/plots/contour.py), in cell units
        self.boundary = pg.PlotCurveItem(pen=pg.mkPen(OUTLINE, width=2.5), connect="pairs",
                                         antialias=False)
        self.boundary.setParentItem(self.heatmap)
        self.boundary.setPos(0.5, 0.5)     # segment ends sit on cell centres
        self.curve = pg.PlotDataItem(pen=pg.mkPen(FIT, width=4), connect="finite")
        self.neuron_curve = pg.PlotDataItem(pen=pg.mkPen(OUTLINE, width=3), connect="finite")
        self.train_points = pg.ScatterPlotItem(size=11, pxMode=True)
        self.test_points = pg.ScatterPlotItem(size=11, pxMode=True)
        # the fitted curve goes over the points: it is what the class watches change
        for z, item in enumerate((self.heatmap, self.test_points, self.train_points,
                                  self.neuron_curve, self.curve)):
            item.setZValue(z - 10)
            self.plot.addItem(item)

    def _style_axes(self) -> None:
        item = self.plot.getPlotItem()
        item.vb.setMouseEnabled(False, False)
        item.vb.setMenuEnabled(False)
        item.hideButtons()
        item.layout.setContentsMargins(4, 10, 12, 4)   # room for the edge tick labels
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setStyle(tickFont=_big_font(11))
            axis.setPen(pg.mkPen(OUTLINE))
            axis.setTextPen(pg.mkPen(OUTLINE))

    # ---- public interface -------------------------------------------------------------
    def set_dataset(self, ds) -> None:
        """Show a new Dataset (or an edited one: same view box, new points)."""
        self._ds = ds
        self._set_grid(ds)
        self._set_labels(ds)
        self._set_points(ds)
        self._set_legend(ds)
        self._set_class_chooser(ds)
        self.plot.setToolTip(NO_CLICK_TIP if ds.task == "regression" and ds.input_dim == 2
                             else "")
        self.refresh()

    def set_network(self, net) -> None:
        """Use `net` (weights updated elsewhere) for the predictions; repaints."""
        self._net = net
        self._neuron = None
        self.refresh()

    def set_show_test(self, show: bool) -> None:
        self.test_points.setVisible(bool(show))

    def set_click_class(self, k: int) -> None:
        """The class a left click adds (multi-class data; the class chooser shows it)."""
        self._click_class = int(k)
        self.class_chooser.set_current(self._click_class)

    def show_neuron(self, layer: int, index: int) -> None:
        """Paint the output of neuron `index` of net.layers[layer] instead of the network's."""
        self._neuron = (int(layer), int(index))
        self.refresh()

    def show_output(self) -> None:
        self._neuron = None
        self.refresh()

    def refresh(self) -> None:
        """Recompute the prediction from the current weights and repaint."""
        if not self._ready():
            self.heatmap.clear()
            self.boundary.setData([], [])
            self.curve.setData([], [])
            self.neuron_curve.setData([], [])
            return
        if self._ds.input_dim == 1:
            self._refresh_curve()
        else:
            self._refresh_heatmap()

    # ---- grid, labels, points ---------------------------------------------------------
    def _set_grid(self, ds) -> None:
        (x0, x1), (y0, y1) = ds.view_box
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        if ds.input_dim == 2:
            self._rect = QRectF(x0, y0, x1 - x0, y1 - y0)
        self.grid_raw = grid_points(ds)
        self._grid_x = ds.expand(self.grid_raw) if len(self.grid_raw) else self.grid_raw
        self._y_levels = target_levels(ds)

    def _set_labels(self, ds) -> None:
        names = ds.axes             # the data set entry's axis titles, or the CSV's columns
        style = {"font-size": "14pt", "color": OUTLINE}
        self.plot.setLabel("bottom", names[0], **style)
        self.plot.setLabel("left", names[1], **style)

    def _set_points(self, ds) -> None:
        index, table = point_colors(ds, ds.y_train, ds.labels_train, self._y_levels)
        brushes = [pg.mkBrush(c) for c in table]
        self.train_points.setData(pos=plot_coords(ds, ds.raw_train, ds.y_train),
                                  brush=[brushes[i] for i in index],
                                  pen=pg.mkPen(OUTLINE, width=1.5))
        index, table = point_colors(ds, ds.y_test, ds.labels_test, self._y_levels)
        pens = [pg.mkPen(c, width=2.5) for c in table]
        self.test_points.setData(pos=plot_coords(ds, ds.raw_test, ds.y_test),
                                 brush=pg.mkBrush(255, 255, 255, 200),
                                 pen=[pens[i] for i in index])

    def _set_class_chooser(self, ds) -> None:
        multiclass = ds.task == "multiclass"
        colors = [class_color(k) for k in range(ds.n_classes)] if multiclass else []
        self.class_chooser.set_classes(colors, self._click_class)
        self.class_chooser.setVisible(multiclass)
        if multiclass:
            self._click_class = self.class_chooser.current

    def _set_legend(self, ds) -> None:
        self.legend.setText(legend_html(ds))

    # ---- painting ---------------------------------------------------------------------
    def _ready(self) -> bool:
        ds, net = self._ds, self._net
        return (ds is not None and net is not None and len(self.grid_raw) > 0
                and net.layers[0].w.value.shape[1] == self._grid_x.shape[1]
                and net.layers[-1].n_out == ds.y_train.shape[1])   # a new run's net may lag

    def _values(self) -> np.ndarray:
        """(n_grid, k): the network's prediction, or the hovered neuron's output."""
        if self._neuron is None:
            return self._net.predict(self._grid_x)
        layer, index = self._neuron
        return self._net.neuron_outputs(self._grid_x)[layer][:, index:index + 1]

    def _refresh_heatmap(self) -> None:
        values = np.nan_to_num(self._values(), nan=0.0, posinf=1e6, neginf=-1e6)
        task = self._ds.task
        if self._neuron is not None:
            m = max(1.0, float(np.abs(values).max()))
            self._paint_scalar(values, DIVERGING, (-m, m), iso=None)
        elif task == "multiclass":
            # RGB bytes: the levels must be 0..255 (a binary map before left them at 0..1,
            # which painted every class white)
            self.heatmap.setLookupTable(None)
            self.heatmap.setImage(class_image(values, GRID), autoLevels=False,
                                  levels=(0, 255), rect=self._rect)
            self.boundary.setData([], [])
        elif task == "binary":
            self._paint_scalar(values, DIVERGING, (0.0, 1.0), iso=0.5)
        else:
            self._paint_scalar(values, SEQUENTIAL, self._y_levels, iso=None)

    def _paint_scalar(self, values: np.ndarray, lut: np.ndarray, levels, iso) -> None:
        image = values[:, 0].reshape(GRID, GRID).astype(np.float32)
        self.heatmap.setLookupTable(lut)
        self.heatmap.setImage(image, autoLevels=False, levels=levels, rect=self._rect)
        x, y = ([], []) if iso is None else level_segments(image, iso)
        self.boundary.setData(x, y, connect="pairs", skipFiniteCheck=True)

    def _refresh_curve(self) -> None:
        x = self.grid_raw[:, 0]
        values = self._values()
        y = values.argmax(axis=1) if values.shape[1] > 1 else values[:, 0]
        good = np.isfinite(y)
        if self._neuron is None:
            self.curve.setData(x[good], y[good])
            self.curve.setPen(pg.mkPen(FIT, width=4))
            self.neuron_curve.setData([], [])
        else:
            self.neuron_curve.setData(x[good], y[good])
            self.neuron_curve.setPen(pg.mkPen(layer_color(self._neuron[0]), width=4))
            self.curve.setPen(pg.mkPen(150, 150, 150, 120, width=3))

    # ---- mouse --------------------------------------------------------------------------
    def _on_click(self, ev) -> None:
        vb = self.plot.getPlotItem().vb
        if self._ds is None or not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        p = vb.mapSceneToView(ev.scenePos())
        if ev.button() == Qt.MouseButton.RightButton:
            self._remove_near(p.x(), p.y())
        elif ev.button() == Qt.MouseButton.LeftButton:
            shift = bool(ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._add_at(p.x(), p.y(), shift)
        ev.accept()

    def _add_at(self, x: float, y: float, shift: bool) -> None:
        added = added_point(self._ds, x, y, shift, self._click_class)
        if added is not None:
            self.point_added.emit(added)

    def _remove_near(self, x: float, y: float) -> None:
        raw = nearest_train_point(self._ds, x, y)
        if raw is not None:
            self.point_removed.emit(raw)
