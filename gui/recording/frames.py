"""Frames to a file: an animated GIF (Pillow) or an MP4 (imageio with imageio-ffmpeg).

Both libraries are the optional extra `record`; `missing_library(path)` names the one a file
needs and the command that installs it. Frames are QImages (QWidget.grab().toImage()).
"""
from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
from PySide6 import QtGui

from engine.errors import ConfigError

FORMATS = {".gif": ("Pillow", ("PIL",)), ".mp4": ("imageio and imageio-ffmpeg",
                                                 ("imageio", "imageio_ffmpeg"))}
FPS_RANGE = (1.0, 60.0)
GIF_BYTES = 500_000_000    # a GIF keeps every frame (1 byte a pixel) until it is written
INSTALL = ('.venv/bin/pip install "descent-lab[record]" (python3 lab.py users), or '
           'pip install Pillow imageio imageio-ffmpeg')


def check_path(path: str, field: str = "--record") -> str:
    """The file's extension (.gif or .mp4); ConfigError for another one or a folder that
    does not exist."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise ConfigError(field, path, "a file name ending in .gif or .mp4")
    parent = target.parent if str(target.parent) else Path(".")
    if target.is_dir() or not parent.is_dir():
        raise ConfigError(field, path, "a file in a folder that exists")
    return suffix


def check_fps(fps: float, field: str = "--record-fps") -> float:
    low, high = FPS_RANGE
    if not (isinstance(fps, (int, float)) and low <= fps <= high):
        raise ConfigError(field, fps, f"frames per second from {low:g} to {high:g}")
    return float(fps)


def missing_library(path: str) -> str | None:
    """None when the libraries that write `path` import; else one message naming them and
    the command that installs them."""
    names, modules = FORMATS[Path(path).suffix.lower()]
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            return (f"recording {Path(path).suffix.lower()} needs {names}, which is not "
                    f"installed; install it with: {INSTALL}")
    return None


def to_rgb(image: QtGui.QImage) -> np.ndarray:
    """An (h, w, 3) uint8 copy of a QImage."""
    rgb = image.convertToFormat(QtGui.QImage.Format_RGB888)
    h, w, stride = rgb.height(), rgb.width(), rgb.bytesPerLine()
    raw = np.frombuffer(rgb.constBits(), np.uint8, count=h * stride)
    return raw.reshape(h, stride)[:, :3 * w].reshape(h, w, 3).copy()


class FrameWriter:
    """Collects frames of one size and writes them to `path` at `fps` on close()."""

    def __init__(self, path: str, fps: float, field: str = "--record"):
        self.kind = check_path(path, field)
        self.path, self.fps, self.field = path, check_fps(fps), field
        self.size: tuple[int, int] | None = None          # (width, height) of every frame
        self.count = 0
        self._gif_frames = []
        self._mp4 = None

    def add(self, image: QtGui.QImage) -> None:
        """One more frame; later frames are scaled to the first one's size."""
        if self.size is None:
            self.size = _even(image.width(), image.height(), self.kind)
        w, h = self.size
        if (image.width(), image.height()) != (w, h):
            image = image.scaled(w, h, QtGui.Qt.IgnoreAspectRatio, QtGui.Qt.SmoothTransformation)
        rgb = to_rgb(image)
        if self.kind == ".gif":
            from PIL import Image
            octree = Image.Quantize.FASTOCTREE       # 256 colours, ~6x faster than median cut
            self._gif_frames.append(Image.fromarray(rgb).quantize(256, method=octree))
        else:
            self._mp4_writer().append_data(rgb)
        self.count += 1

    @property
    def full(self) -> bool:
        """A GIF that holds GIF_BYTES of frames takes no more (about 540 at 1280 × 720);
        an MP4 is written as it goes."""
        if self.kind != ".gif" or self.size is None:
            return False
        return self.count * self.size[0] * self.size[1] >= GIF_BYTES

    def close(self) -> int:
        """Write the file; returns the number of frames (ConfigError if it cannot be
        written)."""
        try:
            if self.kind == ".gif" and self._gif_frames:
                first, *rest = self._gif_frames
                first.save(self.path, save_all=True, append_images=rest, loop=0,
                           duration=round(1000 / self.fps), optimize=False)
            elif self._mp4 is not None:
                self._mp4.close()
        except OSError as e:
            raise ConfigError(self.field, self.path, f"a file that can be written ({e})") \
                from None
        finally:
            self._gif_frames, self._mp4 = [], None
        return self.count

    def _mp4_writer(self):
        if self._mp4 is None:
            import imageio.v2 as imageio
            self._mp4 = imageio.get_writer(self.path, fps=self.fps, codec="libx264",
                                           macro_block_size=1, quality=8,
                                           pixelformat="yuv420p")
        return self._mp4


def _even(width: int, height: int, kind: str) -> tuple[int, int]:
    """H.264 with 4:2:0 colour needs even sides; a GIF takes any."""
    if kind == ".mp4":
        return max(2, width - width % 2), max(2, height - height % 2)
    return width, height
