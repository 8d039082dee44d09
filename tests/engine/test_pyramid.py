"""MinMaxPyramid: curves of at most ~max_points points, spikes kept, only new values read."""
import numpy as np
import pytest

from engine.pyramid import STORED_FROM, GrowingArray, MinMaxPyramid


def blocks_min_max(values, index):
    """Brute force: min and max of values[first:last + 1] for each (first, last) pair."""
    pairs = index.reshape(-1, 2)
    return np.stack([[values[a:b + 1].min(axis=0), values[a:b + 1].max(axis=0)]
                     for a, b in pairs]).reshape(-1, *values.shape[1:])


def test_short_series_are_drawn_point_for_point():
    values = np.array([3.0, 1.0, 4.0, 1.0, 5.0])
    index, y = MinMaxPyramid().curve(values, max_points=10)
    assert index.tolist() == [0, 1, 2, 3, 4] and y.tolist() == [3, 1, 4, 1, 5]


def test_blocks_of_two_to_the_k_then_one_block_of_each_smaller_size():
    """1000 values, 20 points: k = ceil(log2(100)) = 7, seven blocks of 128 and 64 + 32 + 8."""
    values = np.random.default_rng(0).normal(size=1000)
    index, y = MinMaxPyramid().curve(values, max_points=20)
    firsts = [0, 128, 256, 384, 512, 640, 768, 896, 960, 992]
    lasts = [127, 255, 383, 511, 639, 767, 895, 959, 991, 999]
    assert index.tolist() == [i for pair in zip(firsts, lasts) for i in pair]
    np.testing.assert_array_equal(y, blocks_min_max(values, index))


def test_a_million_steps_give_at_most_about_max_points_and_keep_every_spike():
    values = np.random.default_rng(1).lognormal(size=(1_000_000, 3)).astype(np.float32)
    values[123_457, 1] = 1e6                               # one spike in one layer
    index, y = MinMaxPyramid().curve(values, max_points=2000)
    assert len(index) <= 2000 + 2 * 20 and y.shape == (len(index), 3)
    assert y[:, 1].max() == 1e6 and y.max(axis=0)[[0, 2]].tolist() == \
        values.max(axis=0)[[0, 2]].tolist()
    assert index[0] == 0 and index[-1] == 999_999
    np.testing.assert_array_equal(y, blocks_min_max(values, index))


def test_taking_values_in_pieces_gives_the_same_curve_as_all_at_once():
    values = np.random.default_rng(2).normal(size=50_000)
    pieces, growing = MinMaxPyramid(), 0
    for size in (1, 63, 64, 65, 1000, 7777, 20_000, 21_030):
        growing += size
        pieces.curve(values[:growing], max_points=500)
    once = MinMaxPyramid().curve(values, max_points=500)
    for a, b in zip(pieces.curve(values, max_points=500), once):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("n", [5000, 150_000])        # a level below STORED_FROM; a stored one
def test_old_values_are_never_read_again(n):
    """The levels hold the old blocks: overwriting old raw values changes none of them."""
    values = np.random.default_rng(3).normal(size=2 * n)
    pyramid = MinMaxPyramid()
    index, before = pyramid.curve(values[:n], max_points=1000)
    values[: n - 1000] = 1e9                              # the start, already taken in
    after_index, after = pyramid.curve(values[: n + 50], max_points=1000)
    done = np.searchsorted(index, n - 1000 - 2 * 64)      # blocks wholly before the overwrite
    np.testing.assert_array_equal(after_index[:done], index[:done])
    np.testing.assert_array_equal(after[:done], before[:done])
    assert pyramid.n == n + 50 and 1 << STORED_FROM == 64


def test_a_non_finite_value_ends_the_series():
    values = np.ones(5000)
    values[3000] = np.inf
    pyramid = MinMaxPyramid()
    index, y = pyramid.curve(values, max_points=100)
    assert pyramid.n == 3000 and pyramid.ended and index[-1] == 2999 and np.isfinite(y).all()
    pyramid.curve(np.ones(6000), max_points=100)           # nothing after the end is taken
    assert pyramid.n == 3000


def test_growing_array_keeps_every_row_across_growth():
    g = GrowingArray((2,), np.float32)
    for i in range(100):
        g.extend(np.full((3, 2), i, np.float32))
    assert g.view().shape == (300, 2) and g.view()[::3, 0].tolist() == list(range(100))
