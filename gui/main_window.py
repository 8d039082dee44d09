"""The main window: builds the menus, the run bar, the status line and the two modes, and
connects them. Everything about a run lives in the network mode (gui/network/)."""
from __future__ import annotations

import math

from PySide6 import QtCore, QtGui, QtWidgets

from engine import presets
from gui import compare, layout, window_state
from gui.keys import FieldKeys
from gui.lesson_picker import LessonPicker, neighbour
from gui.lessons import CaptionBar, LessonsMenu, PresentationMode
from gui.loss_explorer import LossExplorer
from gui.menus import build_menus
from gui.modes import NETWORK, ModeRouter
from gui.network import NetworkMode
from gui.run_bar import RunBar
from gui.status import StatusLine

NOTE_MS = 6000                # how long a passing remark stays in the status bar


class MainWindow(QtWidgets.QMainWindow):
    """The run bar above two modes (network training, landscape race); wiring only."""

    def __init__(self, config, title: str = "", lesson: str | None = None,
                 remember: bool = False, restore_lesson: bool = False):
        """`lesson`: the preset `config` came from (None for a file); `remember`: restore
        the last session's window (else it is sized by whoever made it: tests, tools) and
        save it on closing; `restore_lesson`: reopen its lesson too (a plain start)."""
        super().__init__()
        self.remember = remember
        self._set_title(title)
        self.lesson = lesson
        self.picker = None                    # the open lesson picker, if any
        self.run_bar = RunBar()
        self.caption = CaptionBar()
        self.network = NetworkMode(config, title)
        self.tabs = QtWidgets.QTabWidget(documentMode=True)
        self.tabs.addTab(self.network, "Network")
        self.tabs.addTab(QtWidgets.QWidget(), "Landscape")   # filled when first shown
        self.tabs.addTab(LossExplorer(self.network), "Losses")   # drives the network's run
        self.setCentralWidget(layout.window_column(self.run_bar, self.caption,
                                                   self.tabs))
        self.status = StatusLine()
        self.statusBar().addWidget(self.status, 1)
        self.modes = ModeRouter(self.tabs, self.run_bar, self.status, self.network)
        self._connect()
        self._add_shortcuts()
        self.field_keys = FieldKeys(self.tabs.currentWidget, self)
        self._shown_once = False
        self.presentation = PresentationMode(self)
        self.lessons_menu = LessonsMenu(self)
        self.lessons_menu.lesson_chosen.connect(self.open_lesson)
        self.actions = build_menus(self, self.lessons_menu)
        self.tabs.currentChanged.connect(   # the caption belongs to the network's lesson
            lambda: self.set_caption_visible(self.actions["caption"].isChecked()))
        self.network.undo.changed.connect(self._undo_changed)
        self._undo_changed(self.network.undo.text)
        self.caption.setVisible(False)
        if lesson:
            self.network.lesson = lesson
            self._lesson_started(lesson)
        self.network.lesson_changed.connect(self._lesson_started)
        self.network.show_config()          # the run bar's seed
        self.network.show_status()
        if remember:
            self.restore_state(restore_lesson)

    def _connect(self) -> None:
        bar, modes, network = self.run_bar, self.modes, self.network
        bar.play_clicked.connect(modes.toggle_play)
        bar.step_clicked.connect(modes.step)
        bar.epoch_clicked.connect(modes.step_epoch)
        bar.reset_clicked.connect(modes.reset)
        bar.speed_changed.connect(modes.set_speed)
        bar.changed.connect(network.edit_config)          # the seed
        network.config_shown.connect(lambda config: bar.set_config(config.training))
        network.title_changed.connect(self._set_title)
        network.note_shown.connect(lambda text: self.statusBar().showMessage(text, NOTE_MS))

    def _add_shortcuts(self) -> None:
        keys = {"Space": self.modes.toggle_play, "Right": self.modes.step,
                "E": self.modes.step_epoch, "R": self.modes.reset}
        for key, slot in keys.items():
            shortcut = QtGui.QShortcut(QtGui.QKeySequence(key), self)
            shortcut.setContext(QtCore.Qt.ApplicationShortcut)
            shortcut.activated.connect(slot)

    def open_lesson(self, name: str) -> bool:
        """Load preset `name` as a new run, with its caption; back to the network mode. A
        lesson that compares runs opens them side by side (gui/compare)."""
        self.set_mode(NETWORK)
        if presets.info(name).variants:
            return compare.open_lesson(self, name)
        return self.network.start_run(presets.load(name), title=presets.info(name).title,
                                      lesson=name)

    def _lesson_started(self, name: str) -> None:
        """A lesson's caption and speed; a file's run has neither (the old caption goes)."""
        self.lesson = name or None
        self.show_caption(name)
        if name:
            speed = presets.info(name).speed
            self.run_bar.set_speed_value(math.inf if speed is None else speed)

    # ---- every lesson from the keyboard ----
    def next_lesson(self, offset: int = 1) -> bool:
        """The next (offset 1, Page Down) or previous (-1, Page Up) lesson in the lecture's
        order; at either end it says so and stays."""
        name = neighbour(self.lesson, offset)
        if name is None:
            self.statusBar().showMessage("This is the " + ("last" if offset > 0 else "first")
                                         + " lesson", NOTE_MS)
            return False
        return self.open_lesson(name)

    def pick_lesson(self) -> LessonPicker:
        """The numbered list of every lesson (L); Enter opens the chosen one."""
        if self.picker is not None:
            self.picker.close()
        self.picker = LessonPicker(self.lesson, self)
        self.picker.lesson_chosen.connect(self.open_lesson)
        self.picker.open()
        return self.picker

    # ---- undo ----
    def undo_run(self) -> None:
        """Edit → Undo: back to the run the last new run replaced (and to its lesson)."""
        self.set_mode(NETWORK)
        if self.network.undo_run():
            title = self.network.session.title
            self.lesson = next((n for n in presets.names()
                                if presets.info(n).title == title), None)
            self.network.lesson = self.lesson or ""
            if self.lesson is not None:
                self.show_caption(self.lesson)
            else:
                self.caption.hide()
                self.actions["caption"].setChecked(False)

    def _undo_changed(self, text: str) -> None:
        self.actions["undo"].setEnabled(bool(text))
        self.actions["undo"].setText(text or "Undo")

    def set_mode(self, index: int) -> None:
        """0: network training, 1: the loss-landscape race."""
        self.tabs.setCurrentIndex(index)

    # ---- captions and title ----
    def show_caption(self, lesson: str) -> None:
        self.caption.show_lesson(lesson)
        self.actions["caption"].setChecked(not self.caption.isHidden())   # before show(), too

    def set_caption_visible(self, visible: bool) -> None:
        self.caption.setVisible(visible and bool(self.caption.text.text())
                                and self.tabs.currentIndex() == NETWORK)

    def _set_title(self, title: str) -> None:
        self.setWindowTitle(f"Descent Lab — {title}" if title else "Descent Lab")

    # ---- window state ----
    def save_state(self) -> None:
        window_state.save(self)

    def restore_state(self, lesson: bool = False) -> None:
        """Size, position, splitters and speed of the last session (and its lesson when
        `lesson`); the first start fits the screen."""
        window_state.restore(self, lesson=lesson)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """The first time: the keys go to the mode, not to the first number field (the
        Seed box would take Space)."""
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QtCore.QTimer.singleShot(0, self.network.setFocus)   # once the children show

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.field_keys.stop()
        if self.modes.landscape is not None:
            self.modes.landscape.pause()
        if self.remember:
            self.save_state()
        self.network.shutdown()
        super().closeEvent(event)

