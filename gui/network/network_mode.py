"""NetworkMode: the 'Network' tab — panels, live plots, the data and network views.

It owns its run (a RunSession) and paints it on a display timer (frame_painter.py): the
worker records every step in the run's History, and each frame draws whatever is new. A
one-weight run shows the miles panel in the bottom row (bottom_row.py). The main window
drives it through play/pause/toggle_play/step_once/step_epoch/reset/set_speed
(run_bar_controls.py), like the landscape mode, and shows `status_changed` in its status
line and `playing_changed` on its run bar. What its panels and views ask of it (edits,
the chain-rule dialog, the range test) is in view_requests.py.
"""
from __future__ import annotations

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Signal

from engine import losses, presets
from engine.errors import ConfigError
from gui import layout
from gui.config_edits import ConfigEdits
from gui.network.bottom_row import BottomRow
from gui.network.divergence_bar import DivergenceBar
from gui.network.frame_painter import FramePainter
from gui.network.run_bar_controls import RunBarControls
from gui.network.session import RunSession
from gui.network.view_requests import ViewRequests
from gui.panels.data_panel import DataPanel
from gui.panels.loss_panel import LossPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.optimizer_panel import OptimizerPanel
from gui.plots.data_view import DataView
from gui.plots.gradient_plot import GradientPlot
from gui.plots.loss_plot import LossPlot
from gui.plots.lr_plot import LrPlot
from gui.plots.network_view import NetworkView
from gui.plots.palette import layer_names
from gui.status import status_text
from gui.undo import RunUndo


class NetworkMode(RunBarControls, ViewRequests, QtWidgets.QWidget):
    """A network learning one run; panels edit its config, the worker trains it."""

    status_changed = Signal(str)      # "step 1,200   epoch 6.00   loss 0.31 …"
    playing_changed = Signal(bool)
    title_changed = Signal(str)       # the run's name: a lesson's title, a file's name
    config_shown = Signal(object)     # the RunConfig the panels now show
    note_shown = Signal(str)          # a passing remark, e.g. "Loss switched to …"
    lesson_changed = Signal(str)      # the preset a new run came from ("" for a file)

    def __init__(self, config, title: str = "", parent=None):
        super().__init__(parent)
        self.session = RunSession(self)   # while comparing: the selected run's (gui/compare)
        self.compare = None               # the CompareRuns on screen, if any
        self.lesson = ""                  # the preset the run came from ("" for a file)
        self.data_panel, self.model_panel = DataPanel(), ModelPanel()
        self.loss_panel, self.optimizer_panel = LossPanel(), OptimizerPanel()
        self.loss_plot, self.gradient_plot, self.lr_plot = LossPlot(), GradientPlot(), LrPlot()
        self.data_view, self.network_view = DataView(), NetworkView()
        self.divergence_bar = DivergenceBar()
        self.undo = RunUndo(self)             # the run the last new run replaced
        self.splitters = layout.network_tab(
            self, self.panels, self.loss_plot, self.gradient_plot, self.lr_plot,
            self.data_view, self.network_view, banner=self.divergence_bar)
        self.bottom_row = BottomRow(self.splitters["bottom"], self.gradient_plot, self.lr_plot,
                                    self.network_view)
        self.miles_panel = self.bottom_row.miles_panel    # one-weight lessons only
        self.edits = ConfigEdits(self)
        self.setFocusPolicy(QtCore.Qt.ClickFocus)        # where the keys go when no field has them
        self._speed: float | None = None          # steps per second; None: as fast as possible
        self._chain_dialog = None                 # the open chain-rule dialog, if any
        self._range_test = None                   # the newest learning-rate range test
        self._connect()
        self.painter = FramePainter(self)
        self.timer = self.painter.timer           # the display timer (recordings follow it)
        if not self.start_run(config, title=title):
            raise ValueError(f"cannot start the run: {config}")
        self.timer.start()

    @property
    def panels(self):
        return (self.data_panel, self.model_panel, self.loss_panel, self.optimizer_panel)

    def _connect(self) -> None:
        c = self.session.controller
        self._connect_requests()
        c.state_changed.connect(lambda _: self.playing_changed.emit(c.playing))
        c.training_diverged.connect(self._diverged)
        c.run_failed.connect(self._failed)
        self.network_view.neuron_hovered.connect(self.data_view.show_neuron)
        self.network_view.neuron_left.connect(self.data_view.show_output)
        self.config_shown.connect(lambda config: self.lr_plot.show_optimizer(config.optimizer))

    # ---- runs ----
    def start_run(self, config, dataset=None, title: str | None = None,
                  lesson: str = "", trainer=None) -> bool:
        """Start a new run from config; on a bad value say why and keep the current run (a
        run replaced after it trained is kept for Edit → Undo).

        title None: the same experiment again (Reset, an edit): the old curve stays as the
        ghost. A title: a new lesson (`lesson`) or file, which starts clean unless it is
        compared with the one before (the presets' "compare" group). With `trainer` (restored
        from a file) that Trainer goes on from its step.
        """
        self.end_comparison()
        kept = self.session.kept()
        old_loss = self.session.config.loss.name if self.session.config else None
        try:
            self.session.start(config, dataset, title, trainer)
        except ConfigError as err:
            self.show_config()
            QtWidgets.QMessageBox.warning(self, "Not allowed", str(err))
            return False
        self.undo.keep(kept)
        same = title is None
        self._show_new_run(keep_ghost=same or presets.compared(self.lesson, lesson),
                           old_loss=old_loss if same else None)
        if not same:
            self.lesson = lesson
            self.title_changed.emit(self.session.title)
            self.lesson_changed.emit(lesson)
        return True

    def undo_run(self) -> bool:
        """Edit → Undo: the run the last new run replaced comes back where it stopped (its
        weights and curves); the run it replaces is kept in turn. False if there is none."""
        comparing = self.compare is not None      # a comparison is not kept in turn
        self.end_comparison()
        kept = self.undo.take()
        if kept is None:
            return False
        replaced = None if comparing else self.session.kept()
        self.session.resume(kept)
        self.undo.keep(replaced)
        self._show_new_run(keep_ghost=False, old_loss=None)
        self.title_changed.emit(self.session.title)
        self.paint_now()
        self.show_note(f"Back to the run at step {kept.steps:,}")
        return True

    # ---- a comparison (gui/compare) ----
    def end_comparison(self) -> None:
        if self.compare is not None:
            self.compare.end()

    def keep_run(self, kept) -> None:
        """A compared run goes on alone here; the run before the comparison is kept for
        Edit → Undo."""
        self.undo.keep(self.session.kept())
        self.session.resume(kept)
        self._show_new_run(keep_ghost=False, old_loss=None)
        self.title_changed.emit(self.session.title)
        self.paint_now()

    def pause(self) -> None:
        (self.compare or super()).pause()

    def _show_new_run(self, keep_ghost: bool, old_loss: str | None) -> None:
        """The views show the session's (new or resumed) run; the loss axis is set anew
        unless the loss stayed `old_loss`."""
        s = self.session
        self.divergence_bar.hide()
        self.loss_plot.clear(keep_ghost=keep_ghost)
        if old_loss is None or s.config.loss.name != old_loss:
            self.loss_plot.set_loss_range(losses.REGISTRY[s.config.loss.name].value_range)
        for plot in (self.gradient_plot, self.lr_plot):
            plot.set_layers(layer_names(len(s.net.layers)))
        self.data_view.set_dataset(s.dataset)
        self.data_view.set_network(s.net)
        self.network_view.set_feature_names(s.dataset.feature_names)
        self.network_view.set_network(s.net)
        self._show_miles()
        self.playing_changed.emit(False)
        self.show_config()
        self.show_status()

    def show_config(self) -> None:
        """The panels show the run's config (after an edit was refused, too)."""
        c, ds = self.session.config, self.session.dataset
        self.data_panel.set_config(c.data)
        self.model_panel.set_config(c.model)
        self.loss_panel.set_config(c.loss, ds.task if ds else "binary")
        self.optimizer_panel.set_config(c.optimizer, c.schedule, c.training)
        self.config_shown.emit(c)

    def show_note(self, text: str) -> None:
        self.note_shown.emit(text)

    def _show_miles(self) -> None:
        s = self.session
        self.bottom_row.show_run(s.net, s.dataset, s.config.loss.name)

    # ---- news from the worker ----
    def _diverged(self, event) -> None:
        self.playing_changed.emit(False)
        self.paint_now()
        self.loss_plot.show_divergence(event.message, event.step)   # marks the step
        # the words go to the bar above the plots, where they hide nothing
        self.divergence_bar.show_message(self.loss_plot.banner.text())
        self.loss_plot.hide_banner()

    def _failed(self, event) -> None:
        self.playing_changed.emit(False)
        from gui.app import report_error
        report_error("Training stopped by an error", event.message)

    # ---- painting ----
    def paint_now(self) -> None:
        """Draw a frame with everything recorded so far, even within an error's pause."""
        self.painter.paint_now()

    def show_status(self) -> None:
        """Say the run's step, losses and speed (status_changed)."""
        if self.compare is not None:                 # which run, too
            return self.compare.show_status()
        s = self.session
        self.status_changed.emit(status_text(s.last_batch, s.last_eval, s.dataset))

    # ---- state ----
    def save_state(self, settings: QtCore.QSettings) -> None:
        """The splitters as the lecturer left them (the usual bottom row, not the miles
        panel's, which is laid out whenever it shows); a comparison ends first, so its plots
        are not saved in the splitters."""
        self.end_comparison()
        for name, splitter in self.splitters.items():
            state = self.bottom_row.state_to_save() if name == "bottom" else splitter.saveState()
            settings.setValue(f"splitters/{name}", state)

    def restore_state(self, settings: QtCore.QSettings) -> None:
        for name, splitter in self.splitters.items():
            state = settings.value(f"splitters/{name}")
            if state is None:
                continue
            if name == "bottom":
                self.bottom_row.restore(state)        # kept for when the miles panel goes
            else:
                splitter.restoreState(state)

    def shutdown(self) -> bool:
        """Stop painting and training (the thread ends); True when it has."""
        self.timer.stop()
        self.end_comparison()
        self._close_dialogs()
        return self.session.shutdown()
