"""Descent Lab's training engine: pure NumPy, no Qt. See docs/engine-api.md."""
from engine.parameter import Parameter

__all__ = ["Parameter"]
