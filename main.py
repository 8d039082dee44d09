"""Descent Lab: `python main.py` opens the window; `--headless` trains without one."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from engine import cli

    args = cli.parse_args(argv)
    if args.headless and args.record is not None:
        bad = cli.refused(args)
        if bad is not None:
            return bad
        from gui.recording import headless  # renders with Qt: gui/, never engine/
        return headless.run(args)
    if (args.headless or args.list_presets or args.list_landscapes or args.export_torch
            or args.lr_find):
        return cli.run(args)
    bad = cli.refused(args)
    if bad is not None:
        return bad
    from gui import platform_check  # before PySide6: missing system libraries in words
    if (blocked := platform_check.check(self_test=args.self_test)) is not None:
        return blocked
    if args.self_test:
        from gui import self_test
        return self_test.run(args)
    from gui import app
    return app.run(preset=args.preset, config_path=args.config, overrides=args.overrides,
                   race=cli.window_race(args))


if __name__ == "__main__":
    import multiprocessing
    multiprocessing.freeze_support()   # the frozen app: a child that steps runs here, not main
    sys.exit(main())
