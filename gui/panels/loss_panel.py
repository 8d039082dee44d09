"""Loss panel: the ten losses, greyed out when they do not fit the task; formula, where the
lecture's slide differs, and range."""
from __future__ import annotations

from PySide6 import QtCore, QtSvgWidgets, QtWidgets

from engine import losses
from engine.config import loss_params
from engine.resources import resource_path
from gui.panels.fields import HyperField, PanelBox, blocked, rebuild_fields
from gui.panels.number_box import ChoiceBox

FORMULA_HEIGHT = 56       # pixels for a one-line formula: readable from the back row
LINE_HEIGHT = 62          # height of a one-line formula SVG (tools/render_formulas.py)
MAX_WIDTH = 280           # the panel's width


class LossPanel(PanelBox):
    """Emits {"loss.name": ...} or the loss's parameters ({"loss.delta": ...}, stored in the
    LossConfig's params); a change
    starts a new run. Parameter rows come from the chosen loss's HyperParam specs."""

    changed = QtCore.Signal(dict)

    def __init__(self):
        super().__init__("Loss")
        self.combo = ChoiceBox()
        for name, cls in losses.REGISTRY.items():
            self.combo.addItem(cls.title, name)
        self.combo.currentIndexChanged.connect(
            lambda _: self.changed.emit({"loss.name": self.combo.currentData()}))
        self.form.addRow(self.combo)
        self.formula = QtSvgWidgets.QSvgWidget()
        self.formula.setSizePolicy(QtWidgets.QSizePolicy.Fixed, QtWidgets.QSizePolicy.Fixed)
        self.form.addRow(self.formula)
        self.slide_note = QtWidgets.QLabel(wordWrap=True)     # where the lecture's slide differs
        self.slide_note.setObjectName("hint")
        self.slide_note.setToolTip("How the lecture's slide writes this loss, and why the app "
                                   "differs (docs/maths.md, 'Slides vs app')")
        self.form.addRow(self.slide_note)
        self.description = QtWidgets.QLabel(wordWrap=True)
        self.description.setObjectName("hint")
        self.form.addRow(self.description)
        self.params_box = QtWidgets.QWidget()      # the chosen loss's own parameters
        self.params_form = QtWidgets.QFormLayout(self.params_box)
        self.params_form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.params_box)
        self.param_fields: dict[str, HyperField] = {}

    def set_config(self, loss, task: str) -> None:
        """Show a LossConfig for a data set of `task`; unfitting losses are greyed out."""
        model = self.combo.model()
        with blocked(self.combo):
            for row, cls in enumerate(losses.REGISTRY.values()):
                item = model.item(row)
                fits = cls.fits_task(task)
                item.setFlags(item.flags() | QtCore.Qt.ItemIsEnabled if fits
                              else item.flags() & ~QtCore.Qt.ItemIsEnabled)
                item.setToolTip(cls.description if fits else cls.why_not(task))
            self.combo.setCurrentIndex(self.combo.findData(loss.name))
        cls = losses.REGISTRY[loss.name]
        self._show_loss(cls)
        self.param_fields = rebuild_fields(self.params_form, cls.specs, loss_params(loss),
                                           self._param_changed, "loss")
        self.params_box.setVisible(bool(cls.specs))

    def _param_changed(self) -> None:
        self.changed.emit({f"loss.{name}": field.value()
                           for name, field in self.param_fields.items()})

    def _show_loss(self, cls) -> None:
        path = resource_path("formulas", f"{cls.name}.svg")
        self.formula.load(str(path))
        size = self.formula.renderer().defaultSize()
        if size.height() > 0:
            scale = min(FORMULA_HEIGHT / LINE_HEIGHT, MAX_WIDTH / size.width())
            self.formula.setFixedSize(QtCore.QSize(round(size.width() * scale),
                                                   round(size.height() * scale)))
        self.formula.setToolTip(cls.formula)
        self.slide_note.setText(cls.slide_note)
        self.slide_note.setVisible(bool(cls.slide_note))
        self.description.setText(f"{cls.description}\nRange: {cls.value_range}")

    def is_enabled(self, name: str) -> bool:
        row = list(losses.REGISTRY).index(name)
        return bool(self.combo.model().item(row).flags() & QtCore.Qt.ItemIsEnabled)
