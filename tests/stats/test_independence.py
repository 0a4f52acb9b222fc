"""Permutation and surrogate tests: exactness, determinism, conditional nulls."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

import mutinfo as mt
from mutinfo.estimators import KSG
from mutinfo.exceptions import InvalidDataError, InvalidParameterError


def _gauss(n: int, rho: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = rho * x + math.sqrt(1 - rho**2) * rng.normal(size=n)
    return x, y


def test_p_value_formula_and_moments():
    x, y = _gauss(80, 0.2, 0)
    res = mt.independence_test(x, y, n_permutations=49, rng=1)
    null = res.null_distribution
    assert null is not None
    assert null.shape == (49,)
    assert res.p_value == (1 + np.sum(null >= res.statistic)) / 50
    assert res.null_mean == pytest.approx(null.mean())
    assert res.null_std == pytest.approx(null.std(ddof=1))
    assert res.effective_value == pytest.approx(res.statistic - res.null_mean)
    assert (res.method, res.surrogate, res.unit) == ("ksg", "permute", "nats")


def test_statistic_is_the_estimate():
    x, y = _gauss(100, 0.5, 1)
    res = mt.independence_test(x, y, n_permutations=5, rng=3, n_neighbors=4)
    assert res.statistic == mt.mi(x, y, rng=3, n_neighbors=4)
    obj = mt.independence_test(
        x, y, method=KSG(n_neighbors=4, rng=3), n_permutations=5, rng=3
    )
    assert obj.statistic == res.statistic


def test_strong_dependence_gives_smallest_p():
    x, y = _gauss(200, 0.9, 2)
    res = mt.independence_test(x, y, n_permutations=19, rng=0)
    assert res.p_value == pytest.approx(1 / 20)


@pytest.mark.parametrize("n_jobs", [2, -1])
def test_identical_for_any_n_jobs(n_jobs):
    x, y = _gauss(60, 0.3, 3)
    a = mt.independence_test(x, y, n_permutations=30, rng=7)
    b = mt.independence_test(x, y, n_permutations=30, rng=7, n_jobs=n_jobs)
    assert a == b
    assert np.array_equal(a.null_distribution, b.null_distribution)


def test_deterministic_and_seed_sensitive():
    x, y = _gauss(60, 0.0, 4)
    a = mt.independence_test(x, y, n_permutations=20, rng=0)
    b = mt.independence_test(x, y, n_permutations=20, rng=0)
    c = mt.independence_test(x, y, n_permutations=20, rng=1)
    assert np.array_equal(a.null_distribution, b.null_distribution)
    assert not np.array_equal(a.null_distribution, c.null_distribution)


def test_base_conversion():
    x = np.arange(100) % 4
    y = (x + (np.arange(100) % 3 == 0)) % 4
    nats = mt.independence_test(x, y, n_permutations=10, rng=0)
    bits = mt.independence_test(x, y, n_permutations=10, rng=0, base=2)
    assert bits.unit == "bits"
    assert bits.statistic == pytest.approx(nats.statistic / math.log(2))
    assert bits.null_std == pytest.approx(nats.null_std / math.log(2))
    assert bits.p_value == nats.p_value


def test_progress_callback():
    x, y = _gauss(40, 0.0, 5)
    seen: list[int] = []
    mt.independence_test(
        x, y, n_permutations=12, rng=0, progress=lambda d, t: seen.append(d)
    )
    assert seen[-1] == 12


def _ks_uniform(p_values: list[float], n_permutations: int) -> float:
    """KS p-value of permutation p-values against U(0, 1).

    Exact permutation p-values are uniform on the grid k / (B + 1); subtracting
    U(0, 1) / (B + 1) maps that grid-uniform law exactly onto U(0, 1), so the KS
    test sees no discreteness and still fails a test whose p-values pile up.
    """
    jitter = np.random.default_rng(12345).random(len(p_values))
    return float(
        sps.kstest(
            np.asarray(p_values) - jitter / (n_permutations + 1), "uniform"
        ).pvalue
    )


def test_p_values_uniform_under_null_ksg():
    # 300 replicates of an independent pair (the acceptance bound).
    p = []
    for seed in range(300):
        rng = np.random.default_rng(seed)
        x, y = rng.normal(size=30), rng.normal(size=30)
        p.append(mt.independence_test(x, y, n_permutations=9, rng=seed).p_value)
    assert _ks_uniform(p, 9) > 0.001


def test_p_values_uniform_under_null_plugin():
    p = []
    for seed in range(300):
        rng = np.random.default_rng(seed)
        x, y = rng.integers(0, 5, 60), rng.integers(0, 5, 60)
        with pytest.warns(mt.BiasWarning):
            res = mt.independence_test(
                x, y, method="plugin", n_permutations=19, rng=seed
            )
        p.append(res.p_value)
    assert _ks_uniform(p, 19) > 0.001


def test_ks_check_fails_a_broken_null():
    # A "null" that keeps the dependence (identity surrogate) must be caught.
    p = []
    for seed in range(100):
        x, y = _gauss(40, 0.0, seed)
        p.append(
            mt.independence_test(
                x, y, surrogate=lambda v, r: v, n_permutations=9, rng=seed
            ).p_value
        )
    assert _ks_uniform(p, 9) < 0.001


def _confounded_discrete(n: int, seed: int):
    rng = np.random.default_rng(seed)
    z = rng.integers(0, 3, n)
    x = (z + (rng.random(n) < 0.3)) % 3
    y = (z + (rng.random(n) < 0.3)) % 3
    return x, y, z


def test_stratified_conditional_test():
    x, y, z = _confounded_discrete(300, 0)
    marginal = mt.independence_test(x, y, method="plugin", n_permutations=49, rng=0)
    assert marginal.p_value == pytest.approx(1 / 50)  # x, y dependent through z
    cond = mt.independence_test(x, y, z, method="plugin", n_permutations=49, rng=0)
    assert cond.surrogate == "stratified"
    assert cond.p_value > 0.05
    # the stratified null has the bias of the conditional plug-in CMI
    assert cond.null_mean > 0


def test_conditional_p_values_uniform_stratified():
    p = [
        mt.independence_test(
            *_confounded_discrete(60, s), n_permutations=19, rng=s
        ).p_value
        for s in range(150)
    ]
    assert _ks_uniform(p, 19) > 0.001


def test_local_conditional_test_detects_and_accepts():
    rng = np.random.default_rng(1)
    n = 200
    z = rng.normal(size=n)
    x = z + 0.5 * rng.normal(size=n)
    y = z + 0.5 * rng.normal(size=n)
    cond = mt.independence_test(x, y, z, n_permutations=19, rng=0)
    assert cond.surrogate == "local"
    assert cond.p_value > 0.05
    y2 = y + x
    dep = mt.independence_test(x, y2, z, n_permutations=19, rng=0)
    assert dep.p_value == pytest.approx(1 / 20)


def test_time_series_surrogates():
    rng = np.random.default_rng(2)
    n = 300
    x = np.cumsum(rng.normal(size=n)) * 0.1
    y = np.cumsum(rng.normal(size=n)) * 0.1  # independent random walks
    for name in ("block", "circular"):
        res = mt.independence_test(
            x, y, surrogate=name, block_length=20, n_permutations=19, rng=0
        )
        assert res.surrogate == name
        assert 0 < res.p_value <= 1


def test_callable_surrogate():
    def reverse(y: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        assert y.shape == (50,)
        return y[::-1]

    x, y = _gauss(50, 0.0, 6)
    res = mt.independence_test(x, y, surrogate=reverse, n_permutations=3, rng=0)
    assert res.surrogate == "reverse"
    # Every surrogate is the same reversed series; only KSG's noise differs.
    null = res.null_distribution
    assert null is not None
    assert np.ptp(null) < 1e-6


@pytest.mark.filterwarnings(
    "ignore:Method .* is biased towards 0 at this sample size:mutinfo.BiasWarning"
)
def test_callable_surrogate_wrong_shape():
    x, y = _gauss(20, 0.0, 7)
    # n = 20: the small-sample warning (this sample cannot tell independence
    # from a strong dependence) is not what this test is about
    with pytest.raises(InvalidDataError, match="must return an array of the shape"):
        mt.independence_test(x, y, surrogate=lambda v, r: v[:5], n_permutations=2)


def test_dask_client_matches_local():
    distributed = pytest.importorskip("distributed")
    x, y = _gauss(60, 0.3, 8)
    local = mt.independence_test(x, y, n_permutations=16, rng=5)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = mt.independence_test(x, y, n_permutations=16, rng=5, client=client)
    assert np.array_equal(local.null_distribution, remote.null_distribution)


@pytest.mark.filterwarnings(
    "ignore:Method .* is biased towards 0 at this sample size:mutinfo.BiasWarning"
)
def test_errors():
    x, y = _gauss(20, 0.0, 9)
    z = np.arange(20.0)
    with pytest.raises(InvalidParameterError, match="does not test conditional"):
        mt.independence_test(x, y, z, surrogate="permute")
    with pytest.raises(InvalidParameterError, match="needs a discrete 'z'"):
        mt.independence_test(x, y, z, surrogate="stratified")
    with pytest.raises(InvalidParameterError, match="needs 'z'"):
        mt.independence_test(x, y, surrogate="local")
    with pytest.raises(InvalidParameterError, match="Did you mean 'permute'"):
        mt.independence_test(x, y, surrogate="permut")
    with pytest.raises(InvalidParameterError, match="'n_permutations' parameter"):
        mt.independence_test(x, y, n_permutations=0)
    with pytest.raises(InvalidParameterError, match="'block_length' parameter"):
        mt.independence_test(x, y, surrogate="block", block_length=0)
    with pytest.raises(InvalidParameterError, match="'shuffle_neighbors' parameter"):
        mt.independence_test(x, y, z, shuffle_neighbors=0)
    # 1: every surrogate is the data itself (p = 1.0 for any dependence).
    with pytest.raises(InvalidParameterError, match="at least 2 for surrogate='local'"):
        mt.independence_test(x, y, z, shuffle_neighbors=1)
    with pytest.raises(InvalidParameterError, match="smaller than n_samples=20"):
        mt.independence_test(x, y, z, shuffle_neighbors=20)
    with pytest.raises(InvalidParameterError, match="'base' parameter"):
        mt.independence_test(x, y, base=1)
    with pytest.raises(InvalidParameterError, match="'rng' parameter"):
        mt.independence_test(x, y, rng=-1)
    with pytest.raises(InvalidParameterError, match="'n_jobs' parameter"):
        mt.independence_test(x, y, n_jobs=0, n_permutations=2)


def test_inputs_not_mutated():
    x, y = _gauss(30, 0.2, 10)
    x0, y0 = x.copy(), y.copy()
    mt.independence_test(x, y, n_permutations=5, rng=0)
    assert np.array_equal(x, x0)
    assert np.array_equal(y, y0)


def _ids_z(n: int, pooled: int) -> np.ndarray:
    """``pooled`` rows share one value of z; every other row has its own."""
    return np.concatenate([np.zeros(pooled, int), np.arange(1, n - pooled + 1)])


def test_stratified_refuses_z_that_identifies_every_row():
    # Was: p = 1.0, null_std 0 for y = x, silently (each surrogate is the data).
    rng = np.random.default_rng(0)
    x = rng.integers(0, 3, 120)
    with pytest.raises(InvalidDataError, match="each of the 120 rows") as err:
        mt.independence_test(
            x, x, np.arange(120), method="plugin", n_permutations=19, rng=0
        )
    assert "p-value is 1" in str(err.value)


@pytest.mark.parametrize(
    ("pooled", "share", "floor"), [(2, "98%", "0.5"), (60, "50%", None)]
)
@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")  # sparse table
def test_stratified_warns_when_rows_sit_alone_in_their_stratum(pooled, share, floor):
    from mutinfo.exceptions import ResamplingWarning

    rng = np.random.default_rng(0)
    x = rng.integers(0, 3, 120)
    z = _ids_z(120, pooled)
    with pytest.warns(ResamplingWarning, match=f"{share} of the 120 rows") as rec:
        res = mt.independence_test(x, x, z, method="plugin", n_permutations=19, rng=0)
    text = str(rec[0].message)
    if floor is None:
        assert "cannot go much below" not in text
    else:
        # One stratum of two rows: two distinct surrogates, the least p about 1/2.
        assert f"cannot go much below {floor}" in text
        assert res.p_value > 0.05


def test_stratified_without_singletons_is_silent():
    import warnings

    x, y, z = _confounded_discrete(300, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.independence_test(x, y, z, method="plugin", n_permutations=9, rng=0)
