"""Set up and start Descent Lab in one command, on any system with Python >= 3.10.

    python3 lab.py [APP OPTIONS]        # install if needed, then open the window
    python3 lab.py test [PYTEST ARGS]   # install with the test extras, then run pytest
    python3 lab.py build [SPEC ARGS]    # install PyInstaller, then build the standalone app
    python3 lab.py --dry-run test       # only print what would be run

(`py lab.py ...` on Windows.) Standard library only: it makes a virtual environment in
.venv/ with `venv` the first time, installs the project into it (`pip install -e .` or
`-e ".[test]"`) again whenever pyproject.toml has changed or new extras are needed, then runs
the app, pytest or PyInstaller with the .venv's Python. Nothing is installed outside .venv/,
so PEP 668 ("externally-managed-environment") does not apply.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MIN_PYTHON = (3, 10)
STAMP = "descent-lab-installed.json"      # inside the venv: what was installed, from what
EXTRAS = {"app": [], "test": ["test"], "build": ["build"]}
USAGE = "usage: lab.py [--dry-run] [--venv DIR] [app | test | build] [ARGS...]"


class LaunchError(Exception):
    """Something the user must do first; the text says what."""


def venv_python(venv: Path) -> Path:
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def missing_venv_message(version=sys.version_info) -> str:
    """What to do when this Python cannot make a virtual environment with pip in it."""
    x = f"{version[0]}.{version[1]}"
    return (f"Python {x} here cannot make a virtual environment: its 'ensurepip' module is "
            f"missing.\nDebian and Ubuntu ship it separately; install it, then run this "
            f"command again:\n    sudo apt install python{x}-venv")


def version_message(version=sys.version_info) -> str | None:
    if tuple(version[:2]) >= MIN_PYTHON:
        return None
    return (f"Descent Lab needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is "
            f"{version[0]}.{version[1]} ({sys.executable}). Install a newer Python and run "
            f"this file with it.")


def can_make_venv() -> bool:
    import importlib.util

    return (importlib.util.find_spec("venv") is not None
            and importlib.util.find_spec("ensurepip") is not None)


def venv_is_usable(venv: Path) -> bool:
    """A venv with pip in it (a venv made without ensurepip has neither pip nor a stamp)."""
    if not venv_python(venv).exists():
        return False
    return any(venv.glob("lib/python3*/site-packages/pip")) or (
        venv / "Lib" / "site-packages" / "pip").exists()


def pyproject_hash(root: Path) -> str:
    return hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest()


def read_stamp(venv: Path) -> dict:
    try:
        return json.loads((venv / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def extras_to_install(root: Path, venv: Path, wanted: list[str]) -> list[str] | None:
    """The extras to install now, or None when the venv already has what is wanted."""
    stamp = read_stamp(venv)
    if stamp.get("pyproject") != pyproject_hash(root):
        return sorted(set(wanted) | set(stamp.get("extras", [])))
    if set(wanted) <= set(stamp.get("extras", [])):
        return None
    return sorted(set(wanted) | set(stamp["extras"]))


def target(extras: list[str]) -> str:
    return "." if not extras else f".[{','.join(extras)}]"


def command_for(command: str, python: Path, root: Path, args: list[str]) -> list[str]:
    if command == "test":
        return [str(python), "-m", "pytest", *args]
    if command == "build":
        spec = str(root / "packaging" / "descent-lab.spec")
        return [str(python), "-m", "PyInstaller", spec, "--noconfirm", *args]
    return [str(python), str(root / "main.py"), *args]


def plan(command: str, args: list[str], root: Path, venv: Path) -> list[list[str]]:
    """Every command still needed, in order: make the venv, install, run."""
    steps = []
    fresh = not venv_is_usable(venv)
    if fresh:
        if not can_make_venv():
            raise LaunchError(missing_venv_message())
        steps.append([sys.executable, "-m", "venv", *(["--clear"] if venv.exists() else []),
                      str(venv)])
    python = venv_python(venv)
    extras = EXTRAS[command] if fresh else extras_to_install(root, venv, EXTRAS[command])
    if extras is not None:
        steps.append([str(python), "-m", "pip", "install", "--disable-pip-version-check",
                      "-e", target(extras)])
    steps.append(command_for(command, python, root, args))
    return steps


def parse(argv: list[str]) -> tuple[bool, Path | None, str, list[str]]:
    dry_run, venv = False, None
    while argv and argv[0] in ("--dry-run", "--venv"):
        if argv[0] == "--dry-run":
            dry_run, argv = True, argv[1:]
        elif len(argv) < 2:
            raise LaunchError(f"--venv needs a folder\n{USAGE}")
        else:
            venv, argv = Path(argv[1]), argv[2:]
    if argv and argv[0] in EXTRAS:
        return dry_run, venv, argv[0], argv[1:]
    return dry_run, venv, "app", argv


def write_stamp(root: Path, venv: Path, install_step: list[str]) -> None:
    spec = install_step[-1]
    extras = spec[2:-1].split(",") if spec.startswith(".[") else []
    (venv / STAMP).write_text(json.dumps({"pyproject": pyproject_hash(root), "extras": extras}),
                              encoding="utf-8")


def execute(steps: list[list[str]], root: Path, venv: Path) -> int:
    for step in steps[:-1]:
        print("lab.py:", " ".join(step), flush=True)
        if subprocess.call(step, cwd=root) != 0:
            raise LaunchError(f"this step failed (its output is above): {' '.join(step)}")
        if "pip" in step:
            write_stamp(root, venv, step)
    try:
        return subprocess.call(steps[-1], cwd=root)
    except KeyboardInterrupt:
        return 130


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    argv = sys.argv[1:] if argv is None else argv
    problem = version_message()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        dry_run, venv, command, args = parse(argv)
        venv = venv or root / ".venv"
        steps = plan(command, args, root, venv)
        if dry_run:
            for step in steps:
                print("would run:", " ".join(step))
            return 0
        return execute(steps, root, venv)
    except LaunchError as err:
        print(err, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
