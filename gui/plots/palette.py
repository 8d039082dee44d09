"""Colours shared by every view: one per layer (Okabe-Ito hues, colour-blind safe).

Each hue comes in two shades: one for a dark ground (the dark theme's plots) and one for a
white ground (the light theme's plots, and the data and network views, which are drawn on
white in both themes). Every shade has a contrast of at least 4.5:1 (WCAG) against its ground.
"""
from __future__ import annotations

# Okabe & Ito (2008) hues, ordered for contrast; the shades of the dark ground.
LAYER_COLORS = (
    "#4a90d9",  # blue (Okabe-Ito #0072B2 is 3.5:1 on the dark ground)
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#e8681e",  # vermillion (#D55E00 is 4.6:1, a little light)
    "#F0E442",  # yellow
)
# The same hues for a white ground.
LIGHT_LAYER_COLORS = (
    "#0072B2",  # blue
    "#9a5b00",  # orange, darkened
    "#00795a",  # bluish green
    "#a8487f",  # reddish purple
    "#006d8f",  # sky blue, darkened towards teal
    "#b04600",  # vermillion
    "#6f6500",  # yellow, darkened to olive
)
# The data and network views are drawn on white: their colours are the light shades.
POSITIVE = LIGHT_LAYER_COLORS[1]   # positive weights / class 1 (orange)
NEGATIVE = LIGHT_LAYER_COLORS[0]   # negative weights / class 0 (blue)
NEUTRAL = "#6b7280"                # the input neurons' outline
HEAT_POSITIVE = "#E69F00"          # the data view's tints (a ground, not a foreground)
HEAT_NEGATIVE = "#0072B2"


def layer_color(index: int) -> str:
    """The colour of layer `index` (0 = first hidden layer) in the plots (dark ground)."""
    return LAYER_COLORS[index % len(LAYER_COLORS)]


def view_layer_color(index: int) -> str:
    """The same layer's colour on white: the data and network views."""
    return LIGHT_LAYER_COLORS[index % len(LIGHT_LAYER_COLORS)]


def layer_name(index: int, n_layers: int) -> str:
    """What layer `index` of `n_layers` is called in every view: 'hidden 1' … 'output'."""
    return "output" if index == n_layers - 1 else f"hidden {index + 1}"


def layer_names(n_layers: int) -> list[str]:
    return [layer_name(i, n_layers) for i in range(n_layers)]


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of '#RRGGBB' (0 black … 1 white)."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 … 21 (text needs 4.5)."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
