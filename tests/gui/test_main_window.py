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
    window.network.session.controller.play()
    assert wait_until(lambda: len(window.network.session.history) >= n, 10)
    window.network.session.controller.pause()
    assert wait_until(lambda: not window.network.session.controller.running, 2)
    window.network.paint_now()


def test_opens_on_default_preset(window):
    assert window.windowTitle() == f"Descent Lab — {presets.info('default').title}"
    assert window.network.data_panel.dataset_name == presets.load("default").data.dataset
    assert len(window.network.session.history) == 0
    assert window.network.session.controller.trainer.step_count == 0


def test_play_fills_all_five_plots(window):
    # 50 steps exactly: a run that plays reaches 50 in chunks of a hundred or more, and a
    # long history is decimated per pixel in the gradient plot
    window.network.session.controller.step(50)
    assert wait_until(lambda: not window.network.session.controller.running, 10)
    window.network.paint_now()
    n = len(window.network.session.history)
    x, _ = window.network.loss_plot.batch.getData()
    assert len(x) == n
    assert len(window.network.loss_plot.train.getData()[0]) > 0
    assert all(len(c.getData()[0]) == n for c in window.network.gradient_plot.curves)
    assert all(len(m.getData()[0]) == n for m, *_ in window.network.lr_plot.layers)
    assert window.network.data_view._net is window.network.session.net
    assert len(window.network.network_view.connections) > 0


def test_pause_stops_the_step_counter(window):
    window.network.session.controller.play()
    assert wait_until(lambda: len(window.network.session.history) > 10, 5)
    window.network.session.controller.pause()
    assert wait_until(lambda: not window.network.session.controller.running, 2)
    first = window.network.session.controller.trainer.step_count
    spin(0.2)
    assert window.network.session.controller.trainer.step_count == first


def test_step_advances_exactly_one(window):
    window.network.session.controller.step()
    assert wait_until(lambda: len(window.network.session.history) == 1, 3)
    window.network.session.controller.step()
    assert wait_until(lambda: len(window.network.session.history) == 2, 3)
    spin(0.1)
    assert window.network.session.controller.trainer.step_count == 2 and len(window.network.session.history) == 2


def test_step_epoch_advances_one_epoch(window):
    trainer = window.network.session.controller.trainer
    expected = math.ceil(len(trainer.dataset.x_train) / trainer.batch_size)
    window.network.session.controller.step_epoch()
    assert wait_until(lambda: len(window.network.session.history) == expected, 5)
    spin(0.1)
    assert trainer.step_count == expected


def test_reset_clears_and_keeps_a_ghost(window):
    played(window, 30)
    old_run = window.network.session.controller.run_id
    window.modes.reset()
    window.network.paint_now()
    assert window.network.session.controller.run_id == old_run + 1
    assert len(window.network.session.history) == 0
    assert len(window.network.loss_plot.batch.getData()[0] or []) == 0
    assert len(window.network.loss_plot.ghost.getData()[0]) >= 30


def test_learning_rate_changes_live(window):
    played(window, 20)
    run_id, before = window.network.session.controller.run_id, len(window.network.session.history)
    window.network.optimizer_panel.lr.set_value(0.002)
    window.network.optimizer_panel.lr.value_changed.emit(0.002)
    played(window, before + 20)
    lr = window.network.session.history.column("lr")
    assert window.network.session.controller.run_id == run_id
    assert len(window.network.session.history) >= before + 20
    assert lr[-1] == pytest.approx(0.002, rel=1e-6)
    assert lr[0] == pytest.approx(presets.load("default").optimizer.lr, rel=1e-6)


def test_loss_or_optimizer_switch_starts_a_new_run(window):
    played(window, 10)
    run_id = window.network.session.controller.run_id
    window.network.edit_config({"loss.name": "hinge"})
    assert window.network.session.controller.run_id == run_id + 1 and len(window.network.session.history) == 0
    assert window.network.session.config.loss.name == "hinge"
    window.network.edit_config({"optimizer.name": "sgd", "optimizer.params": {"momentum": 0.9}})
    assert window.network.session.controller.run_id == run_id + 2
    assert window.network.optimizer_panel.menu.currentText() == "Momentum"


def test_unfitting_losses_are_greyed_out(window):
    assert window.network.loss_panel.is_enabled("bce")
    assert not window.network.loss_panel.is_enabled("mse")


def test_too_large_learning_rate_shows_the_banner(window):
    window.network.edit_config({"data.dataset": "sine", "data.features": ["x1"], "loss.name": "mse",
                        "optimizer.name": "sgd", "optimizer.params": {}, "optimizer.lr": 10.0})
    window.network.session.controller.play()
    assert wait_until(lambda: window.network.session.controller.trainer.divergence is not None, 10)
    bar = window.network.divergence_bar
    assert wait_until(lambda: bar.text != "", 3)
    text = bar.text
    assert "step" in text and "learning rate" in text and "press Reset (R)" in text
    assert not window.network.loss_plot.banner.isVisible()      # nothing covers the plot
    spin(0.1)
    label, plot = bar.label, window.network.loss_plot
    assert label.height() >= label.heightForWidth(label.width())   # no line cut off
    top_left = plot.mapTo(window, plot.rect().topLeft())
    assert bar.mapTo(window, bar.rect().bottomLeft()).y() < top_left.y()   # above the plot
    bar.close_button.click()
    assert bar.text == "" and not bar.isVisible()
    assert not window.network.session.controller.running
    assert len(window.network.loss_plot.marker.getData()[0]) == 1


def test_bad_value_keeps_the_run(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    run_id = window.network.session.controller.run_id
    window.network.edit_config({"model.hidden": [0]})
    assert window.network.session.controller.run_id == run_id and len(shown) == 1
    assert "model.hidden" in shown[0]


def test_closing_while_training_stops_the_thread(qtbot):
    gui_app.make_app()
    config, title = gui_app.load_config("default", None)
    main_window = MainWindow(config, title)
    main_window.show()
    main_window.network.session.controller.play()
    assert wait_until(lambda: len(main_window.network.session.history) > 5, 5)
    main_window.close()
    assert not main_window.network.session.controller.thread.isRunning()


def test_choosing_data_of_another_task_chooses_a_fitting_loss(window, tmp_path):
    """Spiral (BCE) -> sine needs a regression loss; the panel would grey them all out."""
    panel = window.network.data_panel
    panel.dataset.setCurrentIndex(panel.dataset.findData("sine"))
    assert (window.network.session.config.data.dataset, window.network.session.config.loss.name) == ("sine", "mse")
    assert window.network.session.config.data.features == ("x1", "sin(x1)")
    assert "Loss switched to Mean squared error" in window.statusBar().currentMessage()
    panel.dataset.setCurrentIndex(panel.dataset.findData("blobs"))
    assert (window.network.session.config.data.dataset, window.network.session.config.loss.name) == ("blobs", "ce")
    assert window.network.session.net.layers[-1].n_out == 3
    csv_file = tmp_path / "ramp.csv"
    csv_file.write_text("x,y\n" + "".join(f"{i / 10},{i / 5 + 0.3}\n" for i in range(40)))
    window.network.edit_config({"data.dataset": "csv", "data.csv_path": str(csv_file),
                        "data.features": ["x1"]})
    assert (window.network.session.config.data.dataset, window.network.session.config.loss.name) == ("csv", "mse")
    assert window.network.session.dataset.task == "regression" and len(window.network.session.history) == 0
