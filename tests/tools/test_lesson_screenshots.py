"""The lesson screenshots' 256-colour reduction keeps frequent colours exact."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
from PySide6 import QtGui

SPEC = importlib.util.spec_from_file_location(
    "lesson_screenshots", Path(__file__).resolve().parents[2] / "tools" / "lesson_screenshots.py")
tool = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(tool)


def _image(rows: list[list[int]]) -> QtGui.QImage:
    h, w = len(rows), len(rows[0])
    image = QtGui.QImage(w, h, QtGui.QImage.Format_RGB32)
    for y, row in enumerate(rows):
        for x, rgb in enumerate(row):
            image.setPixel(x, y, 0xFF000000 | rgb)
    return image


def _rgb(image: QtGui.QImage) -> list[list[int]]:
    return [[image.pixel(x, y) & 0xFFFFFF for x in range(image.width())]
            for y in range(image.height())]


def test_few_colours_come_back_exactly(qapp):
    rows = [[0x15171C, 0x15171C, 0xF2F2F2], [0x4A90D9, 0x15171C, 0xE69F00]]
    out = tool.indexed(_image(rows))
    assert out.format() == QtGui.QImage.Format_Indexed8
    assert _rgb(out) == rows


def test_rare_colours_take_the_nearest_frequent_one(qapp):
    rows = [[0x000000] * 4 + [0xFFFFFF] * 4 + [0x101010]]     # 0x101010 once: nearest black
    out = tool.indexed(_image(rows), colors=2)
    assert _rgb(out) == [[0x000000] * 4 + [0xFFFFFF] * 4 + [0x000000]]
    assert len(out.colorTable()) == 2
    assert np.array_equal(sorted(c & 0xFFFFFF for c in out.colorTable()), [0, 0xFFFFFF])
