"""Higher-order information of continuous samples and the Gaussian MMI PID.

Exact values: tests/reference/values/hoi_gaussian.json, written by
tests/reference/scripts/hoi_gaussian.py from Gaussian entropies (mpmath).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo import pid
from mutinfo.exceptions import (
    BiasWarning,
    InvalidDataError,
    InvalidParameterError,
    ResamplingWarning,
)

REF = json.loads(
    (Path(__file__).parents[1] / "reference/values/hoi_gaussian.json").read_text()
)
COVS = {
    "copies3": [[2.0, 1.0, 1.0], [1.0, 2.0, 1.0], [1.0, 1.0, 2.0]],
    "sum3": [[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.25]],
    "generic4": [
        [1.0, 0.5, 0.3, -0.2],
        [0.5, 2.0, 0.4, 0.1],
        [0.3, 0.4, 1.5, 0.6],
        [-0.2, 0.1, 0.6, 1.0],
    ],
}


def exact_sample(cov: list[list[float]], n: int = 200, seed: int = 0) -> np.ndarray:
    """Rows whose sample covariance (n - 1 denominator) is exactly ``cov``."""
    c = np.asarray(cov)
    z = np.random.default_rng(seed).normal(size=(n, len(c)))
    z -= z.mean(axis=0)
    w = np.linalg.cholesky(z.T @ z / (n - 1))
    return z @ np.linalg.inv(w).T @ np.linalg.cholesky(c).T


def ref(name: str, idx: tuple[int, ...], measure: str) -> float:
    return float(REF[f"{name}/{'-'.join(map(str, idx))}/{measure}"]["value"])


@pytest.mark.parametrize("name", list(COVS))
def test_exact_values_through_estimate(name: str) -> None:
    x = exact_sample(COVS[name])
    idx = tuple(range(x.shape[1]))
    for measure in pid.HOI_MEASURES:
        got = mt.estimate(measure, x, method="gaussian", bias_correction=False)
        assert got.value == pytest.approx(ref(name, idx, measure), abs=1e-10)
    h = pid.higher_order(x, method="gaussian", bias_correction=False, base=2)
    assert h.unit == "bits"
    assert h.n_variables == len(idx)
    assert h.o_information == pytest.approx(
        ref(name, idx, "o_information") / math.log(2), abs=1e-10
    )
    assert h.s_information == pytest.approx(
        h.total_correlation + h.dual_total_correlation, abs=1e-12
    )


def test_signs_redundancy_and_synergy() -> None:
    assert ref("copies3", (0, 1, 2), "o_information") > 0
    assert ref("sum3", (0, 1, 2), "o_information") < 0


def test_multiplets_batched_path_is_exact() -> None:
    x = exact_sample(COVS["generic4"])
    for order in (3, 4):
        table = pid.multiplets(x, order, method="gaussian", bias_correction=False)
        assert len(table) == math.comb(4, order)
        for _, row in table.iterrows():
            idx = tuple(int(c) for c in row["multiplet"])
            for measure in pid.HOI_MEASURES:
                assert row[measure] == pytest.approx(
                    ref("generic4", idx, measure), abs=1e-10
                )
        ranked = np.abs(table["o_information"].to_numpy())
        assert np.all(np.diff(ranked) <= 0)


@pytest.mark.parametrize("method", ["gaussian", "gaussian_copula"])
def test_batched_path_equals_the_family(method: str) -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 4)) @ rng.normal(size=(4, 4))
    x[:, 2] = np.exp(x[:, 2])  # a monotone distortion the copula ignores
    table = pid.multiplets(x, 3, method=method)
    for _, row in table.iloc[:2].iterrows():
        cols = [int(c) for c in row["multiplet"]]
        for measure in ("o_information", "dual_total_correlation"):
            want = mt.estimate(measure, x[:, cols], method=method).value
            assert row[measure] == pytest.approx(want, abs=1e-10)


def test_generic_path_equals_the_family() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(150, 4))
    x[:, 1] += x[:, 0]
    frame = pd.DataFrame(x, columns=list("abcd"))
    table = pid.multiplets(frame, 3, method="ksg", n_neighbors=4, rng=0)
    assert table.attrs["method"] == "ksg"
    row = table.set_index("multiplet").loc[[("a", "b", "c")]].iloc[0]
    want = mt.estimate(
        "o_information", x[:, :3], method="ksg", n_neighbors=4, rng=0
    ).value
    assert row["o_information"] == pytest.approx(want, abs=1e-12)


def test_bias_corrected_estimates_near_truth() -> None:
    rng = np.random.default_rng(3)
    for name in ("copies3", "sum3"):
        x = rng.multivariate_normal(np.zeros(3), COVS[name], size=4000)
        for method in ("gaussian", "gaussian_copula"):
            o = mt.estimate("o_information", x, method=method).value
            assert o == pytest.approx(ref(name, (0, 1, 2), "o_information"), abs=0.02)
    ksg = mt.estimate("o_information", x[:1500], method="ksg", rng=0).value
    assert ksg == pytest.approx(ref("sum3", (0, 1, 2), "o_information"), abs=0.08)


def test_copula_is_rank_invariant_and_base_converts() -> None:
    rng = np.random.default_rng(4)
    x = rng.multivariate_normal(np.zeros(3), COVS["copies3"], size=500)
    a = pid.multiplets(x, 3)
    b = pid.multiplets(np.c_[np.exp(x[:, 0]), x[:, 1] ** 3, x[:, 2]], 3, base=2)
    assert b.attrs["unit"] == "bits"
    assert b["o_information"].iloc[0] * math.log(2) == pytest.approx(
        a["o_information"].iloc[0], abs=1e-12
    )


def test_permutation_pvalues() -> None:
    rng = np.random.default_rng(5)
    s = rng.normal(size=600)
    frame = pd.DataFrame(
        {
            "a": s + rng.normal(size=600),
            "b": s + rng.normal(size=600),
            "c": s + rng.normal(size=600),
            "d": rng.normal(size=600),
            "e": rng.normal(size=600),
            "f": rng.normal(size=600),
        }
    )
    t1 = pid.multiplets(frame, 3, n_permutations=49, rng=7)
    t2 = pid.multiplets(frame, 3, n_permutations=49, rng=7)
    pd.testing.assert_frame_equal(t1, t2)
    top = t1.iloc[0]
    assert top["multiplet"] == ("a", "b", "c")
    assert top["p_value"] == 0.02
    assert top["p_value_fwer"] == 0.02
    noise = t1.set_index("multiplet").loc[[("d", "e", "f")]].iloc[0]
    assert noise["p_value_fwer"] > 0.05
    assert np.all(t1["p_value_fwer"] >= t1["p_value"])


def test_multiplets_bad_input() -> None:
    x = np.random.default_rng(0).normal(size=(50, 3))
    with pytest.raises(InvalidParameterError, match=r"'order'.*at most the number"):
        pid.multiplets(x, 4)
    with pytest.raises(InvalidParameterError, match="'measure'"):
        pid.multiplets(x, 3, measure="o_info")
    with pytest.raises(InvalidDataError, match="constant"):
        pid.multiplets(np.c_[x, np.ones(50)], 3)
    with pytest.raises(InvalidDataError, match="linearly dependent"):
        pid.multiplets(np.c_[x[:, :2], x[:, 0] + x[:, 1]], 3, method="gaussian")
    with pytest.raises(InvalidParameterError, match="not columns"):
        pid.multiplets(pd.DataFrame(x, columns=list("abc")), 2, columns=["a", "z"])
    with pytest.raises(InvalidDataError, match="at least 2 columns"):
        pid.higher_order(x[:, 0])


def test_performance_4060_triplets() -> None:
    # 30 columns, all 4,060 triplets; the benchmark runs n = 10,000.
    x = np.random.default_rng(6).normal(size=(2000, 30))
    table = pid.multiplets(x, 3)
    assert len(table) == 4060
    assert table["o_information"].abs().max() < 0.01


# --------------------------------------------------------------------------- #
# MMI PID of Gaussian variables
# --------------------------------------------------------------------------- #
PID_CASES = {
    "independent_sources": [[1.0, 0.0, 0.6], [0.0, 1.0, 0.6], [0.6, 0.6, 1.0]],
    "correlated_sources": [[1.0, 0.4, 0.5], [0.4, 1.0, 0.3], [0.5, 0.3, 1.0]],
}


@pytest.mark.parametrize("name", list(PID_CASES))
def test_gaussian_mmi_closed_form(name: str) -> None:
    r = pid.gaussian_mmi(PID_CASES[name], [0, 1], 2)
    for node, v in r.atoms.items():
        assert v == pytest.approx(REF[f"mmi/{name}/{node}"]["value"], abs=1e-12)
    assert sum(r.atoms.values()) == pytest.approx(r.mutual_information, abs=1e-12)
    assert min(r.unique) == 0.0
    assert r.synergy >= 0


def test_gaussian_mmi_from_samples_and_more_sources() -> None:
    rng = np.random.default_rng(8)
    cov = np.array(PID_CASES["correlated_sources"])
    x = rng.multivariate_normal(np.zeros(3), cov, size=20000)
    r = pid.decompose_gaussian([x[:, 0], x[:, 1]], x[:, 2])
    exact = pid.gaussian_mmi(cov, [0, 1], 2)
    assert r.info["method"] == "gaussian"
    for node in exact.atoms:
        assert r[node] == pytest.approx(exact[node], abs=0.025)  # ~3 sd at n=20000
    c4 = np.eye(4) + 0.3
    r3 = pid.gaussian_mmi(c4, [0, 1, 2], 3, base=math.e)
    assert len(r3.atoms) == 18
    assert r3.unit == "nats"
    assert sum(r3.atoms.values()) == pytest.approx(r3.mutual_information, abs=1e-12)
    grouped = pid.gaussian_mmi(c4, [[0, 1], 2], 3)
    assert grouped.sources == ("0,1", "2")


def test_gaussian_mmi_bad_input() -> None:
    cov = PID_CASES["independent_sources"]
    with pytest.raises(InvalidParameterError, match="shares rows"):
        pid.gaussian_mmi(cov, [0, 1], 1)
    with pytest.raises(InvalidParameterError, match="2 to 4 sources"):
        pid.gaussian_mmi(np.eye(6), [0, 1, 2, 3, 4], 5)
    with pytest.raises(InvalidParameterError, match="indices"):
        pid.gaussian_mmi(cov, [0, 7], 2)
    with pytest.raises(InvalidDataError, match="positive definite"):
        pid.gaussian_mmi(np.ones((3, 3)), [0, 1], 2)
    with pytest.raises(InvalidDataError, match="symmetric"):
        pid.gaussian_mmi(np.triu(np.ones((3, 3))), [0, 1], 2)
    with pytest.raises(InvalidDataError, match="same number of rows"):
        pid.decompose_gaussian([np.zeros(5), np.zeros(5)], np.zeros(4))


# --------------------------------------------------------------------------- #
# PID atoms with p-values and intervals through mutinfo.stats
# --------------------------------------------------------------------------- #
def test_atom_statistic_pvalues_and_interval() -> None:
    rng = np.random.default_rng(9)
    x = rng.integers(0, 2, (300, 2))
    syn = pid.atom_statistic("{0:1}", measure="imin")
    xor = mt.independence_test(
        x, x[:, 0] ^ x[:, 1], statistic=syn, n_permutations=49, rng=0
    )
    assert xor.p_value == 0.02
    assert xor.statistic > 0.6
    null = mt.independence_test(
        x, rng.integers(0, 2, 300), statistic=syn, n_permutations=49, rng=0
    )
    assert null.p_value > 0.05
    ci = mt.confidence_interval(
        x, x[:, 0] ^ x[:, 1], statistic=syn, scheme="bootstrap", n_resamples=50, rng=0
    )
    # Around the plug-in atom (below ln 2 here: H(Y) of the sample is < 1 bit).
    assert 0.5 < ci.low <= ci.estimate <= ci.high
    assert ci.target == "pid_imin_{0:1}"
    with pytest.raises(InvalidParameterError, match="No atom"):
        pid.atom_statistic("{0:2}")(x, x[:, 0])
    with pytest.raises(InvalidParameterError, match="'measure'"):
        pid.atom_statistic("{0:1}", measure="wb")


def test_atom_significance_table() -> None:
    rng = np.random.default_rng(10)
    x0, x1 = rng.integers(0, 2, (2, 300))
    # the I_mmi redundancy interval covers the plug-in atom, and says so; the
    # redundancy of two independent sources is about 0 (4.8e-6 nats), and
    # its percentile bootstrap [2.3e-5, 0.0077] lies above it, which is said
    with (
        pytest.warns(BiasWarning, match="plug-in I_mmi atom"),
        pytest.warns(ResamplingWarning, match="does not contain its own estimate"),
    ):
        t = pid.atom_significance(
            [x0, x1], x0, measure="mmi", n_permutations=19, n_resamples=40, rng=0
        )
    assert list(t.index) == ["{0}{1}", "{0}", "{1}", "{0:1}"]
    assert t.loc["{0}", "atom"] == pytest.approx(
        pid.decompose_samples([x0, x1], x0, measure="mmi")["{0}"], abs=1e-12
    )
    assert t.loc["{0}", "p_value"] == 0.05
    assert t.loc["{0}", "low"] > 0.9


# --------------------------------------------------------------------------- #
# Measures composed from composed measures, with every family
# --------------------------------------------------------------------------- #
COMPOSED = ("dual_total_correlation", "o_information", "s_information")


def test_composed_from_composed_reaches_entropy_only_families() -> None:
    from mutinfo import _registry
    from mutinfo._measures import derived

    assert derived(("entropy",)) == (
        "conditional_entropy",
        "total_correlation",
        *COMPOSED,
    )
    assert derived(("mi",)) == ()
    for measure in COMPOSED:
        supporting = _registry.families_supporting(measure)
        # kl and kl_weighted estimate entropy only; the plug-in family too.
        for name in ("kl", "kl_weighted", "plugin", "miller_madow"):
            assert name in supporting, (measure, name)
        for name in supporting:
            assert "total_correlation" in _registry.supported_measures(
                _registry.get(name)
            )


@pytest.mark.parametrize("name", ["copies3", "sum3"])
def test_kl_composed_measures_match_gaussian_closed_forms(name: str) -> None:
    cov = np.asarray(COVS[name])
    # Through the Cholesky factor, not multivariate_normal: its SVD factor is
    # not unique where eigenvalues repeat (copies3: 4, 1, 1), so the sample
    # differed between machines (s_information 0.70 on one, in range on CI).
    g = np.random.default_rng(1)
    x = g.standard_normal((20000, 3)) @ np.linalg.cholesky(cov).T
    for measure in COMPOSED:
        got = mt.estimate(measure, x, method="kl", rng=0)
        assert got.method == "kl"
        # KL's entropy bias at n = 20000 (3 neighbours) adds up to about 0.03
        # nats over the 7 entropies of a measure, and its spread over samples
        # is 0.01-0.024 (at n = 5000: bias 0.06, spread up to 0.05, and 0.08
        # failed on one sample in five).
        assert got.value == pytest.approx(ref(name, (0, 1, 2), measure), abs=0.1)


def test_kl_composition_is_the_combination_of_its_entropies() -> None:
    x = (
        np.random.default_rng(2).normal(size=(800, 3))
        @ np.linalg.cholesky(np.asarray(COVS["copies3"])).T
    )

    def h(cols: list[int]) -> float:
        return mt.estimate("entropy", x[:, cols], method="kl", rng=0).value

    full = h([0, 1, 2])
    tc = h([0]) + h([1]) + h([2]) - full
    dtc = full - sum(full - h([j for j in range(3) if j != i]) for i in range(3))
    expect = {
        "dual_total_correlation": dtc,
        "o_information": tc - dtc,
        "s_information": tc + dtc,
    }
    for measure, value in expect.items():
        got = mt.estimate(measure, x, method="kl", rng=0).value
        # kl jitters the data by 1e-10 (noise=) with a fresh draw per entropy,
        # so the sums agree to ~1e-8, not to rounding.
        assert got == pytest.approx(value, abs=1e-6), measure


@pytest.mark.parametrize("method", ["plugin", "miller_madow"])
def test_discrete_families_give_the_xor_o_information(method: str) -> None:
    # (x0, x1, x0 xor x1), each row equally often: TC = 1 bit, DTC = 2 bits.
    rows = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]] * 50)
    tc = mt.estimate("total_correlation", rows, method=method, base=2).value
    dtc = mt.estimate("dual_total_correlation", rows, method=method, base=2).value
    o = mt.estimate("o_information", rows, method=method, base=2).value
    s = mt.estimate("s_information", rows, method=method, base=2).value
    assert o == pytest.approx(tc - dtc, abs=1e-12)
    assert s == pytest.approx(tc + dtc, abs=1e-12)
    if method == "plugin":
        assert (tc, dtc, o, s) == pytest.approx((1.0, 2.0, -1.0, 3.0), abs=1e-12)


def test_auto_on_discrete_columns_composes_o_information() -> None:
    # auto picks a discrete family for labels; it used to raise
    # UnsupportedMeasureError for DTC, O- and S-information.
    rows = np.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]] * 50)
    o = mt.estimate("o_information", rows, base=2)
    assert o.value == pytest.approx(-1.0, abs=1e-12)


def test_multiplets_n_jobs_gives_identical_results() -> None:
    rng = np.random.default_rng(5)
    s = rng.normal(size=300)
    frame = pd.DataFrame({c: s + rng.normal(size=300) for c in "abcd"})
    frame["e"] = rng.normal(size=300)
    # Batched path: the surrogates run in parallel.
    one = pid.multiplets(frame, 3, n_permutations=19, rng=4)
    two = pid.multiplets(frame, 3, n_permutations=19, rng=4, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    # Per-subset path (ksg): the observed subsets and the surrogates too.
    cols = ["a", "b", "c", "e"]
    one = pid.multiplets(frame, 3, method="ksg", columns=cols, n_permutations=3, rng=4)
    two = pid.multiplets(
        frame, 3, method="ksg", columns=cols, n_permutations=3, rng=4, n_jobs=2
    )
    pd.testing.assert_frame_equal(one, two)
    # The per-subset values are the front door's, up to KSG's 1e-10 jitter.
    row = one[one["multiplet"] == ("a", "b", "c")].iloc[0]
    direct = mt.estimate("o_information", frame[["a", "b", "c"]], method="ksg")
    assert row["o_information"] == pytest.approx(direct.value, abs=1e-6)
    with pytest.raises(InvalidParameterError, match="n_jobs"):
        pid.multiplets(frame, 3, n_jobs=0)


def test_gaussian_mmi_refuses_a_repeated_row_and_empty_samples() -> None:
    # target=[2, 2] made S_T singular and returned NaN for every atom, silently;
    # empty samples raised numpy's reshape ValueError.
    cov = np.array([[1.0, 0.3, 0.6], [0.3, 1.0, 0.4], [0.6, 0.4, 1.0]])
    with pytest.raises(InvalidParameterError, match="repeats a row index"):
        pid.gaussian_mmi(cov, [0, 1], [2, 2])
    with pytest.raises(InvalidParameterError, match="repeats a row index"):
        pid.gaussian_mmi(cov, [[0, 0], 1], 2)
    empty = np.empty(0)
    with pytest.raises(InvalidDataError, match="empty"):
        pid.decompose_gaussian([empty, empty], empty)
