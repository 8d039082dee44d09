"""The training worker and its controller, without the window."""
from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from engine import presets
from engine.trainer import Trainer
from gui import worker as worker_module
from gui.controller import TrainingController
from gui.worker import EMIT_SECONDS, TrainingWorker
from tests.gui.helpers import spin, wait_until


@pytest.fixture
def controller(qapp):
    c = TrainingController()
    yield c
    assert c.shutdown()
    assert not c.thread.isRunning()


class FakeClock:
    """The worker's perf_counter: stands still at `now`, or moves `tick` at each reading."""

    def __init__(self):
        self.now, self.tick = 0.0, 0.0

    def __call__(self) -> float:
        self.now += self.tick
        return self.now


@pytest.fixture
def clock(qapp, monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(worker_module, "time", SimpleNamespace(perf_counter=fake))
    return fake


def local_worker():
    """A worker living in this (the test's) thread on the default preset, as run 1."""
    worker = TrainingWorker()
    worker.start()
    trainer = Trainer(presets.load("default"))
    worker.load_run(1, trainer, 1)
    return worker, trainer


def test_shutdown_while_playing_is_prompt(controller):
    trainer = controller.new_run(presets.load("default"))
    controller.play()
    assert wait_until(lambda: trainer.step_count > 5, 5)
    assert controller.shutdown(2000)


def test_slow_speed_never_exceeds_the_asked_rate(clock):
    """At 20 steps/s the worker has done 20·t (+1 for the start) steps after t seconds of its
    clock: none while the clock stands still, however long the test waits."""
    worker, trainer = local_worker()
    worker.set_speed(20)
    worker.play(1, 2)
    assert wait_until(lambda: trainer.step_count == 1, 5)
    spin(0.2)                            # real time passes, the worker's clock does not
    assert trainer.step_count == 1
    for t in (1.0, 2.5):
        clock.now = t
        assert wait_until(lambda t=t: trainer.step_count >= 20 * t, 5)
        spin(0.1)
        assert 20 * t <= trainer.step_count <= 20 * t + 1
    worker.pause(1, 3)


def test_batches_are_rate_limited(clock):
    """Records are announced at most once per EMIT_SECONDS of the worker's clock (which
    moves 1 ms at each reading), plus the final flush at pause."""
    clock.tick = 0.001
    worker, trainer = local_worker()
    batches = []
    worker.steps_recorded.connect(lambda batch: batches.append((clock.now, batch)))
    worker.play(1, 2)
    assert wait_until(lambda: trainer.step_count >= 300, 10)
    worker.pause(1, 3)
    times = [t for t, _ in batches]
    assert len(batches) >= 3
    assert all(b - a > EMIT_SECONDS for a, b in zip(times[:-2], times[1:-1], strict=True))
    assert batches[-1][1].last.step == trainer.step_count
    steps = [batch.last.step for _, batch in batches]
    assert steps == sorted(steps) and len(set(steps)) == len(steps)


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
