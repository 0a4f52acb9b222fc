"""Review regressions (h4-newuser): a new user on real tables (statsmodels' fair, anes96)."""

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import DataWarning


def _likert_against_zero_inflated(n=3000, seed=0):
    # The shape of statsmodels' fair data: a 1..5 rating whose value 1 holds
    # 1.5 % of the rows (below min_atom_mass=0.02, so not an atom, yet
    # repeated), against 'affairs', 68 % zeros and a continuous remainder.
    rng = np.random.default_rng(seed)
    x = rng.choice([1.0, 2.0, 3.0, 4.0, 5.0], n, p=[0.015, 0.055, 0.16, 0.35, 0.42])
    y = np.where(rng.uniform(size=n) < 0.68, 0.0, rng.exponential(1 + x, size=n))
    return x, y


def test_mixed_atoms_does_not_call_a_rated_column_constant():
    # fair.rate_marriage (5 values) against fair.affairs: auto picks
    # mixed_atoms, which warned twice "Column(s) 'rate_marriage' of 'x' are
    # constant ... method 'mixed_ksg' / 'ksg' leaves them out": the rows of the
    # rare value are constant within their own stratum, by construction.
    x, y = _likert_against_zero_inflated()
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        res = mt.estimate("mi", x, y, rng=0)
    assert res.method == "mixed_atoms"
    assert 0 < res.value < mt.entropy(x, discrete=True)


def test_mixed_atoms_still_warns_for_a_constant_column():
    rng = np.random.default_rng(1)
    y = np.r_[np.zeros(60), rng.normal(size=140)]
    with pytest.warns(DataWarning, match=r"'x' are constant.*'mixed_atoms'"):
        value = mt.mi(np.ones(200), y, method="mixed_atoms", rng=0)
    assert value == 0.0


def test_kl_entropy_tie_warning_gives_entropy_advice():
    # anes96.PID (7 party codes stored as floats): auto picks 'kl' for the
    # entropy (-18.9 nats against H = 1.85 nats as labels); the warning said
    # "Use 'mixed_atoms' (... what method='auto' picks for such data)", a
    # family that has no entropy, for data auto had just given to 'kl'.
    # Whole-number floats with few values are now read as labels (the
    # entropy auto gives the integers); read as numbers, kl still warns.
    rng = np.random.default_rng(2)
    codes = rng.integers(0, 7, 944).astype(float)
    auto = mt.estimate("entropy", codes)
    ints = mt.estimate("entropy", codes.astype(int))
    assert (auto.method, auto.value) == (ints.method, ints.value)
    with pytest.warns(DataWarning, match="discrete=True") as caught:
        res = mt.estimate("entropy", codes, discrete=False)
    assert res.method == "kl"
    text = " ".join(str(w.message) for w in caught)
    assert "mixed_atoms" not in text
    assert "-inf" in text
    labels = mt.estimate("entropy", codes, discrete=True)
    assert abs(labels.value - np.log(7)) < 0.01


def test_confidence_interval_with_a_measure_first_names_the_fix():
    # mt.estimate("mi", x, y) takes the measure first; confidence_interval
    # takes it as measure=. The error said only "Got a scalar 'mi' instead".
    rng = np.random.default_rng(3)
    x = rng.normal(size=100)
    with pytest.raises(mt.InvalidParameterError, match=r"'x'.*measure='mi'"):
        mt.confidence_interval("mi", x, x + rng.normal(size=100), rng=0)
