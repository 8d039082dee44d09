"""The two modes (network training, landscape race) behind one run bar.

The run bar's play/step/epoch/reset/speed go to the visible mode; switching pauses the other.
Each mode keeps its own speed: the network trains at full speed by default, the race at a
pace a class can follow.
"""
from __future__ import annotations

import math

NETWORK, LANDSCAPE = 0, 1
DEFAULT_SPEEDS = {NETWORK: math.inf, LANDSCAPE: 50.0}


class ModeRouter:
    """Routes the run bar to the active mode; builds the Landscape mode when first shown."""

    def __init__(self, window):
        self.window = window
        self.landscape = None
        self.speeds = dict(DEFAULT_SPEEDS)
        window.tabs.currentChanged.connect(self._changed)

    @property
    def in_landscape(self) -> bool:
        return self.window.tabs.currentIndex() == LANDSCAPE

    def toggle_play(self) -> None:
        c = self.window.controller
        if self.in_landscape:
            self.landscape.toggle_play()
        elif c.running:
            c.pause()
        else:
            c.play()

    def step(self) -> None:
        if self.in_landscape:
            self.landscape.step_once()
        else:
            self.window.controller.step()

    def step_epoch(self) -> None:
        if not self.in_landscape:
            self.window.controller.step_epoch()

    def reset(self) -> None:
        if self.in_landscape:
            self.landscape.reset()
        else:
            self.window.restart()

    def set_speed(self, steps_per_second: float) -> None:
        mode = LANDSCAPE if self.in_landscape else NETWORK
        self.speeds[mode] = steps_per_second
        if mode == LANDSCAPE:
            self.landscape.set_speed(None if math.isinf(steps_per_second) else steps_per_second)
        else:
            self.window.controller.set_speed(steps_per_second)

    def network_state_changed(self, event) -> None:
        self.show_network_running(event.running)

    def show_network_running(self, running: bool) -> None:
        """The run bar shows network training's state, unless it is showing the race."""
        if not self.in_landscape:
            self.window.training_panel.set_running(running)

    def _changed(self, index: int) -> None:
        w = self.window
        if index == LANDSCAPE and self.landscape is None:
            self._build_landscape()
        if index == LANDSCAPE:
            w.controller.pause()
        elif self.landscape is not None:
            self.landscape.pause()
        panel = w.training_panel
        panel.set_network_mode(index == NETWORK)
        panel.set_speed_value(self.speeds[index])         # applies it to this mode
        panel.set_running(self.landscape.is_playing if index == LANDSCAPE
                          else w.controller.running)
        if index == NETWORK:
            w._show_status()

    def _build_landscape(self) -> None:
        from gui.landscape import LandscapeMode
        tabs = self.window.tabs
        self.landscape = LandscapeMode()
        self.landscape.status_changed.connect(self._landscape_status)
        self.landscape.playing_changed.connect(self._landscape_playing)
        tabs.blockSignals(True)
        tabs.removeTab(LANDSCAPE)
        tabs.insertTab(LANDSCAPE, self.landscape, "Landscape")
        tabs.setCurrentIndex(LANDSCAPE)
        tabs.blockSignals(False)

    def _landscape_playing(self, playing: bool) -> None:
        if self.in_landscape:
            self.window.training_panel.set_running(playing)

    def _landscape_status(self, text: str) -> None:
        if self.in_landscape:
            self.window.status.setText(text)
