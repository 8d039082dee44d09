"""Test set-up: Qt must render offscreen on machines without a display."""
import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings (splitter sizes) go to a throw-away folder, not the user's configuration.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="descent-lab-tests-")
