"""A row ID (labels, a different value on every row) is not estimated anywhere.

``forward_selection`` leaves it out of the candidates; ``mi_matrix`` and
``rank_features`` left its cells NaN only where the estimator refused the pair
(``mixed_ksg`` against a numeric column). Under a counting method they scored
it: ``rank_features(X, y, method="plugin")`` ranked it first at H(y) = 1.097
nats with only a BiasWarning, and ``mi_matrix`` gave every pair of it the other
column's entropy. Now its cells are NaN under every method, with one
DataWarning naming it and the fix, and every other cell is unchanged.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import BiasWarning, DataWarning, InvalidDataError
from mutinfo.selection import forward_selection
from tests.conftest import row_id_table


def _id_warnings(rec: list[warnings.WarningMessage]) -> list[str]:
    return [
        str(w.message)
        for w in rec
        if issubclass(w.category, DataWarning)
        and str(w.message).startswith("Column 'id' has a different label")
    ]


CASES = [("plugin", True), ("auto", True), ("auto", False)]


@pytest.mark.parametrize(("method", "binned"), CASES)
def test_rank_features_leaves_the_id_nan(method: str, binned: bool) -> None:
    # Was (plugin, binned): id first at 1.0974 nats (= H(y)), x1 0.218, x2
    # 0.212, attrs["not_estimated"] == {}; (auto): id last at 2.8e-8 nats
    # (dirichlet_product) with a BiasWarning only.
    X, y = row_id_table(binned)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        ranked = mt.rank_features(X, y, method=method, rng=0)
    said = _id_warnings(rec)
    assert len(said) == 1
    assert "discrete={'id': False}" in said[0]
    assert not [w for w in rec if issubclass(w.category, BiasWarning)]
    assert ranked["feature"].tolist() == ["x1", "x2", "id"]
    assert np.isnan(ranked["mi"].iloc[2])
    assert list(ranked.attrs["not_estimated"]) == ["id"]
    assert "row identifier" in ranked.attrs["not_estimated"]["id"]
    # the other features' values are those without the column, bit for bit
    alone = mt.rank_features(X[["x1", "x2"]], y, method=method, rng=0)
    assert ranked["mi"].iloc[:2].tolist() == alone["mi"].tolist()


@pytest.mark.parametrize(("method", "binned"), CASES)
def test_matrix_leaves_every_pair_of_the_id_nan(method: str, binned: bool) -> None:
    # Was (plugin, binned): I(x1; id) = H(x1) = 1.386, I(id; y) = H(y) =
    # 1.097, no DataWarning, not_estimated empty.
    X, y = row_id_table(binned)
    table = X.assign(y=y)
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        m = mt.mi_matrix(table, method=method, rng=0, pvalues=True, n_permutations=9)
    assert len(_id_warnings(rec)) == 1
    assert not [w for w in rec if issubclass(w.category, BiasWarning)]
    assert m.mi["id"].isna().all()
    assert m.p_values["id"].isna().all()
    assert sorted(map(tuple, m.not_estimated[["x", "y"]].values.tolist())) == [
        ("id", "y"),
        ("x1", "id"),
        ("x2", "id"),
    ]
    rest = mt.mi_matrix(
        table.drop(columns="id"), method=method, rng=0, pvalues=True, n_permutations=9
    )
    cols = ["x1", "x2", "y"]
    np.testing.assert_array_equal(m.mi.loc[cols, cols], rest.mi)
    np.testing.assert_array_equal(m.p_values.loc[cols, cols], rest.p_values)
    assert rest.not_estimated.empty


def test_explicit_discrete_true_is_read_as_labels_as_selection_does() -> None:
    # forward_selection leaves a row ID out even with discrete=True for it
    # (labels with a different value on every row); the ranking matches.
    X, y = row_id_table(binned=True)
    flags = {"x1": True, "x2": True, "id": True}
    with pytest.warns(DataWarning, match="'id' of 'X'"):
        sel = forward_selection(X, y, k=1, method="plugin", discrete=flags)
    assert list(sel.not_estimated) == ["id"]
    with pytest.warns(DataWarning, match="Column 'id' has a different label"):
        ranked = mt.rank_features(X, y, method="plugin", discrete=flags)
    assert list(ranked.attrs["not_estimated"]) == ["id"]


def test_discrete_false_reads_the_id_as_numbers() -> None:
    # the fix the warning names: read as numbers, the column is estimated
    X, y = row_id_table(binned=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        ranked = mt.rank_features(X, y, discrete={"id": False}, rng=0)
        m = mt.mi_matrix(X.assign(y=y), discrete={"id": False}, rng=0)
    assert ranked["mi"].notna().all()
    assert ranked.attrs["not_estimated"] == {}
    assert m.not_estimated.empty


def test_array_column_is_named_by_position() -> None:
    X, y = row_id_table(binned=True)
    with pytest.warns(DataWarning, match=r"discrete=\{'X\[2\]': False\}"):
        ranked = mt.rank_features(X.to_numpy(), y, method="plugin")
    assert ranked["feature"].tolist()[-1] == 2
    assert list(ranked.attrs["not_estimated"]) == [2]


def test_forward_selection_refuses_a_row_id_target() -> None:
    # Was (plugin): every feature scored its own entropy against the ID
    # target and the highest-entropy feature was picked.
    X, _ = row_id_table(binned=True)
    target = pd.Series(np.arange(len(X)) * 3, name="t")
    with pytest.raises(InvalidDataError, match=r"target .*discrete=\{'t': False\}"):
        forward_selection(X[["x1", "x2"]], target, k=1, method="plugin")
