"""Model panel: hidden layers and widths, activation, weight init and σ, bias, regularization."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from engine import config as engine_config
from engine.layers import ACTIVATIONS
from engine.network import INITS
from gui.panels.fields import PanelBox, blocked

REGULARIZATIONS = ("none", "l1", "l2")


class ModelPanel(PanelBox):
    """Emits config overrides such as {"model.hidden": [8, 4]}; every change starts a new run."""

    changed = QtCore.Signal(dict)

    def __init__(self):
        super().__init__("Model")
        self.hidden: list[int] = []
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
        self.activation = self._combo(ACTIVATIONS, "model.activation")
        self.form.addRow("Activation", self.activation)
        self.init = self._combo(INITS, "model.init")
        self.form.addRow("Weight init", self.init)
        self.sigma = QtWidgets.QDoubleSpinBox(decimals=3, minimum=0.001, maximum=10.0,
                                              singleStep=0.05, keyboardTracking=False)
        self.sigma.setToolTip("σ of the normal and uniform initialisations")
        self.sigma.valueChanged.connect(lambda v: self.changed.emit({"model.init_sigma": v}))
        self.form.addRow("Init σ", self.sigma)
        self.bias = QtWidgets.QCheckBox("neurons have a bias b")
        self.bias.toggled.connect(lambda v: self.changed.emit({"model.bias": v}))
        self.form.addRow("Bias", self.bias)
        self.reg = self._combo(REGULARIZATIONS, "model.regularization")
        self.reg_rate = QtWidgets.QDoubleSpinBox(decimals=4, minimum=0.0, maximum=1.0,
                                                 singleStep=0.001, keyboardTracking=False)
        self.reg_rate.valueChanged.connect(lambda v: self.changed.emit({"model.reg_rate": v}))
        self.form.addRow("Regularize", self.reg)
        self.form.addRow("Reg. rate", self.reg_rate)

    def _combo(self, names, key: str) -> QtWidgets.QComboBox:
        combo = QtWidgets.QComboBox()
        for name in names:
            combo.addItem(name, name)
        combo.currentIndexChanged.connect(lambda _: self.changed.emit({key: combo.currentData()}))
        return combo

    def set_config(self, model) -> None:
        """Show a ModelConfig without emitting anything."""
        with blocked(self.activation, self.init, self.sigma, self.bias, self.reg, self.reg_rate):
            self.activation.setCurrentIndex(self.activation.findData(model.activation))
            self.init.setCurrentIndex(self.init.findData(model.init))
            self.sigma.setValue(model.init_sigma)
            self.bias.setChecked(model.bias)
            self.reg.setCurrentIndex(self.reg.findData(model.regularization))
            self.reg_rate.setValue(model.reg_rate)
        self._show_layers(list(model.hidden))

    def _show_layers(self, hidden: list[int]) -> None:
        self.hidden = hidden
        while self.spins_box.count():
            old = self.spins_box.takeAt(0).widget()
            old.hide()              # gone from view now; deleted when the event loop gets to it
            old.deleteLater()
        for i, width in enumerate(hidden):
            spin = QtWidgets.QSpinBox(minimum=1, maximum=engine_config.MAX_WIDTH, value=width,
                                      keyboardTracking=False)
            spin.setToolTip(f"Neurons in hidden layer {i + 1}")
            spin.setMaximumWidth(64)
            spin.valueChanged.connect(lambda v, i=i: self._width_changed(i, v))
            self.spins_box.addWidget(spin)
        self.add_button.setEnabled(len(hidden) < engine_config.MAX_DEPTH)
        self.remove_button.setEnabled(len(hidden) > 0)

    def _width_changed(self, i: int, width: int) -> None:
        hidden = list(self.hidden)
        hidden[i] = width
        self.changed.emit({"model.hidden": hidden})

    def _add_layer(self) -> None:
        self.changed.emit({"model.hidden": [*self.hidden, self.hidden[-1] if self.hidden else 4]})

    def _remove_layer(self) -> None:
        self.changed.emit({"model.hidden": self.hidden[:-1]})
