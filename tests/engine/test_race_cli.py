"""The headless race: exit codes, racer-K.csv columns, summary.json keys and values."""
import csv
import json

import pytest

from engine import cli, landscapes
from main import main

COLUMNS = ["step", "x", "y", "value", "grad_norm", "effective_lr"]
RACER_KEYS = {"spec", "final_point", "final_value", "nearest_minimum", "distance",
              "steps_to_1e-3", "diverged"}


def _run(*argv):
    return main(["--headless", *argv])


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_booth_sgd_reaches_the_minimum_and_writes_everything(tmp_path):
    code = _run("--landscape", "booth", "--racer", "sgd:lr=0.05", "--steps", "500",
                "--out", str(tmp_path))
    assert code == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["landscape"] == "booth" and summary["start"] == [-8.0, 8.0]
    (racer,) = summary["racers"]
    assert RACER_KEYS <= set(racer)
    assert racer["spec"] == "sgd:lr=0.05" and racer["diverged"] is False
    assert abs(racer["final_point"][0] - 1) < 1e-3 and abs(racer["final_point"][1] - 3) < 1e-3
    assert racer["nearest_minimum"] == [1.0, 3.0] and racer["distance"] < 1e-3
    assert isinstance(racer["steps_to_1e-3"], int) and 0 < racer["steps_to_1e-3"] < 500
    rows = _rows(tmp_path / "racer-1.csv")
    assert rows[0] == COLUMNS and len(rows) == 502
    assert rows[1] == ["0", "-8.0", "8.0", "170.0", rows[1][4], "0.05"]
    assert float(rows[1][4]) == pytest.approx((50.0**2 + 22.0**2) ** 0.5)   # ∇f(-8, 8)
    assert [int(r[0]) for r in rows[1:]] == list(range(501))


def test_one_csv_per_racer_and_steps_to_matches_the_csv(tmp_path):
    specs = ["sgd:lr=0.01", "sgd:lr=0.02:momentum=0.9", "adam:lr=0.05:betas=(0.9,0.99)"]
    argv = ["--landscape", "two-wells", "--steps", "400", "--out", str(tmp_path)]
    for spec in specs:
        argv += ["--racer", spec]
    assert _run(*argv) == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert [r["spec"] for r in summary["racers"]] == specs
    for k, racer in enumerate(summary["racers"], start=1):
        rows = _rows(tmp_path / f"racer-{k}.csv")
        assert rows[0] == COLUMNS and len(rows) == 402
        last = rows[-1]
        assert [float(last[1]), float(last[2])] == racer["final_point"]
        target = min(m.value for m in landscapes.get("two-wells").minima
                     if list(m.point) == racer["nearest_minimum"])
        first = next(int(r[0]) for r in rows[1:] if float(r[3]) - target < 1e-3)
        assert racer["steps_to_1e-3"] == first
    assert summary["racers"][0]["nearest_minimum"][0] == pytest.approx(0.905, abs=1e-3)
    assert summary["racers"][1]["nearest_minimum"][0] == pytest.approx(-0.936, abs=1e-3)


def test_one_dimensional_csv_leaves_y_empty(tmp_path):
    assert _run("--landscape", "minima-1d", "--racer", "sgd:lr=0.01", "--steps", "10",
                "--start", "2.5", "--out", str(tmp_path)) == 0
    rows = _rows(tmp_path / "racer-1.csv")
    assert rows[1][:3] == ["0", "2.5", ""] and len(rows) == 12
    assert json.loads((tmp_path / "summary.json").read_text())["start"] == [2.5]


def test_default_field_runs_without_racers(tmp_path):
    assert _run("--landscape", "rosenbrock", "--steps", "50", "--out", str(tmp_path)) == 0
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert len(summary["racers"]) == 4
    assert sorted(p.name for p in tmp_path.glob("racer-*.csv")) == [
        "racer-1.csv", "racer-2.csv", "racer-3.csv", "racer-4.csv"]


def test_a_diverged_racer_is_not_an_error(tmp_path):
    assert _run("--landscape", "bowl", "--racer", "sgd:lr=0.1", "--racer", "sgd:lr=0.01",
                "--steps", "100", "--out", str(tmp_path)) == 0
    bad, good = json.loads((tmp_path / "summary.json").read_text())["racers"]
    assert bad["diverged"] is True and bad["steps_to_1e-3"] is None
    assert good["diverged"] is False
    assert len(_rows(tmp_path / "racer-1.csv")) == 1 + 8


def test_every_racer_diverging_exits_3_and_says_so(tmp_path, capsys):
    assert _run("--landscape", "bowl", "--racer", "sgd:lr=0.1", "--racer", "sgd:lr=0.2",
                "--steps", "100", "--out", str(tmp_path)) == 3
    assert "every racer diverged" in capsys.readouterr().err
    racers = json.loads((tmp_path / "summary.json").read_text())["racers"]
    assert [r["diverged"] for r in racers] == [True, True]


def test_saddle_has_no_nearest_minimum(tmp_path):
    assert _run("--landscape", "saddle", "--racer", "adam:lr=0.01", "--steps", "20",
                "--out", str(tmp_path)) == 0
    (racer,) = json.loads((tmp_path / "summary.json").read_text())["racers"]
    assert racer["nearest_minimum"] is None and racer["distance"] is None
    assert racer["steps_to_1e-3"] is None


@pytest.mark.parametrize("argv, words", [
    (["--landscape", "nowhere"], ["landscape", "nowhere", "rosenbrock"]),
    (["--landscape", "bowl", "--racer", "sgd:lr=0"], ["sgd:lr=0", "lr", "(0, 100]"]),
    (["--landscape", "bowl", "--racer", "sgd:speed=2"], ["sgd:speed=2", "speed", "momentum"]),
    (["--landscape", "bowl", "--racer", "warp:lr=1"], ["warp", "optimizer", "adam"]),
    (["--landscape", "bowl", "--racer", "adam:betas=(0.9"], ["betas", "Python literal"]),
    (["--landscape", "bowl", "--start", "1"], ["--start", "2 finite"]),
    (["--landscape", "bowl", "--start", "a,b"], ["--start"]),
    (["--landscape", "bowl", "--steps", "0"], ["--steps"]),
])
def test_bad_input_exits_2_with_one_clear_message(capsys, argv, words):
    assert _run(*argv) == cli.EXIT_BAD_INPUT == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err


def test_list_landscapes_names_every_landscape(capsys):
    assert main(["--list-landscapes"]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == list(landscapes.REGISTRY)


def test_a_start_outside_the_race_box_is_bad_input(capsys):
    assert _run("--landscape", "rosenbrock", "--start", "100,100") == 2
    assert "--start = '100,100' is not allowed: a point inside the race's box" in \
        capsys.readouterr().err


@pytest.mark.parametrize("start", [["--start", "-1.5,2"], ["--start=-1.5,2"]])
def test_a_negative_start_works_as_the_readme_writes_it(tmp_path, start):
    assert _run("--landscape", "rosenbrock", "--racer", "sgd:lr=0.001", *start,
                "--steps", "5", "--out", str(tmp_path)) == 0
    assert json.loads((tmp_path / "summary.json").read_text())["start"] == [-1.5, 2.0]
    assert _rows(tmp_path / "racer-1.csv")[1][1:3] == ["-1.5", "2.0"]


def test_a_one_dimensional_negative_start(tmp_path):
    assert _run("--landscape", "minima-1d", "--start", "-2", "--steps", "3",
                "--out", str(tmp_path)) == 0
    assert json.loads((tmp_path / "summary.json").read_text())["start"] == [-2.0]


@pytest.mark.parametrize("argv, field", [
    (["--racer", "sgd:lr=0.01"], "--racer = 'sgd:lr=0.01'"),
    (["--start", "-1.5,2"], "--start = '-1.5,2'"),
])
def test_racer_and_start_without_a_landscape_are_refused(capsys, argv, field):
    for headless in ([], ["--headless"]):
        assert main([*headless, *argv]) == 2
        err = capsys.readouterr().err
        assert err == f"descent-lab: {field} is not allowed: only with --landscape NAME " \
                      "(see --list-landscapes)\n"


def test_an_empty_landscape_name_is_refused(capsys):
    assert _run("--landscape", "") == 2
    assert capsys.readouterr().err.startswith(
        "descent-lab: landscape = '' is not allowed: one of: rosenbrock")


HUGE = "9" * 320


@pytest.mark.parametrize("argv, start", [
    (["--racer", f"sgd:lr={HUGE}"], "descent-lab: racer 'sgd:lr=999"),
    (["--start", f"{HUGE},1"], "descent-lab: --start = '999"),
    (["--start", f"-{HUGE},1"], "descent-lab: --start = '-999"),
])
def test_huge_integers_give_a_short_message(capsys, argv, start):
    assert _run("--landscape", "booth", "--steps", "3", *argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(start) and "characters)" in err and "Traceback" not in err
    assert len(err) < 400 and err.count("\n") == 1


def test_an_out_folder_that_cannot_be_written_is_bad_input(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")                 # root ignores chmod: a path under a file it is
    assert _run("--landscape", "booth", "--steps", "3", "--out", str(blocker / "x")) == 2
    err = capsys.readouterr().err
    assert f"--out = '{blocker / 'x'}' is not allowed: a folder that can be written" in err


def test_the_race_shows_progress_on_stderr(capsys):
    assert _run("--landscape", "booth", "--racer", "sgd:lr=0.01", "--steps", "1200") == 0
    err = capsys.readouterr().err
    assert "1200/1200" in err and "steps/s" in err and "lowest f" in err
