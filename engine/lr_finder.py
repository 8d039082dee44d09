"""The learning-rate range test (after fastai's lr_find and Leslie Smith, arXiv 1506.01186).

On a copy of the model, the learning rate grows geometrically from `start` to `end` over
`num_it` updates, one batch each; the loss is smoothed by a debiased EMA (β = 0.98) and the
test stops early once the smoothed loss passes 4× the best so far or stops being finite. The
model it was given is left unchanged. Three suggestions (docs/maths.md, range test):
- valley: the middle of the longest run of decreasing smoothed loss;
- minimum / 10: a tenth of the learning rate at the lowest smoothed loss;
- steepest: where the smoothed loss falls fastest against log γ.
The suggestions ignore the start of the curve, where the EMA (β = 0.98 averages ~50 batches)
still moves with its debiasing rather than with learning (the first 25 updates, or a tenth if
longer, at most a third), and its last few points, where it blows up; fastai skips likewise.
A curve too flat to suggest anything (`too_flat`): in that window the smoothed loss never
falls more than FLAT = 5% below where the window starts. Then the three "suggestions" are seed
noise (the default lesson falls 2.7% with seed 0 and 4.5% with seed 1) and should not be used.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from engine.config import RunConfig, ScheduleConfig
from engine.errors import ConfigError

BETA = 0.98          # smoothing of the recorded loss
BLOW_UP = 4.0        # stop when the smoothed loss exceeds this many times the best
SKIP_START = 25      # updates left out of the suggestions at the start (EMA settling)
SKIP_END = 5         # and at the end (blowing up)
FLAT = 0.05          # a fall smaller than this fraction of the start suggests nothing


class RangeTestCancelled(Exception):
    """The range test was stopped by its `progress` callback before it finished."""


@dataclass(frozen=True)
class LrFinderResult:
    """The range test's curve and its three suggested learning rates."""

    lrs: np.ndarray          # learning rate of each update
    losses: np.ndarray       # batch loss at that learning rate
    smoothed: np.ndarray     # debiased EMA of the losses
    valley: float            # middle of the longest decreasing run
    minimum_tenth: float     # lr at the lowest smoothed loss, / 10
    steepest: float          # lr where d(smoothed)/d(log lr) is most negative
    stopped_early: bool      # True when the loss blew up before `end`
    fall: float = 0.0        # (start − lowest) / start of the smoothed loss, in the window
    too_flat: bool = False   # fall < FLAT: the suggestions are noise, not advice


def find_lr(config: RunConfig, weights: dict | None = None, dataset=None, start: float = 1e-7,
            end: float = 10.0, num_it: int = 100,
            progress: Callable[[int, int], bool] | None = None) -> LrFinderResult:
    """Run the range test on a fresh Trainer for `config` (with `weights` loaded if given).

    progress(done, num_it), if given, is called after every update; when it returns False
    the test stops there and raises RangeTestCancelled (a window's Cancel button).
    """
    from engine.trainer import Trainer

    _check(start, end, num_it)
    flat = replace(config, schedule=ScheduleConfig())          # the test sets γ itself
    trainer = Trainer(flat, dataset)
    if weights is not None:
        trainer.network.load_state_dict(weights)
    lrs, losses, smoothed = [], [], []
    state, best = EmaState(), math.inf
    for i in range(num_it):
        lr = start * (end / start) ** (i / num_it)
        trainer.set_hyper(lr=lr)
        loss = trainer.step().loss
        values, state = debiased_ema(np.array([loss]), BETA, state)
        value = float(values[0])
        if not math.isfinite(value) or trainer.divergence or value > BLOW_UP * best:
            break
        lrs.append(lr)
        losses.append(loss)
        smoothed.append(value)
        best = min(best, value)
        if progress is not None and not progress(i + 1, num_it):
            raise RangeTestCancelled(f"stopped after {i + 1} of {num_it} updates")
    stopped = len(lrs) < num_it
    return _suggest(np.array(lrs), np.array(losses), np.array(smoothed), stopped)


@dataclass(frozen=True)
class EmaState:
    """Where a debiased EMA stopped: the running average and how many values it has seen."""

    avg: float = 0.0
    count: int = 0


def debiased_ema(x: np.ndarray, beta: float, state: EmaState = EmaState()):
    """The debiased exponential moving average of x, continuing from `state`.

    avg_t = β·avg_{t−1} + (1 − β)·x_t with avg_0 = 0, shown as avg_t / (1 − β^t). Returns
    (values, new state); feeding a series in pieces gives the same values as all at once.
    Vectorised in log2(n) passes: with c_t = (1 − β)·x_t, after the pass of span d each avg_t
    holds Σ_{i<2d} β^i·c_{t−i} (avg_t += β^d·avg_{t−d}), until 2d ≥ n or β^d underflows.
    """
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta}")
    x = np.asarray(x, dtype=np.float64)
    if len(x) == 0:
        return x.copy(), state
    t = state.count + np.arange(1, len(x) + 1)
    if beta == 0:                                        # no memory: the values themselves
        return x.copy(), EmaState(float(x[-1]), int(t[-1]))
    avg = (1 - beta) * x
    avg[0] += beta * state.avg
    span, weight = 1, beta                     # avg_t holds Σ_{i<span} β^i·c_{t−i}
    while span < len(x) and weight > 0:        # until β^span underflows: exact to rounding
        avg[span:] = avg[span:] + weight * avg[:-span]
        span, weight = 2 * span, weight * weight
    debias = -np.expm1(t * np.log(beta))       # 1 − β^t
    return avg / debias, EmaState(float(avg[-1]), int(t[-1]))


def _check(start: float, end: float, num_it: int) -> None:
    if not (isinstance(start, (int, float)) and 0 < start < 100):
        raise ConfigError("lr_find.start", start, "a learning rate in (0, 100)")
    if not (isinstance(end, (int, float)) and start < end <= 100):
        raise ConfigError("lr_find.end", end, f"a learning rate in ({start:g}, 100]")
    if not (isinstance(num_it, int) and 5 <= num_it <= 10_000):
        raise ConfigError("lr_find.num_it", num_it, "a whole number from 5 to 10000")


def _suggest(lrs, losses, smoothed, stopped: bool) -> LrFinderResult:
    a = min(max(SKIP_START, len(lrs) // 10), len(lrs) // 3)
    b = len(lrs) - min(SKIP_END, len(lrs) // 10)
    if b - a < 3:
        raise ConfigError("lr_find.start", float(lrs[0]) if len(lrs) else None,
                          "a start low enough that the loss does not blow up at once")
    x, y = lrs[a:b], smoothed[a:b]
    fall = float((y[0] - y.min()) / abs(y[0])) if y[0] != 0 else 0.0
    return LrFinderResult(lrs, losses, smoothed, valley_lr(x, y),
                          float(x[int(np.argmin(y))]) / 10, steepest_lr(x, y), stopped,
                          fall, fall < FLAT)


def valley_lr(lrs: np.ndarray, smoothed: np.ndarray) -> float:
    """The learning rate in the middle of the longest run of decreasing smoothed loss."""
    falling = np.diff(smoothed) < 0
    best_start, best_len, run_start = 0, 0, 0
    for i, down in enumerate(falling):
        if not down:
            run_start = i + 1
        elif i + 1 - run_start > best_len:
            best_start, best_len = run_start, i + 1 - run_start
    return float(lrs[best_start + best_len // 2])


def steepest_lr(lrs: np.ndarray, smoothed: np.ndarray) -> float:
    """The learning rate where the smoothed loss falls fastest per decade of γ."""
    slope = np.gradient(smoothed, np.log10(lrs))
    return float(lrs[int(np.argmin(slope))])
