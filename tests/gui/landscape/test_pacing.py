"""fast_budget: the race's stepping time per tick shrinks with overfull ticks, grows back."""
import pytest

from gui.landscape.pacing import CUT_S, FAST_BUDGET_S, GROW_S, MIN_BUDGET_S, fast_budget


def test_the_fast_budget_gives_up_the_work_beyond_a_tick_and_recovers():
    room = 0.031                                 # a tick's room for the GUI thread's work
    assert fast_budget(FAST_BUDGET_S, 0.020) == FAST_BUDGET_S            # at most the cap
    assert fast_budget(0.008, room - 0.001) == pytest.approx(0.008 + GROW_S)   # it fitted
    assert fast_budget(0.012, room + 0.001) == pytest.approx(0.011)     # 1 ms too much
    assert fast_budget(0.012, room + 0.050) == pytest.approx(0.012 - CUT_S)   # a one-off
    assert fast_budget(0.003, room + 0.050) == MIN_BUDGET_S             # never below
