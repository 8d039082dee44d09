"""Learning-rate schedules checked against literal numbers from torch.optim.lr_scheduler.

Independent check of engine/schedules.py (docs/engine-api.md). ``lr_at(t, base_lr)`` with
t = 1 for the first update, which uses the base lr: PyTorch's ``last_epoch = t - 1``.
Expected lists: the lr in the optimizer's param group before update t = 1..12, printed by
PyTorch 2.13.0 (float64) for StepLR, ExponentialLR, CosineAnnealingLR (which keeps going
after T_max: back up towards base) and CyclicLR(mode="triangular", cycle_momentum=False);
they agree with the closed forms to ~1e-15.
"""
from __future__ import annotations

import types

import numpy as np
import pytest

from engine import schedules

RTOL = 1e-12


def _cfg(name, params, warmup_steps=0):
    return types.SimpleNamespace(name=name, params=dict(params), warmup_steps=warmup_steps)


# id: (registry name, params, base_lr, [lr for t = 1..12])
CASES = {
    "step": ("step", {"step_size": 3, "gamma": 0.5}, 0.1,
             [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125, 0.0125]),
    "step_4_0.1": ("step", {"step_size": 4, "gamma": 0.1}, 0.2,
                   [0.2, 0.2, 0.2, 0.2, 0.020000000000000004, 0.020000000000000004,
                    0.020000000000000004, 0.020000000000000004, 0.0020000000000000005,
                    0.0020000000000000005, 0.0020000000000000005, 0.0020000000000000005]),
    "exponential": ("exponential", {"gamma": 0.9}, 0.1,
                    [0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002,
                     0.06561000000000002, 0.05904900000000002, 0.05314410000000002,
                     0.04782969000000002, 0.043046721000000024, 0.03874204890000002,
                     0.03486784401000002, 0.03138105960900001]),
    "cosine": ("cosine", {"T_max": 8, "eta_min": 0.001}, 0.1,
               [0.1, 0.0962320368593087, 0.0855017856687341, 0.06944282990207196, 0.0505,
                0.03155717009792806, 0.0154982143312659, 0.004767963140691306, 0.001,
                0.004767963140691307, 0.01549821433126591, 0.03155717009792807]),
    "cosine_eta0": ("cosine", {"T_max": 5, "eta_min": 0.0}, 0.05,
                    [0.05, 0.04522542485937369, 0.032725424859373686, 0.017274575140626316,
                     0.004774575140626317, 0.0, 0.004774575140626314, 0.017274575140626323,
                     0.03272542485937371, 0.04522542485937372, 0.05000000000000003,
                     0.04522542485937373]),
    "cyclic": ("cyclic", {"max_lr": 0.1, "step_size_up": 4}, 0.01,
               [0.01, 0.0325, 0.05500000000000001, 0.0775, 0.1, 0.0775, 0.05500000000000001,
                0.0325, 0.01, 0.0325, 0.05500000000000001, 0.0775]),
    "cyclic_3": ("cyclic", {"max_lr": 0.5, "step_size_up": 3}, 0.1,
                 [0.1, 0.2333333333333334, 0.3666666666666666, 0.5, 0.3666666666666668,
                  0.23333333333333323, 0.1, 0.2333333333333336, 0.3666666666666665, 0.5,
                  0.3666666666666665, 0.2333333333333336]),
    "constant": ("constant", {}, 0.03, [0.03] * 12),
}


@pytest.mark.parametrize("case_id", list(CASES))
def test_lr_at_matches_torch(case_id):
    name, params, base, expected = CASES[case_id]
    sched = schedules.make_schedule(_cfg(name, params))
    got = [sched.lr_at(t, base) for t in range(1, 13)]
    for t, (g, e) in enumerate(zip(got, expected), start=1):
        assert np.isfinite(g)
        np.testing.assert_allclose(g, e, rtol=RTOL, atol=1e-15,
                                   err_msg=f"{case_id}: lr_at({t}, {base})")


@pytest.mark.parametrize("case_id", list(CASES))
def test_lr_at_any_order(case_id):
    # lr_at is a function of t: asking backwards gives the same numbers
    name, params, base, expected = CASES[case_id]
    sched = schedules.make_schedule(_cfg(name, params))
    for t in range(12, 0, -1):
        np.testing.assert_allclose(sched.lr_at(t, base), expected[t - 1], rtol=RTOL, atol=1e-15,
                                   err_msg=f"{case_id}: lr_at({t}) asked in reverse order")


def test_first_update_uses_base_lr():
    for name, params, _, _ in CASES.values():
        if name == "cyclic":
            params = {**params, "max_lr": 1.0}  # keep base 0.37 below max_lr
        sched = schedules.make_schedule(_cfg(name, params))
        assert sched.lr_at(1, 0.37) == pytest.approx(0.37, rel=1e-15), name


def test_scales_with_base_lr():
    # step / exponential / cosine with eta_min 0 are proportional to base_lr
    for name, params in [("step", {"step_size": 3, "gamma": 0.5}), ("exponential", {"gamma": 0.9}),
                         ("cosine", {"T_max": 5, "eta_min": 0.0})]:
        sched = schedules.make_schedule(_cfg(name, params))
        for t in (1, 4, 7):
            assert sched.lr_at(t, 2.0) == pytest.approx(20.0 * sched.lr_at(t, 0.1), rel=1e-12)


def test_warmup_zero_is_no_warmup():
    # warmup_steps = 0 must leave every schedule exactly as torch computes it (no ramp at t = 1)
    for case_id, (name, params, base, expected) in CASES.items():
        sched = schedules.make_schedule(_cfg(name, params, warmup_steps=0))
        got = [sched.lr_at(t, base) for t in range(1, 13)]
        np.testing.assert_allclose(got, expected, rtol=RTOL, atol=1e-15, err_msg=case_id)
