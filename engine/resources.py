"""Finds the resources/ folder from source and from a PyInstaller bundle alike."""
from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The resources/ folder: beside engine/ from source, under sys._MEIPASS when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parent.parent
    return base / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside resources/, e.g. resource_path("presets", "default.json")."""
    return resource_root().joinpath(*parts)
