"""ts.te_matrix: each entry is ts.transfer_entropy of the pair; seeds per pair."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutinfo import datasets, stats
from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidDataError, InvalidParameterError


@pytest.fixture(scope="module")
def symbols() -> pd.DataFrame:
    g = np.random.default_rng(3)
    n = 1500
    a = g.integers(0, 2, n)
    b = np.roll(a, 1) ^ (g.random(n) < 0.1).astype(np.int64)  # a -> b
    c = np.roll(b, 2)  # b -> c at delay 2
    return pd.DataFrame({"a": a, "b": b, "c": c, "noise": g.integers(0, 3, n)})


def test_entries_equal_pairwise_transfer_entropy(symbols: pd.DataFrame) -> None:
    m = ts.te_matrix(symbols, k=2, delay=2, base=2)
    assert list(m.te.index) == list(symbols.columns) == m.columns
    assert np.isnan(np.diag(m.te.to_numpy())).all()
    for s in symbols:
        for t in symbols:
            if s != t:
                want = ts.transfer_entropy(symbols[s], symbols[t], k=2, delay=2, base=2)
                assert m.te.loc[s, t] == want  # the same computation, bit for bit
    assert m.unit == "bits"
    assert m.n_steps == len(symbols) - 2
    # auto on symbols: the family chosen by how well each pair's table is
    # sampled (Miller-Madow for the small binary ones), as transfer_entropy does
    for s in symbols:
        for t in symbols:
            if s != t:
                res = ts.estimate("te", symbols[s], symbols[t], k=2, delay=2, base=2)
                assert m.methods.loc[s, t] == res.method
    assert m.p_values is None
    assert m.q_values is None
    # b copies a at delay 1, c copies b at delay 2: with delay=2, b -> c is
    # H(c_t | c_past) (about 1 bit) and is the strongest pair.
    assert m.strongest(1)[["source", "target"]].values.tolist() == [["b", "c"]]
    assert m.te.loc["b", "c"] > 0.9


def test_directed_gaussian_and_closed_form() -> None:
    proc = datasets.coupled_ar(0.5, 0.5, 0.5)
    x, y = proc.sample(2000, rng=1)
    m = ts.te_matrix(np.column_stack([x, y]), method="gaussian")
    assert m.te.columns.tolist() == [0, 1]
    assert m.te.loc[0, 1] == pytest.approx(proc.transfer_entropy(), abs=0.04)
    assert abs(m.te.loc[1, 0]) < 0.01


def test_pvalues_fdr_and_seeds_independent_of_n_jobs(symbols: pd.DataFrame) -> None:
    small = symbols.iloc[:300, :3]
    kw = {"pvalues": True, "n_permutations": 9, "rng": 7}
    one = ts.te_matrix(small, **kw)
    two = ts.te_matrix(small, n_jobs=2, **kw)
    pd.testing.assert_frame_equal(one.te, two.te)
    assert one.p_values is not None
    assert two.p_values is not None
    pd.testing.assert_frame_equal(one.p_values, two.p_values)
    off = ~np.eye(3, dtype=bool)
    p = one.p_values.to_numpy()
    assert one.q_values is not None
    np.testing.assert_array_equal(one.q_values.to_numpy()[off], stats.fdr(p[off]))
    assert one.p_values.loc["a", "b"] == 0.1  # the smallest p with 9 surrogates
    assert one.params["n_permutations"] == 9
    long = one.to_long()
    assert long.columns.tolist() == [
        "source", "target", "te", "p_value", "q_value", "method",
    ]  # fmt: skip
    assert len(long) == 6
    by = ts.te_matrix(small, fdr="by", **kw)
    assert by.q_values is not None
    np.testing.assert_array_equal(
        by.q_values.to_numpy()[off], stats.fdr(p[off], method="by")
    )
    assert ts.te_matrix(small, fdr=None, **kw).q_values is None


def test_realisations_are_pooled_like_transfer_entropy(symbols: pd.DataFrame) -> None:
    parts = [symbols.iloc[:700, :2], symbols.iloc[700:, :2].reset_index(drop=True)]
    m = ts.te_matrix(parts, k=2)
    want = ts.transfer_entropy(
        [p["a"].to_numpy() for p in parts], [p["b"].to_numpy() for p in parts], k=2
    )
    assert m.te.loc["a", "b"] == want
    assert m.n_steps == len(symbols) - 4


def test_string_columns_are_symbols() -> None:
    g = np.random.default_rng(0)
    a = g.choice(["up", "down"], 500)
    m = ts.te_matrix({"a": a, "b": np.roll(a, 1)})
    assert m.te.loc["a", "b"] == pytest.approx(np.log(2), abs=0.01)


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (np.zeros((50, 1)), "at least 2 series"),
        (np.zeros(50), "2-D"),
        ([pd.DataFrame({"a": [1, 2]}), pd.DataFrame({"b": [1, 2]})], "same columns"),
        ([pd.DataFrame({"a": [1, 2]}), np.zeros((2, 1))], "all be DataFrames"),
    ],
)
def test_bad_data(data: object, match: str) -> None:
    with pytest.raises(InvalidDataError, match=match):
        ts.te_matrix(data)


def test_bad_parameters(symbols: pd.DataFrame) -> None:
    with pytest.raises(InvalidParameterError, match="'k'"):
        ts.te_matrix(symbols, k=0)
    with pytest.raises(InvalidParameterError, match="'fdr'"):
        ts.te_matrix(symbols, fdr="holm")
    with pytest.raises(InvalidParameterError, match="'client'"):
        ts.te_matrix(symbols, n_jobs=2, client=object())


def test_ksg_te_of_a_pair_does_not_depend_on_the_series_order() -> None:
    # Each pair's noise stream was keyed by its position among the pairs, so
    # listing the series in another order moved tied KSG entries (0.0155).
    import warnings

    g = np.random.default_rng(0)
    n = 600
    a = np.round(g.standard_normal(n), 1)
    b = np.round(np.roll(a, 1) + g.standard_normal(n), 1)
    c = np.round(g.standard_normal(n), 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tie warnings are not the point here
        one = ts.te_matrix({"a": a, "b": b, "c": c}, method="ksg", rng=0)
        two = ts.te_matrix({"c": c, "b": b, "a": a}, method="ksg", rng=0)
    for src, dst in (("a", "b"), ("b", "a"), ("c", "a"), ("b", "c")):
        assert one.te.loc[src, dst] == two.te.loc[src, dst]


def test_warnings_name_the_series_not_internal_variables() -> None:
    # A constant series warned "Column(s) 'x[0]' of 'x' are constant": 'x' is
    # the CMI's internal name; the embedded columns now carry the series' name.
    import warnings

    from mutinfo.exceptions import DataWarning

    g = np.random.default_rng(0)
    n = 300
    a = g.normal(size=n)
    b = np.roll(a, 1) + 0.5 * g.normal(size=n)
    df = pd.DataFrame({"a": a, "const": np.ones(n), "b": b})
    with pytest.warns(DataWarning, match="constant") as rec:
        m = ts.te_matrix(df, rng=0)
    texts = [str(w.message) for w in rec if "constant" in str(w.message)]
    assert texts
    assert all("'const[t" in t for t in texts), texts
    assert not any("'x[0]'" in t or "'y[0]'" in t or "'z[0]'" in t for t in texts)
    # the labels change no number
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for s, t in [("a", "b"), ("b", "a"), ("const", "a")]:
            assert m.te.loc[s, t] == ts.transfer_entropy(df[s], df[t], rng=0)


@pytest.mark.parametrize(
    "params", [{}, {"k": 2}, {"method": "ksg"}], ids=["auto", "k2", "ksg"]
)
def test_variable_level_warnings_name_the_series_and_lag(params: dict) -> None:
    # Column-level warnings named 'const[t-1]' of 'z', but the ones about a
    # whole variable still named the CMI's internal 'z' alone: "12% of the rows
    # lie in labels of 'z'", "the 7 atom patterns of 'z'", "The labels of 'z'
    # take 32 values", "treats the discrete columns of 'x' as continuous".
    import re
    import warnings

    from mutinfo.exceptions import MutinfoWarning

    g = np.random.default_rng(0)
    n = 300
    df = pd.DataFrame(
        {
            "a": np.cumsum(g.normal(size=n)),
            "const": np.full(n, 3.0),
            "heavy": g.standard_cauchy(n),
            "tied": np.round(g.normal(size=n)),
            "b": g.normal(size=n),
        }
    )
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        ts.te_matrix(df, rng=0, **params)
    texts = [str(w.message) for w in rec if issubclass(w.category, MutinfoWarning)]
    assert any("tied[t-1]" in t for t in texts), texts
    # every internal variable named is preceded by the series and lag
    bare = [t for t in texts if re.search(r"(?<!\]' of )'[xyz]'", t)]
    assert not bare, bare
