"""One way in for a config file: the command line, the window and File → Open all use it.

UTF-8 with or without a byte-order mark (Notepad writes one); anything else — a missing,
unreadable, binary or non-UTF-8 file — is one ConfigError naming the file and what is wrong.
"""
from __future__ import annotations

import os
from pathlib import Path

from engine.config import RunConfig
from engine.errors import ConfigError

MAX_CONFIG_BYTES = 10 * 1024 * 1024     # a run config is a few hundred bytes


def read_config_text(path: str | os.PathLike, field: str = "config") -> str:
    """The file's text, decoded as UTF-8 (BOM allowed); ConfigError if it cannot be."""
    file = Path(path)
    shown = str(path)
    if not file.is_file():
        raise ConfigError(field, shown, "an existing JSON file")
    try:
        if file.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(field, shown, "a JSON file under 10 MB (a run config is tiny)")
        raw = file.read_bytes()
    except OSError as e:
        raise ConfigError(field, shown, f"a readable file ({e.strerror or e})") from None
    if b"\x00" in raw[:4096]:
        raise ConfigError(field, shown, "a JSON text file (this one is binary)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ConfigError(field, shown,
                          f"a UTF-8 text file (byte {e.start} is not UTF-8; save it as UTF-8)") \
            from None


def load_config_file(path: str | os.PathLike, field: str = "config") -> RunConfig:
    """A validated RunConfig from a JSON file, or one ConfigError that says what is wrong."""
    return RunConfig.from_json(read_config_text(path, field))
