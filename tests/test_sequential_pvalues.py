"""Sequential permutation p-values (Besag and Clifford 1991) of the tests and matrix.

The sequential test is exact: under independence its p-values are
super-uniform (``P(p <= u) <= u``); a run that does not stop gives the full
test's p-value from the same draws; its results do not depend on ``n_jobs``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import mutinfo as mt
from mutinfo._parallel import execute
from mutinfo.exceptions import InvalidParameterError
from mutinfo.stats._sequential import sequential_p_value, stopping_draw


def _draw(item: int, rng: np.random.Generator) -> float:
    return float(item + rng.standard_normal())


def test_execute_offset_continues_the_streams_of_one_call() -> None:
    whole = execute(_draw, range(20), entropy=7)
    parts = execute(_draw, range(8), entropy=7) + execute(
        _draw, range(8, 20), entropy=7, offset=8, n_jobs=2, tile_size=3
    )
    assert parts == whole


def test_helper_values_by_hand() -> None:
    null = np.array([0.1, 0.5, 0.2, 0.7, 0.9, 0.6])
    assert stopping_draw(null, 0.4, 3) == 5
    assert sequential_p_value(null, 0.4, 6, 3) == 3 / 5
    # never 3 exceedances: the full test's (1 + 1) / (1 + 6)
    assert sequential_p_value(np.array([0.1, 0.5, 0.2]), 0.4, 3, 3) == 2 / 4
    # a tie (to rounding) counts as an exceedance, as in the full test
    assert stopping_draw(np.array([0.4 + 1e-13]), 0.4, 1) == 1


def _pair(n: int, rng: np.random.Generator, coupling: float) -> tuple[np.ndarray, ...]:
    x = rng.normal(size=n)
    return x, coupling * x + rng.normal(size=n)


@pytest.mark.parametrize("method", ["ksg", "gaussian"])
def test_draws_are_the_full_tests_and_unstopped_runs_equal_it(method: str) -> None:
    rng = np.random.default_rng(4)
    stopped = 0
    for coupling in [0.0, 0.0, 0.0, 1.0]:
        x, y = _pair(80, rng, coupling)
        full = mt.independence_test(x, y, method=method, n_permutations=99, rng=5)
        seq = [
            mt.independence_test(
                x,
                y,
                method=method,
                n_permutations=99,
                rng=5,
                stop_after=10,
                n_jobs=n_jobs,
            )
            for n_jobs in (1, 2)
        ]
        assert seq[0].p_value == seq[1].p_value
        np.testing.assert_array_equal(
            seq[0].null_distribution, seq[1].null_distribution
        )
        drawn = seq[0].n_permutations
        # the sequential draws are the first draws of the full test
        np.testing.assert_array_equal(
            seq[0].null_distribution, full.null_distribution[:drawn]
        )
        assert seq[0].statistic == full.statistic
        if drawn < 99:  # stopped at the 10th exceedance: p = 10 / draws
            stopped += 1
            assert seq[0].p_value == 10 / drawn
            assert full.p_value >= 10 / 100  # the full test had >= 10 too
        else:  # never stopped: the full test's p-value
            assert seq[0].p_value == full.p_value
    assert stopped >= 1  # an independent pair stopped early


def test_super_uniform_under_independence() -> None:
    """400 sequential tests of independent pairs: P(p <= u) <= u (binomial)."""
    rng = np.random.default_rng(11)
    p = np.array(
        [
            mt.independence_test(
                *_pair(40, rng, 0.0),
                method="gaussian",
                n_permutations=99,
                stop_after=5,
                rng=int(rng.integers(2**31)),
            ).p_value
            for _ in range(400)
        ]
    )
    for u in (0.05, 0.1, 0.25, 0.5):
        hits = int(np.count_nonzero(p <= u))
        # one-sided binomial test of P(p <= u) > u at level 0.001
        assert stats.binomtest(hits, p.size, u, alternative="greater").pvalue > 1e-3
    # the whole CDF: one-sided KS of F(u) > u somewhere (the p-values are
    # discrete, so a two-sided test of uniformity would reject correctly)
    assert stats.kstest(p, "uniform", alternative="greater").pvalue > 1e-3
    # and not degenerate: most independent pairs stop early with a large p
    assert 0.35 < float(np.mean(p)) < 0.75


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 150
    a = rng.normal(size=n)
    return pd.DataFrame(
        {
            "a": a,
            "b": a + rng.normal(size=n),
            "c": rng.normal(size=n),
            "d": rng.normal(size=n),
            "code": np.digitize(a, [-1, 0, 1]),
            "label": np.where(rng.normal(size=n) > 0, "u", "v"),
        }
    )


def test_matrix_sequential_p_values_equal_the_full_below_the_threshold() -> None:
    frame = _frame()
    kw = {"pvalues": True, "n_permutations": 49, "rng": 3}
    full = mt.mi_matrix(frame, **kw).p_values
    seq = mt.mi_matrix(frame, stop_after=5, **kw).p_values
    seq2 = mt.mi_matrix(frame, stop_after=5, n_jobs=2, tile_size=2, **kw).p_values
    assert full is not None
    assert seq is not None
    assert seq2 is not None
    pd.testing.assert_frame_equal(seq, seq2)
    upper = np.triu_indices(len(frame.columns), k=1)
    f, s = full.to_numpy()[upper], seq.to_numpy()[upper]
    # a run that never stopped has p = (1 + g) / 50 with g <= 4, so p <= 5 / 50;
    # a stopped one has p = 5 / draws >= 5 / 49
    small = s <= 5 / 50 + 1e-12
    assert small.any()
    assert (~small).any()
    np.testing.assert_array_equal(s[small], f[small])
    # a stopped pair had >= 5 exceedances in the full run too
    assert np.all(f[~small] >= 5 / 50)
    with pytest.raises(InvalidParameterError, match="stop_after"):
        mt.mi_matrix(frame, stop_after=5)


def test_report_uses_sequential_p_values_and_says_so() -> None:
    frame = _frame().drop(columns="code")
    r = mt.report(
        frame, rng=1, n_permutations=19, n_resamples=10, max_intervals=1, stop_after=3
    )
    matrix = mt.mi_matrix(
        frame,
        pvalues=True,
        n_permutations=19,
        stop_after=3,
        fdr="bh",
        discrete=[False, False, False, False, True],
        nan_policy="omit",
        rng=r.params["seeds"]["matrix"],
    )
    assert r.matrix.p_values is not None
    assert matrix.p_values is not None
    pd.testing.assert_frame_equal(r.matrix.p_values, matrix.p_values)
    assert "Besag and Clifford" in r.to_markdown()
    assert r.params["stop_after"] == 3


def test_report_can_test_on_a_row_subsample_and_says_so() -> None:
    from mutinfo.reporting._build import sample_test_rows

    frame = _frame().drop(columns="code")
    kw = {"n_permutations": 19, "n_resamples": 10, "max_intervals": 1}
    r = mt.report(frame, target="label", k=1, rng=1, test_rows=60, stop_after=3, **kw)
    seed = r.params["seeds"]["matrix"]
    common = {
        "discrete": [False, False, False, False, True],
        "nan_policy": "omit",
        "rng": seed,
    }
    # MI on every row, p- and q-values on the subsample, each the public function's
    pd.testing.assert_frame_equal(r.matrix.mi, mt.mi_matrix(frame, **common).mi)
    rows = sample_test_rows(len(frame), 60, seed)
    assert rows.size == 60
    tested = mt.mi_matrix(
        frame.iloc[rows],
        pvalues=True,
        n_permutations=19,
        stop_after=3,
        fdr="bh",
        **common,
    )
    assert r.matrix.q_values is not None
    assert tested.q_values is not None
    pd.testing.assert_frame_equal(r.matrix.q_values, tested.q_values)
    assert "random subsample of 60 of the 150 rows" in r.to_markdown()
    # the ranking likewise: MI on every row, p- and q-values on the same rows
    features, label = frame.drop(columns="label"), frame["label"]
    ranked = {
        "discrete": ([False] * 4, True),
        "rng": r.params["seeds"]["matrix"],  # the ranking runs with the matrix seed
        "n_permutations": 19,
    }
    assert r.ranking is not None
    pd.testing.assert_frame_equal(
        r.ranking[["feature", "mi", "method", "rank"]],
        mt.rank_features(features, label, **ranked),
    )
    on_rows = mt.rank_features(
        features.iloc[rows],
        label.iloc[rows],
        pvalues=True,
        stop_after=3,
        fdr="bh",
        **ranked,
    ).set_index("feature")
    for column in ("p_value", "q_value"):
        np.testing.assert_array_equal(
            r.ranking[column], on_rows.loc[r.ranking["feature"], column]
        )
    assert "the matrix and the ranking on a random subsample" in r.to_markdown()
    # a table no larger than test_rows is tested on every row
    small = mt.report(frame, rng=1, test_rows=150, stop_after=3, **kw)
    assert small.params["tested_rows"] is None
