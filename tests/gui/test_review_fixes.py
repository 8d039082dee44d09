"""Window behaviour found wrong in review: stale weights, dialog storms, labels, lost points."""
from __future__ import annotations

import math
import time

import numpy as np
import pytest
from PySide6 import QtWidgets

from engine import datasets
from gui import app as gui_app
from gui.worker import WeightsSnapshot
from tests.gui.helpers import wait_until


def test_weights_of_an_old_run_never_reach_the_new_network(window):
    old = WeightsSnapshot(window.controller.run_id, 5, window.net.state_dict(), {})
    window._weights_updated(old)                          # arrived just before the edit
    window.edit_config({"model.hidden": [8, 8, 8]})       # a new run, another architecture
    assert window._pending_weights is None
    window._weights_updated(old)                          # or even after it: still ignored
    window.paint_now()
    assert [layer.n_out for layer in window.net.layers] == [8, 8, 8, 1]
    fresh = window.controller.trainer.network.state_dict()
    assert all(np.array_equal(fresh[k], v) for k, v in window.net.state_dict().items())


def test_an_error_repeating_every_frame_opens_one_dialog(monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", lambda box: shown.append(box.text()))
    monkeypatch.setattr(gui_app, "REPORTER", gui_app.ErrorReporter())
    for n in (276, 277, 278):
        try:
            raise IndexError(f"index {n} is out of bounds")   # same line, changing number
        except IndexError as err:
            gui_app._excepthook(IndexError, err, err.__traceback__)
    assert len(shown) == 1 and shown[0].startswith("IndexError: index 276 is out of bounds")


def test_opening_a_configuration_keeps_the_races_play_label(window, tmp_path):
    window.set_mode(1)
    window.toggle_play()
    assert window.landscape.is_playing
    window.start_run(window.config)
    assert window.training_panel.play.text() == "❚❚ Pause"
    window.toggle_play()
    assert not window.landscape.is_playing and window.training_panel.play.text() == "▶ Play"


def test_the_learning_rate_control_shows_every_allowed_value(window):
    window.start_run(window.config.with_overrides({"optimizer.lr": 50.0}))   # e.g. loaded
    assert window.config.optimizer.lr == 50.0
    assert window.optimizer_panel.lr.value() == pytest.approx(50.0)


def test_reset_and_model_edits_keep_clicked_points_a_data_edit_does_not(window):
    n = len(window.dataset.x_train)
    window._point_added(((1.0, 1.0), 1))
    assert len(window.dataset.x_train) == n + 1
    window.reset()
    assert len(window.dataset.x_train) == n + 1 and window.controller.trainer.step_count == 0
    window.edit_config({"model.activation": "relu"})
    assert len(window.dataset.x_train) == n + 1
    window.edit_config({"data.noise": 0.1})
    assert len(window.dataset.x_train) == n


def test_points_share_one_brush_per_class(window):
    brushes = window.data_view.train_points.data["brush"]
    assert len(brushes) == len(window.dataset.x_train)
    assert len({id(b) for b in brushes}) == 2


def test_a_faster_speed_applies_at_once_not_after_the_slow_pause(window):
    window.set_speed(1)
    window.controller.play()
    assert wait_until(lambda: len(window.history) >= 1, 3)
    start = time.perf_counter()
    window.set_speed(math.inf)
    assert wait_until(lambda: len(window.history) > 20, 3)
    assert time.perf_counter() - start < 0.9       # the 1 s wait of 1 step/s was cut short
    window.controller.pause()


def test_a_lesson_with_a_tiny_test_set_shows_no_nan_in_the_status(window):
    window.edit_config({"data.train_fraction": 1.0})
    assert len(window.dataset.x_test) == 0
    window.controller.step()
    assert wait_until(lambda: window._eval is not None, 3)
    window.paint_now()
    assert "nan" not in window.status.text() and "step 1" in window.status.text()


def test_removing_points_down_to_one_is_refused_with_a_message():
    with pytest.raises(datasets.DatasetError):
        ds = datasets.make_dataset(datasets_cfg())
        while True:
            ds = datasets.remove_nearest(ds, (0.0, 0.0))


def datasets_cfg():
    from types import SimpleNamespace
    return SimpleNamespace(dataset="gauss", n_samples=6, train_fraction=0.5, seed=0)
