"""kNN estimators on the fast neighbour search: Ross (mixed_ksg), local values,
path independence, constant columns, ties, and bad input.

KSG/KL reference values and the brute-force KSG live in test_ksg_reference.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mutinfo as mt
from mutinfo.estimators import KL, KSG, MixedKSG
from mutinfo.exceptions import (
    BiasWarning,
    DataWarning,
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
    UnsupportedMeasureError,
)
from tests.conftest import gaussian_pair

ALGORITHMS = ("grid", "tree", "brute")


def ross_sample(p: float, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """X ~ Bernoulli(p); Y | X=0 ~ U(-1, 1), Y | X=1 ~ U(0, 2) (sklearn's case)."""
    g = np.random.default_rng(seed)
    x = (g.uniform(size=n) < p).astype(np.int64)
    y = np.where(x == 0, g.uniform(-1, 1, n), g.uniform(0, 2, n))
    return x, y


def ross_mi(p: float) -> float:
    """I(X; Y) of ross_sample by integration of the piecewise-constant densities.

    Y has density (1-p)/2 on (-1, 0), 1/2 on (0, 1) and p/2 on (1, 2).
    """
    q = 1 - p
    # Masses q/2, 1/2 and p/2 on intervals of length 1.
    h_y = -0.5 * (q * math.log(q / 2) + math.log(0.5) + p * math.log(p / 2))
    h_y_given_x = math.log(2)  # each conditional is uniform on an interval of 2
    return h_y - h_y_given_x


@pytest.mark.parametrize("p", [0.3, 0.5, 0.7])
@pytest.mark.parametrize("k", [3, 5, 7])
def test_ross_reference(p: float, k: int) -> None:
    # REFERENCES.md: p=0.5 -> 0.346574, p=0.3 or 0.7 -> 0.3054; N=1000.
    truth = {0.3: 0.3054, 0.5: 0.346574, 0.7: 0.3054}[p]
    assert ross_mi(p) == pytest.approx(truth, abs=1e-4)
    # One sample has sd ~0.0135 nats at N=1000 (30 seeds, measured); the mean of 4
    # independent samples has sd ~0.007, so rtol 0.1 (~0.03 nats) is > 4 sd.
    estimates = [
        MixedKSG(n_neighbors=k, rng=0).mi(*ross_sample(p, 1000, seed)).value
        for seed in range(4)
    ]
    assert np.mean(estimates) == pytest.approx(ross_mi(p), rel=0.1)


@pytest.mark.parametrize("m", [2, 5])
def test_discrete_uniform_mixture(m: int) -> None:
    # X ~ U{0..m-1}, Y | X ~ U(X, X+2): I = ln m - ((m-1)/m) ln 2 (REFERENCES.md).
    # sd over 20 seeds at n=2000 is <= 0.01 nats and the bias < 0.005: 4 sd + 0.01.
    g = np.random.default_rng(m)
    x = g.integers(0, m, 2000)
    y = x + g.uniform(0, 2, 2000)
    truth = math.log(m) - (m - 1) / m * math.log(2)
    res = mt.estimate("mi", x, y, rng=0)
    assert res.method == "mixed_ksg"  # auto picks Ross for discrete x continuous
    assert res.value == pytest.approx(truth, abs=0.05)


def test_ross_either_order_and_multivariate() -> None:
    x, y = ross_sample(0.5, 1500, seed=1)
    est = MixedKSG(rng=0)
    a, b = est.mi(x, y), est.mi(y, x)
    assert a.value == b.value
    np.testing.assert_array_equal(a.local, b.local)
    # An independent extra column on the continuous side leaves I unchanged;
    # the estimate stays within the sampling error (~0.02) of the truth.
    extra = np.random.default_rng(2).standard_normal(1500)
    two = est.mi(x, np.column_stack([y, extra])).value
    assert two == pytest.approx(ross_mi(0.5), abs=0.06)


def test_ross_matches_sklearn() -> None:
    fs = pytest.importorskip("sklearn.feature_selection")
    x, y = ross_sample(0.3, 2000, seed=5)
    ours = MixedKSG(n_neighbors=3, rng=0).mi(x, y).value
    theirs = fs.mutual_info_classif(y[:, None], x, n_neighbors=3, random_state=0)[0]
    # Same algorithm; only the 1e-10 tie-breaking noise differs (no ties here).
    assert ours == pytest.approx(theirs, abs=1e-9)


def test_ross_singleton_labels_left_out() -> None:
    x, y = ross_sample(0.5, 600, seed=3)
    x = x.copy()
    x[:3] = [7, 8, 9]  # three labels seen once
    res = MixedKSG(rng=0).mi(x, y)
    assert res.local is None  # the mean runs over the kept samples only
    assert np.isfinite(res.value)
    with pytest.raises(InvalidDataError, match=r"Every label .* occurs once"):
        MixedKSG(rng=0).mi(np.arange(10), np.linspace(0, 1, 10))


def test_ross_warns_when_nearly_every_label_occurs_once() -> None:
    # Zip-code-like labels (1976 values in 2000 rows) against an independent
    # number: Ross's mean ran silently over the 48 rows of repeated labels
    # (-0.112 nats), while the counting rule calls such a column not
    # identifiable (dirichlet_product with a BiasWarning) and column_kinds
    # calls it unusable.
    g = np.random.default_rng(5)
    labels = g.integers(10_000, 99_999, 2000)
    y = g.normal(size=2000)
    with pytest.warns(BiasWarning, match="like a row identifier") as record:
        res = mt.estimate("mi", labels, y, rng=0)
    assert res.method == "mixed_ksg"
    assert "leaves out the" in str(record[0].message)
    # 1.2 rows per label or more (the rule's threshold): no warning.
    res = MixedKSG(rng=0).mi(np.repeat(np.arange(120), 2), g.normal(size=240))
    assert np.isfinite(res.value)


def test_ross_needs_one_discrete_side() -> None:
    x, y = gaussian_pair(200, 0.5)
    with pytest.raises(UnsupportedMeasureError, match="one discrete and one"):
        MixedKSG(variant="ross").mi(x, y)


def _all_results(x: np.ndarray, y: np.ndarray, z: np.ndarray, **kw: object) -> dict:
    labels = (x > 0).astype(np.int64)
    out = {}
    for alg in ALGORITHMS:
        out[alg] = [
            KSG(algorithm=alg, rng=0, **kw).mi(x, y),
            KSG(algorithm=alg, variant=2, rng=0, **kw).mi(x, y),
            KSG(algorithm=alg, rng=0, **kw).cmi(x, y, z),
            KL(algorithm=alg, rng=0).entropy(np.column_stack([x, y])),
            KL(algorithm=alg, metric="chebyshev", rng=0).entropy(x),
            MixedKSG(algorithm=alg, rng=0, **kw).mi(labels, y),
        ]
    return out


def test_algorithms_give_identical_results() -> None:
    g = np.random.default_rng(0)
    x = g.standard_normal(700)
    y = x + g.standard_normal(700)
    z = y + g.standard_normal(700)
    results = _all_results(x, y, z)
    for alg in ("tree", "brute"):
        for a, b in zip(results["grid"], results[alg], strict=True):
            assert a.value == b.value
            np.testing.assert_array_equal(a.local, b.local)


def test_algorithms_agree_with_ties_and_no_noise() -> None:
    g = np.random.default_rng(1)
    # Rounded to integers: a row shares its value with ~100 rows (warned).
    x = np.round(g.standard_normal(500), 0)
    y = np.round(x + g.standard_normal(500), 0)
    z = np.round(y + g.standard_normal(500), 0)
    with pytest.warns(DataWarning, match="repeated values"):
        ref = KSG(noise=0.0, algorithm="brute").mi(x, y)
    for alg in ("grid", "tree"):
        with pytest.warns(DataWarning, match="repeated values"):
            got = KSG(noise=0.0, algorithm=alg).mi(x, y)
        assert got.value == ref.value
        with pytest.warns(DataWarning, match="repeated values"):
            c1 = KSG(noise=0.0, algorithm=alg).cmi(x, y, z)
        with pytest.warns(DataWarning, match="repeated values"):
            c2 = KSG(noise=0.0, algorithm="brute").cmi(x, y, z)
        np.testing.assert_array_equal(c1.local, c2.local)
    assert np.isfinite(ref.value)
    assert np.all(np.isfinite(ref.local))


def test_local_values_average_to_the_estimate() -> None:
    g = np.random.default_rng(4)
    x = g.standard_normal(800)
    y = x + g.standard_normal(800)
    z = g.standard_normal(800)
    for res in (
        KSG(rng=0).mi(x, y),
        KSG(variant=2, rng=0).mi(x, y),
        KSG(rng=0).cmi(x, y, z),
        KL(rng=0).entropy(x),
        MixedKSG(rng=0).mi((x > 0).astype(int), y),
        KSG(rng=0).mi(x, y, base=2),
    ):
        assert res.local is not None
        assert res.local.shape == (800,)
        assert np.mean(res.local) == pytest.approx(res.value, rel=1e-12, abs=1e-14)


def test_constant_variable_gives_zero_with_warning() -> None:
    x, y = gaussian_pair(300, 0.7)
    const = np.full(300, 3.0)
    with pytest.warns(DataWarning, match=r"constant.*no information"):
        res = KSG(rng=0).mi(const, y)
    assert res.value == 0.0
    assert np.all(res.local == 0.0)
    with pytest.warns(DataWarning, match="constant"):
        assert KSG(rng=0).cmi(x, const, y).value == 0.0
    with pytest.warns(DataWarning, match="constant"):
        assert MixedKSG(rng=0).mi((x > 0).astype(int), const).value == 0.0


def test_constant_columns_are_left_out() -> None:
    x, y = gaussian_pair(400, 0.7)
    const = np.full(400, -1.0)
    base = KSG(noise=0.0).mi(x, y)
    with pytest.warns(DataWarning, match="leaves them out"):
        wide = KSG(noise=0.0).mi(np.column_stack([x, const]), y)
    assert wide.value == base.value
    # Conditioning on a constant: I(X; Y | c) = I(X; Y).
    with pytest.warns(DataWarning, match="constant"):
        cond = KSG(noise=0.0).cmi(x, y, const)
    assert cond.value == pytest.approx(base.value, abs=1e-12)


def test_k_at_least_n_is_a_clear_error() -> None:
    x, y = gaussian_pair(5, 0.5)
    with pytest.raises(InsufficientSamplesError, match="needs at least 6 samples"):
        KSG(n_neighbors=5).mi(x, y)
    with pytest.raises(InsufficientSamplesError, match="n_samples=5"):
        KL(n_neighbors=7).entropy(x)
    with pytest.raises(InsufficientSamplesError, match="needs at least"):
        MixedKSG(n_neighbors=5).mi(np.array([0, 0, 1, 1, 1]), y)


def test_bad_algorithm() -> None:
    with pytest.raises(InvalidParameterError, match=r"'algorithm'.*'kdtree'"):
        KSG(algorithm="kdtree")


@settings(max_examples=25, deadline=None)
@given(
    data=arrays(
        np.float64,
        st.tuples(st.integers(8, 60), st.just(2)),
        elements=st.floats(-1e6, 1e6, allow_nan=False, width=32),
    ),
    k=st.integers(1, 4),
)
def test_finite_for_finite_input(data: np.ndarray, k: int) -> None:
    x, y = data[:, 0], data[:, 1]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        # n as small as 8: k / n above 5 % (and heavy tails) warn of bias.
        warnings.simplefilter("ignore", BiasWarning)
        for res in (
            KSG(n_neighbors=k, rng=0).mi(x, y),
            KSG(n_neighbors=k, variant=2, rng=0).mi(x, y),
            KSG(n_neighbors=k, rng=0).cmi(x, y, x + y),
            MixedKSG(n_neighbors=k, rng=0).mi(np.arange(len(x)) % 2, y),
        ):
            assert np.isfinite(res.value)
            assert res.local is None or np.all(np.isfinite(res.local))
