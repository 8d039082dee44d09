"""The overlaid plots draw each run's numbers: loss, the norm over all layers, one layer."""
from __future__ import annotations

import numpy as np

from engine.lr_finder import EmaState, debiased_ema
from gui import compare, theme
from gui.compare.plots import layer_column, run_color
from gui.plots import palette
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


def _lab(color: str):
    """CIE L*a*b* (D65) of '#rrggbb'."""
    rgb = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
           0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)
    fx, fy, fz = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return np.array([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)])


def test_six_run_colours_are_distinct_in_the_dark_and_the_light_theme():
    for t in (theme.DARK, theme.LIGHT):
        shades = [theme.theme_color(run_color(k), t) for k in range(6)]
        assert len(set(shades)) == 6
        gaps = [np.linalg.norm(_lab(a) - _lab(b)) for i, a in enumerate(shades)
                for b in shades[i + 1:]]
        assert min(gaps) > 20          # ΔE*ab; blue beside sky blue was 19
        assert all(palette.contrast(c, t.background) >= 4.5 for c in shades)
