"""engine.divergence: a loss far above its start and staying there is divergence; honest
runs, slow ones and MBE's fall are not."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine import divergence, losses, presets
from engine.divergence import RISE, WINDOW, RiseWatch
from engine.trainer import Trainer

ADVICE = " — the learning rate 100 is likely too large; try a smaller one (e.g. 10)"


def _diverged_run(preset, optimizer, lr, steps):
    trainer = Trainer(presets.load(preset).with_overrides(
        {"optimizer.name": optimizer, "optimizer.lr": lr}))
    trainer.run(steps)
    return trainer


def test_default_with_adam_at_lr_100_is_called_divergence_after_200_steps():
    trainer = _diverged_run("default", "adam", 100, 2000)
    assert trainer.step_count == WINDOW
    assert trainer.divergence == ("loss stayed 68.4× above its start 0.72 (median of the last "
                                  "200 steps) at step 200" + ADVICE)


def test_miles_to_km_with_rmsprop_at_lr_100_is_called_divergence():
    trainer = _diverged_run("miles-to-km", "rmsprop", 100, 3000)
    assert trainer.step_count == 956
    assert trainer.divergence == ("loss stayed 10.2× above its start 92.4 (median of the last "
                                  "200 steps) at step 956" + ADVICE)


@pytest.mark.parametrize("name", presets.names())
def test_every_shipped_lesson_trains_its_usual_steps_without_being_stopped(name):
    """2,000 steps each (a lecture's few minutes); lr-too-large overflows by design: it is
    stopped by the older rules (inf or a millionfold), before this one could act."""
    trainer = Trainer(presets.load(name))
    trainer.run(2000)
    if name == "lr-too-large":
        assert trainer.step_count < WINDOW and "the learning rate 0.035" in trainer.divergence
    else:
        assert trainer.divergence is None and trainer.step_count == 2000


def test_mbe_falls_without_end_and_is_not_watched():
    trainer = Trainer(presets.load("mbe-runs-away"))
    trainer.run(3000)
    assert not trainer.rise.active and trainer.divergence is None
    assert trainer.history.column("loss")[-1] < -10


class _Loss:
    value_range = "[0, ∞)"

    def from_logits(self, z, y):
        return 0.5, None


def _feed(values):
    watch = RiseWatch(_Loss(), np.zeros((4, 1)))
    for t, value in enumerate(values, 1):
        y = watch.check(t, value, 1.0)
        if y:
            return t, y
    return None


def test_the_start_level_is_the_larger_of_first_loss_and_zero_output_loss():
    watch = RiseWatch(losses.create("bce"), np.ones((6, 1)))
    assert watch.zero_level == pytest.approx(math.log(2))
    watch.check(1, 0.2, 1.0)
    assert watch.start == pytest.approx(math.log(2))
    ce = RiseWatch(losses.create("ce"), np.eye(4))
    assert ce.zero_level == pytest.approx(math.log(4))


def test_half_of_the_window_above_k_times_the_start_is_divergence():
    high = RISE * 0.5 * 1.01
    assert _feed([0.5] + [high] * (WINDOW - 1))[0] == WINDOW
    # 99 of 200 above: not yet; the 100th makes half
    values = [0.5] * 101 + [high] * 99
    assert _feed(values) is None
    assert _feed(values + [high])[0] == WINDOW + 1


def test_spikes_and_a_recovery_are_not_divergence():
    spikes = [0.5] + ([1e4] + [0.5] * 3) * 500          # a quarter of the steps are spikes
    assert _feed(spikes) is None
    recovered = [0.5] + [50.0] * 99 + [0.4] * 2000        # far above for 99 steps, then back
    assert _feed(recovered) is None


def test_non_finite_losses_are_left_to_the_trainers_own_check():
    assert divergence.RiseWatch(_Loss(), np.zeros((1, 1))).check(1, math.inf, 1.0) is None


def test_the_watch_continues_from_its_saved_state():
    """A saved experiment carries L₀ and the last W losses: the reopened watch counts on."""
    watch = RiseWatch(losses.create("mse"), np.zeros((4, 1)))
    for t, loss in enumerate([1.0, 20.0, 30.0, 0.5], start=1):
        watch.check(t, loss, 0.1)
    again = RiseWatch(losses.create("mse"), np.zeros((4, 1)))
    again.load_state_dict(watch.state_dict())
    assert again.state_dict() == {"start": 1.0, "recent": [1.0, 20.0, 30.0, 0.5]}
    assert again.above == watch.above == 2
