"""The Landscape mode: optimizers racing on a loss surface (engine.race), drawn live."""
from gui.landscape.landscape_mode import LandscapeMode

__all__ = ["LandscapeMode"]
