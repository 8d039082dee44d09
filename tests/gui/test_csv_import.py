"""Tests for gui.csv_import: Load CSV parses off the GUI thread, then target and task are chosen."""
from __future__ import annotations

import threading

from PySide6 import QtCore, QtWidgets

from gui import csv_import
from tests.gui.helpers import wait_until

OK, CANCEL = QtWidgets.QDialogButtonBox.Ok, QtWidgets.QDialogButtonBox.Cancel


def open_import(qtbot, window, monkeypatch, path):
    """Press Load CSV… as a person would, answering the file dialog with `path`."""
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(path), "CSV files (*.csv *.txt)"))
    panel = window.network.data_panel
    qtbot.mouseClick(panel.load, QtCore.Qt.LeftButton)
    dialog = panel.import_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def loaded(dialog):
    assert wait_until(lambda: dialog.table is not None, 10)
    return dialog


def press(qtbot, dialog, which):
    qtbot.mouseClick(dialog.buttons.button(which), QtCore.Qt.LeftButton)


def axis_titles(window):
    plot = window.network.data_view.plot
    return plot.getAxis("bottom").labelText, plot.getAxis("left").labelText


def test_semicolon_file_preview_default_target_guess_and_ok(qtbot, window, monkeypatch,
                                                            tmp_path):
    path = tmp_path / "europa.csv"
    rows = "".join(f"{i},5;{(i * 7) % 10},25;{1 + i % 2}\n" for i in range(20))
    path.write_text("Länge;Breite;Sorte\n" + rows, encoding="utf-8")
    dialog = loaded(open_import(qtbot, window, monkeypatch, path))
    assert "20 rows × 3 columns, separated by semicolons, with decimal commas" in \
        dialog.status.text()
    assert dialog.preview.rowCount() == 6 and dialog.preview.columnCount() == 3
    assert [dialog.preview.horizontalHeaderItem(j).text() for j in range(3)] == \
        ["Länge", "Breite", "Sorte"]
    assert dialog.preview.item(1, 0).text() == "1.5" and dialog.preview.item(1, 1).text() == "7.25"
    assert dialog.target.currentText() == "Sorte"                        # default: the last
    assert dialog.task.currentData() == "binary"                         # labels 1/2: classes
    assert "Guess from 2 distinct values (1, 2): two classes" in dialog.guess.text()
    press(qtbot, dialog, OK)
    session = window.network.session
    assert (session.config.data.csv_task, session.config.data.target_column) == \
        ("binary", "Sorte")
    assert session.dataset.task == "binary" and session.config.loss.name == "bce"
    assert sorted(set(session.dataset.y_train[:, 0])) == [0.0, 1.0]
    assert axis_titles(window) == ("Länge", "Breite")


def test_choose_another_target_column_and_the_task(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "ramp.csv"
    path.write_text("label,x\n" + "".join(f"{1 + i % 2},{i / 4}\n" for i in range(30)))
    dialog = loaded(open_import(qtbot, window, monkeypatch, path))
    assert dialog.target.currentText() == "x" and dialog.task.currentData() == "regression"
    dialog.target.setCurrentIndex(dialog.target.findText("label"))
    assert dialog.task.currentData() == "binary"                         # the guess follows
    dialog.task.setCurrentIndex(dialog.task.findData("multiclass"))      # said: several classes
    press(qtbot, dialog, OK)
    session = window.network.session
    assert session.dataset.task == "multiclass" and session.dataset.n_classes == 2
    assert session.config.loss.name == "ce"
    assert axis_titles(window) == ("x", "label")          # 1 input: x and the target


def test_a_task_the_target_cannot_be_is_refused_and_the_dialog_stays(qtbot, window,
                                                                     monkeypatch, tmp_path):
    path = tmp_path / "five.csv"
    path.write_text("x,y\n" + "".join(f"{i},{i % 5}\n" for i in range(10)))
    before = window.network.session.config
    dialog = loaded(open_import(qtbot, window, monkeypatch, path))
    dialog.task.setCurrentIndex(dialog.task.findData("binary"))
    press(qtbot, dialog, OK)
    assert dialog.isVisible()
    assert "a target column with 2 to 2 distinct values (found 5)" in dialog.guess.text()
    assert window.network.session.config is before
    press(qtbot, dialog, CANCEL)
    assert not dialog.isVisible() and window.network.session.config is before


def test_a_bad_file_shows_one_message_and_nothing_changes(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('a,b\n1,2\n"1\n2",3\n')
    before = window.network.session.config
    dialog = open_import(qtbot, window, monkeypatch, path)
    assert wait_until(lambda: "is not a number" in dialog.status.text(), 10)
    assert "row 3, column 1 ('a'): '1\\n2' is not a number" in dialog.status.text()
    assert not dialog.buttons.button(OK).isEnabled()
    assert dialog.buttons.button(CANCEL).text() == "Close"
    press(qtbot, dialog, CANCEL)
    assert window.network.session.config is before
    assert window.network.data_panel.dataset_name == before.data.dataset
    assert not QtWidgets.QApplication.activeModalWidget()               # no second message


def test_cancel_while_a_large_file_is_read_stops_the_thread(qtbot, window, monkeypatch,
                                                          tmp_path):
    path = tmp_path / "large.csv"
    path.write_text("a,b,c,y\n" + "0.25,1.5,2.75,1\n" * 90_000)
    gate, shares, real = threading.Event(), [], csv_import.load_table

    def held_at_the_second_block(path, progress):
        def progress_held(share):
            shares.append(share)
            if len(shares) == 2:
                gate.wait(10)                  # the worker waits here until Cancel stops it
            return progress(share)
        return real(path, progress=progress_held)

    monkeypatch.setattr(csv_import, "load_table", held_at_the_second_block)
    before = window.network.session.config
    dialog = open_import(qtbot, window, monkeypatch, path)
    cancelled = []
    dialog.loader.cancelled.connect(lambda: cancelled.append(True), QtCore.Qt.DirectConnection)
    assert wait_until(lambda: len(shares) == 2 and dialog.progress.value() > 0, 10)
    assert dialog.isVisible() and dialog.table is None
    stop = dialog.loader.stop
    monkeypatch.setattr(dialog.loader, "stop", lambda: (stop(), gate.set()))  # then let it on
    press(qtbot, dialog, CANCEL)
    assert cancelled == [True] and len(shares) == 2 and 0 < shares[1] < 0.2
    assert not dialog.thread.isRunning() and not dialog.isVisible()
    assert window.network.session.config is before


def test_escape_cancels_the_dialog(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("x,y\n1,2\n3,4\n")
    before = window.network.session.config
    dialog = loaded(open_import(qtbot, window, monkeypatch, path))
    dialog.activateWindow()
    dialog.target.setFocus()
    assert wait_until(lambda: QtWidgets.QApplication.focusWidget() is dialog.target)
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key_Escape)
    assert not dialog.isVisible() and window.network.session.config is before


def test_progress_reaches_the_bar_on_the_gui_thread_only(qtbot, window, monkeypatch, tmp_path):
    """A widget touched from the worker thread crashes Qt: progress must be queued."""
    path = tmp_path / "rows.csv"
    path.write_text("a,b\n" + "1,2\n" * 20_000)
    dialog = open_import(qtbot, window, monkeypatch, path)
    threads, values, set_value = [], [], dialog.progress.setValue

    def recording(value):
        threads.append(QtCore.QThread.currentThread() is QtWidgets.QApplication.instance()
                       .thread())
        values.append(value)
        set_value(value)

    dialog.progress.setValue = recording        # queued calls arrive when events are processed
    loaded(dialog)
    assert wait_until(lambda: len(threads) == 5)       # 20,000 rows: 5 blocks of 4,096
    assert threads == [True] * 5 and values == sorted(values) and values[-1] > 750
