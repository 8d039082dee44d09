"""RunSession: a run's config, data, History and shown network; stale news never drawn."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from engine.errors import ConfigError
from gui.worker import WeightsSnapshot


def test_weights_of_an_old_run_never_reach_the_new_network(window):
    session = window.network.session
    old = WeightsSnapshot(session.controller.run_id, 5, session.net.state_dict(), {})
    session._weights_updated(old)                             # arrived just before the edit
    window.network.edit_config({"model.hidden": [8, 8, 8]})   # a new run, another architecture
    assert session.pending_weights is None
    session._weights_updated(old)                             # or even after it: still ignored
    window.network.paint_now()
    assert [layer.n_out for layer in session.net.layers] == [8, 8, 8, 1]
    fresh = session.controller.trainer.network.state_dict()
    assert all(np.array_equal(fresh[k], v) for k, v in session.net.state_dict().items())


def test_a_bad_config_is_refused_naming_the_field_and_the_run_is_kept(window):
    session = window.network.session
    before = (session.config, session.controller.run_id, session.net)
    config = session.config
    bad = dataclasses.replace(config, model=dataclasses.replace(config.model, hidden=(0,)))
    with pytest.raises(ConfigError, match=r"model\.hidden = .* is not allowed"):
        session.start(bad)
    assert (session.config, session.controller.run_id, session.net) == before
