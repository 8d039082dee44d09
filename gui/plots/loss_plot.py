"""The loss plot: batch loss, its moving average, periodic train/test loss, divergence; with a
penalty on, also the objective the optimizer minimises (train data loss + penalty)."""
from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.lr_finder import EmaState, debiased_ema
from engine.pyramid import GrowingArray, MinMaxPyramid
from gui import theme
from gui.plots import plot_style as ps

BATCH_COLOR = "#a9b0bd"
EMA_COLOR = "#56B4E9"
TRAIN_COLOR = "#E69F00"
TEST_COLOR = "#CC79A7"
GHOST_COLOR = "#8a8f99"
OBJECTIVE_COLOR = "#009E73"
OBJECTIVE_LABEL = "objective = data loss + penalty"
HELP = ("<b>Loss</b> — batch: the data loss of each update's batch, before the update; "
        "smoothed: its debiased moving average; train / test: the data loss on the whole "
        "training / test set every few steps.<br>With regularisation on, the optimizer "
        "minimises the <b>objective = data loss + penalty</b> (drawn too), and the gradient "
        "plot includes the penalty's gradient:<br>"
        "&nbsp;L1 with rate λ: penalty λ‖w‖₁ = λ Σ |w|, gradient λ·sign(w)<br>"
        "&nbsp;L2 with rate λ: penalty (λ/2)‖w‖² = (λ/2) Σ w², gradient λ·w<br>"
        "over the weights only, not the biases (docs/maths.md, Regularisation).")


class LossPlot(ps.PlotPanel):
    """Loss against steps or epochs; the previous run can stay as a faint ghost.

    The ghost is for comparing (clear(keep_ghost=True)); it never sets the axis ranges, and
    the 'clear ghost' button removes it. A batch loss of exactly 0 cannot be drawn on a log
    axis: it is a gap, and the toolbar's note says how many steps it was.
    """

    def __init__(self):
        super().__init__("Loss", "step", "loss", log_y=True, decimated=True)
        self._last = None
        self._zeros = (0, 0)                 # (steps counted, of which exactly 0)
        self._reset_curves()
        self._ghost_data = (np.empty(0), np.empty(0), np.empty(0))
        self._add_controls()
        p = self.plot
        self.ghost = ps.fast_curve(p, ps.faded(GHOST_COLOR, 0.6), 2, "previous run",
                                   QtCore.Qt.DashLine)
        self.batch = ps.fast_curve(p, ps.faded(BATCH_COLOR, 0.5), 1.5, "batch")
        self.ema = ps.fast_curve(p, EMA_COLOR, name="smoothed")
        self.train = ps.fast_curve(p, TRAIN_COLOR, name="train")
        self.test = ps.fast_curve(p, TEST_COLOR, name="test", style=QtCore.Qt.DashLine)
        self.objective = ps.fast_curve(p, OBJECTIVE_COLOR, name=OBJECTIVE_LABEL)
        self.penalised = False               # does this run's objective add a penalty?
        self.plot_widget.setToolTip(HELP)
        self.marker = p.plot(pen=None, symbol="x", symbolSize=26,
                             symbolPen=ps.pen(theme.WARNING, 4), symbolBrush=theme.WARNING)
        self._show_legend()
        self.banner = QtWidgets.QLabel(self.plot_widget)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()

    def _add_controls(self) -> None:
        self.x_mode = QtWidgets.QComboBox()
        self.x_mode.addItems(["steps", "epochs"])
        self.x_mode.setToolTip("Show the x axis in update steps or in epochs")
        self.smoothing = QtWidgets.QSlider(QtCore.Qt.Horizontal)
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(90)
        self.smoothing.setFixedWidth(110)
        self.smoothing_label = QtWidgets.QLabel()
        self.smoothing.setToolTip("Smoothing β of the moving average of the batch loss")
        self.smoothing.valueChanged.connect(self._smoothing_changed)
        self.x_mode.currentIndexChanged.connect(self._x_mode_changed)
        self.clear_ghost_button = QtWidgets.QToolButton(text="clear ghost")
        self.clear_ghost_button.setToolTip("Remove the previous run's dashed curve")
        self.clear_ghost_button.clicked.connect(self.clear_ghost)
        self.clear_ghost_button.hide()
        self.zero_note = QtWidgets.QLabel(objectName="zeroNote")
        self.zero_note.setStyleSheet(f"color: {theme.WARNING};")
        for i, w in enumerate((QtWidgets.QLabel("x:"), self.x_mode, self.smoothing_label,
                               self.smoothing, self.clear_ghost_button, self.zero_note)):
            self.toolbar.insertWidget(i, w)
        self._smoothing_changed(self.smoothing.value())

    @property
    def beta(self) -> float:
        return self.smoothing.value() / 100.0

    def _reset_curves(self) -> None:
        """Empty pyramids and EMA: the next frame takes in the whole history again."""
        self._loss_pyramid = MinMaxPyramid()
        self._reset_ema()
        self._eval_drawn = None             # (evaluations, x mode, log) last drawn

    def _reset_ema(self) -> None:
        # the debiased EMA of every finite step, float32 like the History (display only: the
        # running state stays float64, so nothing accumulates)
        self._ema = GrowingArray((), np.float32)
        self._ema_state = EmaState()
        self._ema_pyramid = MinMaxPyramid()

    def _smoothing_changed(self, value: int) -> None:
        self.smoothing_label.setText(f"smoothing {value / 100:.2f}")
        if hasattr(self, "ema"):
            self._reset_ema()
            self._redraw()

    def _x_mode_changed(self) -> None:
        self.plot.setLabel("bottom", "epoch" if self.x_mode.currentIndex() else "step")
        self._eval_drawn = None
        self._draw_ghost()
        self._redraw()
        self.follow()

    def clear(self, keep_ghost: bool = False) -> None:
        """Start over for a new run. keep_ghost: the current curve (if any, else the ghost
        shown) stays as the ghost to compare with; otherwise the plot starts clean."""
        if not keep_ghost:
            self._ghost_data = (np.empty(0), np.empty(0), np.empty(0))
        elif self._last is not None and len(self._last["step"]):
            last = self._last
            ema = self._ema.view()
            self._ghost_data = (last["step"][:len(ema)], last["epoch"][:len(ema)], ema)
        self._last = None
        self._zeros = (0, 0)
        self.zero_note.clear()
        self._reset_curves()
        for curve in (self.batch, self.ema, self.train, self.test, self.objective):
            curve.setData([], [])
        self.penalised = False
        self.marker.setData([], [])
        self.hide_banner()
        self.follow(forget=True)
        self._draw_ghost()

    def clear_ghost(self) -> None:
        """Remove the previous run's curve (the button, or a lesson that starts clean)."""
        self._ghost_data = (np.empty(0), np.empty(0), np.empty(0))
        self._draw_ghost()

    @property
    def has_ghost(self) -> bool:
        return bool(len(self._ghost_data[2]))

    def _show_legend(self) -> None:
        train = "train data loss" if self.penalised else "train"
        entries = [("batch", BATCH_COLOR), ("smoothed", EMA_COLOR), (train, TRAIN_COLOR),
                   ("test", TEST_COLOR)]
        if self.penalised:
            entries.append((OBJECTIVE_LABEL, OBJECTIVE_COLOR))
        if len(self._ghost_data[2]):
            entries.append(("previous run", GHOST_COLOR))
        labels, colors = zip(*entries)
        self.set_legend(labels, colors, dashed=("test", "previous run"))

    def _draw_ghost(self) -> None:
        self._show_legend()
        self.clear_ghost_button.setVisible(self.has_ghost)
        steps, epochs, values = self._ghost_data
        x = epochs if self.x_mode.currentIndex() else steps
        # once per run, x mode or log switch: a whole decimation of the previous run
        index, values = MinMaxPyramid().curve(values, self.max_points())
        self.ghost.setData(x[index], self._for_axis(values))

    def _set_log(self, on: bool) -> None:
        if hasattr(self, "ghost"):
            self._eval_drawn = None
            self._draw_ghost()
            self._redraw()
        super()._set_log(on)

    def update_from(self, data: dict) -> None:
        """Draw what is new in a history snapshot (plot_style.history_arrays; display timer)."""
        if self._last is not None and len(data["loss"]) < self._loss_pyramid.n:
            self._reset_curves()                       # a snapshot of another run
        self._last = data
        self._redraw()

    def _redraw(self) -> None:
        data = self._last
        if data is None:
            return
        x_col = data["epoch"] if self.x_mode.currentIndex() else data["step"]
        points = self.max_points()
        index, loss = self._loss_pyramid.curve(data["loss"], points)
        loss = self._for_axis(loss)
        self.batch.setData(x_col[index], loss)
        n = self._loss_pyramid.n
        self._extend_ema(data["loss"][:n])
        ema_index, ema = self._ema_pyramid.curve(self._ema.view(), points)
        ema = self._for_axis(ema)
        if len(ema) == len(loss):       # the same blocks: a gap where the batch loss is 0
            ema = np.where(np.isnan(loss), np.nan, ema)
        self.ema.setData(x_col[ema_index], ema)
        eval_y = self._draw_eval(data, n)
        self._note_zeros(data["loss"][:n])
        x_hi = float(x_col[n - 1]) if n else 0.0
        self.show_range(x_hi, [loss, ema, *eval_y])      # the ghost never sets the range

    def _note_zeros(self, loss: np.ndarray) -> None:
        """Count the steps whose batch loss is exactly 0 (new ones only) and say so."""
        counted, zeros = self._zeros
        if len(loss) > counted:
            zeros += int(np.count_nonzero(loss[counted:] == 0))
            self._zeros = (len(loss), zeros)
        shown = self.log_y and zeros
        self.zero_note.setText(f"exactly 0 at {zeros:,} steps (gaps)" if shown else "")

    def _extend_ema(self, loss: np.ndarray) -> None:
        """The debiased EMA of the new finite losses (engine.lr_finder.debiased_ema)."""
        done = self._ema.n
        if done < len(loss):
            values, self._ema_state = debiased_ema(loss[done:], self.beta, self._ema_state)
            self._ema.extend(values)

    def _draw_eval(self, data, n: int) -> list:
        """Train and test loss (and the objective, with a penalty) at the periodic
        evaluations; set only when there are new ones."""
        ev = data["eval"]
        steps = np.asarray(ev.get("step", []), dtype=np.float64)
        keep = (steps >= 1) & (steps <= n)
        key = (int(keep.sum()), self.x_mode.currentIndex(), self.log_y)
        ys = [np.asarray(ev.get(k, []), dtype=np.float64)[keep]
              for k in ("train_loss", "test_loss")]
        penalty = np.asarray(ev.get("penalty", np.zeros(len(steps))), dtype=np.float64)[keep]
        if bool(np.any(penalty > 0)) != self.penalised:
            self.penalised = not self.penalised
            self._show_legend()
        ys.append(ys[0] + penalty if self.penalised else np.full(len(penalty), np.nan))
        if key == self._eval_drawn:
            return ys
        self._eval_drawn = key
        steps = steps[keep]
        x = data["epoch"][steps.astype(int) - 1] if self.x_mode.currentIndex() else steps
        for curve, y in zip((self.train, self.test, self.objective), ys):
            ok = np.isfinite(y)
            curve.setData(x[ok], self._for_axis(y[ok]))
        return ys

    def _for_axis(self, y: np.ndarray) -> np.ndarray:
        """On a log axis, values <= 0 (an exact 0, mean bias error) are gaps, not clipped."""
        if self.log_y and len(y) and np.any(y <= 0):
            return np.where(y > 0, y, np.nan)
        return y

    def set_loss_range(self, value_range: str) -> None:
        """Log y only for a loss that is never negative (its entry's value_range)."""
        self.log_box.setChecked(not value_range.startswith("(−∞"))

    def show_divergence(self, message: str, step: int) -> None:
        """Mark where the loss stopped being finite and explain it in a banner."""
        data = self._last
        if data is not None and 0 < step <= len(data["epoch"]):
            x = data["epoch"][step - 1] if self.x_mode.currentIndex() else step
            finite = data["loss"][:step][np.isfinite(data["loss"][:step])]
            y = finite[-1] if len(finite) else 1.0
            self.marker.setData([x], [max(y, 1e-30) if self.log_y else y])
        self.banner.setText(f"⚠ Training stopped: {message}.\n"
                            "Try a smaller learning rate, then press Reset (R).")
        self._place_banner()
        self.banner.show()
        self.banner.raise_()

    def hide_banner(self) -> None:
        self.banner.hide()

    @property
    def banner_text(self) -> str:
        return self.banner.text() if self.banner.isVisible() else ""

    def _place_banner(self) -> None:
        width = max(200, self.plot_widget.width() - 120)
        self.banner.setFixedWidth(width)
        self.banner.adjustSize()
        self.banner.move(60, 40)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.banner.isVisible():
            self._place_banner()
