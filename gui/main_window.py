"""The main window: builds the menus, the run bar, the status line and the two modes, and
connects them. Everything about a run lives in the network mode (gui/network/)."""
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from engine import presets
from gui import layout
from gui.keys import FieldKeys
from gui.lessons import CaptionBar, LessonsMenu, PresentationMode
from gui.loss_explorer import LossExplorer
from gui.menus import build_menus
from gui.modes import NETWORK, ModeRouter
from gui.network import NetworkMode
from gui.run_bar import RunBar

NOTE_MS = 6000                # how long a passing remark stays in the status bar


class MainWindow(QtWidgets.QMainWindow):
    """The run bar above two modes (network training, landscape race); wiring only."""

    def __init__(self, config, title: str = "", lesson: str | None = None):
        super().__init__()
        self._set_title(title)
        self.run_bar = RunBar()
        self.caption = CaptionBar()
        self.network = NetworkMode(config, title)
        self.tabs = QtWidgets.QTabWidget(documentMode=True)
        self.tabs.addTab(self.network, "Network")
        self.tabs.addTab(QtWidgets.QWidget(), "Landscape")   # filled when first shown
        self.tabs.addTab(LossExplorer(self.network), "Losses")   # drives the network's run
        self.setCentralWidget(layout.window_column(self.run_bar, self.caption,
                                                   self.tabs))
        self.status = QtWidgets.QLabel(objectName="status")
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
        self.caption.setVisible(False)
        if lesson:
            self.show_caption(lesson)
        self.network.show_config()          # the run bar's seed
        self.network.show_status()
        self.restore_state()

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
        """Load preset `name` as a new run, with its caption; back to the network mode."""
        self.set_mode(NETWORK)
        if not self.network.start_run(presets.load(name), title=presets.info(name).title):
            return False
        self.show_caption(name)
        return True

    def set_mode(self, index: int) -> None:
        """0: network training, 1: the loss-landscape race."""
        self.tabs.setCurrentIndex(index)

    # ---- captions and title ----
    def show_caption(self, lesson: str) -> None:
        self.caption.show_lesson(lesson)
        self.actions["caption"].setChecked(self.caption.isVisible())

    def set_caption_visible(self, visible: bool) -> None:
        self.caption.setVisible(visible and bool(self.caption.text.text()))

    def _set_title(self, title: str) -> None:
        self.setWindowTitle(f"Descent Lab — {title}" if title else "Descent Lab")

    # ---- window state ----
    def save_state(self) -> None:
        self.network.save_state(QtCore.QSettings("DescentLab", "DescentLab"))

    def restore_state(self) -> None:
        self.network.restore_state(QtCore.QSettings("DescentLab", "DescentLab"))

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
        self.save_state()
        self.network.shutdown()
        super().closeEvent(event)

