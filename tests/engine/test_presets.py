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
