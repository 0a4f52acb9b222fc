"""PMI family: closed forms, sparse = dense, consistency with the plug-in MI."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from mutinfo.text import local_pmi, normalized_pmi, pmi

DIAG = np.array([[10, 0], [0, 10]])
LN2 = math.log(2)


@pytest.mark.parametrize("kind", ["dense", "sparse", "frame"])
def test_diagonal_counts_closed_forms(kind):
    counts = {
        "dense": DIAG,
        "sparse": sp.csr_matrix(DIAG),
        "frame": pd.DataFrame(DIAG),
    }[kind]

    def dense(m):
        if sp.issparse(m):
            return m.toarray()
        return np.asarray(m)

    plain = pmi(counts)
    assert dense(plain)[0, 0] == pytest.approx(LN2, abs=1e-15)
    assert dense(plain)[1, 1] == pytest.approx(LN2, abs=1e-15)
    if kind == "sparse":
        assert plain.nnz == 2  # absent = never observed
    else:
        assert np.isneginf(dense(plain)[0, 1])
    assert np.all(dense(pmi(counts, positive=True, shift=2)) == 0)
    np.testing.assert_allclose(
        dense(pmi(counts, positive=True, shift=1))[[0, 1], [0, 1]], LN2
    )
    np.testing.assert_array_equal(dense(pmi(counts, cds=1.0)), dense(plain))
    assert type(plain) is type(counts)


def test_sparray_stays_sparray():
    assert isinstance(pmi(sp.csr_array(DIAG)), sp.csr_array)


def test_independent_counts_have_zero_pmi():
    counts = np.outer([1, 2, 3], [4, 1, 5]) * 7
    np.testing.assert_allclose(pmi(counts), 0.0, atol=1e-14)
    got = pmi(sp.csr_matrix(counts))
    assert got.nnz == 9  # explicit zeros are kept: observed pairs
    np.testing.assert_allclose(got.data, 0.0, atol=1e-14)


def test_cds_and_shift_formula():
    counts = np.array([[3.0, 1.0, 0.0], [2.0, 5.0, 4.0]])
    alpha, k = 0.75, 5.0
    n = counts.sum()
    pw = counts.sum(1) / n
    pc = counts.sum(0) ** alpha
    pc /= pc.sum()
    with np.errstate(divide="ignore"):
        expected = np.log(counts / n / (pw[:, None] * pc[None, :])) - np.log(k)
    got = pmi(counts, cds=alpha, shift=k)
    np.testing.assert_allclose(got, expected, rtol=1e-13)
    sparse = pmi(sp.csr_matrix(counts), cds=alpha, shift=k, positive=True)
    np.testing.assert_allclose(sparse.toarray(), np.maximum(expected, 0), rtol=1e-13)
    assert np.all(sparse.data > 0)


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=2, max_size=60),
    st.lists(st.integers(0, 4), min_size=2, max_size=60),
)
def test_mean_local_pmi_is_plugin_mi(xs, ys):
    n = min(len(xs), len(ys))
    x, y = np.array(xs[:n]), np.array(ys[:n])
    local = local_pmi(x, y)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        result = mt.estimate("mi", x, y, method="plugin")
    assert abs(local.mean() - result.value) <= 1e-12
    np.testing.assert_allclose(local, result.local, rtol=0, atol=1e-12)
    # The same through the count matrix: sum p(w, c) PMI(w, c).
    table = pd.crosstab(x, y).to_numpy()
    values = pmi(sp.csr_matrix(table))
    joint = sp.csr_matrix(table / table.sum())
    assert abs(joint.multiply(values).sum() - result.value) <= 1e-12


def test_local_pmi_of_strings():
    got = local_pmi(["a", "a", "b", "b"], ["u", "u", "v", "v"])
    np.testing.assert_allclose(got, LN2)


def test_normalized_pmi():
    np.testing.assert_allclose(normalized_pmi(DIAG), [[1, -1], [-1, 1]])
    counts = np.array([[4, 1], [1, 4]])
    npmi = normalized_pmi(counts)
    p = counts / counts.sum()
    expected = np.log(p / np.outer(p.sum(1), p.sum(0))) / -np.log(p)
    np.testing.assert_allclose(npmi, expected, rtol=1e-13)
    np.testing.assert_allclose(
        normalized_pmi(sp.csr_matrix(counts)).toarray(), expected
    )
    assert normalized_pmi(np.array([[5, 0], [0, 0]]))[0, 0] == 1.0
    assert np.all(np.abs(npmi) <= 1)


def test_sparse_pmi_never_densifies():
    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, 200_000, size=(2, 5000))
    big = sp.csr_matrix(
        (rng.integers(1, 9, 5000), (rows, cols)), shape=(200_000, 200_000)
    )
    got = pmi(big, positive=True, cds=0.75)
    assert sp.issparse(got)
    assert got.nnz <= big.nnz


@pytest.mark.parametrize(
    ("counts", "kwargs", "error", "match"),
    [
        (
            np.array([[1, -1], [0, 2]]),
            {},
            InvalidDataError,
            "negative counts \\(minimum -1\\)",
        ),
        (np.zeros((2, 2)), {}, InvalidDataError, "no positive count"),
        (np.array([1, 2]), {}, InvalidDataError, "must be 2-D"),
        (np.array([[np.nan, 1]]), {}, InvalidDataError, "NaN or infinite"),
        (sp.csr_matrix(np.array([[1.0, -2.0]])), {}, InvalidDataError, "negative"),
        (
            DIAG,
            {"shift": 0},
            InvalidParameterError,
            "'shift' parameter of pmi\\(\\) must be a finite number > 0. Got 0",
        ),
        (DIAG, {"shift": -1}, InvalidParameterError, "'shift'"),
        (DIAG, {"cds": 0}, InvalidParameterError, "'cds'"),
        ([["a", "b"]], {}, InvalidDataError, "could not be read as numbers"),
    ],
)
def test_bad_input(counts, kwargs, error, match):
    with pytest.raises(error, match=match):
        pmi(counts, **kwargs)


def test_local_pmi_bad_shapes():
    with pytest.raises(InvalidDataError, match="same length"):
        local_pmi([1, 2], [1])


def test_local_pmi_refuses_pandas_labels_with_different_indexes():
    # Pairs were taken by position where the plugin estimator, whose .local
    # these values are, refuses the inputs.
    x = pd.Series(list("aabbab"))
    y = pd.Series(list("uuvvuv"), index=[5, 4, 3, 2, 1, 0])
    with pytest.raises(InvalidDataError, match="different order"):
        local_pmi(x, y)
    with pytest.raises(InvalidDataError, match="different order"):
        mt.estimate("mi", x, y, method="plugin")
    assert (
        local_pmi(x, y.to_numpy()).tolist()
        == local_pmi(list("aabbab"), list("uuvvuv")).tolist()
    )
