"""Panels are generated from the engine registries and emit config overrides."""
from __future__ import annotations

import pytest

from engine import datasets, losses, optimizers, presets, schedules
from engine.config import (
    DataConfig,
    LossConfig,
    ModelConfig,
    OptimizerConfig,
    ScheduleConfig,
    TrainingConfig,
)
from engine.hyper import HyperParam, defaults
from engine.layers import ACTIVATIONS
from engine.model_specs import MODEL_PARAMS, REGULARIZATIONS
from engine.network import INITS
from gui.panels.data_panel import DataPanel
from gui.panels.fields import HyperField, LogSlider
from gui.panels.loss_panel import LossPanel
from gui.panels.model_panel import ModelPanel
from gui.panels.optimizer_panel import OptimizerPanel


def test_optimizer_panel_lists_the_menu_and_generates_fields(qtbot):
    panel = OptimizerPanel()
    qtbot.addWidget(panel)
    config = presets.load("default")
    panel.set_config(config.optimizer, config.schedule, config.training)
    labels = [panel.menu.itemText(i) for i in range(panel.menu.count())]
    assert labels == [label for label, _, _ in optimizers.MENU]
    assert {"Momentum", "Nesterov", "AMSGrad"} <= set(labels)
    cls, _ = optimizers.resolve(config.optimizer.name)
    expected = [s.name for s in cls.specs if s.name != "lr"]
    assert list(panel.hyper_fields) == expected
    assert panel.schedule.count() == len(schedules.REGISTRY)


def test_optimizer_choice_and_lr_emit_overrides(qtbot):
    panel = OptimizerPanel()
    qtbot.addWidget(panel)
    config = presets.load("default")
    panel.set_config(config.optimizer, config.schedule, config.training)
    got = []
    panel.changed.connect(got.append)
    panel.menu.setCurrentIndex([m[0] for m in optimizers.MENU].index("Nesterov"))
    assert got[-1] == {"optimizer.name": "sgd",
                       "optimizer.params": {"momentum": 0.9, "nesterov": True}}
    panel.lr.slider.setValue(panel.lr.slider.maximum())
    assert got[-1] == {"optimizer.lr": 100.0}       # the largest lr the optimizers allow
    panel.batch_mode.setCurrentIndex(0)
    assert got[-1] == {"training.batch_size": "all"}


def test_log_slider_spans_1e_5_to_10(qtbot):
    slider = LogSlider(HyperParam("lr", 0.01, "float", 0.0, 10.0, low_open=True), "lr",
                       slider_low=1e-5)
    qtbot.addWidget(slider)
    slider.slider.setValue(0)
    assert slider.value() == 1e-5
    slider.set_value(0.3)
    assert abs(slider.slider.value() - round((-0.5229 + 5) * 100)) <= 1


def test_loss_panel_greys_out_by_task(qtbot):
    panel = LossPanel()
    qtbot.addWidget(panel)
    config = presets.load("default")
    panel.set_config(config.loss, "regression")
    enabled = {name for name in losses.REGISTRY if panel.is_enabled(name)}
    assert enabled == {n for n, c in losses.REGISTRY.items() if c.fits_task("regression")}
    row = list(losses.REGISTRY).index("bce")
    assert panel.combo.model().item(row).toolTip() == losses.REGISTRY["bce"].why_not(
        "regression")
    assert panel.formula.renderer().isValid()


def test_data_panel_lists_generators_and_features(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.set_config(presets.load("default").data)
    assert panel.dataset.count() == len(datasets.GENERATORS) + 1
    assert list(panel.features) == list(datasets.FEATURES)
    got = []
    panel.changed.connect(got.append)
    panel.regenerate.click()
    assert got[-1] == {"data.seed": presets.load("default").data.seed + 1}


def test_model_panel_adds_and_removes_layers(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    panel.set_config(presets.load("default").model)
    got = []
    panel.changed.connect(got.append)
    panel.add_button.click()
    assert got[-1] == {"model.hidden": [*presets.load("default").model.hidden, 8]}
    panel.remove_button.click()
    assert got[-1] == {"model.hidden": list(presets.load("default").model.hidden)[:-1]}


def test_model_panel_shows_exactly_the_configs_hidden_layers(qtbot):
    """A config with fewer layers must not leave the old width boxes on screen."""
    from engine.config import ModelConfig
    from gui.panels.model_panel import ModelPanel
    panel = ModelPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_config(ModelConfig(hidden=(8, 8, 4)))
    qtbot.wait(20)

    def shown():
        return [w.value() for w in panel.findChildren(HyperField)
                if w.isVisible() and w.toolTip().startswith("Neurons in hidden layer")]
    assert shown() == [8, 8, 4]
    panel.set_config(ModelConfig(hidden=(6,)))
    assert shown() == []               # the old boxes vanish at once, not at a later delete
    qtbot.wait(20)                     # Qt shows widgets added to a visible layout queued
    assert shown() == [6]


def test_loss_panel_builds_rows_from_the_chosen_losss_parameters(qtbot):
    from engine.config import LossConfig
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.set_config(LossConfig(name="huber", params={"delta": 0.5}), "regression")
    assert list(panel.param_fields) == ["delta"] and not panel.params_box.isHidden()
    assert panel.param_fields["delta"].value() == 0.5
    got = []
    panel.changed.connect(got.append)
    panel.param_fields["delta"].set_value(2.0)
    panel.param_fields["delta"].value_changed.emit(2.0)
    assert got[-1] == {"loss.delta": 2.0}
    panel.set_config(LossConfig(name="mse"), "regression")
    assert panel.param_fields == {} and panel.params_box.isHidden()


@pytest.mark.parametrize("name", list(datasets.GENERATORS))
def test_data_panel_builds_the_data_sets_parameter_rows_from_its_specs(qtbot, name):
    panel = DataPanel()
    qtbot.addWidget(panel)
    spec = datasets.GENERATORS[name]
    panel.set_config(DataConfig(dataset=name))
    assert list(panel.param_fields) == [p.name for p in spec.specs]
    assert {n: f.value() for n, f in panel.param_fields.items()} == defaults(spec.specs)
    assert panel.params_box.isVisibleTo(panel) == bool(spec.specs)


def test_data_panel_parameter_row_emits_the_data_sets_params(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.set_config(DataConfig(dataset="blobs", params={"n_classes": 4}))
    assert panel.param_fields["n_classes"].value() == 4
    got = []
    panel.changed.connect(got.append)
    panel.param_fields["n_classes"].set_value(5)
    panel.param_fields["n_classes"]._emit()
    assert got == [{"data.params": {"n_classes": 5}}]


def test_model_panel_shows_a_loaded_sigma_of_20_and_rate_of_5_as_they_are(qtbot):
    """The panel used to allow σ 0.001-10 and rate 0-1 and showed 10.000 and 1.0000."""
    panel = ModelPanel()
    qtbot.addWidget(panel)
    panel.set_config(ModelConfig(init_sigma=20.0, regularization="l2", reg_rate=5.0))
    assert panel.fields["init_sigma"].value() == 20.0
    assert panel.fields["reg_rate"].value() == 5.0
    assert panel.fields["init_sigma"].parts[0].text() == "20"
    assert panel.fields["reg_rate"].parts[0].text() == "5"
    panel.set_config(ModelConfig(init_sigma=100.0, reg_rate=10.0))       # the engine's highs
    assert (panel.fields["init_sigma"].value(), panel.fields["reg_rate"].value()) == (100, 10)


def test_model_panel_rows_are_its_specs_and_show_their_defaults(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    panel.set_config(ModelConfig())
    assert list(panel.fields) == [s.name for s in MODEL_PARAMS]
    for spec in MODEL_PARAMS:
        assert panel.fields[spec.name].value() == getattr(ModelConfig(), spec.name)
        if spec.kind == "choice":
            combo = panel.fields[spec.name].parts[0]
            assert [combo.itemText(i) for i in range(combo.count())] == list(spec.titles)


@pytest.mark.parametrize(("field", "registry", "title_of"), [
    ("activation", ACTIVATIONS, lambda entry: entry.title),
    ("init", INITS, lambda entry: entry[0]),
    ("regularization", REGULARIZATIONS, lambda entry: entry),
])
def test_model_panel_combos_show_every_registry_entry_by_its_title(qtbot, field, registry,
                                                                   title_of):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    got = []
    panel.changed.connect(got.append)
    combo = panel.fields[field].parts[0]
    for i, (name, entry) in enumerate(registry.items()):
        panel.set_config(ModelConfig(**{field: name}))
        assert combo.currentText() == title_of(entry)
        combo.setCurrentIndex((i + 1) % combo.count())
        assert got[-1] == {f"model.{field}": list(registry)[(i + 1) % combo.count()]}


def test_model_panel_titles_are_words_not_keys(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    panel.set_config(ModelConfig(activation="leaky_relu", init="he", regularization="l2"))
    texts = [panel.fields[n].parts[0].currentText() for n in ("activation", "init",
                                                                "regularization")]
    assert texts[0] == "Leaky ReLU" and texts[1].startswith("He") and texts[2].startswith("L2")


@pytest.mark.parametrize("name", list(datasets.GENERATORS))
def test_data_panel_says_noise_is_a_sigma_in_data_units_with_the_data_sets_range(qtbot, name):
    panel = DataPanel()
    qtbot.addWidget(panel)
    spec = datasets.GENERATORS[name]
    panel.set_config(DataConfig(dataset=name, noise=spec.noise_high / 2))
    noise = panel.fields["noise"]
    assert noise.value() == spec.noise_high / 2
    assert noise.parts[0].maximum() == spec.noise_high
    hint = panel.noise_hint.text()
    assert "σ" in hint and "data units" in hint and "not a percentage" in hint
    assert spec.noise_of in hint and f"[0, {spec.noise_high:g}]" in hint
    got = []
    panel.changed.connect(got.append)
    noise.parts[0].show_value(0.0)          # as if typed: the box's commit emits
    noise.parts[0].lineEdit().setText("0.25")
    noise.parts[0].commit()
    assert got == [{"data.noise": 0.25}]


# ---- contract: every registry entry builds its rows from its specs and shows its defaults ----

def _shown_values(fields: dict) -> dict:
    return {name: field.value() for name, field in fields.items()}


@pytest.mark.parametrize("name", list(optimizers.REGISTRY))
def test_every_optimizer_builds_its_rows_from_its_specs_with_their_defaults(qtbot, name):
    panel = OptimizerPanel()
    qtbot.addWidget(panel)
    specs = [s for s in optimizers.REGISTRY[name].specs if s.name != "lr"]
    panel.set_config(OptimizerConfig(name=name, lr=0.02), ScheduleConfig(), TrainingConfig())
    assert list(panel.hyper_fields) == [s.name for s in specs]
    assert _shown_values(panel.hyper_fields) == defaults(specs)
    assert panel.lr.value() == 0.02
    for spec in specs:
        assert panel.hyper_fields[spec.name].toolTip().endswith(spec.describe())


@pytest.mark.parametrize("name", list(schedules.REGISTRY))
def test_every_schedule_builds_its_rows_from_its_specs_with_their_defaults(qtbot, name):
    panel = OptimizerPanel()
    qtbot.addWidget(panel)
    cls = schedules.REGISTRY[name]
    panel.set_config(OptimizerConfig(), ScheduleConfig(name=name), TrainingConfig())
    assert panel.schedule.currentText() == cls.title
    assert list(panel.schedule_fields) == [s.name for s in cls.specs]
    assert _shown_values(panel.schedule_fields) == defaults(cls.specs)


@pytest.mark.parametrize("name", list(losses.REGISTRY))
def test_every_loss_builds_its_rows_from_its_specs_with_their_defaults(qtbot, name):
    panel = LossPanel()
    qtbot.addWidget(panel)
    cls = losses.REGISTRY[name]
    task = next(t for t in ("regression", "binary", "multiclass") if cls.fits_task(t))
    panel.set_config(LossConfig(name=name), task)
    assert panel.combo.currentText() == cls.title and panel.is_enabled(name)
    assert list(panel.param_fields) == [p.name for p in cls.specs]
    assert _shown_values(panel.param_fields) == defaults(cls.specs)


def test_choosing_a_data_set_brings_a_too_large_noise_into_its_range(qtbot):
    panel = DataPanel()
    qtbot.addWidget(panel)
    panel.set_config(DataConfig(dataset="polynomial", features=("x1",), noise=4.5))
    got = []
    panel.changed.connect(got.append)
    panel.dataset.setCurrentIndex(panel.dataset.findData("sine"))
    assert got == [{"data.dataset": "sine", "data.features": ["x1"],
                    "data.noise": datasets.GENERATORS["sine"].noise_high}]
    panel.set_config(DataConfig(dataset="polynomial", features=("x1",), noise=1.0))
    panel.dataset.setCurrentIndex(panel.dataset.findData("sine"))
    assert got[-1] == {"data.dataset": "sine", "data.features": ["x1"]}
