"""engine.errors: the message names field, value (shortened when long) and what is allowed."""
import pytest

from engine.errors import ConfigError, reject_huge_numbers, shown


def test_the_message_names_field_value_and_rule():
    assert str(ConfigError("optimizer.lr", -3, "a number in (0, 100]")) == \
        "optimizer.lr = -3 is not allowed: a number in (0, 100]"


def test_a_long_value_is_shortened_to_80_characters_and_its_length():
    text = "y" * 100_000
    assert shown(text) == "'" + "y" * 79 + "… (100,002 characters)"
    e = ConfigError("data.csv_path", text, "a file")
    assert e.value == text and len(str(e)) == len("data.csv_path = ") + 80 + len(
        "… (100,002 characters) is not allowed: a file")
    assert shown("x" * 78) == "'" + "x" * 78 + "'"          # 80 characters: kept whole


def test_integers_too_large_for_a_float_are_refused_wherever_they_sit():
    for value in (10**309, -(10**309), [1, 10**400], (0.9, {"a": 10**309})):
        with pytest.raises(ConfigError, match="a number of magnitude at most 1.79769e"):
            reject_huge_numbers("f", value)
    for value in (10**308, 1.5, True, "9" * 400, [1, 2]):
        reject_huge_numbers("f", value)
