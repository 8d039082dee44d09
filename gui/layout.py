"""How the window and the network tab are laid out: splitters, a scrolling panel column.

These functions arrange widgets made elsewhere and return the containers they built; they
never set attributes on the objects that own the widgets.
"""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

PANEL_WIDTH = 380
SPLITTER_NAMES = ("top", "bottom", "right")     # keys of the saved splitter states


def network_tab(mode, panels, loss_plot, gradient_plot, lr_plot, data_view, network_view,
                banner=None) -> dict[str, QtWidgets.QSplitter]:
    """Panels in a scrolling column on the left, the five views on the right (below
    `banner`, if given), inside `mode`; returns the splitters by name (their states are
    saved)."""
    light = QtWidgets.QApplication.style().standardPalette()
    for view in (data_view, network_view):
        view.setPalette(light)             # they are drawn on white
    legend = getattr(data_view, "legend", None)
    if isinstance(legend, QtWidgets.QLabel):     # dark text on its white strip
        legend.setStyleSheet(legend.styleSheet() + " color: #111111;")
    top = _splitter(QtCore.Qt.Horizontal, loss_plot, data_view)
    bottom = _splitter(QtCore.Qt.Horizontal, gradient_plot, lr_plot, network_view)
    right = _splitter(QtCore.Qt.Vertical, top, bottom)
    top.setSizes([600, 400])
    right.setSizes([520, 480])
    layout = QtWidgets.QHBoxLayout(mode)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(_panel_column(panels))
    if banner is None:
        layout.addWidget(right, 1)
    else:
        views = QtWidgets.QVBoxLayout()
        views.setSpacing(0)
        views.addWidget(banner)
        views.addWidget(right, 1)
        layout.addLayout(views, 1)
    return dict(zip(SPLITTER_NAMES, (top, bottom, right), strict=True))


def _panel_column(panels) -> QtWidgets.QScrollArea:
    column = QtWidgets.QWidget()
    box = QtWidgets.QVBoxLayout(column)
    for panel in panels:
        box.addWidget(panel)
    box.addStretch(1)
    for combo in column.findChildren(QtWidgets.QComboBox):
        combo.setSizeAdjustPolicy(QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
    return PanelScroll(column)


class PanelScroll(QtWidgets.QScrollArea):
    """The panel column, scrolling up and down, never clipped on the right: whenever its
    panels are laid out anew (another optimizer's fields, a longer choice, the fonts of a
    real screen), it takes the column's minimum width plus its scroll bar."""

    def __init__(self, column: QtWidgets.QWidget):
        super().__init__(widgetResizable=True)
        self.setWidget(column)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarAlwaysOff)
        column.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        bar = self.verticalScrollBar().sizeHint().width()
        need = self.widget().minimumSizeHint().width() + bar + 2 * self.frameWidth() + 4
        self.setFixedWidth(max(PANEL_WIDTH, need))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.widget() and event.type() in (
                QtCore.QEvent.LayoutRequest, QtCore.QEvent.Show, QtCore.QEvent.StyleChange,
                QtCore.QEvent.FontChange):
            QtCore.QTimer.singleShot(0, self, self.fit)   # once the layout has its new size
        return super().eventFilter(watched, event)


def window_column(run_bar, caption, tabs) -> QtWidgets.QWidget:
    """The run bar, the lesson caption and the mode tabs, top to bottom."""
    central = QtWidgets.QWidget()
    column = QtWidgets.QVBoxLayout(central)
    column.setContentsMargins(4, 2, 4, 4)
    column.setSpacing(4)
    column.addWidget(run_bar)
    column.addWidget(caption)
    column.addWidget(tabs, 1)
    return central


class SplitterSwap:
    """New widgets in the places of old ones in one splitter, each at its old one's size and
    shown as it was (the old ones hidden); `undo()` takes the new ones out (the caller owns
    them) and gives the splitter back its old widgets and sizes. The pairs of one splitter
    go in one swap: undone one by one, each would restore the sizes the one before it saw.

    A widget taken out goes to the splitter's parent, hidden, not to no parent: a parentless
    widget is a top-level window owned by Python, and a pyqtgraph plot (reference cycles) is
    then deleted by whichever garbage collection meets it, even one in the middle of Qt
    listing the top-level widgets (seen: a segmentation fault). Under the parent it stays
    Qt's, until the caller's deleteLater() or the window's end."""

    def __init__(self, splitter: QtWidgets.QSplitter, pairs):
        self.splitter, self.pairs = splitter, list(pairs)      # (old, new)
        self.sizes = splitter.sizes()
        self.hidden = [old.isHidden() for old, _ in self.pairs]
        new_of = {id(old): new for old, new in self.pairs}
        sizes = []
        for i, size in enumerate(self.sizes):
            new = new_of.get(id(splitter.widget(i)))
            sizes += [size] if new is None else [size, 0]
        for (old, new), hidden in zip(self.pairs, self.hidden):
            splitter.insertWidget(splitter.indexOf(old), new)
            old.hide()
            new.setVisible(not hidden)
        splitter.setSizes(sizes)

    def undo(self) -> None:
        for (old, new), hidden in zip(self.pairs, self.hidden):
            new.hide()
            new.setParent(self.splitter.parentWidget())
            new.hide()                                  # a new parent shows nothing it holds
            old.setVisible(not hidden)
        self.splitter.setSizes(self.sizes)


def _splitter(orientation, *widgets) -> QtWidgets.QSplitter:
    splitter = QtWidgets.QSplitter(orientation)
    for widget in widgets:
        splitter.addWidget(widget)
    splitter.setChildrenCollapsible(False)
    return splitter
