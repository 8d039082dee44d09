"""Seeded toy data sets (TF Playground shapes, regression curves, a CSV file) -> Dataset.

Every generator takes a NumPy Generator, a sample count, a noise level and its own extra
parameters, and returns the raw points (n, input_dim) and a target per point: a class index
for classification, a float for regression. `make_dataset` validates the DataConfig, splits
after a seeded shuffle and expands the raw points into the chosen input features.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from engine.csv_loader import load_csv, load_csv_dataset
from engine.errors import ConfigError, DatasetError
from engine.hyper import HyperParam, defaults, validate_all

__all__ = ["Dataset", "DatasetSpec", "FeatureSpec", "GENERATORS", "FEATURES", "DATASET_NAMES",
           "COMMON_PARAMS", "make_dataset", "dataset_params", "expand_features", "load_csv",
           "add_point", "remove_nearest"]

BOX = 6.0                    # TF Playground shapes live in [-BOX, BOX]^2
KM_PER_MILE = 1.609344


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


# ---- generators ---------------------------------------------------------------------------

def _two_classes(n: int) -> np.ndarray:
    """n labels, half 0 and half 1 (class 0 gets the odd one)."""
    return (np.arange(n) >= n - n // 2).astype(int)


def _jitter(rng, points: np.ndarray, noise: float) -> np.ndarray:
    return points + noise * rng.standard_normal(points.shape)


def _polar(r: np.ndarray, t: np.ndarray) -> np.ndarray:
    return np.column_stack([r * np.cos(t), r * np.sin(t)])


def circle(rng, n, noise):
    """Class 1: disk of radius 2; class 0: ring 3.5..5."""
    label = _two_classes(n)
    r = np.where(label == 1, rng.uniform(0.0, 2.0, n), rng.uniform(3.5, 5.0, n))
    # noise: std of Gaussian jitter on both coordinates; labels keep the generating shape
    return _jitter(rng, _polar(r, rng.uniform(0.0, 2 * np.pi, n)), noise), label


def xor(rng, n, noise):
    """Class 1 where x1*x2 > 0 (quadrants 1 and 3); points kept 0.3 away from the axes."""
    u = rng.uniform(-5.0, 5.0, (n, 2))
    u += np.where(u > 0, 0.3, -0.3)
    label = (u[:, 0] * u[:, 1] > 0).astype(int)
    # noise: std of Gaussian jitter on both coordinates, applied after labelling
    return _jitter(rng, u, noise), label


def gauss(rng, n, noise):
    """Two unit-variance Gaussian clusters: class 1 around (2, 2), class 0 around (-2, -2)."""
    label = _two_classes(n)
    centre = np.where(label[:, None] == 1, 2.0, -2.0)
    # noise: extra std added to each cluster (total std sqrt(1 + noise^2))
    return _jitter(rng, centre + rng.standard_normal((n, 2)), noise), label


def spiral(rng, n, noise):
    """Two interleaved spirals, 1.75 turns out to radius 5; the second is the first turned by pi."""
    label = _two_classes(n)
    s = rng.uniform(0.0, 1.0, n)
    t = 1.75 * 2 * np.pi * s + np.pi * label
    # noise: std of Gaussian jitter on both coordinates
    return _jitter(rng, _polar(5.0 * s, t), noise), label


def moons(rng, n, noise):
    """Two interlocking half-moons (unit circles), scaled by 3.5 to fit [-6, 6]^2."""
    label = _two_classes(n)
    t = rng.uniform(0.0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    points = 3.5 * (np.where(label[:, None] == 0, upper, lower) - [0.5, 0.25])
    # noise: std of Gaussian jitter on both coordinates (after scaling)
    return _jitter(rng, points, noise), label


def blobs(rng, n, noise, n_classes=3):
    """n_classes unit-variance Gaussian blobs centred on a circle of radius 3.5."""
    label = np.arange(n) % n_classes
    angle = 2 * np.pi * np.arange(n_classes) / n_classes + np.pi / 2
    centres = _polar(np.full(n_classes, 3.5), angle)
    # noise: extra std added to each blob (total std sqrt(1 + noise^2))
    return _jitter(rng, centres[label] + rng.standard_normal((n, 2)), noise), label


PLANE_W, PLANE_B = (0.5, -0.25), 1.0
BUMPS = ((-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0),     # (c1, c2, height)
         (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0))
BUMP_SIGMA = 1.5
POLY_C = (1.0, -2.0, -0.5, 0.25)  # y = c0 + c1 x + c2 x^2 + c3 x^3


def plane(rng, n, noise):
    """y = 0.5 x1 - 0.25 x2 + 1 on [-6, 6]^2."""
    x = rng.uniform(-BOX, BOX, (n, 2))
    return x, x @ PLANE_W + PLANE_B + noise * rng.standard_normal(n)  # noise: std of y noise


def multi_gaussian(rng, n, noise):
    """y = sum of six Gaussian bumps (heights +-1, sigma 1.5) in a checkerboard on [-6, 6]^2."""
    x, b = rng.uniform(-BOX, BOX, (n, 2)), np.array(BUMPS)
    d2 = ((x[:, None, :] - b[None, :, :2]) ** 2).sum(axis=2)
    y = np.exp(-d2 / (2 * BUMP_SIGMA**2)) @ b[:, 2]
    return x, y + noise * rng.standard_normal(n)  # noise: std of Gaussian noise added to y


def sine(rng, n, noise):
    """y = sin(x), x uniform in [-6, 6]."""
    x = rng.uniform(-BOX, BOX, (n, 1))
    return x, np.sin(x[:, 0]) + noise * rng.standard_normal(n)  # noise: std of y noise


def polynomial(rng, n, noise):
    """y = 1 - 2x - 0.5x^2 + 0.25x^3, x uniform in [-4, 4]."""
    x = rng.uniform(-4.0, 4.0, (n, 1))
    y = np.polynomial.polynomial.polyval(x[:, 0], POLY_C)
    return x, y + noise * rng.standard_normal(n)  # noise: std of Gaussian noise added to y


def miles_to_km(rng, n, noise):
    """km = 1.609344 * miles, miles uniform in [0, 10]: the lecture's one-weight example."""
    x = rng.uniform(0.0, 10.0, (n, 1))
    # noise: std (in km) of Gaussian noise added to the target; 0 gives exact kilometres
    return x, x[:, 0] * KM_PER_MILE + noise * rng.standard_normal(n)


@dataclass(frozen=True)
class DatasetSpec:
    """A generator and what the data panel shows about it."""

    name: str                # "spiral"
    title: str               # "Spiral"
    task: str                # "regression" | "binary" | "multiclass"
    input_dim: int           # 1 or 2
    description: str         # one line
    generate: Callable       # (rng, n, noise, **params) -> (raw (n, d), target (n,))
    params: tuple[HyperParam, ...] = ()   # its own parameters (DataConfig.params), e.g. n_classes
    fixed_box: bool = True   # plots show [-6, 6]^2; False: the data's range + 10%
    axes: tuple[str, str] = ("x₁", "x₂")  # plot axis titles; for 1-D data y is the target


GENERATORS: dict[str, DatasetSpec] = {s.name: s for s in (
    DatasetSpec("circle", "Circle", "binary", 2, "A disk inside a ring.", circle),
    DatasetSpec("xor", "XOR", "binary", 2, "Class by the sign of x1*x2.", xor),
    DatasetSpec("gauss", "Gaussian", "binary", 2, "Two Gaussian clusters.", gauss),
    DatasetSpec("spiral", "Spiral", "binary", 2, "Two interleaved spirals.", spiral),
    DatasetSpec("moons", "Moons", "binary", 2, "Two interlocking half-moons.", moons),
    DatasetSpec("blobs", "Blobs", "multiclass", 2, "3 to 5 Gaussian blobs, one per class.",
                blobs, (HyperParam("n_classes", 3, "int", low=3, high=5, help="number of blobs "
                                   "(classes)"),)),
    DatasetSpec("plane", "Plane", "regression", 2, "y linear in x1 and x2.", plane),
    DatasetSpec("multi-gaussian", "Multi-Gaussian", "regression", 2,
                "y a sum of Gaussian bumps over the plane.", multi_gaussian),
    DatasetSpec("sine", "Sine", "regression", 1, "y = sin(x) for x in [-6, 6].",
                sine, fixed_box=False, axes=("x₁", "y")),
    DatasetSpec("polynomial", "Polynomial", "regression", 1, "y a cubic in x for x in [-4, 4].",
                polynomial, fixed_box=False, axes=("x₁", "y")),
    DatasetSpec("miles-to-km", "Miles to km", "regression", 1,
                "km = 1.609344 x miles, miles in [0, 10]: one weight to learn.",
                miles_to_km, fixed_box=False, axes=("miles", "km")),
)}
DATASET_NAMES = (*GENERATORS, "csv")


# ---- make_dataset -------------------------------------------------------------------------

COMMON_PARAMS = (           # validated for every data set; the panel shows them too
    HyperParam("n_samples", 200, "int", 2, 100_000, log=True, help="number of points"),
    HyperParam("noise", 0.0, "float", 0.0, 100.0,
               help="noise level (see each generator)"),
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
    return {**defaults(spec.params), **validate_all(spec.params, values, "data")}


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
