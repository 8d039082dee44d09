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


def long_history(n, layers=3, seed=0):
    """n steps of a falling, noisy loss with one spike at step 12,345."""
    from engine.history import History
    from engine.trainer import StepRecord
    rng = np.random.default_rng(seed)
    h = History(layers)
    noise = rng.lognormal(0, 0.3, (n, 2))
    for t in range(1, n + 1):
        v = np.full(layers, noise[t - 1, 1] * 1e-2)
        loss = 50.0 if t == 12_345 else 0.7 * noise[t - 1, 0] / (1 + t / 5000)
        h.append(StepRecord(t, t / 20, 0.03, loss, v, v, v * 0.1, v * 10, None))
    return h


@pytest.fixture(scope="module")
def long_snapshot():
    return plot_style.history_arrays(long_history(60_000))


def test_long_runs_draw_at_most_about_max_points_per_curve_spikes_included(qtbot,
                                                                          long_snapshot):
    loss, grads, lrs = LossPlot(), GradientPlot(), LrPlot()
    for plot in (loss, grads, lrs):
        qtbot.addWidget(plot)
    for plot in (grads, lrs):
        plot.set_layers(["hidden 1", "hidden 2", "output"])
    for plot in (loss, grads, lrs):
        plot.update_from(long_snapshot)
    curves = [loss.batch, loss.ema, *grads.curves, lrs.base,
              *(c for layer in lrs.layers for c in layer[:3])]
    assert all(len(c.getData()[0]) <= plot_style.MAX_POINTS + 40 for c in curves)
    x, y = loss.batch.getData()
    assert x[-1] == 60_000 and 10 ** y.max() == pytest.approx(50.0, rel=1e-6)
    median, low, high, band = lrs.layers[0]
    assert len(band.getData()[0]) == 2 * len(low.getData()[0])      # one closed polygon
    assert len(low.getData()[0]) <= plot_style.BAND_POINTS + 40


def test_axis_ranges_grow_in_steps_not_every_frame(qtbot):
    h = long_history(1234)
    plot = GradientPlot()
    qtbot.addWidget(plot)
    plot.set_layers(["a", "b", "c"])
    plot.update_from(plot_style.history_arrays(h))
    first = plot._range
    assert first[0] == 1250                                  # the next round number
    (x0, x1), _ = plot.plot.getViewBox().viewRange()
    assert (x0, x1) == (0, 1250)
    grown = long_history(1240)
    plot.update_from(plot_style.history_arrays(grown))
    assert plot._range == first                              # 6 more steps: same axes
    plot.update_from(plot_style.history_arrays(long_history(1300)))
    assert plot._range[0] == 1500


def test_nice_ceiling_and_stepped_range_literal_values():
    assert [plot_style.nice_ceiling(v) for v in (1234, 2001, 0.3, 7, 100, 0)] == \
        [1250, 2500, 0.3, 8, 100, 1.0]
    assert plot_style.stepped_range(0.012, 0.7, log=True) == (-2.0, 0.0)
    assert plot_style.stepped_range(0.0, 0.93, log=False) == (-0.2, 1.0)


def test_smoothing_slider_recomputes_the_whole_ema(qtbot, snapshot):
    from engine.lr_finder import debiased_ema
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.update_from(snapshot)
    plot.smoothing.setValue(50)
    _, ema = plot.ema.getData()
    expected, _ = debiased_ema(snapshot["loss"], 0.5)
    np.testing.assert_allclose(10 ** ema, expected, rtol=1e-6)       # float32 display
    assert 10 ** ema[1] == pytest.approx((0.25 * snapshot["loss"][0] + 0.5 *
                                          snapshot["loss"][1]) / 0.75, rel=1e-6)


def test_panning_by_hand_stops_following_until_the_auto_button(qtbot):
    plot = GradientPlot()
    qtbot.addWidget(plot)
    plot.set_layers(["a", "b", "c"])
    plot.update_from(plot_style.history_arrays(long_history(1234)))
    vb = plot.plot.getViewBox()
    vb.setXRange(100, 200, padding=0)
    vb.sigRangeChangedManually.emit([True, True])      # what a mouse drag emits
    plot.update_from(plot_style.history_arrays(long_history(1300)))
    assert vb.viewRange()[0] == [100, 200]
    plot.plot.enableAutoRange()                         # the 'A' button
    plot.update_from(plot_style.history_arrays(long_history(1310)))
    assert vb.viewRange()[0] == [0, 1500] and not any(vb.autoRangeEnabled())


def test_an_exact_zero_loss_is_a_gap_with_a_note_not_a_dive_to_1e_minus_40(qtbot, snapshot):
    """Hinge reaches exactly 0: the batch and smoothed curves stop there; the range stays
    on the positive losses."""
    data = dict(snapshot)
    data["loss"] = snapshot["loss"].copy()
    data["loss"][60:] = 0.0
    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.update_from(data)
    batch, ema = plot.batch.yData, plot.ema.yData
    assert np.isnan(batch[60:]).all() and np.isnan(ema[60:]).all()
    assert np.isfinite(batch[:60]).all() and np.isfinite(ema[:60]).all()
    assert plot.zero_note.text() == "exactly 0 at 60 steps (gaps)"
    lo, hi = plot.plot.getViewBox().viewRange()[1]
    assert lo >= np.log10(data["loss"][:60].min()) - 0.5
    plot.log_box.setChecked(False)               # a linear axis draws the zeros as zeros
    assert plot.zero_note.text() == "" and plot.batch.yData[-1] == 0.0


def test_a_zero_gradient_norm_is_a_gap_with_a_note_not_1e_minus_30(qtbot, snapshot):
    data = dict(snapshot)
    data["grad_norm"] = snapshot["grad_norm"].copy()
    data["grad_norm"][50:, 0] = 0.0
    plot = GradientPlot()
    qtbot.addWidget(plot)
    plot.set_layers(["hidden 1", "hidden 2", "output"])
    plot.update_from(data)
    y = plot.curves[0].yData
    assert np.isnan(y[50:]).all() and np.isfinite(y[:50]).all()
    assert np.isfinite(plot.curves[1].yData).all()
    assert plot.zero_note.text() == "‖∇‖ exactly 0: gaps"
    lo, _ = plot.plot.getViewBox().viewRange()[1]
    assert lo > -10


def test_empty_plots_show_0_to_100_steps_and_their_usual_y(qtbot):
    for cls, log_range in ((LossPlot, (-2, 1)), (GradientPlot, (-3, 1)), (LrPlot, (-4, 0))):
        plot = cls()
        qtbot.addWidget(plot)
        x, y = plot.plot.getViewBox().viewRange()
        assert x == pytest.approx([0, 100]) and y == pytest.approx(log_range)
        plot.log_box.setChecked(False)
        assert plot.plot.getViewBox().viewRange()[1] == pytest.approx([0, 1])


def test_loss_range_decides_log_y(qtbot):
    from engine import losses
    plot = LossPlot()
    qtbot.addWidget(plot)
    for name, loss in losses.REGISTRY.items():
        plot.set_loss_range(loss.value_range)
        assert plot.log_y is (not loss.value_range.startswith("(−∞")), name
    plot.set_loss_range(losses.REGISTRY["mbe"].value_range)
    assert not plot.log_y
