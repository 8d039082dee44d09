"""What the run bar asks of the network tab: play, pause, step, an epoch, reset, the speed.

The same interface as the landscape mode's (gui/modes.py routes the run bar to the shown
mode). A mixin of NetworkMode: it drives the tab's RunSession controller and says on
`playing_changed` whether the run now plays.
"""
from __future__ import annotations

import math


class RunBarControls:
    """Run-bar methods of a mode with `session`, `playing_changed`, `start_run`, `_speed`."""

    @property
    def is_playing(self) -> bool:
        """Playing (not a single step or epoch that is still running)."""
        return self.session.controller.playing

    def play(self) -> None:
        self.session.controller.play()
        self.playing_changed.emit(True)

    def pause(self) -> None:
        self.session.controller.pause()

    def toggle_play(self) -> None:
        self.pause() if self.is_playing else self.play()

    def step_once(self) -> None:
        """One update on one batch (a run that was playing stops after it)."""
        self.session.controller.step()
        self.playing_changed.emit(False)

    def step_epoch(self) -> None:
        """Updates until every training point was used once."""
        self.session.controller.step_epoch()
        self.playing_changed.emit(False)

    def reset(self) -> None:
        """Fresh weights and empty plots; the data (with any points clicked in) stays."""
        self.start_run(self.session.config, self.session.dataset)

    def set_speed(self, steps_per_second: float | None) -> None:
        """Steps per second while playing; None = as fast as possible."""
        if steps_per_second is not None and not steps_per_second > 0:
            raise ValueError(f"steps_per_second must be > 0 or None, got {steps_per_second}")
        self._speed = steps_per_second
        self.session.controller.set_speed(math.inf if steps_per_second is None
                                          else steps_per_second)

    @property
    def speed(self) -> float | None:
        return self._speed
