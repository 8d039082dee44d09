"""Panel edits: live values, new runs, and which edits keep the clicked-in points."""
from __future__ import annotations


def test_reset_and_model_edits_keep_clicked_points_a_data_edit_does_not(window):
    mode = window.network
    session = mode.session
    n = len(session.dataset.x_train)
    mode.data_view.point_added.emit(((1.0, 1.0), 1))
    assert len(session.dataset.x_train) == n + 1
    window.modes.reset()
    assert len(session.dataset.x_train) == n + 1 and session.controller.trainer.step_count == 0
    mode.edit_config({"model.activation": "relu"})
    assert len(session.dataset.x_train) == n + 1
    mode.edit_config({"data.noise": 0.1})
    assert len(session.dataset.x_train) == n
