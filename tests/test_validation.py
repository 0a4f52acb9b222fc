"""Input handling: every supported container, kinds, NaN policy, and each error."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

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
