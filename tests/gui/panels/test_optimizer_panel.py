"""The optimizer panel says, under the learning rate, that the slides' η is the app's γ."""
from __future__ import annotations

from engine import optimizers
from engine.config import OptimizerConfig, ScheduleConfig, TrainingConfig
from gui.panels.optimizer_panel import OptimizerPanel, menu_label


def test_the_slide_note_of_each_optimizer_is_shown_under_the_learning_rate(qtbot):
    panel = OptimizerPanel()
    qtbot.addWidget(panel)
    panel.show()
    for name, cls in optimizers.REGISTRY.items():
        panel.set_config(OptimizerConfig(name=name), ScheduleConfig(), TrainingConfig())
        assert panel.slide_note.text() == cls.slide_note
        assert panel.slide_note.isVisible() == bool(cls.slide_note)
    assert panel.slide_note.text() == "Slides: the learning rate is η; here it is γ, as in PyTorch."
    row = panel.form.getWidgetPosition(panel.lr)[0]
    assert panel.form.getWidgetPosition(panel.slide_note)[0] == row + 1


def test_menu_label_names_the_variant_a_config_is():
    assert menu_label(OptimizerConfig(name="sgd", params={"momentum": 0.9})) == "Momentum"
    assert menu_label(OptimizerConfig(name="momentum")) == "Momentum"
    assert menu_label(OptimizerConfig(name="sgd", params={"momentum": 0.5})) == "SGD"
    assert menu_label(OptimizerConfig(name="adam", params={"amsgrad": True})) == "AMSGrad"
