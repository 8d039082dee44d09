"""Screenshots of the main window mid-training, made through the real worker.

    xvfb-run -a -s "-screen 0 1920x1080x24" python tools/screenshot.py \
        --size 1920x1080 --steps 400 --out docs/screenshot.png
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import QtCore  # noqa: E402

from gui import app as gui_app  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402


def wait_until(qapp, done, timeout: float) -> None:
    end = time.monotonic() + timeout
    while not done() and time.monotonic() < end:
        qapp.processEvents(QtCore.QEventLoop.AllEvents, 20)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="default")
    parser.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT")
    parser.add_argument("--steps", type=int, default=400, help="train at least this many steps")
    parser.add_argument("--out", default="screenshot.png")
    parser.add_argument("--lesson", help="open this lesson (with its caption) instead")
    parser.add_argument("--landscape", metavar="NAME", help="show the landscape race on NAME")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    qapp = gui_app.make_app()
    config, title = gui_app.load_config(args.preset, None)
    window = MainWindow(config, title)
    window.resize(width, height)
    window.show()
    wait_until(qapp, lambda: False, 0.3)
    if args.landscape:
        race_landscape(qapp, window, args.landscape, args.steps)
    else:
        if args.lesson:
            window.open_lesson(args.lesson)
        train(qapp, window, args.steps)
    window.grab().save(args.out)
    print(f"{args.out}: {width}x{height}, {len(window.network.session.history)} steps")
    window.close()
    return 0


def train(qapp, window, steps: int) -> None:
    session = window.network.session
    window.network.play()
    wait_until(qapp, lambda: len(session.history) >= steps, 60)
    window.network.pause()
    wait_until(qapp, lambda: not session.controller.running, 2)
    wait_until(qapp, lambda: False, 0.3)


def race_landscape(qapp, window, name: str, steps: int) -> None:
    window.set_mode(1)
    landscape = window.modes.landscape
    landscape.set_landscape(name)
    landscape.race.step(steps)
    landscape.step_once()
    wait_until(qapp, lambda: False, 0.3)


if __name__ == "__main__":
    sys.exit(main())
