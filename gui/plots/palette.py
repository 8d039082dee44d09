"""Colours shared by every view: one per layer (Okabe-Ito, colour-blind safe)."""
from __future__ import annotations

# Okabe & Ito (2008) colour-blind-safe palette, ordered for contrast on a dark or light ground.
LAYER_COLORS = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
)
POSITIVE = "#E69F00"   # positive weights / class 1 (orange)
NEGATIVE = "#0072B2"   # negative weights / class 0 (blue)
NEUTRAL = "#BBBBBB"


def layer_color(index: int) -> str:
    """The colour of layer `index` (0 = first hidden layer), the same in every plot."""
    return LAYER_COLORS[index % len(LAYER_COLORS)]


def layer_name(index: int, n_layers: int) -> str:
    """What layer `index` of `n_layers` is called in every view: 'hidden 1' … 'output'."""
    return "output" if index == n_layers - 1 else f"hidden {index + 1}"


def layer_names(n_layers: int) -> list[str]:
    return [layer_name(i, n_layers) for i in range(n_layers)]
