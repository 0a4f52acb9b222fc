"""ts.te_matrix's vectorised Gaussian path: the per-pair values, Granger's F-test."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidDataError, InvalidParameterError


def coupled(n: int, p: int, seed: int) -> np.ndarray:
    g = np.random.default_rng(seed)
    x = g.standard_normal((n, p))
    for t in range(1, n):  # series j-1 drives series j, each its own AR(1)
        x[t] += 0.4 * x[t - 1] + 0.3 * np.roll(x[t - 1], 1)
    return x


@pytest.mark.parametrize(
    "embedding",
    [
        {"k": 1, "l": 1, "delay": 1},
        {"k": 2, "l": 3, "delay": 2, "k_tau": 2, "l_tau": 1},
    ],
)
@pytest.mark.parametrize("bias_correction", [True, False])
def test_equals_the_per_pair_path(embedding: dict, bias_correction: bool) -> None:
    x = coupled(600, 4, seed=1)
    parts = [x[:250], x[250:]]  # realisations, never embedded across the join
    m = ts.te_matrix(
        parts, method="gaussian", base=2, bias_correction=bias_correction, **embedding
    )
    assert m.unit == "bits"
    assert set(m.methods.to_numpy()[~np.eye(4, dtype=bool)]) == {"gaussian"}
    for i in range(4):
        for j in range(4):
            if i == j:
                continue
            res = ts.estimate(
                "te",
                [a[:, i] for a in parts],
                [a[:, j] for a in parts],
                method="gaussian",
                base=2,
                bias_correction=bias_correction,
                **embedding,
            )
            assert m.te.iloc[i, j] == pytest.approx(res.value, abs=1e-10, rel=0)
            assert m.n_steps == res.extras["n_steps"]


def test_f_test_equals_statsmodels_granger() -> None:
    pytest.importorskip("statsmodels")
    from statsmodels.tsa.stattools import grangercausalitytests

    x = coupled(400, 3, seed=2)
    for lag in (1, 2):
        m = ts.te_matrix(
            x, method="gaussian", k=lag, l=lag, pvalues=True, surrogate="analytic"
        )
        assert m.p_values is not None
        for i, j in ((0, 1), (1, 0), (2, 1)):
            got = grangercausalitytests(x[:, [j, i]], maxlag=[lag])
            _, p_value, _, _ = got[lag][0]["ssr_ftest"]
            assert m.p_values.iloc[i, j] == pytest.approx(p_value, rel=1e-8, abs=1e-14)
    assert m.q_values is not None
    assert m.params["surrogate"] == "analytic"


def test_f_test_p_values_uniform_without_coupling() -> None:
    g = np.random.default_rng(3)
    x = g.standard_normal((500, 12))
    for t in range(1, 500):
        x[t] += 0.5 * x[t - 1]  # autocorrelated, not coupled
    m = ts.te_matrix(x, method="gaussian", pvalues=True, surrogate="analytic", fdr=None)
    assert m.p_values is not None
    pv = m.p_values.to_numpy()[~np.eye(12, dtype=bool)]
    assert sps.kstest(pv, "uniform").pvalue > 0.01


def test_falls_back_or_refuses_cleanly() -> None:
    x = coupled(300, 3, seed=4)
    with pytest.raises(InvalidParameterError, match="analytic"):
        ts.te_matrix(x, method="ksg", pvalues=True, surrogate="analytic")
    x[10, 0] = np.nan
    with pytest.raises(InvalidDataError, match="analytic"):
        ts.te_matrix(x, method="gaussian", pvalues=True, surrogate="analytic")
    # NaN gaps: the per-pair path with its nan policy, as before.
    m = ts.te_matrix(x, method="gaussian", nan_policy="omit")
    assert np.isfinite(m.te.to_numpy()[~np.eye(3, dtype=bool)]).all()


def test_surrogate_null_equals_the_per_pair_statistic() -> None:
    import mutinfo as mt
    from mutinfo.timeseries._linear import _prepare, surrogate_te

    x = coupled(300, 3, seed=5)
    series = [[x[:, c]] for c in range(3)]
    prep = _prepare(series, k=2, k_tau=1, l=1, l_tau=1, delay=1)
    assert prep is not None
    orders = [np.random.default_rng(s).permutation(prep.n) for s in range(3)]
    null = surrogate_te(prep, orders, bias=True)
    for b, order in enumerate(orders):
        for pair, (i, j) in enumerate(zip(prep.src, prep.tgt, strict=True)):
            e = ts.embed(x[:, j], x[:, i], k=2)
            want = mt.estimate(
                "cmi", e.future, e.source_past[order], e.target_past, method="gaussian"
            ).value
            assert null[b, pair] == pytest.approx(want, abs=1e-10, rel=0)


@pytest.mark.parametrize("surrogate", ["permute", "block", "circular"])
def test_surrogate_p_values(surrogate: str) -> None:
    x = coupled(400, 4, seed=6)
    x[:, 3] = np.random.default_rng(7).standard_normal(400)  # no coupling
    kw = {"method": "gaussian", "pvalues": True, "surrogate": surrogate, "rng": 0}
    m = ts.te_matrix(x, n_permutations=19, **kw)
    assert m.p_values is not None
    assert m.p_values.iloc[0, 1] == m.p_values.iloc[1, 2] == 0.05  # the smallest
    assert m.p_values.iloc[3, 0] > 0.05  # series 3 drives nothing
    assert m.params["surrogate"] == surrogate
    assert ts.te_matrix(x, n_permutations=19, **kw).p_values.equals(m.p_values)


def test_surrogate_p_values_uniform_without_coupling() -> None:
    g = np.random.default_rng(8)
    x = g.standard_normal((400, 8))
    for t in range(1, 400):
        x[t] += 0.5 * x[t - 1]
    m = ts.te_matrix(x, method="gaussian", pvalues=True, n_permutations=99, rng=1)
    assert m.p_values is not None
    pv = m.p_values.to_numpy()[~np.eye(8, dtype=bool)]
    assert sps.kstest(pv, "uniform").pvalue > 0.01
    assert 0.3 < pv.mean() < 0.7


def test_circular_p_values_count_each_shift_once() -> None:
    # 20 rows: 19 embedded rows, default least shift 3, so 14 distinct
    # shifts. Drawn 99 times with replacement they gave a coupled pair
    # p = 0.01, below the 1 / 15 that 14 shifts can show.
    x = coupled(20, 2, seed=3)
    x[:, 1] = np.roll(x[:, 0], 1) + 0.01 * np.random.default_rng(0).normal(size=20)
    m = ts.te_matrix(
        x,
        method="gaussian",
        pvalues=True,
        surrogate="circular",
        n_permutations=99,
        rng=0,
    )
    assert m.p_values is not None
    assert m.p_values.iloc[0, 1] == pytest.approx(1 / 15)
