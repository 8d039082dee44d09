"""Racer colours and sizes for the projector: distinct Okabe-Ito hues, thick paths."""
from __future__ import annotations

from gui.plots.palette import LAYER_COLORS

# Okabe-Ito (plus white), ordered so the first five stand out on the viridis contour.
RACER_COLORS = (
    ("orange", LAYER_COLORS[1]),
    ("sky blue", LAYER_COLORS[4]),
    ("pink", LAYER_COLORS[3]),
    ("yellow", LAYER_COLORS[6]),
    ("white", "#f2f2f2"),
    ("vermillion", LAYER_COLORS[5]),
    ("green", LAYER_COLORS[2]),
    ("blue", LAYER_COLORS[0]),
)
PATH_WIDTH = 4.0          # racer paths on the surface
HALO_WIDTH = 8.0          # dark outline under each path so it reads on any colour
HALO_COLOR = "#101010"
HEAD_SIZE = 14            # current point of the last racer; earlier racers are larger rings
BALL_SIZE = 22            # 1-D racers, likewise
RING_STEP = 5             # size step between racers, so racers at one point show as rings
MINIMUM_SIZE = 22
LETTER_SIZE = "22pt"
ARROW_WIDTH = 3.5


def racer_color(index: int) -> str:
    """The default colour of racer `index`."""
    return RACER_COLORS[index % len(RACER_COLORS)][1]


def ring_size(base: int, index: int, count: int) -> int:
    """Symbol size of racer `index` of `count`: racers on one spot read as concentric rings."""
    return base + RING_STEP * (count - 1 - index)
