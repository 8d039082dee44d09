"""Recordings: headless --record (frame count, size, determinism, refusals, missing library)
and File → Record… in the window (the mark, Stop, the file)."""
from __future__ import annotations

import importlib

import numpy as np
import pytest

import main
from gui.recording import dialog as record_dialog
from gui.recording import frames, headless
from gui.recording.recorder import VIEWS

Image = pytest.importorskip("PIL.Image", reason="Pillow (the record extra) is not installed")


def _gif_frames(path) -> list[np.ndarray]:
    with Image.open(path) as im:
        out = []
        for i in range(im.n_frames):
            im.seek(i)
            out.append(np.asarray(im.convert("RGB")))
        return out


@pytest.mark.parametrize("steps, every, count", [(1, 1, 2), (5, 1, 6), (150, 1, 151),
                                                 (250, 2, 126), (1000, 10, 101),
                                                 (1005, 10, 102)])
def test_one_frame_at_the_start_then_one_every_n_over_100_steps(steps, every, count):
    assert headless.frame_every(steps) == every
    assert headless.frame_count(steps) == count


def test_headless_gif_has_the_expected_frames_and_size_and_is_deterministic(
        qapp, tmp_path, capsys):
    paths = [tmp_path / "a.gif", tmp_path / "b.gif"]
    for path in paths:
        code = main.main(["--headless", "--preset", "default", "--steps", "12",
                          "--record", str(path), "--record-fps", "5"])
        assert code == 0
    out = capsys.readouterr().out
    assert f"wrote {paths[0]}: 13 frames at 5 fps (window, one every 1 steps)" in out
    a, b = _gif_frames(paths[0]), _gif_frames(paths[1])
    assert len(a) == len(b) == 13                       # the status line changes each frame
    assert a[0].shape == (720, 1280, 3)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert not np.array_equal(a[0], a[-1])              # the run moved
    with Image.open(paths[0]) as im:
        assert im.info["duration"] == 200               # 5 fps
        assert im.info["loop"] == 0


def test_headless_view_is_the_size_of_that_view(qapp, tmp_path):
    path = tmp_path / "net.gif"
    assert main.main(["--headless", "--steps", "3", "--record", str(path),
                      "--record-view", "network"]) == 0
    with Image.open(path) as im:
        w, h = im.size
    assert 100 < w < 1280 and 100 < h < 720


def test_headless_mp4_has_one_frame_per_update(qapp, tmp_path):
    pytest.importorskip("imageio_ffmpeg", reason="imageio-ffmpeg (MP4) is not installed")
    imageio = pytest.importorskip("imageio.v2")
    path = tmp_path / "run.mp4"
    assert main.main(["--headless", "--steps", "4", "--record", str(path),
                      "--record-view", "loss"]) == 0
    decoded = [np.asarray(f) for f in imageio.get_reader(str(path))]
    assert len(decoded) == 5
    h, w, c = decoded[0].shape
    assert c == 3 and w % 2 == 0 and h % 2 == 0


@pytest.mark.parametrize("argv, message", [
    (["--record", "run.png"], "--record = 'run.png' is not allowed: a file name ending in .gif or .mp4"),
    (["--record", "no/such/folder/run.gif"], "--record = 'no/such/folder/run.gif' is not allowed: a file in a folder that exists"),
    (["--record", "r.gif", "--record-fps", "0"], "--record-fps = 0.0 is not allowed: frames per second from 1 to 60"),
    (["--record", "r.gif", "--record-fps", "61"], "--record-fps = 61.0 is not allowed: frames per second from 1 to 60"),
    (["--record-fps", "12"], "--record-fps = 12.0 is not allowed: only with --record FILE.gif|FILE.mp4"),
    (["--record-view", "loss"], "--record-view = 'loss' is not allowed: only with --record FILE.gif|FILE.mp4"),
    (["--record", "r.gif", "--compare", "optimizer.lr=0.1"], "--record = 'r.gif' is not allowed: one training run (--preset/--config, --set, --steps), not with --compare"),
    (["--record", "r.gif", "--out", "runs"], "--out = 'runs' is not allowed: not with --record (the recording is what it writes; train with --out in a second command for the results)"),
    (["--record", "r.gif", "--steps", "0"], "--steps = 0 is not allowed: a whole number ≥ 1"),
    (["--record", "r.gif", "--preset", "nope"], "--preset = 'nope' is not allowed: one of:"),
])
def test_bad_record_options_are_one_message_and_exit_2(argv, message, tmp_path, capsys,
                                                         monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main.main(["--headless", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"descent-lab: {message}")
    assert "Traceback" not in err
    assert not list(tmp_path.iterdir())                  # nothing written


def test_record_in_the_window_is_refused_before_any_window(capsys):
    assert main.main(["--record", "r.gif"]) == 2
    assert capsys.readouterr().err == ("descent-lab: --record = 'r.gif' is not allowed: only "
                                       "with --headless (in the window: File → Record…)\n")


@pytest.mark.parametrize("path, missing, names", [("r.gif", "PIL", "Pillow"),
                                                  ("r.mp4", "imageio_ffmpeg",
                                                   "imageio and imageio-ffmpeg")])
def test_a_missing_library_names_the_command_that_installs_it(path, missing, names, tmp_path,
                                                              capsys, monkeypatch):
    real = importlib.import_module

    def fake(name, *args):
        if name == missing:
            raise ImportError(f"No module named {name!r}")
        return real(name, *args)

    monkeypatch.setattr(frames.importlib, "import_module", fake)
    monkeypatch.chdir(tmp_path)
    assert main.main(["--headless", "--steps", "5", "--record", path]) == 2
    suffix = path[-4:]
    assert capsys.readouterr().err == (
        f"descent-lab: recording {suffix} needs {names}, which is not installed; install it "
        'with: .venv/bin/pip install "descent-lab[record]" (python3 lab.py users), or pip '
        "install Pillow imageio imageio-ffmpeg\n")
    assert not list(tmp_path.iterdir())


# ---- the window: File → Record… ----

def test_record_action_and_dialog_offer_every_view(window):
    assert window.actions["record"].text() == "Record…"
    dialog = record_dialog.RecordDialog(window, path="x.gif")
    offered = [dialog.view.itemData(i) for i in range(dialog.view.count())]
    assert offered == list(VIEWS)
    assert dialog.choice() == {"view": "window", "path": "x.gif", "fps": 10, "width": 1280}


def test_recording_in_the_window_shows_the_mark_and_stop_writes_the_gif(window, qtbot,
                                                                         tmp_path):
    from PySide6 import QtCore
    path = tmp_path / "loss.gif"
    recorder = record_dialog.start_recording(window, "loss", str(path), 20, 400)
    mark = window.statusBar().findChild(QtCore.QObject, "recordingMark")
    assert mark.text() == "● recording  1 frames"
    window.network.play()
    qtbot.waitUntil(lambda: recorder.count >= 4, timeout=20000)
    n_shown = int(mark.text().split()[2])
    assert n_shown == recorder.count
    qtbot.mouseClick(mark.parent().stop_button, QtCore.Qt.LeftButton)
    n = recorder.count
    assert mark.text() == "● writing loss.gif…"
    assert not mark.parent().stop_button.isEnabled()
    qtbot.waitUntil(lambda: window.recorder is None, timeout=20000)
    assert window.recorder is None
    assert window.statusBar().currentMessage() == f"Recorded {n} frames to {path}"
    qtbot.waitUntil(lambda: window.statusBar().findChild(QtCore.QObject, "recordingMark")
                    is None, timeout=5000)                 # the mark is gone
    with Image.open(path) as im:
        assert im.size[0] == 400
        total = 0
        for i in range(im.n_frames):        # identical neighbours are one longer GIF frame
            im.seek(i)
            total += im.info["duration"]
    assert total == n * 50                  # 20 fps: 50 ms a frame


def test_a_bad_file_in_the_window_is_one_message_and_nothing_starts(window, monkeypatch,
                                                                    tmp_path):
    shown = []
    monkeypatch.setattr(record_dialog.QtWidgets.QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))
    bad = str(tmp_path / "run.png")
    assert record_dialog.start_recording(window, "window", bad, 10, 640) is None
    assert shown == [("Cannot record", f"Record to = {bad!r} is not allowed: a file name "
                      "ending in .gif or .mp4")]
    assert getattr(window, "recorder", None) is None
