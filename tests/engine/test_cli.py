"""The headless runner: exit codes, messages, files written, the miles-to-km result."""
import csv
import json

import numpy as np
import pytest

from main import main


def test_default_preset_trains_and_prints_a_summary(capsys):
    assert main(["--headless", "--steps", "200"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("spiral: 200 steps in ") and "train acc" in out
    assert "200/200" in err and "steps/s" in err


def test_out_dir_gets_config_history_model_and_summary(tmp_path):
    code = main(["--headless", "--preset", "miles-to-km", "--steps", "300",
                 "--out", str(tmp_path)])
    assert code == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["steps"] == 300 and summary["diverged"] is False
    assert summary["train_loss"] < 0.05 and summary["train_accuracy"] is None
    model = np.load(tmp_path / "model.npz")
    assert list(model.keys()) == ["layer0.weight"]
    assert model["layer0.weight"][0, 0] == pytest.approx(1.609, abs=0.005)
    rows = list(csv.reader(open(tmp_path / "history.csv")))
    assert len(rows) == 301 and rows[0][:4] == ["step", "epoch", "lr", "loss"]
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["optimizer"]["name"] == "sgd" and config["version"] == 1


def test_set_overrides_apply(tmp_path):
    assert main(["--headless", "--preset", "miles-to-km", "--steps", "10",
                 "--set", "optimizer.lr=0.001", "--set", "training.batch_size=all",
                 "--out", str(tmp_path)]) == 0
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["optimizer"]["lr"] == 0.001 and config["training"]["batch_size"] == "all"


@pytest.mark.parametrize(("args", "message"), [
    (["--set", "optimizer.lr=-3"], "optimizer.lr = -3 is not allowed: a number in (0, 100]"),
    (["--preset", "nope"], "preset = 'nope' is not allowed: one of: "),
    (["--config", "/no/such.json"], "--config = '/no/such.json' is not allowed"),
    (["--steps", "0"], "--steps = 0 is not allowed"),
    (["--set", "loss.name=mse"], "loss.name = 'mse' is not allowed"),
])
def test_bad_input_exits_2_with_one_message_and_no_traceback(capsys, args, message):
    assert main(["--headless", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_bad_config_file_is_named(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"optimizer": {"name": "adam", "lr": "fast"}}')
    assert main(["--headless", "--config", str(bad)]) == 2
    assert "optimizer.lr = 'fast' is not allowed" in capsys.readouterr().err


def test_divergence_exits_3_and_says_why(capsys, tmp_path):
    code = main(["--headless", "--preset", "miles-to-km", "--set", "optimizer.lr=0.05",
                 "--steps", "2000", "--out", str(tmp_path)])
    assert code == 3
    assert "the learning rate 0.05 is likely too large" in capsys.readouterr().err
    assert json.loads((tmp_path / "summary.json").read_text())["diverged"] is True


def test_list_presets_lists_default_and_miles_to_km(capsys):
    assert main(["--list-presets"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names[:2] == ["default", "miles-to-km"]


def test_unreadable_config_and_unwritable_out_are_bad_input(tmp_path, capsys):
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\x00\xff\xfe")
    assert main(["--headless", "--config", str(binary)]) == 2
    assert "--config" in capsys.readouterr().err
    assert main(["--headless", "--config", str(tmp_path)]) == 2         # a folder
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["--headless", "--steps", "3", "--out", str(blocker / "sub")]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["--lr-find", "--preset", "miles-to-km", "--out", str(blocker / "s")]) == 2


def test_config_saved_with_a_bom_loads(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"optimizer": {"name": "sgd", "lr": 0.1}}')
    assert main(["--headless", "--config", str(path), "--steps", "3"]) == 0
