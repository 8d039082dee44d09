"""What a headless run shows and hears while it trains: a progress bar on stderr, and Ctrl+C
turned into a flag that is checked between chunks of steps."""
from __future__ import annotations

import signal
import sys


class Interruptible:
    """Ctrl+C (SIGINT) sets `stop`, checked between chunks of steps, instead of raising
    KeyboardInterrupt in the middle of an update (only in the main thread)."""

    def __enter__(self) -> Interruptible:
        self.stop, self._previous = False, None
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:                       # not the main thread: Ctrl+C stays as it is
            pass
        return self

    def _handle(self, signum, frame) -> None:
        self.stop = True

    def __exit__(self, *exc) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


class Progress:
    """A one-line progress bar on stderr, redrawn at most 5 times a second."""

    def __init__(self, total: int, stream=None, what: str = "loss"):
        self.total, self.stream, self._last = total, stream or sys.stderr, -1.0
        self.what = what

    def show(self, step: int, loss: float, elapsed: float) -> None:
        if elapsed - self._last < 0.2 and step < self.total:
            return
        self._last = elapsed
        width = 30
        filled = int(width * step / self.total)
        rate = step / elapsed if elapsed > 0 else 0.0
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {step}/{self.total}"
                          f"  {rate:,.0f} steps/s  {self.what} {loss:.4g}   ")
        self.stream.flush()

    def done(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
