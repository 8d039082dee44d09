"""The learning-rate range test: the schedule of γ, early stop, suggestions, no side effects."""
import numpy as np
import pytest

from engine import presets
from engine.errors import ConfigError
from engine.lr_finder import EmaState, debiased_ema, find_lr, steepest_lr, valley_lr
from engine.trainer import Trainer
from main import main


def test_learning_rate_grows_geometrically_from_start_to_end():
    r = find_lr(presets.load("binary-cross-entropy"))
    assert len(r.lrs) == 100 and not r.stopped_early
    assert r.lrs[0] == 1e-7
    assert r.lrs[50] == pytest.approx(1e-3, rel=1e-12)          # 1e-7 · (1e8)^(50/100)
    np.testing.assert_allclose(r.lrs[1:] / r.lrs[:-1], 10 ** 0.08, rtol=1e-12)


def test_smoothed_loss_is_the_debiased_ema_of_the_losses():
    r = find_lr(presets.load("binary-cross-entropy"), num_it=20)
    avg, expected = 0.0, []
    for i, loss in enumerate(r.losses):
        avg = 0.98 * avg + 0.02 * loss
        expected.append(avg / (1 - 0.98 ** (i + 1)))
    np.testing.assert_allclose(r.smoothed, expected, rtol=1e-12)
    assert r.smoothed[0] == r.losses[0]


def test_debiased_ema_whole_curve_literal_values():
    """β = 0.5 on 1, 2, 3, 4: averages 0.5, 1.25, 2.125, 3.0625 over 1 − 0.5^t."""
    values, state = debiased_ema(np.array([1.0, 2.0, 3.0, 4.0]), 0.5)
    np.testing.assert_allclose(values, [1, 5 / 3, 17 / 7, 49 / 15], rtol=1e-15)
    assert state == EmaState(3.0625, 4)
    values, _ = debiased_ema(np.array([2.0, 0.0, 6.0]), 0.9)     # 0.2, 0.18, 0.762
    np.testing.assert_allclose(values, [2, 0.18 / 0.19, 0.762 / 0.271], rtol=1e-14)


def test_debiased_ema_continues_from_its_state_and_matches_the_step_by_step_loop():
    x = np.random.default_rng(0).lognormal(size=30_000)
    for beta in (0.0, 0.3, 0.9, 0.99):
        avg, expected = 0.0, []
        for t, value in enumerate(x.tolist(), start=1):
            avg = beta * avg + (1 - beta) * value
            expected.append(avg / (1 - beta ** t))
        first, state = debiased_ema(x[:12_345], beta)
        rest, end = debiased_ema(x[12_345:], beta, state)
        np.testing.assert_allclose(np.concatenate([first, rest]), expected, rtol=1e-13)
        assert end.count == 30_000 and end.avg == pytest.approx(avg, rel=1e-13)


def test_debiased_ema_refuses_a_beta_outside_zero_to_one():
    with pytest.raises(ValueError, match="beta must be in"):
        debiased_ema(np.ones(3), 1.0)


def test_stops_once_the_smoothed_loss_passes_four_times_the_best():
    """miles-to-km blows up past γ ≈ 0.03 (|1 − 2γ·E[x²]| > 1): the test ends early."""
    r = find_lr(presets.load("miles-to-km"))
    assert r.stopped_early and 50 < len(r.lrs) < 100
    assert r.lrs[-1] < 0.1
    assert np.all(r.smoothed <= 4 * np.minimum.accumulate(r.smoothed))
    assert 1e-3 < r.valley < 0.03 and 1e-3 < r.minimum_tenth < 0.03


def test_the_given_weights_and_the_run_are_left_unchanged():
    trainer = Trainer(presets.load("default"))
    trainer.run(20)
    before = trainer.network.state_dict()
    find_lr(trainer.config, trainer.network.state_dict(), trainer.dataset, num_it=30)
    after = trainer.network.state_dict()
    assert all(np.array_equal(before[k], after[k]) for k in before)
    assert trainer.step_count == 20 and len(trainer.history) == 20


def test_valley_is_the_middle_of_the_longest_fall():
    lrs = 10.0 ** np.arange(9)
    smoothed = np.array([5, 4, 3, 4, 3, 2, 1, 0.5, 2.0])   # falls 3→7 (4 steps) beats 0→2
    assert valley_lr(lrs, smoothed) == 1e5                  # index 3 + 4 // 2


def test_steepest_is_where_the_loss_falls_fastest_per_decade():
    lrs = 10.0 ** np.linspace(-6, 0, 61)
    smoothed = 1 - np.tanh(3 * (np.log10(lrs) + 2.5))       # steepest at γ = 10^-2.5
    assert steepest_lr(lrs, smoothed) == pytest.approx(10 ** -2.5, rel=1e-9)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"start": 0.0}, "lr_find.start = 0.0 is not allowed"),
    ({"end": 1e-8}, "lr_find.end = 1e-08 is not allowed"),
    ({"num_it": 2}, "lr_find.num_it = 2 is not allowed"),
])
def test_bad_settings_are_refused(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        find_lr(presets.load("default"), **kwargs)


def test_cli_prints_suggestions_and_writes_the_curve(tmp_path, capsys):
    assert main(["--lr-find", "--preset", "miles-to-km", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "stopped when the loss blew up" in out and "valley" in out
    rows = np.loadtxt(tmp_path / "lr_find.csv", delimiter=",", skiprows=1)
    assert rows.shape[1] == 3 and rows[0, 0] == 1e-7


def test_progress_is_told_every_update_and_can_cancel():
    from engine.lr_finder import RangeTestCancelled
    seen = []
    r = find_lr(presets.load("binary-cross-entropy"), num_it=20,
                progress=lambda done, total: seen.append((done, total)) or True)
    assert seen == [(i, 20) for i in range(1, len(r.lrs) + 1)]
    calls = []

    def stop_at_7(done, total):
        calls.append(done)
        return done < 7
    with pytest.raises(RangeTestCancelled, match="stopped after 7 of 100 updates"):
        find_lr(presets.load("binary-cross-entropy"), progress=stop_at_7)
    assert calls == list(range(1, 8))


@pytest.mark.parametrize("seed, fall", [(0, 0.0273), (1, 0.0452)])
def test_the_default_lesson_is_too_flat_to_suggest_anything(seed, fall):
    """Its smoothed loss starts the window at 0.7232 (seed 0) and falls to 0.7034 only."""
    result = find_lr(presets.load("default").with_overrides({"training.seed": seed}))
    assert result.fall == pytest.approx(fall, abs=1e-4)
    assert result.too_flat


def test_miles_to_km_falls_46_percent_and_is_not_flat():
    result = find_lr(presets.load("miles-to-km"))
    assert result.fall == pytest.approx(0.462, abs=1e-3) and not result.too_flat


def test_cli_says_when_the_curve_is_too_flat(capsys):
    assert main(["--lr-find", "--preset", "default"]) == 0
    out = capsys.readouterr().out
    assert "too flat to suggest anything: the smoothed loss falls only 2.7% (under 5%)" in out
