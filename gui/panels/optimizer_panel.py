"""Optimizer panel: menu, log-scale learning rate (and how the lecture's slides write it),
generated hyper-parameters, batch, schedule."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from engine import optimizers, schedules
from engine.hyper import HyperParam
from gui.panels.fields import HyperField, LogSlider, PanelBox, blocked, rebuild_fields
from gui.panels.number_box import ChoiceBox, WholeBox

BATCH_CHOICES = ("batch (all)", "SGD (1)", "mini-batch (n)")
BATCH_N = HyperParam("batch_size", 10, "int", 1, 100_000, help="points per mini-batch")
WARMUP = HyperParam("warmup_steps", 0, "int", 0, 10**7,
                    help="linear warm-up: γ grows from 0 over this many updates")


class OptimizerPanel(PanelBox):
    """Emits overrides; lr and "optimizer.params" are live, the rest start a new run."""

    changed = QtCore.Signal(dict)
    find_lr_clicked = QtCore.Signal()      # the "Find γ…" button (learning-rate range test)

    def __init__(self):
        super().__init__("Optimizer")
        self.menu = ChoiceBox()
        for label, name, preset in optimizers.MENU:
            self.menu.addItem(label, (name, preset))
        self.menu.currentIndexChanged.connect(self._optimizer_chosen)
        self.form.addRow(self.menu)
        lr = optimizers.lr_spec(0.01)                     # every optimizer's lr: (0, 100]
        self.lr = LogSlider(lr, "optimizer.lr", slider_low=1e-6)
        self.lr.setToolTip("Learning rate γ (log scale); changes apply at the next step")
        self.lr.value_changed.connect(lambda v: self.changed.emit({"optimizer.lr": v}))
        self.form.addRow("Learning rate", self.lr)
        self.slide_note = QtWidgets.QLabel(wordWrap=True)    # the slides' η is the app's γ
        self.slide_note.setObjectName("hint")
        self.slide_note.setToolTip("How the lecture's slides write the learning rate, and the "
                                   "app's name for it (docs/maths.md, 'Slides vs app')")
        self.form.addRow(self.slide_note)
        find = QtWidgets.QPushButton("Find γ…")
        find.setToolTip("Learning-rate range test: try γ from 1e-7 to 10 on a copy of the "
                        "network and suggest one")
        find.clicked.connect(self.find_lr_clicked.emit)
        self.form.addRow("", find)
        self.hyper_box = QtWidgets.QWidget()
        self.hyper_form = QtWidgets.QFormLayout(self.hyper_box)
        self.hyper_form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.hyper_box)
        self.hyper_fields: dict[str, HyperField] = {}
        self._add_batch()
        self._add_schedule()

    def _add_batch(self) -> None:
        self.batch_mode = ChoiceBox()
        self.batch_mode.addItems(BATCH_CHOICES)
        self.batch_mode.setToolTip("Batch gradient descent uses every training point per "
                                   "update; SGD one; mini-batch n")
        self.batch_n = WholeBox(BATCH_N, "training.batch_size")
        self.batch_mode.currentIndexChanged.connect(self._batch_changed)
        self.batch_n.committed.connect(self._batch_changed)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.batch_mode, 1)
        row.addWidget(self.batch_n)
        self.form.addRow("Batch", row)

    def _add_schedule(self) -> None:
        self.schedule = ChoiceBox()
        for name, cls in schedules.REGISTRY.items():
            self.schedule.addItem(cls.title, name)
            self.schedule.setItemData(self.schedule.count() - 1, cls.description,
                                      QtCore.Qt.ToolTipRole)
        self.schedule.currentIndexChanged.connect(lambda _: self.changed.emit(
            {"schedule.name": self.schedule.currentData(), "schedule.params": {}}))
        self.form.addRow("Schedule", self.schedule)
        self.schedule_box = QtWidgets.QWidget()
        self.schedule_form = QtWidgets.QFormLayout(self.schedule_box)
        self.schedule_form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.schedule_box)
        self.schedule_fields: dict[str, HyperField] = {}
        self.warmup = WholeBox(WARMUP, "schedule.warmup_steps")
        self.warmup.setToolTip(f"Linear warm-up: γ grows from 0 over this many updates "
                               f"(allowed: {WARMUP.describe()})")
        self.warmup.committed.connect(
            lambda v: self.changed.emit({"schedule.warmup_steps": v}))
        self.form.addRow("Warm-up steps", self.warmup)

    # ---- showing a config ----
    def set_config(self, optimizer, schedule, training) -> None:
        """Show the optimizer, schedule and batch size without emitting anything."""
        cls, preset = optimizers.resolve(optimizer.name)
        params = {**preset, **optimizer.params}
        with blocked(self.menu, self.schedule, self.warmup, self.batch_mode, self.batch_n):
            self.menu.setCurrentIndex(menu_index(cls.name, params))
            self.lr.set_value(optimizer.lr)
            self.schedule.setCurrentIndex(self.schedule.findData(schedule.name))
            self.warmup.show_value(schedule.warmup_steps)
            self._show_batch(training.batch_size)
        self.slide_note.setText(cls.slide_note)
        self.slide_note.setVisible(bool(cls.slide_note))
        specs = [s for s in cls.specs if s.name != "lr"]
        self.hyper_fields = rebuild_fields(self.hyper_form, specs, params, self._hyper_changed,
                                           "optimizer")
        specs = schedules.REGISTRY[schedule.name].specs
        self.schedule_fields = rebuild_fields(self.schedule_form, specs, schedule.params,
                                              self._schedule_changed, "schedule")

    def _show_batch(self, batch_size) -> None:
        if batch_size == "all":
            self.batch_mode.setCurrentIndex(0)
        elif batch_size == 1:
            self.batch_mode.setCurrentIndex(1)
        else:
            self.batch_mode.setCurrentIndex(2)
            self.batch_n.show_value(batch_size)
        self.batch_n.setEnabled(self.batch_mode.currentIndex() == 2)

    # ---- changes ----
    def _optimizer_chosen(self) -> None:
        name, preset = self.menu.currentData()
        self.changed.emit({"optimizer.name": name, "optimizer.params": dict(preset)})

    def _hyper_changed(self) -> None:
        params = {name: field.value() for name, field in self.hyper_fields.items()}
        self.changed.emit({"optimizer.params": params})

    def _schedule_changed(self) -> None:
        params = {name: field.value() for name, field in self.schedule_fields.items()}
        self.changed.emit({"schedule.params": params})

    def _batch_changed(self) -> None:
        mode = self.batch_mode.currentIndex()
        size = "all" if mode == 0 else 1 if mode == 1 else self.batch_n.applied()
        self.batch_n.setEnabled(mode == 2)
        self.changed.emit({"training.batch_size": size})


def menu_index(registry_name: str, params: dict) -> int:
    """The most specific menu entry of this optimizer whose presets all hold in params."""
    best, best_size = 0, -1
    for i, (_, name, preset) in enumerate(optimizers.MENU):
        fits = name == registry_name and all(params.get(k) == v for k, v in preset.items())
        if fits and len(preset) > best_size:
            best, best_size = i, len(preset)
    return best


def menu_label(optimizer) -> str:
    """What the menu shows for an OptimizerConfig: 'Momentum' for sgd with μ = 0.9."""
    cls, preset = optimizers.resolve(optimizer.name)
    return optimizers.MENU[menu_index(cls.name, {**preset, **optimizer.params})][0]
