"""Exact order statistics (engine/order_stats.py): literal values, and equality with a full sort
for every kind of array the partition-first path must recognise (signs, zeros, inf, NaN)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from engine.order_stats import SORT_BELOW, exact_median, order_statistics


def by_sorting(values: np.ndarray) -> list[float]:
    """[min, middle element(s), max] the slow way: what order_statistics must equal."""
    ordered, n = np.sort(values), values.size
    middle = ordered[[n // 2]] if n % 2 else ordered[[n // 2 - 1, n // 2]]
    return [ordered[0], *middle.tolist(), ordered[-1]]


@pytest.mark.parametrize(("values", "median"), [
    ([0.5], 0.5), ([0.4, 0.1], 0.25), ([3.0, 1.0, 2.0], 2.0), ([4.0, 1.0, 3.0, 2.0], 2.5),
    ([1e-3, 1e-3, 7.0, 1e-3, 2.0], 1e-3)])
def test_exact_median_of_literal_values(values, median):
    assert exact_median(np.array(values)) == median


def test_exact_median_equals_numpys_for_odd_and_even_sizes():
    rng = np.random.default_rng(3)
    for n in (3, 4, 101, 1000):
        values = rng.lognormal(size=n)
        assert exact_median(values) == np.median(values)


@pytest.mark.parametrize("n", [5, 4000])
def test_order_statistics_are_min_middle_max(n):
    values = np.random.default_rng(1).normal(size=n)
    ordered = np.sort(values)
    middle = ordered[[n // 2]] if n % 2 else ordered[[n // 2 - 1, n // 2]]
    assert order_statistics(values).tolist() == \
        [ordered[0], *middle.tolist(), ordered[-1]]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_exact_median_of_positive_floats_partitioned_as_integers_equals_numpys(dtype):
    rng = np.random.default_rng(5)
    for n in (2001, 2000, 100_000):
        values = rng.lognormal(size=n).astype(dtype)
        values[::7] = np.inf if n == 2000 else values[0]    # ties, and +inf (largest)
        assert exact_median(values) == np.median(values)
        assert exact_median(-values) == np.median(-values)   # negatives: as floats


def test_order_statistics_of_literal_positive_values_above_the_sort_size():
    # 2,000 elements: 1,000 at 0.25, 999 at 4.0 and one 1e-6; sorted, the middle two are
    # elements 999 and 1000 (0-based): 0.25 and 0.25; min 1e-6, max 4.0.
    values = np.array([0.25] * 1000 + [4.0] * 999 + [1e-6])
    np.random.default_rng(0).shuffle(values)
    assert order_statistics(values).tolist() == [1e-6, 0.25, 0.25, 4.0]
    values[0] = 3.0                            # one 0.25 or 4.0 becomes 3.0
    assert order_statistics(values).tolist()[1:3] in ([0.25, 0.25], [0.25, 3.0])


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("special", [0.0, -0.0, -1.0, np.nan, -np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("n", [SORT_BELOW, SORT_BELOW + 1, 100_480])
def test_one_special_value_among_positives_is_ordered_as_a_full_sort_would(dtype, special, n):
    """The integer-key path holds only for floats > 0 (+inf allowed); a zero of either sign, a
    negative, or a NaN of either sign must send it to the float path, with the same answer as
    sorting (NaN: min and max NaN, as np.min/np.max give)."""
    values = np.random.default_rng(7).lognormal(size=n).astype(dtype)
    values[n // 3] = special
    stats = order_statistics(values)
    if np.isnan(special):
        assert np.isnan(stats[0]) and np.isnan(stats[-1])
    else:
        assert stats.tolist() == by_sorting(values)
        assert stats.dtype == dtype


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(st.sampled_from([np.float32, np.float64]),
                  st.integers(SORT_BELOW, 3 * SORT_BELOW),
                  elements=st.floats(width=32, allow_nan=False)))
def test_order_statistics_equal_a_full_sort(values):
    assert order_statistics(values).tolist() == by_sorting(values)


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(np.float32, st.integers(SORT_BELOW, 3 * SORT_BELOW),
                  elements=st.sampled_from([1e-8, 1e-3, 0.5, 0.5, 2.0, np.inf])))
def test_order_statistics_of_positives_with_many_ties_equal_a_full_sort(values):
    assert order_statistics(values).tolist() == by_sorting(values)


def test_integers_and_long_doubles_are_ordered_without_the_integer_key_path():
    ints = np.arange(SORT_BELOW + 1)[::-1].copy()
    assert order_statistics(ints).tolist() == [0, SORT_BELOW // 2, SORT_BELOW]
    longs = np.linspace(1.0, 2.0, SORT_BELOW + 1).astype(np.longdouble)
    assert order_statistics(longs).tolist() == [1.0, 1.5, 2.0]
    assert exact_median(longs) == 1.5
