"""`--compare`: one folder per run, compare.json, and one message for a bad spec."""
import csv
import json

import pytest

from main import main


def test_compare_writes_each_run_and_what_differs(tmp_path, capsys):
    code = main(["--headless", "--preset", "default", "--steps", "150",
                 "--compare", "optimizer.lr=0.01",
                 "--compare", "optimizer.lr=0.01",
                 "--compare", "model.hidden=[8,8,8],training.batch_size=all",
                 "--out", str(tmp_path)])
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("run 1 (hidden=[8, 8], lr=0.01, batch_size=10): spiral: 150 steps")
    assert out[2].startswith("run 3 (hidden=[8, 8, 8], lr=0.03, batch_size=all): spiral: ")
    for k in (1, 2, 3):
        folder = tmp_path / f"run-{k}"
        assert sorted(p.name for p in folder.iterdir()) == [
            "config.json", "experiment.dlab", "history.csv", "model.npz", "summary.json"]
        assert json.loads((folder / "summary.json").read_text())["steps"] == 150
    report = json.loads((tmp_path / "compare.json").read_text())
    assert report["differs"] == ["model.hidden", "optimizer.lr", "training.batch_size"]
    assert report["steps"] == 150
    runs = report["runs"]
    assert [r["folder"] for r in runs] == ["run-1", "run-2", "run-3"]
    assert runs[2]["compare"] == "model.hidden=[8,8,8],training.batch_size=all"
    assert runs[2]["overrides"] == {"model.hidden": [8, 8, 8], "training.batch_size": "all"}
    assert runs[2]["settings"] == {"model.hidden": [8, 8, 8], "optimizer.lr": 0.03,
                                   "training.batch_size": "all"}
    assert [r["same_initial_weights_as_run_1"] for r in runs] == [True, True, False]
    assert runs[0]["train_loss"] == runs[1]["train_loss"]           # equal settings
    one, two = (list(csv.reader(open(tmp_path / f"run-{k}" / "history.csv"))) for k in (1, 2))
    assert len(one) == 151 and one == two


@pytest.mark.parametrize(("compare", "message"), [
    (["optimizer.lr=0.1,"], "--compare = 'optimizer.lr=0.1,' is not allowed: KEY=VALUE"),
    (["model.hidden=[8,8"], "--compare = 'model.hidden=[8,8' is not allowed"),
    (["optimizer.lr=0.1", "optimizer.lr=-2"], "run 2: optimizer.lr = -2 is not allowed"),
    (["optimizer.lr=0.1"] * 7, "--compare = 7 is not allowed: at most 6 runs"),
    (["optimizer.nme=adam"], "optimizer.nme = 'adam' is not allowed"),
])
def test_a_bad_compare_spec_exits_2_with_one_message(tmp_path, capsys, compare, message):
    args = ["--headless", "--steps", "5", "--out", str(tmp_path / "x")]
    for text in compare:
        args += ["--compare", text]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "x").exists()


def test_a_diverged_run_is_said_and_every_run_diverging_exits_3(tmp_path, capsys):
    bad = "optimizer.name=sgd,optimizer.lr=100.0,model.activation=relu,loss.name=hinge"
    assert main(["--headless", "--steps", "300", "--compare", "optimizer.lr=0.01",
                 "--compare", bad, "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "descent-lab: run 2: " in err and "run 1:" not in err
    runs = json.loads((tmp_path / "compare.json").read_text())["runs"]
    assert [r["diverged"] for r in runs] == [False, True]
    assert main(["--headless", "--steps", "300", "--compare", bad, "--compare", bad]) == 3


def test_compare_with_a_landscape_race_is_refused(capsys):
    assert main(["--headless", "--landscape", "rosenbrock", "--compare", "optimizer.lr=1"]) == 2
    assert capsys.readouterr().err == ("descent-lab: --compare = 'optimizer.lr=1' is not "
                                       "allowed: not with a landscape race (use --racer SPEC "
                                       "for each racer)\n")
