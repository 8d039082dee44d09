"""One loader for config files: UTF-8 with or without a BOM; clear messages otherwise."""
import pytest

from engine.config import RunConfig
from engine.config_file import load_config_file
from engine.errors import ConfigError


def _write(tmp_path, data: bytes):
    path = tmp_path / "run.json"
    path.write_bytes(data)
    return path


def test_utf8_with_and_without_bom_load_the_same_config(tmp_path):
    text = RunConfig().with_overrides({"optimizer.lr": 0.25}).to_json().encode("utf-8")
    plain = load_config_file(_write(tmp_path, text))
    bom = load_config_file(_write(tmp_path, b"\xef\xbb\xbf" + text))
    assert plain == bom
    assert bom.optimizer.lr == 0.25


def test_binary_file_is_refused_by_name(tmp_path):
    path = _write(tmp_path, b"PK\x03\x04\x00\x00binary")
    with pytest.raises(ConfigError, match=r"run\.json.*binary"):
        load_config_file(path)


def test_non_utf8_file_names_the_byte(tmp_path):
    path = _write(tmp_path, '{"optimizer": {"name": "adam"}} é'.encode("latin-1"))
    with pytest.raises(ConfigError, match="byte 32 is not UTF-8"):
        load_config_file(path)


def test_missing_file_names_the_field(tmp_path):
    with pytest.raises(ConfigError, match=r"--config = .*nope\.json.*an existing JSON file"):
        load_config_file(tmp_path / "nope.json", "--config")
