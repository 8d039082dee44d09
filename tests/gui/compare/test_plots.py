"""The overlaid plots draw each run's numbers: loss, the norm over all layers, one layer."""
from __future__ import annotations

import numpy as np

from engine.lr_finder import EmaState, debiased_ema
from gui import compare
from gui.compare.plots import layer_column, run_color
from gui.plots.palette import layer_color
from tests.gui.helpers import wait_until


def _trained(window, n: int):
    network = window.network
    runs = compare.start(network, network.session.config,
                         [{}, {"optimizer.lr": 0.3}, {"model.hidden": [3]}],
                         dataset=network.session.dataset)
    for _ in range(n):
        window.modes.step()
        assert wait_until(lambda: not runs.running, 10)
    runs.tick()
    return runs


def _y(curve) -> np.ndarray:
    y = curve.yData                      # data units (getData gives log10 on a log axis)
    return np.empty(0) if y is None else np.asarray(y, dtype=np.float64)


def test_each_curve_is_its_runs_numbers(window):
    runs = _trained(window, 8)
    loss_plot, grad_plot, lr_plot = runs.view.plots
    for k, s in enumerate(runs.sessions):
        cols = s.history.to_arrays()
        loss = cols["step.loss"].astype(np.float64)
        smoothed, _ = debiased_ema(loss, 0.9, EmaState())
        np.testing.assert_allclose(_y(loss_plot.curves[k]), smoothed, rtol=1e-12)
        norms = cols["step.grad_norm"].astype(np.float64)
        np.testing.assert_allclose(_y(grad_plot.curves[k]), np.sqrt((norms ** 2).sum(axis=1)),
                                   rtol=1e-12)
        np.testing.assert_allclose(_y(lr_plot.curves[k]), cols["step.lr_median"][:, 0],
                                   rtol=1e-7)
    loss_plot.kind.setCurrentText("batch")
    np.testing.assert_array_equal(_y(loss_plot.curves[1]),
                                  runs.sessions[1].history.to_arrays()["step.loss"])


def test_a_layer_chooser_picks_one_layers_norm_and_x_can_be_epochs(window):
    runs = _trained(window, 6)
    loss_plot, grad_plot, lr_plot = runs.view.plots
    names = [grad_plot.layer.itemText(i) for i in range(grad_plot.layer.count())]
    assert names == ["all layers", "hidden 1", "hidden 2", "output"]
    grad_plot.layer.setCurrentText("hidden 2")
    cols = runs.sessions[0].history.to_arrays()
    np.testing.assert_array_equal(_y(grad_plot.curves[0]), cols["step.grad_norm"][:, 1])
    assert len(_y(grad_plot.curves[2])) == 0             # hidden [3] has no hidden 2
    grad_plot.layer.setCurrentText("output")
    np.testing.assert_array_equal(_y(grad_plot.curves[2]),
                                  runs.sessions[2].history.to_arrays()["step.grad_norm"][:, 1])
    assert layer_column("output", 2) == 1 and layer_column("hidden 2", 2) is None
    loss_plot.x_mode.setCurrentIndex(1)
    x = np.asarray(loss_plot.curves[0].xData)
    np.testing.assert_allclose(x, cols["step.epoch"], rtol=1e-7)


def test_one_colour_per_run_in_the_curves_and_the_legend(window):
    runs = _trained(window, 1)
    colors = [run_color(k) for k in range(3)]
    assert len(set(colors)) == 3 and colors == [layer_color(k) for k in range(3)]
    for plot in runs.view.plots:
        assert [c.opts["pen"].color().name() for c in plot.curves] == [c.lower() for c in colors]
    for k, button in enumerate(runs.view.chooser.buttons):
        assert colors[k] in button.styleSheet() and runs.labels[k] in button.text()
