"""NetworkMode: the 'Network' tab — panels, live plots, the data and network views.

It owns its run (a RunSession) and paints it on a display timer: the worker records every
step in the run's History, and each frame draws whatever is new. The main window drives it
through play/pause/toggle_play/step_once/step_epoch/reset/set_speed, like the landscape
mode, and shows `status_changed` in its status line and `playing_changed` on its run bar.
"""
from __future__ import annotations

import math
import time

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal

from engine.errors import ConfigError
from gui import layout
from gui.config_edits import ConfigEdits
from gui.network.session import RunSession
from gui.panels.data_panel import DataPanel
from gui.panels.loss_panel import LossPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.optimizer_panel import OptimizerPanel
from gui.plots import plot_style
from gui.plots.data_view import DataView
from gui.plots.gradient_plot import GradientPlot
from gui.plots.loss_plot import LossPlot
from gui.plots.lr_plot import LrPlot
from gui.plots.network_view import NetworkView
from gui.plots.palette import layer_names
from gui.status import status_text

FRAME_MS = 33                 # display timer: ~30 redraws a second


class NetworkMode(QtWidgets.QWidget):
    """A network learning one run; panels edit its config, the worker trains it."""

    status_changed = Signal(str)      # "step 1,200   epoch 6.00   loss 0.31 …"
    playing_changed = Signal(bool)
    title_changed = Signal(str)       # the run's name: a lesson's title, a file's name
    config_shown = Signal(object)     # the RunConfig the panels now show
    note_shown = Signal(str)          # a passing remark, e.g. "Loss switched to …"

    def __init__(self, config, title: str = "", parent=None):
        super().__init__(parent)
        self.session = RunSession(self)
        self.data_panel, self.model_panel = DataPanel(), ModelPanel()
        self.loss_panel, self.optimizer_panel = LossPanel(), OptimizerPanel()
        self.loss_plot, self.gradient_plot, self.lr_plot = LossPlot(), GradientPlot(), LrPlot()
        self.data_view, self.network_view = DataView(), NetworkView()
        self.splitters = layout.network_tab(
            self, self.panels, self.loss_plot, self.gradient_plot, self.lr_plot,
            self.data_view, self.network_view)
        self.edits = ConfigEdits(self)
        self.setFocusPolicy(QtCore.Qt.ClickFocus)        # where the keys go when no field has them
        self._speed: float | None = None          # steps per second; None: as fast as possible
        self._next_frame = 0.0                    # frames use at most about half of the time
        self._in_frame = False
        self._chain_dialog = None                 # the open chain-rule dialog, if any
        self._connect()
        self.timer = QtCore.QTimer(self, interval=FRAME_MS, timeout=self._tick)
        if not self.start_run(config, title=title):
            raise ValueError(f"cannot start the run: {config}")
        self.timer.start()

    @property
    def panels(self):
        return (self.data_panel, self.model_panel, self.loss_panel, self.optimizer_panel)

    def _connect(self) -> None:
        c = self.session.controller
        for panel in self.panels:
            panel.changed.connect(self.edit_config)
        c.state_changed.connect(lambda _: self.playing_changed.emit(c.playing))
        c.training_diverged.connect(self._diverged)
        c.run_failed.connect(self._failed)
        self.data_view.point_added.connect(lambda point: self._edit_data(
            self.session.add_point, *point))
        self.data_view.point_removed.connect(lambda raw: self._edit_data(
            self.session.remove_point, raw))
        self.network_view.neuron_hovered.connect(self.data_view.show_neuron)
        self.network_view.neuron_left.connect(self.data_view.show_output)
        self.network_view.weight_edited.connect(c.edit_weight)
        self.network_view.weight_edited.connect(lambda *_: self.session.weight_edited())
        self.network_view.chain_rule_requested.connect(self.explain_weight)
        self.optimizer_panel.find_lr_clicked.connect(self.find_learning_rate)

    # ---- play, pause, step, reset, speed (the run bar) ----
    @property
    def is_playing(self) -> bool:
        """Playing (not a single step or epoch that is still running)."""
        return self.session.controller.playing

    def play(self) -> None:
        self.session.controller.play()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        self.session.controller.pause()

    def toggle_play(self) -> None:
        self.pause() if self.is_playing else self.play()

    def step_once(self) -> None:
        """One update on one batch (a run that was playing stops after it)."""
        self.session.controller.step()
        self.playing_changed.emit(False)

    def step_epoch(self) -> None:
        """Updates until every training point was used once."""
        self.session.controller.step_epoch()
        self.playing_changed.emit(False)

    def reset(self) -> None:
        """Fresh weights and empty plots; the data (with any points clicked in) stays."""
        self.start_run(self.session.config, self.session.dataset)

    def set_speed(self, steps_per_second: float | None) -> None:
        """Steps per second while playing; None = as fast as possible."""
        if steps_per_second is not None and not steps_per_second > 0:
            raise ValueError(f"steps_per_second must be > 0 or None, got {steps_per_second}")
        self._speed = steps_per_second
        self.session.controller.set_speed(math.inf if steps_per_second is None
                                          else steps_per_second)

    @property
    def speed(self) -> float | None:
        return self._speed

    # ---- runs ----
    def start_run(self, config, dataset=None, title: str | None = None, trainer=None) -> bool:
        """Start a new run from config (or go on with a restored `trainer`); on a bad value
        say why and keep the current run."""
        try:
            self.session.start(config, dataset, title, trainer)
        except ConfigError as err:
            self.show_config()
            QtWidgets.QMessageBox.warning(self, "Not allowed", str(err))
            return False
        s = self.session
        self.loss_plot.clear()
        for plot in (self.gradient_plot, self.lr_plot):
            plot.set_layers(layer_names(len(s.net.layers)))
        self.data_view.set_dataset(s.dataset)
        self.data_view.set_network(s.net)
        self.network_view.set_feature_names(s.dataset.feature_names)
        self.network_view.set_network(s.net)
        self.playing_changed.emit(False)
        if title is not None:
            self.title_changed.emit(s.title)
        self.show_config()
        self.show_status()
        return True

    def show_config(self) -> None:
        """The panels show the run's config (after an edit was refused, too)."""
        c, ds = self.session.config, self.session.dataset
        self.data_panel.set_config(c.data)
        self.model_panel.set_config(c.model)
        self.loss_panel.set_config(c.loss, ds.task if ds else "binary")
        self.optimizer_panel.set_config(c.optimizer, c.schedule, c.training)
        self.config_shown.emit(c)

    def edit_config(self, overrides: dict) -> None:
        """A panel changed something: lr and hyper-parameters live, the rest as a new run."""
        self.edits.apply(overrides)

    def set_learning_rate(self, lr: float) -> None:
        """Use learning rate `lr` from the next step (the panel shows it)."""
        self.edits.apply({"optimizer.lr": float(lr)})
        self.optimizer_panel.lr.set_value(self.session.config.optimizer.lr)

    def show_note(self, text: str) -> None:
        self.note_shown.emit(text)

    def _edit_data(self, edit, *args) -> None:
        edit(*args)
        self.data_view.set_dataset(self.session.dataset)

    # ---- dialogs ----
    def explain_weight(self, layer: int, out: int, source: int):
        """The chain rule for one weight (right-click in the network view), on the shown
        weights; returns the dialog (shown, not modal)."""
        from gui.chain_rule_dialog import ChainRuleDialog
        self.pause()
        if self._chain_dialog is not None:           # one at a time: the newest weight
            self._chain_dialog.close()
        s = self.session
        self._chain_dialog = ChainRuleDialog(s.net, s.loss, s.dataset, layer, out, source,
                                             self)
        self._chain_dialog.show()
        return self._chain_dialog

    def find_learning_rate(self) -> None:
        """The range test on a copy of the current network; its dialog can set the lr."""
        from gui.lr_finder_dialog import run_range_test
        self.pause()
        dialog = run_range_test(self)
        if dialog is not None:
            dialog.exec()

    # ---- news from the worker ----
    def _diverged(self, event) -> None:
        self.playing_changed.emit(False)
        self.paint_now()
        self.loss_plot.show_divergence(event.message, event.step)

    def _failed(self, event) -> None:
        self.playing_changed.emit(False)
        from gui.app import report_error
        report_error("Training stopped by an error", event.message)

    # ---- painting ----
    def _tick(self) -> None:
        """Display timer: one frame with whatever is new (history, weights).

        The worker holds off while the frame is built and painted (controller.painting),
        and frames take at most about half of the time, so training keeps the rest.
        """
        s = self.session
        grew = s.history_grew
        if not self.isVisibleTo(self.window()) or self._in_frame or not (
                grew or s.pending_weights):
            return
        start = time.perf_counter()
        if start < self._next_frame:
            return
        self._in_frame = True        # posted events delivered inside a frame cannot nest one
        try:
            with s.controller.painting():
                self._draw_frame(grew)
        except Exception:            # noqa: BLE001 (one dialog, then a second's pause)
            self._next_frame = time.perf_counter() + 1.0
            raise
        finally:
            self._in_frame = False
        took = time.perf_counter() - start
        self._next_frame = start + max(FRAME_MS / 1000, 2 * took)

    def paint_now(self) -> None:
        """Draw a frame with everything recorded so far, ignoring the frame budget."""
        self._next_frame = 0.0
        self._tick()

    def _draw_frame(self, grew: bool) -> None:
        s = self.session
        if grew:
            snapshot = plot_style.history_arrays(s.history)
            s.mark_painted(len(snapshot["step"]))
            for plot in (self.loss_plot, self.gradient_plot, self.lr_plot):
                plot.update_from(snapshot)
        weights = s.take_weights()
        if weights is not None:
            self.data_view.refresh()
            self.network_view.refresh(weights.grads)
        self.show_status()
        # Deliver the scenes' queued updates and the paints they request now, while the
        # worker waits.
        QtWidgets.QApplication.sendPostedEvents()

    def show_status(self) -> None:
        """Say the run's step, losses and speed (status_changed)."""
        s = self.session
        self.status_changed.emit(status_text(s.last_batch, s.last_eval, s.dataset))

    # ---- state ----
    def save_state(self, settings: QtCore.QSettings) -> None:
        for name, splitter in self.splitters.items():
            settings.setValue(f"splitters/{name}", splitter.saveState())

    def restore_state(self, settings: QtCore.QSettings) -> None:
        for name, splitter in self.splitters.items():
            state = settings.value(f"splitters/{name}")
            if state is not None:
                splitter.restoreState(state)

    def shutdown(self) -> bool:
        """Stop painting and training (the thread ends); True when it has."""
        self.timer.stop()
        if self._chain_dialog is not None:
            self._chain_dialog.close()
        return self.session.shutdown()
