"""RunConfig: one clear message per bad value, JSON round trip, dotted overrides."""
import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine import datasets, losses, optimizers, schedules
from engine.config import RunConfig, parse_override
from engine.errors import ConfigError
from engine.model_specs import MAX_DEPTH, MAX_WIDTH, MODEL_PARAMS

BAD = [  # (override, expected message)
    ({"optimizer.lr": -1.0}, "optimizer.lr = -1.0 is not allowed: a number in (0, 100]"),
    ({"optimizer.lr": float("nan")}, "optimizer.lr = nan is not allowed"),
    ({"optimizer.lr": float("inf")}, "optimizer.lr = inf is not allowed"),
    ({"optimizer.lr": 0}, "optimizer.lr = 0 is not allowed: a number in (0, 100]"),
    ({"training.batch_size": 0}, 'training.batch_size = 0 is not allowed: a whole number ≥ 1, or "all"'),
    ({"training.batch_size": -5}, "training.batch_size = -5 is not allowed"),
    ({"training.batch_size": "some"}, "training.batch_size = 'some' is not allowed"),
    ({"model.hidden": [8, 0]}, "model.hidden = [8, 0] is not allowed: a list of at most 8 widths, each from 1 to 256"),
    ({"model.hidden": [100000]}, "model.hidden = [100000] is not allowed"),
    ({"model.hidden": [8] * 9}, "is not allowed: a list of at most 8 widths"),
    ({"model.activation": "swish2"}, "model.activation = 'swish2' is not allowed: one of: identity, relu"),
    ({"model.init": "orthogonal"}, "model.init = 'orthogonal' is not allowed: one of: normal"),
    ({"model.reg_rate": -0.1}, "model.reg_rate = -0.1 is not allowed: a number in [0, 10]"),
    ({"model.regularization": "l3"}, "model.regularization = 'l3' is not allowed: one of: none, l1, l2"),
    ({"model.dtype": "float16"}, "model.dtype = 'float16' is not allowed: one of: float64, float32"),
    ({"loss.name": "mse"}, "loss.name = 'mse' is not allowed: Mean squared error (L2) is for regression"),
    ({"loss.name": "cosine"}, "loss.name = 'cosine' is not allowed: one of: mbe, mae"),
    ({"optimizer.name": "lion"}, "optimizer.name = 'lion' is not allowed: one of: sgd, adagrad"),
    ({"optimizer.betas": [0.9, 1.0]}, "optimizer.betas = [0.9, 1.0] is not allowed"),
    ({"optimizer.momentum": 0.9}, "optimizer.momentum = 0.9 is not allowed: unknown name"),
    ({"optimizer.name": "sgd", "optimizer.nesterov": True},
     "optimizer.nesterov = True is not allowed: needs momentum > 0 and dampening = 0"),
    ({"schedule.name": "warm"}, "schedule.name = 'warm' is not allowed: one of: constant"),
    ({"schedule.name": "step", "schedule.gamma": 2.0}, "schedule.gamma = 2.0 is not allowed"),
    ({"schedule.warmup_steps": -1}, "schedule.warmup_steps = -1 is not allowed"),
    ({"data.dataset": "mnist"}, "data.dataset = 'mnist' is not allowed: one of: circle"),
    ({"data.n_samples": 1}, "data.n_samples = 1 is not allowed"),
    ({"data.noise": -1.0}, "data.noise = -1.0 is not allowed"),
    ({"data.train_fraction": 0.0}, "data.train_fraction = 0.0 is not allowed"),
    ({"data.features": ["x3"]}, "data.features = 'x3' is not allowed: one of: x1, x2"),
    ({"data.dataset": "csv"}, "data.csv_path = None is not allowed: the path of a CSV file"),
    ({"training.eval_every": 0}, "training.eval_every = 0 is not allowed"),
    ({"optimizer.colour": 1}, "optimizer.colour = 1 is not allowed: unknown name"),
    ({"model.depth": 3}, "model.depth = 3 is not allowed: unknown field; one of: hidden"),
    ({"network.hidden": [3]}, "network.hidden = [3] is not allowed: SECTION.FIELD"),
]


@pytest.mark.parametrize(("override", "message"), BAD, ids=[str(b[0]) for b in BAD])
def test_bad_values_raise_one_clear_message(override, message):
    with pytest.raises(ConfigError) as info:
        RunConfig().with_overrides(override)
    assert message in str(info.value)


def test_defaults_match_the_issue():
    c = RunConfig().validate()
    assert (c.data.dataset, c.model.hidden, c.model.activation, c.loss.name,
            c.optimizer.name) == ("spiral", (8, 8), "tanh", "bce", "adam")


def test_json_round_trip_keeps_every_field_and_the_version():
    c = RunConfig().with_overrides({"optimizer.name": "momentum", "optimizer.lr": 0.05,
                                    "optimizer.dampening": 0.1, "model.hidden": [4, 3],
                                    "schedule.name": "cosine", "schedule.T_max": 50,
                                    "training.batch_size": "all"})
    d = json.loads(c.to_json())
    assert d["version"] == 1 and d["optimizer"]["params"] == {"dampening": 0.1}
    assert RunConfig.from_json(c.to_json()) == c


def test_json_errors_name_the_problem():
    with pytest.raises(ConfigError, match="config = 'line 1' is not allowed: valid JSON"):
        RunConfig.from_json("{not json")
    with pytest.raises(ConfigError, match="version = 7 is not allowed: version 1"):
        RunConfig.from_dict({"version": 7})
    with pytest.raises(ConfigError, match="optimiser = .* is not allowed: a section"):
        RunConfig.from_dict({"optimiser": {}})


def test_parse_override_reads_literals_without_eval():
    assert parse_override("optimizer.lr=0.1") == ("optimizer.lr", 0.1)
    assert parse_override("model.hidden=[8, 8]") == ("model.hidden", [8, 8])
    assert parse_override("optimizer.betas=(0.9,0.99)") == ("optimizer.betas", (0.9, 0.99))
    assert parse_override("model.bias=false") == ("model.bias", False)
    assert parse_override("optimizer.name=adam") == ("optimizer.name", "adam")
    assert parse_override("loss.name=__import__('os')") == ("loss.name", "__import__('os')")
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_override("optimizer.lr")


def test_menu_variants_are_accepted_as_optimizer_names():
    c = RunConfig().with_overrides({"optimizer.name": "nesterov"})
    assert c.optimizer.name == "nesterov"


def test_loss_for_task_keeps_a_fitting_loss_and_replaces_one_that_does_not():
    from engine.config import loss_for_task
    assert loss_for_task("regression", "huber") == "huber"
    assert loss_for_task("regression", "bce") == "mse"
    assert loss_for_task("binary", "mse") == "bce"
    assert loss_for_task("multiclass", "hinge") == "ce"
    assert loss_for_task("multiclass", "kl") == "kl"


REGRESSION = {"data": {"dataset": "sine", "features": ["x1"]}}


def test_loss_params_round_trip_through_json_and_reach_the_trainer():
    from engine.trainer import Trainer
    config = RunConfig.from_dict({**REGRESSION, "loss": {"name": "huber",
                                                         "params": {"delta": 0.25}}})
    assert config.loss.params == {"delta": 0.25}
    assert json.loads(config.to_json())["loss"] == {"name": "huber", "params": {"delta": 0.25}}
    assert RunConfig.from_json(config.to_json()) == config
    assert Trainer(config).loss.hyper == {"delta": 0.25}


@pytest.mark.parametrize(("old", "params"), [
    ({"name": "huber", "delta": 0.5}, {"delta": 0.5}),   # a file written before params
    ({"name": "mse", "delta": 1.0}, {}),                 # old files wrote delta for every loss
])
def test_an_old_loss_section_with_delta_still_loads_and_is_written_with_params(old, params):
    config = RunConfig.from_json(json.dumps({**REGRESSION, "loss": old}))
    assert config.loss.params == params
    written = json.loads(config.to_json())["loss"]
    assert written == {"name": old["name"], "params": params} and "delta" not in written


def test_loss_params_are_validated_by_the_losss_own_specs():
    with pytest.raises(ConfigError) as info:
        RunConfig.from_dict({**REGRESSION, "loss": {"name": "huber", "params": {"delta": -1}}})
    assert str(info.value) == ("loss.delta = -1 is not allowed: a number in (0, 1e+06]")
    with pytest.raises(ConfigError) as info:
        RunConfig.from_dict({**REGRESSION, "loss": {"name": "mse", "params": {"delta": 2.0}}})
    assert str(info.value) == "loss.delta = 2.0 is not allowed: unknown name; no parameters"


def test_set_loss_parameter_and_a_new_loss_keeps_only_the_parameters_it_has():
    huber = RunConfig.from_dict({**REGRESSION, "loss": {"name": "mse"}}).with_overrides(
        {"loss.name": "huber", "loss.delta": 0.5})
    assert huber.loss.params == {"delta": 0.5}
    assert huber.with_overrides({"loss.name": "huber"}).loss.params == {"delta": 0.5}
    assert huber.with_overrides({"loss.name": "mse"}).loss.params == {}


@pytest.mark.parametrize(("override", "message"), [
    ({"optimizer.name": [1]}, "optimizer.name = [1] is not allowed: one of: sgd"),
    ({"model.activation": [1]}, "model.activation = [1] is not allowed: one of: identity"),
    ({"loss.name": {"x": 1}}, "loss.name = {'x': 1} is not allowed: one of: mbe"),
    ({"data.features": ["x1", ["x2"]]}, "data.features = ['x2'] is not allowed"),
    ({"data.n_samples": float("inf")}, "data.n_samples = inf is not allowed"),
    ({"data.seed": float("nan")}, "data.seed = nan is not allowed"),
    ({"data.noise": 1e308}, "data.noise = 1e+308 is not allowed"),
])
def test_odd_types_and_non_finite_numbers_get_a_message_not_a_traceback(override, message):
    with pytest.raises(ConfigError) as info:
        RunConfig().with_overrides(override)
    assert message in str(info.value)


def test_deeply_nested_json_is_refused_with_a_message():
    with pytest.raises(ConfigError, match="nested less deeply"):
        RunConfig.from_json("[" * 100000 + "]" * 100000)


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_version_must_be_the_whole_number_1_not_true_or_a_float(version):
    with pytest.raises(ConfigError, match=r"version = .* is not allowed: version 1"):
        RunConfig.from_dict({"version": version})


def test_old_json_with_data_n_classes_loads_into_params():
    old = {"data": {"dataset": "blobs", "n_classes": 4}, "loss": {"name": "ce"}}
    config = RunConfig.from_dict(old)
    assert config.data.params == {"n_classes": 4}
    assert json.loads(config.to_json())["data"]["params"] == {"n_classes": 4}
    spiral = RunConfig.from_dict({"data": {"dataset": "spiral", "n_classes": 3}})  # old default
    assert spiral.data.params == {}


def test_data_params_are_validated_by_the_data_sets_own_specs():
    blobs = {"data.dataset": "blobs", "loss.name": "ce"}
    with pytest.raises(ConfigError, match=r"data\.n_classes = 7 is not allowed: a whole number "
                                          r"in \[3, 5\]"):
        RunConfig().with_overrides({**blobs, "data.n_classes": 7})
    with pytest.raises(ConfigError, match=r"data\.n_classes = 4 is not allowed: unknown name; "
                                          r"no parameters"):
        RunConfig().with_overrides({"data.params": {"n_classes": 4}})    # spiral takes none


def test_dotted_data_n_classes_keeps_working_and_another_data_set_drops_it():
    blobs = RunConfig().with_overrides({"data.dataset": "blobs", "data.n_classes": 4,
                                        "loss.name": "ce"})
    assert blobs.data.params == {"n_classes": 4}
    spiral = blobs.with_overrides({"data.dataset": "spiral", "loss.name": "bce"})
    assert spiral.data.params == {}


# ---- property: any valid RunConfig round-trips through JSON -------------------------------

def _value(spec):
    """A hypothesis strategy for values a HyperParam allows."""
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "int":
        return st.integers(int(spec.low), int(min(spec.high or 10**6, 10**6)))
    number = st.floats(spec.low if spec.low is not None else -1e6,
                       spec.high if spec.high is not None else 1e6,
                       exclude_min=spec.low_open, exclude_max=spec.high_open,
                       allow_nan=False, allow_infinity=False)
    return st.tuples(number, number) if spec.kind == "pair" else number


def _some_of(specs):
    """A dict of values for any subset of specs."""
    return st.fixed_dictionaries({}, optional={s.name: _value(s) for s in specs})


@st.composite
def run_configs(draw):
    name = draw(st.sampled_from(list(datasets.GENERATORS)))
    spec = datasets.GENERATORS[name]
    usable = [f for f, s in datasets.FEATURES.items() if spec.input_dim > 1 or not s.needs_x2]
    data = {"dataset": name, "n_samples": draw(st.integers(2, 100_000)),
            "noise": draw(_value(spec.noise_param())),
            "train_fraction": draw(st.floats(0.0, 1.0, exclude_min=True)),
            "seed": draw(st.integers(0, 2**40)),
            "features": draw(st.lists(st.sampled_from(usable), min_size=1, unique=True)),
            "params": draw(_some_of(spec.specs))}
    model = {"hidden": draw(st.lists(st.integers(1, MAX_WIDTH), max_size=MAX_DEPTH)),
             **draw(st.fixed_dictionaries({s.name: _value(s) for s in MODEL_PARAMS}))}
    loss = draw(st.sampled_from([n for n, c in losses.REGISTRY.items()
                                 if c.fits_task(spec.task)]))
    opt = draw(st.sampled_from(list(optimizers.REGISTRY)))
    opt_specs = optimizers.REGISTRY[opt].specs
    schedule = draw(st.sampled_from(list(schedules.REGISTRY)))
    d = {"data": data, "model": model, "loss": {"name": loss},
         "optimizer": {"name": opt, "lr": draw(_value(opt_specs[0])),
                       "params": draw(_some_of([s for s in opt_specs if s.name != "lr"]))},
         "schedule": {"name": schedule, "warmup_steps": draw(st.integers(0, 10**6)),
                      "params": draw(_some_of(schedules.REGISTRY[schedule].specs))},
         "training": {"batch_size": draw(st.one_of(st.just("all"), st.integers(1, 10**5))),
                      "seed": draw(st.integers(0, 2**40)),
                      "eval_every": draw(st.integers(1, 10**4))}}
    try:
        return RunConfig.from_dict(d)
    except ConfigError:          # a cross-parameter rule, e.g. nesterov needs momentum > 0
        assume(False)


@settings(max_examples=150, deadline=None)
@given(run_configs())
def test_any_valid_run_config_round_trips_through_json(config):
    text = config.to_json()
    again = RunConfig.from_json(text)
    assert again.to_json() == text
    assert again.data == config.data and again.model == config.model
    assert again.loss == config.loss and again.training == config.training
    assert again.optimizer.name == config.optimizer.name
    assert again.optimizer.lr == config.optimizer.lr


def test_model_dtype_is_float64_by_default_and_in_files_without_it():
    assert RunConfig().model.dtype == "float64"
    d = RunConfig().to_dict()
    del d["model"]["dtype"]                          # a file written before the field
    assert RunConfig.from_dict(d).model.dtype == "float64"
    key, value = parse_override("model.dtype=float32")
    config = RunConfig().with_overrides({key: value})
    assert config.model.dtype == "float32"
    assert RunConfig.from_json(config.to_json()).model.dtype == "float32"
