"""The optimizer race: lock-step records, determinism, divergence, specs and teaching checks."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import landscapes, optimizers
from engine.errors import ConfigError
from engine.parameter import Parameter
from engine.race import BOX_SCALE, Race, default_specs
from engine.racer_spec import format_spec, parse_spec


def _distance(racer, point):
    return float(np.linalg.norm(racer.point - np.asarray(point)))


# --- the SPEC parser -------------------------------------------------------------------------

@pytest.mark.parametrize("text, optimizer, hyper", [
    ("sgd:lr=0.01", "sgd", {"lr": 0.01}),
    ("sgd:lr=0.02:momentum=0.9", "sgd", {"lr": 0.02, "momentum": 0.9}),
    ("adam:lr=0.05:betas=(0.9,0.99)", "adam", {"lr": 0.05, "betas": (0.9, 0.99)}),
    ("sgd:lr=1:momentum=0.5:nesterov=True", "sgd", {"lr": 1.0, "momentum": 0.5,
                                                     "nesterov": True}),
    ("momentum:lr=0.02", "momentum", {"lr": 0.02}),
    ("Adam", "adam", {}),
])
def test_good_specs_parse_to_typed_values(text, optimizer, hyper):
    spec = parse_spec(text)
    assert spec.optimizer == optimizer and spec.hyper == hyper
    for key, value in hyper.items():
        assert type(spec.hyper[key]) is type(value)


def test_variant_spec_keeps_its_preset_and_label():
    spec = parse_spec("momentum:lr=0.02")
    opt = spec.create([Parameter([0.0])])
    assert opt.hyper["momentum"] == 0.9 and opt.hyper["lr"] == 0.02
    assert spec.label == "Momentum lr=0.02"


def test_format_spec_round_trips():
    text = format_spec("adam", {"lr": 0.05, "betas": (0.9, 0.99), "amsgrad": True})
    assert text == "adam:lr=0.05:betas=(0.9,0.99):amsgrad=True"
    assert parse_spec(text).hyper == {"lr": 0.05, "betas": (0.9, 0.99), "amsgrad": True}


@pytest.mark.parametrize("text, key, allowed", [
    ("sgdd:lr=0.1", "optimizer", "one of: sgd"),
    ("sgd:lrr=0.1", "lrr", "unknown key for sgd; one of: lr, momentum"),
    ("sgd:lr=abc", "lr", "a Python literal"),
    ("sgd:lr=(0.1", "lr", "a Python literal"),
    ("sgd:lr=-0.1", "lr", "a number in (0, 100]"),
    ("sgd:lr=0", "lr", "a number in (0, 100]"),
    ("sgd:lr", "lr", "key=value"),
    ("adam:betas=(0.9,1.0)", "betas", "two numbers, each in [0, 1)"),
    ("sgd:nesterov=True", "nesterov", "needs momentum > 0"),
    ("sgd:lr=__import__('os')", "lr", "a Python literal"),
])
def test_bad_specs_name_the_spec_the_key_and_what_is_allowed(text, key, allowed):
    with pytest.raises(ConfigError) as info:
        parse_spec(text)
    message = str(info.value)
    assert message.startswith(f"racer {text!r}: {key} = ")
    assert allowed in message


# --- lock-step records -----------------------------------------------------------------------

def test_race_records_every_step_in_lock_step():
    race = Race("rosenbrock", ["sgd:lr=0.001", "momentum:lr=0.001", "adam:lr=0.02"])
    assert [r.length for r in race.racers] == [1, 1, 1]
    race.step(37)
    assert race.step_count == 37
    for r in race.racers:
        assert r.length == 38 and r.path.shape == (38, 2)
        assert len(r.values) == len(r.grad_norms) == len(r.effective_lrs) == 38
        np.testing.assert_array_equal(r.path[0], [-1.5, 2.0])
        np.testing.assert_allclose(r.values, race.landscape.value(r.path))
        np.testing.assert_allclose(r.grad_norms,
                                   np.linalg.norm(race.landscape.gradient(r.path), axis=1))
    assert np.all(race.racers[0].effective_lrs == 0.001)


def test_race_grows_past_its_initial_capacity():
    race = Race("bowl", ["sgd:lr=0.01"])
    race.step(3000)
    assert race.racers[0].length == 3001
    assert np.isfinite(race.racers[0].path).all()


def test_race_uses_the_trainer_optimizers_exactly():
    """The racer's path equals a hand loop over optimizers.create (no second implementation)."""
    ls = landscapes.get("beale")
    race = Race(ls, ["adam:lr=0.02:betas=(0.8,0.99)"], start=(1.0, 1.0))
    race.step(50)
    p = Parameter([1.0, 1.0])
    opt = optimizers.create("adam", [p], lr=0.02, betas=(0.8, 0.99))
    for _ in range(50):
        p.grad[...] = ls.gradient(p.value)
        opt.step()
    np.testing.assert_array_equal(race.racers[0].point, p.value)
    assert race.racers[0].effective_lrs[-1] == pytest.approx(np.median(opt.effective_lr()[0]))


def test_race_is_deterministic():
    runs = []
    for _ in range(2):
        race = Race("six-hump-camel", default_specs("six-hump-camel"), start=(0.5, -1.0))
        race.step(300)
        runs.append([r.path.copy() for r in race.racers])
    for a, b in zip(*runs):
        np.testing.assert_array_equal(a, b)


def test_reset_returns_every_racer_to_the_start_with_fresh_state():
    race = Race("booth", ["sgd:lr=0.01", "adam:lr=0.2"])
    race.step(20)
    race.reset((2.0, -4.0))
    assert race.step_count == 0
    for r in race.racers:
        assert r.length == 1 and r.optimizer.t == 0
        np.testing.assert_array_equal(r.point, [2.0, -4.0])


def test_add_restarts_and_remove_keeps_the_others():
    race = Race("bowl", ["sgd:lr=0.01", "adam:lr=0.05"])
    race.step(10)
    race.add("rmsprop:lr=0.01")
    assert len(race.racers) == 3 and [r.length for r in race.racers] == [1, 1, 1]
    race.step(10)
    kept = race.racers[2].path.copy()
    race.remove(0)
    assert [r.spec.optimizer for r in race.racers] == ["adam", "rmsprop"]
    np.testing.assert_array_equal(race.racers[1].path, kept)
    race.step(5)
    assert [r.length for r in race.racers] == [16, 16]


def test_one_dimensional_race_records_points_of_shape_1():
    race = Race("minima-1d", ["sgd:lr=0.01", "momentum:lr=0.01"])
    race.step(100)
    assert race.racers[0].path.shape == (101, 1)


# --- divergence ------------------------------------------------------------------------------

def test_too_large_lr_diverges_stops_and_the_others_continue():
    race = Race("bowl", ["sgd:lr=0.1", "sgd:lr=0.01"])
    race.step(200)
    bad, good = race.racers
    assert bad.diverged and bad.diverged_at == 8 and bad.length == 8
    assert "diverged at step 8" in bad.divergence and "0.1" in bad.divergence
    assert np.isfinite(bad.path).all() and np.isfinite(bad.values).all()
    assert not good.diverged and good.length == 201
    assert race.live == [1]


def test_the_box_is_the_view_enlarged_ten_times_about_its_centre():
    race = Race("rosenbrock", ["sgd:lr=0.001"])
    assert BOX_SCALE == 10.0
    np.testing.assert_allclose(race.box, [[-20.0, 20.0], [-19.0, 21.0]])


def test_non_finite_value_marks_diverged():
    race = Race("rosenbrock", ["sgd:lr=100"])
    race.step(50)
    r = race.racers[0]
    assert r.diverged and r.diverged_at <= 3 and np.isfinite(r.values).all()


# --- teaching checks -------------------------------------------------------------------------

def test_bowl_momentum_beats_small_lr_sgd_after_200_steps():
    race = Race("bowl", ["sgd:lr=0.01", "sgd:lr=0.01:momentum=0.9"])
    race.step(200)
    sgd, momentum = (_distance(r, (0.0, 0.0)) for r in race.racers)
    assert sgd > 0.3            # measured 0.335: crawling along the flat x direction
    assert momentum < 1e-3      # measured 4.1e-5
    assert sgd > 100 * momentum


def test_bowl_too_large_lr_diverges():
    race = Race("bowl", ["sgd:lr=0.1"])
    race.step(200)
    assert race.racers[0].diverged


def test_two_wells_gd_stops_in_the_local_minimum_momentum_reaches_the_global():
    ls = landscapes.get("two-wells")
    local = next(m for m in ls.minima if not m.is_global)
    best = next(m for m in ls.minima if m.is_global)
    race = Race(ls, ["sgd:lr=0.01", "sgd:lr=0.02:momentum=0.9"])
    race.step(1000)
    gd, momentum = race.racers
    assert _distance(gd, local.point) < 1e-3 and gd.values[-1] == pytest.approx(-1.0927, abs=1e-4)
    assert _distance(momentum, best.point) < 1e-3
    assert momentum.values[-1] == pytest.approx(-2.0631, abs=1e-4)


def test_saddle_sgd_lingers_near_the_saddle_far_longer_than_adam():
    race = Race("saddle", ["sgd:lr=0.01", "adam:lr=0.01"])
    race.step(1000)
    near = [int((np.linalg.norm(r.path, axis=1) < 0.5).sum()) for r in race.racers]
    assert near[0] >= 200       # measured 259 steps within 0.5 of the saddle
    assert near[1] <= 20        # measured 0
    assert near[0] > 10 * max(near[1], 1)


def test_minima_1d_gd_stops_in_c_momentum_rolls_into_b():
    ls = landscapes.get("minima-1d")
    race = Race(ls, ["sgd:lr=0.01", "momentum:lr=0.01"])
    race.step(1000)
    labels = [landscapes.nearest_minimum(ls, r.point).label for r in race.racers]
    assert labels == ["C", "B"]


def test_default_field_runs_on_every_landscape_and_mostly_converges():
    for name in landscapes.REGISTRY:
        race = Race(name, default_specs(name))
        race.step(200)
        assert len(race.racers) == 4
        assert all(np.isfinite(r.values).all() for r in race.racers)
        if name not in ("saddle", "beale"):
            assert not any(r.diverged for r in race.racers), name


def test_engine_race_never_imports_qt():
    code = ("import sys, engine.race, engine.race_cli, engine.racer_spec; "
            "print(any(m.split('.')[0] in ('PySide6', 'pyqtgraph', 'gui') for m in sys.modules))")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=root, env=env)
    assert out.stdout.strip() == "False"


def test_bowl_default_race_shows_the_caption_sgd_zig_zags_and_momentum_helps():
    """y <- y(1 - 25 lr): SGD's default lr flips y's sign at every step; momentum's default
    field reaches the minimum sooner (steps to within 1e-3)."""
    from engine import landscapes
    bowl = landscapes.get("bowl")
    race = Race("bowl", default_specs("bowl")[:2])
    race.step(200)
    sgd, momentum = race.racers
    flips = [int(np.sum(np.sign(r.path[1:, 1]) != np.sign(r.path[:-1, 1]))) for r in race.racers]
    assert flips == [200, 47]
    assert (sgd.steps_to(bowl), momentum.steps_to(bowl)) == (100, 61)
