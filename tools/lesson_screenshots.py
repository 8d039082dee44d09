"""Regenerate docs/lessons/: every lesson at rest and after ~10 s at its own speed, in
presentation mode, in both themes, at 1280×720.

    Xvfb :25 -screen 0 1280x720x24 &  DISPLAY=:25 python tools/lesson_screenshots.py
    python tools/lesson_screenshots.py --lessons default miles-to-km --seconds 5

Run it under a display the size of --size (presentation mode is full screen); offscreen
(QT_QPA_PLATFORM=offscreen) renders the same fonts but its screen is 800×600. The PNGs are
reduced to 256 colours, which keeps a plot window near 100 KB.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PySide6 import QtCore, QtGui  # noqa: E402

from engine import presets  # noqa: E402
from gui import app as gui_app  # noqa: E402
from gui.presentation import toggle_theme  # noqa: E402

THEMES = ("dark", "light")


def wait(qapp, seconds: float, done=lambda: False) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        qapp.processEvents(QtCore.QEventLoop.AllEvents, 20)


def _channels(v: np.ndarray) -> np.ndarray:
    return np.stack([(v >> s) & 255 for s in (16, 8, 0)], -1).astype(np.int32)


def indexed(image: QtGui.QImage, colors: int = 256) -> QtGui.QImage:
    """`image` with its `colors` most frequent colours, every other pixel the nearest of them.

    A window of plots has a few hundred distinct colours plus antialiasing fringes, so this
    keeps it exact where it matters and a PNG a quarter of the size. (Qt's own conversion
    to 8 bits uses a fixed colour cube, which turns the dark ground navy.)
    """
    rgb = image.convertToFormat(QtGui.QImage.Format_RGB32)
    w, h = rgb.width(), rgb.height()
    pixels = np.frombuffer(rgb.constBits(), np.uint32, count=h * rgb.bytesPerLine() // 4)
    pixels = pixels.reshape(h, -1)[:, :w] & 0xFFFFFF
    values, inverse, counts = np.unique(pixels, return_inverse=True, return_counts=True)
    table = values[np.argsort(counts)[::-1][:colors]]
    distance = ((_channels(values)[:, None, :] - _channels(table)[None, :, :]) ** 2).sum(-1)
    index = distance.argmin(axis=1).astype(np.uint8)[inverse].reshape(h, w)
    out = QtGui.QImage(w, h, QtGui.QImage.Format_Indexed8)
    out.setColorTable([int(0xFF000000 | c) for c in table])
    line = out.bytesPerLine()
    buffer = np.zeros((h, line), np.uint8)
    buffer[:, :w] = index
    np.frombuffer(out.bits(), np.uint8, count=h * line)[:] = buffer.ravel()
    return out


def save(window, path: Path) -> int:
    """The window as a 256-colour PNG; returns its size in bytes."""
    image = indexed(window.grab().toImage())
    if not image.save(str(path), "PNG", 9):
        raise OSError(f"cannot write {path}")
    return path.stat().st_size


def shoot_themes(qapp, window, stem: Path) -> list[Path]:
    """One PNG per theme (the window switched, never retrained)."""
    out = []
    for name in THEMES:
        if window.presentation.theme_name != name:
            toggle_theme(window)
        wait(qapp, 0.4)
        path = stem.with_name(f"{stem.name}-{name}.png")
        size = save(window, path)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{size / 1024:.0f} KB")
        out.append(path)
    return out


def lesson(qapp, window, name: str, seconds: float, out: Path) -> list[Path]:
    """The lesson at rest, then after `seconds` of play at its own speed."""
    if not window.open_lesson(name):
        raise SystemExit(f"lesson {name!r} did not open")
    window.set_caption_visible(True)
    wait(qapp, 0.6)
    paths = shoot_themes(qapp, window, out / f"{name}-rest")
    mode = window.modes.current          # the run, or a comparison lesson's runs together
    mode.play()
    wait(qapp, seconds, lambda: not mode.is_playing)        # stops early if it diverges
    mode.pause()
    wait(qapp, 1.0)
    window.network.paint_now()
    return paths + shoot_themes(qapp, window, out / f"{name}-trained")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "lessons"))
    parser.add_argument("--size", default="1280x720", help="WIDTHxHEIGHT of the screen")
    parser.add_argument("--seconds", type=float, default=10.0, help="play this long")
    parser.add_argument("--lessons", nargs="*", help="these lessons only (default: all)")
    parser.add_argument("--windowed", action="store_true", help="not in presentation mode")
    args = parser.parse_args(argv)
    names = args.lessons or list(presets.names())
    unknown = [n for n in names if n not in presets.names()]
    if unknown:
        parser.error(f"unknown lesson {unknown[0]!r}; allowed: {', '.join(presets.names())}")
    width, height = (int(v) for v in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    qapp = gui_app.make_app()
    from gui.main_window import MainWindow
    config, title = gui_app.load_config(names[0], None)
    window = MainWindow(config, title)
    window.resize(width, height)
    window.show()
    wait(qapp, 0.5)
    if not args.windowed:
        window.presentation.enter()
        wait(qapp, 0.8)
    written = [p for name in names for p in lesson(qapp, window, name, args.seconds, out)]
    total = sum(p.stat().st_size for p in written)
    print(f"{len(written)} PNGs, {total / 1e6:.1f} MB in {out}")
    window.presentation.leave()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
