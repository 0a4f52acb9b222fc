"""mi_matrix gives the warnings its pairs' estimators give, once per column.

The fast kernels (``gauss``, ``count``, ``ksg``) skip the estimators'
``compute``, so the checks it runs are made where the columns are prepared.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import BiasWarning, DataWarning


def _caught(f) -> tuple[object, list[tuple[type[Warning], str]]]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        out = f()
    return out, [(x.category, str(x.message)) for x in w]


def _pair(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    z1 = g.standard_normal(n)
    z2 = 0.707 * z1 + 0.707 * g.standard_normal(n)
    return z1, z2, g.standard_normal(n)


def _tail(message: str, cut: str) -> str:
    """The message after the column's name (which the estimator spells 'x[0]')."""
    return message.split(cut, 1)[1]


@pytest.mark.parametrize("method", ["ksg", "auto"])
def test_heavy_tails_warn_once_per_column(method: str) -> None:
    z1, z2, w = _pair(500, 0)
    _, est = _caught(lambda: mt.estimate("mi", np.exp(5 * z1), z2, method="ksg"))
    heavy = [m for c, m in est if c is BiasWarning and "heavy-tailed" in m]
    assert len(heavy) == 1
    df = pd.DataFrame({"a": np.exp(5 * z1), "b": z2, "c": np.exp(5 * w), "d": w})
    res, got = _caught(lambda: mt.mi_matrix(df, method=method, rng=0))
    mine = [m for c, m in got if c is BiasWarning and "heavy-tailed" in m]
    assert sorted(m.split()[1] for m in mine) == ["'a'", "'c'"]
    cut = " is heavy-tailed"
    assert _tail(mine[0], cut) == _tail(heavy[0], cut)
    assert res.methods.loc["a", "b"] == "ksg"


@pytest.mark.parametrize(
    "method", ["gaussian", "gaussian_copula", "binning", "ksg", "auto"]
)
def test_lost_resolution_warns_once_per_column(method: str) -> None:
    z1, z2, w = _pair(300, 1)
    x = 1e13 + z1  # float64 steps of 0.002: differences rounded
    single = "ksg" if method == "auto" else method
    _, est = _caught(lambda: mt.estimate("mi", x, z2, method=single))
    lost = [m for c, m in est if c is DataWarning and "float64 rounds" in m]
    assert len(lost) == 1
    df = pd.DataFrame({"a": x, "b": z2, "c": 1e13 + w, "d": w})
    _, got = _caught(lambda: mt.mi_matrix(df, method=method, rng=0))
    mine = [m for c, m in got if c is DataWarning and "float64 rounds" in m]
    assert sorted(m.split()[1] for m in mine) == ["'a'", "'c'"]
    cut = " lies near"
    assert _tail(mine[0], cut) == _tail(lost[0], cut)


def test_lost_resolution_names_the_pairs_method_only() -> None:
    # x is heavily tied (steps of 0.125), so auto gives its pairs mixed_atoms;
    # the KSG preparation of the other columns no longer says 'ksg' of it.
    z1, z2, w = _pair(2000, 2)
    df = pd.DataFrame({"x": 1e15 + z1, "y": z2, "w": w})
    _, got = _caught(lambda: mt.mi_matrix(df, method="auto", rng=0))
    lost = [m for c, m in got if "float64 rounds" in m]
    assert len(lost) == 1
    assert "'mixed_atoms'" in lost[0]


def test_binning_count_bias_warns_once_per_column() -> None:
    z1, _, w = _pair(2000, 3)
    lab = np.random.default_rng(4).integers(0, 30, z1.size)
    _, est = _caught(lambda: mt.estimate("mi", z1, lab, method="binning"))
    bias = [m for c, m in est if c is BiasWarning and "occupied joint cells" in m]
    assert len(bias) == 1
    df = pd.DataFrame({"x": z1, "lab": lab, "w": w})
    res, got = _caught(lambda: mt.mi_matrix(df, method="binning", rng=0))
    mine = [m for c, m in got if c is BiasWarning and "occupied joint cells" in m]
    # both of lab's pairs read high; one warning, the estimator's text
    assert mine == [f"Columns 'lab' and 'x': {bias[0]}"]
    with pytest.warns(BiasWarning, match="occupied joint cells"):
        single = mt.estimate("mi", z1, lab, method="binning").value
    assert res.mi.loc["x", "lab"] == pytest.approx(single, rel=1e-12)


def test_binning_coarse_bins_warns_once_with_the_estimators_text() -> None:
    # rho 0.95 on the default bins: the matrix's cell read 0.15 nats low of
    # 1.164 with no word, while the estimator on the same pair warned.
    g = np.random.default_rng(6)
    z1 = g.standard_normal(2000)
    z2 = 0.95 * z1 + np.sqrt(1 - 0.95**2) * g.standard_normal(2000)
    w = g.standard_normal(2000)
    _, est = _caught(lambda: mt.estimate("mi", z1, z2, method="binning"))
    coarse = [m for c, m in est if c is BiasWarning and "too coarse" in m]
    assert len(coarse) == 1
    df = pd.DataFrame({"a": z1, "b": z2, "c": w, "d": 0.9 * w + 0.44 * z1})
    res, got = _caught(lambda: mt.mi_matrix(df, method="binning", rng=0))
    mine = [m for c, m in got if c is BiasWarning and "too coarse" in m]
    assert len(mine) == 1
    assert mine[0].startswith("2 of the 6 binned pairs of continuous columns; ")
    assert "columns 'a' and 'b': " + coarse[0] in mine[0]
    with pytest.warns(BiasWarning, match="too coarse"):
        single = mt.estimate("mi", z1, z2, method="binning").value
    assert res.mi.loc["a", "b"] == pytest.approx(single, rel=1e-12)
    # explicit bins are the user's choice: no warning, as for the estimator
    _, quiet = _caught(lambda: mt.mi_matrix(df, method="binning", bins=40, rng=0))
    assert not [m for _, m in quiet if "too coarse" in m]


@pytest.mark.parametrize("method", ["ksg", "auto"])
def test_large_k_warns_once(method: str) -> None:
    z1, z2, w = _pair(300, 5)
    _, est = _caught(lambda: mt.estimate("mi", z1, z2, method="ksg", n_neighbors=30))
    large = [m for c, m in est if c is BiasWarning and "n_neighbors=30" in m]
    assert len(large) == 1
    df = pd.DataFrame({"a": z1, "b": z2, "c": w})
    res, got = _caught(lambda: mt.mi_matrix(df, method=method, n_neighbors=30, rng=0))
    assert [m for c, m in got if c is BiasWarning and "n_neighbors=30" in m] == large
    assert res.methods.loc["a", "b"] == "ksg"


@pytest.mark.parametrize("method", ["ksg", "auto"])
def test_duplicated_frame_warns_once(method: str) -> None:
    # every row twice: KSG reads 1.10 nats for the 0.35 of the pair, as alone
    z1, z2, w = _pair(300, 6)
    df = pd.DataFrame({"a": z1, "b": z2, "c": w})
    twice = pd.concat([df, df], ignore_index=True)
    with pytest.warns(DataWarning, match="duplicated records") as record:
        single = mt.estimate("mi", twice["a"], twice["b"], method="ksg").value
    dup = [str(r.message) for r in record if "duplicated records" in str(r.message)]
    res, got = _caught(lambda: mt.mi_matrix(twice, method=method, rng=0))
    mine = [m for c, m in got if c is DataWarning and "duplicated records" in m]
    assert mine == [f"Columns 'a', 'b' and 'c' (each pair): {dup[0]}"]
    assert res.mi.loc["a", "b"] == single  # values unchanged
    _, clean = _caught(lambda: mt.mi_matrix(df, method=method, rng=0))
    assert not [m for _, m in clean if "duplicated records" in m]


def test_duplicated_pair_warns_on_its_columns() -> None:
    # a, b and c each repeat their values, but only a and b on the same rows:
    # the frame's rows are distinct, the pair (a, b) repeats its rows
    z1, z2, w = _pair(300, 7)
    a, b = np.tile(z1[:150], 2), np.tile(z2[:150], 2)
    c = np.concatenate([w[:150], w[:150][::-1]])
    df = pd.DataFrame({"a": a, "b": b, "c": c})
    with pytest.warns(DataWarning, match="duplicated records") as record:
        mt.estimate("mi", a, b, method="ksg")
    dup = [str(r.message) for r in record if "duplicated records" in str(r.message)]
    _, got = _caught(lambda: mt.mi_matrix(df, method="ksg", rng=0))
    mine = [m for c, m in got if c is DataWarning and "duplicated records" in m]
    assert mine == [f"Columns 'a' and 'b': {dup[0]}"]
