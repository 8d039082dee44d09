"""Trainer: literal one-step updates, batching, determinism, live changes, divergence."""

import numpy as np
import pytest

from engine import presets
from engine.config import RunConfig
from engine.datasets import Dataset
from engine.errors import ConfigError
from engine.trainer import Trainer

# km = 1.6 × miles on three points; one weight, no bias: the lecture's first example.
X = np.array([[1.0], [2.0], [3.0]])
TINY = Dataset(X, 1.6 * X, X, 1.6 * X, X, X, "regression", ("x1",), "tiny")


def tiny_trainer(**overrides) -> Trainer:
    base = {"data.dataset": "miles-to-km", "data.features": ["x1"], "model.hidden": [],
            "model.bias": False, "loss.name": "mse", "optimizer.name": "sgd",
            "optimizer.lr": 0.01, "training.batch_size": "all"}
    trainer = Trainer(RunConfig().with_overrides({**base, **overrides}), dataset=TINY)
    trainer.network.layers[0].w.value[...] = 1.0
    return trainer


def test_one_sgd_step_by_hand():
    """w = 1: r = (−0.6, −1.2, −1.8), J = 1.68, dJ/dw = (2/3)·Σ r·x = −5.6, w ← 1 + 0.01·5.6."""
    trainer = tiny_trainer()
    record = trainer.step()
    assert record.step == 1 and record.epoch == 1.0 and record.lr == 0.01
    assert record.loss == pytest.approx(1.68, rel=1e-12)
    assert record.grad_norm.tolist() == pytest.approx([5.6], rel=1e-12)
    assert record.lr_median.tolist() == record.lr_min.tolist() == [0.01]
    assert trainer.network.layers[0].w.value[0, 0] == pytest.approx(1.056, rel=1e-12)


def test_first_adam_step_moves_by_lr_and_reports_its_effective_lr():
    """Adam's first step is lr·sign(g); its factor on m̂ is γ / (|g| + ε) = 0.01/5.6."""
    trainer = tiny_trainer(**{"optimizer.name": "adam"})
    record = trainer.step()
    assert trainer.network.layers[0].w.value[0, 0] == pytest.approx(1.01, rel=1e-9)
    assert record.lr_median[0] == pytest.approx(0.01 / (5.6 + 1e-8), rel=1e-12)


def test_l2_regularization_adds_rate_times_w_to_the_gradient():
    trainer = tiny_trainer(**{"model.regularization": "l2", "model.reg_rate": 0.1})
    trainer.step()
    assert trainer.network.layers[0].w.value[0, 0] == pytest.approx(1.0 + 0.01 * 5.5)


def test_schedule_sets_the_recorded_lr():
    trainer = tiny_trainer(**{"schedule.name": "step", "schedule.step_size": 2,
                              "schedule.gamma": 0.5, "optimizer.lr": 0.001})
    lrs = [trainer.step().lr for _ in range(5)]
    assert lrs == [0.001, 0.001, 0.0005, 0.0005, 0.00025]


def test_linear_warmup_ramps_then_the_schedule_starts_its_own_clock():
    """Warm-up over W = 4: γ₀·t/W for t ≤ 4, then step decay from its first value."""
    trainer = tiny_trainer(**{"schedule.name": "step", "schedule.step_size": 2,
                              "schedule.gamma": 0.5, "schedule.warmup_steps": 4,
                              "optimizer.lr": 0.004})
    lrs = [trainer.step().lr for _ in range(8)]
    assert lrs == pytest.approx([0.001, 0.002, 0.003, 0.004, 0.004, 0.004, 0.002, 0.002])


def test_lr_change_between_steps_applies_at_the_next_step_without_reset():
    trainer = tiny_trainer()
    trainer.run(3)
    trainer.set_hyper(lr=0.002)
    record = trainer.step()
    assert record.step == 4 and record.lr == 0.002 and len(trainer.history) == 4
    with pytest.raises(ConfigError, match="optimizer.lr = -1"):
        trainer.set_hyper(lr=-1)


def test_minibatches_reshuffle_each_epoch_and_last_batch_is_smaller():
    config = RunConfig().with_overrides({"data.n_samples": 200, "training.batch_size": 30})
    trainer = Trainer(config)
    assert trainer.steps_per_epoch == 4                      # 100 training points
    epochs = [trainer.step().epoch for _ in range(5)]
    assert epochs == pytest.approx([0.3, 0.6, 0.9, 1.0, 1.3])


def test_sgd_batch_size_one_and_batch_all():
    sgd = Trainer(RunConfig().with_overrides({"training.batch_size": 1}))
    assert sgd.steps_per_epoch == 100 and sgd.step().epoch == pytest.approx(0.01)
    full = Trainer(RunConfig().with_overrides({"training.batch_size": "all"}))
    assert full.steps_per_epoch == 1 and [full.step().epoch for _ in range(2)] == [1.0, 2.0]


def test_same_config_and_seed_give_bit_identical_records():
    a, b = (Trainer(presets.load("default")) for _ in range(2))
    a.run(200)
    b.run(200)
    va, vb = a.history.snapshot(), b.history.snapshot()
    for name in va.columns:
        assert np.array_equal(va.columns[name], vb.columns[name]), name
    assert all(np.array_equal(va.evals[k], vb.evals[k], equal_nan=True) for k in va.evals)
    assert all(np.array_equal(pa.value, pb.value) for pa, pb in
               zip(a.network.parameters(), b.network.parameters()))
    c = Trainer(presets.load("default").with_overrides({"training.seed": 1}))
    c.run(200)
    assert not np.array_equal(c.history.column("loss"), va.columns["loss"])


def test_evaluation_runs_at_step_one_and_every_eval_every_steps():
    trainer = Trainer(RunConfig().with_overrides({"training.eval_every": 5}))
    trainer.run(12)
    assert trainer.history.eval_columns()["step"].tolist() == [1.0, 5.0, 10.0]
    ev = trainer.evaluate()
    assert 0.0 <= ev.train_acc <= 1.0 and ev.test_loss > 0


def test_divergence_stops_the_run_with_a_message_naming_step_and_lr():
    """lr 0.05 on miles-to-km: |1 − 2γ·E[x²]| > 1, the loss grows ~x3 a step until it explodes."""
    config = presets.load("miles-to-km").with_overrides({"optimizer.lr": 0.05})
    trainer = Trainer(config)
    last = trainer.run(5000)
    assert trainer.divergence is not None and trainer.step_count < 50
    assert trainer.divergence.startswith(f"loss grew to {last.loss:.3g} at step "
                                         f"{trainer.step_count}, a million times its starting")
    assert "the learning rate 0.05 is likely too large" in trainer.divergence
    assert last.loss > 1e6 * trainer.first_loss
    assert len(trainer.history) == trainer.step_count
    with pytest.raises(RuntimeError, match="likely too large"):
        trainer.step()


def test_non_finite_loss_is_reported_as_such():
    trainer = tiny_trainer()
    trainer.network.layers[0].w.value[...] = np.inf
    trainer.step()
    assert trainer.divergence.startswith("loss became inf at step 1 — the learning rate 0.01")


def test_falling_without_bound_is_not_divergence():
    """MBE's loss falls forever (the lesson), but it never 'explodes' upwards."""
    trainer = Trainer(presets.load("mbe-runs-away"))
    trainer.run(500)
    assert trainer.divergence is None and trainer.history.column("loss")[-1] < -100


def test_miles_to_km_preset_learns_the_conversion_factor():
    trainer = Trainer(presets.load("miles-to-km"))
    trainer.run(300)
    assert trainer.network.layers[0].w.value[0, 0] == pytest.approx(1.609, abs=0.005)


def test_loss_that_does_not_fit_the_data_is_refused():
    with pytest.raises(ConfigError, match="loss.name = 'ce'.*this data set is binary"):
        Trainer(RunConfig().with_overrides({"loss.name": "ce"}))


def test_multiclass_blobs_train_with_cross_entropy():
    config = RunConfig().with_overrides({"data.dataset": "blobs", "data.n_classes": 4,
                                         "loss.name": "kl", "optimizer.lr": 0.05})
    trainer = Trainer(config)
    first = trainer.step().loss
    trainer.run(300)
    assert trainer.evaluate().train_loss < first / 3 and trainer.evaluate().train_acc > 0.9


def test_predict_raw_and_set_dataset_keep_weights():
    from engine.datasets import add_point
    trainer = Trainer(presets.load("default"))
    trainer.run(20)
    out = trainer.predict_raw(np.array([[0.0, 0.0], [1.0, -2.0]]))
    assert out.shape == (2, 1) and np.all((out > 0) & (out < 1))
    before = trainer.network.state_dict()["layer0.weight"].copy()
    trainer.set_dataset(add_point(trainer.dataset, (1.0, 1.0), 1))
    assert len(trainer.dataset.x_train) == 201      # 400 points, half for training, plus one
    assert np.array_equal(trainer.network.state_dict()["layer0.weight"], before)


def test_state_dict_continues_the_batch_order_mid_epoch():
    """Saved after 7 of 20 mini-batches of an epoch: the next 13 batches and the reshuffle
    after them are the ones the straight run takes."""
    config = presets.load("default")                         # 200 training points, batch 10
    straight = Trainer(config)
    straight.run(30)
    first = Trainer(config)
    first.run(7)
    state = first.state_dict()
    assert state["cursor"] == 70 and state["order"].shape == (200,)
    assert state["rng"]["bit_generator"] == "PCG64"
    resumed = Trainer(config)
    resumed.load_state_dict(state)
    resumed.run(23)
    assert resumed.samples_seen == straight.samples_seen == 300
    assert np.array_equal(resumed.network.layers[0].w.value, straight.network.layers[0].w.value)
    assert np.array_equal(resumed.history.column("loss"), straight.history.column("loss"))


def test_load_state_dict_refuses_a_batch_order_outside_the_data():
    trainer = Trainer(presets.load("default"))
    state = {**trainer.state_dict(), "order": np.array([0, 5, 200])}
    with pytest.raises(ConfigError, match=r"batch order = \(3,\) is not allowed: whole "
                                          r"numbers in 0..199"):
        trainer.load_state_dict(state)
    state = {**trainer.state_dict(), "rng": {"bit_generator": "MT19937"}}
    with pytest.raises(ConfigError, match="the state of a PCG64 generator"):
        trainer.load_state_dict(state)


def test_miles_to_km_with_l2_5_shows_data_loss_0_397_while_minimising_6_06():
    """The plot's train curve is the data loss; the objective adds (λ/2)w² = 2.5 · 1.50465²."""
    config = presets.load("miles-to-km").with_overrides(
        {"model.regularization": "l2", "model.reg_rate": 5.0})
    trainer = Trainer(config)
    trainer.run(2000)
    ev = trainer.history.eval_columns()
    w = float(trainer.network.layers[0].w.value[0, 0])
    assert ev["step"][-1] == 2000 and w == pytest.approx(1.50465098, abs=1e-8)
    assert ev["train_loss"][-1] == pytest.approx(0.397322, abs=1e-6)
    assert ev["penalty"][-1] == pytest.approx(2.5 * w * w, rel=1e-12)
    assert ev["train_loss"][-1] + ev["penalty"][-1] == pytest.approx(6.057259, abs=1e-6)


def test_penalty_is_lambda_l1_norm_or_half_lambda_squared_norm_of_the_weights_only():
    from engine.trainer import penalty
    trainer = Trainer(presets.load("default"))
    ws = [layer.w.value for layer in trainer.network.layers]
    for layer in trainer.network.layers:
        layer.b.value[:] = 7.0                          # biases are not penalised
    l1 = sum(float(np.abs(w).sum()) for w in ws)
    l2 = sum(float((w * w).sum()) for w in ws)
    assert penalty(trainer.network, "l1", 0.3) == pytest.approx(0.3 * l1, rel=1e-12)
    assert penalty(trainer.network, "l2", 0.3) == pytest.approx(0.15 * l2, rel=1e-12)
    assert penalty(trainer.network, "none", 0.3) == 0.0
    assert trainer.evaluate().penalty == 0.0            # the default lesson has none


# --- model.dtype = "float32" ---------------------------------------------------------------
def test_a_float32_adam_step_follows_the_float64_step_and_stays_float32():
    """The default lesson (2-8-8-1 tanh, BCE, Adam): the first batch loss and the weights
    after one step equal the float64 run's to ~1e-6 relative; every array is float32."""
    config = presets.load("default")
    ours = {d: Trainer(config.with_overrides({"model.dtype": d})) for d in ("float64", "float32")}
    records = {d: t.step() for d, t in ours.items()}
    t32 = ours["float32"]
    assert records["float32"].loss == pytest.approx(records["float64"].loss, rel=1e-6)
    np.testing.assert_allclose(t32.network.flat.value, ours["float64"].network.flat.value,
                               rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(records["float32"].lr_median, records["float64"].lr_median,
                               rtol=1e-5)
    arrays = [t32.network.flat.value, t32.network.flat.grad, t32._x, t32._y,
              *t32.optimizer.state[0].values(), *(p.value for p in t32.network.parameters())]
    assert {a.dtype for a in arrays} == {np.dtype(np.float32)}
    assert t32.predict_raw(np.zeros((1, 2))).dtype == np.float32
    assert ours["float64"].network.dtype == np.float64          # the default stays float64


def test_float32_state_dict_continues_bit_for_bit_and_keeps_float32():
    config = presets.load("default").with_overrides({"model.dtype": "float32"})
    straight = Trainer(config)
    straight.run(12)
    first = Trainer(config)
    first.run(5)
    state = first.state_dict()
    assert [a.dtype for a in state["weights"].values()] == [np.float32] * 6
    assert len(state["optimizer"]["state"]) == 6            # saved per parameter, as before
    resumed = Trainer(config)
    resumed.load_state_dict(state)
    resumed.run(7)
    assert np.array_equal(resumed.network.flat.value, straight.network.flat.value)
    assert resumed.optimizer.state[0]["m"].dtype == np.float32


def test_per_layer_statistics_equal_those_of_the_divided_factors():
    """The packed parameter's factor, per layer: exact median, min and max of γ/(√v̂ + ε)
    over the layer's weight and bias, as the per-element effective_lr() gives them."""
    trainer = Trainer(presets.load("default"))
    trainer.run(3)
    record = trainer.history.snapshot()
    (factor,) = trainer.optimizer.effective_lr()
    for k, (a, b) in enumerate(trainer.network.layer_ranges):
        part = factor[a:b]
        expected = np.median(part), part.min(), part.max()
        got = [record.columns[c][-1, k] for c in ("lr_median", "lr_min", "lr_max")]
        assert got == [np.float32(e) for e in expected]
