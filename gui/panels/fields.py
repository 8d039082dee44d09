"""Input widgets generated from engine HyperParam specs, and the collapsible panel box."""
from __future__ import annotations

import math

from PySide6 import QtCore, QtGui, QtWidgets

from engine.hyper import defaults

LOG_STEPS = 100          # slider positions per decade on a log slider


class SciSpinBox(QtWidgets.QDoubleSpinBox):
    """A spin box that shows 1e-08 as 1e-08 and steps by ×/÷ on a log scale."""

    def __init__(self, low: float, high: float, log: bool):
        super().__init__()
        self._log = log
        self.setDecimals(12)
        self.setRange(low, high)
        self.setKeyboardTracking(False)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt override; 12 decimals are not shown)
        return QtCore.QSize(96, super().sizeHint().height())

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt override)
        return QtCore.QSize(72, super().minimumSizeHint().height())

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt override)
        return f"{value:.4g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt override)
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            float(text)
            return QtGui.QValidator.Acceptable, text, pos
        except ValueError:
            return QtGui.QValidator.Intermediate, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt override)
        value = self.value()
        if self._log and value > 0:
            self.setValue(value * 10 ** (steps / 4))
        else:
            self.setValue(value + steps * max(abs(value) * 0.1, 0.01))


class LogSlider(QtWidgets.QWidget):
    """A log-scale slider with a spin box beside it (the learning rate: 1e-5 .. 10)."""

    value_changed = QtCore.Signal(float)

    def __init__(self, low: float = 1e-5, high: float = 10.0, value: float = 0.01):
        super().__init__()
        self._lo, self._hi = math.log10(low), math.log10(high)
        self.slider = QtWidgets.QSlider(QtCore.Qt.Horizontal)
        self.slider.setRange(0, round((self._hi - self._lo) * LOG_STEPS))
        self.spin = SciSpinBox(low, high, log=True)
        self.spin.setFixedWidth(96)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.set_value(value)
        self.slider.valueChanged.connect(self._slider_moved)
        self.spin.valueChanged.connect(self._spin_changed)

    def value(self) -> float:
        return self.spin.value()

    def set_value(self, value: float) -> None:
        for w in (self.slider, self.spin):
            w.blockSignals(True)
        self.spin.setValue(value)
        self.slider.setValue(round((math.log10(max(value, 1e-30)) - self._lo) * LOG_STEPS))
        for w in (self.slider, self.spin):
            w.blockSignals(False)

    def _slider_moved(self, position: int) -> None:
        value = float(f"{10 ** (self._lo + position / LOG_STEPS):.3g}")
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self.value_changed.emit(value)

    def _spin_changed(self, value: float) -> None:
        self.set_value(value)
        self.value_changed.emit(value)


class HyperField(QtWidgets.QWidget):
    """One control for one HyperParam; emits value_changed with the typed value."""

    value_changed = QtCore.Signal(object)

    def __init__(self, spec, key: str | None = None):
        super().__init__()
        self.spec = spec
        self.key = key or spec.name      # the config field it edits, for messages
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.parts = [self._make_part(spec) for _ in range(2 if spec.kind == "pair" else 1)]
        for part in self.parts:
            layout.addWidget(part)
        self.setToolTip(f"{spec.help}\nAllowed: {spec.describe()}" if spec.help else
                        spec.describe())
        self.set_value(spec.default)

    def _make_part(self, spec) -> QtWidgets.QWidget:
        if spec.kind == "bool":
            part = QtWidgets.QCheckBox()
            part.toggled.connect(self._emit)
        elif spec.kind == "choice":
            part = QtWidgets.QComboBox()
            part.addItems(list(spec.titles) or [str(c) for c in spec.choices])
            part.currentIndexChanged.connect(self._emit)
        elif spec.kind == "int":
            part = QtWidgets.QSpinBox()
            part.setRange(int(spec.low if spec.low is not None else -10**9),
                          int(min(spec.high if spec.high is not None else 10**9, 2**31 - 1)))
            part.setKeyboardTracking(False)
            part.valueChanged.connect(self._emit)
        else:
            low = spec.low if spec.low is not None else -1e9
            high = spec.high if spec.high is not None else 1e9
            if spec.low_open:
                low += 1e-12 if low == 0 else abs(low) * 1e-9
            if spec.high_open:
                high -= 1e-9 * max(1.0, abs(high))
            part = SciSpinBox(low, high, spec.log)
            part.valueChanged.connect(self._emit)
        return part

    def value(self):
        values = [self._part_value(p) for p in self.parts]
        return tuple(values) if self.spec.kind == "pair" else values[0]

    def _part_value(self, part):
        if isinstance(part, QtWidgets.QCheckBox):
            return part.isChecked()
        if isinstance(part, QtWidgets.QComboBox):
            return self.spec.choices[part.currentIndex()]
        return part.value()

    def set_value(self, value) -> None:
        values = list(value) if self.spec.kind == "pair" else [value]
        for part, v in zip(self.parts, values, strict=False):
            part.blockSignals(True)
            if isinstance(part, QtWidgets.QCheckBox):
                part.setChecked(bool(v))
            elif isinstance(part, QtWidgets.QComboBox):
                part.setCurrentIndex(list(self.spec.choices).index(v))
            else:
                part.setValue(v)
            part.blockSignals(False)

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


def blocked(*widgets):
    """Context manager: no signals from these widgets while the GUI fills them in."""
    return _Blocker(widgets)


class _Blocker:
    def __init__(self, widgets):
        self.widgets = widgets

    def __enter__(self):
        self.old = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc):
        for w, old in zip(self.widgets, self.old, strict=True):
            w.blockSignals(old)


def row_label(spec) -> str:
    """A form row's label from the spec's name: "init_sigma" -> "Init sigma"."""
    return spec.name.replace("_", " ").capitalize()


def rebuild_fields(form: QtWidgets.QFormLayout, specs, values: dict, on_change) -> dict:
    """Replace the rows of `form` by one HyperField per spec, set to values or defaults."""
    while form.rowCount():
        form.removeRow(0)
    current = {**defaults(specs), **values}
    fields = {}
    for spec in specs:
        field = HyperField(spec)
        field.set_value(current[spec.name])
        field.value_changed.connect(lambda _: on_change())
        form.addRow(spec.name, field)
        fields[spec.name] = field
    return fields
