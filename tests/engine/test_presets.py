"""Every shipped preset loads, validates and trains without diverging."""
import pytest

from engine import presets
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
