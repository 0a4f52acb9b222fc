"""Counting families on Zipf near copies: no silent reading tenths of a nat high.

Y = X w.p. q, else uniform, over a Zipf code (p_i ~ 1/i) of K = 100-3000
values at n = 500-10,000: Grassberger, Chao-Shen and NSB read 0.2-0.7 nats
high at q = 0.9 and up to 1.7 at q = 0.7 with no warning, as the table's
occupied cells per row stay below the sparse-table threshold while the thin
spread of exceptions over the K^2 cells is mostly unseen. The joint's
singletons beyond the marginals' measure that tail
(:func:`~mutinfo.estimators._counts_base.copy_tail_entropy`). Measured with
``benchmarks/discrete_strong_dependence.py --zipf 1 1.5 --q 1 0.9 0.7``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import BiasWarning


def _zipf_copy(k: int, n: int, q: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, k + 1)
    x = g.choice(k, size=n, p=p / p.sum())
    return x, np.where(g.random(n) < q, x, g.integers(k, size=n))


def _truth(k: int, q: float) -> float:
    p = 1.0 / np.arange(1, k + 1)
    p /= p.sum()
    py = q * p + (1 - q) / k
    on, off = q + (1 - q) / k, (1 - q) / k
    return float(
        -(py * np.log(py)).sum() + on * np.log(on) + (k - 1) * off * np.log(off)
    )


@pytest.mark.parametrize("method", ["grassberger", "chao_shen", "nsb"])
def test_a_zipf_near_copy_warns_high(method: str) -> None:
    # K = 3000, n = 10,000, q = 0.9 (truth 5.06): +0.56 / +0.70 / +0.62
    # nats over 10 draws, silent before; the statistic reads 0.74-0.80.
    k, n, q = 3000, 10_000, 0.9
    x, y = _zipf_copy(k, n, q, seed=1)
    with pytest.warns(BiasWarning, match="may read high") as caught:
        res = mt.estimate("mi", x, y, method=method, discrete=True)
    assert res.value - _truth(k, q) > 0.3  # the estimate is unchanged
    assert len(caught) == 1


def test_grassberger_warns_down_to_a_quarter_nat() -> None:
    # K = 300, n = 2000, q = 0.9: +0.36 nats, statistic 0.51-0.67.
    x, y = _zipf_copy(300, 2000, 0.9, seed=2)
    with pytest.warns(BiasWarning, match="may read high"):
        mt.estimate("mi", x, y, method="grassberger", discrete=True)


@pytest.mark.parametrize("method", ["grassberger", "chao_shen", "nsb"])
@pytest.mark.parametrize(("k", "n", "q"), [(1000, 2000, 1.0), (100, 10_000, 0.9)])
def test_quiet_on_an_exact_copy_and_a_well_sampled_one(
    method: str, k: int, n: int, q: float
) -> None:
    # Y = X: no singleton beyond the marginals'; K = 100, n = 10,000, q = 0.9:
    # errors +0.07 / -0.03 / +0.05, statistic 0.17-0.18.
    x, y = _zipf_copy(k, n, q, seed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error", BiasWarning)
        mt.estimate("mi", x, y, method=method, discrete=True)


def test_dirichlet_product_warns_on_a_wider_spread() -> None:
    # Zipf 1, K = 3000, n = 10,000, Y = X w.p. 0.7 (truth 3.73): +0.77 nats
    # (10 draws), 7 of them silent before; its posterior fills part of the
    # tail, so its bar is 1.0 nats (statistic about 2.1 here).
    k, q = 3000, 0.7
    x, y = _zipf_copy(k, 10_000, q, seed=0)
    with pytest.warns(BiasWarning, match="may read high") as caught:
        res = mt.estimate("mi", x, y, method="dirichlet_product", discrete=True)
    assert res.value - _truth(k, q) > 0.5
    assert len(caught) == 1
