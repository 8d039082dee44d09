"""The status line: step, epoch, losses, accuracy and speed, never 'nan'."""
from __future__ import annotations

from tests.gui.helpers import wait_until


def test_a_lesson_with_a_tiny_test_set_shows_no_nan_in_the_status(window):
    mode = window.network
    mode.edit_config({"data.train_fraction": 1.0})
    assert len(mode.session.dataset.x_test) == 0
    mode.session.controller.step()
    assert wait_until(lambda: mode.session.last_eval is not None, 3)
    mode.paint_now()
    assert "nan" not in window.status.text() and "step 1" in window.status.text()
