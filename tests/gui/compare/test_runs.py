"""A comparison in the window: same data, same initial weights, deterministic, driven by the
run bar, the views following the selected run, and back to one run."""
from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets
from PySide6.QtTest import QTest

from engine import presets
from gui import compare
from gui.run_bar import play_text
from tests.gui.helpers import wait_until


def _start(window, overrides, labels=None):
    network = window.network
    return compare.start(network, network.session.config, overrides, labels,
                         dataset=network.session.dataset)


def _steps(window, runs, n: int) -> None:
    for _ in range(n):
        window.modes.step()
        assert wait_until(lambda: not runs.running, 10)
    runs.tick()


def _arrays(session) -> dict:
    return session.history.to_arrays()


def test_equal_runs_give_identical_histories_bit_for_bit(window):
    runs = _start(window, [{}, {}, {"optimizer.lr": 0.3}])
    _steps(window, runs, 12)
    one, two, other = (_arrays(s) for s in runs.sessions)
    assert len(runs.sessions[0].history) == 12
    assert one.keys() == two.keys()
    for key in one:
        assert one[key].tobytes() == two[key].tobytes(), key
    assert one["step.loss"].tobytes() != other["step.loss"].tobytes()
    w1, w2 = (s.controller.trainer.network.state_dict() for s in runs.sessions[:2])
    assert all(np.array_equal(w1[k], w2[k]) for k in w1)


def test_every_run_starts_from_the_same_weights_on_the_same_data_object(window):
    runs = _start(window, [{}, {"optimizer.lr": 0.3}, {"training.batch_size": 1},
                           {"model.hidden": [3]}])
    assert runs.shared_start == [True, True, True, False]
    first = runs.sessions[0].initial_weights
    for s in runs.sessions[1:3]:
        assert all(np.array_equal(first[k], s.initial_weights[k]) for k in first)
    datasets = {id(s.dataset) for s in runs.sessions}
    assert datasets == {id(window.network.session.dataset)}
    assert runs.sessions[0].dataset is runs.original.dataset


def test_one_step_and_one_epoch_act_on_every_run(window):
    runs = _start(window, [{}, {"training.batch_size": "all"}, {"training.batch_size": 50}])
    _steps(window, runs, 2)
    assert [len(s.history) for s in runs.sessions] == [2, 2, 2]
    window.modes.step_epoch()
    assert wait_until(lambda: not runs.running, 10)
    per_epoch = [s.controller.trainer.steps_per_epoch for s in runs.sessions]
    assert per_epoch == [20, 1, 4]            # 200 training points
    assert [len(s.history) for s in runs.sessions] == [2 + n for n in per_epoch]


def test_space_plays_and_pauses_all_runs(window):
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    window.network.setFocus()
    runs.set_speed(200.0)                   # at a set pace every run plays at it
    QTest.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key_Space)
    assert runs.is_playing and all(s.controller.playing for s in runs.sessions)
    assert window.run_bar.play.text() == play_text(True)
    assert wait_until(lambda: all(len(s.history) > 5 for s in runs.sessions), 10)
    QTest.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key_Space)
    assert wait_until(lambda: not runs.running, 10)
    assert not any(s.controller.playing for s in runs.sessions)
    assert window.run_bar.play.text() == play_text(False)


def test_reset_starts_every_run_again_from_the_same_weights(window):
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    before = runs.sessions[1].initial_weights
    _steps(window, runs, 3)
    window.modes.reset()
    assert [len(s.history) for s in runs.sessions] == [0, 0]
    after = runs.sessions[1].initial_weights
    assert all(np.array_equal(before[k], after[k]) for k in before)
    assert all(len(c.getData()[0] if c.getData()[0] is not None else []) == 0
               for c in runs.view.plots[0].curves)


def test_the_views_and_the_status_follow_the_selected_run(window):
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    _steps(window, runs, 4)
    runs.view.chooser.buttons[1].click()
    network = window.network
    assert runs.selected == 1 and network.session is runs.sessions[1]
    assert network.network_view._net is runs.sessions[1].net
    assert network.data_view._net is runs.sessions[1].net
    assert network.optimizer_panel.lr.value() == pytest.approx(0.3)
    window.status.show_now("")
    runs.show_status()
    assert window.modes._status[0].startswith("run 2 (lr=0.3)   step 4")


def test_keep_this_run_goes_on_alone_and_undo_gives_back_the_run_before(window):
    network = window.network
    before = network.session.controller.trainer
    network.session.controller.step()                 # a run that trained is kept for Undo
    assert wait_until(lambda: not network.session.controller.running, 10)
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    _steps(window, runs, 5)
    runs.view.chooser.buttons[1].click()
    expected = _arrays(runs.sessions[1])
    runs.view.chooser.keep.click()
    assert network.compare is None and network.session is runs.original
    assert network.session.config.optimizer.lr == 0.3
    assert _arrays(network.session)["step.loss"].tobytes() == expected["step.loss"].tobytes()
    assert network.loss_plot.isVisible() and network.panels[0].isEnabled()
    assert all(not s.controller.thread.isRunning() for s in runs.sessions)
    network.session.controller.step()
    assert wait_until(lambda: len(network.session.history) == 6, 10)
    window.undo_run()
    assert network.session.controller.trainer is before and len(before.history) == 1


def test_hand_edits_and_single_run_tools_are_refused_while_comparing(window):
    network = window.network
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    n_points = len(runs.sessions[0].dataset.x_train)
    network.data_view.point_added.emit(((0.1, 0.2), 1))
    assert len(network.session.dataset.x_train) == n_points
    for name in ("save_experiment", "find_lr"):
        action = window.actions[name]
        assert not action.isEnabled() and "Keep this run" in action.toolTip()
    assert not network.optimizer_panel.isEnabled()
    assert "Keep this run" in network.optimizer_panel.toolTip()
    runs.end()
    assert window.actions["find_lr"].isEnabled() and network.optimizer_panel.isEnabled()


def test_a_new_lesson_ends_the_comparison(window):
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    assert window.open_lesson("miles-to-km")
    assert window.network.compare is None and window.network.session is runs.original
    assert window.network.session.config.optimizer.lr == presets.load("miles-to-km").optimizer.lr
    assert window.network.loss_plot.isVisible()


def test_a_lesson_with_variants_opens_as_their_comparison(window, monkeypatch, tmp_path):
    config = presets.load("batch-gd").to_dict()
    lesson = {"title": "Batch vs SGD", "description": "d", "lesson": "Watch the noise.",
              "order": 45, "config": config,
              "compare_runs": [{"label": "batch all", "set": {}},
                               {"label": "batch 1 (stochastic)",
                                "set": {"training.batch_size": 1}},
                               {"label": "batch 16", "set": {"training.batch_size": 16}}]}
    (tmp_path / "batch-vs-sgd.json").write_text(json.dumps(lesson), encoding="utf-8")
    monkeypatch.setattr(presets, "_folder", lambda: tmp_path)
    assert window.open_lesson("batch-vs-sgd")
    runs = window.network.compare
    assert runs.labels == ["batch all", "batch 1 (stochastic)", "batch 16"]
    assert [s.config.training.batch_size for s in runs.sessions] == ["all", 1, 16]
    assert [b.text() for b in runs.view.chooser.buttons] == [
        "■ batch all", "■ batch 1 (stochastic)", "■ batch 16"]
    assert window.caption.title.text() == "Batch vs SGD"
    assert window.windowTitle() == "Descent Lab — Batch vs SGD"


def test_as_fast_as_possible_the_runs_go_side_by_side_in_chunks(window):
    from gui.compare.runs import LOCKSTEP
    runs = _start(window, [{}, {"training.batch_size": 1}, {"model.hidden": [16, 16]}])
    runs.set_speed(None)
    window.modes.toggle_play()
    assert runs.is_playing
    assert wait_until(lambda: len(runs.sessions[0].history) >= 3 * LOCKSTEP, 20)
    window.modes.toggle_play()
    assert wait_until(lambda: not runs.running, 10)
    lengths = [len(s.history) for s in runs.sessions]
    assert max(lengths) - min(lengths) <= LOCKSTEP and not runs.is_playing


def test_a_run_that_diverges_stops_and_the_others_go_on(window):
    runs = _start(window, [{}, {"optimizer.name": "sgd", "optimizer.params": {},
                                "optimizer.lr": 100.0, "loss.name": "hinge",
                                "model.activation": "relu"}])     # diverges at step 3
    runs.set_speed(None)
    window.modes.toggle_play()
    assert wait_until(lambda: runs.sessions[1].controller.trainer.divergence is not None
                      and len(runs.sessions[0].history) > 200, 20)
    window.modes.toggle_play()
    assert wait_until(lambda: not runs.running, 10)
    assert runs.view.chooser.buttons[1].text().startswith("⚠")
    assert len(runs.sessions[1].history) == 3 < len(runs.sessions[0].history)


def test_the_losses_tab_follows_the_selected_run_and_the_original_after(window):
    from gui.loss_explorer import LossExplorer
    explorer = window.findChild(LossExplorer)
    original = window.network.session
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    runs.view.chooser.buttons[1].click()
    assert explorer.session is runs.sessions[1]
    runs.end()
    assert explorer.session is original


def test_saving_the_window_state_ends_the_comparison_first(window):
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    top = window.network.splitters["top"]
    assert top.count() == 3                       # the overlaid loss plot beside the old one
    settings = QtCore.QSettings()
    window.network.save_state(settings)
    assert window.network.compare is None and top.count() == 2
    assert not runs.sessions[0].controller.thread.isRunning()


def test_the_speed_set_while_comparing_stays_for_the_kept_run(window):
    runs = _start(window, [{}, {"optimizer.lr": 0.3}])
    window.modes.set_speed(120.0)
    assert [s.controller.worker._speed for s in runs.sessions] == [120.0, 120.0]
    runs.end(keep=0)
    assert window.network.speed == 120.0
    assert window.network.session.controller.worker._speed == 120.0


def test_comparisons_one_after_another_give_the_plots_back_their_sizes(window):
    """The gradient and LR plots share a splitter: each comparison puts it back as it was."""
    network = window.network
    splitters = {p.parentWidget() for p in (network.loss_plot, network.gradient_plot,
                                            network.lr_plot)}
    before = {s: s.sizes() for s in splitters}
    for lesson in ("batch-gd", "lr-too-small", "adaptive-adam"):
        window.open_lesson(lesson)
        assert network.compare is not None
    network.end_comparison()
    assert network.compare is None
    for s in splitters:          # (a pixel or two: the run chooser's row came and went)
        assert s.sizes() == pytest.approx(before[s], abs=4)
    assert min(network.lr_plot.width(), network.gradient_plot.width()) > 250
