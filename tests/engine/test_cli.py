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


def test_set_model_dtype_float32_trains_in_float32(tmp_path):
    assert main(["--headless", "--preset", "miles-to-km", "--steps", "300",
                 "--set", "model.dtype=float32", "--out", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "config.json").read_text())["model"]["dtype"] == "float32"
    weight = np.load(tmp_path / "model.npz")["layer0.weight"]
    assert weight.dtype == np.float32 and weight[0, 0] == pytest.approx(1.609, abs=0.005)


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


HUGE = "9" * 320


@pytest.mark.parametrize("override, field", [
    (f"optimizer.lr={HUGE}", "optimizer.lr"), (f"data.n_samples={HUGE}", "data.n_samples"),
    (f"model.hidden=[4,{HUGE}]", "model.hidden"), (f"optimizer.betas=(0.9,-{HUGE})",
                                                   "optimizer.betas"),
])
def test_huge_integers_through_set_give_a_short_message(capsys, override, field):
    assert main(["--headless", "--steps", "2", "--set", override]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"descent-lab: {field} = ") and "Traceback" not in err
    assert "characters) is not allowed: a number of magnitude at most 1.79769e+308" in err


def _odd_presets(tmp_path):
    listing = tmp_path / "list.json"
    listing.write_text("[1, 2]")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"title": "caf\xe9"}'.encode("latin-1"))
    bare = tmp_path / "bare.json"
    bare.write_text('{"title": "no config"}')
    return [str(listing), str(latin), str(bare), str(bare.with_suffix("")), "../default", ""]


def test_preset_takes_a_preset_name_only(tmp_path, capsys):
    for odd in _odd_presets(tmp_path):
        assert main(["--headless", "--steps", "2", "--preset", odd]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"descent-lab: --preset = {odd!r} is not allowed: one of: "
                              "default, miles-to-km") and err.count("\n") == 1
        assert err.rstrip().endswith("(for a file, use --config FILE)")


def test_a_100_kb_value_is_shortened_in_the_message(capsys):
    assert main(["--headless", "--set", "optimizer.name=" + "x" * 100_000]) == 2
    err = capsys.readouterr().err
    assert "xxxx… (100,002 characters) is not allowed" in err and len(err) < 500


def _interrupt(tmp_path, argv, marker):
    """Start a long headless run, send SIGINT once it is running, return (code, stderr)."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "main.py", "--headless", *argv,
                             "--out", str(tmp_path)], cwd=root, stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(root)})
    seen = ""
    while marker not in seen:                 # the progress bar: the run is under way
        ch = proc.stderr.read(1)
        assert ch, "the run ended before it could be interrupted"
        seen += ch
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, seen + err, out


def test_ctrl_c_on_training_writes_what_there_is_and_exits_130(tmp_path):
    code, err, out = _interrupt(tmp_path, ["--steps", "100000000"], "steps/s")
    assert code == 130 and "Traceback" not in err
    assert "descent-lab: interrupted at step " in err
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["interrupted"] is True and 0 < summary["steps"] < 100_000_000
    rows = list(csv.reader(open(tmp_path / "history.csv")))
    assert len(rows) == summary["steps"] + 1
    assert set(np.load(tmp_path / "model.npz").keys()) >= {"layer0.weight"}


def test_ctrl_c_on_a_race_writes_what_there_is_and_exits_130(tmp_path):
    code, err, _ = _interrupt(tmp_path, ["--landscape", "booth", "--racer", "sgd:lr=0.001",
                                         "--steps", "100000000"], "steps/s")
    assert code == 130 and "Traceback" not in err
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["interrupted"] is True
    steps = summary["racers"][0]["steps"]
    assert 0 < steps < 100_000_000
    assert len(list(csv.reader(open(tmp_path / "racer-1.csv")))) == steps + 2


def test_a_race_without_headless_is_for_the_window_checked_as_the_headless_one():
    from engine import cli
    args = cli.parse_args(["--landscape", "booth", "--racer", "adam:lr=0.5", "--start", "-8,8"])
    assert cli.refused(args) is None
    assert cli.window_race(args) == cli.WindowRace("booth", ("adam:lr=0.5",), (-8.0, 8.0))
    assert cli.window_race(cli.parse_args(["--landscape", "minima-1d"])) == \
        cli.WindowRace("minima-1d", (), None)
    assert cli.window_race(cli.parse_args([])) is None


@pytest.mark.parametrize(("argv", "message"), [
    (["--landscape", "nowhere"], "landscape = 'nowhere' is not allowed: one of: rosenbrock"),
    (["--landscape", "booth", "--start", "1"],
     "--start = '1' is not allowed: 2 finite number(s) separated by commas, e.g. -1.5,2"),
    (["--landscape", "booth", "--start", "500,0"],
     "--start = '500,0' is not allowed: a point inside the race's box "
     "[-100, 100] × [-100, 100]"),
    (["--landscape", "booth", "--racer", "adam:lr=-1"], "racer 'adam:lr=-1': lr = -1 is not allowed: a number in (0, 100]"),
])
def test_a_bad_race_for_the_window_is_one_message_and_exit_2_before_any_window(
        capsys, monkeypatch, argv, message):
    import gui.app
    monkeypatch.setattr(gui.app, "run", None)           # must not be reached
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("descent-lab: " + message) and err.count("\n") == 1


def test_a_config_file_with_a_huge_integer_is_a_message(tmp_path, capsys):
    path = tmp_path / "huge.json"
    path.write_text('{"optimizer": {"name": "sgd", "lr": ' + HUGE + "}}")
    assert main(["--headless", "--config", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"descent-lab: optimizer.lr = {HUGE[:80]}… (320 characters) is not allowed: "
        "a number in (0, 100], of magnitude at most 1.79769e+308\n")


def test_out_also_writes_an_experiment_that_open_continues_bit_for_bit(tmp_path, capsys):
    half, whole, more = tmp_path / "half", tmp_path / "whole", tmp_path / "more"
    assert main(["--headless", "--steps", "300", "--out", str(half)]) == 0
    assert main(["--headless", "--steps", "600", "--out", str(whole)]) == 0
    capsys.readouterr()
    assert main(["--headless", "--open", str(half / "experiment.dlab"), "--steps", "300",
                 "--out", str(more)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("spiral: 300 more steps (to step 600) in ")
    assert (more / "history.csv").read_text() == (whole / "history.csv").read_text()
    a, b = np.load(more / "model.npz"), np.load(whole / "model.npz")
    assert all(np.array_equal(a[k], b[k]) for k in b.files)
    assert json.loads((more / "summary.json").read_text())["continued_from_step"] == 300


@pytest.mark.parametrize(("extra", "message"), [
    (["--set", "optimizer.lr=1"], "--set = 'optimizer.lr=1' is not allowed: not with --open"),
    (["--preset", "miles-to-km"], "--preset = 'miles-to-km' is not allowed: not with --open"),
    (["--compare", "optimizer.lr=1"], "--compare = 'optimizer.lr=1' is not allowed"),
])
def test_open_refuses_settings_the_file_already_holds(tmp_path, capsys, extra, message):
    assert main(["--headless", "--steps", "5", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["--headless", "--open", str(tmp_path / "experiment.dlab"), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_open_of_a_file_that_is_not_an_experiment_is_one_message(tmp_path, capsys):
    bad = tmp_path / "notes.dlab"
    bad.write_text("not a zip")
    assert main(["--headless", "--open", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == (f"descent-lab: --open = '{bad}' is not allowed: a .dlab file (a zip archive; "
                   "this one cannot be read as one: File is not a zip file)\n")


def test_open_and_compare_without_headless_are_refused_before_any_window(capsys):
    assert main(["--open", "x.dlab"]) == 2
    assert main(["--compare", "optimizer.lr=0.1"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["descent-lab: --open = 'x.dlab' is not allowed: only with --headless",
                   "descent-lab: --compare = 'optimizer.lr=0.1' is not allowed: only with "
                   "--headless"]


def test_a_diverged_experiment_is_saved_and_open_says_it_cannot_go_on(tmp_path, capsys):
    assert main(["--headless", "--preset", "miles-to-km", "--set", "optimizer.lr=0.05",
                 "--steps", "2000", "--out", str(tmp_path)]) == 3
    capsys.readouterr()
    assert main(["--headless", "--open", str(tmp_path / "experiment.dlab")]) == 2
    err = capsys.readouterr().err
    assert "an experiment that has not diverged (this one did: loss " in err
    assert "the learning rate 0.05 is likely too large" in err and err.count("\n") == 1


def test_a_100_kb_value_argparse_refuses_is_shortened(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--headless", "--steps", "x" * 100_000])
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert stop.value.code == 2
    message = "argument --steps: invalid int value: '" + "x" * 100_000 + "'"   # argparse's
    assert last == f"descent-lab: error: {message[:160]}… ({len(message):,} characters)"


def test_a_step_count_past_a_billion_is_refused_with_the_limit(capsys):
    assert main(["--headless", "--steps", "1" + "0" * 320]) == 2
    err = capsys.readouterr().err
    assert "--steps = 1000" in err and "(321 characters)" in err
    assert err.rstrip().endswith("a whole number ≥ 1 and at most 1,000,000,000")
