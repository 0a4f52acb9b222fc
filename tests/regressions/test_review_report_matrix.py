"""Regressions: report() against mi_matrix() with NaN, and row-identifier columns."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo._validation import MAX_LABEL_VALUES, check_samples
from mutinfo.exceptions import DataWarning
from mutinfo.selection._criteria import order_by_score

# --- 1. an integer column's kind hung on the other columns' missing rows ---


def _near_threshold() -> pd.DataFrame:
    """An integer measurement with 112 distinct values, 93 on the complete rows."""
    rng = np.random.default_rng(0)
    n = 300
    base = rng.normal(size=n)
    code = np.round(base * 30).astype(np.int64)
    y = base + 0.5 * rng.normal(size=n)
    y[rng.choice(n, 120, replace=False)] = np.nan
    frame = pd.DataFrame({"code": code, "y": y})
    assert frame["code"].nunique() > MAX_LABEL_VALUES
    assert frame.dropna()["code"].nunique() <= MAX_LABEL_VALUES
    return frame


def test_integer_kind_is_decided_on_the_rows_where_the_column_is_present() -> None:
    frame = _near_threshold()
    with pytest.warns(DataWarning, match="112 distinct values"):
        code, _ = check_samples(
            {"x": frame["code"], "y": frame["y"]}, nan_policy="omit"
        )
    # Before: read as labels on the 180 complete rows (93 distinct values).
    assert code.discrete == (False,)
    assert mt.column_kinds(frame)["kind"].tolist()[0] == "integer measurement"


def test_report_value_equals_the_matrix_cell_with_missing_rows() -> None:
    frame = _near_threshold()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)  # integers read as numbers
        r = mt.report(frame, pvalues=False, max_intervals=0, rng=0)
        m = mt.mi_matrix(frame, nan_policy="omit", rng=r.params["seeds"]["matrix"])
    # Before: report 0.944 nats (ksg, 'code' as numbers, as column_kinds says)
    # against the matrix's 0.643 (mixed_ksg, 'code' as labels on 180 rows).
    assert m.methods.loc["code", "y"] == r.matrix.methods.loc["code", "y"] == "ksg"
    assert m.mi.loc["code", "y"] == r.matrix.mi.loc["code", "y"]
    assert r.pairs["mi"].iloc[0] == m.mi.loc["code", "y"]


# --- 2. one row-identifier column stopped the whole matrix / ranking ---


def _with_identifier() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 120
    x = rng.normal(size=n)
    return pd.DataFrame(
        {
            "id": np.arange(n),
            "x": x,
            "y": x + rng.normal(size=n),
            "lab": rng.integers(0, 3, n),
        }
    )


def _identifier_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [
        str(w.message)
        for w in caught
        if issubclass(w.category, DataWarning)
        and str(w.message).startswith("Column 'id' has a different label")
    ]


def test_matrix_leaves_identifier_pairs_nan_and_says_so() -> None:
    frame = _with_identifier()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = mt.mi_matrix(frame, rng=0, pvalues=True, n_permutations=9, fdr="bh")
    assert len(_identifier_warnings(caught)) == 1  # once, for both pairs
    assert np.isnan(m.mi.loc["id", "x"])
    assert np.isnan(m.mi.loc["y", "id"])
    assert np.isnan(m.p_values.loc["id", "x"])
    assert np.isnan(m.q_values.loc["id", "y"])
    # every pair of the ID, its pair with the label column 'lab' too (was
    # counted: dirichlet_product, a near-0 number with a BiasWarning)
    assert sorted(zip(m.not_estimated["x"], m.not_estimated["y"], strict=True)) == [
        ("id", "lab"),
        ("id", "x"),
        ("id", "y"),
    ]
    assert m.not_estimated["reason"].str.contains("row identifier").all()
    assert "3 pairs not estimated" in repr(m)
    # The other pairs are those of the matrix without the column.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        rest = mt.mi_matrix(
            frame[["x", "y", "lab"]], rng=0, pvalues=True, n_permutations=9, fdr="bh"
        )
    cols = ["x", "y", "lab"]
    np.testing.assert_array_equal(m.mi.loc[cols, cols], rest.mi)
    np.testing.assert_array_equal(m.p_values.loc[cols, cols], rest.p_values)
    assert np.isnan(m.mi.loc["id", "lab"])  # not counted either
    assert rest.not_estimated.empty
    assert list(rest.not_estimated.columns) == ["x", "y", "reason"]


def test_rank_features_ranks_the_others_and_lists_the_identifier() -> None:
    frame = _with_identifier()
    with pytest.warns(DataWarning, match=r"Column 'id' has a different label"):
        ranked = mt.rank_features(
            frame[["id", "x", "lab"]],
            frame["y"],
            rng=0,
            pvalues=True,
            n_permutations=9,
            fdr="bh",
        )
    assert ranked["feature"].tolist() == ["x", "lab", "id"]  # NaN last
    last = ranked.iloc[-1]
    assert np.isnan(last["mi"])
    assert np.isnan(last["p_value"])
    assert np.isnan(last["q_value"])
    assert list(ranked.attrs["not_estimated"]) == ["id"]
    assert "row identifier" in ranked.attrs["not_estimated"]["id"]
    others = mt.rank_features(frame[["x", "lab"]], frame["y"], rng=0)
    assert ranked["mi"].iloc[:2].tolist() == others["mi"].tolist()
    assert others.attrs["not_estimated"] == {}


def test_forward_selection_names_the_identifier() -> None:
    # Was: InvalidDataError at the second step (the ID's redundancy with a
    # numeric column is not estimated). The ID is now left out of the
    # candidates up front, named once, and the others are selected.
    frame = _with_identifier()
    with pytest.warns(DataWarning, match="'id' of 'X' have .*row identifier"):
        sel = mt.selection.forward_selection(
            frame[["id", "x", "lab"]], frame["y"], k=2, rng=0
        )
    assert set(sel.features) == {"x", "lab"}
    assert list(sel.not_estimated) == ["id"]
    others = mt.selection.forward_selection(frame[["x", "lab"]], frame["y"], k=2, rng=0)
    assert sel.features == others.features
    assert sel.scores == others.scores


def test_nan_scores_rank_last() -> None:
    # Before: [0.2, nan, -0.03] ranked the NaN second.
    assert order_by_score(np.array([0.2, np.nan, -0.03])).tolist() == [0, 2, 1]
    assert order_by_score(np.array([np.nan, 0.2, np.nan])).tolist() == [1, 0, 2]
