"""Model panel: hidden layers and widths, then one row per ModelConfig spec (activation, weight
init and σ, bias, regularisation and its rate), built by the same field builder as the
optimizer panel, so the panel allows exactly what the engine allows."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from engine.model_specs import HIDDEN_WIDTH, MAX_DEPTH, MODEL_PARAMS
from gui.panels.fields import HyperField, PanelBox, blocked, row_label


class ModelPanel(PanelBox):
    """Emits config overrides such as {"model.hidden": [8, 4]}; every change starts a new run."""

    changed = QtCore.Signal(dict)

    def __init__(self):
        super().__init__("Model")
        self.hidden: list[int] = []
        self.width_fields: list[HyperField] = []
        self.layers_row = QtWidgets.QHBoxLayout()
        self.add_button = QtWidgets.QToolButton(text="+")
        self.add_button.setToolTip("Add a hidden layer")
        self.add_button.clicked.connect(self._add_layer)
        self.remove_button = QtWidgets.QToolButton(text="−")
        self.remove_button.setToolTip("Remove the last hidden layer")
        self.remove_button.clicked.connect(self._remove_layer)
        self.spins_box = QtWidgets.QHBoxLayout()
        self.layers_row.addLayout(self.spins_box)
        self.layers_row.addStretch(1)
        self.layers_row.addWidget(self.remove_button)
        self.layers_row.addWidget(self.add_button)
        self.form.addRow("Hidden", self.layers_row)
        self.fields: dict[str, HyperField] = {}
        for spec in MODEL_PARAMS:
            field = HyperField(spec, f"model.{spec.name}")
            field.value_changed.connect(
                lambda v, key=f"model.{spec.name}": self.changed.emit({key: v}))
            self.fields[spec.name] = field
            self.form.addRow(row_label(spec), field)

    def set_config(self, model) -> None:
        """Show a ModelConfig without emitting anything."""
        with blocked(*self.fields.values()):
            for name, field in self.fields.items():
                field.set_value(getattr(model, name))
        self._show_layers(list(model.hidden))

    def _show_layers(self, hidden: list[int]) -> None:
        self.hidden = hidden
        while self.spins_box.count():
            old = self.spins_box.takeAt(0).widget()
            old.hide()              # gone from view now; deleted when the event loop gets to it
            old.deleteLater()
        self.width_fields = []
        for i, width in enumerate(hidden):
            field = HyperField(HIDDEN_WIDTH, "model.hidden")
            field.set_value(width)
            field.setToolTip(f"Neurons in hidden layer {i + 1} "
                             f"(allowed: {HIDDEN_WIDTH.describe()})")
            field.setMaximumWidth(64)
            field.value_changed.connect(lambda v, i=i: self._width_changed(i, v))
            self.spins_box.addWidget(field)
            self.width_fields.append(field)
        self.add_button.setEnabled(len(hidden) < MAX_DEPTH)
        self.remove_button.setEnabled(len(hidden) > 0)

    def _width_changed(self, i: int, width: int) -> None:
        hidden = list(self.hidden)
        hidden[i] = width
        self.changed.emit({"model.hidden": hidden})

    def _add_layer(self) -> None:
        self.changed.emit({"model.hidden": [*self.hidden, self.hidden[-1] if self.hidden else 4]})

    def _remove_layer(self) -> None:
        self.changed.emit({"model.hidden": self.hidden[:-1]})
