"""Data panel: data set, noise, sample count, split, input features, regenerate, load CSV."""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from engine import datasets
from gui.csv_import import CsvImportDialog
from gui.panels.fields import HyperField, PanelBox, blocked, rebuild_fields, row_label
from gui.panels.number_box import ChoiceBox


class DataPanel(PanelBox):
    """Emits config overrides such as {"data.noise": 0.2}; every change starts a new run."""

    changed = QtCore.Signal(dict)

    def __init__(self):
        super().__init__("Data")
        self.dataset = ChoiceBox()
        for name, spec in datasets.GENERATORS.items():
            self.dataset.addItem(spec.title, name)
            self.dataset.setItemData(self.dataset.count() - 1, spec.description,
                                     QtCore.Qt.ToolTipRole)
        self.dataset.addItem("CSV file", "csv")
        self.dataset.currentIndexChanged.connect(self._dataset_chosen)
        self.form.addRow("Data set", self.dataset)
        self.fields = {}
        for spec in datasets.COMMON_PARAMS:
            if spec.name == "seed":
                continue
            if spec.name == "noise":
                self._add_noise(spec)
                continue
            field = HyperField(spec, f"data.{spec.name}")
            field.value_changed.connect(lambda v, n=spec.name: self.changed.emit({f"data.{n}": v}))
            self.fields[spec.name] = field
            self.form.addRow(row_label(spec), field)
        self.params_box = QtWidgets.QWidget()        # the chosen data set's own parameters
        self.params_form = QtWidgets.QFormLayout(self.params_box)
        self.params_form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.params_box)
        self.param_fields: dict[str, HyperField] = {}
        self._add_features()
        self._add_buttons()
        self.seed = 0
        self.csv_path = None
        self.import_dialog = None           # the Load CSV dialog while it is open

    def _add_noise(self, spec) -> None:
        """Noise is a σ in data units; its row is rebuilt for each data set's own range."""
        box = QtWidgets.QWidget()
        self.noise_form = QtWidgets.QFormLayout(box)
        self.noise_form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(box)
        self.noise_hint = QtWidgets.QLabel(wordWrap=True, objectName="hint")
        self.form.addRow(self.noise_hint)
        self._show_noise(spec, spec.default)

    def _show_noise(self, spec, value: float) -> None:
        fields = rebuild_fields(self.noise_form, [spec], {"noise": value},
                                lambda: self.changed.emit({"data.noise": self.fields["noise"]
                                                           .value()}), "data",
                                label=lambda _: "Noise σ")
        self.fields["noise"] = fields["noise"]
        self.noise_hint.setText(f"{spec.help}; allowed: {spec.describe()}")

    def _add_features(self) -> None:
        box = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.features = {}
        for i, (name, spec) in enumerate(datasets.FEATURES.items()):
            check = QtWidgets.QCheckBox(spec.label)
            check.setToolTip(f"Feed {name} to the network as an input")
            check.toggled.connect(self._features_changed)
            self.features[name] = check
            grid.addWidget(check, i // 3, i % 3)
        self.form.addRow("Inputs", box)

    def _add_buttons(self) -> None:
        row = QtWidgets.QHBoxLayout()
        self.regenerate = QtWidgets.QPushButton("New points")
        self.regenerate.setToolTip("Draw new random points (next data seed)")
        self.regenerate.clicked.connect(lambda: self.changed.emit({"data.seed": self.seed + 1}))
        self.load = QtWidgets.QPushButton("Load CSV…")
        self.load.setToolTip("A CSV file of numbers; choose its target column and task")
        self.load.clicked.connect(self._load_csv)
        row.addWidget(self.regenerate)
        row.addWidget(self.load)
        self.form.addRow(row)

    def set_config(self, data) -> None:
        """Show a DataConfig without emitting anything."""
        self.seed, self.csv_path = data.seed, data.csv_path
        widgets = [self.dataset, *self.fields.values(), *self.features.values()]
        with blocked(*widgets):
            self.dataset.setCurrentIndex(max(0, self.dataset.findData(data.dataset)))
            for name, field in self.fields.items():
                field.set_value(getattr(data, name))
            for name, check in self.features.items():
                check.setChecked(name in data.features)
        spec = datasets.GENERATORS.get(data.dataset)
        noise = spec.noise_param() if spec else next(
            p for p in datasets.COMMON_PARAMS if p.name == "noise")
        self._show_noise(noise, data.noise)
        one_d = spec is not None and spec.input_dim == 1
        for name, check in self.features.items():
            check.setEnabled(not (one_d and datasets.FEATURES[name].needs_x2))
        specs = spec.specs if spec is not None else ()
        self.param_fields = rebuild_fields(self.params_form, specs, data.params,
                                           self._param_changed, "data")
        self.params_box.setVisible(bool(specs))

    def _param_changed(self) -> None:
        self.changed.emit({"data.params": {name: field.value()
                                           for name, field in self.param_fields.items()}})

    @property
    def dataset_name(self) -> str:
        return self.dataset.currentData()

    def _dataset_chosen(self) -> None:
        name = self.dataset_name
        if name == "csv":
            self._load_csv()
            return
        spec = datasets.GENERATORS[name]
        chosen = [n for n, c in self.features.items() if c.isChecked()]
        if spec.input_dim == 1:
            chosen = [n for n in chosen if not datasets.FEATURES[n].needs_x2] or ["x1"]
        elif "x2" not in chosen and not any(datasets.FEATURES[n].needs_x2 for n in chosen):
            chosen = [*chosen, "x2"]
        change = {"data.dataset": name, "data.features": chosen}
        if self.fields["noise"].value() > spec.noise_high:   # more than this set allows
            change["data.noise"] = spec.noise_high
        self.changed.emit(change)

    def _features_changed(self) -> None:
        chosen = [n for n, c in self.features.items() if c.isChecked()]
        self.changed.emit({"data.features": chosen})

    def _load_csv(self) -> None:
        """A file, then the import dialog (parsing off the GUI thread, target and task)."""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, "Load a CSV data set", "", "CSV files (*.csv *.txt);;All files (*)")
        if not path:
            self.changed.emit({})           # cancelled: the main window shows the config again
            return
        self.import_dialog = CsvImportDialog(path, self)
        self.import_dialog.chosen.connect(self.changed.emit)
        self.import_dialog.rejected.connect(lambda: self.changed.emit({}))
        self.import_dialog.open()
