"""The model panel's dtype row: generated from its spec, and a float32 file shows float32."""
from __future__ import annotations

import numpy as np

from engine import presets
from engine.experiment import save_experiment
from engine.model_specs import DTYPE_TITLES, ModelConfig
from engine.trainer import Trainer
from gui import experiment_actions
from gui.panels.fields import row_label
from gui.panels.model_panel import ModelPanel


def test_the_dtype_row_offers_float64_and_float32_by_title_and_emits_the_key(qtbot):
    panel = ModelPanel()
    qtbot.addWidget(panel)
    got = []
    panel.changed.connect(got.append)
    field = panel.fields["dtype"]
    combo = field.parts[0]
    assert panel.form.labelForField(field).text() == row_label(field.spec) == "Dtype"
    assert [combo.itemText(i) for i in range(combo.count())] == \
        ["float64 (default)", "float32 (faster)"] == list(DTYPE_TITLES.values())
    panel.set_config(ModelConfig())
    assert field.value() == "float64" and got == []
    combo.setCurrentIndex(1)
    assert got == [{"model.dtype": "float32"}]
    panel.set_config(ModelConfig(dtype="float32"))
    assert combo.currentText() == "float32 (faster)" and len(got) == 1


def test_an_opened_float32_experiment_shows_float32_and_runs_in_it(window, tmp_path):
    trainer = Trainer(presets.load("default").with_overrides({"model.dtype": "float32"}))
    trainer.run(5)
    path = tmp_path / "f32.dlab"
    save_experiment(path, trainer)
    mode = window.network
    assert mode.model_panel.fields["dtype"].value() == "float64"        # the default lesson
    assert experiment_actions.open_experiment(mode, str(path))
    assert mode.model_panel.fields["dtype"].parts[0].currentText() == "float32 (faster)"
    assert mode.session.config.model.dtype == "float32"
    assert mode.session.controller.trainer.network.dtype == np.float32
