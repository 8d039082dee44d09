"""Trainer: one step() = one update of the network, with everything the plots need."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from engine import divergence, losses, optimizers
from engine.config import RunConfig
from engine.datasets import Dataset, make_dataset
from engine.errors import ConfigError
from engine.history import History
from engine.network import Network
from engine.parameter import packed_state, per_parameter_state
from engine.schedules import make_schedule

EXPLOSION = 1e6   # a loss this many times its first value counts as diverged


@dataclass(frozen=True, slots=True)
class EvalRecord:
    """Loss and accuracy over the whole training and test sets (after an update)."""

    train_loss: float
    test_loss: float       # NaN when the test set is empty
    train_acc: float       # fraction correct; NaN for regression
    test_acc: float
    penalty: float = 0.0   # the L1/L2 penalty of these weights: objective = train_loss + it


@dataclass(frozen=True, slots=True)
class StepRecord:
    """What one update did: the numbers the status line and the plots show."""

    step: int                  # updates done so far, 1 for the first
    epoch: float               # training samples seen / n_train
    lr: float                  # scheduled learning rate used by this update
    loss: float                # batch loss (data loss) before the update
    grad_norm: np.ndarray      # (n_layers,) L2 norm of each layer's gradient (w and b)
    lr_median: np.ndarray      # (n_layers,) median effective learning rate per layer
    lr_min: np.ndarray         # (n_layers,) smallest effective learning rate per layer
    lr_max: np.ndarray         # (n_layers,) largest effective learning rate per layer
    eval: EvalRecord | None    # every eval_every steps, else None


class Trainer:
    """Trains a Network on a Dataset with a loss, an optimizer and a schedule."""

    def __init__(self, config: RunConfig, dataset: Dataset | None = None):
        self.dataset = dataset if dataset is not None else make_dataset(config.data)
        self.config = config.validate(task=self.dataset.task)
        self.loss = losses.create(config.loss.name, **config.loss.params)
        self.network = Network.from_config(config.model, self.dataset.n_features,
                                           self.dataset.y_train.shape[1], self.loss.head,
                                           seed=config.training.seed)
        self.base_lr = config.optimizer.lr
        # one packed parameter: every formula line of the update is one array operation for
        # the whole network (the optimizers are element-wise, so the numbers are the same)
        self.optimizer = optimizers.create(config.optimizer.name, [self.network.flat],
                                           lr=self.base_lr, **config.optimizer.params)
        self.schedule = make_schedule(config.schedule)
        self.history = History(len(self.network.layers))
        self.step_count = 0
        self.samples_seen = 0
        self.divergence: str | None = None
        self.first_loss: float | None = None     # the divergence check compares against it
        self.rise = divergence.RiseWatch(self.loss, self.dataset.y_train)   # far above, staying
        self._rng = np.random.default_rng([config.training.seed, 1])
        self._order = np.arange(0)
        self._cursor = 0
        self._x, self._y = self._training_arrays()

    # ---- live changes ----
    def set_hyper(self, **hyper) -> None:
        """Change lr or any optimizer hyper-parameter; applies from the next step."""
        self.optimizer.set_hyper(**hyper)
        self.base_lr = self.optimizer.hyper["lr"]

    def set_dataset(self, dataset: Dataset) -> None:
        """Swap in an edited data set (added/removed points); the weights are kept."""
        if dataset.task != self.dataset.task or dataset.n_features != self.dataset.n_features:
            raise ConfigError("dataset", dataset.name, "the same task and inputs as the run")
        self.dataset = dataset
        self._order, self._cursor = np.arange(0), 0
        self._x, self._y = self._training_arrays()

    # ---- saving and continuing ----
    def state_dict(self, history: bool = True) -> dict:
        """Everything the next step depends on, as plain numbers, strings and arrays: the
        weights, the optimizer's state, the step count (the schedule's position), the batch
        order and its RNG state (ints), and, unless history=False, the History's arrays."""
        state = {"step_count": self.step_count, "samples_seen": self.samples_seen,
                 "first_loss": self.first_loss, "divergence": self.divergence,
                 "rise": self.rise.state_dict(), "base_lr": self.base_lr,
                 "rng": self._rng.bit_generator.state,
                 "order": self._order.copy(), "cursor": self._cursor,
                 "weights": self.network.state_dict(),
                 "optimizer": per_parameter_state(self.optimizer.state_dict(),
                                                   self.network.parameters())}
        if history:
            state["history"] = self.history.to_arrays()
        return state

    def load_state_dict(self, state: dict) -> None:
        """Continue exactly where `state_dict()` was taken (on the same config and data set).
        ConfigError naming the entry if it does not fit; meant for a fresh Trainer, which is
        best dropped after an error."""
        order = np.asarray(state["order"])
        n = len(self.dataset.x_train)
        if order.ndim != 1 or order.dtype.kind not in "iu" or \
                (order.size and not 0 <= order.min() <= order.max() < n):
            raise ConfigError("batch order", order.shape, f"whole numbers in 0..{n - 1}")
        counts = [state[k] for k in ("step_count", "samples_seen", "cursor")]
        if not all(isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in counts):
            raise ConfigError("step counts", counts, "whole numbers ≥ 0 (step, samples, cursor)")
        rng = np.random.default_rng()
        try:
            rng.bit_generator.state = state["rng"]
        except (TypeError, ValueError, KeyError):
            raise ConfigError("batch-order RNG state", state["rng"],
                              "the state of a PCG64 generator") from None
        history = (History.from_arrays(len(self.network.layers), state["history"])
                   if "history" in state else self.history)
        self.optimizer.load_state_dict(packed_state(state["optimizer"],
                                                    self.network.parameters()))
        self.network.load_state_dict(state["weights"])
        self.base_lr = float(state["base_lr"])
        self.step_count, self.samples_seen = int(state["step_count"]), int(state["samples_seen"])
        self.first_loss, self.divergence = state["first_loss"], state["divergence"]
        if "rise" in state:                   # files written before the rule have none
            self.rise.load_state_dict(state["rise"])
        self._rng, self._order, self._cursor = rng, order.astype(np.int64), int(state["cursor"])
        self.history = history

    @property
    def batch_size(self) -> int:
        b = self.config.training.batch_size
        n = len(self.dataset.x_train)
        return n if b == "all" else min(b, n)

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(len(self.dataset.x_train) / self.batch_size)

    @property
    def epoch(self) -> float:
        return self.samples_seen / len(self.dataset.x_train)

    # ---- training ----
    def step(self) -> StepRecord:
        """Exactly one update on the next batch; returns its record (also in .history)."""
        if self.divergence:
            raise RuntimeError(self.divergence)
        t = self.step_count + 1
        idx = self._next_batch()
        x, y = self._x[idx], self._y[idx]
        loss, grad_z = self.loss.from_logits(self.network.forward(x), y)
        self.network.backward(grad_z)
        self._add_regularization()
        grad_norm = self._grad_norms()
        lr = self.schedule.lr_at(t, self.base_lr)
        self.step_count, self.samples_seen = t, self.samples_seen + len(x)
        if self.first_loss is None:
            self.first_loss = loss
        self.divergence = (self._check_divergence(t, loss, grad_norm, lr)
                           or self.rise.check(t, loss, lr))
        if self.divergence:
            nan = np.full_like(grad_norm, np.nan)
            record = StepRecord(t, self.epoch, lr, loss, grad_norm, nan, nan, nan, None)
        else:
            self.optimizer.step(lr)
            med, lo, hi = self._lr_stats()
            every = self.config.training.eval_every
            ev = self.evaluate() if t % every == 0 or t == 1 else None
            record = StepRecord(t, self.epoch, lr, loss, grad_norm, med, lo, hi, ev)
        self.history.append(record)
        return record

    def run(self, n: int) -> StepRecord | None:
        """Up to n steps; stops early on divergence. Returns the last record."""
        record = None
        for _ in range(n):
            if self.divergence:
                break
            record = self.step()
        return record

    def evaluate(self) -> EvalRecord:
        """Full-set loss and accuracy with the current weights, and their penalty."""
        model = self.config.model
        return replace(evaluate(self.network, self.loss, self.dataset),
                       penalty=penalty(self.network, model.regularization, model.reg_rate))

    def predict_raw(self, raw_points: np.ndarray) -> np.ndarray:
        """The head's output for raw input points (features are expanded here)."""
        return self.network.predict(self.dataset.expand(np.asarray(raw_points, float)))

    # ---- internals ----
    def _training_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The training inputs and targets in the network's dtype (float64: the data set's own
        arrays, no copy)."""
        dtype = self.network.dtype
        return (self.dataset.x_train.astype(dtype, copy=False),
                self.dataset.y_train.astype(dtype, copy=False))

    def _next_batch(self) -> np.ndarray | slice:
        n = len(self.dataset.x_train)
        b = self.batch_size
        if b >= n:
            return slice(None)          # batch gradient descent: views, no copy
        if self._cursor >= len(self._order):
            self._order, self._cursor = self._rng.permutation(n), 0
        idx = self._order[self._cursor: self._cursor + b]   # the last batch may be smaller
        self._cursor += b
        return idx

    def _add_regularization(self) -> None:
        """The gradient of `penalty`: λ·sign(w) for L1, λ·w for L2 (weights, not biases)."""
        kind, rate = self.config.model.regularization, self.config.model.reg_rate
        if kind == "none" or rate == 0:
            return
        for layer in self.network.layers:
            w = layer.w
            w.grad += rate * (np.sign(w.value) if kind == "l1" else w.value)

    def _grad_norms(self) -> np.ndarray:
        """‖g‖ of each layer (its weight and bias: one slice of the packed gradient)."""
        g = self.network.flat.grad
        return np.array([math.sqrt(float(np.vdot(g[a:b], g[a:b])))
                         for a, b in self.network.layer_ranges])

    def _lr_stats(self):
        """Median, min and max effective learning rate of each layer."""
        (factor,) = self.optimizer.factors()
        stats = np.array([optimizers.factor_summary([_part(factor, a, b)], [b - a])
                          for a, b in self.network.layer_ranges])
        return stats[:, 0], stats[:, 1], stats[:, 2]

    def _check_divergence(self, t: int, loss: float, grad_norm, lr: float) -> str | None:
        """A message when the loss or gradient is not finite or the loss has exploded.

        Runs every step: the message is only formatted once something went wrong.
        """
        start = abs(self.first_loss)
        if not math.isfinite(loss):
            what = f"loss became {loss} at step {t}"
        elif not np.isfinite(grad_norm).all():
            what = f"gradient became inf at step {t}"
        elif loss > EXPLOSION * max(start, 1e-3):
            what = (f"loss grew to {loss:.3g} at step {t}, a million times its starting value "
                    f"{start:.3g}")
        else:
            return None
        return (f"{what} — the learning rate {lr:g} is likely too large; try a smaller one "
                f"(e.g. {lr / 10:g})")


def penalty(network: Network, kind: str, rate: float) -> float:
    """The term the regulariser adds to the objective: L1 λ‖W‖₁ = λ Σ|w|, L2 (λ/2)‖W‖² =
    (λ/2) Σ w², over the weights only (biases are not penalised); 0 for none."""
    if kind == "none" or rate == 0:
        return 0.0
    ws = [layer.w.value for layer in network.layers]
    if kind == "l1":
        return rate * sum(float(np.abs(w).sum()) for w in ws)
    return 0.5 * rate * sum(float(np.vdot(w, w)) for w in ws)


def evaluate(network: Network, loss, dataset: Dataset) -> EvalRecord:
    """Full-set loss and accuracy of `network` on `dataset` (any copy of the weights: the
    trainer's own, or the GUI's copy right after a weight was typed in)."""
    train_loss, train_acc = _loss_and_accuracy(network, loss, dataset.task,
                                               dataset.x_train, dataset.y_train)
    if len(dataset.x_test) == 0:
        return EvalRecord(train_loss, math.nan, train_acc, math.nan)
    test_loss, test_acc = _loss_and_accuracy(network, loss, dataset.task,
                                             dataset.x_test, dataset.y_test)
    return EvalRecord(train_loss, test_loss, train_acc, test_acc)


def _loss_and_accuracy(network: Network, loss, task: str, x, y) -> tuple[float, float]:
    z = network.forward(x)
    value, _ = loss.from_logits(z, y)
    if task == "regression":
        return value, math.nan
    if task == "binary":
        correct = (z[:, 0] > 0) == (y[:, 0] > 0.5)
    else:
        correct = z.argmax(axis=1) == y.argmax(axis=1)
    return value, float(correct.mean())


def _part(factor, a: int, b: int):
    """Elements [a, b) of the packed parameter's factor (a float is the same for all)."""
    return factor if isinstance(factor, float) else factor[a:b]
