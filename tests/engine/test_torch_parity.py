"""Property-style parity with PyTorch (float64): optimizers and losses on random inputs.

Skipped when torch is not installed (the app never depends on it; it is only the oracle).
"""
from __future__ import annotations

import functools
import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import torch.nn.functional as F  # noqa: E402

from engine import Parameter, losses, optimizers, schedules  # noqa: E402
from engine.config import ScheduleConfig  # noqa: E402
from engine.export_torch import schedule_code  # noqa: E402
from engine.layers import ACTIVATIONS, sigmoid, softmax  # noqa: E402
from tests.engine.samples import sample_hyper  # noqa: E402

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


def _torch_object(code: str):
    """torch.optim.Adam -> the class, resolved from the torch module."""
    head, *rest = code.split(".")
    assert head == "torch", code
    return functools.reduce(getattr, rest, torch)


def _variants():
    """Every registry entry and menu variant with a PyTorch counterpart."""
    return [(label, name, preset) for label, name, preset in optimizers.MENU
            if optimizers.REGISTRY[name].torch.code is not None]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("label", "name", "preset"), _variants(), ids=lambda v: str(v))
def test_optimizer_matches_torch(label, name, preset, seed):
    rng = np.random.default_rng([seed, *map(ord, label)])
    cls = optimizers.REGISTRY[name]
    hyper = sample_hyper(cls.specs, rng, lambda h: cls([], **h), fixed=preset)
    shapes = [(3,), (2, 2)]
    init = [rng.normal(size=s) for s in shapes]
    ours = [Parameter(v.copy(), f"p{i}") for i, v in enumerate(init)]
    theirs = [torch.tensor(v.copy(), dtype=torch.float64, requires_grad=True) for v in init]
    opt = optimizers.create(name, ours, **hyper)
    topt = _torch_object(cls.torch.code)(theirs, foreach=False, **cls.torch.keywords(hyper))
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


# --- losses: the entry's own PyTorch expression, on logits z --------------------------------
TORCH_NAMESPACE = {"torch": torch, "F": F, "math": math, "nn": torch.nn}


def random_batch(task: str, rng):
    """Logits z and targets y of a data set of `task` (binary 0/1, multi-class distributions)."""
    n = int(rng.integers(3, 9))
    if task == "regression":
        return rng.normal(size=(n, 1)) * 2, rng.normal(size=(n, 1)) * 2
    if task == "binary":
        return rng.normal(size=(n, 1)) * 3, rng.integers(0, 2, size=(n, 1)).astype(float)
    c = int(rng.integers(2, 5))
    z = rng.normal(size=(n, c)) * 2
    if rng.random() < 0.5:
        return z, np.eye(c)[rng.integers(0, c, size=n)]
    y = rng.dirichlet(np.ones(c), size=n)
    drop = (rng.random(size=y.shape) < 0.2) & (y < y.max(axis=1, keepdims=True))
    y[drop] = 0.0  # zeros (0·log 0 = 0), never the whole row
    return z, y / y.sum(axis=1, keepdims=True)


def _torch_value_and_grad(code: str, z, y):
    zt = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    v = eval(code, {**TORCH_NAMESPACE, "z": zt, "y": torch.tensor(y)})  # noqa: S307 (our own)
    v.backward()
    return float(v.detach()), zt.grad.numpy()


def _check(what, got_v, got_g, exp_v, exp_g):
    np.testing.assert_allclose(got_v, exp_v, rtol=REL, atol=1e-15, err_msg=f"{what} value")
    got_g = np.asarray(got_g)
    assert got_g.shape == exp_g.shape, f"{what} gradient shape {got_g.shape} != {exp_g.shape}"
    np.testing.assert_allclose(got_g, exp_g, rtol=REL, atol=1e-15 * max(1.0, np.abs(exp_g).max()),
                               err_msg=f"{what} gradient")


def _through_head(head: str, z, grad_p):
    """dL/dz from dL/dŷ by the chain rule through the output head."""
    if head == "identity":
        return grad_p
    if head == "sigmoid":
        p = sigmoid(z)
        return grad_p * p * (1.0 - p)
    p = softmax(z)
    return p * (grad_p - (grad_p * p).sum(axis=1, keepdims=True))


HEADS = {"identity": lambda z: z, "sigmoid": sigmoid, "softmax": softmax}
EXPORTABLE_LOSSES = [n for n, c in losses.REGISTRY.items() if c.torch.code is not None]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", EXPORTABLE_LOSSES)
def test_loss_matches_its_torch_expression(name, seed):
    """from_logits (what training uses) and value/gradient on ŷ = head(z), against PyTorch."""
    rng = np.random.default_rng([seed, *map(ord, name)])
    cls = losses.REGISTRY[name]
    hyper = sample_hyper(cls.specs, rng)
    loss = cls(**hyper)
    z, y = random_batch(cls.task, rng)
    exp_v, exp_g = _torch_value_and_grad(cls.torch.code.format(**hyper), z, y)
    what = f"{name} {hyper} seed {seed}"
    _check(f"{what} from_logits", *loss.from_logits(z.copy(), y.copy()), exp_v, exp_g)
    p = HEADS[cls.head](z)
    grad_z = _through_head(cls.head, z, loss.gradient(p.copy(), y.copy()))
    np.testing.assert_allclose(loss.value(p, y), exp_v, rtol=1e-9, err_msg=f"{what} value(ŷ)")
    np.testing.assert_allclose(grad_z, exp_g, rtol=1e-8, atol=1e-14, err_msg=f"{what} grad(ŷ)")


def test_hinge_at_the_kink_equals_the_exported_pytorch_expression():
    """y·f = 1 exactly (it happens in real runs: an output bias of exactly −1.0)."""
    z = np.array([[1.0], [-1.0], [1.0], [0.5], [2.0]])
    y = np.array([[1.0], [0.0], [-1.0], [1.0], [1.0]])
    cls = losses.REGISTRY["hinge"]
    exp_v, exp_g = _torch_value_and_grad(cls.torch.code, z, y)
    assert exp_g.tolist() == [[-0.2], [0.2], [0.2], [-0.2], [0.0]]      # PyTorch's own numbers
    _check("hinge at the kink", *cls().from_logits(z, y), exp_v, exp_g)


# --- schedules: the exported lr_scheduler gives the same γ at every step -------------------
@pytest.mark.parametrize("warmup", [0, 4])
@pytest.mark.parametrize("name", [n for n, c in schedules.REGISTRY.items()
                                  if c.torch.code is not None])
def test_schedule_matches_its_torch_scheduler(name, warmup):
    rng = np.random.default_rng([warmup, *map(ord, name)])
    cls = schedules.REGISTRY[name]
    base = 0.01                                   # below every max_lr the draws give
    config = ScheduleConfig(name, sample_hyper(cls.specs, rng), warmup)
    ours = schedules.make_schedule(config)
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
    sched = eval(schedule_code(config), {"lr_scheduler": torch.optim.lr_scheduler,  # noqa: S307
                                         "opt": opt, "LR": base})
    for t in range(1, 61):
        expected = opt.param_groups[0]["lr"]
        assert ours.lr_at(t, base) == pytest.approx(expected, rel=1e-12, abs=1e-15), \
            f"{name} {config} step {t}"
        opt.step()
        sched.step()


# --- activations: the entry's torch.nn module ----------------------------------------------
@pytest.mark.parametrize("name", [n for n, a in ACTIVATIONS.items() if a.torch.code is not None])
def test_activation_matches_its_torch_module(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-6.0, 6.0, 49).reshape(7, 7)
    module = eval(act.torch.code, TORCH_NAMESPACE)  # noqa: S307
    zt = torch.tensor(z, requires_grad=True)
    a = module(zt)
    a.backward(torch.ones_like(a))
    ours = act.forward(z)
    np.testing.assert_allclose(ours, a.detach().numpy(), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(act.backward(z, ours, np.ones_like(z)), zt.grad.numpy(),
                               rtol=1e-12, atol=1e-14)   # GELU's tail: 2e-15 apart at 7e-6
