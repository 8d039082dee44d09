"""The status line: step, epoch, losses, accuracy and speed, never 'nan', at a readable rate."""
from __future__ import annotations

from gui.status import STATUS_MS, StatusLine
from tests.gui.helpers import wait_until


def test_a_lesson_with_a_tiny_test_set_shows_no_nan_in_the_status(window):
    mode = window.network
    mode.edit_config({"data.train_fraction": 1.0})
    assert len(mode.session.dataset.x_test) == 0
    mode.session.controller.step()
    assert wait_until(lambda: mode.session.last_eval is not None, 3)
    mode.paint_now()
    assert wait_until(lambda: "step 1" in window.status.text(), 2)
    assert "nan" not in window.status.text()


def test_the_status_changes_at_most_four_times_a_second_and_ends_on_the_newest(qapp):
    assert STATUS_MS == 250
    line, shown = StatusLine(), []
    line.post("step 1")
    assert line.text() == "step 1"                  # the first text after a pause: at once
    original = line.setText
    line.setText = lambda text: (shown.append(text), original(text))
    for step in range(2, 40):                        # a frame every few ms
        line.post(f"step {step}")
    assert line.text() == "step 1" and shown == []   # held back, not rewritten 38 times
    assert wait_until(lambda: line.text() == "step 39", 2)
    assert shown == ["step 39"]                      # one rewrite, with the newest text
    line.show_now("landscape")
    assert line.text() == "landscape"


def test_the_window_posts_each_frames_status_to_the_rate_limited_line(window, monkeypatch):
    posted = []
    monkeypatch.setattr(window.status, "post", posted.append)
    window.network.show_status()
    assert isinstance(window.status, StatusLine) and len(posted) == 1
    assert posted[0].startswith("step 0   epoch 0")
