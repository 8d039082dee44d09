"""The PyTorch export: a runnable script whose losses equal the engine's, step for step."""
import ast
import dataclasses
import subprocess
import sys

import numpy as np
import pytest

from engine import losses, optimizers, presets, schedules
from engine.export_torch import export_script
from engine.hyper import TorchEquivalent
from engine.layers import ACTIVATIONS
from engine.trainer import Trainer
from main import main

VARIANTS = [  # (preset, overrides): every head, several optimizers, schedules, penalties
    ("default", {}),
    ("miles-to-km", {}),
    ("multiclass-cross-entropy", {}),
    ("default", {"optimizer.name": "nesterov", "optimizer.lr": 0.05, "schedule.name": "cosine",
                 "schedule.T_max": 30, "schedule.warmup_steps": 5,
                 "model.regularization": "l2", "model.reg_rate": 0.01}),
    ("regression-losses", {"loss.name": "huber", "optimizer.name": "rmsprop",
                           "model.activation": "gelu", "schedule.name": "cyclic",
                           "schedule.max_lr": 0.05, "schedule.step_size_up": 7}),
    ("binary-cross-entropy", {"loss.name": "hinge", "optimizer.name": "nadam",
                              "model.regularization": "l1", "model.reg_rate": 0.001}),
    ("multiclass-cross-entropy", {"loss.name": "kl", "optimizer.name": "radam",
                                  "training.batch_size": "all", "model.activation": "softplus"}),
    ("regression-losses", {"loss.name": "logcosh", "optimizer.name": "adagrad",
                           "schedule.name": "step", "schedule.step_size": 10}),
    ("regression-losses", {"loss.name": "mae", "optimizer.name": "adadelta",
                           "model.activation": "elu"}),
    ("miles-to-km", {"loss.name": "rmse", "optimizer.name": "adamw"}),
    ("miles-to-km", {"optimizer.lr": 0.005, "schedule.name": "step", "schedule.step_size": 3,
                     "schedule.gamma": 0.5, "schedule.warmup_steps": 1}),
    ("miles-to-km", {"optimizer.lr": 0.005, "schedule.name": "exponential",
                     "schedule.gamma": 0.9, "schedule.warmup_steps": 4}),
    ("default", {"model.dtype": "float32"}),                       # float32: sigmoid + BCE
    ("multiclass-cross-entropy", {"model.dtype": "float32", "optimizer.name": "adamw"}),
    ("miles-to-km", {"model.dtype": "float32", "optimizer.name": "rmsprop"}),
]


def _config(preset, overrides):
    config = presets.load(preset)
    return config.with_overrides(overrides) if overrides else config


@pytest.mark.parametrize(("preset", "overrides"), VARIANTS[:3])
def test_script_is_valid_python_naming_torch_classes(preset, overrides):
    script = export_script(_config(preset, overrides), steps=10)
    ast.parse(script)
    assert "DTYPE = torch.float64" in script and "torch.set_default_dtype(torch.float64)" in script
    assert "torch.optim." in script and "lr_scheduler." in script


def test_a_float32_run_exports_float32_tensors_and_model():
    config = presets.load("miles-to-km").with_overrides({"model.dtype": "float32"})
    script = export_script(config, steps=3)
    ast.parse(script)
    assert "DTYPE = torch.float32    # what Descent Lab computed this run in (model.dtype)" \
        in script and "torch.set_default_dtype(torch.float32)" in script
    assert "float64" not in script and ").to(DTYPE)" in script
    trainer = Trainer(config)
    assert script.count("dtype=DTYPE)") == 2 + len(trainer.network.parameters()) == 3  # X, Y, w
    w0 = trainer.network.layers[0].w.value[0, 0]
    assert w0.dtype == np.float32 and f"[[{float(w0)!r}]]), dtype=DTYPE)" in script


def test_script_embeds_the_initial_weights_exactly():
    config = presets.load("miles-to-km")
    w0 = Trainer(config).network.layers[0].w.value[0, 0]
    assert repr(float(w0)) in export_script(config, 5)


@pytest.fixture(scope="module")
def torch_losses(tmp_path_factory):
    """Every variant's exported script, run by PyTorch in one process (one torch import)."""
    pytest.importorskip("torch")
    folder = tmp_path_factory.mktemp("export")
    paths = []
    for k, (preset, overrides) in enumerate(VARIANTS):
        path = folder / f"run{k}.py"
        path.write_text(export_script(_config(preset, overrides), STEPS))
        paths.append(str(path))
    driver = ("import runpy, sys\n"
              "for p in sys.argv[1:]:\n"
              "    sys.argv = [p]\n"
              "    print('#', p)\n"
              "    runpy.run_path(p, run_name='__main__')\n")
    out = subprocess.run([sys.executable, "-c", driver, *paths], capture_output=True,
                         text=True, check=True).stdout
    blocks = out.split("#")[1:]
    return [np.array([float(v) for v in block.split()[2::2]]) for block in blocks]


STEPS = 40


@pytest.mark.parametrize("k", range(len(VARIANTS)),
                         ids=[f"{p}-{o.get('optimizer.name', '')}" for p, o in VARIANTS])
def test_pytorch_reproduces_the_engine_losses(k, torch_losses):
    """PyTorch running the exported script: 40 batch losses equal ours to 1e-9 (float64
    runs), to float32's rounding for float32 runs."""
    trainer = Trainer(_config(*VARIANTS[k]))
    ours = np.array([trainer.step().loss for _ in range(STEPS)])
    assert len(torch_losses[k]) == STEPS
    f32 = trainer.network.dtype == np.float32
    np.testing.assert_allclose(torch_losses[k], ours, rtol=2e-5 if f32 else 1e-9,
                               atol=1e-6 if f32 else 1e-12)


def test_cli_writes_the_script(tmp_path, capsys):
    path = tmp_path / "exp.py"
    assert main(["--export-torch", str(path), "--preset", "miles-to-km", "--steps", "7"]) == 0
    assert path.read_text().count("def main(steps=7)") == 1
    assert "trains 7 steps in PyTorch" in capsys.readouterr().out
    assert main(["--export-torch", "/no/dir/x.py"]) == 2


NOT_EXPORTABLE = TorchEquivalent(None, "PyTorch has no such thing")


@pytest.mark.parametrize(("registry", "name", "setting", "field"), [
    (optimizers.REGISTRY, "rmsprop", "optimizer.name=rmsprop", "optimizer.name"),
    (losses.REGISTRY, "mse", "loss.name=mse", "loss.name"),
    (schedules.REGISTRY, "step", "schedule.name=step", "schedule.name"),
])
def test_an_entry_without_a_torch_counterpart_gives_one_clear_message(
        registry, name, setting, field, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(registry[name], "torch", NOT_EXPORTABLE)
    path = tmp_path / "exp.py"
    code = main(["--export-torch", str(path), "--preset", "miles-to-km", "--set", setting])
    assert code == 2 and not path.exists()
    err = capsys.readouterr().err
    assert err == (f"descent-lab: {field} = {name!r} is not allowed: "
                   "not exportable: PyTorch has no such thing\n")


def test_an_activation_without_a_torch_counterpart_gives_one_clear_message(
        monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(ACTIVATIONS, "tanh", dataclasses.replace(ACTIVATIONS["tanh"],
                                                                torch=NOT_EXPORTABLE))
    path = tmp_path / "exp.py"
    assert main(["--export-torch", str(path), "--preset", "default",
                 "--set", "model.activation=tanh"]) == 2 and not path.exists()
    assert capsys.readouterr().err == ("descent-lab: model.activation = 'tanh' is not allowed: "
                                       "not exportable: PyTorch has no such thing\n")
