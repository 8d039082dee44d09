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
    old = WeightsSnapshot(window.network.session.controller.run_id, 5, window.network.session.net.state_dict(), {})
    window.network.session._weights_updated(old)                          # arrived just before the edit
    window.network.edit_config({"model.hidden": [8, 8, 8]})       # a new run, another architecture
    assert window.network.session.pending_weights is None
    window.network.session._weights_updated(old)                          # or even after it: still ignored
    window.network.paint_now()
    assert [layer.n_out for layer in window.network.session.net.layers] == [8, 8, 8, 1]
    fresh = window.network.session.controller.trainer.network.state_dict()
    assert all(np.array_equal(fresh[k], v) for k, v in window.network.session.net.state_dict().items())


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
    window.modes.toggle_play()
    assert window.modes.landscape.is_playing
    window.network.start_run(window.network.session.config)
    assert window.run_bar.play.text() == "❚❚ Pause"
    window.modes.toggle_play()
    assert not window.modes.landscape.is_playing and window.run_bar.play.text() == "▶ Play"


def test_the_learning_rate_control_shows_every_allowed_value(window):
    window.network.start_run(window.network.session.config.with_overrides({"optimizer.lr": 50.0}))   # e.g. loaded
    assert window.network.session.config.optimizer.lr == 50.0
    assert window.network.optimizer_panel.lr.value() == pytest.approx(50.0)


def test_reset_and_model_edits_keep_clicked_points_a_data_edit_does_not(window):
    n = len(window.network.session.dataset.x_train)
    window.network.data_view.point_added.emit(((1.0, 1.0), 1))
    assert len(window.network.session.dataset.x_train) == n + 1
    window.modes.reset()
    assert len(window.network.session.dataset.x_train) == n + 1 and window.network.session.controller.trainer.step_count == 0
    window.network.edit_config({"model.activation": "relu"})
    assert len(window.network.session.dataset.x_train) == n + 1
    window.network.edit_config({"data.noise": 0.1})
    assert len(window.network.session.dataset.x_train) == n


def test_points_share_one_brush_per_class(window):
    brushes = window.network.data_view.train_points.data["brush"]
    assert len(brushes) == len(window.network.session.dataset.x_train)
    assert len({id(b) for b in brushes}) == 2


def test_a_faster_speed_applies_at_once_not_after_the_slow_pause(window):
    window.modes.set_speed(1)
    window.network.session.controller.play()
    assert wait_until(lambda: len(window.network.session.history) >= 1, 3)
    start = time.perf_counter()
    window.modes.set_speed(math.inf)
    assert wait_until(lambda: len(window.network.session.history) > 20, 3)
    assert time.perf_counter() - start < 0.9       # the 1 s wait of 1 step/s was cut short
    window.network.session.controller.pause()


def test_a_lesson_with_a_tiny_test_set_shows_no_nan_in_the_status(window):
    window.network.edit_config({"data.train_fraction": 1.0})
    assert len(window.network.session.dataset.x_test) == 0
    window.network.session.controller.step()
    assert wait_until(lambda: window.network.session.last_eval is not None, 3)
    window.network.paint_now()
    assert "nan" not in window.status.text() and "step 1" in window.status.text()


def test_removing_points_down_to_one_is_refused_with_a_message():
    with pytest.raises(datasets.DatasetError):
        ds = datasets.make_dataset(datasets_cfg())
        while True:
            ds = datasets.remove_nearest(ds, (0.0, 0.0))


def datasets_cfg():
    from types import SimpleNamespace
    return SimpleNamespace(dataset="gauss", n_samples=6, train_fraction=0.5, seed=0)
