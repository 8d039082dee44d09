"""The engine's figures: steps/s against PyTorch and a bare NumPy loop, History memory.

Every function returns (value, reason): value None when the figure cannot be measured here
(PyTorch is optional: pip install torch==2.13.0), with the reason printed by run.py.
The tiny network runs in float64, the lessons' dtype (PyTorch's own default is float32); the
mid-size one runs in float32 on both sides (model.dtype = "float32").
"""
from __future__ import annotations

import os
import time

import numpy as np

from engine import presets
from engine.datasets import Dataset
from engine.history import History
from engine.trainer import StepRecord, Trainer

TINY = {"data.features": ["x1", "x2"], "data.n_samples": 400, "optimizer.name": "adam",
        "optimizer.lr": 0.01, "training.batch_size": 10, "training.eval_every": 10}
MID_SIZES = (784, 128, 64, 10)
MID_BATCH = 128
MID_TRAIN = 2048


def rate(step, seconds: float, warmup: int = 20) -> float:
    """Calls of step() per second over about `seconds` (after a warm-up)."""
    for _ in range(warmup):
        step()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(10):
            step()
        n += 10
    return n / (time.perf_counter() - start)


def tiny_trainer() -> Trainer:
    """2-8-8-1 tanh, BCE on 200 spiral points, batch 10, Adam; every metric recorded."""
    return Trainer(presets.load("default").with_overrides(TINY))


def tiny_ours(seconds: float) -> float:
    return rate(tiny_trainer().step, seconds)


def tiny_numpy_loop(seconds: float) -> float:
    """The same net trained by a bare NumPy loop: no metrics, no checks, no history."""
    trainer = tiny_trainer()
    x, y = trainer.dataset.x_train, trainer.dataset.y_train
    rng = np.random.default_rng(0)
    sizes = (x.shape[1], 8, 8, 1)
    w = [rng.normal(0, np.sqrt(1 / a), (a, b)) for a, b in zip(sizes, sizes[1:])]
    b = [np.zeros(s) for s in sizes[1:]]
    params = w + b
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    t = [0]

    def step():
        idx = rng.integers(0, len(x), 10)
        a0 = x[idx]
        a1 = np.tanh(a0 @ w[0] + b[0])
        a2 = np.tanh(a1 @ w[1] + b[1])
        p = 1 / (1 + np.exp(-(a2 @ w[2] + b[2])))
        d3 = (p - y[idx]) / len(idx)
        d2 = (d3 @ w[2].T) * (1 - a2 ** 2)
        d1 = (d2 @ w[1].T) * (1 - a1 ** 2)
        grads = [a0.T @ d1, a1.T @ d2, a2.T @ d3, d1.sum(0), d2.sum(0), d3.sum(0)]
        t[0] += 1
        for p_, g, m_, v_ in zip(params, grads, m, v):
            m_ *= 0.9
            m_ += 0.1 * g
            v_ *= 0.999
            v_ += 0.001 * g * g
            p_ -= 0.01 / (1 - 0.9 ** t[0]) * m_ / (np.sqrt(v_ / (1 - 0.999 ** t[0])) + 1e-8)
    return rate(step, seconds)


def tiny_torch(seconds: float):
    torch = _torch()
    if torch is None:
        return None
    torch.set_num_threads(1)
    trainer = tiny_trainer()
    x = torch.tensor(trainer.dataset.x_train, dtype=torch.float32)
    y = torch.tensor(trainer.dataset.y_train, dtype=torch.float32)
    nn = torch.nn
    model = nn.Sequential(nn.Linear(x.shape[1], 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(),
                          nn.Linear(8, 1))
    return rate(_torch_step(torch, model, nn.BCEWithLogitsLoss(), x, y, 10), seconds)


def _torch():
    try:
        import torch
    except ImportError:
        return None
    return torch


def _torch_step(torch, model, loss_fn, x, y, batch: int):
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    gen = torch.Generator().manual_seed(0)

    def step():
        idx = torch.randint(0, len(x), (batch,), generator=gen)
        opt.zero_grad()
        loss_fn(model(x[idx]), y[idx]).backward()
        opt.step()
    return step


def mid_dataset() -> Dataset:
    """Random 784-feature inputs in 10 classes (the speed does not depend on the values)."""
    rng = np.random.default_rng(0)
    n, c = MID_TRAIN, MID_SIZES[-1]
    x = rng.normal(size=(n, MID_SIZES[0]))
    labels = rng.integers(0, c, n)
    y = np.eye(c)[labels]
    empty = np.empty((0, MID_SIZES[0]))
    return Dataset(x, y, empty, np.empty((0, c)), x[:, :2], empty[:, :2], "multiclass",
                   tuple(f"x{i + 1}" for i in range(MID_SIZES[0])), "csv")


def mid_trainer(dtype: str = "float32") -> Trainer:
    """784-128-64-10 relu, cross-entropy, batch 128, Adam, in float32 (as PyTorch's side);
    per-layer metrics every step."""
    config = presets.load("default").with_overrides({
        "data.dataset": "blobs", "data.n_classes": 3, "data.features": ["x1", "x2"],
        "model.hidden": list(MID_SIZES[1:-1]), "model.activation": "relu",
        "model.dtype": dtype, "loss.name": "ce", "optimizer.name": "adam",
        "optimizer.lr": 1e-3, "training.batch_size": MID_BATCH, "training.eval_every": 10**9})
    return Trainer(config, mid_dataset())


def mid_ours(seconds: float) -> float:
    return rate(mid_trainer().step, seconds, warmup=5)


def mid_numpy_loop(seconds: float) -> float:
    """The mid-size net trained by a bare NumPy loop in float32: what NumPy alone can do here."""
    return rate(mid_numpy_loop_step()[0], seconds, warmup=5)


def mid_numpy_loop_step(seed: int = 0):
    """(step, losses): one bare step of the mid net (ReLU, softmax cross-entropy, Adam as in
    docs/maths.md, in place on one packed vector) and the list its batch losses go to. No
    per-layer metrics, no checks, no history: the floor for `mid_ours`."""
    data = mid_dataset()
    x, y = data.x_train.astype(np.float32), data.y_train.astype(np.float32)
    rng = np.random.default_rng(seed)
    shapes = list(zip(MID_SIZES, MID_SIZES[1:]))
    theta = np.zeros(sum(a * b + b for a, b in shapes), np.float32)
    grad, m, v, tmp, denom = (np.zeros_like(theta) for _ in range(5))
    w, b, gw, gb, start = [], [], [], [], 0
    for n_in, n_out in shapes:                    # views of the packed vectors, (in, out)
        for arrays, grads, size, shape in ((w, gw, n_in * n_out, (n_in, n_out)),
                                           (b, gb, n_out, (n_out,))):
            arrays.append(theta[start:start + size].reshape(shape))
            grads.append(grad[start:start + size].reshape(shape))
            start += size
        w[-1][...] = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))
    losses, t = [], [0]
    lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-8

    def step():
        idx = rng.integers(0, len(x), MID_BATCH)
        a, target = [x[idx]], y[idx]
        for k in range(len(w)):
            z = a[-1] @ w[k]
            z += b[k]
            a.append(np.maximum(z, 0.0) if k < len(w) - 1 else z)
        shifted = a[-1] - a[-1].max(axis=1, keepdims=True)
        e = np.exp(shifted)
        total = e.sum(axis=1, keepdims=True)
        losses.append(float(-(target * (shifted - np.log(total))).sum() / MID_BATCH))
        delta = (e / total - target) / MID_BATCH
        for k in range(len(w) - 1, -1, -1):
            np.matmul(a[k].T, delta, out=gw[k])
            delta.sum(axis=0, out=gb[k])
            if k:
                delta = (delta @ w[k].T) * (a[k] > 0)
        t[0] += 1
        np.add(np.multiply(m, b1, out=m), np.multiply(grad, 1.0 - b1, out=tmp), out=m)
        np.square(grad, out=tmp)
        np.add(np.multiply(v, b2, out=v), np.multiply(tmp, 1.0 - b2, out=tmp), out=v)
        np.add(np.divide(np.sqrt(v, out=denom), np.sqrt(1.0 - b2 ** t[0]), out=denom), eps,
               out=denom)
        step_size = np.divide(lr / (1.0 - b1 ** t[0]), denom, out=tmp)
        np.subtract(theta, np.multiply(step_size, m, out=tmp), out=theta)
    return step, losses


def mid_torch_f32(seconds: float):
    torch = _torch()
    if torch is None:
        return None
    torch.set_num_threads(os.cpu_count() or 1)      # like NumPy's BLAS: every core
    data = mid_dataset()
    x = torch.tensor(data.x_train, dtype=torch.float32)
    y = torch.tensor(data.y_train.argmax(1))
    nn = torch.nn
    a, h1, h2, c = MID_SIZES
    model = nn.Sequential(nn.Linear(a, h1), nn.ReLU(), nn.Linear(h1, h2), nn.ReLU(),
                          nn.Linear(h2, c))
    return rate(_torch_step(torch, model, nn.CrossEntropyLoss(), x, y, MID_BATCH), seconds, 5)
    # (PyTorch's OpenMP threads spin while waiting: on a busy machine this figure collapses)


def mid_flops_per_step() -> float:
    """Multiply-adds ×2 of forward (x·W) and backward (δ·Wᵀ and aᵀ·δ) over the batch."""
    weights = sum(a * b for a, b in zip(MID_SIZES, MID_SIZES[1:]))
    return 3 * 2 * MID_BATCH * weights


def gemm_rate_f32(seconds: float) -> float:
    """NumPy's float32 matrix-multiply rate (FLOP/s) on the mid network's first layer."""
    rng = np.random.default_rng(0)
    a = rng.normal(size=(MID_BATCH, MID_SIZES[0])).astype(np.float32)
    w = rng.normal(size=(MID_SIZES[0], MID_SIZES[1])).astype(np.float32)
    flops = 2 * a.shape[0] * a.shape[1] * w.shape[1]
    return flops * rate(lambda: a @ w, seconds)


def history_mb_1m_steps() -> float:
    """Bytes a History holds after 1,000,000 steps of a 3-layer network, in MB (10⁶)."""
    h = History(3)
    v = np.full(3, 0.1)
    r = StepRecord(1, 0.1, 0.01, 0.5, v, v, v, v, None)
    for _ in range(1_000_000):
        h.append(r)
    return h.nbytes() / 1e6


def measure(seconds: float) -> dict:
    """Every engine figure as (value, reason), keyed like run.py's JSON."""
    no_torch = "PyTorch not installed (pip install torch==2.13.0)"
    tiny = _tried(tiny_ours, seconds)            # NumPy first: PyTorch's threads can keep
    loop = _tried(tiny_numpy_loop, seconds)       # spinning after it ran and slow BLAS down
    mid = _tried(mid_ours, seconds)
    mid_loop = _tried(mid_numpy_loop, seconds)
    limit = _gemm_limit(seconds)
    memory = _with_note(_tried(history_mb_1m_steps), "3 layers, capacity included")
    torch_tiny = _tried(tiny_torch, seconds) or (None, no_torch)
    torch_mid = _tried(mid_torch_f32, seconds) or (None, no_torch)
    return {
        "tiny_vs_torch": _ratio(tiny, torch_tiny, "ours float64, PyTorch float32"),
        "tiny_vs_numpy_loop": _ratio(tiny, loop, "both float64"),
        "mid_vs_torch_f32": _ratio(mid, torch_mid, "both float32"),
        "mid_vs_numpy_loop": _ratio(mid, mid_loop, "both float32"),
        "mid_fraction_of_gemm_limit": _ratio(mid, limit, "ours float32"),
        "history_mb_1m_steps": memory,
    }


def _tried(figure, *args):
    """(value, None), (None, why it failed), or None when figure returned None."""
    try:
        value = figure(*args)
    except Exception as err:  # noqa: BLE001 (reported as the figure's reason)
        return (None, f"could not measure: {err}")
    return None if value is None else (value, None)


def _ratio(ours, theirs, dtypes: str) -> tuple:
    for part in (ours, theirs):
        if part[0] is None:
            return (None, part[1])
    note = f"{ours[0]:,.1f} vs {theirs[0]:,.1f} steps/s, {dtypes}"
    return (ours[0] / theirs[0], note + (f" ({theirs[1]})" if theirs[1] else ""))


def _gemm_limit(seconds: float) -> tuple:
    gemm = _tried(gemm_rate_f32, seconds)
    if gemm[0] is None:
        return gemm
    return (gemm[0] / mid_flops_per_step(), f"float32 GEMM {gemm[0] / 1e9:.1f} GFLOP/s")


def _with_note(figure: tuple, note: str) -> tuple:
    return figure if figure[0] is None else (figure[0], note)
