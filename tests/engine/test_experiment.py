""".dlab experiments: saved whole, reopened bit for bit, and refused with one message."""

import io
import json
import zipfile

import numpy as np
import pytest

from engine import datasets, presets
from engine.errors import ConfigError
from engine.experiment import (
    FORMAT_VERSION,
    ExperimentState,
    load_experiment,
    save_experiment,
    write_experiment,
)
from engine.trainer import Trainer

RUNS = {   # the three the issue names, each after points were added and one removed
    "sgd-momentum": {"optimizer.name": "sgd", "optimizer.lr": 0.05, "optimizer.momentum": 0.9},
    "adam": {"optimizer.name": "adam", "optimizer.lr": 0.01},
    "warm-up cosine": {"optimizer.name": "sgd", "optimizer.lr": 0.1, "schedule.name": "cosine",
                       "schedule.T_max": 800, "schedule.warmup_steps": 300},
    "adam float32": {"optimizer.name": "adam", "optimizer.lr": 0.01, "model.dtype": "float32"},
}


def edited_trainer(overrides: dict) -> Trainer:
    """The default lesson, 200 steps, then two points added and one removed by hand."""
    trainer = Trainer(presets.load("default").with_overrides(overrides))
    trainer.run(200)
    ds = datasets.add_point(trainer.dataset, [0.5, -0.25], 1)
    ds = datasets.add_point(ds, [-1.0, 2.0], 0)
    trainer.set_dataset(datasets.remove_nearest(ds, ds.raw_train[3]))
    return trainer


def assert_same_run(a: Trainer, b: Trainer) -> None:
    assert a.step_count == b.step_count
    wa, wb = a.network.state_dict(), b.network.state_dict()
    assert all(np.array_equal(wa[k], wb[k]) for k in wa)            # bit for bit
    assert a.rise.state_dict() == b.rise.state_dict()                # the divergence watch too
    ha, hb = a.history.to_arrays(), b.history.to_arrays()
    assert ha.keys() == hb.keys()
    assert all(np.array_equal(ha[k], hb[k], equal_nan=True) for k in ha)


@pytest.mark.parametrize("name", RUNS)
def test_save_at_500_open_and_train_to_1000_equals_1000_straight(tmp_path, name):
    straight = edited_trainer(RUNS[name])
    straight.run(800)
    saved = edited_trainer(RUNS[name])
    saved.run(300)
    save_experiment(tmp_path / "run.dlab", saved)
    reopened = load_experiment(tmp_path / "run.dlab").trainer
    assert reopened.step_count == 500 and len(reopened.history) == 500
    assert len(reopened.dataset.x_train) == 201                      # 200 + 2 − 1
    reopened.run(500)
    assert_same_run(straight, reopened)


def test_the_file_holds_json_and_npz_without_pickle(tmp_path):
    trainer = edited_trainer(RUNS["adam"])
    save_experiment(tmp_path / "a.dlab", trainer, view={"tab": "loss", "log_y": True})
    with zipfile.ZipFile(tmp_path / "a.dlab") as z:
        assert sorted(z.namelist()) == ["batch_order.npz", "dataset.npz", "experiment.json",
                                        "history.npz", "optimizer.npz", "weights.npz"]
        header = json.loads(z.read("experiment.json"))
        for name in z.namelist():
            if name.endswith(".npz"):
                with np.load(io.BytesIO(z.read(name)), allow_pickle=False) as npz:
                    assert all(npz[k].dtype != object for k in npz.files)
    assert header["format"] == "descent-lab-experiment" and header["version"] == 1
    assert header["trainer"]["step_count"] == 200
    assert header["trainer"]["rng"]["bit_generator"] == "PCG64"
    assert isinstance(header["trainer"]["rng"]["state"]["state"], int)
    assert header["optimizer"]["t"] == 200 and header["optimizer"]["hyper"]["lr"] == 0.01
    assert load_experiment(tmp_path / "a.dlab").view == {"tab": "loss", "log_y": True}


def test_a_live_change_of_the_learning_rate_is_kept(tmp_path):
    trainer = edited_trainer(RUNS["adam"])
    trainer.set_hyper(lr=0.003)
    save_experiment(tmp_path / "a.dlab", trainer)
    reopened = load_experiment(tmp_path / "a.dlab").trainer
    assert reopened.base_lr == 0.003 and reopened.optimizer.hyper["lr"] == 0.003


def _rewrite(path, member: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members[member] = data
    with zipfile.ZipFile(path, "w") as z:
        for name, value in members.items():
            z.writestr(name, value)


def _refusal(path) -> str:
    before = path.read_bytes()
    with pytest.raises(ConfigError) as info:
        load_experiment(path, "--open")
    assert path.read_bytes() == before                 # the file is left as it was
    assert info.value.field == "--open" and info.value.value == str(path)
    return str(info.value)


def test_a_newer_version_a_broken_zip_a_foreign_zip_and_pickle_each_get_one_message(tmp_path):
    good = tmp_path / "good.dlab"
    save_experiment(good, edited_trainer(RUNS["adam"]))

    newer = tmp_path / "newer.dlab"
    newer.write_bytes(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        header = json.loads(z.read("experiment.json"))
    _rewrite(newer, "experiment.json", json.dumps({**header, "version": 2}).encode())
    assert f"format version {FORMAT_VERSION} or older (this file has version 2" in \
        _refusal(newer)

    broken = tmp_path / "broken.dlab"
    broken.write_bytes(good.read_bytes()[:-300])
    assert "a .dlab file (a zip archive; this one cannot be read as one" in _refusal(broken)

    foreign = tmp_path / "foreign.dlab"
    with zipfile.ZipFile(foreign, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert "this zip has no experiment.json: it was written by something else" in \
        _refusal(foreign)

    pickled = tmp_path / "pickled.dlab"
    pickled.write_bytes(good.read_bytes())
    buffer = io.BytesIO()
    np.savez(buffer, order=np.array([{"evil": 1}], dtype=object))
    _rewrite(pickled, "batch_order.npz", buffer.getvalue())
    assert "batch_order.npz: it holds Python objects, which would need pickle" in \
        _refusal(pickled)


def test_contents_that_do_not_fit_are_refused_naming_the_part(tmp_path):
    path = tmp_path / "a.dlab"
    save_experiment(path, edited_trainer(RUNS["adam"]))
    buffer = io.BytesIO()
    np.savez(buffer, **{"layer0.weight": np.zeros((3, 3))})
    _rewrite(path, "weights.npz", buffer.getvalue())
    message = _refusal(path)
    assert "a Descent Lab experiment whose contents fit together" in message
    assert "layer0.weight = (3, 3) is not allowed: weights of shape (8, 4)" in message


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="an existing .dlab file"):
        load_experiment(tmp_path / "nowhere.dlab")


def test_a_save_that_fails_leaves_the_old_file(tmp_path):
    path = tmp_path / "a.dlab"
    save_experiment(path, edited_trainer(RUNS["adam"]))
    before = path.read_bytes()
    (tmp_path / "a.dlab.partial").mkdir()              # the temporary file cannot be made
    with pytest.raises(ConfigError, match="a file that can be written"):
        save_experiment(path, edited_trainer(RUNS["sgd-momentum"]))
    assert path.read_bytes() == before


def test_view_settings_must_be_json_values(tmp_path):
    with pytest.raises(ConfigError, match="view = .* is not allowed: settings of JSON values"):
        save_experiment(tmp_path / "a.dlab", edited_trainer(RUNS["adam"]), view={"f": print})
    assert not (tmp_path / "a.dlab").exists()


def test_a_csv_experiment_opens_without_its_csv_file(tmp_path):
    csv_file = tmp_path / "points.csv"
    csv_file.write_text("x,y\n" + "".join(f"{i / 10},{0.3 * i / 10 + 1}\n" for i in range(40)))
    config = presets.load("miles-to-km").with_overrides(
        {"data.dataset": "csv", "data.csv_path": str(csv_file), "data.params": {}})
    trainer = Trainer(config)
    trainer.run(50)
    save_experiment(tmp_path / "csv.dlab", trainer)
    csv_file.unlink()
    reopened = load_experiment(tmp_path / "csv.dlab").trainer
    assert reopened.dataset.name == "csv" and len(reopened.dataset.x_train) == \
        len(trainer.dataset.x_train)
    trainer.run(50)
    reopened.run(50)
    assert_same_run(trainer, reopened)


def test_a_taken_state_is_a_copy_written_later_as_it_was_taken(tmp_path):
    """A training thread takes the state at step 200 and trains on; the file holds step 200."""
    trainer = edited_trainer(RUNS["sgd-momentum"])
    taken = ExperimentState.of(trainer)
    twin = edited_trainer(RUNS["sgd-momentum"])
    trainer.run(100)
    write_experiment(tmp_path / "a.dlab", taken)
    reopened = load_experiment(tmp_path / "a.dlab").trainer
    assert reopened.step_count == 200 and len(reopened.history) == 200
    assert_same_run(twin, reopened)


def test_a_plain_npy_or_wrong_kinds_of_numbers_are_one_message(tmp_path):
    path = tmp_path / "a.dlab"
    save_experiment(path, edited_trainer(RUNS["adam"]))
    with zipfile.ZipFile(path) as z:
        header = json.loads(z.read("experiment.json"))
    original = path.read_bytes()
    buffer = io.BytesIO()
    np.save(buffer, np.arange(3))
    _rewrite(path, "history.npz", buffer.getvalue())
    assert "an experiment whose history.npz is an NPZ archive" in _refusal(path)
    path.write_bytes(original)
    header["trainer"]["step_count"] = "200"
    _rewrite(path, "experiment.json", json.dumps(header).encode())
    assert "step counts = ['200', 2000, 0] is not allowed: whole numbers ≥ 0" in _refusal(path)
    header["trainer"] = []
    _rewrite(path, "experiment.json", json.dumps(header).encode())
    assert "every entry a saved experiment has, each of its kind" in _refusal(path)


def test_a_float32_experiment_reopens_as_float32(tmp_path):
    trainer = edited_trainer(RUNS["adam float32"])
    save_experiment(tmp_path / "f32.dlab", trainer)
    with zipfile.ZipFile(tmp_path / "f32.dlab") as z:
        assert json.loads(z.read("experiment.json"))["config"]["model"]["dtype"] == "float32"
        with np.load(io.BytesIO(z.read("weights.npz"))) as npz:
            assert {npz[k].dtype for k in npz.files} == {np.dtype(np.float32)}
    reopened = load_experiment(tmp_path / "f32.dlab").trainer
    assert reopened.config.model.dtype == "float32"
    assert reopened.network.dtype == np.float32
    assert reopened.optimizer.state[0]["v"].dtype == np.float32
