"""engine.racer_spec: the one bracket-aware splitter, used by the CLI specs and the table."""
from engine.racer_spec import parse_spec, split_outside_brackets


def test_separators_inside_brackets_are_kept():
    assert split_outside_brackets("adam:lr=0.05:betas=(0.9,0.99)") == [
        "adam", "lr=0.05", "betas=(0.9,0.99)"]
    assert split_outside_brackets("a:b=[1:2]:c=(3:(4:5))") == ["a", "b=[1:2]", "c=(3:(4:5))"]
    assert split_outside_brackets("lr=0.1 betas=(0.8, 0.9);eps=1e-8", " :;") == [
        "lr=0.1", "betas=(0.8, 0.9)", "eps=1e-8"]
    assert split_outside_brackets("") == [""]


def test_a_spec_with_a_tuple_parses_to_typed_values():
    assert parse_spec("adam:lr=0.05:betas=(0.9, 0.99)").hyper == {"lr": 0.05,
                                                                  "betas": (0.9, 0.99)}
