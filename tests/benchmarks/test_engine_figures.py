"""The engine figures compare like with like: the mid-size net in float32, the tiny in float64."""
import numpy as np

from benchmarks import engine_figures


def test_mid_runs_float32_like_pytorchs_side_and_tiny_the_lessons_float64():
    mid = engine_figures.mid_trainer()
    assert mid.network.sizes == list(engine_figures.MID_SIZES) and mid.batch_size == 128
    assert mid.network.dtype == np.float32 and mid.optimizer.name == "adam"
    record = mid.step()
    assert record.lr_median.shape == (3,) and np.isfinite(record.lr_median).all()
    tiny = engine_figures.tiny_trainer()
    assert tiny.network.sizes == [2, 8, 8, 1] and tiny.network.dtype == np.float64


def test_the_ratio_note_names_both_sides_dtypes():
    value, note = engine_figures._ratio((300.0, None), (100.0, None), "both float32")
    assert value == 3.0 and note == "300.0 vs 100.0 steps/s, both float32"
    assert engine_figures._ratio((None, "why"), (1.0, None), "x") == (None, "why")


def test_the_bare_mid_loop_trains_the_same_network_shape():
    """The floor figure is a real training loop: 300 steps on the 2,048 random points lower
    the batch loss from about ln 10 (ten classes, small logits) to well below it."""
    step, losses = engine_figures.mid_numpy_loop_step()
    for _ in range(300):
        step()
    assert len(losses) == 300 and 1.5 < losses[0] < 4.0
    assert np.mean(losses[-20:]) < 0.7 * np.mean(losses[:20])
