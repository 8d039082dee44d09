"""The loss plot draws the objective beside the data loss when a penalty is on."""
from __future__ import annotations

import numpy as np
import pytest

from engine import presets
from engine.trainer import Trainer
from gui.plots.loss_plot import OBJECTIVE_LABEL, LossPlot
from gui.plots.plot_style import history_arrays


def _plot_of(trainer, qtbot) -> LossPlot:
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(600, 400)
    plot.log_box.setChecked(False)          # data units in the curves
    plot.update_from(history_arrays(trainer.history))
    return plot


def test_miles_to_km_with_l2_5_plots_data_loss_0_397_and_objective_6_06(qtbot):
    config = presets.load("miles-to-km").with_overrides(
        {"model.regularization": "l2", "model.reg_rate": 5.0})
    trainer = Trainer(config)
    trainer.run(2000)
    plot = _plot_of(trainer, qtbot)
    _, train = plot.train.getData()
    x, objective = plot.objective.getData()
    assert len(objective) == len(train) == 201 and x[-1] == 2000     # steps 1, 10, …, 2000
    assert train[-1] == pytest.approx(0.397322, abs=1e-6)
    assert objective[-1] == pytest.approx(6.057259, abs=1e-6)
    legend = plot.legend.text().replace("&nbsp;", " ")
    assert plot.penalised and OBJECTIVE_LABEL in legend and "train data loss" in legend
    help_text = plot.plot_widget.toolTip()
    assert "λ‖w‖₁ = λ Σ |w|" in help_text and "(λ/2)‖w‖² = (λ/2) Σ w²" in help_text


def test_without_a_penalty_there_is_no_objective_curve(qtbot):
    trainer = Trainer(presets.load("miles-to-km"))
    trainer.run(50)
    plot = _plot_of(trainer, qtbot)
    _, objective = plot.objective.getData()
    assert objective is None or len(objective) == 0 or np.isnan(objective).all()
    legend = plot.legend.text().replace("&nbsp;", " ")
    assert not plot.penalised and OBJECTIVE_LABEL not in legend and "train" in legend
    assert len(plot.train.getData()[1]) == 6                # steps 1, 10, 20, …, 50
