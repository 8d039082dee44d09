"""lab.py, the one-command launcher: what it would run, venv creation, the missing-venv text."""
import json
import sys
from pathlib import Path

import pytest

import lab

PY = sys.executable


@pytest.fixture
def root(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    return tmp_path


def fake_venv(root: Path, extras=None, pyproject=None) -> Path:
    """A venv with a python and pip, and the stamp a finished install leaves."""
    venv = root / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("", encoding="utf-8")
    (venv / "lib" / "python3.11" / "site-packages" / "pip").mkdir(parents=True)
    if extras is not None:
        stamp = {"pyproject": pyproject or lab.pyproject_hash(root), "extras": extras}
        (venv / lab.STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    return venv


def dry_run(root, capsys, *argv):
    assert lab.main(["--dry-run", *argv], root=root) == 0
    return capsys.readouterr().out.splitlines()


def test_first_test_run_makes_the_venv_installs_test_extras_and_runs_pytest(root, capsys, monkeypatch):
    monkeypatch.setattr(lab, "can_make_venv", lambda: True)
    vpy = root / ".venv" / "bin" / "python"
    assert dry_run(root, capsys, "test", "-q", "-x") == [
        f"would run: {PY} -m venv {root / '.venv'}",
        f"would run: {vpy} -m pip install --disable-pip-version-check -e .[test]",
        f"would run: {vpy} -m pytest -q -x",
    ]
    assert not (root / ".venv").exists()          # a dry run creates nothing


def test_app_arguments_go_to_main_py(root, capsys, monkeypatch):
    monkeypatch.setattr(lab, "can_make_venv", lambda: True)
    lines = dry_run(root, capsys, "--preset", "miles-to-km")
    assert lines[1:] == [
        f"would run: {root / '.venv/bin/python'} -m pip install --disable-pip-version-check -e .",
        f"would run: {root / '.venv/bin/python'} {root / 'main.py'} --preset miles-to-km",
    ]
    assert dry_run(root, capsys, "app", "--headless")[-1].endswith("main.py --headless")


def test_an_up_to_date_venv_only_runs(root, capsys):
    venv = fake_venv(root, extras=["test"])
    assert dry_run(root, capsys, "test") == [f"would run: {venv / 'bin/python'} -m pytest"]
    assert dry_run(root, capsys) == [f"would run: {venv / 'bin/python'} {root / 'main.py'}"]


def test_new_extras_are_added_to_what_is_installed(root, capsys):
    venv = fake_venv(root, extras=["test"])
    assert dry_run(root, capsys, "build") == [
        f"would run: {venv / 'bin/python'} -m pip install --disable-pip-version-check -e .[build,test]",
        f"would run: {venv / 'bin/python'} -m PyInstaller {root / 'packaging/descent-lab.spec'} --noconfirm",
    ]


def test_a_changed_pyproject_installs_again(root, capsys):
    venv = fake_venv(root, extras=["test"], pyproject="0" * 64)
    assert dry_run(root, capsys, "test")[0] == (
        f"would run: {venv / 'bin/python'} -m pip install --disable-pip-version-check -e .[test]")


def test_a_venv_left_without_pip_is_made_again(root, capsys, monkeypatch):
    monkeypatch.setattr(lab, "can_make_venv", lambda: True)
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "python").write_text("", encoding="utf-8")
    assert dry_run(root, capsys, "test")[0] == f"would run: {PY} -m venv --clear {root / '.venv'}"


def test_without_ensurepip_it_prints_the_apt_line_and_makes_nothing(root, capsys, monkeypatch):
    monkeypatch.setattr(lab, "can_make_venv", lambda: False)
    assert lab.main(["test"], root=root) == 1
    x = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert capsys.readouterr().err == (
        f"Python {x} here cannot make a virtual environment: its 'ensurepip' module is missing.\n"
        "Debian and Ubuntu ship it separately; install it, then run this command again:\n"
        f"    sudo apt install python{x}-venv\n")
    assert not (root / ".venv").exists()


def test_missing_venv_message_names_the_python_version():
    assert lab.missing_venv_message((3, 13)).endswith("    sudo apt install python3.13-venv")


def test_too_old_python_is_refused_by_version():
    assert lab.version_message((3, 11)) is None
    assert lab.version_message((3, 9)).startswith(
        "Descent Lab needs Python 3.10 or newer; this is 3.9 (")


def test_windows_venv_python_is_in_scripts(monkeypatch, tmp_path):
    monkeypatch.setattr(lab.os, "name", "nt")
    assert lab.venv_python(tmp_path) == tmp_path / "Scripts" / "python.exe"


def test_venv_option_needs_a_folder(root, capsys):
    assert lab.main(["--venv"], root=root) == 1
    assert capsys.readouterr().err.startswith("--venv needs a folder\nusage: lab.py")


def test_the_venv_step_makes_a_real_venv_and_a_failed_step_stops(root, capsys):
    venv = root / "env"
    steps = lab.plan("app", [], root, venv)
    assert steps[0] == [PY, "-m", "venv", str(venv)]
    code = lab.execute([steps[0], [str(lab.venv_python(venv)), "-c", "raise SystemExit(7)"]],
                       root, venv)
    assert code == 7                                  # the last command's exit code
    assert lab.venv_is_usable(venv)                   # python and pip are in it
    with pytest.raises(lab.LaunchError, match="this step failed"):
        lab.execute([[PY, "-c", "raise SystemExit(3)"], ["true"]], root, venv)


def test_an_install_step_writes_the_stamp(root):
    venv = fake_venv(root)
    lab.write_stamp(root, venv, ["python", "-m", "pip", "install", "-e", ".[build,test]"])
    assert lab.read_stamp(venv) == {"pyproject": lab.pyproject_hash(root),
                                    "extras": ["build", "test"]}
    assert lab.extras_to_install(root, venv, ["test"]) is None
