"""The command line, fuzzed: odd values for every flag answer with an exit code and a message.

`main.main(argv)` runs in-process with stdout and stderr captured. Every case must exit 0
(done), 2 (bad input), 3 (diverged) or 130 (interrupted), never show a traceback, and a
non-zero exit must say why on stderr. A window that would open is replaced by a stand-in
(see `no_window`), so window-mode cases end where the real window would start.
"""
from __future__ import annotations

import pytest

import main as entry

HUGE = "9" * 320
LONG = "x" * 100_000
ODD = ["", " ", "0", "-1", "1e309", "nan", "-inf", HUGE, f"-{HUGE}", "ünïcødé", "💥",
       "a=b=c", "[1, 2", "{}", "None", "True", LONG, "../../etc/passwd", "--"]
SETS = ["optimizer.lr=nan", f"optimizer.lr={HUGE}", "optimizer.lr=1e309",
        "optimizer.lr=-0.0", "optimizer.name=ünïcødé", "optimizer.betas=(0.9,)",
        f"optimizer.betas=(0.9,{HUGE})", "model.hidden=[]", "model.hidden=[-1]",
        f"model.hidden=[{HUGE}]", "model.hidden='8'", "data.n_samples=1",
        "data.n_samples=-5", "data.dataset=", "data.dataset=csv",
        "data.csv_path=/no/such.csv", "data.features=[]", "data.features=['x9']",
        "loss.name=ce", "loss.name=mse", "training.batch_size=0",
        "training.batch_size='most'", "training.eval_every=0", "schedule.name=warp",
        "schedule.warmup_steps=-1", "version=2", "nothing", "=1", ".=1", "a.b.c=1",
        "optimizer.params={'lr': 1}", "data.seed=-1", f"data.seed={HUGE}",
        "training.seed=1.5", "model.init_sigma=inf", "optimizer.momentum=[[[[1]]]]",
        f"optimizer.lr={'[' * 500}", "optimizer.lr=" + LONG, "loss.delta=-1",
        "data.noise=1000"]
RACERS = ["", ":", "sgd:", "sgd:lr", "sgd:lr=", "sgd:lr=nan", f"sgd:lr={HUGE}",
          "adam:betas=(0.9,2)", "warp:lr=1", "sgd:lr=1:lr=2", "sgd:foo=1", "ünïcødé",
          "sgd:lr=" + LONG]
STARTS = ["", ",", "1", "1,2,3", "nan,0", f"{HUGE},0", "1e309,0", "a,b", "-1.5,2",
          "100,100", LONG]


def _files(tmp_path) -> dict[str, str]:
    """Config (and preset) files that are not what they should be."""
    made = {
        "list.json": "[1, 2]", "empty.json": "", "null.json": "null", "number.json": "3",
        "string.json": '"config"', "deep.json": "[" * 100_000, "truncated.json": '{"data":',
        "version-true.json": '{"version": true}', "huge.json": '{"optimizer": {"lr": ' +
        HUGE + "}}", "unknown.json": '{"weather": {}}', "csv.json":
        '{"data": {"dataset": "csv", "csv_path": "/no/such.csv"}}', "sine.json":
        '{"data": {"dataset": "sine"}, "loss": {"name": "mse"}}', "bom.json":
        "\ufeff{}", "nul.json": "{}\x00",
    }
    paths = {}
    for name, text in made.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths[name] = str(tmp_path / name)
    (tmp_path / "latin1.json").write_bytes('{"data": {"dataset": "café"}}'.encode("latin-1"))
    (tmp_path / "binary.json").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "folder.json").mkdir()
    for name in ("latin1.json", "binary.json", "folder.json"):
        paths[name] = str(tmp_path / name)
    paths["missing.json"] = str(tmp_path / "missing.json")
    return paths


def _cases(tmp_path) -> list[list[str]]:
    h, few = ["--headless"], ["--steps", "3"]
    files = _files(tmp_path)
    race = ["--headless", "--landscape", "rosenbrock", "--steps", "3"]
    cases = [h + ["--preset", v] + few for v in ODD]
    # not HUGE: a 320-digit count is a valid whole number and trains until Ctrl+C
    cases += [h + ["--steps", v] for v in ODD if v not in ("0", HUGE)]
    cases += [h + ["--steps", "0"], h + ["--steps", "-3"], h + ["--steps", "3.5"]]
    cases += [h + ["--set", v] + few for v in SETS + ODD]
    cases += [h + ["--config", path] + few for path in files.values()]
    cases += [h + ["--preset", path] + few for path in files.values()]
    cases += [h + ["--landscape", v] + few for v in ODD]
    cases += [race + ["--racer", v] for v in RACERS]
    cases += [race + ["--start", v] for v in STARTS]
    cases += [h + ["--racer", "sgd"] + few, h + ["--start", "1,2"] + few]
    cases += [h + ["--out", v] + few for v in ("", "/proc/forbidden", files["list.json"],
                                                 "/dev/null/below", f"{tmp_path}/ü/💥")]
    cases += [h + ["--lr-find", "--out", files["list.json"]],
              h + ["--export-torch", ""] + few, h + ["--export-torch", str(tmp_path)] + few,
              h + ["--export-torch", "/proc/x.py"] + few, race + ["--out", files["list.json"]],
              h + ["--list-presets"], h + ["--list-landscapes"], h + ["--unknown-flag"],
              h + ["--steps"], ["--headless", "--headless", "--steps", "2"]]
    cases += [["--preset", v] for v in ("", HUGE, "ünïcødé", LONG)]             # window mode
    cases += [["--config", files[n]] for n in ("list.json", "binary.json", "huge.json",
                                               "missing.json", "version-true.json")]
    cases += [["--set", v] for v in SETS[:12]]
    cases += [["--landscape", "rosenbrock"], ["--racer", "sgd"], ["--start", "1,2"]]
    cases += [["--landscape", v] for v in ODD[:10]]          # the window's race: checked first
    cases += [["--landscape", "booth", "--racer", v] for v in RACERS]
    cases += [["--landscape", "booth", "--start", v] for v in STARTS]
    cases += [["--config", files[n]] for n in ("csv.json", "sine.json")]    # opens the default
    return cases


@pytest.fixture
def no_window(monkeypatch):
    """Window mode runs to the point where the window would open, and opens none."""
    import gui.app

    opened = []

    class NoApp:
        def exec(self):
            return 0

    monkeypatch.setattr(gui.app, "make_app", NoApp)
    monkeypatch.setattr(gui.app, "openable", lambda config, title: (
        opened.append(config) or (config, title, None)))
    monkeypatch.setattr("gui.main_window.MainWindow", lambda config, title, **kw: _Shown())
    monkeypatch.setattr(gui.app, "open_race", lambda window, race: opened.append(race))
    return opened


class _Shown:
    def resize(self, *size):
        pass

    def show(self):
        pass


def _run(argv) -> int:
    try:
        return entry.main(argv)
    except SystemExit as stop:          # argparse: usage and exit 2
        return stop.code


def test_every_odd_command_line_answers_with_an_exit_code_and_a_message(
        tmp_path, capsys, monkeypatch, no_window):
    import sys
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)     # gui.app.run installs its own
    cases = _cases(tmp_path)
    assert len(cases) >= 150
    answers, wrong = {}, []
    for argv in cases:
        code = _run(argv)
        out, err = capsys.readouterr()
        answers[code] = answers.get(code, 0) + 1
        if what := _wrong(code, out, err):
            wrong.append(f"{' '.join(a[:40] for a in argv)}: {what}")
    assert wrong == []
    assert answers.get(2, 0) > 100 and answers.get(0, 0) > 10


def _wrong(code, out: str, err: str) -> str | None:
    """What is wrong with an answer, or None: an exit code we promise, no traceback, and a
    short message on stderr when it is not 0."""
    if code not in (0, 2, 3, 130):
        return f"exit {code}: {err[-300:]}"
    if "Traceback" in out + err:
        return "a traceback: " + err[-300:]
    last = err.strip().splitlines()[-1] if err.strip() else ""
    if code != 0 and not last.startswith("descent-lab: "):
        return f"exit {code} without a message: {err[-300:]!r}"
    if len(last) > 1_000:
        return f"a {len(last):,}-character message"
    return None
