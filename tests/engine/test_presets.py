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
