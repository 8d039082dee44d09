"""The network tab's display timer: each frame draws whatever the worker recorded since the last.

Training goes on in its own thread meanwhile: a frame does not wait for it, and it does not
wait for the frame (a frame costs ~10 ms whatever the history's length).
"""
from __future__ import annotations

import time

from PySide6 import QtCore, QtWidgets

from gui.plots import plot_style

FRAME_MS = 33                 # display timer: ~30 redraws a second


class FramePainter(QtCore.QObject):
    """Paints a NetworkMode's session on its plots and views, ~30 frames a second."""

    def __init__(self, mode):
        super().__init__(mode)
        self.mode = mode
        self._resume_at = 0.0                     # after a frame's error: a second's pause
        self._in_frame = False
        self.timer = QtCore.QTimer(mode, interval=FRAME_MS, timeout=self.tick)

    def tick(self) -> None:
        """One frame with whatever is new (history, weights), if the tab shows and it is not
        within an error's pause."""
        mode, s = self.mode, self.mode.session
        grew = s.history_grew
        if not mode.isVisibleTo(mode.window()) or self._in_frame or not (
                grew or s.pending_weights):
            return
        if time.perf_counter() < self._resume_at:
            return
        self._in_frame = True        # posted events delivered inside a frame cannot nest one
        try:
            self._draw_frame(grew)
        except Exception:            # noqa: BLE001 (one dialog, then a second's pause)
            self._resume_at = time.perf_counter() + 1.0
            raise
        finally:
            self._in_frame = False

    def paint_now(self) -> None:
        """Draw a frame with everything recorded so far, even within an error's pause."""
        self._resume_at = 0.0
        self.tick()

    def _draw_frame(self, grew: bool) -> None:
        mode, s = self.mode, self.mode.session
        if grew:
            snapshot = plot_style.history_arrays(s.history)
            s.mark_painted(len(snapshot["step"]))
            for plot in (mode.loss_plot, mode.gradient_plot, mode.lr_plot):
                plot.update_from(snapshot)
        weights = s.take_weights()
        if weights is not None:
            mode.data_view.refresh()
            mode.network_view.refresh(weights.grads)
            if not mode.miles_panel.isHidden():
                mode.miles_panel.show_weight(s.net)
        mode.show_status()
        # Deliver the scenes' queued updates and the paints they request in this frame.
        QtWidgets.QApplication.sendPostedEvents()
