"""The README's shell examples work when pasted into bash and into zsh.

Every line of a ```bash block, and every line starting with `python main.py` in any block, is
an example. Each `python main.py` example runs in a fresh folder, in order (later examples
may use what earlier ones wrote), with `--steps` cut to a few steps; it must exit 0 and write
the files its `--out` / `--export-torch` promise. An example that opens the window runs with
`--self-test` (offscreen). Any other command must have a stated reason not to run here.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STEPS = 20                        # every --steps N becomes this
NOT_RUN = {                       # command prefix -> why it is not run by this test
    "python -m pip": "installs packages (the environment is already set up)",
    "pyinstaller": "builds the frozen app (packaging/ci-build.sh does, in CI)",
    "dist/": "needs the frozen app built by pyinstaller",
    "python -m pytest": "runs this very test suite",
    "python benchmarks/run.py": "measures for minutes (tests/benchmarks runs it with --smoke)",
}
WINDOW_FREE = ("--headless", "--list-presets", "--list-landscapes", "--lr-find",
               "--export-torch", "--self-test")
TRAINING_FILES = ("config.json", "history.csv", "model.npz", "summary.json", "experiment.dlab")


def readme_examples(text: str) -> list[str]:
    """The shell example lines of the README, in order, without trailing comments."""
    lines, language = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("```"):
            language = None if language is not None else line[3:].strip()
            continue
        if language is None or not line or line.startswith("#"):
            continue
        if language in ("bash", "sh", "shell") or line.startswith("python main.py"):
            lines.append(re.split(r"\s+#\s", line, maxsplit=1)[0])
    return lines


def runnable(line: str) -> str:
    """The command this test runs for a `python main.py` example."""
    command = re.sub(r"--steps[ =]\d+", f"--steps {STEPS}", line)
    if not any(option in command.split() for option in WINDOW_FREE):
        command += " --self-test"           # a window example: open it offscreen, check it
    return command


def expected_files(line: str) -> list[str]:
    """The files an example promises: its --out folder's files, its --export-torch script."""
    words = line.split()
    out = words[words.index("--out") + 1] if "--out" in words else None
    if "--export-torch" in words:
        return [words[words.index("--export-torch") + 1]]
    if out is None:
        return []
    if "--landscape" in words:
        return [f"{out}/summary.json", f"{out}/racer-1.csv"]
    if "--lr-find" in words:
        return [f"{out}/lr_find.csv"]
    if "--compare" in words:
        return [f"{out}/compare.json", *(f"{out}/run-1/{name}" for name in TRAINING_FILES)]
    return [f"{out}/{name}" for name in TRAINING_FILES]


EXAMPLES = readme_examples((ROOT / "README.md").read_text(encoding="utf-8"))
SHELLS = ["bash", "zsh"]


def test_the_readme_has_examples_and_every_other_command_has_a_reason():
    mains = [line for line in EXAMPLES if line.startswith("python main.py")]
    assert len(mains) >= 10
    assert any("--landscape" in line for line in mains)
    assert any("--start -" in line for line in mains)           # a negative start, as pasted
    others = [line for line in EXAMPLES if not line.startswith("python main.py")]
    unexplained = [line for line in others if not any(map(line.startswith, NOT_RUN))]
    assert unexplained == []


def _env(tmp_path: Path) -> dict:
    """`python` on the PATH is this interpreter; the repository is importable. A script that
    execs it, not a symlink: a venv's Python reached through a symlink elsewhere does not find
    its pyvenv.cfg, and so runs without the venv's packages."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    python = bin_dir / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


@pytest.mark.parametrize("shell", SHELLS)
def test_every_python_main_example_runs_in(shell, tmp_path):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed (apt-get install {shell})")
    env, work = _env(tmp_path), tmp_path / "work"
    work.mkdir()
    (work / "main.py").symlink_to(ROOT / "main.py")
    failures = []
    recording = importlib.util.find_spec("imageio") is not None   # the optional [record] extra
    for line in (x for x in EXAMPLES if x.startswith("python main.py")):
        if "--record" in line.split() and not recording:
            continue          # needs `pip install "descent-lab[record]"`; tested where it is
        command = runnable(line)
        done = subprocess.run([shell, "-c", command], cwd=work, env=env, capture_output=True,
                              text=True, timeout=120)
        missing = [f for f in expected_files(line) if not (work / f).is_file()]
        if done.returncode != 0 or missing:
            failures.append(f"{command!r} in {shell}: exit {done.returncode}, missing "
                            f"{missing}, stderr {done.stderr[-300:]!r}")
    assert failures == []


def test_an_unquoted_spec_with_parentheses_is_what_the_quotes_prevent(tmp_path):
    """Why the README quotes: bash reads unquoted ( ) as syntax, zsh [ ] as a glob."""
    done = subprocess.run(["bash", "-c", "echo --racer adam:betas=(0.9,0.99)"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2 and "syntax error" in done.stderr
    if shutil.which("zsh"):
        done = subprocess.run(["zsh", "-c", "echo --set model.hidden=[16,16]"],
                              capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 1 and "no matches found" in done.stderr
