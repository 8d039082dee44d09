"""The marching-squares level line: every segment end lies on the level, on a cell edge."""
import numpy as np

from gui.plots.contour import level_segments


def _bilinear_on_edge(values, x, y):
    """values at a point on a grid edge (one coordinate is whole), linearly interpolated."""
    out = []
    for px, py in zip(x, y):
        if abs(px - round(px)) < 1e-12:
            j, i = int(round(px)), int(np.floor(py))
            i = min(i, values.shape[0] - 2)
            t = py - i
            out.append(values[i, j] * (1 - t) + values[i + 1, j] * t)
        else:
            i, j = int(round(py)), int(np.floor(px))
            j = min(j, values.shape[1] - 2)
            t = px - j
            out.append(values[i, j] * (1 - t) + values[i, j + 1] * t)
    return np.array(out)


def test_circle_level_line_lies_on_the_level():
    ys, xs = np.mgrid[0:40, 0:50]
    values = np.hypot(xs - 24.3, ys - 19.7)
    x, y = level_segments(values, 10.0)
    assert len(x) % 2 == 0 and len(x) > 100
    np.testing.assert_allclose(_bilinear_on_edge(values, x, y), 10.0, atol=1e-9)
    assert np.all(np.abs(np.hypot(x - 24.3, y - 19.7) - 10.0) < 0.1)   # close to the circle


def test_no_crossing_gives_no_segments_and_a_saddle_gives_two():
    flat = np.zeros((5, 5))
    assert [len(v) for v in level_segments(flat, 0.5)] == [0, 0]
    saddle = np.array([[1.0, 0.0], [0.0, 1.0]])
    x, y = level_segments(saddle, 0.5)
    assert len(x) == 4 and np.allclose(_bilinear_on_edge(saddle, x, y), 0.5)


def test_straight_boundary_is_one_segment_per_cell():
    values = np.tile(np.linspace(0, 1, 11), (6, 1))   # level 0.45 between columns 4 and 5
    x, y = level_segments(values, 0.45)
    assert len(x) == 2 * 5
    np.testing.assert_allclose(x, 4.5)
