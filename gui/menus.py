"""The menu bar: File, Edit, Lessons, View and Help; each action calls the window or a mode."""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from gui import experiment_actions, exports, file_actions, presentation
from gui.compare import dialog as compare_dialog
from gui.lr_finder_dialog import find_from_window
from gui.recording import dialog as record_dialog


def _action(menu, text: str, slot, shortcut: str = "", tip: str = "", checkable=False):
    action = menu.addAction(text)
    if shortcut:
        action.setShortcut(QtGui.QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    return action


def build_menus(window, lessons_menu: QtWidgets.QMenu) -> dict[str, QtGui.QAction]:
    """Create the window's menus (with its Lessons menu); returns the actions by a short
    name (tests use them)."""
    bar, network = window.menuBar(), window.network
    actions = {}
    file = bar.addMenu("&File")
    file.setToolTipsVisible(True)         # a disabled action says why (gui/compare)
    actions["open"] = _action(file, "Open configuration…", lambda: file_actions.open_config(
        network), "Ctrl+O", "Load a run configuration (JSON)")
    actions["save"] = _action(file, "Save configuration…", lambda: file_actions.save_config(
        network), "Ctrl+S", "Save this run's configuration (JSON)")
    xp = experiment_actions
    actions["save_experiment"] = _action(file, "Save experiment…", lambda: xp.save_experiment(
        network), tip="The whole run in one .dlab file: weights, optimizer, data, history, view")
    actions["open_experiment"] = _action(file, "Open experiment…", lambda: xp.open_experiment(
        network), tip="Reopen a .dlab file with its curves and continue it exactly")
    file.addSeparator()
    actions["history"] = _action(file, "Export history (CSV)…",
                                 lambda: file_actions.export_history(network))
    actions["torch"] = _action(file, "Export as PyTorch script…",
                               lambda: file_actions.export_torch(network),
                               tip="A script that reproduces this run step for step in PyTorch")
    actions["export_all"] = _action(file, "Export all views…", lambda: exports.export_all_dialog(
        window), tip="Every plot and view as PNG, SVG and CSV into one folder")
    actions["record"] = _action(file, "Record…", lambda: record_dialog.open_dialog(window),
                                tip="Record the window or one view as a GIF or MP4")
    file.addSeparator()
    actions["find_lr"] = _action(file, "Find a learning rate…", lambda: find_from_window(window),
                                 "Ctrl+L", "Learning-rate range test on a copy of the network")
    file.addSeparator()
    actions["quit"] = _action(file, "Quit", window.close, "Ctrl+Q")

    edit = bar.addMenu("&Edit")
    actions["undo"] = _action(edit, "Undo", window.undo_run, "Ctrl+Z",
                              "Back to the run the last change replaced, with its weights "
                              "and curves")
    run = bar.addMenu("&Run")
    actions["compare"] = _action(run, "Compare with…", lambda: compare_dialog.open_dialog(
        window), "C", "The current run beside up to five variants, on the same data and the "
        "same initial weights")
    bar.addMenu(lessons_menu)
    _lesson_keys(window, lessons_menu, actions)

    view = bar.addMenu("&View")
    actions["network"] = _action(view, "Network training", lambda: window.set_mode(0),
                                 "F2")
    actions["landscape"] = _action(view, "Loss landscape race", lambda: window.set_mode(1),
                                   "F3")
    view.addSeparator()
    actions["caption"] = _action(view, "Lesson caption", window.set_caption_visible, "H",
                                 checkable=True)
    actions["test_points"] = _action(view, "Test points", network.data_view.set_show_test, "T",
                                     checkable=True)
    actions["test_points"].setChecked(True)
    actions["presentation"] = _action(view, "Presentation mode (full screen)",
                                      window.presentation.toggle, "F11")
    actions.update(presentation.add_view_actions(window, view))
    help_menu = bar.addMenu("&Help")
    actions["keys"] = _action(help_menu, "Keyboard shortcuts", lambda: toggle_keys(window),
                              "F1")
    return actions


def _lesson_keys(window, lessons_menu, actions) -> None:
    """Below the lessons: the picker (L) and the clicker's next / previous lesson."""
    lessons_menu.addSeparator()
    actions["pick_lesson"] = _action(lessons_menu, "Choose a lesson…", window.pick_lesson,
                                     "L", "Every lesson in a numbered list")
    actions["next_lesson"] = _action(lessons_menu, "Next lesson", lambda: window.next_lesson(1),
                                     "PgDown", "A presenter's clicker sends Page Down")
    actions["previous_lesson"] = _action(lessons_menu, "Previous lesson",
                                         lambda: window.next_lesson(-1), "PgUp")


# The F1 table (and the README's "Keys" table says the same).
KEYS = (("Space", "play / pause"), ("→", "one step (one batch)"), ("E", "one epoch"),
        ("R", "reset"), ("Ctrl+Z", "undo: back to the run a change replaced"),
        ("Page Down / Page Up", "next / previous lesson (a presenter's clicker)"),
        ("L", "choose a lesson from the list"), ("Ctrl+1…9", "lessons 1 to 9"),
        ("H", "lesson caption"), ("T", "test points in the data view"),
        ("F1", "these keys"), ("F2 / F3", "network / landscape mode"),
        ("F11", "presentation mode (Esc leaves it)"),
        ("Ctrl+O / Ctrl+S", "open / save a configuration"),
        ("Ctrl+L", "find a learning rate (range test)"),
        ("C", "compare with… (side-by-side runs)"), ("Ctrl+Q", "quit"))


def toggle_keys(window) -> QtWidgets.QMessageBox:
    """Show the keys (F1), or hide them when they are showing; the window keeps the
    focus, so every key still works while they show."""
    box = window.findChild(QtWidgets.QMessageBox, "keysHelp")
    if box is not None and box.isVisible():
        box.hide()
        return box
    if box is None:
        rows = "".join(f"<tr><td nowrap><b>{k}</b></td><td nowrap>&nbsp;&nbsp;{v}</td></tr>"
                       for k, v in KEYS)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Information, "Keyboard shortcuts",
                                    f"<table>{rows}</table>", QtWidgets.QMessageBox.Close,
                                    window)
        box.setObjectName("keysHelp")
        box.setModal(False)
        box.setAttribute(QtCore.Qt.WA_ShowWithoutActivating)   # the keys stay the window's
    box.show()
    window.activateWindow()
    return box
