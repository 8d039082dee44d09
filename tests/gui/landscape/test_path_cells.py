"""PathCells: one drawn point per run of steps in one cell; only new steps are looked at."""
import numpy as np

from gui.landscape.path_cells import CELLS, PathCells


def test_a_settled_path_adds_no_points_and_the_current_point_is_last():
    view = ((0.0, 1.0), (0.0, 1.0))
    cells = PathCells(None, view)
    path = np.array([[0.1, 0.1], [0.3, 0.3], [0.5, 0.5]] + [[0.5 + 1e-7 * k, 0.5]
                                                           for k in range(1, 1000)])
    drawn = cells.points(path[:3])
    assert len(drawn) == 3
    drawn = cells.points(path)
    assert len(drawn) == 4                                   # 3 cells + the current point
    np.testing.assert_array_equal(drawn[-1], path[-1])
    assert cells.n == len(path)


def test_steps_bigger_than_a_cell_are_all_drawn():
    cells = PathCells(None, ((0.0, 1.0), (0.0, 1.0)))
    path = np.stack([np.linspace(0, 1, 200, endpoint=False), np.zeros(200)], axis=1)
    assert 200 < CELLS and len(cells.points(path)) == 200


def test_a_path_circling_in_visited_cells_adds_nothing():
    cells = PathCells(None, ((0.0, 1.0), (0.0, 1.0)))
    loop = np.array([[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.4]])
    path = np.concatenate([loop] * 500)
    assert len(cells.points(path[:4])) == 4
    drawn = cells.points(path)
    assert len(drawn) == 4                       # four cells; the current point is the last
    np.testing.assert_array_equal(drawn[-1], path[-1])


def test_frame_by_frame_keeps_the_first_step_into_each_new_cell_like_one_pass():
    """Taken in uneven frames, a wandering path keeps exactly the steps a single pass over
    it would: each step whose cell no earlier step visited."""
    rng = np.random.default_rng(3)
    path = 0.5 + np.cumsum(rng.normal(0, 2e-4, (6000, 2)), axis=0)
    cells = PathCells(None, ((0.0, 1.0), (0.0, 1.0)))
    for end in (1, 2, 7, 100, 101, 2500, 4000, 6000):
        cells.points(path[:end])
    keys = [tuple(k) for k in np.floor(path * CELLS).astype(int)]
    first = sorted({k: i for i, k in reversed(list(enumerate(keys)))}.values())
    np.testing.assert_array_equal(cells.kept, path[first])
    assert len(first) == len(np.unique(cells._visited)) == len(cells._visited)
