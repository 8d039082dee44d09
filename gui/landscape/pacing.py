"""The race's pace at 'as fast as possible': how long each tick steps before it redraws.

The race and its painting share the GUI thread; a tick steps for a budget, then the frame
is drawn. The budget shrinks while the thread's own work overfills a tick and grows back
when it fits, so the frames keep their rate on a bigger window or a slower machine.
"""
from __future__ import annotations

TICK_MS = 30              # redraw period while playing
FAST_BUDGET_S = 0.012     # stepping time per tick at 'as fast as possible', at most
MIN_BUDGET_S = 0.002      # ... and at least, however slow the frames
ROOM_S = 0.031            # the GUI thread's work per tick is kept below this (≥ 32 frames/s)
CUT_S = 0.002             # the budget's largest cut per tick (one slow frame is a one-off)
GROW_S = 0.0005           # the budget's recovery per tick that fitted


def fast_budget(budget: float, busy: float) -> float:
    """The next tick's stepping time at 'as fast as possible', from this one's and the GUI
    thread's CPU time since the last tick (`busy`: stepping, drawing, painting). Work beyond
    ROOM_S is taken off the stepping (at most CUT_S a tick), so frames keep their rate when
    painting costs more; a tick that fitted takes back GROW_S, up to FAST_BUDGET_S. CPU time,
    not the clock: other programs taking the cores (fewer steps would not cure that) leave
    the budget alone."""
    over = busy - ROOM_S
    budget = budget - min(over, CUT_S) if over > 0 else budget + GROW_S
    return min(FAST_BUDGET_S, max(MIN_BUDGET_S, budget))
