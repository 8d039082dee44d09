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
