"""Test set-up: Qt must render offscreen on machines without a display."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
