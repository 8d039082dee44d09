"""The seeded toy data sets: TF Playground's shapes and the lecture's regression curves.

Each generator takes a NumPy Generator, a sample count, a noise σ and its own parameters and
returns the raw points (n, input_dim) and a target per point (a class index, or a float).
A data set is one DatasetSpec entry in GENERATORS: its generator, title, task, parameter
specs, axis titles and noise range; the config, the data panel and the data view read them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.hyper import HyperParam

BOX = 6.0                    # TF Playground shapes live in [-BOX, BOX]^2
KM_PER_MILE = 1.609344


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
    specs: tuple[HyperParam, ...] = ()  # own parameters (values in DataConfig.params): n_classes
    fixed_box: bool = True   # plots show [-6, 6]^2; False: the data's range + 10%
    axes: tuple[str, str] = ("x₁", "x₂")  # plot axis titles; for 1-D data y is the target
    noise_high: float = 3.0  # the largest noise σ that still leaves a shape to learn
    noise_of: str = "x₁ and x₂"  # what the noise is added to

    def noise_param(self) -> HyperParam:
        """Its noise: a standard deviation in the data's own units (TF Playground's is a %)."""
        return HyperParam("noise", 0.0, "float", 0.0, self.noise_high,
                          help=f"σ of the Gaussian noise added to {self.noise_of}, in data "
                               "units (not a percentage)")


SPREAD = "x₁ and x₂ on top of each cluster's unit σ"

GENERATORS: dict[str, DatasetSpec] = {s.name: s for s in (
    DatasetSpec("circle", "Circle", "binary", 2, "A disk inside a ring.", circle),
    DatasetSpec("xor", "XOR", "binary", 2, "Class by the sign of x1*x2.", xor),
    DatasetSpec("gauss", "Gaussian", "binary", 2, "Two Gaussian clusters.", gauss,
                noise_of=SPREAD),
    DatasetSpec("spiral", "Spiral", "binary", 2, "Two interleaved spirals.", spiral),
    DatasetSpec("moons", "Moons", "binary", 2, "Two interlocking half-moons.", moons),
    DatasetSpec("blobs", "Blobs", "multiclass", 2, "3 to 5 Gaussian blobs, one per class.",
                blobs, (HyperParam("n_classes", 3, "int", low=3, high=5, help="number of blobs "
                                   "(classes)"),), noise_of=SPREAD),
    DatasetSpec("plane", "Plane", "regression", 2, "y linear in x1 and x2.", plane,
                noise_of="y"),
    DatasetSpec("multi-gaussian", "Multi-Gaussian", "regression", 2,
                "y a sum of Gaussian bumps over the plane.", multi_gaussian, noise_high=2.0,
                noise_of="y (bumps of height ±1)"),
    DatasetSpec("sine", "Sine", "regression", 1, "y = sin(x) for x in [-6, 6].",
                sine, fixed_box=False, axes=("x₁", "y"), noise_high=2.0, noise_of="y"),
    DatasetSpec("polynomial", "Polynomial", "regression", 1, "y a cubic in x for x in [-4, 4].",
                polynomial, fixed_box=False, axes=("x₁", "y"), noise_high=5.0, noise_of="y"),
    DatasetSpec("miles-to-km", "Miles to km", "regression", 1,
                "km = 1.609344 x miles, miles in [0, 10]: one weight to learn.",
                miles_to_km, fixed_box=False, axes=("miles", "km"), noise_high=5.0,
                noise_of="the km"),
)}
