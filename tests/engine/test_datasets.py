"""Tests for engine.datasets and engine.csv_loader: seeded generators, features, CSV, editing."""
from types import SimpleNamespace

import numpy as np
import pytest

from engine.datasets import (
    FEATURES,
    GENERATORS,
    add_point,
    expand_features,
    load_csv,
    make_dataset,
    remove_nearest,
)
from engine.errors import ConfigError, DatasetError

ONE_D = [name for name, spec in GENERATORS.items() if spec.input_dim == 1]
TWO_D = [name for name, spec in GENERATORS.items() if spec.input_dim == 2]


def cfg(**kw):
    """A DataConfig stand-in with the contract's defaults."""
    base = dict(dataset="spiral", n_samples=200, noise=0.0, train_fraction=0.5, seed=0,
                features=("x1", "x2"), params={}, csv_path=None, target_column=None,
                csv_task="auto")
    if kw.get("dataset") in ONE_D and "features" not in kw:
        base["features"] = ("x1",)
    base.update(kw)
    return SimpleNamespace(**base)


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


# ---- generators ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(GENERATORS))
def test_every_generator_entry_carries_title_axes_and_parameter_specs(name):
    spec = GENERATORS[name]
    assert spec.name == name and spec.title and spec.description
    assert len(spec.axes) == 2 and all(isinstance(a, str) and a for a in spec.axes)
    ds = make_dataset(cfg(dataset=name))
    assert ds.axes == spec.axes and ds.name == name and ds.task == spec.task
    for p in spec.specs:                      # each default validates, and a wrong name fails
        assert p.validate(p.default, f"data.{p.name}") == p.default
    with pytest.raises(ConfigError, match=r"data\.nope = 1 is not allowed: unknown name"):
        make_dataset(cfg(dataset=name, params={"nope": 1}))


def test_blobs_takes_n_classes_and_the_axes_name_the_lessons_units():
    assert [p.name for p in GENERATORS["blobs"].specs] == ["n_classes"]
    assert GENERATORS["miles-to-km"].axes == ("miles", "km")
    assert GENERATORS["spiral"].axes == ("x₁", "x₂")


@pytest.mark.parametrize("name", list(GENERATORS))
def test_same_seed_same_arrays_other_seed_other_arrays(name):
    a, b = make_dataset(cfg(dataset=name, noise=0.1)), make_dataset(cfg(dataset=name, noise=0.1))
    c = make_dataset(cfg(dataset=name, noise=0.1, seed=1))
    for field in ("x_train", "y_train", "x_test", "y_test", "raw_train", "raw_test"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    assert not np.array_equal(a.raw_train, c.raw_train)


@pytest.mark.parametrize("name", list(GENERATORS))
def test_shapes_and_labels_per_generator(name):
    spec = GENERATORS[name]
    ds = make_dataset(cfg(dataset=name, n_samples=200, noise=0.2))
    k = 3 if spec.task == "multiclass" else 1
    assert ds.task == spec.task and ds.name == name
    assert ds.raw_train.shape == ds.raw_test.shape == (100, spec.input_dim)
    assert ds.y_train.shape == (100, k) and ds.y_test.shape == (100, k)
    assert ds.x_train.dtype == np.float64 and ds.y_train.dtype == np.float64
    if spec.task == "binary":
        assert set(np.unique(np.concatenate([ds.y_train, ds.y_test]))) == {0.0, 1.0}
        assert set(ds.labels_train) == {0, 1}
    elif spec.task == "multiclass":
        assert np.all(ds.y_train.sum(axis=1) == 1.0)
    else:
        assert ds.labels_train is None and ds.labels_test is None


@pytest.mark.parametrize("name", ["circle", "gauss", "spiral", "moons"])
def test_binary_shapes_are_balanced(name):
    ds = make_dataset(cfg(dataset=name, n_samples=200, train_fraction=1.0))
    assert ds.y_train.sum() == 100.0


@pytest.mark.parametrize("name", TWO_D)
def test_noiseless_2d_points_fit_the_playground_box(name):
    ds = make_dataset(cfg(dataset=name, n_samples=500, train_fraction=1.0))
    assert ds.view_box == ((-6.0, 6.0), (-6.0, 6.0))
    if name not in ("gauss", "blobs"):  # Gaussian clusters have unbounded tails
        assert np.abs(ds.raw_train).max() <= 6.0


def test_circle_inner_disk_is_class_1_and_ring_is_class_0():
    ds = make_dataset(cfg(dataset="circle", train_fraction=1.0))
    r = np.hypot(ds.raw_train[:, 0], ds.raw_train[:, 1])
    assert r[ds.labels_train == 1].max() <= 2.0
    assert r[ds.labels_train == 0].min() >= 3.5 and r[ds.labels_train == 0].max() <= 5.0


def test_xor_label_is_sign_of_product_with_padding():
    ds = make_dataset(cfg(dataset="xor", train_fraction=1.0))
    x1, x2 = ds.raw_train.T
    np.testing.assert_array_equal(ds.labels_train, (x1 * x2 > 0).astype(int))
    assert np.abs(ds.raw_train).min() >= 0.3


def test_gauss_clusters_centre_on_plus_minus_two():
    ds = make_dataset(cfg(dataset="gauss", n_samples=4000, train_fraction=1.0))
    mean_1 = ds.raw_train[ds.labels_train == 1].mean(axis=0)
    mean_0 = ds.raw_train[ds.labels_train == 0].mean(axis=0)
    np.testing.assert_allclose(mean_1, [2.0, 2.0], atol=0.1)
    np.testing.assert_allclose(mean_0, [-2.0, -2.0], atol=0.1)


def test_spiral_arms_are_point_reflections_of_each_other():
    ds = make_dataset(cfg(dataset="spiral", n_samples=400, train_fraction=1.0))
    r = np.hypot(*ds.raw_train.T)
    assert r.max() <= 5.0
    arm0, arm1 = ds.raw_train[ds.labels_train == 0], ds.raw_train[ds.labels_train == 1]
    # every point of arm 1, turned by pi, lies on arm 0's curve: nearest neighbour is close
    d = np.sqrt(((-arm1[:, None, :] - arm0[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    assert np.median(d) < 0.3


def test_plane_is_the_documented_linear_function():
    ds = make_dataset(cfg(dataset="plane", train_fraction=1.0))
    x1, x2 = ds.raw_train.T
    np.testing.assert_allclose(ds.y_train[:, 0], 0.5 * x1 - 0.25 * x2 + 1.0)


def test_sine_and_polynomial_targets_at_noise_zero():
    sine = make_dataset(cfg(dataset="sine", train_fraction=1.0))
    np.testing.assert_allclose(sine.y_train[:, 0], np.sin(sine.raw_train[:, 0]))
    poly = make_dataset(cfg(dataset="polynomial", train_fraction=1.0))
    x = poly.raw_train[:, 0]
    np.testing.assert_allclose(poly.y_train[:, 0], 1 - 2 * x - 0.5 * x**2 + 0.25 * x**3)


def test_multi_gaussian_peaks_near_a_bump_centre():
    ds = make_dataset(cfg(dataset="multi-gaussian", n_samples=5000, train_fraction=1.0))
    assert 0.8 < ds.y_train.max() < 1.2 and -1.2 < ds.y_train.min() < -0.8


def test_miles_to_km_is_exact_at_noise_zero():
    ds = make_dataset(cfg(dataset="miles-to-km", n_samples=50))
    for raw, y in ((ds.raw_train, ds.y_train), (ds.raw_test, ds.y_test)):
        np.testing.assert_array_equal(y[:, 0], raw[:, 0] * 1.609344)
    all_x = np.concatenate([ds.raw_train, ds.raw_test])
    assert all_x.min() >= 0.0 and all_x.max() <= 10.0


def test_noise_changes_regression_targets_by_its_std():
    ds = make_dataset(cfg(dataset="miles-to-km", n_samples=20000, noise=0.5, train_fraction=1.0))
    residual = ds.y_train[:, 0] - 1.609344 * ds.raw_train[:, 0]
    assert abs(residual.std() - 0.5) < 0.02 and abs(residual.mean()) < 0.02


def test_blobs_with_four_classes_is_one_hot_with_every_class():
    ds = make_dataset(cfg(dataset="blobs", params={"n_classes": 4}))
    assert ds.y_train.shape == (100, 4) and ds.n_classes == 4
    assert set(np.unique(ds.y_train)) == {0.0, 1.0}
    np.testing.assert_array_equal(ds.y_train.sum(axis=1), np.ones(100))
    assert set(ds.labels_train) == {0, 1, 2, 3} and set(ds.labels_test) == {0, 1, 2, 3}


def test_blobs_n_classes_out_of_range_names_the_field():
    with pytest.raises(ConfigError, match=r"data\.n_classes = 7"):
        make_dataset(cfg(dataset="blobs", params={"n_classes": 7}))


# ---- split and validation -----------------------------------------------------------------

@pytest.mark.parametrize("n, fraction, n_train, n_test",
                         [(200, 0.5, 100, 100), (200, 0.8, 160, 40), (2, 0.5, 1, 1),
                          (2, 0.01, 1, 1), (3, 0.99, 2, 1), (10, 1.0, 10, 0)])
def test_split_sizes(n, fraction, n_train, n_test):
    ds = make_dataset(cfg(n_samples=n, train_fraction=fraction))
    assert len(ds.x_train) == n_train and len(ds.x_test) == n_test


def test_full_training_fraction_gives_empty_test_arrays_with_width():
    ds = make_dataset(cfg(dataset="blobs", train_fraction=1.0, features=("x1", "x2", "x1^2")))
    assert ds.x_test.shape == (0, 3) and ds.y_test.shape == (0, 3) and ds.raw_test.shape == (0, 2)


def test_split_is_a_permutation_of_all_points():
    ds = make_dataset(cfg(dataset="sine", n_samples=100))
    both = np.sort(np.concatenate([ds.raw_train, ds.raw_test])[:, 0])
    full = make_dataset(cfg(dataset="sine", n_samples=100, train_fraction=1.0))
    np.testing.assert_array_equal(both, np.sort(full.raw_train[:, 0]))


@pytest.mark.parametrize("field, value", [
    ("n_samples", 1), ("n_samples", 100_001), ("n_samples", 2.5), ("n_samples", "200"),
    ("noise", -0.1), ("noise", float("nan")), ("noise", float("inf")),
    ("train_fraction", 0.0), ("train_fraction", 1.5), ("seed", -1),
])
def test_bad_common_values_raise_config_error_naming_the_field(field, value):
    with pytest.raises(ConfigError) as err:
        make_dataset(cfg(**{field: value}))
    assert err.value.field == f"data.{field}"
    assert str(err.value).startswith(f"data.{field} = ")


def test_unknown_dataset_lists_the_names():
    with pytest.raises(ConfigError, match="one of: circle, xor") as err:
        make_dataset(cfg(dataset="swirl"))
    assert err.value.field == "data.dataset" and "csv" in str(err.value)


# ---- features -----------------------------------------------------------------------------

def test_feature_registry_is_tf_playgrounds():
    assert list(FEATURES) == ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"]


def test_feature_values_on_a_literal_point():
    x = expand_features(np.array([[2.0, 3.0]]), list(FEATURES))
    np.testing.assert_allclose(
        x[0], [2.0, 3.0, 4.0, 9.0, 6.0, 0.9092974268256817, 0.1411200080598672], rtol=1e-12)


def test_features_are_columns_of_x_in_the_order_asked():
    ds = make_dataset(cfg(features=("x1*x2", "x1")))
    np.testing.assert_allclose(ds.x_train[:, 0], ds.raw_train[:, 0] * ds.raw_train[:, 1])
    np.testing.assert_array_equal(ds.x_train[:, 1], ds.raw_train[:, 0])
    assert ds.feature_names == ("x1*x2", "x1") and ds.n_features == 2 and ds.input_dim == 2


def test_one_d_data_accepts_x1_features():
    ds = make_dataset(cfg(dataset="sine", features=("x1", "x1^2", "sin(x1)")))
    np.testing.assert_allclose(ds.x_train[:, 2], ds.y_train[:, 0])


@pytest.mark.parametrize("feature", ["x2", "x2^2", "x1*x2", "sin(x2)"])
def test_x2_feature_on_one_d_data_names_field_value_and_allowed(feature):
    with pytest.raises(ConfigError) as err:
        make_dataset(cfg(dataset="miles-to-km", features=("x1", feature)))
    message = str(err.value)
    assert err.value.field == "data.features" and err.value.value == feature
    assert "x1, x1^2, sin(x1)" in message and "1-D" in message


@pytest.mark.parametrize("features", [(), ("x1", "x1"), ("x3",), "x1"])
def test_bad_feature_lists_raise_config_error(features):
    with pytest.raises(ConfigError) as err:
        make_dataset(cfg(features=features))
    assert err.value.field == "data.features"


# ---- view box -----------------------------------------------------------------------------

def test_view_box_of_one_d_data_is_data_range_plus_ten_percent():
    ds = make_dataset(cfg(dataset="miles-to-km", n_samples=100))
    x = np.concatenate([ds.raw_train, ds.raw_test])[:, 0]
    y = np.concatenate([ds.y_train, ds.y_test])[:, 0]
    (x0, x1), (y0, y1) = ds.view_box
    dx, dy = x.max() - x.min(), y.max() - y.min()
    assert x0 == pytest.approx(x.min() - 0.1 * dx) and x1 == pytest.approx(x.max() + 0.1 * dx)
    assert y0 == pytest.approx(y.min() - 0.1 * dy) and y1 == pytest.approx(y.max() + 0.1 * dy)


# ---- CSV ----------------------------------------------------------------------------------

def test_csv_with_header_is_detected_and_last_column_is_target(tmp_path):
    path = write(tmp_path, "height,weight,age\n1.5,60,30\n1.8,80,40\n1.7,70,35\n")
    x, y, names = load_csv(path)
    np.testing.assert_array_equal(x, [[1.5, 60], [1.8, 80], [1.7, 70]])
    np.testing.assert_array_equal(y, [30, 40, 35])
    assert names == ["height", "weight"]


@pytest.mark.parametrize(("text", "axes"), [
    ("miles,km\n1,1.6\n2,3.2\n3,4.8\n", ("miles", "km")),          # 1 input: x and target
    ("a,b,label\n1,2,0\n2,1,1\n3,3,0\n", ("a", "b")),                # 2 inputs: both inputs
    ("1,1.6\n2,3.2\n3,4.8\n", ("x1", "y")),                           # no header row
])
def test_csv_axes_are_the_files_column_names(tmp_path, text, axes):
    ds = make_dataset(cfg(dataset="csv", csv_path=str(write(tmp_path, text)), n_samples=3))
    assert ds.axes == axes


def test_csv_without_header_names_columns_x1_x2(tmp_path):
    path = write(tmp_path, "1,2,3\n4,5,6\n")
    x, y, names = load_csv(path)
    assert x.shape == (2, 2) and names == ["x1", "x2"]
    np.testing.assert_array_equal(y, [3, 6])


def test_csv_header_forced_on_and_off(tmp_path):
    path = write(tmp_path, "10,20,30\n1,2,3\n4,5,6\n")
    x, _, names = load_csv(path, header=True)
    assert names == ["10", "20"] and x.shape == (2, 2)
    x, _, _ = load_csv(path, header=False)
    assert x.shape == (3, 2)


def test_csv_target_by_name_and_by_index(tmp_path):
    path = write(tmp_path, "a,b,c\n1,2,3\n4,5,6\n")
    x, y, names = load_csv(path, target_column="a")
    np.testing.assert_array_equal(y, [1, 4])
    np.testing.assert_array_equal(x, [[2, 3], [5, 6]])
    assert names == ["b", "c"]
    x, y, names = load_csv(path, target_column=1)
    np.testing.assert_array_equal(y, [2, 5])
    assert names == ["a", "c"]


def test_csv_semicolon_and_blank_lines_and_quotes(tmp_path):
    path = write(tmp_path, 'x;"y"\n\n1;2\n3;4\n\n')
    x, y, names = load_csv(path)
    np.testing.assert_array_equal(x[:, 0], [1, 3])
    assert names == ["x"]


def test_csv_missing_file(tmp_path):
    with pytest.raises(DatasetError, match="no such file") as err:
        load_csv(tmp_path / "nope.csv")
    assert err.value.field == "data.csv_path" and "nope.csv" in str(err.value)


def test_csv_empty_file(tmp_path):
    with pytest.raises(DatasetError, match="empty"):
        load_csv(write(tmp_path, "\n  \n"))


def test_csv_non_numeric_cell_names_file_row_and_column(tmp_path):
    path = write(tmp_path, "a,b,y\n1,2,3\n4,5,6\n7,oops,9\n")
    with pytest.raises(DatasetError) as err:
        load_csv(path)
    message = str(err.value)
    assert "row 4, column 2 ('b')" in message and "'oops' is not a number" in message
    assert str(path) in message and err.value.field == "data.csv_path"


def test_csv_row_numbers_count_blank_lines_as_in_the_file(tmp_path):
    path = write(tmp_path, "1,2\n\n3,\n")
    with pytest.raises(DatasetError, match=r"row 3, column 2 \('x2'\): an empty cell"):
        load_csv(path)


def test_csv_ragged_row(tmp_path):
    with pytest.raises(DatasetError, match="row 3 has 2 columns; expected 3"):
        load_csv(write(tmp_path, "a,b,c\n1,2,3\n4,5\n"))


def test_csv_missing_target_lists_available_columns(tmp_path):
    path = write(tmp_path, "a,b,c\n1,2,3\n4,5,6\n")
    for bad in ("z", 3, -1, True):
        with pytest.raises(DatasetError) as err:
            load_csv(path, target_column=bad)
        assert "available columns: 0 'a', 1 'b', 2 'c'" in str(err.value)
        assert err.value.field == "data.target_column"


@pytest.mark.parametrize("cell", ["nan", "inf", "-Infinity"])
def test_csv_nan_and_inf_are_rejected_with_row_and_column(tmp_path, cell):
    with pytest.raises(DatasetError, match=r"row 3, column 1 \('a'\).*not a finite number"):
        load_csv(write(tmp_path, f"a,b\n1,2\n{cell},4\n"))


def test_csv_too_few_rows_and_columns(tmp_path):
    with pytest.raises(DatasetError, match="found 1 data rows; need 2"):
        load_csv(write(tmp_path, "a,b\n1,2\n"))
    with pytest.raises(DatasetError, match="found 1 column; need at least 2"):
        load_csv(write(tmp_path, "1\n2\n3\n"))


def test_csv_never_evaluates_cells(tmp_path):
    with pytest.raises(DatasetError, match="is not a number"):
        load_csv(write(tmp_path, "1,2\n__import__('os'),3\n"))


def csv_cfg(path, **kw):
    return cfg(dataset="csv", csv_path=str(path), **kw)


def test_make_dataset_csv_auto_binary_maps_minus_one_to_zero(tmp_path):
    rows = "".join(f"{i},{i % 3},{1 if i % 2 else -1}\n" for i in range(10))
    ds = make_dataset(csv_cfg(write(tmp_path, "p,q,label\n" + rows), train_fraction=1.0))
    assert ds.task == "binary" and ds.input_dim == 2 and ds.feature_names == ("p", "q")
    np.testing.assert_array_equal(ds.x_train, ds.raw_train)
    expected = (ds.raw_train[:, 0] % 2 == 1).astype(float)
    np.testing.assert_array_equal(ds.y_train[:, 0], expected)


def test_make_dataset_csv_auto_multiclass_sorts_classes(tmp_path):
    rows = "".join(f"{i},{c}\n" for i, c in enumerate([7, 3, 5, 3, 7, 5]))
    ds = make_dataset(csv_cfg(write(tmp_path, rows), train_fraction=1.0, features=("x1",)))
    assert ds.task == "multiclass" and ds.n_classes == 3 and ds.input_dim == 1
    by_x = dict(zip(ds.raw_train[:, 0], ds.labels_train, strict=True))
    assert by_x == {0.0: 2, 1.0: 0, 2.0: 1, 3.0: 0, 4.0: 2, 5.0: 1}


def test_make_dataset_csv_auto_regression_and_forced_task(tmp_path):
    path = write(tmp_path, "x,y\n1,0.5\n2,1.5\n3,2.5\n4,0.5\n")
    ds = make_dataset(csv_cfg(path))
    assert ds.task == "regression" and ds.labels_train is None
    forced = make_dataset(csv_cfg(path, csv_task="multiclass", train_fraction=1.0))
    assert forced.task == "multiclass" and forced.n_classes == 3
    with pytest.raises(DatasetError, match="2 to 2 distinct values") as err:
        make_dataset(csv_cfg(path, csv_task="binary"))
    assert err.value.field == "data.csv_task"


def test_make_dataset_csv_without_path_or_with_bad_task(tmp_path):
    with pytest.raises(DatasetError) as err:
        make_dataset(cfg(dataset="csv"))
    assert err.value.field == "data.csv_path"
    with pytest.raises(ConfigError, match="one of: auto, regression"):
        make_dataset(csv_cfg(write(tmp_path, "1,2\n3,4\n"), csv_task="guess"))


# ---- editing points -----------------------------------------------------------------------

def test_add_point_appends_one_training_point_with_expanded_features():
    ds = make_dataset(cfg(dataset="circle", features=("x1", "x1*x2", "sin(x2)")))
    new = add_point(ds, (2.0, 3.0), 1)
    assert len(new.x_train) == 101 and len(ds.x_train) == 100
    np.testing.assert_allclose(new.x_train[-1], [2.0, 6.0, np.sin(3.0)])
    np.testing.assert_array_equal(new.raw_train[-1], [2.0, 3.0])
    np.testing.assert_array_equal(new.y_train[-1], [1.0])
    assert new.x_test is ds.x_test and new.labels_train[-1] == 1


def test_add_point_multiclass_and_regression_targets():
    blobs = add_point(make_dataset(cfg(dataset="blobs", params={"n_classes": 4})), [0.0, 0.0], 2)
    np.testing.assert_array_equal(blobs.y_train[-1], [0, 0, 1, 0])
    km = add_point(make_dataset(cfg(dataset="miles-to-km")), [5.0], 8.04672)
    np.testing.assert_array_equal(km.y_train[-1], [8.04672])
    np.testing.assert_array_equal(km.x_train[-1], [5.0])


@pytest.mark.parametrize("point, target", [((1.0,), 1), ((1.0, np.nan), 1), ((1.0, 2.0), 2),
                                           ((1.0, 2.0), 0.5)])
def test_add_point_rejects_bad_points_and_targets(point, target):
    with pytest.raises(ConfigError):
        add_point(make_dataset(cfg(dataset="xor")), point, target)


def test_remove_nearest_removes_exactly_that_point():
    ds = make_dataset(cfg(dataset="gauss"))
    target = ds.raw_train[17] + 1e-3
    new = remove_nearest(ds, target)
    assert len(new.raw_train) == 99 and len(new.y_train) == 99 and len(new.x_train) == 99
    expected = np.delete(ds.raw_train, 17, axis=0)
    np.testing.assert_array_equal(new.raw_train, expected)
    np.testing.assert_array_equal(new.y_train, np.delete(ds.y_train, 17, axis=0))
    np.testing.assert_array_equal(new.x_train, np.delete(ds.x_train, 17, axis=0))


def test_remove_nearest_refuses_to_remove_the_last_training_point():
    ds = make_dataset(cfg(n_samples=2))
    with pytest.raises(DatasetError) as err:
        remove_nearest(ds, (0.0, 0.0))
    assert err.value.value == 1


def test_csv_dataset_add_and_remove_use_raw_columns(tmp_path):
    path = write(tmp_path, "a,b,c,y\n" + "".join(f"{i},{i*2},{i*3},{i}.5\n" for i in range(6)))
    ds = make_dataset(csv_cfg(path))
    new = add_point(ds, (1.0, 2.0, 3.0), 4.25)
    np.testing.assert_array_equal(new.x_train[-1], [1.0, 2.0, 3.0])
    assert remove_nearest(new, (1.0, 2.0, 3.1)).x_train.shape == (len(ds.x_train), 3)


@pytest.mark.parametrize("name", list(GENERATORS))
def test_each_generator_allows_noise_up_to_its_own_sensible_sigma(name):
    high = GENERATORS[name].noise_high
    features = ("x1",) if GENERATORS[name].input_dim == 1 else ("x1", "x2")
    assert make_dataset(cfg(dataset=name, noise=high, features=features)).n_features >= 1
    with pytest.raises(ConfigError, match=rf"data\.noise = {high * 2} is not allowed: "
                                          rf"a number in \[0, {high:g}\]"):
        make_dataset(cfg(dataset=name, noise=high * 2, features=features))
