"""File → Record…: choose what to record (window or one view), the file (.gif or .mp4), the
frame rate and the width; then record until Stop, with the mark in the status bar."""
from __future__ import annotations

from PySide6 import QtWidgets

from engine.errors import ConfigError
from gui.recording import frames
from gui.recording.recorder import VIEWS, Recorder, RecordingMark, view_widget

DEFAULT_FPS, DEFAULT_WIDTH = 10, 1280
WIDTHS = (320, 3840)


class RecordDialog(QtWidgets.QDialog):
    """The choices of one recording; `choice()` returns them after Start."""

    def __init__(self, parent=None, path: str = "recording.gif"):
        super().__init__(parent)
        self.setWindowTitle("Record")
        self.view = QtWidgets.QComboBox()
        for name, text in VIEWS.items():
            self.view.addItem(text, name)
        self.path = QtWidgets.QLineEdit(path)
        browse = QtWidgets.QPushButton("Browse…", clicked=self._browse)
        file_row = QtWidgets.QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.fps = QtWidgets.QSpinBox(minimum=int(frames.FPS_RANGE[0]),
                                      maximum=int(frames.FPS_RANGE[1]), value=DEFAULT_FPS,
                                      suffix=" frames/s")
        self.width = QtWidgets.QSpinBox(minimum=WIDTHS[0], maximum=WIDTHS[1],
                                        value=DEFAULT_WIDTH, suffix=" px wide", singleStep=80)
        form = QtWidgets.QFormLayout(self)
        form.addRow("Record", self.view)
        form.addRow("To file (.gif or .mp4)", file_row)
        form.addRow("Frame rate", self.fps)
        form.addRow("Size", self.width)
        form.addRow(QtWidgets.QLabel("Frames are taken while the window draws; press "
                                     "Stop recording in the status bar to write the file."))
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Cancel)
        buttons.addButton("Start recording", QtWidgets.QDialogButtonBox.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> dict:
        return {"view": self.view.currentData(), "path": self.path.text().strip(),
                "fps": self.fps.value(), "width": self.width.value()}

    def _browse(self) -> None:
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Record to", self.path.text(), "Animated GIF (*.gif);;MP4 video (*.mp4)")
        if path:
            self.path.setText(path)


def open_dialog(window) -> Recorder | None:
    """File → Record…: ask, then start (a second Record… while recording stops the first)."""
    dialog = RecordDialog(window)
    if dialog.exec() != QtWidgets.QDialog.Accepted:
        return None
    return start_recording(window, **dialog.choice())


def start_recording(window, view: str, path: str, fps: float, width: int) -> Recorder | None:
    """Record `view` of `window` to `path`; a bad choice or a missing library is one
    message and nothing starts."""
    stop_recording(window)
    try:
        frames.check_path(path, "Record to")
        frames.check_fps(fps, "Frame rate")
    except ConfigError as err:
        QtWidgets.QMessageBox.warning(window, "Cannot record", str(err))
        return None
    if (missing := frames.missing_library(path)) is not None:
        QtWidgets.QMessageBox.warning(window, "Cannot record", missing[0].upper() + missing[1:])
        return None
    recorder = Recorder(view_widget(window, view), window.network.timer, path, fps, width,
                        window)
    mark = RecordingMark(recorder)
    window.statusBar().addPermanentWidget(mark)
    recorder.finished.connect(lambda text: _finished(window, mark, text))
    window.recorder = recorder
    window.installEventFilter(recorder)          # closing the window writes the file
    recorder.grab()                     # the first frame: what the class sees now
    return recorder


def stop_recording(window) -> None:
    recorder = getattr(window, "recorder", None)
    if recorder is not None:
        recorder.stop()


def _finished(window, mark, text: str) -> None:
    window.statusBar().removeWidget(mark)
    mark.deleteLater()
    window.recorder = None
    window.network.show_note(text)
