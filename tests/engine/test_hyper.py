"""engine.hyper: HyperParam validation refuses what is not allowed with one ConfigError."""
from __future__ import annotations

import pytest

from engine import config_checks
from engine.config import RunConfig
from engine.errors import ConfigError
from engine.hyper import HyperParam

HUGE = 10**400          # 401 digits: no float can hold it (math.isfinite raises OverflowError)
LIMIT = "of magnitude at most 1.79769e+308"


@pytest.mark.parametrize("spec, value", [
    (HyperParam("lr", 0.01, "float", 0.0, 100.0, low_open=True), HUGE),
    (HyperParam("lr", 0.01, "float", 0.0, 100.0, low_open=True), -HUGE),
    (HyperParam("seed", 0, "int", 0), HUGE),
    (HyperParam("betas", (0.9, 0.999), "pair", 0.0, 1.0, high_open=True), (0.9, HUGE)),
])
def test_an_integer_too_large_for_a_float_is_a_message_naming_the_field(spec, value):
    with pytest.raises(ConfigError) as caught:
        spec.validate(value, f"optimizer.{spec.name}")
    text = str(caught.value)
    assert text.startswith(f"optimizer.{spec.name} = ")
    assert "characters) is not allowed: " in text          # the value is shortened
    assert text.endswith(f"{spec.describe()}, {LIMIT}")
    assert caught.value.field == f"optimizer.{spec.name}"


def test_the_largest_float_itself_is_still_judged_by_the_range():
    spec = HyperParam("lr", 0.01, "float", 0.0, 100.0, low_open=True)
    with pytest.raises(ConfigError, match=r"is not allowed: a number in \(0, 100\]$"):
        spec.validate(int(1.7e308), "optimizer.lr")
    assert spec.validate(100) == 100.0


@pytest.mark.parametrize("section, name", [
    ("optimizer", "lr"), ("optimizer", "betas"), ("data", "n_samples"), ("data", "noise"),
    ("data", "train_fraction"), ("data", "seed"), ("model", "init_sigma"),
    ("model", "reg_rate"),
])
def test_a_config_with_a_huge_integer_names_the_field(section, name):
    value = [0.9, HUGE] if name == "betas" else HUGE
    d = RunConfig().to_dict()
    d[section] = {**d[section], name: value} if name in d[section] else \
        {**d[section], "params": {name: value}}
    with pytest.raises(ConfigError) as caught:
        RunConfig.from_dict(d)
    assert str(caught.value).startswith(f"{section}.{name} = ")
    assert LIMIT in str(caught.value)


def test_is_number_says_no_to_an_integer_too_large_for_a_float():
    assert [config_checks._is_number(v) for v in (HUGE, -HUGE, 10**308, 1.5, True, "1")] == \
        [False, False, True, True, False, False]
