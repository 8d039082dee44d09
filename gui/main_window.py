"""The main window: panels on the left, live plots on the right; layout and wiring only."""
from __future__ import annotations

import time

from PySide6 import QtCore, QtGui, QtWidgets

from engine import datasets, presets
from engine.errors import ConfigError
from gui.config_edits import ConfigEdits
from gui.controller import TrainingController
from gui.layout import build_layout
from gui.lessons import PresentationMode
from gui.menus import build_menus
from gui.modes import ModeRouter
from gui.plots import plot_style
from gui.status import status_text

FRAME_MS = 33                 # display timer: ~30 redraws a second


class MainWindow(QtWidgets.QMainWindow):
    """One run at a time: panels edit the config, the worker trains, the plots show it."""

    def __init__(self, config, title: str = "", lesson: str | None = None):
        super().__init__()
        self._set_title(title)
        self.config = config
        self.controller = TrainingController(self)
        # stop the training thread even if Qt quits without closing this window first
        QtWidgets.QApplication.instance().aboutToQuit.connect(self.controller.shutdown)
        self.net = None
        self.history = None
        self.dataset = None
        self._painted = -1
        self._last_batch = None
        self._eval = None
        self._pending_weights = None     # newest WeightsSnapshot, drawn by the next frame
        self._next_frame = 0.0           # frames use at most about half of the time
        self._in_frame = False
        self._chain_dialog = None        # the open chain-rule dialog, if any
        self._build()
        self.modes = ModeRouter(self)
        self.edits = ConfigEdits(self)
        self._connect()
        self._add_shortcuts()
        self.presentation = PresentationMode(self)
        self.actions = build_menus(self)
        self.caption.setVisible(False)
        if lesson:
            self.show_caption(lesson)
        self.timer = QtCore.QTimer(self, interval=FRAME_MS, timeout=self._tick)
        if not self.start_run(config):
            raise ValueError(f"cannot start the run: {self.config}")
        self.timer.start()
        self.restore_state()

    # ---- layout ----
    def _build(self) -> None:
        build_layout(self)

    @property
    def panels(self):
        return (self.training_panel, self.data_panel, self.model_panel, self.loss_panel,
                self.optimizer_panel)

    def _connect(self) -> None:
        c, t = self.controller, self.training_panel
        t.play_clicked.connect(self.toggle_play)
        t.step_clicked.connect(self.step)
        t.epoch_clicked.connect(self.step_epoch)
        t.reset_clicked.connect(self.reset)
        t.speed_changed.connect(self.set_speed)
        for panel in self.panels:
            panel.changed.connect(self.edit_config)
        c.steps_recorded.connect(self._steps_recorded)
        c.weights_updated.connect(self._weights_updated)
        c.state_changed.connect(self.modes.network_state_changed)
        c.training_diverged.connect(self._diverged)
        c.run_failed.connect(self._failed)
        self.data_view.point_added.connect(self._point_added)
        self.data_view.point_removed.connect(self._point_removed)
        self.network_view.neuron_hovered.connect(self.data_view.show_neuron)
        self.network_view.neuron_left.connect(self.data_view.show_output)
        self.network_view.weight_edited.connect(c.edit_weight)
        self.optimizer_panel.find_lr_clicked.connect(self.find_learning_rate)
        self.network_view.chain_rule_requested.connect(self.explain_weight)

    def _add_shortcuts(self) -> None:
        keys = {"Space": self.toggle_play, "Right": self.step, "E": self.step_epoch,
                "R": self.reset}
        for key, slot in keys.items():
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), self)
            shortcut.setContext(QtCore.Qt.ApplicationShortcut)
            shortcut.activated.connect(slot)

    # ---- runs ----
    def start_run(self, config, dataset=None, title: str | None = None) -> bool:
        """Start a new run from config; on a bad value say why and keep the current run."""
        try:
            trainer = self.controller.new_run(config, dataset)
        except ConfigError as err:
            self.show_config()
            QtWidgets.QMessageBox.warning(self, "Not allowed", str(err))
            return False
        if title is not None:
            self._set_title(title)
        self.config, self.dataset, self.history = trainer.config, trainer.dataset, trainer.history
        self.net = trainer.network.copy()
        self._painted, self._last_batch, self._eval = -1, None, None
        self._pending_weights = None          # the old run's weights never reach the new net
        names = _layer_names(len(self.net.layers))
        self.loss_plot.clear()
        for plot in (self.gradient_plot, self.lr_plot):
            plot.set_layers(names)
        self.data_view.set_dataset(self.dataset)
        self.data_view.set_network(self.net)
        self.network_view.set_feature_names(self.dataset.feature_names)
        self.network_view.set_network(self.net)
        self.modes.show_network_running(False)
        self.show_config()
        self._show_status()
        return True

    def open_lesson(self, name: str) -> bool:
        """Load preset `name` as a new run, with its caption; back to the network mode."""
        self.set_mode(0)
        if not self.start_run(presets.load(name), title=presets.info(name).title):
            return False
        self.show_caption(name)
        return True

    # ---- the run bar, routed to the active mode (gui/modes.py) ----
    @property
    def in_landscape(self) -> bool:
        return self.modes.in_landscape

    @property
    def landscape(self):
        return self.modes.landscape

    def reset(self) -> None:
        self.modes.reset()

    def restart(self) -> None:
        """Reset of the network mode: fresh weights and empty plots; the data (with any
        points clicked in) stays."""
        self.start_run(self.config, self.dataset)

    def toggle_play(self) -> None:
        self.modes.toggle_play()

    def step(self) -> None:
        self.modes.step()

    def step_epoch(self) -> None:
        self.modes.step_epoch()

    def set_speed(self, steps_per_second: float) -> None:
        self.modes.set_speed(steps_per_second)

    def set_mode(self, index: int) -> None:
        """0: network training, 1: the loss-landscape race."""
        self.tabs.setCurrentIndex(index)

    # ---- captions and title ----
    def show_caption(self, lesson: str) -> None:
        self.caption.show_lesson(lesson)
        self.actions["caption"].setChecked(self.caption.isVisible())

    def set_caption_visible(self, visible: bool) -> None:
        self.caption.setVisible(visible and bool(self.caption.text.text()))

    def _set_title(self, title: str) -> None:
        self.setWindowTitle(f"Descent Lab — {title}" if title else "Descent Lab")

    # ---- config edits (gui/config_edits.py) ----
    def edit_config(self, overrides: dict) -> None:
        """A panel changed something: lr and hyper-parameters live, the rest as a new run."""
        self.edits.apply(overrides)

    def set_learning_rate(self, lr: float) -> None:
        """Use learning rate `lr` from the next step (the panel shows it)."""
        self.edits.apply({"optimizer.lr": float(lr)})
        self.optimizer_panel.lr.set_value(self.config.optimizer.lr)

    def explain_weight(self, layer: int, out: int, inn: int):
        """The chain rule for one weight (right-click in the network view), on the shown
        weights; returns the dialog (shown, not modal)."""
        from gui.chain_rule_dialog import ChainRuleDialog
        self.controller.pause()
        if self._chain_dialog is not None:           # one at a time: the newest weight
            self._chain_dialog.close()
        self._chain_dialog = ChainRuleDialog(self.net, self.controller.trainer.loss,
                                             self.dataset, layer, out, inn, self)
        self._chain_dialog.show()
        return self._chain_dialog

    def find_learning_rate(self) -> None:
        """The range test on a copy of the current network; its dialog can set the lr."""
        from gui.lr_finder_dialog import run_range_test
        self.controller.pause()
        dialog = run_range_test(self)
        if dialog is not None:
            dialog.exec()

    def show_config(self) -> None:
        c, task = self.config, self.dataset.task if self.dataset else "binary"
        self.data_panel.set_config(c.data)
        self.model_panel.set_config(c.model)
        self.loss_panel.set_config(c.loss, task)
        self.optimizer_panel.set_config(c.optimizer, c.schedule, c.training)
        self.training_panel.set_config(c.training)

    # ---- news from the worker ----
    def _steps_recorded(self, batch) -> None:
        self._last_batch = batch
        if batch.last_eval is not None:
            self._eval = batch.last_eval

    def _weights_updated(self, snapshot) -> None:
        """Keep the newest weights; the next display frame draws them."""
        self._pending_weights = snapshot

    def _diverged(self, event) -> None:
        self.modes.show_network_running(False)
        self.paint_now()
        self.loss_plot.show_divergence(event.message, event.step)

    def _failed(self, event) -> None:
        self.modes.show_network_running(False)
        from gui.app import report_error
        report_error("Training stopped by an error", event.message)

    def _point_added(self, point) -> None:
        raw, target = point
        self._replace_dataset(datasets.add_point(self.dataset, raw, target))

    def _point_removed(self, raw) -> None:
        self._replace_dataset(datasets.remove_nearest(self.dataset, raw))

    def _replace_dataset(self, dataset) -> None:
        self.dataset = dataset
        self.controller.replace_dataset(dataset)
        self.data_view.set_dataset(dataset)

    # ---- painting ----
    def _tick(self) -> None:
        """Display timer: one frame with whatever is new (history, weights).

        The worker holds off while the frame is built and painted (controller.painting),
        and frames take at most about half of the time, so training keeps the rest.
        """
        grew = self.history is not None and len(self.history) != self._painted
        if self.in_landscape or self._in_frame or not (grew or self._pending_weights):
            return
        start = time.perf_counter()
        if start < self._next_frame:
            return
        self._in_frame = True        # posted events delivered inside a frame cannot nest one
        try:
            with self.controller.painting():
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
        if grew:
            snapshot = plot_style.history_arrays(self.history)
            self._painted = len(snapshot["step"])
            for plot in (self.loss_plot, self.gradient_plot, self.lr_plot):
                plot.update_from(snapshot)
        weights, self._pending_weights = self._pending_weights, None
        if weights is not None and weights.run_id == self.controller.run_id:
            self.net.load_state_dict(weights.state)
            self.data_view.refresh()
            self.network_view.refresh(weights.grads)
        self._show_status()
        # Deliver the scenes' queued updates and the paints they request now, while the
        # worker waits.
        QtWidgets.QApplication.sendPostedEvents()

    def _show_status(self) -> None:
        if not self.in_landscape:
            self.status.setText(status_text(self._last_batch, self._eval, self.dataset))

    # ---- window state ----
    def save_state(self) -> None:
        settings = QtCore.QSettings("DescentLab", "DescentLab")
        for name in ("top", "bottom", "right"):
            settings.setValue(f"splitters/{name}", getattr(self, name).saveState())

    def restore_state(self) -> None:
        settings = QtCore.QSettings("DescentLab", "DescentLab")
        for name in ("top", "bottom", "right"):
            state = settings.value(f"splitters/{name}")
            if state is not None:
                getattr(self, name).restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.timer.stop()
        if self.landscape is not None:
            self.landscape.pause()
        if self._chain_dialog is not None:
            self._chain_dialog.close()
        self.save_state()
        self.controller.shutdown()
        super().closeEvent(event)


def _layer_names(n_layers: int) -> list[str]:
    return [f"hidden {i + 1}" for i in range(n_layers - 1)] + ["output"]
