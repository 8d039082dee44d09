"""Property-style parity with PyTorch (float64): optimizers and losses on random inputs.

Skipped when torch is not installed (the app never depends on it; it is only the oracle).
"""
from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import torch.nn.functional as F  # noqa: E402

from engine import Parameter, losses, optimizers  # noqa: E402

REL = 1e-12
N_STEPS = 20
SEEDS = range(6)



@pytest.fixture(autouse=True)
def _torch_float64():
    # torch keeps scalar optimizer state (step, NAdam's mu_product) in the default dtype:
    # float32 unless told otherwise, which alone costs ~1e-9 relative in NAdam
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(old)


TORCH_OPT = {
    "sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
    "adadelta": torch.optim.Adadelta, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
    "nadam": torch.optim.NAdam, "radam": torch.optim.RAdam,
}


def _loguniform(rng, lo, hi):
    return float(np.exp(rng.uniform(np.log(lo), np.log(hi))))


def _maybe(rng, value, p=0.5):
    return value if rng.random() < p else 0.0


def random_hyper(name, rng):
    wd = _maybe(rng, float(rng.uniform(0.0, 0.2)))
    if name == "sgd":
        momentum = _maybe(rng, float(rng.uniform(0.1, 0.99)), 0.7)
        dampening = _maybe(rng, float(rng.uniform(0.0, 0.9)), 0.5) if momentum else 0.0
        nesterov = bool(momentum > 0 and dampening == 0 and rng.random() < 0.6)
        return dict(lr=_loguniform(rng, 1e-3, 0.3), momentum=momentum, dampening=dampening,
                    nesterov=nesterov, weight_decay=wd)
    if name == "adagrad":
        return dict(lr=_loguniform(rng, 1e-3, 1.0),
                    lr_decay=_maybe(rng, float(rng.uniform(0, 0.5))), weight_decay=wd,
                    initial_accumulator_value=_maybe(rng, float(rng.uniform(0, 1))),
                    eps=_loguniform(rng, 1e-10, 1e-6))
    if name == "rmsprop":
        return dict(lr=_loguniform(rng, 1e-4, 0.1), alpha=float(rng.uniform(0.5, 0.999)),
                    eps=_loguniform(rng, 1e-8, 1e-4), weight_decay=wd,
                    momentum=_maybe(rng, float(rng.uniform(0.1, 0.95))),
                    centered=bool(rng.random() < 0.5))
    if name == "adadelta":
        return dict(lr=float(rng.uniform(0.1, 2.0)), rho=float(rng.uniform(0.5, 0.99)),
                    eps=_loguniform(rng, 1e-8, 1e-3), weight_decay=wd)
    betas = (float(rng.uniform(0.5, 0.99)), float(rng.uniform(0.9, 0.9999)))
    common = dict(lr=_loguniform(rng, 1e-4, 0.1), betas=betas, eps=_loguniform(rng, 1e-10, 1e-6))
    if name == "adam":
        return dict(common, weight_decay=wd, amsgrad=bool(rng.random() < 0.5))
    if name == "adamw":
        return dict(common, weight_decay=float(rng.uniform(0.0, 0.5)),
                    amsgrad=bool(rng.random() < 0.5))
    if name == "nadam":
        return dict(common, weight_decay=wd, momentum_decay=_loguniform(rng, 1e-3, 1e-2))
    if name == "radam":
        # beta2 low enough that rho_t > 5 is reached within the 20 steps in some draws
        return dict(common, betas=(betas[0], float(rng.uniform(0.5, 0.999))), weight_decay=wd)
    raise AssertionError(name)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", list(TORCH_OPT))
def test_optimizer_matches_torch(name, seed):
    rng = np.random.default_rng(1000 * seed + len(name))
    hyper = random_hyper(name, rng)
    shapes = [(3,), (2, 2)]
    init = [rng.normal(size=s) for s in shapes]
    ours = [Parameter(v.copy(), f"p{i}") for i, v in enumerate(init)]
    theirs = [torch.tensor(v.copy(), dtype=torch.float64, requires_grad=True) for v in init]
    opt = optimizers.create(name, ours, **hyper)
    topt = TORCH_OPT[name](theirs, foreach=False, **hyper)
    for step in range(1, N_STEPS + 1):
        scale = 10.0 ** rng.uniform(-2, 1)
        for p, tp in zip(ours, theirs):
            g = rng.normal(size=p.value.shape) * scale
            p.grad[...] = g
            tp.grad = torch.tensor(g.copy(), dtype=torch.float64)
        opt.step()
        topt.step()
        for i, (p, tp) in enumerate(zip(ours, theirs)):
            expected = tp.detach().numpy()
            np.testing.assert_allclose(
                p.value, expected, rtol=REL, atol=REL * np.max(np.abs(expected)),
                err_msg=f"{name} {hyper} param {i} step {step}")


# --- losses --------------------------------------------------------------------------------
def _torch_grad(fn, x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    v = fn(t)
    v.backward()
    return float(v.detach()), t.grad.numpy()


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _check(what, got_v, got_g, exp_v, exp_g):
    np.testing.assert_allclose(got_v, exp_v, rtol=REL, atol=1e-15, err_msg=f"{what} value")
    got_g = np.asarray(got_g)
    assert got_g.shape == exp_g.shape, f"{what} gradient shape {got_g.shape} != {exp_g.shape}"
    np.testing.assert_allclose(got_g, exp_g, rtol=REL, atol=1e-15 * max(1.0, np.abs(exp_g).max()),
                               err_msg=f"{what} gradient")


def _torch_loss(name, y, params):
    yt = torch.tensor(y, dtype=torch.float64)
    if name == "mbe":
        return lambda p: (yt - p).mean()
    if name == "mae":
        return lambda p: F.l1_loss(p, yt)
    if name == "mse":
        return lambda p: F.mse_loss(p, yt)
    if name == "rmse":
        return lambda p: torch.sqrt(F.mse_loss(p, yt))
    if name == "huber":
        return lambda p: F.huber_loss(p, yt, delta=params["delta"])
    if name == "logcosh":
        return lambda p: torch.log(torch.cosh(p - yt)).mean()
    if name == "bce":
        return lambda p: F.binary_cross_entropy(p, yt)
    if name == "hinge":
        return lambda f: torch.clamp(1 - yt * f, min=0).mean()
    if name == "ce":
        return lambda p: -(yt * torch.log(p)).sum(dim=1).mean()
    if name == "kl":
        return lambda p: F.kl_div(torch.log(p), yt, reduction="batchmean")
    raise AssertionError(name)


def _random_inputs(name, rng):
    n = int(rng.integers(3, 9))
    if name in ("mbe", "mae", "mse", "rmse", "huber", "logcosh"):
        return rng.normal(size=(n, 1)) * 2, rng.normal(size=(n, 1)) * 2
    if name == "bce":
        return rng.uniform(0.01, 0.99, size=(n, 1)), rng.integers(0, 2, size=(n, 1)).astype(float)
    if name == "hinge":
        return rng.normal(size=(n, 1)) * 2, rng.choice([-1.0, 1.0], size=(n, 1))
    c = int(rng.integers(2, 5))
    p = _softmax(rng.normal(size=(n, c)) * 2)
    if name == "ce" and rng.random() < 0.5:
        return p, np.eye(c)[rng.integers(0, c, size=n)]
    y = rng.dirichlet(np.ones(c), size=n)
    y[rng.random(size=y.shape) < 0.2] = 0.0  # zeros: 0·log 0 = 0
    y[:, 0] += 1.0 - y.sum(axis=1)
    y = np.abs(y)
    return p, y / y.sum(axis=1, keepdims=True)


LOSS_NAMES = ["mbe", "mae", "mse", "rmse", "huber", "logcosh", "bce", "hinge", "ce", "kl"]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", LOSS_NAMES)
def test_loss_matches_torch(name, seed):
    rng = np.random.default_rng(77 + 31 * seed + len(name))
    params = {"delta": float(rng.uniform(0.2, 2.0))} if name == "huber" else {}
    y_pred, y_true = _random_inputs(name, rng)
    loss = losses.create(name, **params)
    exp_v, exp_g = _torch_grad(_torch_loss(name, y_true, params), y_pred)
    _check(f"{name} {params} seed {seed}", loss.value(y_pred.copy(), y_true.copy()),
           loss.gradient(y_pred.copy(), y_true.copy()), exp_v, exp_g)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", ["bce", "ce", "kl"])
def test_from_logits_matches_torch(name, seed):
    rng = np.random.default_rng(555 + seed + len(name))
    n = int(rng.integers(3, 9))
    if name == "bce":
        z = rng.normal(size=(n, 1)) * 4
        y = rng.integers(0, 2, size=(n, 1)).astype(float)
        yt = torch.tensor(y)
        fn = lambda t: F.binary_cross_entropy_with_logits(t, yt)  # noqa: E731
    else:
        z = rng.normal(size=(n, 4)) * 3
        y = rng.dirichlet(np.ones(4), size=n)
        yt = torch.tensor(y)
        if name == "ce":
            fn = lambda t: F.cross_entropy(t, yt)  # noqa: E731
        else:
            fn = lambda t: F.kl_div(F.log_softmax(t, dim=1), yt, reduction="batchmean")  # noqa: E731
    exp_v, exp_g = _torch_grad(fn, z)
    got_v, got_g = losses.create(name).from_logits(z.copy(), y.copy())
    _check(f"{name} from_logits seed {seed}", got_v, got_g, exp_v, exp_g)
