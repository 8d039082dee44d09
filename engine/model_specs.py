"""ModelConfig and its specs: hidden widths, activation, initialisation, bias, regularisation
and the floating-point type the network computes in.

The Model panel is generated from MODEL_PARAMS and HIDDEN_WIDTH, and `validate_model` checks
a ModelConfig against the same specs, so the panel and the engine allow the same values.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine.errors import ConfigError
from engine.hyper import HyperParam
from engine.layers import ACTIVATIONS
from engine.network import DTYPES, INITS

MAX_WIDTH = 256          # neurons in one hidden layer
MAX_DEPTH = 8            # hidden layers
REGULARIZATIONS = {"none": "None", "l1": "L1 (λ Σ|w|)", "l2": "L2 (λ/2 Σw²)"}  # on w, not b
DTYPE_TITLES = {"float64": "float64 (default)", "float32": "float32 (faster)"}


@dataclass(frozen=True)
class ModelConfig:
    """Hidden layers, activation, initialisation, bias, regularisation and dtype."""

    hidden: tuple[int, ...] = (8, 8)    # widths of the hidden layers, input side first
    activation: str = "tanh"            # a key of engine.layers.ACTIVATIONS
    init: str = "xavier"                # a key of engine.network.INITS
    init_sigma: float = 0.1             # σ of the normal and uniform initialisations
    bias: bool = True                   # every neuron has a bias b
    regularization: str = "none"        # a key of REGULARIZATIONS (on weights, not biases)
    reg_rate: float = 0.0               # λ
    dtype: str = "float64"              # a key of DTYPE_TITLES: weights, data and optimizer state


HIDDEN_WIDTH = HyperParam("width", 8, "int", 1, MAX_WIDTH, help="neurons in this hidden layer")

MODEL_PARAMS = (         # every ModelConfig field but hidden, in the panel's order
    HyperParam("activation", ModelConfig.activation, "choice", choices=tuple(ACTIVATIONS),
               titles=tuple(a.title for a in ACTIVATIONS.values()),
               help="f(z) of every hidden neuron"),
    HyperParam("init", ModelConfig.init, "choice", choices=tuple(INITS),
               titles=tuple(title for title, _, _ in INITS.values()),
               help="how the weights w start; biases b start at 0"),
    HyperParam("init_sigma", ModelConfig.init_sigma, "float", 0.0, 100.0, log=True,
               low_open=True, help="σ of the normal and uniform initialisations"),
    HyperParam("bias", ModelConfig.bias, "bool", help="neurons have a bias b"),
    HyperParam("regularization", ModelConfig.regularization, "choice",
               choices=tuple(REGULARIZATIONS), titles=tuple(REGULARIZATIONS.values()),
               help="a penalty on the weights w added to the loss"),
    HyperParam("reg_rate", ModelConfig.reg_rate, "float", 0.0, 10.0,
               help="λ, the strength of the penalty"),
    HyperParam("dtype", ModelConfig.dtype, "choice", choices=DTYPES,
               titles=tuple(DTYPE_TITLES[d] for d in DTYPES),
               help="the number type of weights, data and optimizer state: float32 is faster, "
                    "float64 gives PyTorch's float64 digits"),
)
HIDDEN_RULE = f"a list of at most {MAX_DEPTH} widths, each from 1 to {MAX_WIDTH}"


def validate_model(c: ModelConfig) -> None:
    """Raise ConfigError for the first field of `c` its spec does not allow."""
    ok = isinstance(c.hidden, tuple) and len(c.hidden) <= MAX_DEPTH and all(
        _whole(w) and HIDDEN_WIDTH.low <= w <= HIDDEN_WIDTH.high for w in c.hidden)
    if not ok:
        shown = list(c.hidden) if isinstance(c.hidden, tuple) else c.hidden
        raise ConfigError("model.hidden", shown, HIDDEN_RULE)
    for spec in MODEL_PARAMS:
        spec.validate(getattr(c, spec.name), f"model.{spec.name}")


def _whole(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)
