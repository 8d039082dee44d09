"""The data view's colours: one per class, and the heatmaps' lookup tables."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gui.plots.palette import HEAT_NEGATIVE, HEAT_POSITIVE, LIGHT_LAYER_COLORS, NEGATIVE, POSITIVE

BACKGROUND_STRENGTH = 0.55   # heatmap colours are mixed with white so the points stand out


def rgb(color: str) -> np.ndarray:
    """'#RRGGBB' -> float array [r, g, b] in 0..255."""
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)


def class_color(k: int) -> str:
    """Class 0 blue, class 1 orange (like the weights), then the rest of the palette: the
    shades for a white ground (the data view is drawn on white)."""
    if k > 1:
        return LIGHT_LAYER_COLORS[k % len(LIGHT_LAYER_COLORS)]
    return (NEGATIVE, POSITIVE)[k]


def _tint(k: int) -> str:
    """A class's region colour: the bright hue (points on it use the darker shade)."""
    return (HEAT_NEGATIVE, HEAT_POSITIVE)[k] if k < 2 else class_color(k)


def _diverging_lut() -> np.ndarray:
    """256 colours: blue (low) -> white (middle) -> orange (high), softened towards white."""
    t = np.linspace(-1.0, 1.0, 256)[:, None] * BACKGROUND_STRENGTH
    white = np.full(3, 255.0)
    ends = np.where(t < 0, rgb(HEAT_NEGATIVE), rgb(HEAT_POSITIVE))
    return (white + np.abs(t) * (ends - white)).astype(np.ubyte)


def sequential_cmap() -> pg.ColorMap:
    return pg.colormap.get("viridis")


def _sequential_lut() -> np.ndarray:
    lut = sequential_cmap().getLookupTable(0.0, 1.0, 256, alpha=False).astype(float)
    return (255 + BACKGROUND_STRENGTH * (lut - 255)).astype(np.ubyte)


DIVERGING = _diverging_lut()       # probabilities and neuron outputs
SEQUENTIAL = _sequential_lut()     # a regression target


def class_image(probs: np.ndarray, grid: int) -> np.ndarray:
    """(grid, grid, 3) uint8: the argmax class colour, mixed with white by confidence."""
    k = probs.shape[1]
    colors = np.array([rgb(_tint(i)) for i in range(k)])
    best = probs.argmax(axis=1)
    confidence = (probs.max(axis=1) - 1.0 / k) / (1.0 - 1.0 / k)
    t = BACKGROUND_STRENGTH * np.clip(confidence, 0.0, 1.0)[:, None]
    image = 255.0 + t * (colors[best] - 255.0)
    return image.reshape(grid, grid, 3).astype(np.ubyte)
