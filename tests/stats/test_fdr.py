"""Multiple-testing adjustments against scipy's false_discovery_control."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

import mutinfo as mt
from mutinfo.exceptions import InvalidDataError, InvalidParameterError


@pytest.mark.parametrize("method", ["bh", "by"])
@pytest.mark.parametrize("m", [1, 2, 7, 100])
def test_matches_scipy(method, m):
    rng = np.random.default_rng(m)
    p = rng.random(m) ** 3  # skewed towards 0, with a few near ties
    p[: m // 3] = p[0]  # exact ties
    expected = sps.false_discovery_control(p, method=method)
    np.testing.assert_allclose(mt.stats.fdr(p, method=method), expected, rtol=1e-12)


def test_bonferroni_and_shape():
    p = np.array([[0.001, 0.2], [0.5, 0.03]])
    q = mt.stats.fdr(p, method="bonferroni")
    assert q.shape == (2, 2)
    np.testing.assert_allclose(q, [[0.004, 0.8], [1.0, 0.12]])


def test_bh_is_between_raw_and_bonferroni():
    p = np.random.default_rng(0).random(50)
    q = mt.stats.fdr(p)
    assert np.all(q >= p - 1e-15)
    assert np.all(q <= mt.stats.fdr(p, method="bonferroni") + 1e-15)


def test_does_not_mutate_input():
    p = np.array([0.04, 0.01, 0.03])
    mt.stats.fdr(p)
    assert p.tolist() == [0.04, 0.01, 0.03]


def test_empty():
    assert mt.stats.fdr([]).size == 0


@pytest.mark.parametrize("bad", [[0.1, np.nan], [0.1, 1.5], [-0.1]])
def test_rejects_bad_p_values(bad):
    with pytest.raises(InvalidDataError, match=r"'p_values' parameter of fdr\(\)"):
        mt.stats.fdr(bad)


def test_rejects_non_numbers():
    with pytest.raises(InvalidDataError, match="must be numbers in"):
        mt.stats.fdr(["a", "b"])


def test_rejects_unknown_method():
    with pytest.raises(InvalidParameterError, match="Did you mean 'bh'"):
        mt.stats.fdr([0.1], method="bhh")
