"""The stepping child's loop, in this process: a fake pipe and a clock that the test moves."""
from __future__ import annotations

import math

import numpy as np

from engine import presets
from engine.trainer import Trainer
from gui.stepper_process import EMIT_SECONDS, Stepper


class FakePipe:
    """The child's end of the Pipe: commands waiting in `inbox`, news sent to `outbox`."""

    def __init__(self, clock):
        self.inbox, self.outbox, self.clock = [], [], clock

    def poll(self, timeout=0.0) -> bool:
        return bool(self.inbox)

    def recv(self):
        return self.inbox.pop(0)

    def send(self, message) -> None:
        self.outbox.append((self.clock.now, message))

    def sent(self, kind: str) -> list:
        return [(t, m) for t, m in self.outbox if m[0] == kind]


class FakeClock:
    def __init__(self):
        self.now, self.tick = 0.0, 0.0

    def __call__(self) -> float:
        self.now += self.tick
        return self.now


def loaded(config=None):
    """A Stepper on run 1 of `config` (the default lesson), built like the worker builds it."""
    clock = FakeClock()
    pipe = FakePipe(clock)
    stepper = Stepper(pipe, clock)
    trainer = Trainer(config or presets.load("default"))
    stepper.handle(("load", 1, trainer.config, trainer.dataset, trainer.state_dict(history=False)))
    return stepper, pipe, clock


def turns(stepper, n: int) -> None:
    """Up to n turns of the child's loop, ending where the real one would sleep in recv()."""
    for _ in range(n):
        if stepper.remaining <= 0 and not stepper.conn.inbox:
            return
        stepper.turn()


def test_slow_speed_never_exceeds_the_asked_rate():
    """At 20 steps/s the child has done 20·t (+1 for the start) steps after t seconds of its
    clock: none while the clock stands still, however many turns pass."""
    stepper, pipe, clock = loaded()
    stepper.handle(("speed", 20))
    stepper.handle(("run", 1, math.inf, 2))
    turns(stepper, 50)
    assert stepper.trainer.step_count == 1
    for t in (1.0, 2.5):
        clock.now = t
        turns(stepper, 200)
        assert stepper.trainer.step_count == 20 * t + 1


def test_records_leave_in_chunks_all_before_the_stop():
    """Records are sent at most once per EMIT_SECONDS of the child's clock (1 ms a reading);
    a pause flushes the rest, then says 'stopped' with the pause's ack; none is lost."""
    stepper, pipe, clock = loaded()
    clock.tick = 0.001
    stepper.handle(("run", 1, math.inf, 2))
    turns(stepper, 300)
    pipe.inbox.append(("pause", 1, 3))
    stepper.turn()
    steps = pipe.sent("steps")
    times = [t for t, _ in steps]
    assert all(b - a > EMIT_SECONDS for a, b in zip(times[:-2], times[1:-1], strict=True))
    records = [r for _, m in steps for r in m[2]]
    assert [r.step for r in records] == list(range(1, 301))
    assert pipe.outbox[-1][1] == ("stopped", 1, 300, 3)
    assert stepper.remaining == 0


def test_pause_acts_before_the_next_step_and_is_answered_when_idle():
    stepper, pipe, _ = loaded()
    stepper.handle(("run", 1, math.inf, 2))
    turns(stepper, 5)
    pipe.inbox.append(("pause", 1, 3))
    turns(stepper, 1)
    assert stepper.trainer.step_count == 5 and pipe.outbox[-1][1] == ("stopped", 1, 5, 3)
    pipe.inbox.append(("pause", 1, 4))             # already stopped: still answered
    stepper.turn()
    assert pipe.outbox[-1][1] == ("stopped", 1, 5, 4)


def test_a_step_of_n_stops_by_itself_at_full_speed_whatever_the_speed():
    stepper, pipe, _ = loaded()
    stepper.handle(("speed", 0.001))
    stepper.handle(("run", 1, 7, 2))
    turns(stepper, 20)
    assert stepper.trainer.step_count == 7 and pipe.outbox[-1][1] == ("stopped", 1, 7, 2)


def test_commands_for_an_older_run_are_ignored():
    stepper, pipe, _ = loaded()
    stepper.handle(("run", 0, 5, 2))
    stepper.handle(("pause", 0, 3))
    stepper.handle(("weight", 0, "W1", (0, 0), 9.0))
    assert stepper.remaining == 0 and pipe.outbox == []


def test_hyper_parameters_and_weights_by_hand_reach_the_child_trainer():
    stepper, pipe, _ = loaded()
    stepper.handle(("hyper", {"lr": 0.125}))
    assert stepper.trainer.optimizer.hyper["lr"] == 0.125
    name = stepper.trainer.network.parameters()[0].name
    stepper.handle(("weight", 1, name, (0, 0), 2.5))
    kind, run_id, step, state, grads = pipe.outbox[-1][1]
    assert (kind, run_id, step) == ("weights", 1, 0)
    assert state[name][0, 0] == 2.5 and set(grads) == set(state)


def test_the_child_trains_exactly_like_the_trainer_it_copies():
    """Same config, data and weights: the child's losses are the engine's, digit for digit."""
    stepper, pipe, _ = loaded()
    stepper.handle(("run", 1, 25, 2))
    turns(stepper, 30)
    losses = [r.loss for _, m in pipe.sent("steps") for r in m[2]]
    alone = Trainer(presets.load("default"))
    assert np.array_equal(losses, [alone.step().loss for _ in range(25)])


def test_divergence_stops_the_run_with_the_engine_message():
    stepper, pipe, _ = loaded(presets.load("default").with_overrides({
        "data.dataset": "sine", "data.features": ["x1"], "loss.name": "mse",
        "optimizer.name": "sgd", "optimizer.params": {}, "optimizer.lr": 10.0}))
    stepper.handle(("run", 1, math.inf, 2))
    turns(stepper, 200)
    kind, run_id, step, text, ack = pipe.outbox[-1][1]
    assert (kind, run_id, ack) == ("diverged", 1, 2)
    assert text == stepper.trainer.divergence and step == stepper.trainer.step_count
    assert stepper.remaining == 0


def test_the_child_sends_its_whole_state_before_it_stops_and_when_a_run_replaces_it():
    """The window's copy of the run learns the optimizer state, batch order and counts (so
    Undo and a saved experiment continue exactly), before the stop and on a replacing load."""
    stepper, pipe, _ = loaded()
    stepper.handle(("run", 1, 7, 3))
    turns(stepper, 20)
    kinds = [m[0] for _, m in pipe.outbox]
    assert kinds[-2:] == ["state", "stopped"]
    (_, state), = [(t, m) for t, m in pipe.sent("state")]
    assert state[1] == 1 and state[2]["step_count"] == 7 and state[2]["optimizer"]["t"] == 7
    mirror = Trainer(presets.load("default"))
    mirror.load_state_dict(state[2])
    assert mirror.step_count == 7 and mirror.optimizer.t == 7
    np.testing.assert_array_equal(mirror.network.parameters()[0].value,
                                  stepper.trainer.network.parameters()[0].value)
    fresh = Trainer(presets.load("miles-to-km"))
    stepper.handle(("load", 2, fresh.config, fresh.dataset, fresh.state_dict(history=False)))
    assert pipe.outbox[-1][1][0] == "state" and pipe.outbox[-1][1][1] == 1   # run 1's, last
    assert stepper.run_id == 2 and stepper.trainer.step_count == 0
