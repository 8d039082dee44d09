"""Exact order statistics (min, the middle element or two, max, the median) in linear time.

The trainer summarises every layer's effective learning rates this way at every step, so the
largest layer's array (100,480 elements in a 784-128-64-10 network) is ordered each step:
np.partition once, never a full sort. Positive floats are ordered as their bit patterns are as
integers of the same size, and NumPy partitions integers about three times faster than floats,
so those are partitioned as integers; the elements found are the same.
"""
from __future__ import annotations

import numpy as np

SORT_BELOW = 1024   # elements: below this one np.sort is cheaper than a partition and scans
_INF_KEY = {np.dtype(t): np.array(np.inf, t).view(f"i{np.dtype(t).itemsize}")[()]
            for t in (np.float16, np.float32, np.float64)}    # +inf's bits: the largest key


def _middle(values: np.ndarray, positive: bool) -> np.ndarray:
    """np.partition once; the element below the upper middle is the largest of the lower
    half (one scan: partitioning at two places costs about ten times as much)."""
    keys = values.view(f"i{values.itemsize}") if positive else values
    half = values.size // 2
    part = np.partition(keys, half)       # part[half] in place, everything before it ≤ it
    mid = part[half:half + 1] if values.size % 2 else np.array([part[:half].max(), part[half]])
    return mid.view(values.dtype)


def order_statistics(values: np.ndarray) -> np.ndarray:
    """[min, the middle element or two, max] of a 1-D array, exactly: one sort for a small
    array, else one np.partition and scans of its halves. NaN makes min and max NaN."""
    n, half = values.size, values.size // 2
    if n < SORT_BELOW:
        ordered = np.sort(values)
        if ordered[-1] == ordered[-1]:                    # NaN sorts last, and NaN ≠ NaN
            return ordered[[0, half, n - 1] if n % 2 else [0, half - 1, half, n - 1]]
    if values.dtype in _INF_KEY:                          # a float type with an integer twin
        stats = _positive_order_statistics(values)
        if stats is not None:
            return stats
    lo, hi = values.min(), values.max()
    return np.array([lo, *_middle(values, positive=values.dtype in _INF_KEY and lo > 0), hi])


def _positive_order_statistics(values: np.ndarray) -> np.ndarray | None:
    """order_statistics of floats that are all > 0 (inf allowed), else None.

    The integer keys are partitioned first, and the partition itself tells whether the floats
    were all positive: then the smallest key is > 0 (a sign bit, -0.0 and +0.0 give ≤ 0) and
    the largest at most +inf's (a NaN's is larger). Min and max are read off the halves the
    partition left (already in cache), instead of two scans of `values` before it.
    """
    n, half = values.size, values.size // 2
    keys = values.view(f"i{values.itemsize}")
    part = np.partition(keys, half)
    lower, upper = part[:half], part[half:]
    smallest, largest = lower.min(), upper.max()
    if smallest <= 0 or largest > _INF_KEY[values.dtype]:
        return None
    ordered = [smallest, part[half], largest] if n % 2 else \
        [smallest, lower.max(), part[half], largest]
    return np.array(ordered, keys.dtype).view(values.dtype)


def exact_median(values: np.ndarray) -> float:
    """The median of a 1-D array, exactly, in linear time (np.partition, not a full sort)."""
    n = values.size
    if n <= 2:                  # a 1-D or 2-D landscape's point: no partition needed
        return float(values[0]) if n == 1 else 0.5 * (float(values[0]) + float(values[1]))
    return mean_of_middle(order_statistics(values)[1:-1])


def mean_of_middle(mid: np.ndarray) -> float:
    """The median from the middle element, or the mean of the two middle ones."""
    return float(mid[0]) if mid.size == 1 else 0.5 * (float(mid[0]) + float(mid[1]))
