"""The main window end to end through the real worker thread."""
from __future__ import annotations

import math

import pytest
from PySide6 import QtWidgets

from engine import presets
from gui import app as gui_app
from gui.main_window import MainWindow
from tests.gui.helpers import spin, wait_until


def played(window, n: int):
    window.controller.play()
    assert wait_until(lambda: len(window.history) >= n, 10)
    window.controller.pause()
    assert wait_until(lambda: not window.controller.running, 2)
    window.paint_now()


def test_opens_on_default_preset(window):
    assert window.windowTitle() == f"Descent Lab — {presets.info('default').title}"
    assert window.data_panel.dataset_name == presets.load("default").data.dataset
    assert len(window.history) == 0
    assert window.controller.trainer.step_count == 0


def test_play_fills_all_five_plots(window):
    played(window, 50)
    n = len(window.history)
    x, _ = window.loss_plot.batch.getData()
    assert len(x) == n
    assert len(window.loss_plot.train.getData()[0]) > 0
    assert all(len(c.getData()[0]) == n for c in window.gradient_plot.curves)
    assert all(len(m.getData()[0]) == n for m, *_ in window.lr_plot.layers)
    assert window.data_view._net is window.net
    assert len(window.network_view.connections) > 0


def test_pause_stops_the_step_counter(window):
    window.controller.play()
    assert wait_until(lambda: len(window.history) > 10, 5)
    window.controller.pause()
    assert wait_until(lambda: not window.controller.running, 2)
    first = window.controller.trainer.step_count
    spin(0.2)
    assert window.controller.trainer.step_count == first


def test_step_advances_exactly_one(window):
    window.controller.step()
    assert wait_until(lambda: len(window.history) == 1, 3)
    window.controller.step()
    assert wait_until(lambda: len(window.history) == 2, 3)
    spin(0.1)
    assert window.controller.trainer.step_count == 2 and len(window.history) == 2


def test_step_epoch_advances_one_epoch(window):
    trainer = window.controller.trainer
    expected = math.ceil(len(trainer.dataset.x_train) / trainer.batch_size)
    window.controller.step_epoch()
    assert wait_until(lambda: len(window.history) == expected, 5)
    spin(0.1)
    assert trainer.step_count == expected


def test_reset_clears_and_keeps_a_ghost(window):
    played(window, 30)
    old_run = window.controller.run_id
    window.reset()
    window.paint_now()
    assert window.controller.run_id == old_run + 1
    assert len(window.history) == 0
    assert len(window.loss_plot.batch.getData()[0] or []) == 0
    assert len(window.loss_plot.ghost.getData()[0]) >= 30


def test_learning_rate_changes_live(window):
    played(window, 20)
    run_id, before = window.controller.run_id, len(window.history)
    window.optimizer_panel.lr.set_value(0.002)
    window.optimizer_panel.lr.value_changed.emit(0.002)
    played(window, before + 20)
    lr = window.history.column("lr")
    assert window.controller.run_id == run_id
    assert len(window.history) >= before + 20
    assert lr[-1] == pytest.approx(0.002, rel=1e-6)
    assert lr[0] == pytest.approx(presets.load("default").optimizer.lr, rel=1e-6)


def test_loss_or_optimizer_switch_starts_a_new_run(window):
    played(window, 10)
    run_id = window.controller.run_id
    window.edit_config({"loss.name": "hinge"})
    assert window.controller.run_id == run_id + 1 and len(window.history) == 0
    assert window.config.loss.name == "hinge"
    window.edit_config({"optimizer.name": "sgd", "optimizer.params": {"momentum": 0.9}})
    assert window.controller.run_id == run_id + 2
    assert window.optimizer_panel.menu.currentText() == "Momentum"


def test_unfitting_losses_are_greyed_out(window):
    assert window.loss_panel.is_enabled("bce")
    assert not window.loss_panel.is_enabled("mse")


def test_too_large_learning_rate_shows_the_banner(window):
    window.edit_config({"data.dataset": "sine", "data.features": ["x1"], "loss.name": "mse",
                        "optimizer.name": "sgd", "optimizer.params": {}, "optimizer.lr": 10.0})
    window.controller.play()
    assert wait_until(lambda: window.controller.trainer.divergence is not None, 10)
    assert wait_until(lambda: window.loss_plot.banner_text != "", 3)
    text = window.loss_plot.banner_text
    assert "step" in text and "learning rate" in text
    assert not window.controller.running
    assert len(window.loss_plot.marker.getData()[0]) == 1


def test_bad_value_keeps_the_run(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    run_id = window.controller.run_id
    window.edit_config({"model.hidden": [0]})
    assert window.controller.run_id == run_id and len(shown) == 1
    assert "model.hidden" in shown[0]


def test_closing_while_training_stops_the_thread(qtbot):
    gui_app.make_app()
    config, title = gui_app.load_config("default", None)
    w = MainWindow(config, title)
    w.show()
    w.controller.play()
    assert wait_until(lambda: len(w.history) > 5, 5)
    w.close()
    assert not w.controller.thread.isRunning()


def test_choosing_data_of_another_task_chooses_a_fitting_loss(window, tmp_path):
    """Spiral (BCE) -> sine needs a regression loss; the panel would grey them all out."""
    panel = window.data_panel
    panel.dataset.setCurrentIndex(panel.dataset.findData("sine"))
    assert (window.config.data.dataset, window.config.loss.name) == ("sine", "mse")
    assert window.config.data.features == ("x1", "sin(x1)")
    assert "Loss switched to Mean squared error" in window.statusBar().currentMessage()
    panel.dataset.setCurrentIndex(panel.dataset.findData("blobs"))
    assert (window.config.data.dataset, window.config.loss.name) == ("blobs", "ce")
    assert window.net.layers[-1].n_out == 3
    csv_file = tmp_path / "ramp.csv"
    csv_file.write_text("x,y\n" + "".join(f"{i / 10},{i / 5 + 0.3}\n" for i in range(40)))
    window.edit_config({"data.dataset": "csv", "data.csv_path": str(csv_file),
                        "data.features": ["x1"]})
    assert (window.config.data.dataset, window.config.loss.name) == ("csv", "mse")
    assert window.dataset.task == "regression" and len(window.history) == 0
