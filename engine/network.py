"""Network: a stack of Dense layers, its weight initialisations and its output head."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from engine.errors import ConfigError
from engine.layers import Dense, sigmoid, softmax
from engine.parameter import Parameter, pack, unpack

DTYPES = ("float64", "float32")      # what a network can compute in; float64 is the default

HEADS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "identity": lambda z: z,
    "sigmoid": sigmoid,
    "softmax": softmax,
}


def _normal(rng, n_in, n_out, sigma):
    return rng.normal(0.0, sigma, (n_out, n_in))


def _uniform(rng, n_in, n_out, sigma):
    return rng.uniform(-sigma, sigma, (n_out, n_in))


def _xavier(rng, n_in, n_out, sigma):
    bound = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-bound, bound, (n_out, n_in))


def _he(rng, n_in, n_out, sigma):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), (n_out, n_in))


def _zeros(rng, n_in, n_out, sigma):
    return np.zeros((n_out, n_in))


# name -> (title, one-line help, w = init(rng, n_in, n_out, sigma)); biases always start at 0.
INITS: dict[str, tuple[str, str, Callable]] = {
    "normal": ("Normal N(0, σ²)", "weights drawn from N(0, σ²), as on the lecture's slide",
               _normal),
    "uniform": ("Uniform U(−σ, σ)", "weights drawn uniformly from [−σ, σ]",
                _uniform),
    "xavier": ("Xavier (Glorot)", "uniform ±√(6/(n_in + n_out)): keeps tanh layers' variance",
               _xavier),
    "he": ("He (Kaiming)", "normal with variance 2/n_in: keeps ReLU layers' variance", _he),
    "zeros": ("Zeros", "every weight 0: all neurons of a layer stay identical (symmetry)",
              _zeros),
}


class Network:
    """Dense layers; the last outputs logits z, and the head turns them into ŷ.

    Every weight and bias lives in one packed Parameter, `flat` (each layer's weight then
    bias, layer by layer), that the layers' own Parameters are views of: the trainer's
    optimizer updates `flat`, and `layer_ranges` says which elements belong to which layer.
    """

    def __init__(self, layers: list[Dense], head: str = "identity"):
        self.layers = layers
        self.head = head
        self._params = [p for layer in layers for p in layer.parameters()]
        self.flat = pack(self._params)
        self.layer_ranges = _ranges([sum(p.value.size for p in layer.parameters())
                                     for layer in layers])

    @classmethod
    def build(cls, sizes, activation="tanh", head="identity", init="xavier", sigma=0.1,
              bias=True, seed=0, dtype="float64") -> Network:
        """sizes = [n_in, hidden..., n_out]; hidden layers use `activation`, the last identity.
        The weights are drawn in float64 (the same numbers whatever the dtype) and then
        rounded to `dtype`."""
        rng = np.random.default_rng(seed)
        make_w = INITS[init][2]
        layers = []
        for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            last = k == len(sizes) - 2
            b = np.zeros(n_out) if bias else None
            layers.append(Dense(make_w(rng, n_in, n_out, sigma), b,
                                "identity" if last else activation, f"layer{k}", dtype))
        return cls(layers, head)

    @classmethod
    def from_config(cls, model, n_in: int, n_out: int, head: str, seed: int) -> Network:
        """Build from a ModelConfig (hidden widths, activation, init, sigma, bias, dtype)."""
        sizes = [n_in, *model.hidden, n_out]
        return cls.build(sizes, model.activation, head, model.init, model.init_sigma,
                         model.bias, seed, model.dtype)

    @property
    def dtype(self) -> np.dtype:
        """What the network computes in: float64, or float32 when the model asks for it."""
        return self.flat.value.dtype

    @property
    def sizes(self) -> list[int]:
        return [self.layers[0].n_in] + [layer.n_out for layer in self.layers]

    def parameters(self) -> list[Parameter]:
        return self._params

    def forward(self, x: np.ndarray) -> np.ndarray:
        """The logits z of the last layer (before the head); x is taken in the network's dtype."""
        x = np.asarray(x, self.dtype)
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def predict(self, x: np.ndarray) -> np.ndarray:
        """ŷ = head(z): what the loss panel calls the prediction."""
        return HEADS[self.head](self.forward(x))

    def backward(self, grad_z: np.ndarray) -> None:
        """Back-propagate dJ/dz of the logits through every layer; fills each .grad (the
        gradient with respect to the inputs is not formed: nothing needs it)."""
        for k in range(len(self.layers) - 1, -1, -1):
            grad_z = self.layers[k].backward(grad_z, grad_x=k > 0)

    def neuron_outputs(self, x: np.ndarray) -> list[np.ndarray]:
        """Each layer's activations for x (the last through the head), for neuron heatmaps."""
        outputs = []
        x = np.asarray(x, self.dtype)
        for layer in self.layers:
            x = layer.forward(x)
            outputs.append(x)
        outputs[-1] = HEADS[self.head](x)
        return outputs

    def unpack(self, flat: np.ndarray) -> list[np.ndarray]:
        """An array laid out like `flat` (every parameter's elements in order) as one view per
        parameter, in its shape."""
        return unpack(flat, self._params)

    def pack(self, arrays: list[np.ndarray]) -> np.ndarray:
        """`unpack`'s inverse: one array per parameter -> a flat array in the network's dtype."""
        return np.concatenate([np.ravel(a) for a in arrays]).astype(self.dtype, copy=False)

    def state_dict(self) -> dict[str, np.ndarray]:
        """A copy of every parameter, by name (layer0.weight, layer0.bias, ...)."""
        return {p.name: p.value.copy() for p in self._params}

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        """Copy values in place; ConfigError (nothing copied) unless every parameter is there
        with its shape."""
        for p in self._params:
            if p.name not in state or np.shape(state[p.name]) != p.value.shape:
                raise ConfigError(p.name, np.shape(state[p.name]) if p.name in state else
                                  "missing", f"weights of shape {p.value.shape}")
        for p in self._params:
            p.value[...] = state[p.name]

    def copy(self, dtype=None) -> Network:
        """An independent network with the same structure and weights, in `dtype` (the same
        dtype unless given: the chain-rule explanation works in float64)."""
        dtype = self.dtype if dtype is None else dtype
        layers = [Dense(layer.w.value, None if layer.b is None else layer.b.value,
                        layer.activation.name, layer.name, dtype) for layer in self.layers]
        return Network(layers, self.head)


def _ranges(sizes: list[int]) -> list[tuple[int, int]]:
    """[a, b) ranges of consecutive blocks of these sizes."""
    ends = np.cumsum(sizes).tolist()
    return list(zip([0, *ends[:-1]], ends))
