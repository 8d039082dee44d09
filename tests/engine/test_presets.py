"""Every shipped preset loads, validates and trains without diverging; the comparison lessons
show, in numbers, what their captions promise."""
import numpy as np
import pytest

from engine import presets
from engine.compare import Comparison
from engine.trainer import Trainer


@pytest.mark.parametrize("name", presets.names())
def test_preset_loads_and_trains(name):
    info = presets.info(name)
    assert info.title and info.description and info.lesson
    trainer = Trainer(presets.load(name))
    trainer.run(50)
    expect_divergence = "diverge" in info.lesson.lower() and "too large" in info.lesson.lower()
    assert trainer.step_count == 50 or expect_divergence


def test_default_preset_is_the_issue_spiral():
    c = presets.load("default")
    assert (c.data.dataset, c.model.hidden, c.model.activation, c.loss.name,
            c.optimizer.name) == ("spiral", (8, 8), "tanh", "bce", "adam")


@pytest.mark.parametrize("name", presets.names())
def test_preset_data_params_and_noise_are_what_its_data_set_takes(name):
    from engine.datasets import GENERATORS
    data = presets.load(name).data
    spec = GENERATORS.get(data.dataset)
    if spec is not None:
        assert set(data.params) <= {p.name for p in spec.specs}
        assert 0 <= data.noise <= spec.noise_high


def test_the_multiclass_lesson_written_with_data_n_classes_still_sets_the_blobs():
    """Its JSON predates data.params: n_classes sits beside the common fields."""
    raw = presets._read("multiclass-cross-entropy")["config"]["data"]
    data = presets.load("multiclass-cross-entropy").data
    assert data.params == {"n_classes": raw["n_classes"]} and data.dataset == "blobs"


@pytest.mark.parametrize("name", presets.names())
def test_every_lesson_has_a_watchable_speed(name):
    """Each lesson says the steps per second its phenomenon is watched at."""
    raw = presets._read(name)
    assert "speed" in raw
    speed = presets.info(name).speed
    assert speed is None or 0 < speed <= 1000


def test_a_bad_speed_names_the_preset_the_value_and_what_is_allowed(monkeypatch):
    from engine.errors import ConfigError
    monkeypatch.setattr(presets, "_read", lambda name: {"speed": -3})
    with pytest.raises(ConfigError) as err:
        presets.info("x")
    assert str(err.value) == ('preset x: speed = -3 is not allowed: a number of steps per '
                              'second > 0, or "max"')


def test_speeds_give_the_phenomenon_5_to_30_seconds():
    """Measured in steps: miles→km's w is within 0.01 of 1.609 after about 40 steps, the
    too-large lr diverges at step 19; at their speeds that is 5–30 s."""
    import numpy as np
    t = Trainer(presets.load("miles-to-km"))
    steps = 0
    while abs(float(t.network.parameters()[0].value.ravel()[0]) - 1.609) > 0.01:
        t.step()
        steps += 1
    assert 30 <= steps <= 50
    assert 5 <= steps / presets.info("miles-to-km").speed <= 30
    t = Trainer(presets.load("lr-too-large"))
    with pytest.raises(RuntimeError):
        for _ in range(100):
            t.step()
    assert t.step_count == 19 and np.isfinite(t.first_loss)      # stopped at step 19
    assert 5 <= 19 / presets.info("lr-too-large").speed <= 30


def test_too_large_lr_overshoots_more_at_every_step_on_all_the_data():
    """The caption's claim: |w − w*| grows at every step (batch "all": no batch noise)."""
    t = Trainer(presets.load("lr-too-large"))
    assert t.config.training.batch_size == "all"
    x, y = t.dataset.x_train.ravel(), t.dataset.y_train.ravel()
    w_star = float(x @ y / (x @ x))
    errors = []
    for _ in range(15):
        t.step()
        errors.append(float(t.network.parameters()[0].value.ravel()[0]) - w_star)
    assert all(abs(b) > abs(a) for a, b in zip(errors, errors[1:]))
    assert all(a * b < 0 for a, b in zip(errors, errors[1:]))      # it jumps past each time
    assert abs(errors[1] / errors[0]) == pytest.approx(1.498, abs=0.002)


def test_too_large_lr_caption_suggests_what_the_divergence_message_suggests():
    t = Trainer(presets.load("lr-too-large"))
    with pytest.raises(RuntimeError) as err:
        for _ in range(100):
            t.step()
    suggested = str(err.value).rsplit("e.g. ", 1)[1].rstrip(")")
    assert suggested == "0.0035" and suggested in presets.info("lr-too-large").lesson


def test_comparison_lessons_share_a_group_and_others_have_none():
    groups = {name: presets.info(name).compare for name in presets.names()}
    assert groups["batch-gd"] == groups["stochastic-gd"] == groups["mini-batch-gd"] != ""
    assert groups["default"] == groups["binary-cross-entropy"] == ""


@pytest.mark.parametrize("name", presets.names())
def test_comparison_lessons_list_two_to_six_runs_that_each_validate(name):
    info = presets.info(name)
    assert info.variants == () or 2 <= len(info.variants) <= presets.MAX_COMPARED
    base = presets.load(name)
    for v in info.variants:
        assert v.label and base.with_overrides(v.overrides).validate()


def test_a_bad_compare_run_names_the_preset_the_run_and_the_key(tmp_path, monkeypatch):
    import json

    from engine.errors import ConfigError
    (tmp_path / "bad.json").write_text(json.dumps({"config": {}, "compare_runs": [
        {"label": "a", "set": {}}, {"label": "b", "set": {"optimizer.lr": -1}}]}))
    monkeypatch.setattr(presets, "_folder", lambda: tmp_path)
    with pytest.raises(ConfigError) as e:
        presets.info("bad")
    assert "lr" in str(e.value) and "-1" in str(e.value)
    (tmp_path / "bad.json").write_text(json.dumps({"config": {}, "compare_runs": [{"label": "a"}]}))
    with pytest.raises(ConfigError, match="preset bad: compare_runs"):
        presets.info("bad")



# ---- the comparison lessons: what each caption promises, in numbers ----
# (the full training loss, evaluated with each run's weights; every run starts from run 1's)

def _comparison(name: str, steps: int) -> dict:
    """{label: Trainer} of the lesson's runs after `steps` steps each."""
    info = presets.info(name)
    comparison = Comparison(presets.load(name), [v.overrides for v in info.variants])
    assert all(comparison.shared_start)          # the same initial weights in every run
    comparison.run(steps)
    return {v.label: t for v, t in zip(info.variants, comparison.trainers)}


def _train_loss(trainer) -> float:
    return trainer.evaluate().train_loss


def _first_step_below(trainer, level: float):
    """The first evaluated step (1, 10, 20, …) whose full training loss is below level."""
    evals = trainer.history.eval_columns()
    below = np.nonzero(evals["train_loss"] < level)[0]
    return int(evals["step"][below[0]]) if len(below) else None


@pytest.mark.parametrize("name", ["batch-gd", "stochastic-gd", "mini-batch-gd"])
def test_the_three_batch_lessons_are_one_comparison_each_starting_with_its_own_run(name):
    base = presets.load(name)
    sizes = [base.with_overrides(v.overrides).training.batch_size
             for v in presets.info(name).variants]
    assert sizes[0] == base.training.batch_size and sorted(map(str, sizes)) == ["1", "16", "all"]


def test_batch_lesson_per_step_all_and_16_lead_sgd_per_epoch_sgd_leads():
    runs = _comparison("batch-gd", 1000)
    full, sgd, mini = runs["batch all"], runs["SGD: batch 1"], runs["mini-batch 16"]
    assert [round(_train_loss(t), 4) for t in (full, sgd, mini)] == [0.0148, 0.0389, 0.0149]
    # per epoch: after 5 epochs (SGD: 1,000 updates; batch all: 5) SGD is far ahead
    assert sgd.epoch == 5.0 and round(_train_loss(sgd), 2) == 0.04
    assert round(float(full.history.column("loss")[4]), 2) == 0.70    # batch all's 5th
    # noise: the mean jump of the batch loss from one step to the next
    rough = {label: float(np.mean(np.abs(np.diff(t.history.column("loss")[500:]))))
             for label, t in runs.items()}
    assert [f"{rough[k]:.2g}" for k in runs] == ["4.9e-05", "0.12", "0.018"]


def test_mini_batch_uses_8_percent_of_the_points_per_update():
    runs = _comparison("mini-batch-gd", 0)
    n = len(runs["batch all"].dataset.x_train)
    assert n == 200 and runs["mini-batch 16"].batch_size / n == 0.08


def test_lr_too_small_each_tenfold_gamma_reaches_the_minimum_about_ten_times_sooner():
    runs = _comparison("lr-too-small", 1400)
    assert list(runs) == ["γ 0.00005 (this lesson)", "γ 0.0005", "γ 0.005"]
    assert [_first_step_below(t, 0.02) for t in runs.values()] == [1270, 130, 10]
    assert 1270 / presets.info("lr-too-small").speed > 60          # over a minute


def test_lr_too_large_diverges_overshoots_lands_and_creeps():
    info = presets.info("lr-too-large")
    comparison = Comparison(presets.load("lr-too-large"), [v.overrides for v in info.variants])
    x = comparison.trainers[0].dataset.x_train.ravel()
    y = comparison.trainers[0].dataset.y_train.ravel()
    w_star = float(x @ y / (x @ x))
    errors = []                                   # w − w* of every run after each step
    for _ in range(40):
        comparison.run(1)
        errors.append([float(t.network.parameters()[0].value.ravel()[0]) - w_star
                       for t in comparison.trainers])
    big, over, one, tenth = comparison.trainers
    e = np.array(errors)
    assert big.divergence and big.step_count == 19
    assert np.all(e[:-1, 1] * e[1:, 1] < 0)             # 0.025 jumps past every time …
    assert abs(e[-1, 1]) < abs(e[0, 1]) / 1e3           # … and settles
    assert abs(e[0, 2]) < 1e-3 and _first_step_below(one, 0.0095) == 1   # 0.014: one step
    assert np.all(e[:, 3] < 0) and np.all(np.diff(e[:, 3]) > 0)   # 0.0035 creeps, no jump
    assert over.step_count == one.step_count == tenth.step_count == 40


def test_momentum_keeps_pace_with_sgd_at_ten_times_gamma():
    runs = _comparison("momentum", 600)
    losses = [round(_train_loss(t), 4) for t in runs.values()]
    assert list(runs) == ["momentum μ 0.9, γ 0.02", "SGD γ 0.02", "SGD γ 0.2 = γ/(1 − μ)"]
    assert losses == [0.0120, 0.3410, 0.0149]


def test_adagrad_leads_sgd_early_its_rates_only_shrink_then_sgd_catches_up():
    runs = _comparison("adaptive-adagrad", 3000)
    adagrad, sgd = runs.values()
    at = {}
    for step in (300, 3000):
        at[step] = [round(float(t.history.eval_columns()["train_loss"][step // 10]), 4)
                    for t in (adagrad, sgd)]
    assert at == {300: [0.1461, 0.4181], 3000: [0.0088, 0.0105]}
    median = adagrad.history.column("lr_median")            # per layer, per step
    assert np.all(np.diff(median[:, 0])[100:] <= 0)        # its first layer's rate only falls
    assert float(median[0, 0]) > 50 * float(median[-1, 0])
    assert np.all(sgd.history.column("lr_median") == np.float32(0.1))


def test_rmsprop_overtakes_adagrad_as_its_rates_grow_back():
    runs = _comparison("adaptive-rmsprop", 3000)
    rmsprop, adagrad, sgd = runs.values()
    loss = {label: t.history.eval_columns()["train_loss"] for label, t in runs.items()}
    steps = rmsprop.history.eval_columns()["step"]
    behind = steps[loss["RMSprop γ 0.005"] >= loss["Adagrad γ 0.1"]]   # evaluated every 10
    assert behind[behind > 830].tolist() == [2210, 2800]
    assert steps[1] == 10 and behind[behind < 830].max() == 820      # ahead from 830 on, but
    # for two spikes of its grown-back rates
    assert round(float(loss["Adagrad γ 0.1"][-1] / loss["RMSprop γ 0.005"][-1])) == 57
    first = rmsprop.history.column("lr_median")[:, 0]
    low = int(np.argmin(first))
    assert first[-1] > 5 * first[low] and low < 1500               # falls, then grows back


def test_adam_leads_rmsprop_momentum_and_sgd_at_the_same_gamma():
    runs = _comparison("adaptive-adam", 1000)
    assert {presets.load("adaptive-adam").with_overrides(v.overrides).optimizer.lr
            for v in presets.info("adaptive-adam").variants} == {0.02}
    assert list(runs) == ["Adam", "SGD", "momentum", "RMSprop"]
    evals = {label: t.history.eval_columns()["train_loss"] for label, t in runs.items()}
    at_300 = {label: round(float(v[30]), 3) for label, v in evals.items()}
    at_1000 = {label: round(_train_loss(t), 4) for label, t in runs.items()}
    assert at_300 == {"Adam": 0.061, "SGD": 0.646, "momentum": 0.213, "RMSprop": 0.072}
    assert at_1000 == {"Adam": 0.0048, "SGD": 0.5003, "momentum": 0.0388, "RMSprop": 0.0195}
