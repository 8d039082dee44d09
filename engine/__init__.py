"""Descent Lab's training engine: pure NumPy, no Qt. See docs/engine-api.md."""
from engine.parameter import Parameter
from engine.trainer import StepRecord, Trainer

__all__ = ["Parameter", "StepRecord", "Trainer"]
