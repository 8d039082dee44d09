"""The three history plots, fed from a real Trainer's History."""
from __future__ import annotations

import numpy as np
import pytest

from engine import presets
from engine.trainer import Trainer
from gui.plots import plot_style
from gui.plots.gradient_plot import GradientPlot
from gui.plots.loss_plot import LossPlot
from gui.plots.lr_plot import LrPlot
from gui.plots.palette import layer_color


@pytest.fixture(scope="module")
def snapshot():
    trainer = Trainer(presets.load("default"))
    trainer.run(120)
    return plot_style.history_arrays(trainer.history)


def test_loss_plot_curves_and_ema(qtbot, snapshot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.update_from(snapshot)
    x, y = plot.batch.getData()
    assert len(x) == 120 and x[0] == 1 and x[-1] == 120
    _, ema = plot.ema.getData()
    # getData() is in axis units: log10 on the log axis; the debiased EMA starts at the loss
    assert 10 ** ema[0] == pytest.approx(snapshot["loss"][0], rel=1e-5)
    assert len(plot.train.getData()[0]) == len(snapshot["eval"]["step"])


def test_loss_plot_epoch_axis(qtbot, snapshot):
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.update_from(snapshot)
    plot.x_mode.setCurrentIndex(1)
    x, _ = plot.batch.getData()
    assert x[-1] == pytest.approx(snapshot["epoch"][-1])


def test_divergence_ends_the_curve_without_nan(qtbot, snapshot):
    data = dict(snapshot)
    data["loss"] = np.concatenate([snapshot["loss"][:50], [np.inf]])
    data["epoch"], data["step"] = snapshot["epoch"][:51], snapshot["step"][:51]
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.update_from(data)
    plot.show_divergence("loss became inf at step 51 — the learning rate 10 is too large", 51)
    x, y = plot.batch.getData()
    assert len(x) == 50 and np.isfinite(y).all()
    assert plot.marker.getData()[0][0] == 51


def test_gradient_and_lr_plots_use_layer_colours(qtbot, snapshot):
    grads, lrs = GradientPlot(), LrPlot()
    for plot in (grads, lrs):
        qtbot.addWidget(plot)
        plot.set_layers(["hidden 1", "hidden 2", "output"])
        plot.update_from(snapshot)
    for i, curve in enumerate(grads.curves):
        assert curve.opts["pen"].color().name() == layer_color(i).lower()
        assert len(curve.getData()[0]) == 120
    median, low, high, _ = lrs.layers[0]
    assert (low.getData()[1] <= median.getData()[1] + 1e-12).all()
    assert (median.getData()[1] <= high.getData()[1] + 1e-12).all()
    assert len(lrs.base.getData()[0]) == 120


def test_sgd_lr_is_flat(qtbot):
    config = presets.load("default").with_overrides(
        {"optimizer.name": "sgd", "optimizer.params": {}, "optimizer.lr": 0.1})
    trainer = Trainer(config)
    trainer.run(30)
    plot = LrPlot()
    qtbot.addWidget(plot)
    plot.set_layers(["a", "b", "c"])
    plot.update_from(plot_style.history_arrays(trainer.history))
    for median, _low, high, _ in plot.layers:
        assert np.allclose(median.getData()[1], -1) and np.allclose(high.getData()[1], -1)
