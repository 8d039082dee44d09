"""The 'Losses' tab: each loss plotted against what it judges, with the run's samples on it.

Everything shown comes from engine.losses.REGISTRY through engine.loss_explorer: one check
box per loss, one pair of plots per judged quantity (residual, probability, margin), the
parameter rows from the selected loss's own specs. Choosing a loss in the loss panel selects
it here (the network mode's config_shown). While the tab is on screen a display timer puts
one dot per training sample of the run's current network on the curve.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine import loss_explorer, losses
from engine.config import loss_params
from engine.hyper import defaults
from gui.loss_explorer.plots import JudgedPlots
from gui.panels.fields import LOG_STEPS, PanelBox, blocked, rebuild_fields
from gui.panels.number_box import ChoiceBox, FocusSlider, NumberBox
from gui.plots.palette import LAYER_COLORS

FRAME_MS = 33                 # dots refreshed ~30 times a second while the tab is shown
MAX_DOTS = 1000               # the first this many training samples get a dot
SELECTED_WIDTH, OTHER_WIDTH = 4.5, 2.5
COLUMN_WIDTH = 300
HELP = ("Each curve is the loss of one sample, against what the loss judges; a batch's loss "
        "is the mean of these (RMSE excepted: one sample's RMSE is |r|). The slope below is "
        "what back-propagation starts from: a sample's gradient is its slope / N.")


def explorable() -> dict[str, type]:
    """The losses with a judged quantity, in registry order."""
    return {name: cls for name, cls in losses.REGISTRY.items()
            if loss_explorer.judged_by(cls) is not None}


def loss_color(name: str) -> str:
    """A loss's colour: distinct among the losses that share its plots."""
    judged = loss_explorer.judged_by(losses.REGISTRY[name])
    same = [n for n, cls in explorable().items() if loss_explorer.judged_by(cls) is judged]
    return LAYER_COLORS[same.index(name) % len(LAYER_COLORS)]


class LossExplorer(QtWidgets.QWidget):
    """Plots of the ticked losses; the selected one carries its words and the run's dots."""

    def __init__(self, network, parent=None):
        super().__init__(parent)
        self.network, self.session = network, network.session
        self.params = {n: defaults(cls.specs) for n, cls in explorable().items()}
        self.selected = next(iter(self.params))
        self._followed = None              # the run's (loss, params) last followed
        self._net, self._seen, self._stale = None, None, True
        self._said = None                  # the run's StepsBatch last shown in the status
        self._dataset = None               # the data set the dots were computed on
        self.dot_x = np.empty(0)           # the dots' x positions, last drawn
        self.plots = {j.name: JudgedPlots(j) for j in dict.fromkeys(
            loss_explorer.judged_by(cls) for cls in explorable().values())}
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._column())
        for plots in self.plots.values():
            layout.addWidget(plots, 1)
        self.timer = QtCore.QTimer(self, interval=FRAME_MS, timeout=self.refresh_dots)
        network.config_shown.connect(self.follow_config)
        self.session.run_started.connect(self.follow_new_run)
        if self.session.config is not None:
            self.follow_config(self.session.config)

    def _column(self) -> QtWidgets.QWidget:
        box = PanelBox("Loss explorer")
        self.choice = ChoiceBox()
        for name, cls in explorable().items():
            self.choice.addItem(cls.title, name)
        self.choice.currentIndexChanged.connect(lambda _: self.select(self.choice.currentData()))
        box.form.addRow("Selected", self.choice)
        self.param_form = QtWidgets.QFormLayout()
        box.form.addRow(self.param_form)
        self.param_fields: dict = {}
        self.ticks = {}
        for name, cls in explorable().items():
            tick = QtWidgets.QCheckBox(cls.title)
            tick.setStyleSheet(f"color: {loss_color(name)}; font-weight: bold;")
            tick.setToolTip(f"{cls.description}\nJudges: {loss_explorer.judged_by(cls).label}")
            tick.toggled.connect(lambda _: self.redraw())
            box.form.addRow(tick)
            self.ticks[name] = tick
        self.dots_box = QtWidgets.QCheckBox("Dots: the training samples", checked=True)
        self.dots_box.toggled.connect(lambda _: self._mark_stale())
        box.form.addRow(self.dots_box)
        self.note = QtWidgets.QLabel(wordWrap=True, objectName="hint")
        box.form.addRow(self.note)
        hint = QtWidgets.QLabel(HELP, wordWrap=True, objectName="hint")
        box.form.addRow(hint)
        scroll = QtWidgets.QScrollArea(widgetResizable=True)
        scroll.setWidget(box)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarAlwaysOff)
        scroll.setFixedWidth(COLUMN_WIDTH)
        return scroll

    # ---- what is shown ----
    def select(self, name: str) -> None:
        """Make `name` the selected loss: ticked, its parameter rows, its words."""
        self.selected = name
        with blocked(self.choice, self.ticks[name]):
            self.choice.setCurrentIndex(self.choice.findData(name))
            self.ticks[name].setChecked(True)
        self._param_rows(name)
        self.redraw()

    def follow_config(self, config) -> None:
        """The run's config is shown: a loss (or parameters) new to the run is selected."""
        key = (config.loss.name, tuple(sorted(loss_params(config.loss).items())))
        if key == self._followed or config.loss.name not in self.params:
            return
        self._followed = key
        self.params[config.loss.name] = dict(key[1])
        self.select(config.loss.name)

    def loss(self, name: str):
        return losses.create(name, **self.params[name])

    def redraw(self) -> None:
        """The curves, then the dots on them."""
        self._draw_curves()
        self._mark_stale()

    def _draw_curves(self) -> None:
        """Every judged quantity's plots, with its ticked losses (hidden when none)."""
        for judged_name, plots in self.plots.items():
            shown = [(self.loss(n), loss_color(n),
                      SELECTED_WIDTH if n == self.selected else OTHER_WIDTH)
                     for n, tick in self.ticks.items() if tick.isChecked()
                     and loss_explorer.judged_by(losses.REGISTRY[n]).name == judged_name]
            plots.setVisible(bool(shown))
            plots.show_curves(shown, self.loss(self.selected))

    def _param_rows(self, name: str) -> None:
        while self.param_form.rowCount():
            self.param_form.removeRow(0)
        specs = losses.REGISTRY[name].specs
        log_floats = [s for s in specs if s.kind == "float" and s.log]
        self.param_fields = rebuild_fields(self.param_form, [s for s in specs
                                                             if s not in log_floats],
                                           self.params[name], self._params_changed, "loss")
        for spec in log_floats:
            field = ParamSlider(spec, f"loss.{spec.name}")
            field.set_value(self.params[name][spec.name])
            field.value_changed.connect(lambda _: self._params_changed())
            self.param_form.addRow(spec.name, field)
            self.param_fields[spec.name] = field

    def _params_changed(self) -> None:
        """A parameter row changed: the selected loss's curve follows at once (the run keeps
        its own value until the loss panel changes it)."""
        self.params[self.selected].update(
            {name: field.value() for name, field in self.param_fields.items()})
        self.redraw()

    # ---- the run's samples ----
    def follow_new_run(self) -> None:
        """The session's run is new (or `session` is another run's): the old run's network
        and weights are dropped, the dots are taken from the new run's."""
        self._net, self._seen = None, None
        self._mark_stale()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_dots()

    def _take_weights(self) -> None:
        """Follow the run's newest weights without taking them from the network tab."""
        s = self.session
        if self._net is None and s.net is not None:
            self._net, self._stale = s.net.copy(), True
        weights = s.pending_weights
        if weights is not None and weights is not self._seen and \
                weights.run_id == s.controller.run_id and self._net is not None:
            self._net.load_state_dict(weights.state)
            self._seen, self._stale = weights, True

    def refresh_dots(self) -> None:
        """One dot per training sample at its own x on the curve it is judged by."""
        self._take_weights()
        if self.session.last_batch is not self._said:      # the status line, too
            self._said = self.session.last_batch
            self.network.show_status()
        if self.session.dataset is not self._dataset:       # points added or removed
            self._dataset, self._stale = self.session.dataset, True
        if not self._stale or self._net is None or self._dataset is None:
            return
        self._stale = False
        run_loss = self.session.loss
        judged, x = self._samples(run_loss)
        on = self.selected if loss_explorer.judged_by(
            losses.REGISTRY[self.selected]) is judged else run_loss.name
        shown = on if on in self.ticks and self.ticks[on].isChecked() else None
        for plots in self.plots.values():
            mine = judged is not None and plots.judged is judged
            plots.show_dots(shown if mine else None, x if mine else np.empty(0),
                            loss_color(on) if on in self.ticks else "#ffffff")
        self.dot_x = x
        self._say_where(run_loss, judged, shown, len(x))

    def _samples(self, run_loss):
        """What the run's loss judges, and each training sample's value of it under the
        current network (none when the dots are off); widens that plot to hold them."""
        judged = loss_explorer.judged_by(type(run_loss))
        if judged is None or not self.dots_box.isChecked():
            return judged, np.empty(0)
        ds = self._dataset
        y_pred = self._net.predict(ds.x_train[:MAX_DOTS])
        x = judged.of_batch(y_pred, ds.y_train[:MAX_DOTS], run_loss.head)
        plots = self.plots[judged.name]
        x_range = loss_explorer.view_range(judged, x) if len(x) else plots.x_range
        if x_range != plots.x_range:
            plots.x_range = x_range
            self._draw_curves()
        return judged, x

    def _say_where(self, run_loss, judged, shown, n: int) -> None:
        title = type(run_loss).title
        if not self.dots_box.isChecked() or judged is None:
            text = ""
        elif shown is None:
            text = f"The run trains with {title}; tick it to see its {n} samples."
        else:
            text = (f"{n} dots: the run's training samples ({title}), each at its own "
                    f"{judged.symbol} on the {losses.REGISTRY[shown].title} curve.")
        self.note.setText(text)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.session.net is not None:
            self._net, self._stale = self.session.net.copy(), True
        self.timer.start()
        self.refresh_dots()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.timer.stop()
        super().hideEvent(event)


class ParamSlider(QtWidgets.QWidget):
    """A log-scale parameter: a slider over the decades a plot can show (10⁻² to 10²,
    within the spec) and a box that takes anything the spec allows."""

    value_changed = QtCore.Signal(float)

    def __init__(self, spec, key: str):
        super().__init__()
        low = spec.low if spec.low and spec.low > 0 else 1e-2
        self._lo = math.log10(max(low, 1e-2))
        self._hi = math.log10(min(spec.high if spec.high else 1e2, 1e2))
        self.slider = FocusSlider(QtCore.Qt.Horizontal)
        self.slider.setRange(0, round((self._hi - self._lo) * LOG_STEPS))
        self.box = NumberBox(spec, key)
        self.box.setFixedWidth(90)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.box)
        self.setToolTip(f"{spec.help}\nAllowed: {spec.describe()}")
        self.slider.valueChanged.connect(self._slid)
        self.box.committed.connect(lambda value: (self.set_value(value),
                                                  self.value_changed.emit(value)))

    def value(self) -> float:
        return self.box.applied()

    def set_value(self, value: float) -> None:
        with QtCore.QSignalBlocker(self.slider):
            self.box.show_value(value)
            self.slider.setValue(round((math.log10(value) - self._lo) * LOG_STEPS))

    def _slid(self, position: int) -> None:
        value = float(f"{10 ** (self._lo + position / LOG_STEPS):.3g}")
        self.box.show_value(value)
        self.value_changed.emit(value)



