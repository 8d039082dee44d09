"""File menu: configurations round-trip, bad files are refused with a message, exports."""
from __future__ import annotations

import csv
import json

import pytest
from PySide6 import QtWidgets

from gui import file_actions
from tests.gui.helpers import wait_until


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning",
                        lambda parent, title, text: shown.append((title, text)))
    return shown


def test_save_then_open_round_trips_the_configuration(window, tmp_path):
    path = tmp_path / "run.json"
    assert file_actions.save_config(window.network, str(path))
    d = json.loads(path.read_text())
    assert d == json.loads(window.network.session.config.to_json())
    d["optimizer"]["lr"] = 0.002
    d["model"]["hidden"] = [5]
    (tmp_path / "slow.json").write_text(json.dumps(d))
    assert file_actions.open_config(window.network, str(tmp_path / "slow.json"))
    assert window.network.session.config.optimizer.lr == 0.002 and window.network.session.config.model.hidden == (5,)
    assert window.windowTitle() == "Descent Lab — slow"
    assert [layer.n_out for layer in window.network.session.net.layers] == [5, 1]


def test_bad_configuration_files_are_refused_and_the_run_kept(window, tmp_path, warnings):
    before = (window.network.session.config, window.network.session.controller.run_id)
    bad = tmp_path / "bad.json"
    bad.write_text('{"optimizer": {"lr": -2}}')
    assert not file_actions.open_config(window.network, str(bad))
    assert "optimizer.lr = -2 is not allowed" in warnings[-1][1]
    bad.write_text("{oops")
    assert not file_actions.open_config(window.network, str(bad))
    assert "valid JSON" in warnings[-1][1]
    assert not file_actions.open_config(window.network, str(tmp_path / "missing.json"))
    assert "missing.json" in warnings[-1][1]
    assert (window.network.session.config, window.network.session.controller.run_id) == before


def test_history_export_has_a_row_per_step(window, tmp_path):
    window.network.session.controller.step(25)
    assert wait_until(lambda: len(window.network.session.history) == 25, 5)
    assert file_actions.export_history(window.network, str(tmp_path / "h.csv"))
    rows = list(csv.reader(open(tmp_path / "h.csv")))
    assert len(rows) == 26 and rows[25][0] == "25"


def test_pytorch_export_writes_a_script_for_this_run(window, tmp_path):
    path = tmp_path / "run.py"
    assert file_actions.export_torch(window.network, str(path), steps=12)
    text = path.read_text()
    assert "torch.optim.Adam(model.parameters(), lr=LR" in text and "def main(steps=12)" in text


def test_a_file_with_a_huge_integer_is_refused_naming_the_field(window, tmp_path, warnings):
    before = window.network.session.controller.run_id
    huge = tmp_path / "huge.json"
    huge.write_text('{"data": {"n_samples": ' + "9" * 320 + "}}")
    assert not file_actions.open_config(window.network, str(huge))
    assert warnings[-1] == ("Not a valid configuration", "huge.json: data.n_samples = "
                            f"{'9' * 80}… (320 characters) is not allowed: a whole number in "
                            "[2, 100000], of magnitude at most 1.79769e+308")
    assert window.network.session.controller.run_id == before


def test_each_save_and_export_to_an_unwritable_path_says_so_once(window, tmp_path, warnings):
    path = str(tmp_path / "no such folder" / "out")
    for save in (file_actions.save_config, file_actions.export_history, file_actions.export_torch):
        assert not save(window.network, path)
    assert [title for title, _ in warnings] == ["Cannot write"] * 3
    assert all(text.startswith(f"{path}: ") and "No such file" in text for _, text in warnings)
