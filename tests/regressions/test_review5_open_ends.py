"""Review 5, open ends of the discrete path: NaN, I(X; X), Grassberger, NSB."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.estimators import NSB, DirichletProduct
from mutinfo.estimators._nsb_math import nsb_entropy
from mutinfo.exceptions import BiasWarning, InvalidDataError
from mutinfo.extend import Estimator, RawEstimate, Variable


class _NaNFamily(Estimator):
    """A family that returns NaN (passed as an object, not registered)."""

    name = "review5_nan"
    summary = "returns NaN"
    reference = "tests"
    measures = ("mi",)
    kinds = ("continuous",)
    parameters = {}

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> RawEstimate:
        return RawEstimate(math.nan)


def test_a_nan_estimate_is_refused_not_ranked_or_shown() -> None:
    # mi() returned nan, mi_matrix showed it as a blank cell (as its
    # diagonal) and rank_features ranked the feature last, without a word.
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.normal(size=(50, 3)), columns=["a", "b", "c"])
    with pytest.raises(InvalidDataError, match="'review5_nan' returned NaN"):
        mt.mi(df.a, df.b, method=_NaNFamily())
    with pytest.raises(InvalidDataError, match="returned NaN"):
        mt.mi_matrix(df, method=_NaNFamily())
    with pytest.raises(InvalidDataError, match="returned NaN"):
        mt.rank_features(df[["a", "b"]], df.c, method=_NaNFamily())


def test_dirichlet_product_refuses_an_alphabet_beyond_float_range() -> None:
    # alphabet_size=10**160 (10^320 joint cells) gave -inf nats, silently.
    rng = np.random.default_rng(0)
    x = rng.integers(0, 5, 50)
    y = (x + rng.integers(0, 2, 50)) % 5
    with pytest.raises(InvalidDataError, match="10\\^320 possible cells"):
        DirichletProduct(alphabet_size=10**160).mi(x, y)
    assert DirichletProduct(alphabet_size=10**150).mi(x, y).value == pytest.approx(
        DirichletProduct(alphabet_size=10**30).mi(x, y).value, abs=1e-6
    )


@pytest.mark.parametrize("k", [10**10, 10**12, 10**18])
def test_nsb_with_a_large_alphabet_keeps_its_posterior(k: int) -> None:
    # gammaln(a) - gammaln(a + n) cancelled at a ~ 1e18, where the evidence
    # read +900 instead of -2,000: five values seen ten times each gave
    # H = log K (23.03 nats at K = 1e10, 27.63 at 1e12) for about 1.67.
    mean, std = nsb_entropy(np.array([10, 10, 10, 10, 10]), k)
    assert mean == pytest.approx(nsb_entropy(np.array([10] * 5), 10**8)[0], abs=1e-6)
    assert 0.05 < std < 0.15
    # and MI, whose joint table has K**2 cells: -24.3 nats at K = 1e6
    rng = np.random.default_rng(0)
    x = rng.integers(0, 5, 50)
    y = (x + rng.integers(0, 2, 50)) % 5  # truth log 5 - log 2 = 0.916
    assert NSB(alphabet_size=k).mi(x, y).value == pytest.approx(0.92, abs=0.05)


@pytest.mark.parametrize(
    ("k", "n"), [(2, 20), (4, 20), (20, 30), (50, 100), (1000, 300)]
)
def test_auto_mi_of_a_label_with_itself_is_its_entropy(k: int, n: int) -> None:
    # auto read I(X; X) with the MI rule (Miller-Madow, Grassberger) and H(X)
    # with the entropy rule (Grassberger, NSB, Chao-Shen): 0.698 against
    # 0.671 nats for a binary label at n = 20; 6.19 against 6.42 for 1,000
    # values at n = 300 (truth 6.45). A one-to-one table's MI is an entropy.
    g = np.random.default_rng(k)
    p = g.dirichlet(np.ones(k))
    x = g.choice(k, size=n, p=p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)  # sparse ones warn
        mi = mt.estimate("mi", x, 7 * x + 1, discrete=True)
        h = mt.estimate("entropy", x, discrete=True)
    assert (mi.method, mi.value) == (h.method, pytest.approx(h.value, abs=1e-12))


def test_the_matrix_and_ranking_agree_with_mi_on_one_to_one_pairs() -> None:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 50, 100)
    df = pd.DataFrame({"a": x, "b": (7 * x + 3) % 50, "c": rng.integers(0, 2, 100)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)  # 100 rows, 50 values
        m = mt.mi_matrix(df)
        ranked = mt.rank_features(df[["b", "c"]], df.a)
        h = mt.estimate("entropy", df.a, discrete=True)
    assert m.methods.loc["a", "b"] == h.method == "nsb"
    assert m.mi.loc["a", "b"] == pytest.approx(h.value, rel=1e-9)
    top = ranked.iloc[0]
    assert (top["feature"], top["method"]) == ("b", "nsb")
    assert top["mi"] == pytest.approx(h.value, rel=1e-9)


def test_grassberger_names_the_sign_of_its_sparse_correction() -> None:
    # Every value of X seen twice against an independent fair bit: auto picks
    # Grassberger (many values against few classes), -0.51 nats at n = 40
    # (truth 0), with only the generic sparse-table warning.
    for m in (20, 100):
        x = np.repeat(np.arange(m), 2)
        y = np.random.default_rng(m).integers(0, 2, 2 * m)
        with pytest.warns(BiasWarning, match="the correction's, not the data's"):
            res = mt.estimate("mi", x, y)
        assert res.method == "grassberger"
        assert res.value < 0
