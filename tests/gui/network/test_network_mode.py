"""NetworkMode: a run shown in the panels and the five views."""
from __future__ import annotations

import pytest


def test_the_learning_rate_control_shows_every_allowed_value(window):
    mode = window.network
    mode.start_run(mode.session.config.with_overrides({"optimizer.lr": 50.0}))   # e.g. loaded
    assert mode.session.config.optimizer.lr == 50.0
    assert mode.optimizer_panel.lr.value() == pytest.approx(50.0)
