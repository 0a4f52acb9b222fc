"""A feature's terms, scores and p-values do not depend on where its column sits.

Feature selection's random streams (KSG tie-breaking noise of the conditional
terms, per-term estimates, conditional permutation tests) were keyed by column
position and batch number: on tied data, reordering the columns of ``X`` moved
``I(X_j; Y | X_k)`` by up to 0.06 nats and a conditional p-value by up to 0.6
(19 permutations). They are keyed by column content now, as the matrix's are.

The conditioning features of the p-value checks are labels (a permutation within
strata): a local permutation's neighbours in a tied continuous ``z`` depend on
the neighbour search's path, which is not part of the stream.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo.selection import forward_selection
from mutinfo.selection._data import check_features
from mutinfo.selection._significance import relevance_p_value
from mutinfo.selection._terms import TermCache


def tied_frame(n: int = 200, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """Four continuous columns with heavy ties (whole numbers, tenths) and y."""
    g = np.random.default_rng(seed)
    a = np.round(g.standard_normal(n))
    b = np.round(a + g.standard_normal(n))
    c = np.round(g.standard_normal(n), 1)
    d = np.round(b + c)
    y = np.round(a + b + g.standard_normal(n))
    return pd.DataFrame({"a": a, "b": b, "c": c, "d": d}), y


def _cache(frame: pd.DataFrame, y: np.ndarray, **kw: object) -> TermCache:
    features, target, _ = check_features(frame, y, discrete=(False, False))
    return TermCache(features, target, rng=0, **kw)  # type: ignore[arg-type]


def _terms(frame: pd.DataFrame, y: np.ndarray, method: str) -> dict[str, object]:
    """Every term of the cache, by column name (asked in a fixed name order)."""
    cache = _cache(frame, y, method=method)
    at = {name: j for j, name in enumerate(frame.columns)}
    names = sorted(at)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tie warnings
        out: dict[str, object] = {
            f"r {u}": float(cache.relevance([at[u]])[0]) for u in names
        }
        for u in names:
            for v in names:
                if u != v:
                    out[f"C {u}|{v}"] = float(
                        cache.conditional_relevance([at[u]], at[v])[0]
                    )
    return out


@pytest.mark.parametrize("method", ["ksg", "auto"])
def test_conditional_terms_do_not_depend_on_the_column_order(method: str) -> None:
    # Before: the plan given X_k was seeded by k's position; I(a; y | b) etc.
    # moved by up to 0.064 nats (ksg) and 0.014 (auto: mixed_atoms).
    frame, y = tied_frame()
    one = _terms(frame, y, method)
    two = _terms(frame[["c", "d", "a", "b"]], y, method)
    assert one == two  # bit for bit


def test_per_term_estimates_do_not_depend_on_the_column_order() -> None:
    # A two-column target takes the per-term path (no pair plan): terms were
    # seeded by batch number and position in the batch.
    frame, y = tied_frame()
    target = np.column_stack([y, np.round(y + frame["c"].to_numpy())])

    def terms(f: pd.DataFrame) -> dict[str, float]:
        features, tgt, _ = check_features(f, target, discrete=(False, False))
        cache = TermCache(features, tgt, method="ksg", rng=0)
        at = {name: j for j, name in enumerate(f.columns)}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            relevance = cache.relevance(range(4))  # one batch, by position
            return {u: float(relevance[at[u]]) for u in at} | {
                "a~b": float(cache.redundancy([at["a"]], at["b"])[0])
            }

    assert terms(frame) == terms(frame[["d", "b", "c", "a"]])


def test_forward_selection_scores_do_not_depend_on_the_column_order() -> None:
    frame, y = tied_frame()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one = forward_selection(frame, y, k=4, criterion="jmi", method="ksg", rng=0)
        two = forward_selection(
            frame[["d", "c", "b", "a"]], y, k=4, criterion="jmi", method="ksg", rng=0
        )
    assert one.features == two.features
    assert one.scores == two.scores  # bit for bit
    assert dict(zip(frame.columns, one.relevance, strict=True)) == dict(
        zip(["d", "c", "b", "a"], two.relevance, strict=True)
    )


def labelled_frame(n: int = 200, seed: int = 1) -> tuple[pd.DataFrame, np.ndarray]:
    """Two label columns (the conditioning set) and two tied continuous ones."""
    g = np.random.default_rng(seed)
    u = g.integers(0, 3, n)
    v = g.integers(0, 2, n)
    s = np.round(u + g.standard_normal(n))
    t = np.round(g.standard_normal(n), 1)
    y = (u + v + s + g.standard_normal(n) > 2).astype(np.int64)
    return pd.DataFrame({"u": u, "v": v, "s": s, "t": t}), y


@pytest.mark.parametrize("method", ["ksg", "auto"])
def test_conditional_p_values_do_not_depend_on_column_or_given_order(
    method: str,
) -> None:
    # Before: the test's stream was (j, *given) by position, and Z joined the
    # given features in the order passed: p-values moved by up to 0.2.
    frame, y = labelled_frame()

    def p_values(f: pd.DataFrame, reverse: bool) -> dict[str, float]:
        features, target, _ = check_features(f, y)
        cache = TermCache(features, target, method=method, rng=0)
        at = {name: j for j, name in enumerate(f.columns)}
        given = [at["u"], at["v"]][:: -1 if reverse else 1]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return {
                name: relevance_p_value(cache, at[name], given, n_permutations=49)
                for name in ("s", "t")
            }

    one = p_values(frame, reverse=False)
    assert one == p_values(frame[["t", "v", "s", "u"]], reverse=False)
    assert one == p_values(frame, reverse=True)


def test_forward_selection_p_values_do_not_depend_on_the_column_order() -> None:
    frame, y = labelled_frame()
    kw = {"k": 3, "criterion": "cmim", "alpha": 0.99, "n_permutations": 19, "rng": 3}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one = forward_selection(frame, y, **kw)  # type: ignore[arg-type]
        two = forward_selection(frame[["t", "s", "v", "u"]], y, **kw)  # type: ignore[arg-type]
    assert one.features == two.features
    assert one.scores == two.scores
    assert one.p_values == two.p_values


@settings(max_examples=4, deadline=None)
@given(order=st.permutations(["a", "b", "c", "d"]))
def test_ksg_terms_are_invariant_under_any_column_order(order: list[str]) -> None:
    frame, y = tied_frame(n=60, seed=5)
    assert _terms(frame[order], y, "ksg") == _terms(frame, y, "ksg")


def test_duplicated_columns_draw_independent_streams() -> None:
    # Two copies of a tied column got one noise stream, so after the noise they
    # were one column: KSG redundancy 4.78 nats (KSG of a column with itself),
    # against 1.43 from mutinfo.estimate on the pair, about the entropy of the
    # rounded values. Now each copy draws its own noise, as separate variables.
    g = np.random.default_rng(0)
    n = 300
    # half units: tied numbers (whole numbers with few values would be labels)
    a = np.round(2 * g.standard_normal(n)) / 2
    b = np.round(2 * (a + g.standard_normal(n))) / 2
    y = np.round(2 * (a + b + g.standard_normal(n))) / 2
    frame = pd.DataFrame({"a": a, "a2": a.copy(), "b": b})
    cache = _cache(frame, y, method="ksg")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        redundancy = float(cache.redundancy([1], 0)[0])
        reference = mt.estimate("mi", a, a.copy(), method="ksg", rng=0).value
        matrix = mt.mi_matrix(frame, method="ksg", rng=0).mi.loc["a", "a2"]
    assert redundancy == pytest.approx(reference, abs=0.15)
    assert matrix == redundancy
    # one key for both copies: a term's stream feeds one estimator, which draws
    # each copy's noise in turn (the matrix's columns keep their own noise)
    assert cache.key(0) == cache.key(1)


def test_label_pairs_under_ksg_read_the_same_with_a_copy_of_the_target() -> None:
    # With a copy of the target among the features, the copies' numbered keys
    # followed the column order: the matrix (target first) and the selection
    # (target last) gave the KSG pair (a, b) of labels other streams, 0.7846
    # against 0.6586 nats. Pair streams are keyed by the columns' plain
    # digests now: every path reads the registered estimator with the pair's
    # stream, whichever copy of b it holds.
    from mutinfo._parallel import content_key, entropy_of
    from mutinfo.matrix._kernels import STREAM_PAIR, keyed_pair_rng

    g = np.random.default_rng(0)
    n = 300
    a = g.integers(0, 4, n)
    b = (a + g.integers(0, 2, n)) % 4
    c = g.standard_normal(n) + a
    frame = pd.DataFrame({"a": a, "b": b, "c": c, "b2": b.copy()})
    features, target, _ = check_features(frame[["a", "c", "b2"]], frame["b"])
    cache = TermCache(features, target, method="ksg", rng=1)
    stream = keyed_pair_rng(
        entropy_of(1),
        STREAM_PAIR,
        content_key(features[0].values),
        content_key(target.values),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # KSG on labels: tie warnings
        matrix = mt.mi_matrix(frame, method="ksg", rng=1).mi
        term = float(cache.relevance([0])[0])
        redundancy = float(cache.redundancy([0], 2)[0])
        ranked = mt.rank_features(
            frame[["a", "c", "b2"]], frame["b"], method="ksg", rng=1
        ).set_index("feature")["mi"]
        reference = mt.estimate("mi", frame["a"], frame["b"], method="ksg", rng=stream)
    assert reference.method == "ksg"
    assert matrix.loc["a", "b"] == term == ranked["a"] == reference.value
    # the copy of b reads the same numbers against a, in both
    assert matrix.loc["a", "b2"] == redundancy == term
