"""Render resources/icons/descent-lab.svg into the app icons the PyInstaller spec uses.

    python tools/make_icons.py          # writes descent-lab.png, .ico and .icns beside the SVG

Each size is drawn from the SVG by Qt (crisp at every size, not a downscaled bitmap);
Pillow (a dev-only tool, not a dependency of the app) packs them into the multi-size
Windows .ico and macOS .icns. Run it again after editing the SVG and commit the results.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)
PNG_SIZE = 256


def render(svg: Path, size: int):
    """The SVG drawn at size × size pixels on a transparent background, as a Pillow image."""
    from PIL import Image
    from PySide6 import QtCore, QtGui, QtSvg

    renderer = QtSvg.QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QtGui.QImage(size, size, QtGui.QImage.Format_ARGB32)
    image.fill(QtCore.Qt.transparent)
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QtCore.QByteArray()
    buffer = QtCore.QBuffer(data)
    buffer.open(QtCore.QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    from PySide6 import QtGui

    _app = QtGui.QGuiApplication.instance() or QtGui.QGuiApplication(sys.argv[:1])
    svg = ICONS / "descent-lab.svg"
    images = {size: render(svg, size) for size in sorted({*ICO_SIZES, *ICNS_SIZES, PNG_SIZE})}
    images[PNG_SIZE].save(ICONS / "descent-lab.png")
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / "descent-lab.ico", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES])
    images[max(ICNS_SIZES)].save(ICONS / "descent-lab.icns",
                                 append_images=[images[s] for s in ICNS_SIZES])
    for name in ("descent-lab.png", "descent-lab.ico", "descent-lab.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
