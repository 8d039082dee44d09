"""Render every loss's LaTeX `formula` to resources/formulas/<name>.svg (a dev-only tool).

Uses matplotlib's mathtext (pip install matplotlib; not a run-time dependency). Re-run it
whenever a formula in engine/losses.py changes:

    python tools/render_formulas.py [--color "#f2f2f2"] [--size 22]

mathtext has no `cases` environment, so a formula of the form
`prefix \\begin{cases} a & cond \\\\ b & cond \\end{cases}` is laid out by hand: the prefix, a
tall brace, and one row per case.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from engine.losses import REGISTRY  # noqa: E402
from gui.theme import FORMULA_COLOR  # noqa: E402

OUT = ROOT / "resources" / "formulas"
CASES = re.compile(r"^(?P<prefix>.*?)\\begin\{cases\}(?P<body>.*?)\\end\{cases\}(?P<suffix>.*)$")


def split_cases(latex: str) -> tuple[str, list[tuple[str, str]], str] | None:
    """(prefix, [(value, condition)], suffix) for a cases formula, else None."""
    match = CASES.match(latex)
    if not match:
        return None
    rows = [row.split("&") for row in match["body"].split(r"\\")]
    cases = [(row[0].strip(), row[1].strip() if len(row) > 1 else "") for row in rows]
    return match["prefix"].strip(), cases, match["suffix"].strip()


def render(latex: str, path: Path, color: str, size: float) -> None:
    """One formula to one SVG with a transparent background."""
    fig = plt.figure(figsize=(14, 3), dpi=72)   # the SVG backend draws at 72 dpi
    latex = latex.replace(r"\frac", r"\dfrac")     # display-size fractions read better
    cases = split_cases(latex)
    if cases is None:
        fig.text(0.1, 1.5, f"${latex}$", fontsize=size, color=color, va="center",
                 transform=fig.dpi_scale_trans)
    else:
        _render_cases(fig, cases, color, size)
    _crop(fig, pad=0.05)
    fig.savefig(path, format="svg", transparent=True, metadata={"Date": None})
    plt.close(fig)


def _render_cases(fig, cases, color: str, size: float) -> None:
    """prefix { value_1  condition_1 / value_2  condition_2 } suffix, measured as it goes."""
    prefix, rows, suffix = cases
    renderer = fig.canvas.get_renderer()
    inch = fig.dpi_scale_trans
    style = {"fontsize": size, "color": color, "va": "center", "transform": inch}
    step = size * 2.7 / 72                       # inches between rows
    x = _put(fig, renderer, 0.1, 1.5, f"${prefix}$", style) + 0.08
    brace = dict(style, fontsize=size * 1.5 * len(rows), family="DejaVu Sans")
    x = _put(fig, renderer, x, 1.5, "{", brace) + 0.1
    ys = [1.5 + (len(rows) - 1) / 2 * step - i * step for i in range(len(rows))]
    value_end = max(_put(fig, renderer, x, y, f"${value}$", style)
                    for (value, _), y in zip(rows, ys, strict=False))
    cond_end = max((_put(fig, renderer, value_end + 0.4, y, f"${cond}$", style)
                    for (_, cond), y in zip(rows, ys, strict=False) if cond), default=value_end)
    if suffix:
        _put(fig, renderer, cond_end + 0.1, 1.5, f"${suffix}$", style)


def _crop(fig, pad: float) -> None:
    """Shrink the figure to its texts (all placed in inches) plus `pad` inches."""
    renderer = fig.canvas.get_renderer()
    box = Bbox.union([t.get_window_extent(renderer) for t in fig.texts])
    box = box.transformed(fig.dpi_scale_trans.inverted())
    for text in fig.texts:
        x, y = text.get_position()
        text.set_position((x - box.x0 + pad, y - box.y0 + pad))
    fig.set_size_inches(box.width + 2 * pad, box.height + 2 * pad)


def _put(fig, renderer, x: float, y: float, text: str, style: dict) -> float:
    """Draw text at (x, y) inches; return where it ends, in inches."""
    item = fig.text(x, y, text, **style)
    return x + item.get_window_extent(renderer).width / fig.dpi


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--color", default=FORMULA_COLOR, help="text colour (theme's by default)")
    parser.add_argument("--size", type=float, default=22, help="font size in points")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, loss in REGISTRY.items():
        path = OUT / f"{name}.svg"
        render(loss.formula, path, args.color, args.size)
        print(f"{path.relative_to(ROOT)}  {loss.formula}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
