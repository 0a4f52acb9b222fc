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
