"""Recording the window or one view while it trains: frames on the display timer.

A Recorder listens to the network mode's display timer and grabs its target
(QWidget.grab()) at most `fps` times a second, scaled to the chosen width; Stop writes the
file. While it records, the status bar shows a red "● recording" mark with the frame count
and a Stop button.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from engine.errors import ConfigError
from gui.recording.frames import FrameWriter

VIEWS = {"window": "The whole window", "loss": "Loss plot", "data": "Data view",
         "network": "Network view", "landscape": "Landscape race"}


def view_widget(window, name: str) -> QtWidgets.QWidget:
    """The widget that view `name` records (the Landscape tab is built when first asked)."""
    if name == "window":
        return window
    if name == "landscape":
        window.set_mode(1)
        return window.modes.landscape
    network = window.network
    return {"loss": network.loss_plot, "data": network.data_view,
            "network": network.network_view}[name]


class Recorder(QtCore.QObject):
    """Grabs `target` on `timer`'s ticks, at most `fps` a second, `width` pixels wide."""

    frame_taken = QtCore.Signal(int)          # frames so far
    writing = QtCore.Signal(str)              # Stop: the file is being written
    finished = QtCore.Signal(str)             # what was written, or why not
    _written = QtCore.Signal(str)             # from the writing thread

    def __init__(self, target, timer: QtCore.QTimer, path: str, fps: float, width: int,
                 parent=None):
        super().__init__(parent)
        self.writer = FrameWriter(path, fps, field="Record to")
        self.target, self.timer, self.width = target, timer, int(width)
        self._next = 0.0
        self._thread: threading.Thread | None = None
        self._written.connect(self._done, QtCore.Qt.QueuedConnection)   # in the GUI thread
        timer.timeout.connect(self.tick)

    @property
    def count(self) -> int:
        return self.writer.count

    def tick(self) -> None:
        now = time.perf_counter()
        if now < self._next:
            return
        self._next = now + 1 / self.writer.fps
        self.grab()

    def grab(self) -> None:
        """One frame now (the first one fixes the size of all)."""
        image = self.target.grab().toImage()
        if self.width and image.width() != self.width:
            image = image.scaledToWidth(self.width, QtCore.Qt.SmoothTransformation)
        self.writer.add(image)
        self.frame_taken.emit(self.count)
        if self.writer.full:
            self.stop()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QtCore.QEvent.Close:
            self.stop()
            self.wait()
        return False

    def stop(self) -> None:
        """Stop grabbing and write the file on a thread of its own (a long GIF takes
        seconds); `writing` now, `finished` when it is written, in the GUI thread."""
        if self.timer is None:
            return
        self.timer.timeout.disconnect(self.tick)
        self.timer = None
        self.writing.emit(self.writer.path)
        self._thread = threading.Thread(target=self._write, name="recording", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Until the file is written (closing the window)."""
        if self._thread is not None:
            self._thread.join()

    def _write(self) -> None:          # on the writing thread: no widget is touched
        try:
            text = f"Recorded {self.writer.close()} frames to {self.writer.path}"
        except ConfigError as e:
            text = str(e)
        self._written.emit(text)

    @QtCore.Slot(str)
    def _done(self, text: str) -> None:
        self.finished.emit(text)


class RecordingMark(QtWidgets.QWidget):
    """"● recording  42 frames  [Stop]" for the status bar while a Recorder runs."""

    def __init__(self, recorder: Recorder, parent=None):
        super().__init__(parent)
        self.label = QtWidgets.QLabel(objectName="recordingMark")
        self.label.setStyleSheet("color: #ff4b4b; font-weight: bold;")
        self.stop_button = QtWidgets.QPushButton("Stop recording")
        self.stop_button.setFocusPolicy(QtCore.Qt.NoFocus)     # the keys stay with the run
        self.stop_button.clicked.connect(recorder.stop)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.stop_button)
        recorder.frame_taken.connect(self.show_count)
        recorder.writing.connect(self.show_writing)
        self.show_count(0)

    def show_count(self, n: int) -> None:
        self.label.setText(f"● recording  {n} frames")

    def show_writing(self, path: str) -> None:
        self.label.setText(f"● writing {Path(path).name}…")
        self.stop_button.setEnabled(False)
