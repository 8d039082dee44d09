"""The training worker and its controller, without the window."""
from __future__ import annotations

import random
import time

import pytest

from engine import presets
from gui.controller import TrainingController
from gui.worker import EMIT_SECONDS
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


def test_slow_speed_never_exceeds_the_asked_rate(controller):
    """At 20 steps/s, the steps done never outrun 20 × the time elapsed (+1 for the start)."""
    trainer = controller.new_run(presets.load("default"))
    controller.set_speed(20)
    start = time.perf_counter()
    controller.play()
    assert wait_until(lambda: trainer.step_count >= 3, 5)
    controller.pause()
    assert wait_until(lambda: not controller.running, 2)
    elapsed = time.perf_counter() - start
    assert 3 <= trainer.step_count <= 20 * elapsed + 1


def test_batches_are_rate_limited(controller):
    batches = []
    controller.steps_recorded.connect(batches.append)
    trainer = controller.new_run(presets.load("default"))
    start = time.perf_counter()
    controller.play()
    spin(0.6)
    controller.pause()
    assert wait_until(lambda: not controller.running, 2)
    elapsed = time.perf_counter() - start
    spin(0.05)
    # one batch per EMIT_SECONDS at most, plus the final flush at pause
    assert 0 < len(batches) <= elapsed / EMIT_SECONDS + 2
    assert batches[-1].last.step == trainer.step_count
    assert [b.last.step for b in batches] == sorted(b.last.step for b in batches)


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
