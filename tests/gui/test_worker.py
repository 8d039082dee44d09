"""The training worker and its controller, without the window."""
from __future__ import annotations

import random

import pytest

from engine import presets
from gui.controller import TrainingController
from tests.gui.helpers import spin, wait_until


@pytest.fixture
def controller(qapp):
    c = TrainingController()
    yield c
    assert c.shutdown()
    assert not c.thread.isRunning()


def test_shutdown_while_playing_is_prompt(controller):
    trainer = controller.new_run(presets.load("default"))
    controller.play()
    assert wait_until(lambda: trainer.step_count > 5, 5)
    assert controller.shutdown(2000)


def test_a_faster_speed_applies_at_once_not_after_the_slow_pause(controller):
    """At one step in 1000 s the next step is far away; choosing full speed cuts that wait
    short, so steps come at once."""
    trainer = controller.new_run(presets.load("default"))
    controller.set_speed(0.001)
    controller.play()
    assert wait_until(lambda: trainer.step_count >= 1, 3)
    spin(0.1)
    assert trainer.step_count == 1                     # waiting out the slow pace
    controller.set_speed(float("inf"))
    assert wait_until(lambda: trainer.step_count > 20, 5)
    controller.pause()


def test_random_actions_keep_the_invariants(controller):
    """A few hundred random commands: no errors, steps never go back, no stale records."""
    rng = random.Random(1234)
    base = presets.load("default")
    seen: dict[int, int] = {}
    errors, stale = [], []
    controller.run_failed.connect(errors.append)

    def record(batch):
        if batch.run_id != controller.run_id:
            stale.append(batch)
        assert batch.last.step >= seen.get(batch.run_id, 0)
        seen[batch.run_id] = batch.last.step

    controller.steps_recorded.connect(record)
    trainer = controller.new_run(base)
    for _i in range(300):
        action = rng.choice(["play", "pause", "step", "epoch", "lr", "reset", "config",
                             "speed", "wait"])
        if action == "play":
            controller.play()
        elif action == "pause":
            controller.pause()
        elif action == "step":
            controller.step()
        elif action == "epoch":
            controller.step_epoch()
        elif action == "lr":
            controller.set_hyper(lr=10 ** rng.uniform(-4, -1))
        elif action == "speed":
            controller.set_speed(rng.choice([5, 100, float("inf")]))
        elif action in ("reset", "config"):
            hidden = [rng.randint(1, 6)] if action == "config" else [8, 8]
            trainer = controller.new_run(base.with_overrides({"model.hidden": hidden}))
        before = trainer.step_count
        spin(rng.choice([0, 0.002, 0.01]))
        n = len(trainer.history)            # read while the worker may be mid-step
        assert trainer.step_count >= before and trainer.step_count - n in (0, 1)
    controller.pause()
    assert wait_until(lambda: not controller.running, 2)
    assert errors == [] and stale == []
    assert len(trainer.history) == trainer.step_count


def test_a_step_or_an_epoch_ends_with_a_stopped_event(controller):
    """The worker says when a Step is done, so the run bar can say Play again."""
    states = []
    controller.state_changed.connect(lambda event: states.append(event.running))
    trainer = controller.new_run(presets.load("default"))
    controller.step()
    assert wait_until(lambda: states[-2:] == [True, False], 3)
    assert trainer.step_count == 1 and not controller.running and not controller.playing
    controller.step_epoch()
    assert wait_until(lambda: states[-2:] == [True, False] and len(states) == 4, 5)
    assert trainer.step_count == 1 + trainer.steps_per_epoch and not controller.running
