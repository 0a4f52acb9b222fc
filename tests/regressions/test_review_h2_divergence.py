"""Review h2: silent wrong numbers in the two-sample divergences and ITL."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mutinfo import divergence as dv
from mutinfo import itl
from mutinfo.exceptions import InvalidDataError


def _frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two samples of one law; column 'b' ten times as wide as 'a'."""
    g = np.random.default_rng(0)
    p = pd.DataFrame({"a": g.normal(size=400), "b": 10 * g.normal(size=400)})
    q = pd.DataFrame({"a": g.normal(size=400), "b": 10 * g.normal(size=400)})
    return p, q


# Same law, q's columns reordered: read 4.59 nats (kl), 0.59 (js), 2.03 (cs)
# and a Parzen log-likelihood 2 nats low, without a word; exact 0.
CALLS = {
    "kl_divergence": lambda p, q: dv.kl_divergence(p, q, n_neighbors=5),
    "jensen_shannon": lambda p, q: dv.jensen_shannon(p, q, rng=0),
    "jensen_shannon_classifier": lambda p, q: dv.jensen_shannon(
        p, q, method="classifier", rng=0
    ),
    "parzen_log_likelihood": lambda p, q: dv.parzen_log_likelihood(p, q, rng=0),
    "cauchy_schwarz_divergence": lambda p, q: itl.cauchy_schwarz_divergence(p, q),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_reordered_columns_are_refused(name: str) -> None:
    p, q = _frames()
    call = CALLS[name]
    with pytest.raises(InvalidDataError, match="same columns in a different order"):
        call(p, q[["b", "a"]])
    # Same order, or arrays compared by position on purpose: unchanged.
    assert call(p, q) == call(p.to_numpy(), q.to_numpy())


def test_reordered_polars_columns_are_refused() -> None:
    pl = pytest.importorskip("polars")
    p, q = _frames()
    with pytest.raises(InvalidDataError, match=r"q = q\[list\(p.columns\)\]"):
        dv.kl_divergence(pl.from_pandas(p), pl.from_pandas(q[["b", "a"]]))


def test_reordered_validation_columns_are_refused() -> None:
    p, q = _frames()
    with pytest.raises(InvalidDataError, match="'validation'"):
        dv.parzen_log_likelihood(p, q, validation=q[["b", "a"]])


def test_different_column_names_still_compare_by_position() -> None:
    p, q = _frames()
    renamed = q.set_axis(["x", "y"], axis=1)
    assert dv.kl_divergence(p, renamed, n_neighbors=5) == dv.kl_divergence(
        p, q, n_neighbors=5
    )


def _clipped_pair(seed: int, n: int = 4000) -> tuple[np.ndarray, np.ndarray]:
    """x = max(x0, 0) of a Gaussian pair with rho 0.8: an atom at 0 (half the rows)."""
    g = np.random.default_rng(seed)
    x0 = g.normal(size=n)
    return np.maximum(x0, 0.0), 0.8 * x0 + 0.6 * g.normal(size=n)


def test_classifier_warns_on_atoms() -> None:
    import mutinfo as mt
    from mutinfo.exceptions import DataWarning

    pytest.importorskip("sklearn")
    x, y = _clipped_pair(0)
    # Truth 0.389 nats; the DV estimate read 0.036 without a word.
    with pytest.warns(DataWarning, match="has atoms.*'mixed_atoms'"):
        value = mt.mi(x, y, method="classifier", rng=0)
    assert value < 0.2
    assert abs(mt.mi(x, y, method="mixed_atoms", rng=0) - 0.389) < 0.05


def test_classifier_quiet_without_atoms() -> None:
    import warnings

    import mutinfo as mt

    pytest.importorskip("sklearn")
    g = np.random.default_rng(1)
    x = g.normal(size=2000)
    y = 0.8 * x + 0.6 * g.normal(size=2000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # quantisation ties (no value holds a tenth of the rows) and no ties
        mt.mi(np.round(x, 1), np.round(y, 1), method="classifier", rng=0)
        mt.mi(x, y, method="classifier", rng=0)


def test_js_classifier_warns_on_atoms() -> None:
    from mutinfo.exceptions import DataWarning

    pytest.importorskip("sklearn")
    g = np.random.default_rng(0)
    p = np.where(g.random(3000) < 0.5, 0.0, g.normal(size=3000))
    q = g.normal(size=3000)
    # Exact JS 0.75 log(4/3) = 0.216; the classifier read 0.024 without a word.
    with pytest.warns(DataWarning, match="Column 0 of p has atoms.*method='knn'"):
        value = dv.jensen_shannon(p, q, method="classifier", rng=0)
    assert value < 0.1
    with pytest.warns(DataWarning, match="repeat another row"):
        assert abs(dv.jensen_shannon(p, q, rng=0) - 0.216) < 0.03


def test_js_classifier_quiet_without_atoms() -> None:
    import warnings

    pytest.importorskip("sklearn")
    g = np.random.default_rng(0)
    p, q = g.normal(size=(800, 2)), g.normal(size=(800, 2))
    zero = np.zeros((800, 1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dv.jensen_shannon(np.round(p, 1), q, method="classifier", rng=0)
        # a column constant at one value in both samples is no atom here
        dv.jensen_shannon(np.c_[p, zero], np.c_[q, zero], method="classifier", rng=0)


def _half_zeros(g: np.random.Generator, n: int) -> np.ndarray:
    """Two columns: the first half zeros (an atom), half N(0, 1); the second N(0, 1)."""
    first = np.where(g.random(n) < 0.5, 0.0, g.normal(size=n))
    return np.c_[first, g.normal(size=n)]


def test_kl_warns_on_an_atom_of_p_that_q_lacks() -> None:
    from mutinfo.exceptions import DataWarning

    g = np.random.default_rng(0)
    p, q = _half_zeros(g, 3000), g.normal(size=(3000, 2))
    # KL[P || Q] is +inf (P's singular part); the estimate read 2.26 silently.
    with pytest.warns(DataWarning, match="Column 0 of p has atoms that q does not"):
        dv.kl_divergence(p, q, n_neighbors=5)


def test_kl_warns_on_an_atom_of_q_that_p_lacks() -> None:
    from mutinfo.exceptions import DataWarning

    g = np.random.default_rng(0)
    p, q = g.normal(size=(3000, 2)), _half_zeros(g, 3000)
    # Exact log 2 = 0.693; read 0.52 silently.
    with pytest.warns(DataWarning, match="Column 0 of q has atoms that p does not"):
        value = dv.kl_divergence(p, q, n_neighbors=5)
    assert value < 0.6


def test_kl_quiet_when_the_atoms_agree() -> None:
    import warnings

    g = np.random.default_rng(0)
    p, q = _half_zeros(g, 3000), _half_zeros(g, 3000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert abs(dv.kl_divergence(p, q, n_neighbors=5)) < 0.05
