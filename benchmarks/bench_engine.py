"""Steps per second of the engine vs PyTorch on the same network, measured in one run.

python benchmarks/bench_engine.py [--steps N]
Prints a ratio (ours / PyTorch's); PyTorch is optional (pip install torch==2.13.0).
Both train a 2-8-8-1 tanh network with BCE on 200 spiral points, batch 10, with Adam; ours
also records per-layer gradient norms and effective-LR statistics every step (PyTorch does
not), with and without the periodic full evaluation.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import presets  # noqa: E402
from engine.trainer import Trainer  # noqa: E402

CONFIG = {"data.features": ["x1", "x2"], "data.n_samples": 400, "optimizer.name": "adam",
          "optimizer.lr": 0.01, "training.batch_size": 10}


def ours(steps: int, eval_every: int) -> float:
    config = presets.load("default").with_overrides({**CONFIG, "training.eval_every": eval_every})
    trainer = Trainer(config)
    trainer.run(50)                                   # warm-up
    start = time.perf_counter()
    trainer.run(steps)
    return steps / (time.perf_counter() - start)


def torch_rate(steps: int) -> float | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    trainer = Trainer(presets.load("default").with_overrides(CONFIG))
    x = torch.tensor(trainer.dataset.x_train, dtype=torch.float32)
    y = torch.tensor(trainer.dataset.y_train, dtype=torch.float32)
    model = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 8),
                                torch.nn.Tanh(), torch.nn.Linear(8, 1))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    gen = torch.Generator().manual_seed(0)

    def run(n):
        for _ in range(n):
            idx = torch.randint(0, len(x), (10,), generator=gen)
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    run(50)
    start = time.perf_counter()
    run(steps)
    return steps / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=5000)
    steps = parser.parse_args().steps
    full = ours(steps, eval_every=10)
    lean = ours(steps, eval_every=10**9)
    theirs = torch_rate(steps)
    print(f"engine, metrics + eval every 10 steps : {full:8,.0f} steps/s")
    print(f"engine, metrics, no periodic eval     : {lean:8,.0f} steps/s")
    if theirs is None:
        print("PyTorch not installed: no ratio (pip install torch==2.13.0)")
        return
    print(f"PyTorch 1 thread, no metrics          : {theirs:8,.0f} steps/s")
    print(f"ratio ours/PyTorch: {full / theirs:.2f} (with metrics), {lean / theirs:.2f} (lean)")


if __name__ == "__main__":
    main()
