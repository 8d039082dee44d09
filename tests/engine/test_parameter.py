"""Parameter, pack() and the optimizer state of a packed parameter, to and from its parts."""
import numpy as np
import pytest

from engine import optimizers
from engine.errors import ConfigError
from engine.parameter import Parameter, pack, packed_state, per_parameter_state, unpack


def _parts(dtype=np.float64):
    return [Parameter([[1.0, 2.0], [3.0, 4.0]], "w", dtype), Parameter([5.0], "b", dtype)]


def test_pack_makes_the_parts_views_in_order_and_keeps_their_grads():
    w, b = _parts()
    w.grad[...] = 0.5
    flat = pack([w, b], "all")
    assert flat.value.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0] and flat.name == "all"
    assert flat.grad.tolist() == [0.5] * 4 + [0.0]
    flat.value[4] = 9.0
    b.grad[0] = 7.0
    assert b.value.tolist() == [9.0] and flat.grad[4] == 7.0
    assert [a.tolist() for a in unpack(np.arange(5.0), [w, b])] == [[[0, 1], [2, 3]], [4]]


def test_parameter_takes_the_dtype_it_is_given():
    assert Parameter([1, 2]).value.dtype == np.float64
    p = Parameter([1.0, 2.0], "p", np.float32)
    assert p.value.dtype == p.grad.dtype == np.float32


@pytest.mark.parametrize("name", sorted(optimizers.REGISTRY))
def test_the_packed_state_is_the_state_of_separate_parameters(name):
    """Three steps of one optimizer on the packed parameter and of one on the parts: the
    per-parameter form of the packed state equals the parts' state, and it goes back."""
    parts, packed_parts = _parts(), _parts()
    flat = pack(packed_parts)
    separate = optimizers.create(name, parts, lr=0.1)
    joint = optimizers.create(name, [flat], lr=0.1)
    for t in range(1, 4):
        for p, q in zip(parts, packed_parts):
            p.grad[...] = q.grad[...] = np.cos(t * p.value)
        separate.step()
        joint.step()
    want, got = separate.state_dict(), per_parameter_state(joint.state_dict(), packed_parts)
    assert all(np.array_equal(p.value, q.value) for p, q in zip(parts, packed_parts))
    assert [sorted(s) for s in got["state"]] == [sorted(s) for s in want["state"]]
    for a, b in zip(got["state"], want["state"]):
        assert all(np.array_equal(a[k], b[k]) for k in a)
    assert all(np.array_equal(np.broadcast_to(f, p.value.shape), np.broadcast_to(g, p.value.shape))
               for f, g, p in zip(got["factors"], want["factors"], parts))
    back = packed_state(got, packed_parts)
    assert all(np.array_equal(back["state"][0][k], v) for k, v in joint.state_dict()["state"][0].items())


def test_packed_state_refuses_state_of_other_shapes_with_one_message():
    saved = {"t": 1, "hyper": {}, "state": [{"m": np.zeros(3)}, {"m": np.zeros(1)}],
             "factors": [0.1, 0.1]}
    with pytest.raises(ConfigError, match=r"optimizer state = 2 is not allowed: arrays shaped "
                                          r"like the 2 parameters"):
        packed_state(saved, _parts())
    assert packed_state({**saved, "state": [{"m": np.ones((2, 2))}, {"m": np.ones(1)}]},
                        _parts(np.float32))["state"][0]["m"].dtype == np.float32
