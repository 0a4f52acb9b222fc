"""Review regressions (h4-rev-stats): the statistics layer's silent wrong numbers.

``mi_matrix(..., method="ksg", pvalues=True)`` gave each pair the p-value of
another estimate than the one in ``.mi``: the matrix adds KSG's tie-breaking
noise once per column, the pair's test re-noised the raw columns with the
pair's own stream. On tied columns the two differ (three heavily tied columns
at n = 200: ``.mi`` 0.2075 nats, its p-value that of 0.1505).
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
import mutinfo.stats
from mutinfo.exceptions import MutinfoWarning


@pytest.mark.parametrize("with_z", [False, True])
def test_mi_matrix_ksg_pvalue_tests_the_reported_mi(monkeypatch, with_z) -> None:
    g = np.random.default_rng(1)
    n = 120
    z = np.round(g.standard_normal(n), 1)
    a = np.round(z + g.standard_normal(n), 1)
    frame = pd.DataFrame(
        {
            "a": a,
            "b": np.round(a + z + g.standard_normal(n), 1),
            "c": np.round(g.standard_normal(n), 1),
            "z": z,
        }
    )
    seen = []
    test = mutinfo.stats.independence_test

    def recording(*args, **kwargs):
        res = test(*args, **kwargs)
        seen.append(res)
        return res

    monkeypatch.setattr(mutinfo.stats, "independence_test", recording)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MutinfoWarning)
        m = mt.mi_matrix(
            frame,
            columns=["a", "b", "c"],
            z=["z"] if with_z else None,
            method="ksg",
            pvalues=True,
            n_permutations=19,
            rng=2,
        )
    upper = np.triu_indices(3, 1)
    reported = m.mi.to_numpy()[upper]
    assert sorted(r.statistic for r in seen) == sorted(reported.tolist())
    for res in seen:
        exceed = np.count_nonzero(res.null_distribution >= res.statistic)
        assert res.p_value == (1 + exceed) / 20


@pytest.mark.parametrize("method", ["ksg", "auto"])
def test_rank_features_pvalue_tests_the_reported_mi(monkeypatch, method) -> None:
    # The reported 'mi' comes from the matrix plan (noise per column, one
    # stream per pair); the test re-estimated with a stream of its own:
    # feature 'a' read mi 0.2967 with the p-value of 0.3097, 'd' 0.0009 with
    # that of -0.0296 (ksg) and -0.0331 with that of -0.0017 (auto: mixed_ksg).
    g = np.random.default_rng(1)
    n = 150
    a = np.round(g.standard_normal(n), 1)
    target = np.round(a + g.standard_normal(n), 1)
    X = pd.DataFrame(
        {
            "a": a,
            "b": np.round(g.standard_normal(n), 1),
            "d": g.integers(0, 3, n),
        }
    )
    seen = []
    test = mutinfo.stats.independence_test

    def recording(*args, **kwargs):
        res = test(*args, **kwargs)
        seen.append(res)
        return res

    monkeypatch.setattr(mutinfo.stats, "independence_test", recording)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MutinfoWarning)
        ranked = mt.rank_features(
            X, target, method=method, pvalues=True, n_permutations=19, rng=0
        )
    assert [r.statistic for r in seen] == ranked["mi"].tolist()
    assert [r.p_value for r in seen] == ranked["p_value"].tolist()


def test_transfer_entropy_test_with_a_generator_does_not_depend_on_n_jobs() -> None:
    # The TE statistic used the estimator's own Generator in every surrogate,
    # shared by the worker threads: each surrogate's tie-breaking noise came in
    # the order the threads ran (null sum -0.0557 with n_jobs=1, -0.0774 with
    # n_jobs=2, same rng). Each surrogate now draws from its own stream.
    from mutinfo import timeseries as ts

    g = np.random.default_rng(0)
    n = 300
    x = np.round(g.standard_normal(n), 1)
    y = np.r_[0, 0.4 * x[:-1]] + np.round(g.standard_normal(n), 1)
    runs = []
    for n_jobs in (1, 2, 1):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MutinfoWarning)
            runs.append(
                ts.transfer_entropy_test(
                    x,
                    y,
                    method="ksg",
                    n_permutations=39,
                    rng=np.random.default_rng(0),
                    n_jobs=n_jobs,
                )
            )
    for res in runs[1:]:
        assert res.statistic == runs[0].statistic
        np.testing.assert_array_equal(res.null_distribution, runs[0].null_distribution)


def test_public_surrogates_refuse_bad_lengths() -> None:
    # circular_shift(min_shift=0) drew shifts in [0, n], so 2 of 6 draws at
    # n = 5 returned the data itself as its surrogate (min_shift=-1 alike);
    # block_permute raised a raw ZeroDivisionError (0), ValueError (-1) or
    # TypeError (2.5).
    from mutinfo.exceptions import InvalidParameterError

    y = np.arange(5)
    for bad in (0, -1, 2.5, True):
        with pytest.raises(InvalidParameterError, match="'min_shift' parameter"):
            mt.stats.circular_shift(y, 0, min_shift=bad)
        with pytest.raises(InvalidParameterError, match="'block_length' parameter"):
            mt.stats.block_permute(y, 0, block_length=bad)
    for seed in range(20):
        assert mt.stats.circular_shift(y, seed).tolist() != y.tolist()
    assert sorted(mt.stats.block_permute(y, 0, block_length=np.int64(2))) == [
        0,
        1,
        2,
        3,
        4,
    ]


def test_a_huge_n_permutations_is_refused_by_name() -> None:
    # 10**15 surrogates raised a bare MemoryError while their list was built.
    x = np.arange(10.0)
    with pytest.raises(mt.InvalidParameterError, match="n_permutations"):
        mt.independence_test(x, x, n_permutations=10**15)
    with pytest.raises(mt.InvalidParameterError, match="n_permutations"):
        mt.mi_matrix(np.column_stack([x, x[::-1]]), n_permutations=10**15)
