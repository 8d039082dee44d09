"""One run bar, two modes: play/step/reset/speed go to the mode on screen."""
from __future__ import annotations

import math

from tests.gui.helpers import wait_until


def test_landscape_mode_is_built_on_first_visit_and_pauses_training(window):
    assert window.modes.landscape is None
    window.network.session.controller.play()
    assert wait_until(lambda: len(window.network.session.history) > 5, 5)
    window.set_mode(1)
    assert window.modes.landscape is not None and window.tabs.currentWidget() is window.modes.landscape
    assert wait_until(lambda: not window.network.session.controller.running, 3)
    assert not window.run_bar.epoch.isEnabled()


def test_run_bar_drives_the_race_in_landscape_mode(window):
    window.set_mode(1)
    race = window.modes.landscape.race
    window.modes.step()
    window.modes.step()
    assert window.modes.landscape.race.step_count == 2 and len(window.network.session.history) == 0
    window.modes.toggle_play()
    assert window.modes.landscape.is_playing and window.run_bar.play.text() == "❚❚ Pause"
    assert wait_until(lambda: race.step_count > 4, 5)
    window.modes.toggle_play()
    assert not window.modes.landscape.is_playing and window.run_bar.play.text() == "▶ Play"
    window.modes.reset()
    assert window.modes.landscape.race.step_count == 0


def test_each_mode_keeps_its_own_speed(window):
    assert math.isinf(window.run_bar.steps_per_second)
    window.set_mode(1)
    assert window.run_bar.steps_per_second == 50 and window.modes.landscape.speed == 50
    window.run_bar.set_speed_value(5)
    assert window.modes.landscape.speed == 5
    window.set_mode(0)
    assert math.isinf(window.run_bar.steps_per_second)
    assert window.run_bar.epoch.isEnabled()
    window.set_mode(1)
    assert window.run_bar.steps_per_second == 5


def test_switching_back_pauses_the_race(window):
    window.set_mode(1)
    window.modes.toggle_play()
    assert window.modes.landscape.is_playing
    window.set_mode(0)
    assert not window.modes.landscape.is_playing
    window.modes.step()
    assert wait_until(lambda: len(window.network.session.history) == 1, 3)


def test_opening_a_configuration_keeps_the_races_play_label(window):
    window.set_mode(1)
    window.modes.toggle_play()
    assert window.modes.landscape.is_playing
    window.network.start_run(window.network.session.config)
    assert window.run_bar.play.text() == "❚❚ Pause"
    window.modes.toggle_play()
    assert not window.modes.landscape.is_playing and window.run_bar.play.text() == "▶ Play"
