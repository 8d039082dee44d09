"""Run → Compare with…: the current run plus up to five variants, each a row of choices.

Every choice comes from the engine's registries (gui/compare/variants.py); "other settings"
takes KEY=VALUE pairs as in --set. A value that is not allowed is named in the dialog (run,
field, value, what is allowed) and nothing typed is lost.
"""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from engine.compare import MAX_RUNS
from engine.errors import ConfigError
from gui import compare
from gui.compare import variants
from gui.theme import WARNING


class VariantRow:
    """The widgets of one variant: a menu or a text box per field, and other settings."""

    def __init__(self, choices: dict, values: dict):
        self.widgets = {}
        for name in variants.FIELDS:
            if name in choices:
                box = QtWidgets.QComboBox(minimumContentsLength=9)
                box.setSizeAdjustPolicy(
                    QtWidgets.QComboBox.AdjustToMinimumContentsLengthWithIcon)
                for value, title in choices[name]:
                    box.addItem(title, value)
            else:
                box = QtWidgets.QLineEdit()
                box.setMinimumWidth(70)
            box.setToolTip(variants.TITLES[name])
            self.widgets[name] = box
        self.other = QtWidgets.QLineEdit(placeholderText="e.g. model.hidden=[4],model.bias=false")
        self.other.setToolTip("Other settings as KEY=VALUE pairs, as in --set")
        self.other.setMinimumWidth(170)
        self.remove = QtWidgets.QToolButton(text="×", toolTip="Remove this run")
        self.set_values(values)

    def set_values(self, values: dict) -> None:
        for name, value in values.items():
            box = self.widgets[name]
            if isinstance(box, QtWidgets.QComboBox):
                i = box.findData(value)
                if i < 0:                                 # e.g. a loss of another task
                    box.addItem(str(value), value)
                    i = box.count() - 1
                box.setCurrentIndex(i)
            else:
                box.setText(str(value))

    def values(self) -> dict:
        return {name: (box.currentData() if isinstance(box, QtWidgets.QComboBox)
                       else box.text()) for name, box in self.widgets.items()}

    def all_widgets(self):
        return [*self.widgets.values(), self.other, self.remove]


class CompareDialog(QtWidgets.QDialog):
    """Choose the variants; Compare starts them beside the current run (or says why not)."""

    def __init__(self, mode, parent=None):
        super().__init__(parent, windowTitle="Compare with…")
        self.setAttribute(QtCore.Qt.WA_DeleteOnClose)
        self.mode = mode
        self.base, self.dataset = mode.session.config, mode.session.dataset
        self.choices = variants.choices(self.dataset.task)
        self.rows: list[VariantRow] = []
        column = QtWidgets.QVBoxLayout(self)
        current = variants.row_values(self.base)
        column.addWidget(QtWidgets.QLabel(
            "<b>Run 1 — the current run:</b> " + ", ".join(
                f"{variants.TITLES[k]} {v}" for k, v in current.items()), wordWrap=True))
        column.addLayout(self._quick_row())
        self.grid = QtWidgets.QGridLayout()
        for j, name in enumerate(("", *(variants.TITLES[f] for f in variants.FIELDS),
                                  "other settings")):
            self.grid.addWidget(QtWidgets.QLabel(f"<b>{name}</b>"), 0, j)
        column.addLayout(self.grid)
        self.add_button = QtWidgets.QPushButton("+ Add a run")
        self.add_button.clicked.connect(lambda: self.add_row(current))
        column.addWidget(self.add_button, 0, QtCore.Qt.AlignLeft)
        self.error = QtWidgets.QLabel(objectName="compareError", wordWrap=True)
        self.error.setStyleSheet(f"color: {WARNING}; font-weight: bold;")
        column.addWidget(self.error)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Cancel)
        self.compare_button = buttons.addButton("Compare", QtWidgets.QDialogButtonBox.AcceptRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.add_row(current)

    def _quick_row(self) -> QtWidgets.QHBoxLayout:
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel("Quick fill:"))
        self.quick = {}
        for kind, text in variants.QUICK_FILLS.items():
            button = QtWidgets.QPushButton(text)
            button.clicked.connect(lambda _=False, k=kind: self.quick_fill(k))
            row.addWidget(button)
            self.quick[kind] = button
        row.addStretch(1)
        return row

    # ---- rows ----
    def add_row(self, values: dict) -> VariantRow | None:
        if len(self.rows) >= MAX_RUNS - 1:
            return None
        row = VariantRow(self.choices, values)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._lay_out()
        return row

    def remove_row(self, row: VariantRow) -> None:
        self.rows.remove(row)
        for w in row.all_widgets():
            self.grid.removeWidget(w)
            w.hide()
            w.deleteLater()
        self._lay_out()

    def _lay_out(self) -> None:
        for r, row in enumerate(self.rows, start=1):
            label = self.grid.itemAtPosition(r, 0)
            if label is None:
                self.grid.addWidget(QtWidgets.QLabel(f"run {r + 1}"), r, 0)
            for j, w in enumerate(row.all_widgets(), start=1):
                self.grid.addWidget(w, r, j)
        for r in range(len(self.rows) + 1, MAX_RUNS):
            item = self.grid.itemAtPosition(r, 0)
            if item is not None:
                label = item.widget()
                self.grid.removeWidget(label)
                label.hide()
                label.deleteLater()
        self.add_button.setEnabled(len(self.rows) < MAX_RUNS - 1)

    def quick_fill(self, kind: str) -> None:
        """Replace the variant rows by a quick fill's (the current run's other values)."""
        for row in list(self.rows):
            self.remove_row(row)
        current = variants.row_values(self.base)
        for values in variants.quick_fill(kind, self.base):
            self.add_row({**current, **values})
        self.error.clear()

    # ---- compare ----
    def overrides(self) -> list[dict]:
        """[{}, run 2's overrides, ...]; raises ConfigError naming the run and field."""
        return [{}] + [variants.row_overrides(self.base, row.values(), row.other.text(), k)
                       for k, row in enumerate(self.rows, start=2)]

    def submit(self) -> bool:
        """Start the comparison, or show why not (the rows stay as typed)."""
        try:
            compare.start(self.mode, self.base, self.overrides(), dataset=self.dataset)
        except ConfigError as err:
            self.error.setText(str(err))
            return False
        self.accept()
        return True


def open_dialog(window) -> CompareDialog:
    """Run → Compare with… on the network run (the selected one, during a comparison)."""
    window.set_mode(0)
    dialog = CompareDialog(window.network, window)
    dialog.open()
    return dialog
