"""The learning-rate range test beside the run (progress, Cancel), then a dialog: the curve,
three suggestions, one click to use one."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine.errors import ConfigError
from engine.lr_finder import LrFinderResult, RangeTestCancelled, find_lr
from gui.plots import plot_style as ps
from gui.plots.palette import LAYER_COLORS

NUM_IT = 100          # updates of the range test

# (label, result attribute, colour, what to tell the class)
SUGGESTIONS = (
    ("valley", "valley", LAYER_COLORS[2], "the middle of the longest fall: a good default"),
    ("minimum / 10", "minimum_tenth", LAYER_COLORS[1], "a tenth of the γ with the lowest loss"),
    ("steepest", "steepest", LAYER_COLORS[3], "where the loss falls fastest"),
)


class LrFinderDialog(QtWidgets.QDialog):
    """Shows one range test (on a copy of the model) and emits the learning rate chosen."""

    lr_chosen = QtCore.Signal(float)

    def __init__(self, result: LrFinderResult, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Find a learning rate")
        self.result = result
        self.panel = ps.PlotPanel("Loss while γ grows from 1e-7", "learning rate γ", "loss",
                                  log_y=True)
        self.panel.plot.setLogMode(x=True, y=True)
        self.raw = ps.fast_curve(self.panel.plot, ps.faded("#a9b0bd", 0.5), 1.5, "batch loss")
        self.smooth = ps.fast_curve(self.panel.plot, "#56B4E9", name="smoothed")
        self.raw.setData(result.lrs, ps.positive(result.losses))
        self.smooth.setData(result.lrs, ps.positive(result.smoothed))
        self.buttons = {}
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(QtWidgets.QLabel(self._caption(), wordWrap=True))
        layout.addWidget(self.panel, 1)
        row = QtWidgets.QHBoxLayout()
        for k, (label, attr, color, tip) in enumerate(SUGGESTIONS):
            value = getattr(result, attr)
            self._mark(value, label, color, height=0.92 - 0.1 * k)   # labels never overlap
            button = QtWidgets.QPushButton(f"Use {label}: γ = {value:.2g}", toolTip=tip)
            button.clicked.connect(lambda _=False, v=value: self._choose(v))
            row.addWidget(button)
            self.buttons[attr] = button
        close = QtWidgets.QPushButton("Close")
        close.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        labels = ["batch loss", "smoothed", *(s[0] for s in SUGGESTIONS)]
        colors = [ps.faded("#a9b0bd", 0.5), "#56B4E9", *(s[2] for s in SUGGESTIONS)]
        self.panel.set_legend(labels, colors, dashed=[s[0] for s in SUGGESTIONS])
        self._show_smoothed_range()
        self.resize(900, 560)

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
        return (f"{len(r.lrs)} updates on a copy of the network, one batch each, γ growing "
                f"from {r.lrs[0]:.0e} ({end}). The run itself is unchanged. Too small a γ "
                "barely moves the loss; too large a γ makes it blow up; pick one where it "
                "falls steeply.")

    def _mark(self, value: float, label: str, color: str, height: float) -> None:
        line = pg.InfiniteLine(np.log10(value), angle=90, label=label,
                               pen=ps.pen(color, 2.5, QtCore.Qt.DashLine),
                               labelOpts={"position": height, "color": color,
                                          "anchors": [(0, 0.5), (0, 0.5)]})
        self.panel.plot.addItem(line)

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


class RangeTestRun(QtCore.QObject):
    """The range test beside the run: a thread does the updates (on a copy of the shown
    weights), a progress dialog counts them and can cancel; at the end the result dialog
    opens (or one message says why not). The window stays live meanwhile."""

    finished = QtCore.Signal(object)             # the LrFinderDialog, or None

    def __init__(self, mode, num_it: int = NUM_IT, show: bool = True):
        super().__init__(mode)
        self.mode, self.open_dialog = mode, show
        self.dialog: LrFinderDialog | None = None
        self.progress = QtWidgets.QProgressDialog(
            "Trying learning rates on a copy of the network…", "Cancel", 0, num_it, mode)
        self.progress.setWindowTitle("Find a learning rate")
        self.progress.setMinimumDuration(300)     # a quick test never flashes a window
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        s = mode.session
        self.runner = _RangeTestThread((s.config, s.net.state_dict(), s.dataset), num_it, self)
        self.updates = 0                          # how many the thread has done
        self.runner.progressed.connect(self._show_progress)
        self.runner.done.connect(self._finish)
        self.runner.start()

    @property
    def cancelled(self) -> bool:
        return self.runner.cancelled

    def cancel(self) -> None:
        """Stop after the update in progress; no result dialog."""
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
        if message:
            QtWidgets.QMessageBox.warning(self.mode, "Cannot run the range test", message)
        if result is not None and not self.cancelled:
            self.dialog = LrFinderDialog(result, self.mode)
            self.dialog.lr_chosen.connect(self.mode.set_learning_rate)
            if self.open_dialog:
                self.dialog.open()
        self.finished.emit(self.dialog)
