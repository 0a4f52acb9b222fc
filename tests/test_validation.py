"""Input handling: every supported container, kinds, NaN policy, and each error."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo._validation import check_samples

pytestmark = pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")


def kinds(**variables: object) -> list[tuple[bool, ...]]:
    return [v.discrete for v in check_samples(variables)]


def test_dtype_detection() -> None:
    assert kinds(x=[1, 2, 3]) == [(True,)]
    assert kinds(x=[1.0, 2.0, 3.0]) == [(False,)]
    assert kinds(x=["a", "b", "c"]) == [(True,)]
    assert kinds(x=np.array([True, False, True])) == [(True,)]
    assert kinds(x=np.array([[1, 2], [3, 4]])) == [(True, True)]


def test_pandas_frame_kinds_per_column() -> None:
    frame = pd.DataFrame(
        {
            "f": [1.0, 2.0, 3.0],
            "i": [1, 2, 3],
            "s": ["a", "b", "a"],
            "c": pd.Categorical(["u", "v", "u"]),
            "b": [True, False, True],
        }
    )
    (v,) = check_samples({"x": frame})
    assert v.discrete == (False, True, True, True, True)
    assert v.labels == ("f", "i", "s", "c", "b")


def test_one_d_becomes_column() -> None:
    (v,) = check_samples({"x": [1.0, 2.0, 3.0]})
    assert v.values.shape == (3, 1)


def test_polars_inputs() -> None:
    pl = pytest.importorskip("polars")
    s = pl.Series("a", ["x", "y", "x", "y"] * 5)
    frame = pl.DataFrame({"u": [0.1, 0.2, 0.3, 0.4] * 5, "v": [1, 2, 1, 2] * 5})
    (vs, vf) = check_samples({"x": s, "y": frame})
    assert vs.discrete == (True,)
    assert vf.discrete == (False, True)
    assert mt.mi(s, frame["v"], base=2, method="plugin") == pytest.approx(1.0)


def test_torch_tensor_input() -> None:
    torch = pytest.importorskip("torch")
    g = torch.Generator().manual_seed(0)
    x = torch.randn(500, generator=g, requires_grad=True)
    y = x.detach() * 2 + torch.randn(500, generator=g)
    value = mt.mi(x, y, rng=0)
    assert value == mt.mi(x.detach().numpy(), y.numpy(), rng=0)
    ints = torch.tensor([0, 1, 0, 1] * 5)
    assert kinds(x=ints) == [(True,)]


def test_discrete_override() -> None:
    (a, b) = check_samples({"x": [1.0, 2.0], "y": [1, 2]}, discrete=(True, False))
    assert a.discrete == (True,)
    assert b.discrete == (False,)
    (c,) = check_samples({"x": [[1.0, 2.0], [3.0, 4.0]]}, discrete=([True, False],))
    assert c.discrete == (True, False)
    (d,) = check_samples({"x": [1, 2]}, discrete=False)
    assert d.discrete == (False,)


def test_discrete_option_equivalence() -> None:
    g = np.random.default_rng(0)
    x = g.integers(0, 3, 300)
    y = g.normal(size=300) + x
    auto = mt.mi(x, y, rng=0)
    assert mt.mi(x, y, discrete=(True, False), rng=0) == auto


def test_nan_policy_omit_drops_rows_jointly() -> None:
    x = np.array([0.0, 1.0, np.nan, 1.0, 0.0] * 4)
    y = np.array([0, 1, 1, np.nan, 0] * 4)
    res = mt.estimate("mi", x, y, discrete=True, nan_policy="omit")
    assert res.n_samples == 12
    clean = mt.mi([0, 1, 0] * 4, [0, 1, 0] * 4)
    assert res.value == pytest.approx(clean)


def test_nan_policy_omit_with_strings_and_none() -> None:
    x = ["a", None, "b", "a"] * 5
    y = [1, 2, 3, 1] * 5
    assert mt.estimate("mi", x, y, nan_policy="omit").n_samples == 15


def test_input_not_mutated_with_nan() -> None:
    x = np.array([0.0, 1.0, np.nan, 1.0] * 5)
    before = x.copy()
    mt.entropy(x, discrete=True, nan_policy="omit")
    np.testing.assert_array_equal(x, before)


# ----------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------
def test_nan_raises_with_remedy() -> None:
    with pytest.raises(mt.InvalidDataError, match=r"contains 1 NaN.*nan_policy='omit'"):
        mt.mi([1.0, np.nan, 3.0], [1.0, 2.0, 3.0])


def test_bad_nan_policy() -> None:
    with pytest.raises(mt.InvalidParameterError, match="'nan_policy' parameter"):
        mt.mi([1.0, 2.0], [1.0, 2.0], nan_policy="drop")


def test_inf_raises() -> None:
    with pytest.raises(mt.InvalidDataError, match="infinite"):
        mt.mi([1.0, np.inf, 3.0], [1.0, 2.0, 3.0])


def test_length_mismatch() -> None:
    with pytest.raises(
        mt.InvalidDataError,
        match=r"x and y must have the same number of samples; got x.shape=\(3,\) and y.shape=\(2,\)",
    ):
        mt.mi([1, 2, 3], [1, 2])


def test_empty() -> None:
    with pytest.raises(mt.InvalidDataError, match="'x' parameter is empty"):
        mt.entropy([])


def test_none_input() -> None:
    with pytest.raises(mt.InvalidParameterError, match="Got None instead"):
        check_samples({"x": None})


def test_three_d_rejected() -> None:
    with pytest.raises(mt.InvalidDataError, match="reshape it to 2-D"):
        mt.entropy(np.zeros((2, 2, 2)))


def test_scalar_rejected() -> None:
    with pytest.raises(mt.InvalidDataError, match="Got a scalar"):
        mt.entropy(3.0)


def test_ragged_rejected() -> None:
    with pytest.raises(mt.InvalidDataError, match="could not be read as an array"):
        mt.entropy([[1, 2], [3]])


def test_object_values_rejected() -> None:
    with pytest.raises(mt.InvalidDataError, match="neither strings nor numbers"):
        mt.entropy(np.array([{"a": 1}, {"b": 2}], dtype=object))


def test_mixed_strings_and_numbers_rejected() -> None:
    with pytest.raises(mt.InvalidDataError, match="mixes strings and numbers"):
        mt.entropy(np.array(["a", 1, "b"], dtype=object))


def test_complex_rejected() -> None:
    with pytest.raises(mt.InvalidDataError, match="neither numbers nor labels"):
        mt.entropy(np.array([1 + 2j, 3j]))


def test_strings_cannot_be_continuous() -> None:
    with pytest.raises(mt.InvalidDataError, match="cannot be continuous"):
        mt.entropy(["a", "b"], discrete=False)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("yes", "'discrete' parameter must be 'auto'"),
        ((True,), "has 1 entries but variable 'y'"),
        (([True, False], True), "has 2 flags but 'x' has 1 columns"),
        (("x", True), "'discrete' entry for 'x' must be"),
        (3, "'discrete' parameter must be 'auto'"),
    ],
)
def test_bad_discrete(spec: object, message: str) -> None:
    with pytest.raises(mt.InvalidParameterError, match=message):
        mt.mi([1, 2, 1], [1, 2, 2], discrete=spec)


def test_too_few_after_omit() -> None:
    with pytest.raises(mt.InsufficientSamplesError, match="after dropping 2 row"):
        check_samples({"x": [np.nan, np.nan]}, nan_policy="omit")


# -- labels stored as floats (whole numbers, few values) -------------------------


def _classes(n: int = 2000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    y = g.integers(1, 4, n)
    return g.normal(np.array([0.0, 1.5, 3.0])[y - 1]), y


def test_float_labels_read_as_the_same_integers() -> None:
    # y in {1.0, 2.0, 3.0} (a CSV, a pandas column that can hold NaN) was read
    # as continuous: its entropy was kl's -20.7 nats (truth log 3 = 1.0986).
    x, y = _classes()
    assert kinds(y=y.astype(float)) == [(True,)]
    for args in ((y,), (x, y)):
        measure = "entropy" if len(args) == 1 else "mi"
        ints = mt.estimate(measure, *args, rng=0)
        floats = mt.estimate(measure, *[a.astype(float) for a in args], rng=0)
        assert (floats.method, floats.value) == (ints.method, ints.value)
    assert mt.entropy(y.astype(float)) == pytest.approx(np.log(3), abs=0.01)
    frame = pd.DataFrame({"x": x, "y": y.astype(float)})
    m = mt.mi_matrix(frame, rng=0)
    assert m.methods.loc["x", "y"] == "mixed_ksg"
    assert m.mi.loc["x", "y"] == pytest.approx(mt.mi(x, y, rng=0), abs=1e-12)
    # a pandas Float64 column with a missing value, rows dropped
    holes = pd.Series(y.astype(float), dtype="Float64")
    holes[5] = pd.NA
    (v,) = check_samples({"y": holes}, nan_policy="omit")
    assert v.discrete == (True,)


def test_float_numbers_stay_continuous() -> None:
    g = np.random.default_rng(1)
    rounded = np.round(10 * g.normal(size=1000))  # ~60 whole values: measured
    assert kinds(x=rounded) == [(False,)]
    assert kinds(x=np.round(g.normal(size=500), 1)) == [(False,)]  # fractions
    assert kinds(x=[1.0, 2.0, 3.0, 4.0]) == [(False,)]  # no value repeats
    assert kinds(x=np.ones(50)) == [(False,)]  # constant: as before
    assert kinds(x=np.repeat([0.0, 0.5], 50)) == [(False,)]  # not whole
    assert kinds(x=np.repeat([0.0, 2.0**60], 50)) == [(False,)]  # beyond 2**53
    # past the first rows looked at: a fraction, and a tenth value
    tail = np.concatenate([np.tile(np.arange(9.0), 600), [0.5]])
    assert kinds(x=tail) == [(False,)]
    tenth = np.concatenate([np.tile(np.arange(9.0), 600), [9.0, 9.0]])
    assert kinds(x=tenth) == [(False,)]
    assert kinds(x=tenth[:-2]) == [(True,)]
    assert kinds(x=np.tile(np.arange(9.0), 600), y=tenth[2:]) == [
        (True,),
        (False,),
    ]


def test_float_labels_override_both_ways() -> None:
    _, y = _classes(300)
    assert kinds_given(y.astype(float), False) == [(False,)]
    assert kinds_given(np.round(10 * np.sin(np.arange(300.0))), True) == [(True,)]


def kinds_given(values: np.ndarray, flag: bool) -> list[tuple[bool, ...]]:
    return [v.discrete for v in check_samples({"y": values}, discrete=flag)]


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 9),
    st.integers(-5, 5),
    st.integers(2, 40),
    st.integers(0, 2**31 - 1),
)
def test_few_whole_floats_read_as_their_integers(
    k: int, low: int, per_value: int, seed: int
) -> None:
    # A float column of 2 <= k <= 9 whole values that repeat is read as the same
    # integers are (labels), and gives the same entropy.
    g = np.random.default_rng(seed)
    ints = np.repeat(np.arange(low, low + k), per_value)
    g.shuffle(ints)
    floats = ints.astype(float)
    assert kinds(x=floats) == kinds(x=ints) == [(True,)]
    assert mt.entropy(floats) == mt.entropy(ints)
