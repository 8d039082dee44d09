"""Input widgets generated from engine HyperParam specs, and the collapsible panel box.

HyperField is the one field builder of every panel: a spec's kind picks a check box, a
ChoiceBox showing the choices' titles, a WholeBox or a NumberBox (see number_box.py for how
they take keys, wheel and refused values).
"""
from __future__ import annotations

import contextlib
import math
from dataclasses import replace

from PySide6 import QtCore, QtWidgets

from engine.hyper import defaults
from gui.panels.number_box import ChoiceBox, FocusSlider, NumberBox, WholeBox

LOG_STEPS = 100          # slider positions per decade on a log slider


class LogSlider(QtWidgets.QWidget):
    """A log-scale slider with a number box beside it (the learning rate: 1e-6 .. 100).
    The slider spans [slider_low, spec.high]; the box takes anything the spec allows."""

    value_changed = QtCore.Signal(float)

    def __init__(self, spec, key: str, slider_low: float):
        super().__init__()
        self._lo, self._hi = math.log10(slider_low), math.log10(spec.high)
        self.slider = FocusSlider(QtCore.Qt.Horizontal)
        self.slider.setRange(0, round((self._hi - self._lo) * LOG_STEPS))
        self.spin = NumberBox(spec, key)
        self.spin.setFixedWidth(96)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.set_value(spec.default)
        self.slider.valueChanged.connect(self._slider_moved)
        self.spin.committed.connect(self._spin_committed)

    def value(self) -> float:
        return self.spin.applied()

    def set_value(self, value: float) -> None:
        with QtCore.QSignalBlocker(self.slider):
            self.spin.show_value(value)
            self.slider.setValue(round((math.log10(max(value, 1e-30)) - self._lo) * LOG_STEPS))

    def _slider_moved(self, position: int) -> None:
        value = float(f"{10 ** (self._lo + position / LOG_STEPS):.3g}")
        self.spin.show_value(value)
        self.value_changed.emit(value)

    def _spin_committed(self, value: float) -> None:
        self.set_value(value)
        self.value_changed.emit(value)


class HyperField(QtWidgets.QWidget):
    """One control for one HyperParam; emits value_changed with the applied value."""

    value_changed = QtCore.Signal(object)

    def __init__(self, spec, key: str | None = None):
        super().__init__()
        self.spec = spec
        self.key = key or spec.name      # the config field it edits, for messages
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if spec.kind == "pair":          # each number of the pair is checked on its own
            self.parts = [self._make_part(replace(spec, kind="float", default=d),
                                          f"{self.key}[{i}]") for i, d in enumerate(spec.default)]
        else:
            self.parts = [self._make_part(spec, self.key)]
        for part in self.parts:
            layout.addWidget(part)
        self.setToolTip(f"{spec.help}\nAllowed: {spec.describe()}" if spec.help else
                        spec.describe())
        self.set_value(spec.default)

    def _make_part(self, spec, key: str) -> QtWidgets.QWidget:
        if spec.kind == "bool":
            part = QtWidgets.QCheckBox()
            part.toggled.connect(self._emit)
        elif spec.kind == "choice":
            part = ChoiceBox()
            part.addItems(list(spec.titles) or [str(c) for c in spec.choices])
            part.currentIndexChanged.connect(self._emit)
        else:
            part = WholeBox(spec, key) if spec.kind == "int" else NumberBox(spec, key)
            part.committed.connect(self._emit)
        return part

    def value(self):
        values = [self._part_value(p) for p in self.parts]
        return tuple(values) if self.spec.kind == "pair" else values[0]

    def _part_value(self, part):
        if isinstance(part, QtWidgets.QCheckBox):
            return part.isChecked()
        if isinstance(part, QtWidgets.QComboBox):
            return self.spec.choices[part.currentIndex()]
        return part.applied()

    def set_value(self, value) -> None:
        values = list(value) if self.spec.kind == "pair" else [value]
        for part, v in zip(self.parts, values, strict=False):
            with QtCore.QSignalBlocker(part):
                if isinstance(part, QtWidgets.QCheckBox):
                    part.setChecked(bool(v))
                elif isinstance(part, QtWidgets.QComboBox):
                    part.setCurrentIndex(list(self.spec.choices).index(v))
                else:
                    part.show_value(v)

    def _emit(self, *_):
        self.value_changed.emit(self.value())


class PanelBox(QtWidgets.QGroupBox):
    """A collapsible group box: unticking its title folds the contents away."""

    def __init__(self, title: str):
        super().__init__(title)
        self.setCheckable(True)
        self.setChecked(True)
        self.body = QtWidgets.QWidget()
        self.form = QtWidgets.QFormLayout(self.body)
        self.form.setContentsMargins(2, 2, 2, 2)
        self.form.setFieldGrowthPolicy(QtWidgets.QFormLayout.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QtWidgets.QFormLayout.WrapLongRows)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.body)
        self.toggled.connect(self.body.setVisible)
        self.setToolTip("Click the title to fold or unfold")


@contextlib.contextmanager
def blocked(*widgets):
    """No signals from these widgets while the GUI fills them in (a QSignalBlocker each)."""
    blockers = [QtCore.QSignalBlocker(w) for w in widgets]
    try:
        yield
    finally:
        for blocker in blockers:
            blocker.unblock()


def row_label(spec) -> str:
    """A form row's label from the spec's name: "init_sigma" -> "Init sigma"."""
    return spec.name.replace("_", " ").capitalize()


def rebuild_fields(form: QtWidgets.QFormLayout, specs, values: dict, on_change,
                   section: str = "", label=lambda spec: spec.name) -> dict:
    """Replace the rows of `form` by one HyperField per spec, set to values or defaults;
    `section` ("optimizer") names the config field in messages: "optimizer.momentum"."""
    while form.rowCount():
        form.removeRow(0)
    current = {**defaults(specs), **values}
    fields = {}
    for spec in specs:
        field = HyperField(spec, f"{section}.{spec.name}" if section else spec.name)
        field.set_value(current[spec.name])
        field.value_changed.connect(lambda _: on_change())
        form.addRow(label(spec), field)
        fields[spec.name] = field
    return fields
