"""The racer table: add, remove and edit racers (optimizer, hyper-parameters, colour)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Signal

from engine import optimizers
from engine.errors import ConfigError
from engine.racer_spec import RacerSpec, format_spec, parse_spec, split_outside_brackets
from gui import theme
from gui.landscape import style

OPTIMIZER_CHOICES = [(label, label.lower()) for label, _, _ in optimizers.MENU]
COLUMNS = ("optimizer", "hyper-parameters", "colour", "status")
ERROR_BACKGROUND = "#7a2a10"


@dataclass
class RacerEntry:
    """One row: the racer's parsed spec and its colour."""

    spec: RacerSpec
    color: str
    edited: bool = False     # the user chose this racer (added it, or changed its cells)


def carried_over(entries: list[RacerEntry], defaults: list[str]) -> list[str]:
    """The racers for a new surface, as spec texts: an edited row keeps its spec; an
    untouched row takes the new surface's default for its optimizer (its learning rate);
    no rows yet: the defaults. Removed rows stay removed."""
    if not entries:
        return list(defaults)
    by_optimizer = {parse_spec(text).optimizer: text for text in defaults}
    return [e.spec.text if e.edited else by_optimizer.get(e.spec.optimizer, e.spec.text)
            for e in entries]


def unused_colors(taken: list[str], count: int) -> list[str]:
    """`count` palette colours not in `taken` (in palette order; repeats only when the
    palette runs out)."""
    free = [c for _, c in style.RACER_COLORS if c not in taken]
    return [free[i] if i < len(free) else style.racer_color(len(taken) + i)
            for i in range(count)]


def settings_text(spec: RacerSpec) -> str:
    """'lr=0.01 momentum=0.9': the spec's hyper-parameters as typed in the table."""
    return format_spec("", spec.hyper).lstrip(":").replace(":", " ")


def spec_from_cells(optimizer: str, settings: str) -> RacerSpec:
    """Parse a row; settings are key=value pairs split by spaces, ':' or ';' outside brackets."""
    tokens = split_outside_brackets(settings, " :;")
    return parse_spec(":".join([optimizer, *(t for t in tokens if t.strip())]))


def _swatch(color: str) -> QtGui.QIcon:
    pix = QtGui.QPixmap(28, 18)
    pix.fill(QtGui.QColor(color))
    return QtGui.QIcon(pix)


class RacerTable(QtWidgets.QWidget):
    """Rows of racers; every change is validated and reported by a signal."""

    racer_added = Signal()            # a new last row
    racer_removed = Signal(int)       # the row that went
    racer_edited = Signal(int)        # optimizer or hyper-parameters of a row changed
    color_changed = Signal(int)
    error_reported = Signal(str)      # a bad edit: the row keeps its previous racer

    def __init__(self):
        super().__init__()
        self.entries: list[RacerEntry] = []
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.Interactive)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.Stretch)
        header.setSectionResizeMode(3, QtWidgets.QHeaderView.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(2, 140)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectRows)
        self.table.itemChanged.connect(self._settings_edited)
        self.add_button = QtWidgets.QPushButton("+ Add racer")
        self.remove_button = QtWidgets.QPushButton("− Remove")
        self.add_button.clicked.connect(lambda: self.add_racer("adam:lr=0.05"))
        self.remove_button.clicked.connect(self._remove_selected)
        buttons = QtWidgets.QHBoxLayout()
        for w in (QtWidgets.QLabel("Racers"), self.add_button, self.remove_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    # --- rows -----------------------------------------------------------------------------

    def set_racers(self, specs: list[str], colors: list[str] | None = None,
                   edited: list[bool] | None = None) -> None:
        """Replace every row (no signals): specs as text; colours given, then unused ones
        of the palette; `edited` marks the rows the user chose (kept on a surface switch)."""
        colors = list(colors or [])[:len(specs)]
        colors += unused_colors(colors, len(specs) - len(colors))
        edited = list(edited or [])
        self.entries = [RacerEntry(parse_spec(s), colors[i], i < len(edited) and edited[i])
                        for i, s in enumerate(specs)]
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for i in range(len(self.entries)):
            self._fill_row(i)
        self.table.blockSignals(False)

    def add_racer(self, text: str) -> None:
        """Append a racer (its colour is the first unused one) and emit racer_added."""
        color = unused_colors(self.colors, 1)[0]
        self.entries.append(RacerEntry(parse_spec(text), color, edited=True))
        self.table.blockSignals(True)
        self._fill_row(len(self.entries) - 1)
        self.table.blockSignals(False)
        self.racer_added.emit()

    def remove_racer(self, row: int) -> None:
        if 0 <= row < len(self.entries) and len(self.entries) > 1:
            del self.entries[row]
            self.table.removeRow(row)
            self.racer_removed.emit(row)

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedIndexes()})
        self.remove_racer(rows[0] if rows else len(self.entries) - 1)

    def _fill_row(self, row: int) -> None:
        entry = self.entries[row]
        if self.table.rowCount() <= row:
            self.table.insertRow(row)
        combo = QtWidgets.QComboBox()
        for label, name in OPTIMIZER_CHOICES:
            combo.addItem(label, name)
        combo.setCurrentIndex(max(0, combo.findData(entry.spec.optimizer)))
        combo.currentIndexChanged.connect(lambda _, c=combo: self._optimizer_chosen(c))
        self.table.setCellWidget(row, 0, combo)
        self.table.setItem(row, 1, QtWidgets.QTableWidgetItem(settings_text(entry.spec)))
        colors = QtWidgets.QComboBox()
        for name, value in style.RACER_COLORS:
            colors.addItem(_swatch(value), name, value)
        colors.setCurrentIndex(max(0, colors.findData(entry.color)))
        colors.currentIndexChanged.connect(lambda _, c=colors: self._color_chosen(c))
        self.table.setCellWidget(row, 2, colors)
        status = QtWidgets.QTableWidgetItem("")
        status.setFlags(QtCore.Qt.ItemIsEnabled | QtCore.Qt.ItemIsSelectable)   # a click
        status.setToolTip("Click to select this racer (− Remove removes the selected one)")
        self.table.setItem(row, 3, status)

    def _row_of(self, widget, column: int) -> int:
        return next(r for r in range(self.table.rowCount())
                    if self.table.cellWidget(r, column) is widget)

    # --- edits ----------------------------------------------------------------------------

    def _optimizer_chosen(self, combo) -> None:
        row = self._row_of(combo, 0)
        self.table.selectRow(row)
        self._apply(row, combo.currentData(), self.table.item(row, 1).text())

    def _settings_edited(self, item) -> None:
        if item.column() == 1:
            combo = self.table.cellWidget(item.row(), 0)
            self._apply(item.row(), combo.currentData(), item.text())

    def _apply(self, row: int, optimizer: str, settings: str) -> None:
        """Validate the row; a bad value turns the cell red and keeps the previous racer."""
        item = self.table.item(row, 1)
        self.table.blockSignals(True)
        try:
            spec = spec_from_cells(optimizer, settings)
        except ConfigError as e:
            item.setBackground(QtGui.QColor(ERROR_BACKGROUND))
            item.setToolTip(str(e))
            self.table.blockSignals(False)
            self.error_reported.emit(str(e))
            return
        item.setBackground(QtGui.QColor(theme.SURFACE))
        item.setToolTip("")
        self.table.blockSignals(False)
        self.entries[row].spec = spec
        self.entries[row].edited = True
        self.racer_edited.emit(row)

    def _color_chosen(self, combo) -> None:
        row = self._row_of(combo, 2)
        self.table.selectRow(row)
        self.entries[row].color = combo.currentData()
        self.color_changed.emit(row)

    def set_status(self, row: int, text: str, warn: bool = False) -> None:
        """The status cell of a row (e.g. 'f = 0.0031' or 'diverged at step 8')."""
        item = self.table.item(row, 3)
        if item is not None and item.text() != text:
            item.setText(text)
            shown = theme.current()                      # readable in either theme
            item.setForeground(QtGui.QColor(shown.warning if warn else shown.text))

    @property
    def specs(self) -> list[RacerSpec]:
        return [e.spec for e in self.entries]

    @property
    def colors(self) -> list[str]:
        return [e.color for e in self.entries]

    @property
    def edited(self) -> list[bool]:
        return [e.edited for e in self.entries]
