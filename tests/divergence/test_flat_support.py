"""kl_divergence on samples that lie on a tilted line or plane (singular P or Q)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutinfo import divergence as dv
from mutinfo.exceptions import DataWarning, InvalidDataError


def _line(n: int, seed: int, slope: float = 2.0, offset: float = 0.0) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=n)
    return np.c_[x, slope * x + offset]


def _gauss(n: int, seed: int, d: int = 2) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, d))


@pytest.mark.parametrize("offset", [0.0, 1e6])
def test_p_on_a_tilted_line_against_a_density_is_inf(offset: float) -> None:
    # p on y = 2x against N(0, I) in 2-D read 7.42 nats silently; P is
    # singular with respect to Q, so KL is +inf (and the reverse 4.45: +inf).
    p, q = _line(1000, 0, offset=offset), _gauss(1000, 1) + np.array([0.0, offset])
    with pytest.warns(DataWarning, match=r"KL\[P \|\| Q\] is \+inf: p's sample"):
        assert dv.kl_divergence(p, q) == math.inf
    with pytest.warns(DataWarning, match=r"KL\[P \|\| Q\] is \+inf: q's sample"):
        assert dv.kl_divergence(q, p) == math.inf


def test_p_on_a_tilted_plane_in_3d_is_inf() -> None:
    # Read 4.63 nats silently.
    g = np.random.default_rng(2)
    p = g.normal(size=(800, 2)) @ g.normal(size=(2, 3))
    with pytest.warns(DataWarning, match="2-dimensional affine subspace of its 3"):
        assert dv.kl_divergence(p, _gauss(800, 3, d=3), n_neighbors=3) == math.inf


def test_samples_on_one_common_line_are_estimated_on_it() -> None:
    # Both on y = 2x: the kNN formula in 2-D doubled the 1-D estimate (0.668
    # against 0.334); in the line's coordinates it is the 1-D estimate.
    x = np.random.default_rng(0).normal(size=1000)
    x2 = np.random.default_rng(4).normal(size=1000) * 1.5 + 1.0
    p, q = np.c_[x, 2 * x], np.c_[x2, 2 * x2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        flat = dv.kl_divergence(p, q)
    one_d = dv.kl_divergence(x * math.sqrt(5), x2 * math.sqrt(5))
    assert flat == pytest.approx(one_d, rel=1e-9)
    exact = dv.gaussian_kl(0.0, 1.0, 1.0, 2.25)  # 0.350
    assert flat == pytest.approx(exact, abs=0.05)


def test_q_partly_on_the_line_of_p_raises() -> None:
    # Q with a singular part where P sits: finite, but not a density KL.
    p, q = _line(500, 0), _gauss(500, 1)
    q[:100] = _line(100, 5)
    with pytest.raises(InvalidDataError, match="Q has a singular part"):
        dv.kl_divergence(p, q)


@settings(max_examples=20, deadline=None)
@given(
    rho=st.sampled_from([0.9, 0.99, 0.999, -0.999]),
    scale=st.sampled_from([1e-6, 1.0, 1e6]),
    offset=st.sampled_from([0.0, 1e3]),
)
def test_correlated_samples_are_not_flat(
    rho: float, scale: float, offset: float
) -> None:
    # Strong correlation is not a singular distribution: finite, no warning.
    g = np.random.default_rng(0)
    x, z = g.normal(size=(2, 500))
    p = np.c_[x, rho * x + math.sqrt(1 - rho**2) * z] * scale + offset
    q = _gauss(500, 1) * scale + offset
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isfinite(dv.kl_divergence(p, q, n_neighbors=3))
        assert math.isfinite(dv.kl_divergence(q, p, n_neighbors=3))


def test_few_rows_are_not_called_flat() -> None:
    # Three rows in 3-D span at most a plane: not evidence of a flat P.
    g = np.random.default_rng(0)
    p, q = g.normal(size=(3, 3)), g.normal(size=(200, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert math.isfinite(dv.kl_divergence(p, q))


def test_jensen_shannon_of_a_line_against_a_density_is_log_2() -> None:
    # Mutually singular: JS = log 2 exactly; the kNN estimate read 0.594.
    p, q = _line(1000, 0), _gauss(1000, 1)
    for method in ("knn", "classifier"):
        with pytest.warns(DataWarning, match="p's sample lies on a 1-dimensional"):
            js = dv.jensen_shannon(p, q, method=method, rng=0)
        assert js == pytest.approx(math.log(2))


def test_jensen_shannon_on_one_common_line_is_finite_and_quiet() -> None:
    p, q = _line(500, 0), _line(500, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert dv.jensen_shannon(p, q, rng=0) < 0.05
