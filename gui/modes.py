"""The two modes (network training, landscape race) behind one run bar.

Both modes have one interface: play/pause/toggle_play/step_once/reset/set_speed, `speed`
and `is_playing`, and the signals playing_changed / status_changed; a mode that counts epochs
also has step_epoch. The router sends the run bar's commands to the mode on screen, shows that
mode's state on the run bar and its status in the status line (a gui.status.StatusLine,
which rewrites it at a readable rate), and pauses the other one.
Each mode keeps its own speed: the network trains at full speed by default, the race at a
pace a class can follow.
"""
from __future__ import annotations

import math

NETWORK, LANDSCAPE = 0, 1


class ModeRouter:
    """Routes the run bar to the active mode; builds the Landscape mode when first shown."""

    def __init__(self, tabs, run_bar, status, network):
        self.tabs, self.run_bar, self.status = tabs, run_bar, status
        self.network = network
        self.landscape = None
        self._status: dict[int, str] = {}       # each mode's newest status text
        self._attach(NETWORK, network)
        tabs.currentChanged.connect(self._changed)

    @property
    def index(self) -> int:
        """The mode on screen: the landscape, or the network (its tab or a tab showing its
        run, like Losses)."""
        return LANDSCAPE if self.tabs.currentIndex() == LANDSCAPE else NETWORK

    @property
    def current(self):
        """The mode on screen (while the network compares runs: its comparison, which drives
        every run)."""
        if self.index == LANDSCAPE:
            return self.landscape
        return getattr(self.network, "compare", None) or self.network

    def toggle_play(self) -> None:
        self.current.toggle_play()

    def step(self) -> None:
        self.current.step_once()

    def step_epoch(self) -> None:
        if _has_epochs(self.current):
            self.current.step_epoch()

    def reset(self) -> None:
        self.current.reset()

    def set_speed(self, steps_per_second: float) -> None:
        """The run bar's speed (inf: as fast as possible) for the mode on screen."""
        self.current.set_speed(None if math.isinf(steps_per_second) else steps_per_second)

    def _attach(self, index: int, mode) -> None:
        mode.playing_changed.connect(lambda playing: self._playing_changed(index, playing))
        mode.status_changed.connect(lambda text: self._status_changed(index, text))

    def _playing_changed(self, index: int, playing: bool) -> None:
        if index == self.index:
            self.run_bar.set_running(playing)

    def _status_changed(self, index: int, text: str) -> None:
        self._status[index] = text
        if index == self.index:
            self.status.post(text)

    def _changed(self, index: int) -> None:
        if index == LANDSCAPE and self.landscape is None:
            self._build_landscape()
        mode = self.current
        shown = self.landscape if self.index == LANDSCAPE else self.network
        for other in (self.network, self.landscape):      # the network pauses every run
            if other is not None and other is not shown:
                other.pause()
        self.run_bar.set_has_epochs(_has_epochs(mode))
        speed = mode.speed
        self.run_bar.set_speed_value(math.inf if speed is None else speed)   # applies it
        self.run_bar.set_running(mode.is_playing)
        self.status.show_now(self._status.get(self.index, ""))     # never the other mode's

    def _build_landscape(self) -> None:
        from gui.landscape import LandscapeMode
        self.landscape = LandscapeMode()          # at its own default speed
        self._attach(LANDSCAPE, self.landscape)
        self.landscape.show_status()
        tabs = self.tabs
        tabs.blockSignals(True)
        tabs.removeTab(LANDSCAPE)
        tabs.insertTab(LANDSCAPE, self.landscape, "Landscape")
        tabs.setCurrentIndex(LANDSCAPE)
        tabs.blockSignals(False)


def _has_epochs(mode) -> bool:
    """Epochs and the seed belong to network training; the landscape race has neither."""
    return hasattr(mode, "step_epoch")
