"""The comparison's legend and run chooser: one coloured button per run naming what differs,
and "Keep this run" (back to one run: the selected one)."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.compare.plots import run_color

LEGEND_PT = 13                 # read from the back row
COLUMNS = 3                    # runs per row of the legend


class RunChooser(QtWidgets.QFrame):
    """Click a run to select it: the data and network views and the status line follow it."""

    selected = QtCore.Signal(int)
    keep_clicked = QtCore.Signal()

    def __init__(self, labels: list[str], parent=None):
        super().__init__(parent, objectName="runChooser")
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(6, 2, 6, 2)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(0)
        title = QtWidgets.QLabel("Comparing:")
        title.setStyleSheet(f"font-size: {LEGEND_PT}pt; font-weight: bold;")
        grid.addWidget(title, 0, 0)
        # a long label never widens the window: the buttons share the width there is
        self.setSizePolicy(QtWidgets.QSizePolicy.Ignored, QtWidgets.QSizePolicy.Preferred)
        self.group = QtWidgets.QButtonGroup(self, exclusive=True)
        self.buttons = []
        for k, label in enumerate(labels):
            button = QtWidgets.QToolButton(text=f"■ {label}", checkable=True,
                                           objectName=f"run{k + 1}")
            button.setToolTip(f"Run {k + 1}: {label} — click to show it in the data and "
                              "network views")
            button.setStyleSheet(_button_style(run_color(k)))
            button.setSizePolicy(QtWidgets.QSizePolicy.Ignored,
                                 QtWidgets.QSizePolicy.Preferred)
            self.group.addButton(button, k)
            self.buttons.append(button)
            grid.addWidget(button, k // COLUMNS, 1 + k % COLUMNS)
        self.keep = QtWidgets.QPushButton("Keep this run", objectName="keepRun")
        self.keep.setToolTip("Stop comparing: the selected run goes on alone, with its "
                             "weights and curves (Edit → Undo brings back the run before)")
        grid.addWidget(self.keep, 0, 1 + COLUMNS)
        for j in range(COLUMNS):
            grid.setColumnStretch(1 + j, 1)
        self.group.idClicked.connect(self.selected)
        self.keep.clicked.connect(self.keep_clicked)

    def show_selected(self, k: int) -> None:
        self.buttons[k].setChecked(True)

    def mark_diverged(self, k: int) -> None:
        button = self.buttons[k]
        if not button.text().startswith("⚠"):
            button.setText("⚠ " + button.text())


def _button_style(color: str) -> str:
    return (f"QToolButton {{ color: {color}; font-size: {LEGEND_PT}pt; font-weight: bold; "
            "padding: 2px 8px; text-align: left; border: 2px solid transparent; "
            "border-radius: 4px; }"
            f"QToolButton:checked {{ border: 2px solid {color}; }}")
