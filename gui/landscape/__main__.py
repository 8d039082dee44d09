"""`python -m gui.landscape [NAME]`: the Landscape mode alone, with its own controls."""
from __future__ import annotations

import sys

from PySide6 import QtGui, QtWidgets

from engine.errors import ConfigError
from gui import theme
from gui.landscape.landscape_mode import DEFAULT_LANDSCAPE, LandscapeMode
from gui.plots import plot_style


def main(argv: list[str]) -> int:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(argv)
    theme.apply_theme(app)
    plot_style.configure_pyqtgraph()
    try:
        mode = LandscapeMode(argv[1] if len(argv) > 1 else DEFAULT_LANDSCAPE)
    except ConfigError as e:
        print(f"descent-lab: {e}", file=sys.stderr)
        return 2
    mode.set_own_controls_visible(True)
    mode.setWindowTitle("Descent Lab — Landscape")
    status = QtWidgets.QLabel()
    status.setObjectName("status")
    mode.status_changed.connect(status.setText)
    mode.layout().addWidget(status)
    QtGui.QShortcut(QtGui.QKeySequence("Space"), mode, mode.toggle_play)
    mode.resize(1280, 720)
    mode.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
