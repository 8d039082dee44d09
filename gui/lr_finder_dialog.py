"""The learning-rate range test beside the run (progress, Cancel), then a dialog: the curve,
three suggestions, one click to use one."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine.errors import ConfigError
from engine.lr_finder import FLAT, LrFinderResult, RangeTestCancelled, find_lr
from gui.panels.fields import blocked
from gui.plots import plot_style as ps
from gui.plots.palette import LAYER_COLORS

NUM_IT = 100          # updates of the range test

# (label, result attribute, colour, what to tell the class)
SUGGESTIONS = (
    ("valley", "valley", LAYER_COLORS[2], "the middle of the longest fall: a good default"),
    ("minimum / 10", "minimum_tenth", LAYER_COLORS[1], "a tenth of the γ with the lowest loss"),
    ("steepest", "steepest", LAYER_COLORS[3], "where the loss falls fastest"),
)
STARTS = (("initial", "the run's initial weights"), ("current", "the current weights"))
LABEL_HEIGHTS = (0.93, 0.78, 0.63)   # labels left to right, each a step lower: never overlap


class LrFinderDialog(QtWidgets.QDialog):
    """Shows one range test (on a copy of the model) and emits the learning rate chosen."""

    lr_chosen = QtCore.Signal(float)

    def __init__(self, result: LrFinderResult, parent=None, rerun=None, start="initial",
                 num_it: int = NUM_IT):
        """`rerun(start)` gives find_lr's (config, weights, dataset) for the other start
        weights ('initial' or 'current'), tested beside the window like the first run;
        without it the start cannot be changed."""
        super().__init__(parent)
        self.setWindowTitle("Find a learning rate")
        self.rerun, self.num_it = rerun, num_it
        self.shown_start = start           # the start of the result on screen
        self.test: BackgroundRangeTest | None = None     # a re-run in progress
        self.panel = ps.PlotPanel("Loss while γ grows from 1e-7", "learning rate γ", "loss",
                                  log_y=True)
        self.panel.plot.setLogMode(x=True, y=True)
        self.raw = ps.fast_curve(self.panel.plot, ps.faded("#a9b0bd", 0.5), 1.5, "batch loss")
        self.smooth = ps.fast_curve(self.panel.plot, "#56B4E9", name="smoothed")
        self.start = QtWidgets.QComboBox()
        for key, text in STARTS:
            self.start.addItem(f"from {text}", key)
        self.start.setCurrentIndex(self.start.findData(start))
        self.start.setEnabled(rerun is not None)
        self.start.setToolTip("Which weights the test starts from (on a copy; the run is "
                              "unchanged): a trained network suggests a tiny γ")
        self.start.currentIndexChanged.connect(self._start_changed)
        self.caption = QtWidgets.QLabel(wordWrap=True)
        self.marks, self.buttons = [], {}
        layout = QtWidgets.QVBoxLayout(self)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel("Start"))
        top.addWidget(self.start)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self.caption)
        layout.addWidget(self.panel, 1)
        row = QtWidgets.QHBoxLayout()
        for _label, attr, _color, tip in SUGGESTIONS:
            button = QtWidgets.QPushButton(toolTip=tip)
            button.clicked.connect(lambda _=False, a=attr: self._choose(getattr(self.result, a)))
            row.addWidget(button)
            self.buttons[attr] = button
        close = QtWidgets.QPushButton("Close")
        close.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.show_result(result)
        self.resize(900, 560)

    def show_result(self, result: LrFinderResult) -> None:
        """Draw one range test: its curve, and its suggestions unless it is too flat."""
        self.result = result
        self.raw.setData(result.lrs, ps.positive(result.losses))
        self.smooth.setData(result.lrs, ps.positive(result.smoothed))
        for line in self.marks:
            self.panel.plot.removeItem(line)
        self.marks = []
        order = sorted(SUGGESTIONS, key=lambda sug: getattr(result, sug[1]))
        for label, attr, color, _tip in SUGGESTIONS:
            value = getattr(result, attr)
            button = self.buttons[attr]
            button.setText(f"Use {label}: γ = {value:.2g}")
            button.setEnabled(not result.too_flat)
            if not result.too_flat:
                height = LABEL_HEIGHTS[order.index((label, attr, color, _tip))]
                self._mark(value, label, color, height)
        self.caption.setText(self._caption())
        shown = () if result.too_flat else SUGGESTIONS      # no legend for lines not drawn
        labels = ["batch loss", "smoothed", *(sug[0] for sug in shown)]
        colors = [ps.faded("#a9b0bd", 0.5), "#56B4E9", *(sug[2] for sug in shown)]
        self.panel.set_legend(labels, colors, dashed=[sug[0] for sug in shown])
        self._show_smoothed_range()

    def _start_changed(self) -> None:
        """Run the test again from the chosen weights, beside the window (progress, Cancel);
        the old result stays until the new one is there."""
        which = self.start.currentData()
        self._set_busy(True)
        self.test = BackgroundRangeTest(self.rerun(which), self.num_it, self)
        self.test.ended.connect(lambda result, message: self._rerun_ended(which, result,
                                                                          message))

    def _rerun_ended(self, which: str, result, message: str) -> None:
        self.test = None
        self._set_busy(False)
        if result is not None:
            self.shown_start = which
            self.show_result(result)
            return
        with blocked(self.start):                    # cancelled or refused: as it was
            self.start.setCurrentIndex(self.start.findData(self.shown_start))
        if message:
            self.caption.setText(f"Cannot run the range test: {message}")

    def _set_busy(self, busy: bool) -> None:
        self.start.setEnabled(not busy)
        for button in self.buttons.values():
            button.setEnabled(not busy and not self.result.too_flat)

    def done(self, code: int) -> None:
        """Closing: a re-run in progress stops first (after its update in progress)."""
        if self.test is not None:
            self.test.cancel()
            self.test.wait()
        super().done(code)

    def _show_smoothed_range(self) -> None:
        """y from the lowest batch loss to the highest smoothed one: the final blow-up batch
        would otherwise flatten the whole curve."""
        low = max(float(np.min(self.result.losses)), 1e-12)
        high = max(float(np.max(self.result.smoothed)), low * 1.01)
        self.panel.plot.setYRange(np.log10(low) - 0.05, np.log10(high) + 0.1, padding=0)

    def _caption(self) -> str:
        r = self.result
        end = ("it stopped when the loss blew up" if r.stopped_early
               else "it went all the way to γ = 10")
        text = (f"{len(r.lrs)} updates on a copy of the network, one batch each, γ growing "
                f"from {r.lrs[0]:.0e} ({end}). The run itself is unchanged. ")
        if r.too_flat:
            return text + (f"<b>Too flat to suggest anything:</b> the smoothed loss falls only "
                           f"{100 * r.fall:.1f}% below where it starts (under {FLAT:.0%}), so "
                           "any γ picked from this curve would be noise, not advice. Compare "
                           "a few γ values in short runs instead.")
        return text + ("Too small a γ barely moves the loss; too large a γ makes it blow up; "
                       f"pick one where it falls steeply (it falls {100 * r.fall:.0f}% here).")

    def _mark(self, value: float, label: str, color: str, height: float) -> None:
        line = pg.InfiniteLine(np.log10(value), angle=90, label=label,
                               pen=ps.pen(color, 2.5, QtCore.Qt.DashLine),
                               labelOpts={"position": height, "color": color,
                                          "anchors": [(0, 0.5), (0, 0.5)]})
        self.panel.plot.addItem(line)
        self.marks.append(line)

    def _choose(self, value: float) -> None:
        self.lr_chosen.emit(value)
        self.accept()


class _RangeTestThread(QtCore.QThread):
    """Runs find_lr; says how far it got and how it ended in signals (queued to the GUI)."""

    progressed = QtCore.Signal(int)
    done = QtCore.Signal(object, str)            # (result or None, message)

    def __init__(self, args: tuple, num_it: int, parent=None):
        super().__init__(parent)
        self.args, self.num_it, self.cancelled = args, num_it, False

    def run(self) -> None:
        def going_on(done: int, total: int) -> bool:
            self.progressed.emit(done)
            return not self.cancelled
        try:
            result = find_lr(*self.args, num_it=self.num_it, progress=going_on)
        except RangeTestCancelled:
            self.done.emit(None, "")
        except ConfigError as err:
            self.done.emit(None, str(err))
        else:
            self.done.emit(result, "")


class BackgroundRangeTest(QtCore.QObject):
    """find_lr(*args) in a thread, a progress dialog counting its updates with Cancel; the
    window stays live. `ended(result, message)`: the result (None if cancelled or refused)
    and the refusal's message ("" otherwise)."""

    ended = QtCore.Signal(object, str)

    def __init__(self, args: tuple, num_it: int, parent: QtWidgets.QWidget):
        super().__init__(parent)
        self.progress = QtWidgets.QProgressDialog(
            "Trying learning rates on a copy of the network…", "Cancel", 0, num_it, parent)
        self.progress.setWindowTitle("Find a learning rate")
        self.progress.setMinimumDuration(300)     # a quick test never flashes a window
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.runner = _RangeTestThread(args, num_it, self)
        self.updates = 0                          # how many the thread has done
        self.runner.progressed.connect(self._show_progress)
        self.runner.done.connect(self._finish)
        self.runner.start()

    @property
    def cancelled(self) -> bool:
        return self.runner.cancelled

    def cancel(self) -> None:
        """Stop after the update in progress; the result is None."""
        self.runner.cancelled = True

    def wait(self, msec: int = 10_000) -> bool:
        """Until the thread has ended (a window that closes waits at most one update)."""
        return self.runner.wait(msec)

    def _show_progress(self, done: int) -> None:
        self.updates = done
        self.progress.setValue(done)

    def _finish(self, result, message: str) -> None:
        self.runner.wait()
        self.progress.canceled.disconnect(self.cancel)   # closing it would say "canceled"
        self.progress.close()
        self.ended.emit(None if self.cancelled else result, message)


class RangeTestRun(QtCore.QObject):
    """The range test beside the run (a BackgroundRangeTest on a copy of the run's initial or
    shown weights); at the end the result dialog opens (or one message says why not)."""

    finished = QtCore.Signal(object)             # the LrFinderDialog, or None

    def __init__(self, mode, num_it: int = NUM_IT, show: bool = True, start: str = "initial"):
        super().__init__(mode)
        self.mode, self.open_dialog, self.start, self.num_it = mode, show, start, num_it
        self.dialog: LrFinderDialog | None = None
        self.test = BackgroundRangeTest(range_test_args(mode.session, start), num_it, mode)
        self.test.ended.connect(self._finish)

    progress = property(lambda self: self.test.progress)
    updates = property(lambda self: self.test.updates)
    cancelled = property(lambda self: self.test.cancelled)

    def cancel(self) -> None:
        """Stop after the update in progress; no result dialog."""
        self.test.cancel()

    def wait(self, msec: int = 10_000) -> bool:
        return self.test.wait(msec)

    def _finish(self, result, message: str) -> None:
        if message:
            QtWidgets.QMessageBox.warning(self.mode, "Cannot run the range test", message)
        if result is not None:
            session = self.mode.session
            self.dialog = LrFinderDialog(result, self.mode,
                                         lambda which: range_test_args(session, which),
                                         self.start, self.num_it)
            self.dialog.lr_chosen.connect(self.mode.set_learning_rate)
            if self.open_dialog:
                self.dialog.open()
        self.finished.emit(self.dialog)


def range_test_args(session, start: str) -> tuple:
    """find_lr's (config, weights, dataset) for a session's run from `start` weights."""
    return session.config, start_weights(session, start), session.dataset


def start_weights(session, start: str) -> dict:
    """The weights a range test starts from: the run's initial ones, or those shown now (a
    run opened from a file has no initial weights: its current ones are used)."""
    initial = getattr(session, "initial_weights", None)
    if start == "initial" and initial is not None:
        return initial
    return session.net.state_dict()


def find_from_window(window) -> None:
    """File → Find a learning rate from either tab: the test trains the network run, so from
    the Landscape tab it first switches to Network training and says so."""
    if window.modes.current is not window.network:
        window.set_mode(0)
        window.statusBar().showMessage("The range test trains the network run: switched to "
                                       "Network training (F2)", 6000)
    window.network.find_learning_rate()
