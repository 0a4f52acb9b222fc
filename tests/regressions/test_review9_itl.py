"""Review 9: ITL quantities of near-copies at small kernel widths."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import logsumexp

from mutinfo import itl


def _log_v(a: np.ndarray, b: np.ndarray, sigma: float) -> float:
    """log V(a, b) by direct differences (pairwise kernel of variance 2 sigma^2)."""
    sq = ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
    var = 2 * sigma * sigma
    return float(
        logsumexp(-sq / (2 * var))
        - 0.5 * a.shape[1] * math.log(2 * math.pi * var)
        - math.log(a.shape[0] * b.shape[0])
    )


def _near_copies() -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(0)
    p = g.normal(size=(200, 50))
    return p, p + 3e-6 * g.normal(size=p.shape)


def test_cauchy_schwarz_divergence_near_copies_small_width() -> None:
    # |u|^2 + |v|^2 - 2 u.v in kernel widths: 12.17042 nats for 12.17072 at
    # width 4e-6 (errors up to 1e-4 squared widths below the expansion limit).
    p, q = _near_copies()
    for sigma in (1e-5, 4e-6):
        exact = _log_v(p, p, sigma) + _log_v(q, q, sigma) - 2 * _log_v(p, q, sigma)
        got = itl.cauchy_schwarz_divergence(p, q, bandwidth=sigma)
        assert got == pytest.approx(exact, abs=1e-8)


def test_torch_cauchy_schwarz_divergence_matches_numpy_near_copies() -> None:
    # The torch version read 111.2033 nats for 111.1849 at width 1e-6 (float64).
    torch = pytest.importorskip("torch")
    from mutinfo.neural import itl as titl

    p, q = _near_copies()
    for sigma in (4e-6, 1e-6):
        want = itl.cauchy_schwarz_divergence(p, q, bandwidth=sigma)
        got = titl.cauchy_schwarz_divergence(torch.tensor(p), torch.tensor(q), sigma)
        assert float(got) == pytest.approx(want, rel=1e-10)
