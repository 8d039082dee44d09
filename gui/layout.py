"""The main window's layout: run bar, caption, Network/Landscape tabs, panels and plots."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.lessons import CaptionBar
from gui.panels.data_panel import DataPanel
from gui.panels.loss_panel import LossPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.optimizer_panel import OptimizerPanel
from gui.panels.training_panel import TrainingPanel
from gui.plots.data_view import DataView
from gui.plots.gradient_plot import GradientPlot
from gui.plots.loss_plot import LossPlot
from gui.plots.lr_plot import LrPlot
from gui.plots.network_view import NetworkView

PANEL_WIDTH = 380


def build_layout(w) -> None:
    """Create the window's widgets as attributes of `w` and lay them out."""
    w.training_panel, w.data_panel = TrainingPanel(), DataPanel()
    w.model_panel, w.loss_panel = ModelPanel(), LossPanel()
    w.optimizer_panel = OptimizerPanel()
    w.loss_plot, w.gradient_plot, w.lr_plot = LossPlot(), GradientPlot(), LrPlot()
    w.data_view, w.network_view = DataView(), NetworkView()
    light = QtWidgets.QApplication.style().standardPalette()
    for view in (w.data_view, w.network_view):
        view.setPalette(light)             # they are drawn on white
    legend = getattr(w.data_view, "legend", None)
    if isinstance(legend, QtWidgets.QLabel):     # dark text on its white strip
        legend.setStyleSheet(legend.styleSheet() + " color: #111111;")
    column = QtWidgets.QWidget()
    box = QtWidgets.QVBoxLayout(column)
    for panel in w.panels[1:]:          # the training panel is the run bar on top
        box.addWidget(panel)
    box.addStretch(1)
    for combo in column.findChildren(QtWidgets.QComboBox):
        combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
    scroll = QtWidgets.QScrollArea(widgetResizable=True)
    scroll.setWidget(column)
    scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarAlwaysOff)
    bar = scroll.verticalScrollBar().sizeHint().width()
    scroll.setFixedWidth(max(PANEL_WIDTH, column.minimumSizeHint().width() + bar + 4))
    w.top = _splitter(QtCore.Qt.Horizontal, w.loss_plot, w.data_view)
    w.bottom = _splitter(QtCore.Qt.Horizontal, w.gradient_plot, w.lr_plot,
                            w.network_view)
    w.right = _splitter(QtCore.Qt.Vertical, w.top, w.bottom)
    w.top.setSizes([600, 400])
    w.right.setSizes([520, 480])
    network = QtWidgets.QWidget()
    layout = QtWidgets.QHBoxLayout(network)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)
    layout.addWidget(w.right, 1)
    w.tabs = QtWidgets.QTabWidget(documentMode=True)
    w.tabs.addTab(network, "Network")
    w.tabs.addTab(QtWidgets.QWidget(), "Landscape")   # filled when first shown
    w.caption = CaptionBar()
    central = QtWidgets.QWidget()
    column_layout = QtWidgets.QVBoxLayout(central)
    column_layout.setContentsMargins(4, 2, 4, 4)
    column_layout.setSpacing(4)
    column_layout.addWidget(w.training_panel)
    column_layout.addWidget(w.caption)
    column_layout.addWidget(w.tabs, 1)
    w.setCentralWidget(central)
    w.status = QtWidgets.QLabel(objectName="status")
    w.statusBar().addWidget(w.status, 1)


def _splitter(orientation, *widgets) -> QtWidgets.QSplitter:
    splitter = QtWidgets.QSplitter(orientation)
    for w in widgets:
        splitter.addWidget(w)
    splitter.setChildrenCollapsible(False)
    return splitter
