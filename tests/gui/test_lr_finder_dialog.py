"""The range-test dialog: the curve shown, and a suggestion applied live to the run."""
from __future__ import annotations

import pytest

from gui.lr_finder_dialog import run_range_test
from tests.gui.helpers import wait_until


def test_dialog_shows_the_curve_and_using_a_suggestion_sets_the_lr_live(window):
    window.network.session.controller.step(15)
    assert wait_until(lambda: len(window.network.session.history) == 15, 5)
    window.network.paint_now()
    run_id, weights = window.network.session.controller.run_id, window.network.session.net.state_dict()
    dialog = run_range_test(window.network)
    result = dialog.result
    x, y = dialog.smooth.getData()
    assert len(x) == len(result.lrs) > 50
    assert dialog.buttons["valley"].text() == f"Use valley: γ = {result.valley:.2g}"
    dialog.buttons["valley"].click()
    assert window.network.session.config.optimizer.lr == pytest.approx(result.valley)
    assert window.network.optimizer_panel.lr.value() == pytest.approx(result.valley, rel=1e-6)
    assert window.network.session.controller.run_id == run_id and len(window.network.session.history) == 15   # no reset
    assert all((weights[k] == window.network.session.net.state_dict()[k]).all() for k in weights)
    window.network.session.controller.step()
    assert wait_until(lambda: len(window.network.session.history) == 16, 5)
    assert window.network.session.history.column("lr")[-1] == pytest.approx(result.valley, rel=1e-6)
