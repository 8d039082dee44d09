"""Errors raised at the engine's boundary: one clear message naming field, value and rule."""
from __future__ import annotations

import sys

MAX_SHOWN = 80         # characters of a value shown in a message; longer ones are shortened


def shown(value) -> str:
    """repr(value), shortened to MAX_SHOWN characters + '…' and its length when longer."""
    text = repr(value)
    if len(text) <= MAX_SHOWN:
        return text
    return f"{text[:MAX_SHOWN]}… ({len(text):,} characters)"


class ConfigError(ValueError):
    """A value that is not allowed: names the field, the value and what is allowed."""

    def __init__(self, field: str, value, allowed: str):
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field} = {shown(value)} is not allowed: {allowed}")


class DatasetError(ConfigError):
    """A data file or data set that cannot be used (missing, empty, non-numeric, ...)."""

    def __init__(self, field: str, value, allowed: str, detail: str | None = None):
        super().__init__(field, value, allowed)
        if detail:
            self.args = (f"{self.args[0]} ({detail})",)


def reject_huge_numbers(field: str, value) -> None:
    """ConfigError if `value` is, or holds, an integer too large for a float (~1.8e308).

    Such integers (310+ digits) would otherwise raise OverflowError deep in a validator.
    """
    if isinstance(value, (list, tuple)):
        for item in value:
            reject_huge_numbers(field, item)
    elif isinstance(value, dict):
        for item in value.values():
            reject_huge_numbers(field, item)
    elif isinstance(value, int) and not isinstance(value, bool) and \
            abs(value) > sys.float_info.max:
        raise ConfigError(field, value, f"a number of magnitude at most {sys.float_info.max:g}")
