"""kNN families: large k / n and heavy-tailed columns warn (they were silent).

At n = 200, KSG read a Gaussian pair (rho 0.8, truth 0.511 nats) as 0.22 at
k = 99 and 0.00 at k = 199, and KL the entropy of N(0, 1) (1.419) as 1.84 at
k = 199; KSG on x = exp(5 z1) against z2 (truth 0.347) read 0.20-0.26 at
n = 500-5000. Numbers: benchmarks/knn_large_k.py.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo._validation import Variable
from mutinfo.estimators import KSG
from mutinfo.estimators._guards import far_share, warn_heavy_tails


def _pair(n: int, rho: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    x = g.standard_normal(n)
    return x, rho * x + np.sqrt(1 - rho**2) * g.standard_normal(n)


@pytest.mark.parametrize("k", [99, 199])
def test_ksg_large_k_warns(k: int) -> None:
    x, y = _pair(200, 0.8)
    with pytest.warns(mt.BiasWarning, match=rf"n_neighbors={k} for 200 rows.*0\.511"):
        value = mt.mi(x, y, method="ksg", n_neighbors=k, rng=0)
    assert value < 0.3  # the bias the message describes (truth 0.511)


@pytest.mark.parametrize("method", ["kl", "kl_weighted"])
def test_kl_large_k_warns(method: str) -> None:
    x = np.random.default_rng(0).standard_normal(200)
    with pytest.warns(mt.BiasWarning, match=r"n_neighbors=199 .*1\.419"):
        value = mt.entropy(x, method=method, n_neighbors=199, rng=0)
    assert value > 1.7  # truth 1.419


def test_ksg_cmi_and_total_correlation_large_k_warn() -> None:
    x, y = _pair(200, 0.8)
    z = np.random.default_rng(1).standard_normal(200)
    with pytest.warns(mt.BiasWarning, match="n_neighbors=50"):
        mt.cmi(x, y, z, method="ksg", n_neighbors=50, rng=0)
    with pytest.warns(mt.BiasWarning, match="n_neighbors=50"):
        KSG(n_neighbors=50, rng=0).estimate("total_correlation", np.c_[x, y])


def test_small_k_stays_quiet() -> None:
    x, y = _pair(200, 0.8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.mi(x, y, method="ksg", n_neighbors=10, rng=0)  # k / n = 0.05
        mt.entropy(x, method="kl", n_neighbors=10, rng=0)
        mt.entropy(x, method="kl_weighted", rng=0)  # default k = 10


@pytest.mark.parametrize(
    "transform",
    [
        lambda z: np.exp(5 * z),
        lambda z: np.exp(2 * z),
        lambda z: np.tan(
            np.pi * (np.argsort(np.argsort(z)) + 0.5) / z.size - np.pi / 2
        ),
    ],
    ids=["exp5z", "exp2z", "cauchy"],
)
def test_ksg_heavy_tails_warn(transform) -> None:  # type: ignore[no-untyped-def]
    g = np.random.default_rng(0)
    z1 = g.standard_normal(500)
    z2 = 0.707 * z1 + np.sqrt(1 - 0.707**2) * g.standard_normal(500)
    with pytest.warns(mt.BiasWarning, match=r"heavy-tailed.*gaussian_copula"):
        mt.mi(transform(z1), z2, method="ksg", rng=0)


def test_ksg_exp5z_is_biased_and_warns() -> None:
    g = np.random.default_rng(0)
    z1 = g.standard_normal(500)
    z2 = 0.707 * z1 + np.sqrt(1 - 0.707**2) * g.standard_normal(500)
    with pytest.warns(mt.BiasWarning, match="heavy-tailed"):
        value = mt.mi(np.exp(5 * z1), z2, method="ksg", rng=0)
    assert value < 0.3  # truth 0.347: the bias the warning is about
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the advised fix is quiet and close
        fixed = mt.mi(np.arcsinh(np.exp(5 * z1)), z2, method="gaussian_copula")
    assert abs(fixed - 0.347) < 0.05


def test_heavy_tails_warn_in_cmi_z() -> None:
    g = np.random.default_rng(0)
    x, y = _pair(500, 0.6)
    with pytest.warns(mt.BiasWarning, match=r"Column .*'z'.* heavy-tailed"):
        mt.cmi(x, y, np.exp(5 * g.standard_normal(500)), method="ksg", rng=0)


@pytest.mark.parametrize("n", [50, 200, 1000, 100_000])
@pytest.mark.parametrize("dist", ["normal", "uniform", "laplace", "exponential"])
def test_light_tails_stay_quiet(dist: str, n: int) -> None:
    g = np.random.default_rng(n)
    for _ in range(20 if n <= 1000 else 2):
        column = getattr(g, dist)(size=n)
        v = Variable("x", column[:, None], (False,), (), ())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert not warn_heavy_tails(v, "ksg")


def test_far_share_is_cheap() -> None:
    column = np.random.default_rng(0).standard_normal(100_000)
    far_share(column)
    start = time.perf_counter()
    for _ in range(20):
        far_share(column)
    assert (time.perf_counter() - start) / 20 < 2e-3  # ~0.2 ms measured
