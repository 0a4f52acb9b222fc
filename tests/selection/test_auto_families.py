"""Selection under ``method="auto"``: every term gets the family mt.estimate gives it.

Relevance ``I(X_j; Y)`` of label columns is the counting family the sampling
rule picks for the pair (Miller-Madow, Grassberger, dirichlet_product, ...),
equal in value and method to ``mt.estimate("mi", X_j, y)``; conditional terms
get the rule for their own three-way table.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import BiasWarning, DataWarning
from mutinfo.selection import forward_selection


def label_table(n: int, ky: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Label columns of 2-100 values, a code on two rows each, a row ID, a copy."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, ky, n)
    cols = {f"k{k}": (y + rng.integers(0, k, n)) % k for k in (2, 3, 5, 10, 20, 100)}
    cols["pair_id"] = rng.permutation(np.repeat(np.arange(n // 2), 2))
    cols["row_id"] = np.arange(n)
    cols["copy"] = y.copy()
    return pd.DataFrame(cols), y


@pytest.mark.parametrize("ky", [2, 5, 12])
def test_auto_relevance_equals_estimate_for_labels_of_many_sizes(ky: int) -> None:
    X, y = label_table(300, ky, seed=ky)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)
        with pytest.warns(DataWarning, match="'row_id' has a different label"):
            ranked = mt.rank_features(X, y).set_index("feature")
        # The columns are codes: discrete=True says so (auto reads them as
        # labels too, and warns on 10-100-value pairs that the product prior
        # would flatten rounded measurements).
        expected = {
            c: mt.estimate("mi", X[c].to_numpy(), y, discrete=True)
            for c in X.columns
            if c != "row_id"  # not estimated (test_row_id_is_not_estimated)
        }
    assert np.isnan(ranked.loc["row_id", "mi"])
    for c, res in expected.items():
        assert ranked.loc[c, "method"] == res.method, c
        assert ranked.loc[c, "mi"] == pytest.approx(res.value, abs=1e-12), c
    # the table sizes reach several families of the rule
    families = set(ranked["method"])
    assert {"miller_madow", "grassberger"} & families
    if ky == 12:
        assert "dirichlet_product" in families


def test_auto_relevance_equals_estimate_on_mixed_tables() -> None:
    rng = np.random.default_rng(5)
    n = 300
    y = rng.integers(0, 3, n)
    X = pd.DataFrame(
        {
            "cont": y + rng.normal(size=n),
            "labels": (y + rng.integers(0, 2, n)) % 3,
            "many": rng.integers(0, 60, n),
            "tied": np.round(rng.normal(size=n)),
            "noise": rng.normal(size=n),
        }
    )
    y_cont = y + rng.normal(size=n)
    for target in (y, y_cont):
        ranked = mt.rank_features(X, target, rng=1).set_index("feature")
        for c in X.columns:
            res = mt.estimate("mi", X[c].to_numpy(), target, rng=1)
            assert ranked.loc[c, "method"] == res.method, c
            if c != "tied":  # tie-breaking noise draws from other streams
                assert ranked.loc[c, "mi"] == pytest.approx(res.value, abs=1e-12), c


def test_auto_conditional_terms_use_the_rule_of_their_own_table() -> None:
    rng = np.random.default_rng(2)
    n = 300
    y = rng.integers(0, 4, n)
    X = np.column_stack(
        [
            (y + rng.integers(0, 2, n)) % 4,
            rng.integers(0, 6, n),
            (y // 2 + rng.integers(0, 2, n)) % 5,
        ]
    )
    jmi = forward_selection(X, y, k=2, criterion="jmi")
    first, second = jmi.indices
    cmi = mt.estimate("cmi", X[:, second], y, X[:, first])
    relevance = mt.estimate("mi", X[:, first], y)
    assert cmi.method != "plugin"  # 4 x 4 x 5 cells at n = 300
    assert jmi.scores[1] == pytest.approx(cmi.value, abs=1e-12)
    jmim = forward_selection(X, y, k=2, criterion="jmim")
    assert jmim.indices == jmi.indices
    assert jmim.scores[1] == pytest.approx(relevance.value + cmi.value, abs=1e-12)


def test_plugin_bias_no_longer_picks_many_valued_noise() -> None:
    # Informative labels beside noise of 100 values and a code on two rows
    # each: the plug-in relevance of the code is about (n/2 - 1) / 2n nats.
    rng = np.random.default_rng(0)
    n = 500
    y = rng.integers(0, 2, n)
    X = pd.DataFrame(
        {
            "inf_a": np.where(rng.uniform(size=n) < 0.15, rng.integers(0, 2, n), y),
            "inf_b": np.where(rng.uniform(size=n) < 0.25, rng.integers(0, 3, n), y),
            "inf_c": np.where(rng.uniform(size=n) < 0.35, rng.integers(0, 2, n), y),
            "noise": rng.integers(0, 3, n),
            "many": rng.integers(0, 100, n),
            "pair_id": rng.permutation(np.repeat(np.arange(n // 2), 2)),
        }
    )
    informative = {"inf_a", "inf_b", "inf_c"}
    with pytest.warns(BiasWarning, match="'plugin'"):
        plug = mt.select_features(X, y, k=3, criterion="jmi", method="plugin")
    assert "pair_id" in plug
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)
        for criterion in ("mi", "mrmr", "mrmr_quotient"):
            picked = mt.select_features(X, y, k=3, criterion=criterion)
            assert set(picked) == informative, criterion
    # Not JMI/CMIM/JMIM on this draw: I(pair_id; y | inf_a) gets NSB (1,000
    # cells at n = 500), whose 0.10 nats (plug-in 0.20, truth 0) beat inf_c's
    # 0.03 (rates over draws: benchmarks/selection_labels.py).


@pytest.mark.parametrize("method", ["auto", "plugin"])
def test_row_id_is_not_estimated(method: str) -> None:
    # Was: rank_features scored a row ID as mt.estimate does, its target's
    # entropy under every entropy-based family (plugin: ranked first at
    # H(y)), or about 0 under auto, with only a BiasWarning. It is now NaN
    # under every method, with one DataWarning naming it and the fix.
    rng = np.random.default_rng(1)
    n = 400
    y = rng.integers(0, 2, n)
    X = pd.DataFrame(
        {"row_id": np.arange(n), "signal": y ^ (rng.uniform(size=n) < 0.2)}
    )
    with pytest.warns(DataWarning, match=r"discrete=\{'row_id': False\}") as rec:
        ranked = mt.rank_features(X, y, method=method).set_index("feature")
    assert not [w for w in rec if issubclass(w.category, BiasWarning)]
    assert np.isnan(ranked.loc["row_id", "mi"])
    assert ranked.loc["row_id", "rank"] == 2
    alone = mt.rank_features(X[["signal"]], y, method=method)
    assert ranked.loc["signal", "mi"] == alone["mi"].iloc[0]
    # mt.estimate on the pair still gives the number, with its BiasWarning
    with pytest.warns(BiasWarning):
        mt.estimate("mi", X["row_id"].to_numpy(), y, method=method)
