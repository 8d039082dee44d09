"""The Losses tab: each loss against what it judges, the run's samples as dots on it."""
from gui.loss_explorer.explorer import LossExplorer

__all__ = ["LossExplorer"]
