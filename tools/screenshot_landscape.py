"""Refresh docs/screenshot-landscape.png: five optimizers mid-race on Rosenbrock.

Run under a display, e.g.
    xvfb-run -a -s "-screen 0 1920x1080x24" python tools/screenshot_landscape.py [WxH] [PATH]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RACERS = ["sgd:lr=0.001", "momentum:lr=0.001", "nesterov:lr=0.001", "rmsprop:lr=0.01",
          "adam:lr=0.02"]


def main(argv: list[str]) -> int:
    from PySide6 import QtWidgets

    from gui import theme
    from gui.landscape import LandscapeMode
    from gui.plots import plot_style

    width, height = (int(v) for v in (argv[1] if len(argv) > 1 else "1920x1080").split("x"))
    out = Path(argv[2]) if len(argv) > 2 else ROOT / "docs" / "screenshot-landscape.png"
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(argv)
    theme.apply_theme(app)
    plot_style.configure_pyqtgraph()
    mode = LandscapeMode("rosenbrock")
    mode.set_racers(RACERS)
    mode.set_own_controls_visible(True)
    mode.gradient_box.setChecked(True)
    mode.resize(width, height)
    mode.show()
    app.processEvents()
    mode.race.step(300)
    mode._refresh()
    for _ in range(5):
        app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = mode.grab().save(str(out))
    print(f"{'saved' if ok else 'FAILED to save'} {out} ({width}×{height})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
