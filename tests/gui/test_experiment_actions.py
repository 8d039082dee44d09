"""File → Save experiment… / Open experiment… in the window: the run comes back whole."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtWidgets

from engine.errors import ConfigError
from engine.experiment import load_experiment
from engine.trainer import Trainer
from gui import experiment_actions
from tests.gui.helpers import wait_until


def _trained(window, n: int):
    session = window.network.session
    session.controller.step(n)
    assert wait_until(lambda: len(session.history) == n and not session.controller.running, 10)
    window.network.paint_now()
    return session


def test_save_at_step_n_open_and_the_curves_have_n_points_and_the_weights_are_equal(
        window, tmp_path, monkeypatch):
    mode = window.network
    session = _trained(window, 37)
    saved = {k: v.copy() for k, v in session.controller.trainer.network.state_dict().items()}
    mode.loss_plot.log_box.setChecked(False)
    mode.loss_plot.smoothing.setValue(50)
    mode.loss_plot.x_mode.setCurrentIndex(1)                      # epochs
    path = str(tmp_path / "run")
    assert experiment_actions.save_experiment(mode, path)
    assert load_experiment(path + ".dlab").view == {
        "log_y": {"loss": False, "gradient": True, "lr": True}, "smoothing": 50,
        "x_axis": "epochs"}
    assert window.open_lesson("miles-to-km")                      # something else on screen
    mode.loss_plot.log_box.setChecked(True)
    mode.loss_plot.smoothing.setValue(90)
    assert experiment_actions.open_experiment(mode, path + ".dlab")
    session = mode.session
    assert len(session.history) == 37 and session.initial_weights is None
    x, y = mode.loss_plot.batch.getData()
    assert len(x) == 37 and len(mode.loss_plot.ema.getData()[0]) == 37
    assert np.array_equal(y, session.history.column("loss").astype(np.float64))
    weights = session.controller.trainer.network.state_dict()
    assert all(np.array_equal(saved[k], weights[k]) for k in saved)
    assert all(np.array_equal(saved[k], session.net.state_dict()[k]) for k in saved)
    assert not mode.loss_plot.log_y and mode.loss_plot.smoothing.value() == 50
    assert mode.loss_plot.x_mode.currentText() == "epochs"
    assert window.windowTitle() == "Descent Lab — run"


def test_an_opened_experiment_continues_exactly_as_if_never_closed(window, tmp_path):
    mode = window.network
    session = _trained(window, 20)
    config = session.config
    path = str(tmp_path / "half.dlab")
    assert experiment_actions.save_experiment(mode, path)
    assert experiment_actions.open_experiment(mode, path)
    session = mode.session
    session.controller.step(15)
    assert wait_until(lambda: len(session.history) == 35 and not session.controller.running, 10)
    straight = Trainer(config)
    straight.run(35)
    mine = session.controller.trainer
    assert all(np.array_equal(v, mine.network.state_dict()[k])
               for k, v in straight.network.state_dict().items())
    assert np.array_equal(straight.history.column("loss"), mine.history.column("loss"))


def test_a_bad_file_gets_one_message_and_nothing_changes(window, tmp_path, monkeypatch):
    mode = window.network
    session = _trained(window, 5)
    run_id, config = session.controller.run_id, session.config
    bad = tmp_path / "broken.dlab"
    bad.write_bytes(b"not a zip at all")
    said = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning",
                        lambda parent, title, text: said.append((title, text)))
    assert not experiment_actions.open_experiment(mode, str(bad))
    assert len(said) == 1 and said[0][0] == "Not a Descent Lab experiment"
    assert "broken.dlab" in said[0][1]
    with pytest.raises(ConfigError) as refused:          # the engine's message, as it is
        load_experiment(str(bad), bad.name)
    assert said[0][1] == str(refused.value)
    assert mode.session.controller.run_id == run_id and mode.session.config == config
    assert len(mode.session.history) == 5


def test_the_file_menu_has_both_actions(window):
    assert window.actions["save_experiment"].text() == "Save experiment…"
    assert window.actions["open_experiment"].text() == "Open experiment…"
