"""Transfer entropy, storage and rates against brute force and closed forms."""

from __future__ import annotations

import math
import warnings
from collections import Counter

import numpy as np
import pytest
from scipy import stats as sps

import mutinfo as mt
from mutinfo import datasets
from mutinfo import timeseries as ts
from mutinfo.exceptions import (
    BiasWarning,
    InsufficientSamplesError,
    InvalidDataError,
    InvalidParameterError,
)
from tests import reference


def _plugin_cmi(
    rows: list[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]],
) -> float:
    """Brute-force plug-in I(A; B | C) from counts of tuples."""
    n = len(rows)
    abc = Counter(rows)
    ac = Counter((a, c) for a, _, c in rows)
    bc = Counter((b, c) for _, b, c in rows)
    c_ = Counter(c for _, _, c in rows)
    return sum(
        cnt / n * math.log(cnt * c_[c] / (ac[(a, c)] * bc[(b, c)]))
        for (a, b, c), cnt in abc.items()
    )


def test_plugin_te_equals_brute_force_count() -> None:
    rng = np.random.default_rng(1)
    x = rng.integers(0, 3, 3000)
    y = (np.roll(x, 2) + rng.integers(0, 2, 3000)) % 3
    k, l, u = 2, 2, 2  # noqa: E741
    rows = [
        ((y[t],), (x[t - u], x[t - u - 1]), (y[t - 1], y[t - 2]))
        for t in range(3, 3000)
    ]
    te = ts.transfer_entropy(x, y, k=k, l=l, delay=u, method="plugin")
    assert te == pytest.approx(_plugin_cmi(rows), abs=1e-12)
    ais_rows = [((y[t],), (y[t - 1], y[t - 3]), ()) for t in range(3, 3000)]
    ais = ts.active_information_storage(y, k=2, k_tau=2, method="plugin")
    assert ais == pytest.approx(_plugin_cmi(ais_rows), abs=1e-12)


@pytest.mark.parametrize("delay", [1, 3])
def test_copy_process_te_is_conditional_entropy_of_source(delay: int) -> None:
    rng = np.random.default_rng(delay)
    n = 20000
    x = rng.integers(0, 4, n)
    y = np.empty(n, dtype=np.int64)
    y[delay:] = x[:-delay]
    y[:delay] = rng.integers(0, 4, delay)
    te = ts.transfer_entropy(x, y, delay=delay, method="plugin")
    # Same rows: t from max(1, delay) on.
    t0 = max(1, delay)
    h = mt.conditional_entropy(
        x[t0 - delay : n - delay], y[t0 - 1 : n - 1], method="plugin"
    )
    assert te == pytest.approx(h, abs=1e-12)
    assert te == pytest.approx(math.log(4), abs=0.01)  # H(source) to sampling error


def test_local_values_average_to_the_value() -> None:
    rng = np.random.default_rng(2)
    x = rng.integers(0, 2, 2000)
    y = np.roll(x, 1) ^ (rng.random(2000) < 0.1)
    for measure in ("te", "ais", "lagged_mi"):
        # auto on symbols picks a family without local values (grassberger here)
        k = 1 if measure == "lagged_mi" else 2  # lagged_mi has no history k
        res = ts.estimate(
            measure, x, y if measure != "ais" else None, k=k, method="plugin"
        )
        assert res.local is not None
        assert res.local.shape == (res.n_samples,)
        assert res.local.mean() == pytest.approx(res.value, abs=1e-12)
        assert res.measure == measure
    proc = datasets.coupled_ar(0.5, 0.5, 0.5)
    xc, yc = proc.sample(2000, rng=0)
    for method in ("gaussian", "ksg"):
        res = ts.estimate("te", xc, yc, method=method, rng=0)
        assert res.local is not None
        assert res.local.mean() == pytest.approx(res.value, abs=1e-10)


def test_chain_rule_next_value_entropy_is_storage_plus_rate() -> None:
    chain = datasets.MarkovChain.from_matrix(reference_matrix("three_state"))
    x = chain.sample(5000, rng=3)
    for k in (1, 2, 3):
        ais = ts.active_information_storage(x, k=k, method="plugin")
        rate = ts.entropy_rate(x, k=k, method="plugin")
        h_next = mt.entropy(x[k:], method="plugin")
        assert ais + rate == pytest.approx(h_next, abs=1e-12)


def reference_matrix(name: str) -> list[list[float]]:
    return {
        "binary_0.1_0.3": [[0.9, 0.1], [0.3, 0.7]],
        "three_state": [[0.5, 0.3, 0.2], [0.1, 0.6, 0.3], [0.4, 0.1, 0.5]],
    }[name]


@pytest.mark.parametrize("name", ["binary_0.1_0.3", "three_state"])
def test_markov_chain_closed_forms(name: str) -> None:
    chain = datasets.MarkovChain.from_matrix(reference_matrix(name))
    key = f"markov/{name}"
    rate = reference.value("timeseries_closed_forms", f"{key}/entropy_rate")
    assert chain.entropy_rate == pytest.approx(rate, rel=1e-12)
    for d in (1, 2, 3, 5, 10):
        mi = reference.value("timeseries_closed_forms", f"{key}/mi/{d}")
        assert chain.mutual_information(d) == pytest.approx(mi, rel=1e-9, abs=1e-15)
    # Sampled sequence: plug-in estimates to sampling error (n = 1e5, the
    # plug-in bias (m-1)^2 / 2n is below 2e-5 nats).
    x = chain.sample(100_000, rng=0)
    assert ts.entropy_rate(x, method="plugin") == pytest.approx(rate, abs=0.006)
    for d in (1, 2, 5):
        mi = reference.value("timeseries_closed_forms", f"{key}/mi/{d}")
        assert ts.lagged_mi(x, delay=d, method="plugin") == pytest.approx(mi, abs=0.004)
    # Order-1 chain: excess entropy = predictive information = I(x_t; x_t+1).
    mi1 = reference.value("timeseries_closed_forms", f"{key}/mi/1")
    assert ts.excess_entropy(x, max_k=3) == pytest.approx(mi1, abs=0.006)
    assert ts.predictive_information(x, k=2) == pytest.approx(mi1, abs=0.006)


def test_binary_chain_matches_the_markov_chain_task() -> None:
    task = datasets.markov_chain(flip=0.2, lag=3)
    chain = datasets.binary_markov_chain(0.2)
    assert chain.mutual_information(3) == pytest.approx(
        task.mutual_information, rel=1e-12
    )


@pytest.mark.parametrize("name", ["0.5_0.5_0.5", "0.8_0.3_0.6"])
def test_coupled_ar_gaussian_te_matches_closed_form(name: str) -> None:
    a, b, c = (float(v) for v in name.split("_"))
    proc = datasets.coupled_ar(a, b, c)
    truth = reference.value("timeseries_closed_forms", f"coupled_ar/{name}/te")
    assert proc.transfer_entropy() == pytest.approx(truth, rel=1e-10)
    assert proc.transfer_entropy(direction="y->x") == pytest.approx(0.0, abs=1e-12)
    x, y = proc.sample(50_000, rng=1)
    # Gaussian TE: standard error about sqrt(1/n) ~ 0.005 nats.
    assert ts.transfer_entropy(x, y, method="gaussian") == pytest.approx(
        truth, abs=0.015
    )
    assert ts.transfer_entropy(y, x, method="gaussian") == pytest.approx(0, abs=0.01)
    # Longer histories: the Gaussian estimate follows the closed form at k = l = 2.
    assert ts.transfer_entropy(x, y, k=2, l=2, method="gaussian") == pytest.approx(
        proc.transfer_entropy(k=2, l=2), abs=0.015
    )


def test_coupled_ar_ksg_te_within_measured_tolerance() -> None:
    proc = datasets.coupled_ar(0.5, 0.5, 0.5)
    truth = proc.transfer_entropy()
    x, y = proc.sample(3000, rng=2)
    # Measured: KSG (k=4) over 20 seeds at n=3000 was within 0.03 of the truth.
    assert ts.transfer_entropy(x, y, method="ksg", rng=0) == pytest.approx(
        truth, abs=0.04
    )


@pytest.mark.parametrize(
    ("method", "discrete"),
    [
        ("plugin", True),
        ("miller_madow", True),
        ("grassberger", True),
        ("ksg", False),
        ("gaussian", False),
        ("gaussian_copula", False),
        ("binning", False),
    ],
)
def test_every_family_estimates_te(method: str, discrete: bool) -> None:
    rng = np.random.default_rng(4)
    if discrete:
        x = rng.integers(0, 2, 1500)
        y = np.roll(x, 1) ^ (rng.random(1500) < 0.1)
    else:
        x, y = datasets.coupled_ar(0.5, 0.5, 0.8).sample(1500, rng=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)  # binning's plug-in cells
        res = ts.estimate("te", x, y, method=method, rng=0)
        back = ts.estimate("te", y, x, method=method, rng=0)
    assert res.method == method
    assert math.isfinite(res.value)
    assert res.value > back.value + 0.05


def test_realisations_are_pooled_never_joined() -> None:
    rng = np.random.default_rng(5)
    xs = [rng.integers(0, 2, n) for n in (50, 80, 120)]
    ys = [np.roll(x, 1) ^ (rng.random(len(x)) < 0.2) for x in xs]
    pooled = ts.transfer_entropy(xs, ys, k=2, method="plugin")
    rows = [
        ((y[t],), (x[t - 1],), (y[t - 1], y[t - 2]))
        for x, y in zip(xs, ys, strict=True)
        for t in range(2, len(x))
    ]
    assert pooled == pytest.approx(_plugin_cmi(rows), abs=1e-12)
    e = ts.embed(ys, xs, k=2)
    assert e.n_rows == sum(len(x) - 2 for x in xs)
    assert e.realisation.tolist() == [i for i, x in enumerate(xs) for _ in x[2:]]


def test_symbols_and_conditional_te() -> None:
    rng = np.random.default_rng(6)
    z = rng.integers(0, 2, 4000)
    x = np.roll(z, 1)  # x is z delayed: given z's past, x adds nothing about y
    y = np.roll(z, 2) ^ (rng.random(4000) < 0.1)
    plain = ts.transfer_entropy(x, y)
    cond = ts.transfer_entropy(x, y, cond=z, cond_delay=2)
    assert plain > 0.3
    assert cond == pytest.approx(0.0, abs=0.01)
    letters = np.array(list("ab"))[x]
    assert ts.transfer_entropy(letters, y) == pytest.approx(plain, abs=1e-12)


def test_bases_and_periodic_storage() -> None:
    x = np.tile([0, 1, 2], 301)[:-2]  # 900 embedded steps: each symbol 300 times
    assert ts.active_information_storage(x, base=2, method="plugin") == pytest.approx(
        math.log2(3), abs=1e-12
    )
    assert ts.entropy_rate(x) == pytest.approx(0.0, abs=1e-12)
    assert ts.block_entropy(
        np.tile([0, 1, 2], 301), 4, base=3, method="plugin"
    ) == pytest.approx(1.0, abs=1e-12)


def test_independent_processes_give_uniform_p_values() -> None:
    rng = np.random.default_rng(7)
    p_values = []
    for rep in range(20):
        x = rng.integers(0, 2, 150)
        y = rng.integers(0, 2, 150)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", BiasWarning)
            res = ts.transfer_entropy_test(x, y, n_permutations=19, rng=rep)
        p_values.append(res.p_value)
    # p-values on the grid 1/20 .. 1: KS against the uniform on (0, 1].
    assert sps.kstest(p_values, "uniform").pvalue > 0.01
    assert 0.3 < np.mean(p_values) < 0.7


@pytest.mark.parametrize("surrogate", ["permute", "circular"])
def test_te_test_detects_coupling(surrogate: str) -> None:
    x, y = datasets.coupled_ar(0.5, 0.5, 0.5).sample(400, rng=8)
    res = ts.transfer_entropy_test(
        x, y, method="gaussian", surrogate=surrogate, n_permutations=19, rng=0
    )
    assert res.p_value == pytest.approx(0.05)
    assert res.surrogate == surrogate
    assert res.statistic == pytest.approx(ts.transfer_entropy(x, y, method="gaussian"))


def test_te_test_is_reproducible_and_thread_invariant() -> None:
    rng = np.random.default_rng(9)
    x = rng.integers(0, 2, 300)
    y = np.roll(x, 1) ^ (rng.random(300) < 0.4)
    a = ts.transfer_entropy_test(x, y, n_permutations=29, rng=1)
    b = ts.transfer_entropy_test(x, y, n_permutations=29, rng=1, n_jobs=2)
    assert np.array_equal(a.null_distribution, b.null_distribution)


def test_bad_input_is_named() -> None:
    x = np.arange(10) % 2
    with pytest.raises(InsufficientSamplesError, match="longer than the embedding"):
        ts.transfer_entropy(x[:3], x[:3], k=3)
    with pytest.raises(InvalidParameterError, match="'k' parameter"):
        ts.transfer_entropy(x, x, k=0)
    with pytest.raises(InvalidParameterError, match="'delay' parameter"):
        ts.transfer_entropy(x, x, delay=1.5)
    with pytest.raises(InvalidParameterError, match="'k_tau' parameter"):
        ts.embed(x, k_tau=0)
    with pytest.raises(InvalidDataError, match="same number of features"):
        ts.entropy_rate([np.zeros((5, 1)), np.zeros((5, 2))])
    with pytest.raises(InvalidDataError, match="same realisations"):
        ts.transfer_entropy([x, x], [x])
    with pytest.raises(InvalidParameterError, match="'measure' parameter"):
        ts.estimate("transfer", x, x)
    with pytest.raises(InvalidParameterError, match="needs the source"):
        ts.estimate("te", x)
    with pytest.raises(InvalidParameterError, match="takes one series"):
        ts.estimate("ais", x, x)
    with pytest.raises(InvalidParameterError, match="'nan_policy'"):
        ts.embed(x, nan_policy="drop")


def test_nan_policy() -> None:
    x, y = datasets.coupled_ar(0.5, 0.5, 0.5).sample(500, rng=3)
    gap = y.copy()
    gap[100] = np.nan
    with pytest.raises(InvalidDataError, match="nan_policy='omit'"):
        ts.transfer_entropy(x, gap, method="gaussian")
    res = ts.estimate("te", x, gap, k=2, method="gaussian", nan_policy="omit")
    # Steps t = 100 (future), 101, 102 (history) are dropped.
    assert res.n_samples == 500 - 2 - 3
    e = ts.embed(gap, x, k=2, nan_policy="omit")
    assert 100 not in e.time
    assert 102 not in e.time
    assert 103 in e.time


def test_huge_alphabet_plugin_warns() -> None:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 50, 400)
    with pytest.warns(BiasWarning, match="n_samples"):
        ts.transfer_entropy(x, np.roll(x, 1), k=2)


def test_te_of_a_series_to_itself_is_exactly_zero() -> None:
    """Regression: TE(x -> x) returned KSG's bias (-0.069) with no word.

    With ``l <= k`` and ``delay = 1`` the source's history is part of the
    target's past that TE conditions on, so TE = I(Y_t; X_past | Y_past) = 0
    by definition; the same for a source that is also a condition.
    """
    g = np.random.default_rng(0)
    x = np.cumsum(g.normal(size=400)) * 0.1 + g.normal(size=400)
    y = g.normal(size=400)
    assert ts.transfer_entropy(x, x, method="ksg", rng=0) == 0.0
    res = ts.estimate("te", x, x, k=2, l=2, method="ksg", rng=0)
    assert res.value == 0.0
    assert np.all(res.local == 0.0)
    assert res.extras["estimate"] != 0.0  # the estimator's own number is kept
    assert "TE is 0 by definition" in res.extras["note"]
    assert ts.transfer_entropy(y, x, cond=y, method="ksg", rng=0) == 0.0
    codes = (x > 0).astype(int)
    assert ts.transfer_entropy(codes, codes, k=2) == 0.0
    # A history reaching past the target's is not inside it: estimated, with a
    # note that it measures the target's own longer memory, not transfer.
    longer = ts.estimate("te", x, x, k=1, l=2, method="ksg", rng=0)
    assert "not transfer" in longer.extras["note"]
    assert longer.value != 0.0
    # The test's observed statistic is the same exact 0.
    test = ts.transfer_entropy_test(x, x, method="ksg", n_permutations=9, rng=0)
    assert test.statistic == 0.0


def test_te_matrix_diagonal_stays_not_estimated() -> None:
    g = np.random.default_rng(1)
    data = g.normal(size=(300, 2))
    m = ts.te_matrix(data, method="ksg", rng=0)
    assert np.all(np.isnan(np.diag(m.te.to_numpy())))


def test_excess_entropy_warns_when_the_amplified_bias_can_dominate():
    # E(L) = L H(L-1) - (L-1) H(L) multiplies the block-entropy bias by about
    # L: an i.i.d. ternary series (true E = 0) of 300 steps read -0.18 nats at
    # max_k = 4 (81 cells, NSB) with no warning.
    from mutinfo.exceptions import BiasWarning

    x = np.random.default_rng(0).integers(0, 3, 300)
    with pytest.warns(BiasWarning, match=r"max_k=4 occupy 78 cells.*0\.519 nats"):
        value = ts.excess_entropy(x, max_k=4)
    assert value < -0.1  # the wrong number the warning is about
    with pytest.warns(BiasWarning, match="max_k=4"):
        ts.estimate("excess_entropy", x, max_k=4)


def test_excess_entropy_silent_when_blocks_are_well_sampled():
    # binary Markov chain, n = 5000, max_k = 3: 8 cells, statistic 0.002 nats
    rng = np.random.default_rng(1)
    p = np.array([[0.9, 0.1], [0.2, 0.8]])
    x = np.zeros(5000, dtype=int)
    flips = rng.random(5000)
    for t in range(1, 5000):
        x[t] = flips[t] < p[x[t - 1], 1]
    pi = np.array([2 / 3, 1 / 3])
    exact = -(pi * np.log(pi)).sum() + (pi[:, None] * p * np.log(p)).sum()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = ts.excess_entropy(x, max_k=3)
    assert abs(value - exact) < 0.03


@pytest.mark.parametrize("method", ["gaussian", "ksg"])
def test_te_test_reports_the_estimator_family(method: str) -> None:
    # Was: method='transfer_entropy' (the statistic's name) whatever ran.
    x, y = datasets.coupled_ar(0.5, 0.5, 0.8).sample(300, rng=4)
    test = ts.transfer_entropy_test(x, y, method=method, n_permutations=9, rng=0)
    assert test.method == method == ts.estimate("te", x, y, method=method).method
    assert test.to_dict()["method"] == method


def test_te_test_reports_the_family_auto_resolved_to() -> None:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 2, 400)
    y = np.roll(x, 1) ^ (rng.random(400) < 0.2)
    test = ts.transfer_entropy_test(x, y, n_permutations=9, rng=0)
    assert test.method == ts.estimate("te", x, y).method != "transfer_entropy"
