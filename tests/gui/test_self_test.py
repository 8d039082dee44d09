"""`main.py --self-test`: passes on the default preset, fails with one clear message."""
from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from engine import cli
from gui import self_test
from gui.plots.loss_plot import LossPlot

ROOT = Path(__file__).resolve().parents[2]


def run_in_process(*argv: str) -> int:
    return self_test.run(cli.build_parser().parse_args(["--self-test", *argv]))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_self_test_from_source_passes_and_saves_a_screenshot(tmp_path):
    """The real entry point in a fresh process, offscreen: exit 0, one line, a real PNG."""
    shot = tmp_path / "shots" / "self-test.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "main.py", "--self-test", "--screenshot", str(shot)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.strip()
    assert line.startswith("self-test passed: ") and "5 plots with data" in line
    steps = int(line.split("passed: ")[1].split(" steps")[0])
    assert steps >= self_test.STEPS
    assert shot.is_file() and shot.stat().st_size > 20_000
    assert png_size(shot) == (1600, 900)


def test_a_loss_that_cannot_fall_fails_with_the_numbers(qtbot, capsys):
    """lr = 1e-6 barely moves the weights: exit 1 and the loss before and after."""
    assert run_in_process("--set", "optimizer.lr=1e-6") == 1
    err = capsys.readouterr().err
    assert "self-test failed: the loss did not fall: 0.72" in err


def test_a_plot_without_data_fails_naming_the_plot(qtbot, capsys, monkeypatch, tmp_path):
    """If the loss plot never receives data, the self-test says so and saves nothing."""
    monkeypatch.setattr(LossPlot, "update_from", lambda self, data: None)
    shot = tmp_path / "never.png"
    assert run_in_process("--screenshot", str(shot)) == 1
    assert "self-test failed: no data in the loss plot(s)" in capsys.readouterr().err
    assert not shot.exists()


def test_a_bad_setting_fails_before_any_window(qtbot, capsys):
    assert run_in_process("--set", "optimizer.lr=-1") == 1
    err = capsys.readouterr().err
    assert err.startswith("self-test failed: cannot load the configuration: optimizer.lr")


@pytest.mark.parametrize("display, expected", [(None, "offscreen"), (":0", None)])
def test_offscreen_only_without_a_display(monkeypatch, display, expected):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    if display:
        monkeypatch.setenv("DISPLAY", display)
    else:
        monkeypatch.delenv("DISPLAY", raising=False)
    self_test._use_offscreen_without_display()
    assert os.environ.get("QT_QPA_PLATFORM") == expected
