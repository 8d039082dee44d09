"""Errors raised at the engine's boundary: one clear message naming field, value and rule."""


class ConfigError(ValueError):
    """A value that is not allowed: names the field, the value and what is allowed."""

    def __init__(self, field: str, value, allowed: str):
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field} = {value!r} is not allowed: {allowed}")


class DatasetError(ConfigError):
    """A data file or data set that cannot be used (missing, empty, non-numeric, ...)."""

    def __init__(self, field: str, value, allowed: str, detail: str | None = None):
        super().__init__(field, value, allowed)
        if detail:
            self.args = (f"{self.args[0]} ({detail})",)
