"""rank_features: univariate MI ranking, checked against scikit-learn."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

sklearn_fs = pytest.importorskip("sklearn.feature_selection")


def test_discrete_equals_sklearn_classif_exactly() -> None:
    # Both compute the plug-in MI of each feature with the labels (auto would
    # give these tables Miller-Madow, as mt.estimate does).
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 600)
    X = np.column_stack(
        [(y + rng.integers(0, s + 1, 600)) % 4 for s in range(5)]
        + [rng.integers(0, 5, 600)]
    )
    ours = mt.rank_features(X, y, method="plugin")
    theirs = sklearn_fs.mutual_info_classif(X, y, discrete_features=True)
    by_feature = ours.set_index("feature")["mi"].sort_index().to_numpy()
    np.testing.assert_allclose(by_feature, theirs, rtol=0, atol=1e-12)
    assert ours["feature"].tolist() == list(np.argsort(-theirs, kind="stable"))
    assert set(ours["method"]) == {"plugin"}


def test_continuous_agrees_with_sklearn_regression() -> None:
    # Both run KSG algorithm 1 with k=3 on columns scaled to unit variance; only
    # the 1e-10 tie-breaking noise differs, and scikit-learn clips at 0.
    rng = np.random.default_rng(1)
    n = 1000
    X = rng.normal(size=(n, 5))
    y = X[:, 0] + 0.5 * X[:, 1] ** 2 + 0.2 * X[:, 2] + 0.5 * rng.normal(size=n)
    ours = mt.rank_features(X, y, rng=0).set_index("feature").sort_index()
    theirs = sklearn_fs.mutual_info_regression(X, y, n_neighbors=3, random_state=0)
    np.testing.assert_allclose(
        np.maximum(ours["mi"].to_numpy(), 0), theirs, rtol=0, atol=1e-6
    )
    assert set(ours["method"]) == {"ksg"}


def test_continuous_features_discrete_target_agrees_with_sklearn() -> None:
    # Ross's estimator on both sides (mixed_ksg and mutual_info_classif).
    rng = np.random.default_rng(2)
    n = 900
    y = rng.integers(0, 3, n)
    X = np.column_stack([y + s * rng.normal(size=n) for s in (0.5, 1.0, 2.0, 50.0)])
    ours = mt.rank_features(X, y, rng=0).set_index("feature").sort_index()
    theirs = sklearn_fs.mutual_info_classif(X, y, n_neighbors=3, random_state=0)
    np.testing.assert_allclose(
        np.maximum(ours["mi"].to_numpy(), 0), theirs, rtol=0, atol=1e-6
    )
    assert ours.index[ours["rank"] == 1].tolist() == [0]


def test_dataframe_columns_base_and_kinds() -> None:
    frame = pd.DataFrame(
        {"a": [0, 1, 0, 1] * 25, "b": ["x", "y", "y", "x"] * 25, "c": [0, 0, 0, 1] * 25}
    )
    y = frame["a"].to_numpy()
    ranked = mt.rank_features(frame, y, base=2, method="plugin")
    assert list(ranked.columns) == ["feature", "mi", "method", "rank"]
    assert ranked["feature"].tolist()[0] == "a"
    assert ranked["mi"].iloc[0] == pytest.approx(1.0, abs=1e-12)
    assert ranked["rank"].tolist() == [1, 2, 3]


def test_selection_mi_criterion_matches_ranking() -> None:
    rng = np.random.default_rng(3)
    X = rng.normal(size=(500, 6))
    y = X @ np.array([1.0, 0.0, 0.5, 0.0, 0.25, 2.0]) + rng.normal(size=500)
    ranked = mt.rank_features(X, y, rng=4)["feature"].tolist()
    assert mt.select_features(X, y, k=6, criterion="mi", rng=4) == ranked


def test_errors() -> None:
    with pytest.raises(InvalidParameterError, match="'base' parameter"):
        mt.rank_features([[0], [1]], [0, 1], base=1)
    with pytest.raises(InvalidParameterError, match=r"'method' parameter.*'ksg'"):
        mt.rank_features([[0.0], [1.0]], [0.0, 1.0], method="ksgg")
    with pytest.raises(InvalidDataError, match="NaN"):
        mt.rank_features([[0.0], [np.nan]], [0.0, 1.0])


def test_p_values_and_q_values() -> None:
    from mutinfo.stats import fdr

    rng = np.random.default_rng(5)
    y = rng.integers(0, 2, 400)
    X = np.column_stack(
        [y ^ (rng.uniform(size=400) < 0.1), rng.integers(0, 2, (400, 3))]
    )
    ranked = mt.rank_features(X, y, pvalues=True, n_permutations=99, fdr="bh", rng=1)
    assert ranked.loc[0, "feature"] == 0
    assert ranked.loc[0, "p_value"] == pytest.approx(0.01)
    np.testing.assert_allclose(ranked["q_value"], fdr(ranked["p_value"], method="bh"))
    # The feature's own test, with the statistic of the same estimator.
    test = mt.independence_test(X[:, 0], y, n_permutations=99, rng=0)
    assert test.p_value == pytest.approx(0.01)
    again = mt.rank_features(X, y, pvalues=True, n_permutations=99, fdr="bh", rng=1)
    pd.testing.assert_frame_equal(ranked, again)
    assert "p_value" not in mt.rank_features(X, y).columns


def test_sequential_p_values_are_the_full_tests_where_small() -> None:
    # Besag-Clifford: a feature whose test never stops keeps the full test's
    # p-value (same draws); a stopped one has p = stop_after / draws >= 3 / 59.
    rng = np.random.default_rng(6)
    y = rng.integers(0, 2, 300)
    X = np.column_stack(
        [y ^ (rng.uniform(size=300) < 0.2), rng.integers(0, 3, (300, 4))]
    )
    kw = {"pvalues": True, "n_permutations": 59, "rng": 2}
    full = mt.rank_features(X, y, **kw).set_index("feature")["p_value"]
    seq = mt.rank_features(X, y, stop_after=3, **kw).set_index("feature")["p_value"]
    small = full <= 3 / 60
    assert small.loc[0]
    assert seq.loc[0] == full.loc[0] == pytest.approx(1 / 60)
    pd.testing.assert_series_equal(seq[small], full[small])
    assert (seq[~small] >= 3 / 59).all()
    assert (~small).sum() >= 3
    with pytest.raises(InvalidParameterError, match="needs pvalues=True"):
        mt.rank_features(X, y, stop_after=3)
    with pytest.raises(InvalidParameterError, match="'stop_after' parameter"):
        mt.rank_features(X, y, pvalues=True, stop_after=0)


def test_p_value_errors() -> None:
    X, y = np.zeros((10, 2), dtype=int), np.arange(10) % 2
    with pytest.raises(InvalidParameterError, match="'pvalues' parameter"):
        mt.rank_features(X, y, pvalues="yes")
    with pytest.raises(InvalidParameterError, match="needs pvalues=True"):
        mt.rank_features(X, y, fdr="bh")
    with pytest.raises(InvalidParameterError, match=r"'fdr' parameter.*'bh'"):
        mt.rank_features(X, y, pvalues=True, fdr="bhh")
    with pytest.raises(InvalidParameterError, match="'n_permutations' parameter"):
        mt.rank_features(X, y, pvalues=True, n_permutations=0)


def test_nan_omit_scores_every_feature_on_the_complete_rows() -> None:
    # As documented: listwise, so a feature with no missing value is scored
    # on the rows another feature leaves, not on all of its own rows.
    g = np.random.default_rng(0)
    n = 200
    lab = g.integers(0, 3, n)
    df = pd.DataFrame({"a": lab ^ (g.random(n) < 0.3), "b": g.normal(size=n)})
    df.loc[: n // 2, "b"] = np.nan
    ranked = mt.rank_features(df, lab, nan_policy="omit", rng=0).set_index("feature")
    keep = df["b"].notna().to_numpy()
    complete = mt.estimate("mi", df["a"][keep], lab[keep])
    assert ranked.loc["a", "method"] == complete.method
    assert ranked.loc["a", "mi"] == pytest.approx(complete.value, abs=1e-12)


@pytest.mark.parametrize("kind", ["shuffled_ints", "strings"])
def test_row_identifier_target_is_an_error(kind: str) -> None:
    # Was: every feature NaN with only a DataWarning, while forward_selection
    # raised; both now raise the same error, naming 'y' and the fix.

    g = np.random.default_rng(0)
    n = 200
    X = pd.DataFrame({"a": g.normal(size=n), "b": g.integers(0, 3, n)})
    ids = g.permutation(n)
    y = pd.Series(ids if kind == "shuffled_ints" else [f"r{i}" for i in ids], name="id")
    with pytest.raises(InvalidDataError, match=r"'y' of rank_features\(\)") as err:
        mt.rank_features(X, y, rng=0)
    text = str(err.value)
    assert "200 distinct labels in 200 rows" in text
    assert "discrete={'id': False}" in text
    with pytest.raises(InvalidDataError, match=r"'y' of forward_selection\(\)"):
        mt.select_features(X, y, k=1, rng=0)
    if kind == "shuffled_ints":  # the fix the message names
        ranked = mt.rank_features(X, y, discrete={"id": False}, rng=0)
        assert not ranked["mi"].isna().any()
