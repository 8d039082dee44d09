"""LandscapeMode: builds for 2-D and 1-D surfaces, plays, resets, restarts on click, edits."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from engine import landscapes
from engine.race import default_specs
from gui.landscape import LandscapeMode
from gui.landscape.path_cells import MAX_POINTS
from gui.landscape.racer_table import settings_text, spec_from_cells
from gui.landscape.surface_view import display_field, surface_grid
from gui.plots.plot_style import nice_ceiling
from tests.gui.helpers import wait_until


@pytest.fixture
def mode(landscape):
    return landscape


def _lengths(m):
    return [r.length for r in m.race.racers]


def _click(qtbot, m, x, y):
    surface = m.surface
    vb = surface.plot_item.vb
    pos = surface.mapFromScene(vb.mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(surface.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def _points(curve):
    x = curve.getData()[0]
    return 0 if x is None else len(x)


def _pixel_size(m):
    vb = m.surface.plot_item.vb
    (x0, x1), (y0, y1) = vb.viewRange()
    return (x1 - x0) / vb.width(), (y1 - y0) / vb.height()


@pytest.mark.parametrize("name", ["rosenbrock", "two-wells", "logistic-bce", "minima-1d"])
def test_the_tab_builds_with_the_default_field(qtbot, name):
    m = LandscapeMode(name)
    qtbot.addWidget(m)
    assert m.landscape_name == name and m.race.landscape.dim in (1, 2)
    assert [r.spec.text for r in m.race.racers] == default_specs(name)
    assert len(m.surface.racer_items) == len(m.plots.curves) == 4
    assert not m.controls.isVisible() and not m.is_playing


def test_one_dimensional_racers_are_balls_on_the_curve(qtbot):
    m = LandscapeMode("minima-1d")
    qtbot.addWidget(m)
    m.race.step(30)
    m._refresh()
    for ball, racer in zip(m.surface.racer_items, m.race.racers):
        x, y = ball.getData()
        assert x[0] == pytest.approx(racer.point[0])
        assert y[0] == pytest.approx(m.race.landscape.value(racer.point))


def test_play_advances_every_racer_in_lock_step(qtbot, mode):
    statuses = []
    mode.status_changed.connect(statuses.append)
    mode.set_speed(None)
    mode.play()
    assert mode.is_playing
    qtbot.waitUntil(lambda: mode.race.step_count >= 200, timeout=5000)
    mode.pause()
    lengths = _lengths(mode)
    assert len(set(lengths)) == 1 and lengths[0] > 200
    x, y = mode.surface.drawn_path(0).T
    assert 2 <= len(x) <= lengths[0]
    assert (x[-1], y[-1]) == tuple(mode.race.racers[0].point)
    assert statuses[-1].startswith(f"step {mode.race.step_count} — SGD lr=0.001: ")


def test_speed_sets_the_steps_per_second(monkeypatch, mode):
    """Ticks 1/64 s apart on a fake clock (exact in binary): 128 steps/s is 2 steps a tick."""
    now = [1000.0]
    monkeypatch.setattr("gui.landscape.landscape_mode.time.perf_counter", lambda: now[0])
    mode.set_speed(128.0)
    mode.play()
    mode._timer.stop()                                 # the test ticks, not the timer
    for _ in range(32):
        now[0] += 1 / 64
        mode._tick()
    assert mode.race.step_count == 64
    with pytest.raises(ValueError):
        mode.set_speed(0)


def test_step_once_and_reset(mode):
    mode.step_once()
    mode.step_once()
    assert _lengths(mode) == [3, 3, 3, 3]
    mode.reset()
    assert _lengths(mode) == [1, 1, 1, 1]
    for r in mode.race.racers:
        np.testing.assert_array_equal(r.point, [-1.5, 2.0])
    x, y = mode.surface.drawn_path(0).T
    assert len(x) == 1 and (x[0], y[0]) == (-1.5, 2.0)


def test_clicking_the_surface_restarts_every_racer_there(qtbot, mode):
    mode.race.step(20)
    _click(qtbot, mode, 0.5, -0.25)
    px, py = _pixel_size(mode)
    assert _lengths(mode) == [1, 1, 1, 1]
    for r in mode.race.racers:
        assert abs(r.point[0] - 0.5) <= 2 * px and abs(r.point[1] + 0.25) <= 2 * py
    mode.reset()
    assert abs(mode.race.start[0] - 0.5) <= 2 * px      # reset keeps the clicked start


def test_adding_and_removing_racers_changes_the_curves(mode):
    mode.table.add_racer("sgd:lr=0.0005")
    assert len(mode.race.racers) == 5
    assert len(mode.surface.racer_items) == len(mode.plots.curves) == 5
    assert "SGD lr=0.0005" in mode.plots.legend.text().replace("&nbsp;", " ")
    mode.race.step(10)
    mode.table.remove_racer(0)
    assert len(mode.race.racers) == 4 and len(mode.surface.racer_items) == 4
    assert mode.race.racers[-1].label == "SGD lr=0.0005"


def test_editing_a_row_rebuilds_the_race_and_a_bad_edit_keeps_it(qtbot, mode):
    errors = []
    mode.status_changed.connect(errors.append)
    mode.table.table.item(0, 1).setText("lr=0.002 momentum=0.5")
    assert mode.race.racers[0].optimizer.hyper["momentum"] == 0.5
    mode.table.table.item(0, 1).setText("lr=-3")
    assert mode.race.racers[0].optimizer.hyper["lr"] == 0.002
    assert "lr = -3 is not allowed" in errors[-1]
    assert "lr = -3" in mode.table.table.item(0, 1).toolTip()


def test_a_diverging_racer_is_marked_and_stops_while_others_continue(qtbot):
    m = LandscapeMode("bowl")
    qtbot.addWidget(m)
    m.set_racers(["sgd:lr=0.1", "sgd:lr=0.01"])
    for _ in range(30):
        m.step_once()
    bad, good = m.race.racers
    assert bad.diverged and bad.length == 8 and good.length == 31
    assert m.table.table.item(0, 3).text() == "diverged at step 8"
    assert m.table.table.item(1, 3).text().startswith("f = ")
    x, _ = m.plots.curves[0][0].getData()
    assert len(x) == 8


def test_play_pauses_itself_when_every_racer_diverged(qtbot):
    m = LandscapeMode("bowl")
    qtbot.addWidget(m)
    m.set_racers(["sgd:lr=0.1"])
    m.set_speed(None)
    m.play()
    qtbot.waitUntil(lambda: not m.is_playing, timeout=3000)
    assert m.race.racers[0].diverged


def test_changing_the_landscape_loads_its_default_field(mode):
    mode.chooser.setCurrentIndex(mode.chooser.findData("booth"))
    assert mode.landscape_name == "booth"
    assert [r.spec.text for r in mode.race.racers] == default_specs("booth")
    np.testing.assert_array_equal(mode.race.start, [-8.0, 8.0])


def test_own_controls_are_hidden_by_default_and_drive_the_mode(qtbot, mode):
    assert not mode.controls.isVisible()
    mode.set_own_controls_visible(True)
    assert mode.controls.isVisible()
    qtbot.mouseClick(mode.controls.step_button, Qt.MouseButton.LeftButton)
    assert mode.race.step_count == 1
    qtbot.mouseClick(mode.controls.play_button, Qt.MouseButton.LeftButton)
    assert mode.is_playing and "Pause" in mode.controls.play_button.text()
    mode.toggle_play()
    assert not mode.is_playing


def test_arrows_appear_when_switched_on(mode):
    mode.race.step(5)
    mode.gradient_box.setChecked(True)
    mode.momentum_box.setChecked(True)
    items = mode.surface.racer_items[1]                   # momentum racer
    assert _points(items.grad) == 6 and _points(items.momentum) == 6
    assert _points(mode.surface.racer_items[0].momentum) == 0     # plain SGD has no momentum


def test_log_colours_for_rosenbrock_and_beale_linear_for_the_bowl():
    for name, log in (("rosenbrock", True), ("beale", True), ("bowl", False),
                      ("booth", False)):
        _, _, z = surface_grid(landscapes.get(name))
        assert z.shape == (200, 200)
        assert display_field(z)[1] is log


def test_table_cells_round_trip_to_specs():
    spec = spec_from_cells("adam", "lr=0.05 betas=(0.9, 0.99)")
    assert spec.hyper == {"lr": 0.05, "betas": (0.9, 0.99)}
    assert settings_text(spec) == "lr=0.05 betas=(0.9,0.99)"


def test_the_surface_draws_its_level_lines_with_the_shared_marching_squares(qtbot):
    """One contour implementation: the segments lie on the display field's levels."""
    m = LandscapeMode("booth")
    qtbot.addWidget(m)
    ls = m.race.landscape
    xs, ys, z = surface_grid(ls)
    field, _ = display_field(z)
    lo, hi = np.nanpercentile(field, [1, 97])
    levels = np.linspace(lo, hi, 14)
    x, y = m.surface.contour.getData()
    assert len(x) % 2 == 0 and len(x) > 1000
    (x0, x1), (y0, y1) = ls.view
    assert x.min() >= x0 and x.max() <= x1 and y.min() >= y0 and y.max() <= y1
    shifted, top = z - z.min(), float(np.max(z - z.min()))
    values = ls.value(np.stack([x, y], axis=-1))
    _, log = display_field(z)
    on_lines = np.log10(values - z.min() + top * 1e-5) if log else values
    assert np.allclose(field, np.log10(shifted + top * 1e-5) if log else z)
    gap = np.min(np.abs(on_lines[:, None] - levels[None, :]), axis=1)
    assert np.max(gap) < 0.01 * (hi - lo)


def test_the_splitters_are_saved_and_restored(qtbot):
    first = LandscapeMode("booth")
    qtbot.addWidget(first)
    first.resize(1200, 800)
    first.show()
    qtbot.waitExposed(first)
    body = first.splitters["body"]
    body.setSizes([900, 300])
    wanted = body.sizes()
    body.splitterMoved.emit(wanted[0], 1)          # what a drag emits
    second = LandscapeMode("booth")
    qtbot.addWidget(second)
    second.resize(1200, 800)
    second.show()
    qtbot.waitExposed(second)
    assert second.splitters["body"].sizes() == wanted


def test_the_table_reads_a_racer_like_the_command_line():
    """One bracket-aware splitter (engine.racer_spec) behind both."""
    typed = spec_from_cells("adam", "lr=0.05  betas=(0.9, 0.99);eps=1e-6")
    assert typed.hyper == {"lr": 0.05, "betas": (0.9, 0.99), "eps": 1e-6}


# --- issue 9 §7: ranges, colours, selection, carried-over racers, arrows, long races --------

def _x_ranges(m):
    return [r[0] for r in m.plots.ranges()]


def test_the_race_plots_follow_the_race_after_reset_step_remove_play(qtbot, mode):
    mode.reset()
    mode.step_once()
    mode.table.remove_racer(3)
    mode.set_speed(None)
    mode.play()
    qtbot.waitUntil(lambda: mode.race.step_count >= 3000, timeout=20000)
    mode.pause()
    n = mode.race.step_count
    for x0, x1 in _x_ranges(mode):
        assert x0 == 0 and x1 == nice_ceiling(n) and n <= x1 <= 1.34 * n   # round, just above
    (_, _), (y0, y1) = mode.plots.ranges()[1]              # |∇f| on a log axis (log10 units)
    norms = np.concatenate([r.grad_norms for r in mode.race.racers])
    assert y0 <= np.log10(norms.min()) and np.log10(norms.max()) <= y1
    assert y1 - y0 <= np.log10(norms.max() / norms.min()) + 1.0


def test_a_surface_switch_leaves_no_stale_range(qtbot, mode):
    mode.race.step(2000)
    mode._refresh()
    mode.chooser.setCurrentIndex(mode.chooser.findData("booth"))
    mode.step_once()
    values = np.concatenate([r.values for r in mode.race.racers])   # booth: f* = 0
    for (x0, x1), (y0, y1) in mode.plots.ranges()[:1]:
        assert (x0, x1) == (0, 10)                    # a fresh race: the first ten steps
        assert y0 <= np.log10(values.min()) and np.log10(values.max()) <= y1 <= 3.5


def test_remove_then_switch_gives_no_repeated_colour(mode):
    mode.table.remove_racer(1)
    mode.chooser.setCurrentIndex(mode.chooser.findData("booth"))
    colors = mode.table.colors
    assert len(colors) == 3 and len(set(colors)) == 3
    mode.table.add_racer("sgd:lr=0.01")
    mode.table.add_racer("sgd:lr=0.02")
    assert len(set(mode.table.colors)) == 5


def test_clicking_a_status_cell_selects_the_row_remove_takes_it(qtbot, mode):
    table = mode.table.table
    rect = table.visualItemRect(table.item(1, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert {i.row() for i in table.selectionModel().selectedIndexes()} == {1}
    removed = mode.race.racers[1].label
    qtbot.mouseClick(mode.table.remove_button, Qt.MouseButton.LeftButton)
    assert len(mode.race.racers) == 3 and removed not in [r.label for r in mode.race.racers]


def test_a_surface_switch_keeps_edited_racers_and_redefaults_untouched_ones(mode):
    mode.table.table.item(0, 1).setText("lr=0.002 momentum=0.5")
    mode.table.add_racer("adam:lr=0.3")
    mode.table.remove_racer(2)                                      # RMSprop goes
    mode.chooser.setCurrentIndex(mode.chooser.findData("booth"))
    booth = default_specs("booth")
    texts = [r.spec.text for r in mode.race.racers]
    assert texts[0] == "sgd:lr=0.002:momentum=0.5"                 # edited: kept
    assert texts[1] == booth[1] and texts[2] == booth[3]           # untouched: booth's rates
    assert texts[3] == "adam:lr=0.3"                               # added: kept
    assert mode.table.edited == [True, False, False, True]


def test_the_arrow_legend_shows_with_the_arrows(mode):
    assert mode.arrow_legend.isHidden()
    mode.momentum_box.setChecked(True)
    assert mode.arrow_legend.isVisible() and "one length" in mode.arrow_legend.text()
    mode.momentum_box.setChecked(False)
    assert mode.arrow_legend.isHidden()


def test_a_long_race_draws_a_bounded_number_of_points_and_keeps_the_extremes(mode):
    mode.race.step(60_000)
    mode._refresh()
    for curves, racer in zip(mode.plots.curves, mode.race.racers):
        x, y = curves[1].getData()                        # |∇f|, as log10 (a log axis)
        assert len(x) <= 2 * 2000 + 40 and x[-1] == racer.length - 1
        assert 10 ** y.max() == pytest.approx(racer.grad_norms.max())     # spikes survive
        assert 10 ** y.min() == pytest.approx(max(racer.grad_norms.min(), 1e-16))
    for i, racer in enumerate(mode.race.racers):
        x, y = mode.surface.drawn_path(i).T
        assert len(x) <= MAX_POINTS + 1 and (x[-1], y[-1]) == tuple(racer.point)


def test_the_tab_shows_its_own_status_and_no_lesson_caption(qtbot, window):
    window.show_caption("default")
    network_status = window.status.text()
    window.set_mode(1)
    landscape = window.modes.landscape
    assert window.status.text().startswith("step 0 — ")
    assert window.status.text() != network_status and not window.caption.isVisible()
    landscape.step_once()
    # the status line is rewritten at a readable rate: it ends on the newest text
    assert wait_until(lambda: window.status.text().startswith("step 1 — "), 3)
    window.set_mode(0)
    assert window.caption.isVisible() == bool(window.caption.text.text())


def test_play_pauses_itself_at_the_step_cap(qtbot, mode):
    assert mode.max_steps == 100_000
    mode.max_steps = 120
    mode.set_speed(None)
    mode.play()
    qtbot.waitUntil(lambda: not mode.is_playing, timeout=5000)
    assert mode.race.step_count == 120 and _lengths(mode) == [121] * 4
    mode.play()                                   # at the cap: play does nothing
    assert not mode.is_playing


def test_the_status_text_follows_a_playing_race_and_shows_where_it_paused(qtbot, mode):
    mode.set_speed(None)
    mode.play()
    start = mode.table.table.item(0, 3).text()
    assert start == "f = 12.5"                        # Rosenbrock at (-1.5, 2)
    qtbot.waitUntil(lambda: mode.table.table.item(0, 3).text() != start, timeout=3000)
    mode.pause()
    value = mode.race.racers[0].values[-1]
    assert mode.table.table.item(0, 3).text() == f"f = {value:.4g}"
