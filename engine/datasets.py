"""A DataConfig -> Dataset: a generator's points (engine/generators.py) or a CSV file's.

`make_dataset` validates the DataConfig (common fields, the data set's own parameters and
noise range), splits after a seeded shuffle and expands the raw points into the chosen
input features. `add_point` / `remove_nearest` edit the training points.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from engine.csv_loader import load_csv, load_csv_dataset
from engine.errors import ConfigError, DatasetError
from engine.generators import BOX, GENERATORS, DatasetSpec
from engine.hyper import HyperParam, defaults, validate_all

__all__ = ["Dataset", "DatasetSpec", "FeatureSpec", "GENERATORS", "FEATURES", "DATASET_NAMES",
           "COMMON_PARAMS", "make_dataset", "dataset_params", "expand_features", "load_csv",
           "add_point", "remove_nearest"]


@dataclass(frozen=True, eq=False)  # eq=False: compare by identity (fields are arrays)
class Dataset:
    """Train/test arrays ready for a Network, plus the raw points for plotting."""

    x_train: np.ndarray      # (n_train, n_features) model inputs after feature expansion
    y_train: np.ndarray      # (n_train, k): regression/binary (n, 1); multiclass one-hot (n, C)
    x_test: np.ndarray       # (n_test, n_features); n_test may be 0
    y_test: np.ndarray       # (n_test, k)
    raw_train: np.ndarray    # (n_train, input_dim) the points before feature expansion
    raw_test: np.ndarray     # (n_test, input_dim)
    task: str                # "regression" | "binary" | "multiclass"
    feature_names: tuple[str, ...]  # one name per column of x, e.g. ("x1", "x2", "x1^2")
    name: str                # "spiral", ..., or "csv"
    axes: tuple[str, str] = ("x₁", "x₂")  # titles of a plot's x and y axes (1-D: y is the target)

    @property
    def input_dim(self) -> int:
        """Number of raw input coordinates (1 or 2 for generators, any for CSV)."""
        return self.raw_train.shape[1]

    @property
    def n_features(self) -> int:
        """Number of model inputs after feature expansion."""
        return self.x_train.shape[1]

    @property
    def n_classes(self) -> int:
        """Output width: C for multiclass, 1 for binary and regression."""
        return self.y_train.shape[1] if self.task == "multiclass" else 1

    @property
    def labels_train(self) -> np.ndarray | None:
        """Integer class per training row; None for regression."""
        return _labels(self.y_train, self.task)

    @property
    def labels_test(self) -> np.ndarray | None:
        """Integer class per test row; None for regression."""
        return _labels(self.y_test, self.task)

    @property
    def view_box(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """((xmin, xmax), (ymin, ymax)) a plot should show; for 1-D data y is the target."""
        spec = GENERATORS.get(self.name)
        if spec is not None and spec.fixed_box:
            return (-BOX, BOX), (-BOX, BOX)
        raw = np.concatenate([self.raw_train, self.raw_test])
        if self.input_dim == 1:
            return _span(raw[:, 0]), _span(np.concatenate([self.y_train, self.y_test])[:, 0])
        return _span(raw[:, 0]), _span(raw[:, 1])

    def expand(self, raw: np.ndarray) -> np.ndarray:
        """Model inputs for raw points (n, input_dim); CSV columns are used as they are."""
        raw = np.asarray(raw, dtype=float).reshape(-1, self.input_dim)
        return raw.copy() if self.name == "csv" else expand_features(raw, self.feature_names)


def _labels(y: np.ndarray, task: str) -> np.ndarray | None:
    if task == "binary":
        return (y[:, 0] > 0.5).astype(int)
    if task == "multiclass":
        return y.argmax(axis=1)
    return None


def _span(v: np.ndarray, margin: float = 0.1) -> tuple[float, float]:
    lo, hi = (float(v.min()), float(v.max())) if v.size else (-1.0, 1.0)
    pad = margin * (hi - lo) if hi > lo else 1.0
    return lo - pad, hi + pad


# ---- input features (TF Playground's) ---------------------------------------------------

@dataclass(frozen=True)
class FeatureSpec:
    """One model input computed from the raw point (x1, x2)."""

    name: str                # "x1^2"
    label: str               # how a panel shows it: "x₁²"
    needs_x2: bool           # meaningless for 1-D data
    f: Callable[[np.ndarray, np.ndarray], np.ndarray]  # vectorised f(x1, x2)


FEATURES: dict[str, FeatureSpec] = {s.name: s for s in (
    FeatureSpec("x1", "x₁", False, lambda x1, x2: x1),
    FeatureSpec("x2", "x₂", True, lambda x1, x2: x2),
    FeatureSpec("x1^2", "x₁²", False, lambda x1, x2: x1 * x1),
    FeatureSpec("x2^2", "x₂²", True, lambda x1, x2: x2 * x2),
    FeatureSpec("x1*x2", "x₁x₂", True, lambda x1, x2: x1 * x2),
    FeatureSpec("sin(x1)", "sin(x₁)", False, lambda x1, x2: np.sin(x1)),
    FeatureSpec("sin(x2)", "sin(x₂)", True, lambda x1, x2: np.sin(x2)),
)}


def expand_features(raw: np.ndarray, features: Sequence[str]) -> np.ndarray:
    """Columns f(x1, x2) for each named feature: (n, 1 or 2) raw points -> (n, len(features))."""
    raw = np.asarray(raw, dtype=float)
    if raw.ndim == 1:
        raw = raw[:, None]
    _check_features(features, raw.shape[1])
    x1 = raw[:, 0]
    x2 = raw[:, 1] if raw.shape[1] > 1 else None
    out = np.empty((raw.shape[0], len(features)))
    for j, name in enumerate(features):
        out[:, j] = FEATURES[name].f(x1, x2)
    return out


def _check_features(features: Sequence[str], input_dim: int) -> None:
    allowed = [s.name for s in FEATURES.values() if input_dim > 1 or not s.needs_x2]
    rule = ("" if input_dim > 1 else "for 1-D data (no x2) ") + "one or more of: " + \
        ", ".join(allowed) + ", each at most once"
    names = list(features) if isinstance(features, (list, tuple)) else None
    if not names or len(set(names)) != len(names):
        raise ConfigError("data.features", features, rule)
    for name in names:
        if name not in allowed:
            raise ConfigError("data.features", name, rule)


DATASET_NAMES = (*GENERATORS, "csv")


# ---- make_dataset -------------------------------------------------------------------------

COMMON_PARAMS = (           # validated for every data set; the panel shows them too
    HyperParam("n_samples", 200, "int", 2, 100_000, log=True, help="number of points"),
    HyperParam("noise", 0.0, "float", 0.0, 100.0,   # each generator allows less: noise_param
               help="σ of Gaussian noise in data units (a CSV file's points get none)"),
    HyperParam("train_fraction", 0.5, "float", 0.0, 1.0, low_open=True,
               help="share of the points used for training; the rest is the test set"),
    HyperParam("seed", 0, "int", 0, help="random seed: same seed, same points"),
)


def make_dataset(cfg) -> Dataset:
    """Build the Dataset a DataConfig (or any object with its attributes) describes."""
    name = getattr(cfg, "dataset", "spiral")
    if name not in DATASET_NAMES:
        raise ConfigError("data.dataset", name, "one of: " + ", ".join(DATASET_NAMES))
    n, noise, fraction, seed = _check_common(cfg)
    rng = np.random.default_rng(seed)
    if name == "csv":
        raw, y, task, names, target_name = load_csv_dataset(cfg)
        x = raw
        axes = (names[0], target_name) if len(names) == 1 else (names[0], names[1])
    else:
        spec = GENERATORS[name]
        spec.noise_param().validate(noise, "data.noise")
        params = dataset_params(spec, getattr(cfg, "params", {}))
        names = tuple(getattr(cfg, "features", ("x1", "x2")))
        _check_features(names, spec.input_dim)
        raw, target = spec.generate(rng, n, noise, **params)
        task, axes = spec.task, spec.axes
        y = _encode(target, task, params.get("n_classes", 2))  # a multiclass generator's count
        x = expand_features(raw, names)
    i_train, i_test = _split(rng, len(raw), fraction)
    return Dataset(x[i_train], y[i_train], x[i_test], y[i_test], raw[i_train], raw[i_test],
                   task, tuple(names), name, tuple(axes))


def dataset_params(spec: DatasetSpec, values) -> dict:
    """Every parameter of the data set: `values` (validated by its specs) over the defaults."""
    if not isinstance(values, dict):
        raise ConfigError("data.params", values, "an object")
    return {**defaults(spec.specs), **validate_all(spec.specs, values, "data")}


def _check_common(cfg) -> list:
    """n_samples, noise, train_fraction and seed, validated."""
    return [p.validate(getattr(cfg, p.name, p.default), f"data.{p.name}")
            for p in COMMON_PARAMS]


def _encode(target: np.ndarray, task: str, n_classes: int) -> np.ndarray:
    """Targets as the network sees them: (n, 1) floats, or one-hot (n, C)."""
    if task == "multiclass":
        return np.eye(n_classes)[target.astype(int)]
    return np.asarray(target, dtype=float).reshape(-1, 1)


def _split(rng, n: int, fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled indices; both parts non-empty when n >= 2 unless fraction is 1."""
    order = rng.permutation(n)
    n_train = n if fraction >= 1.0 else min(max(round(n * fraction), 1), n - 1)
    return order[:n_train], order[n_train:]


# ---- editing points -----------------------------------------------------------------------

def add_point(ds: Dataset, raw_point, target) -> Dataset:
    """A new Dataset with one more training point (target: class index or a float)."""
    point = np.asarray(raw_point, dtype=float).reshape(1, -1)
    if point.shape[1] != ds.input_dim or not np.all(np.isfinite(point)):
        raise ConfigError("point", raw_point, f"{ds.input_dim} finite coordinates")
    raw = np.concatenate([ds.raw_train, point])
    y = np.concatenate([ds.y_train, _target_row(ds, target)])
    return replace(ds, raw_train=raw, y_train=y, x_train=ds.expand(raw))


def _target_row(ds: Dataset, target) -> np.ndarray:
    if ds.task == "regression":
        if isinstance(target, bool) or not isinstance(target, (int, float, np.number)) \
                or not math.isfinite(target):
            raise ConfigError("target", target, "a finite number")
        return np.array([[float(target)]])
    if isinstance(target, bool):
        target = int(target)
    if not isinstance(target, (int, np.integer)) or not 0 <= target < max(ds.n_classes, 2):
        raise ConfigError("target", target, f"a class index 0..{max(ds.n_classes, 2) - 1}")
    if ds.task == "binary":
        return np.array([[float(target)]])
    return np.eye(ds.n_classes)[[int(target)]]


def remove_nearest(ds: Dataset, raw_point) -> Dataset:
    """A new Dataset without the training point nearest (Euclidean, raw space) to raw_point."""
    if len(ds.raw_train) <= 1:
        raise DatasetError("data.train_points", len(ds.raw_train),
                           "at least 2 training points to remove one (one must remain)")
    point = np.asarray(raw_point, dtype=float).reshape(1, -1)
    if point.shape[1] != ds.input_dim:
        raise ConfigError("point", raw_point, f"{ds.input_dim} coordinates")
    i = int(np.argmin(((ds.raw_train - point) ** 2).sum(axis=1)))
    keep = np.arange(len(ds.raw_train)) != i
    return replace(ds, raw_train=ds.raw_train[keep], y_train=ds.y_train[keep],
                   x_train=ds.x_train[keep])
