"""Load CSV: the file is parsed on a worker thread (progress bar, Cancel), then a small dialog
shows its first rows and lets the lecturer choose the target column and the task."""
from __future__ import annotations

import threading

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.csv_loader import LoadCancelled, check_task, guess_task, load_table
from engine.errors import ConfigError
from gui.theme import WARNING

PREVIEW_ROWS = 6
TASK_TITLES = {"regression": "Regression: predict a number",
               "binary": "Two classes",
               "multiclass": "Several classes"}
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
DECIMAL_NAMES = {".": "decimal dots", ",": "decimal commas"}


class CsvLoader(QtCore.QObject):
    """Reads one file with engine.csv_loader.load_table; lives on its own QThread."""

    progressed = QtCore.Signal(float)    # share of the file read, 0..1
    loaded = QtCore.Signal(object)       # the CsvTable
    failed = QtCore.Signal(str)          # one clear message
    cancelled = QtCore.Signal()

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self._stop = threading.Event()

    def stop(self) -> None:
        """Thread-safe: reading stops at the next block of rows."""
        self._stop.set()

    @QtCore.Slot()
    def run(self) -> None:
        try:
            table = load_table(self.path, progress=self._progress)
        except LoadCancelled:
            self.cancelled.emit()
        except ConfigError as err:
            self.failed.emit(str(err))
        except MemoryError:
            self.failed.emit(f"{self.path} is too large for this computer's memory")
        else:
            self.loaded.emit(table)

    def _progress(self, share: float) -> bool:
        self.progressed.emit(share)
        return not self._stop.is_set()


class CsvImportDialog(QtWidgets.QDialog):
    """Emits `chosen` with the data overrides when OK is pressed on a file that loaded."""

    chosen = QtCore.Signal(dict)

    def __init__(self, path: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Load a CSV data set")
        self.path, self.table = path, None
        self.status = QtWidgets.QLabel(f"Reading {path} …", wordWrap=True)
        self.progress = QtWidgets.QProgressBar(maximum=1000)
        self.preview = QtWidgets.QTableWidget(0, 0)
        self.preview.setEditTriggers(QtWidgets.QAbstractItemView.NoEditTriggers)
        self.target = QtWidgets.QComboBox()
        self.task = QtWidgets.QComboBox()
        for task, title in TASK_TITLES.items():
            self.task.addItem(title, task)
        self.guess = QtWidgets.QLabel(objectName="hint", wordWrap=True)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.Ok | QtWidgets.QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self._set_loaded(False)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.resize(760, 420)
        self._start(path)

    def _lay_out(self) -> None:
        form = QtWidgets.QFormLayout()
        form.addRow("Target column", self.target)
        form.addRow("Task", self.task)
        form.addRow(self.guess)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.preview, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _start(self, path: str) -> None:
        self.thread = QtCore.QThread()
        self.loader = CsvLoader(path)
        self.loader.moveToThread(self.thread)
        self.thread.started.connect(self.loader.run)
        queued = QtCore.Qt.QueuedConnection     # run in the GUI thread, never in the loader's
        self.loader.progressed.connect(self._progressed, queued)
        self.loader.loaded.connect(self._loaded, queued)
        self.loader.failed.connect(self._failed, queued)
        for done in (self.loader.loaded, self.loader.failed, self.loader.cancelled):
            done.connect(self.thread.quit)
        self.thread.start()

    def showEvent(self, event) -> None:
        """Open centred over the main window, whatever the window manager would choose."""
        super().showEvent(event)
        if self.parentWidget() is not None:
            host = self.parentWidget().window().frameGeometry()
            self.move(host.center() - self.rect().center())

    def done(self, result: int) -> None:
        """OK, Cancel or closing: stop the reading and wait for the thread first."""
        self.loader.stop()
        self.thread.quit()
        self.thread.wait()
        super().done(result)

    @QtCore.Slot(float)
    def _progressed(self, share: float) -> None:
        self.progress.setValue(round(share * 1000))

    def _set_loaded(self, loaded: bool) -> None:
        for widget in (self.preview, self.target, self.task):
            widget.setEnabled(loaded)
        self.buttons.button(QtWidgets.QDialogButtonBox.Ok).setEnabled(loaded)

    @QtCore.Slot(str)
    def _failed(self, message: str) -> None:
        """A bad file: its one message, and only Close to press."""
        self.progress.hide()
        self.preview.hide()
        self.status.setText(message)
        self.status.setStyleSheet(f"color: {WARNING}")
        self.buttons.button(QtWidgets.QDialogButtonBox.Cancel).setText("Close")

    @QtCore.Slot(object)
    def _loaded(self, table) -> None:
        self.table = table
        self.progress.hide()
        n, k = table.values.shape
        self.status.setText(f"{self.path}: {n} rows × {k} columns, separated by "
                            f"{DELIMITER_NAMES[table.delimiter]}, with "
                            f"{DECIMAL_NAMES[table.decimal]}. The first rows:")
        self._fill_preview(table)
        with QtCore.QSignalBlocker(self.target):
            self.target.addItems(list(table.names))
        self.target.setCurrentIndex(k - 1)
        self._target_changed()
        self._set_loaded(True)
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _fill_preview(self, table) -> None:
        rows = table.values[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        self.preview.setColumnCount(rows.shape[1])
        self.preview.setHorizontalHeaderLabels(list(table.names))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                self.preview.setItem(i, j, QtWidgets.QTableWidgetItem(f"{value:g}"))
        self.preview.resizeColumnsToContents()
        header, bar = self.preview.horizontalHeader(), self.preview.horizontalScrollBar()
        rows_height = sum(self.preview.rowHeight(i) for i in range(len(rows)))
        self.preview.setMinimumHeight(header.sizeHint().height() + rows_height + bar.sizeHint()
                                      .height() + 2 * self.preview.frameWidth())

    def _target_changed(self) -> None:
        """Show the guess for this column and choose it."""
        t = self.target.currentIndex()
        values = self.table.values[:, t]
        task = guess_task(values)
        classes = np.unique(values)
        shown = f" ({', '.join(f'{v:g}' for v in classes)})" if len(classes) <= 10 else ""
        self.guess.setText(f"Guess from {_count(len(classes), 'distinct value')}{shown}: "
                           f"{TASK_TITLES[task].lower()}")
        self.task.setCurrentIndex(self.task.findData(task))
        self.preview.selectColumn(t)

    def overrides(self) -> dict:
        """The data settings for the chosen target column and task."""
        t = self.target.currentIndex()
        names = self.table.names
        column = names[t] if self.table.header and names.count(names[t]) == 1 else t
        return {"data.dataset": "csv", "data.csv_path": self.path, "data.target_column": column,
                "data.csv_task": self.task.currentData(), "data.features": ["x1"]}

    def _accept(self) -> None:
        """Refuse a task the target cannot be (e.g. two classes for 5 values), else emit."""
        try:
            check_task(self.table.values[:, self.target.currentIndex()], self.task.currentData())
        except ConfigError as err:
            self.guess.setText(str(err))
            return
        overrides = self.overrides()
        self.accept()
        self.chosen.emit(overrides)


def _count(n: int, noun: str) -> str:
    """'1 distinct value', '2 distinct values'."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
