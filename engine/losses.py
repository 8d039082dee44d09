"""The losses of the lecture (docs/maths.md): value, d/dŷ, a stable logit form, and metadata.

ŷ (y_pred) is the output after the head; every loss is a mean over the batch and its gradient
carries the 1/N. `from_logits(z, y)` is what the trainer calls: for bce/ce/kl it is the fused,
overflow-free form whose gradient w.r.t. the logits is (p − y)/N.
"""
from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.hyper import NO_TORCH, HyperParam, TorchEquivalent, defaults, validate_all
from engine.layers import sigmoid_from, softmax_and_log

TASK_WORDS = {"regression": "regression (a number to predict)",
              "binary": "binary classification (two classes)",
              "multiclass": "multi-class classification (three or more classes)"}


class Loss:
    """A loss: value(ŷ, y), gradient(ŷ, y) = dL/dŷ, from_logits(z, y), and panel metadata."""

    name = ""
    title = ""
    task = "regression"                        # the data task this loss fits
    head = "identity"                          # output head the network gets
    formula = ""                               # LaTeX, rendered in the loss panel
    value_range = "[0, ∞)"
    description = ""
    slide_note = ""                            # one line: how the lecture's slide writes it
    specs: tuple[HyperParam, ...] = ()         # its parameters; the values are in .hyper
    torch: TorchEquivalent = NO_TORCH          # the data loss of logits z and targets y

    def __init__(self, **hyper):
        self.hyper = {**defaults(self.specs), **validate_all(self.specs, hyper, "loss")}

    @classmethod
    def fits_task(cls, task: str) -> bool:
        return task == cls.task

    @classmethod
    def why_not(cls, task: str) -> str:
        """Why this loss is greyed out for a data set of `task` ('' when it fits)."""
        if cls.fits_task(task):
            return ""
        return f"{cls.title} is for {TASK_WORDS[cls.task]}; this data set is {TASK_WORDS[task]}."

    def value(self, y_pred, y_true) -> float:
        raise NotImplementedError

    def gradient(self, y_pred, y_true) -> np.ndarray:
        raise NotImplementedError

    def from_logits(self, z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """(loss, dL/dz) for an identity head: z is ŷ."""
        return self.value(z, y), self.gradient(z, y)


def _pair(y_pred, y_true):
    """Both as arrays of ŷ's dtype: float32 stays float32 (a float32 network), else float64."""
    y_pred = np.asarray(y_pred)
    y_pred = y_pred.astype(_float_type(y_pred), copy=False)
    return y_pred, np.asarray(y_true, dtype=y_pred.dtype).reshape(y_pred.shape)


def _float_type(a: np.ndarray):
    return np.float32 if a.dtype == np.float32 else np.float64


class MBE(Loss):
    name, title = "mbe", "Mean bias error"
    formula = r"\frac{1}{N}\sum_i (y_i - \hat y_i)"
    value_range = "(−∞, ∞)"
    description = "Average bias of the predictions; not a training loss: training on it runs away."
    torch = TorchEquivalent("torch.mean(y - z)")

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        return float(np.mean(y - p))

    def gradient(self, y_pred, y_true):
        p, _ = _pair(y_pred, y_true)
        return np.full(p.shape, -1.0 / p.size, p.dtype)


class MAE(Loss):
    name, title = "mae", "Mean absolute error (L1)"
    formula = r"\frac{1}{N}\sum_i |\hat y_i - y_i|"
    description = "Average absolute error; robust to outliers, constant-size gradient."
    torch = TorchEquivalent("F.l1_loss(z, y)")

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        return float(np.mean(np.abs(p - y)))

    def gradient(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        return np.sign(p - y) / p.size


class MSE(Loss):
    name, title = "mse", "Mean squared error (L2)"
    formula = r"\frac{1}{N}\sum_i (\hat y_i - y_i)^2"
    description = "Average squared error; large errors dominate, the gradient shrinks near 0."
    torch = TorchEquivalent("F.mse_loss(z, y)")

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        r = p - y
        return float(np.mean(r * r))

    def gradient(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        return 2.0 * (p - y) / p.size


class RMSE(Loss):
    name, title = "rmse", "Root mean squared error"
    formula = r"\sqrt{\frac{1}{N}\sum_i (\hat y_i - y_i)^2}"
    description = "Square root of MSE: the loss has the same units as the target."
    torch = TorchEquivalent("torch.sqrt(F.mse_loss(z, y))")

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        return float(np.sqrt(np.mean((p - y) ** 2)))

    def gradient(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        rmse = np.sqrt(np.mean((p - y) ** 2))
        if rmse == 0.0:
            return np.zeros_like(p)
        return (p - y) / (p.size * rmse)


class Huber(Loss):
    name, title = "huber", "Huber loss"
    formula = (r"\frac{1}{N}\sum_i \begin{cases}\frac{1}{2}r_i^2 & |r_i| \leq \delta"
               r"\\ \delta(|r_i| - \frac{1}{2}\delta) & \mathrm{otherwise}\end{cases}")
    description = "MSE for small errors, MAE for large ones (|r| > δ): robust and smooth."
    slide_note = "Slides: the condition ≤ δ is missing and no mean; here |r| ≤ δ, averaged."
    torch = TorchEquivalent("F.huber_loss(z, y, delta={delta!r})")
    specs = (HyperParam("delta", 1.0, low=0.0, low_open=True, high=1e6, log=True,
                         help="δ: where the loss turns from quadratic to linear"),)

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        a = np.abs(p - y)
        d = self.hyper["delta"]
        q = np.minimum(a, d)            # ½q² + δ(a − q): ½a² for a ≤ δ, δ(a − ½δ) beyond
        return float(np.mean(0.5 * q * q + d * (a - q)))

    def gradient(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        r = p - y
        d = self.hyper["delta"]
        return np.where(np.abs(r) <= d, r, d * np.sign(r)) / p.size


class LogCosh(Loss):
    name, title = "logcosh", "Log-cosh loss"
    formula = r"\frac{1}{N}\sum_i \log\cosh(\hat y_i - y_i)"
    description = "Like Huber without a parameter: ≈ r²/2 for small r, ≈ |r| − log 2 for large."
    torch = TorchEquivalent("torch.mean(torch.abs(z - y)"
                            " + torch.log1p(torch.exp(-2 * torch.abs(z - y))) - math.log(2.0))")

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        a = np.abs(p - y)
        return float(np.mean(a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)))

    def gradient(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        return np.tanh(p - y) / p.size


class BCE(Loss):
    name, title = "bce", "Binary cross-entropy"
    task, head = "binary", "sigmoid"
    formula = r"-\frac{1}{N}\sum_i \left[y_i \log p_i + (1 - y_i)\log(1 - p_i)\right]"
    description = "Negative log-likelihood of the right class; p from a sigmoid, y in {0, 1}."
    slide_note = "Slides: no leading minus; without it the loss is ≤ 0 and pushes p from y."
    torch = TorchEquivalent("F.binary_cross_entropy_with_logits(z, y)")

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        with np.errstate(divide="ignore"):
            log_p = np.maximum(np.log(p), -100.0)       # PyTorch clamps each log at -100
            log_q = np.maximum(np.log1p(-p), -100.0)
        return float(-np.mean(y * log_p + (1.0 - y) * log_q))

    def gradient(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        return (p - y) / np.maximum(p * (1.0 - p), 1e-12) / p.size   # PyTorch's eps

    def from_logits(self, z, y):
        z, y = _pair(z, y)
        e = np.exp(-np.abs(z))                     # e^-|z|, shared by the value and σ(z)
        value = (np.maximum(z, 0.0) - z * y + np.log1p(e)).sum() / z.size   # the mean
        return float(value), (sigmoid_from(z, e) - y) / z.size


class Hinge(Loss):
    name, title = "hinge", "Hinge loss"
    task = "binary"
    formula = r"\frac{1}{N}\sum_i \max(0,\, 1 - y_i f(x_i))"
    value_range = "[0, ∞)"
    description = "Penalises wrong and barely-right scores f; labels ±1 (0/1 are mapped). SVMs."
    slide_note = "Slides: one example; here the batch mean, labels ±1, gradient −y at y·f = 1."
    torch = TorchEquivalent("torch.clamp(1 - torch.where(y > 0, 1.0, -1.0) * z, min=0).mean()")

    @staticmethod
    def _signed(y):
        # 0/1 labels -> -1/+1; ±1 labels unchanged
        return np.where(y > 0, 1.0, -1.0).astype(y.dtype, copy=False)

    def value(self, y_pred, y_true):
        f, y = _pair(y_pred, y_true)
        return float(np.mean(np.maximum(0.0, 1.0 - self._signed(y) * f)))

    def gradient(self, y_pred, y_true):
        f, y = _pair(y_pred, y_true)
        s = self._signed(y)
        return np.where(s * f <= 1.0, -s, 0.0) / f.size   # at the kink too, as PyTorch's clamp


class CrossEntropy(Loss):
    name, title = "ce", "Cross-entropy"
    task, head = "multiclass", "softmax"
    formula = r"-\frac{1}{N}\sum_i \sum_c y_{ic} \log p_{ic}"
    description = "BCE for many classes: −log of the probability given to the right class."
    torch = TorchEquivalent("F.cross_entropy(z, y)")

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        with np.errstate(divide="ignore"):
            terms = np.where(y > 0, y * np.log(p), 0.0)
        return float(-terms.sum() / p.shape[0])

    def gradient(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        return np.where(y > 0, -y / p, 0.0) / p.shape[0]

    def from_logits(self, z, y):
        z, y = _pair(z, y)
        p, log_p = softmax_and_log(z)
        value = -(y * log_p).sum() / z.shape[0]
        return float(value), (p * y.sum(axis=1, keepdims=True) - y) / z.shape[0]


class KLDivergence(Loss):
    name, title = "kl", "KL divergence"
    task, head = "multiclass", "softmax"
    formula = r"\frac{1}{N}\sum_i \sum_c y_{ic} \log\frac{y_{ic}}{p_{ic}}"
    description = "How far the predicted distribution p is from the target y (0·log 0 = 0)."
    slide_note = "Slides: a sum over classes, no 1/N; here the mean over samples (batchmean)."
    torch = TorchEquivalent('F.kl_div(F.log_softmax(z, dim=1), y, reduction="batchmean")')

    def value(self, y_pred, y_true):
        p, y = _pair(y_pred, y_true)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(y > 0, y * (np.log(y) - np.log(p)), 0.0)
        return float(terms.sum() / p.shape[0])

    def gradient(self, y_pred, y_true):
        return CrossEntropy.gradient(self, y_pred, y_true)

    def from_logits(self, z, y):
        z, y = _pair(z, y)
        p, log_p = softmax_and_log(z)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(y > 0, y * (np.log(y) - log_p), 0.0)
        return float(terms.sum() / z.shape[0]), \
            (p * y.sum(axis=1, keepdims=True) - y) / z.shape[0]


REGISTRY: dict[str, type[Loss]] = {cls.name: cls for cls in (
    MBE, MAE, MSE, RMSE, Huber, LogCosh, BCE, Hinge, CrossEntropy, KLDivergence)}


def create(name: str, **hyper) -> Loss:
    """A loss by its registry name, e.g. create("huber", delta=0.5)."""
    if name not in REGISTRY:
        raise ConfigError("loss.name", name, "one of: " + ", ".join(REGISTRY))
    return REGISTRY[name](**hyper)
