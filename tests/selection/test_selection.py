"""Greedy MI feature selection: criteria on data where the right answer is known."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo._validation import Variable
from mutinfo.estimators._base import Estimate, Estimator
from mutinfo.exceptions import (
    InvalidDataError,
    InvalidParameterError,
)
from mutinfo.selection import CRITERIA, forward_selection, select_features
from mutinfo.selection._terms import TermCache, column
from tests.conftest import row_id_table

REDUNDANCY_AWARE = ["mrmr", "mrmr_quotient", "jmi", "cmim", "jmim"]


def redundant_data(n: int = 1000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """y depends on x0 (strongly) and x1 (weakly); x2 is a noisy copy of x0;
    x3..x5 are noise. Univariate MI ranks the copy x2 above x1."""
    rng = np.random.default_rng(seed)
    x0, x1 = rng.normal(size=n), rng.normal(size=n)
    x2 = x0 + 0.3 * rng.normal(size=n)
    y = x0 + 0.6 * x1 + 0.3 * rng.normal(size=n)
    X = np.column_stack([x0, x1, x2, rng.normal(size=(n, 3))])
    return X, y


def xor_data(n: int = 2000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """y = x0 XOR x1 with x1 ~ Bernoulli(0.2): x0 is relevant alone (0.28 bits),
    x1 is independent of y alone but gives 0.72 bits once x0 is known; x2 and
    x3 are noisy copies of y (0.12 and 0.07 bits); x4, x5 are noise."""
    rng = np.random.default_rng(seed)
    x0 = rng.integers(0, 2, n)
    x1 = (rng.uniform(size=n) < 0.2).astype(np.int64)
    y = x0 ^ x1
    x2 = y ^ (rng.uniform(size=n) < 0.3)
    x3 = y ^ (rng.uniform(size=n) < 0.35)
    X = np.column_stack([x0, x1, x2, x3, rng.integers(0, 2, (n, 2))])
    return X.astype(np.int64), y


def test_univariate_mi_ranks_the_redundant_copy_high() -> None:
    X, y = redundant_data()
    assert select_features(X, y, k=2, criterion="mi", rng=0) == [0, 2]


@pytest.mark.parametrize("criterion", REDUNDANCY_AWARE)
def test_redundancy_aware_criteria_pick_the_two_causes_first(criterion: str) -> None:
    X, y = redundant_data()
    assert select_features(X, y, k=2, criterion=criterion, rng=0) == [0, 1]


@pytest.mark.parametrize("criterion", ["jmi", "cmim", "jmim"])
def test_jmi_type_criteria_find_xor_synergy(criterion: str) -> None:
    X, y = xor_data()
    assert select_features(X, y, k=2, criterion=criterion) == [0, 1]


@pytest.mark.parametrize("criterion", ["mi", "mrmr", "mrmr_quotient"])
def test_relevance_redundancy_criteria_miss_xor_synergy(criterion: str) -> None:
    X, y = xor_data()
    chosen = select_features(X, y, k=2, criterion=criterion)
    assert chosen[0] == 0
    assert 1 not in chosen


def test_jmi_scores_equal_their_closed_form_on_discrete_data() -> None:
    # Plug-in terms obey the chain rule exactly, so the JMI score of the second
    # pick is the plug-in I(x1; y | x0) and JMIM's is I(x0, x1; y).
    X, y = xor_data()
    jmi = forward_selection(X, y, k=2, criterion="jmi", base=2, method="plugin")
    jmim = forward_selection(X, y, k=2, criterion="jmim", base=2, method="plugin")
    cmi = mt.cmi(X[:, 1], y, X[:, 0], base=2, method="plugin")
    joint = mt.mi(X[:, :2], y, base=2, method="plugin")
    assert jmi.scores[1] == pytest.approx(cmi, abs=1e-12)
    assert jmim.scores[1] == pytest.approx(joint, abs=1e-12)
    assert jmi.scores[0] == pytest.approx(
        mt.mi(X[:, 0], y, base=2, method="plugin"), abs=1e-12
    )


def test_scores_follow_brown_identity_for_mrmr() -> None:
    X, y = xor_data()
    sel = forward_selection(X, y, k=3, criterion="mrmr")
    a, b, c = sel.indices
    expected = mt.mi(X[:, c], y, method="plugin") - 0.5 * (
        mt.mi(X[:, c], X[:, a], method="plugin")
        + mt.mi(X[:, c], X[:, b], method="plugin")
    )
    assert sel.scores[2] == pytest.approx(expected, abs=1e-12)


def test_selection_reports_ranking_relevance_and_unit() -> None:
    X, y = xor_data()
    nats = forward_selection(X, y, k=3, criterion="cmim")
    bits = forward_selection(X, y, k=3, criterion="cmim", base=2)
    assert bits.unit == "bits"
    assert nats.unit == "nats"
    np.testing.assert_allclose(np.array(bits.scores) * math.log(2), nats.scores)
    np.testing.assert_allclose(np.array(bits.relevance) * math.log(2), nats.relevance)
    assert sorted(nats.ranking) == list(range(1, 7))
    assert [nats.ranking[j] for j in nats.indices] == [1, 2, 3]
    assert nats.stopped_by == "k"
    # auto: each relevance term gets the family mt.estimate gives the pair
    assert dict(nats.methods) == {
        j: mt.estimate("mi", X[:, j], y).method for j in range(6)
    }


def test_threshold_stops_when_the_gain_is_small() -> None:
    X, y = redundant_data()
    sel = forward_selection(X, y, k=None, criterion="cmim", threshold=0.05, rng=0)
    assert sel.indices == (0, 1)
    assert sel.stopped_by == "threshold"
    assert min(sel.scores) >= 0.05


def test_selecting_every_feature_is_exhausted() -> None:
    X, y = xor_data(n=300)
    sel = forward_selection(X[:, :3], y, k=None, criterion="jmi", threshold=-1.0)
    assert sel.stopped_by == "exhausted"
    assert sorted(sel.indices) == [0, 1, 2]


@pytest.mark.parametrize("criterion", list(CRITERIA))
def test_deterministic_under_rng(criterion: str) -> None:
    X, y = redundant_data(n=300)
    a = forward_selection(X, y, k=3, criterion=criterion, rng=7)
    b = forward_selection(X, y, k=3, criterion=criterion, rng=7)
    assert a == b


def test_input_is_not_mutated() -> None:
    X, y = redundant_data(n=300)
    X0, y0 = X.copy(), y.copy()
    select_features(X, y, k=2, criterion="jmi", rng=0)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_dataframe_names_and_mixed_kinds() -> None:
    # Continuous and discrete features with a discrete target: relevance uses
    # mixed_ksg / plugin per feature; CMI terms use the chain rule.
    rng = np.random.default_rng(1)
    n = 800
    label = rng.integers(0, 3, n)
    frame = pd.DataFrame(
        {
            "signal": label + 0.3 * rng.normal(size=n),
            "copy": label + 0.3 * rng.normal(size=n),
            "code": (label + (rng.uniform(size=n) < 0.3)) % 3,
            "noise": rng.normal(size=n),
        }
    )
    sel = forward_selection(frame, label, k=2, criterion="jmi", rng=0)
    assert sel.features[0] in ("signal", "copy")
    assert dict(sel.methods) == {
        "signal": "mixed_ksg",
        "copy": "mixed_ksg",
        "code": mt.estimate("mi", frame["code"], label).method,
        "noise": "mixed_ksg",
    }
    assert select_features(frame, label, k=1, criterion="mi", rng=0) == [
        sel.features[0]
    ]


def test_discrete_option_sets_kinds_per_column() -> None:
    X, y = xor_data(n=500)
    as_float = X.astype(np.float64)
    assert forward_selection(
        as_float, y, k=2, criterion="jmi", discrete=True
    ) == forward_selection(X, y, k=2, criterion="jmi")


# ---------------------------------------------------------------------------
# Cache: every term is estimated once
# ---------------------------------------------------------------------------
def _count_estimates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = Estimator.compute

    def counting(self: Estimator, measure: str, *args: object, **kw: object) -> object:
        calls.append(measure)
        return original(self, measure, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Estimator, "compute", counting)
    return calls


@pytest.mark.parametrize(
    ("criterion", "kind"),
    [("mrmr", "redundancy"), ("jmi", "conditional_relevance"), ("mi", None)],
)
def test_each_term_is_estimated_once(
    monkeypatch: pytest.MonkeyPatch, criterion: str, kind: str | None
) -> None:
    X, y = xor_data(n=400)
    calls = _count_estimates(monkeypatch)
    d, k = X.shape[1], 4
    # miller_madow has no matrix fast kernel, so every term calls the estimator.
    sel = forward_selection(X, y, k=k, criterion=criterion, method="miller_madow")
    # d relevances, then (d - t) new terms at step t = 1 .. k - 1.
    expected = {"relevance": d}
    if kind is not None:
        expected[kind] = sum(d - t for t in range(1, k))
    assert dict(sel.n_estimates) == expected
    assert len(calls) == sum(expected.values())


def test_chain_rule_reuses_relevance(monkeypatch: pytest.MonkeyPatch) -> None:
    # Continuous features, discrete target, and a method without CMI (Ross's
    # variant of mixed_ksg): I(X_j; Y | X_k) = I(X_j, X_k; Y) - I(X_k; Y) with
    # I(X_k; Y) cached. (auto now has a CMI for the mix: Gao's variant.)
    from mutinfo.estimators import MixedKSG

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300)
    X = y[:, None] + rng.normal(size=(300, 4))
    calls = _count_estimates(monkeypatch)
    ross = MixedKSG(variant="ross", rng=0)
    sel = forward_selection(X, y, k=3, criterion="cmim", method=ross, rng=0)
    assert dict(sel.n_estimates) == {"relevance": 4, "conditional_relevance": 3 + 2}
    assert calls == ["mi"] * 9


def test_matrix_fast_paths_give_the_registered_estimates() -> None:
    # Relevance and redundancy run as pairs of the matrix planner (one-hot
    # counting, batched copula algebra); values equal the per-pair estimator.
    X, y = xor_data(n=500)
    sel = forward_selection(X, y, k=3, criterion="mrmr")
    expected = [mt.mi(X[:, j], y) for j in range(X.shape[1])]
    np.testing.assert_allclose(sel.relevance, expected, rtol=0, atol=1e-12)
    Xc, yc = redundant_data(n=600)
    ranked = mt.rank_features(Xc, yc, method="gaussian_copula").sort_values("feature")
    expected = [mt.mi(Xc[:, j], yc, method="gaussian_copula") for j in range(6)]
    np.testing.assert_allclose(ranked["mi"], expected, rtol=0, atol=1e-10)
    assert set(ranked["method"]) == {"gaussian_copula"}
    # Conditional relevance: pairs given the last pick, on the same planner.
    sel = forward_selection(Xc, yc, k=2, criterion="jmi", method="gaussian_copula")
    first, second = sel.indices
    cmi = mt.cmi(Xc[:, second], yc, Xc[:, first], method="gaussian_copula")
    assert sel.scores[1] == pytest.approx(cmi, abs=1e-10)


def test_cache_serves_repeated_requests() -> None:
    X, y = xor_data(n=300)
    data = Variable("X", X.astype(np.float64), (True,) * X.shape[1])
    features = [column(data, j) for j in range(X.shape[1])]
    target = Variable("y", y[:, None].astype(np.float64), (True,))
    cache = TermCache(features, target)
    first = cache.redundancy([1, 2], 0)
    again = cache.redundancy([0], 1)  # symmetric: I(x0; x1) is already known
    assert again[0] == first[0]
    assert cache.computed["redundancy"] == 2
    assert cache.reused["redundancy"] == 1


def test_chain_rule_equals_direct_cmi_for_plugin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    X, y = xor_data(n=500)
    data = Variable("X", X.astype(np.float64), (True,) * X.shape[1])
    features = [column(data, j) for j in range(X.shape[1])]
    target = Variable("y", y[:, None].astype(np.float64), (True,))
    direct = TermCache(features, target, method="plugin")
    chained = TermCache(features, target, method="plugin")
    monkeypatch.setattr(chained, "_direct_cmi", lambda j, k: False)
    np.testing.assert_allclose(
        chained.conditional_relevance([1, 2, 3], 0),
        direct.conditional_relevance([1, 2, 3], 0),
        rtol=0,
        atol=1e-12,
    )
    assert chained.method_of(("conditional_relevance", 1, 0)) == "plugin (chain rule)"


def test_estimator_object_and_method_params() -> None:
    X, y = redundant_data(n=400)
    by_name = forward_selection(X, y, k=2, method="ksg", n_neighbors=5, rng=3)
    by_object = forward_selection(
        X, y, k=2, method=mt.estimators.KSG(n_neighbors=5), rng=3
    )
    assert by_name == by_object


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------
def test_unknown_criterion() -> None:
    X, y = xor_data(n=50)
    with pytest.raises(InvalidParameterError, match=r"'criterion'.*Did you mean 'jmi'"):
        select_features(X, y, k=1, criterion="jmj")


@pytest.mark.parametrize("k", [0, 7, 1.5, True])
def test_bad_k(k: object) -> None:
    X, y = xor_data(n=50)
    with pytest.raises(InvalidParameterError, match=r"'k' parameter .*\[1, 6\]"):
        select_features(X, y, k=k)  # type: ignore[arg-type]


def test_k_or_threshold_is_needed() -> None:
    X, y = xor_data(n=50)
    with pytest.raises(InvalidParameterError, match="Give 'k'"):
        select_features(X, y, k=None)


@pytest.mark.parametrize("threshold", [math.nan, "0.1"])
def test_bad_threshold(threshold: object) -> None:
    X, y = xor_data(n=50)
    with pytest.raises(InvalidParameterError, match="'threshold' parameter"):
        select_features(X, y, k=1, threshold=threshold)  # type: ignore[arg-type]


def test_x_none() -> None:
    with pytest.raises(InvalidParameterError, match="'X' parameter"):
        select_features(None, [0, 1], k=1)


def test_too_few_samples() -> None:
    with pytest.raises(InvalidDataError, match="at least 2 samples"):
        select_features([[1.0, 2.0]], [0], k=1)


def test_mismatched_lengths() -> None:
    with pytest.raises(InvalidDataError, match="same number of samples"):
        select_features(np.zeros((5, 2)), np.zeros(4), k=1)


class _Infinite(Estimator):
    name = "infinite_test_only"
    measures = ("mi",)
    kinds = ("discrete", "continuous")

    def _mi(self, x: Variable, y: Variable, rng: np.random.Generator) -> Estimate:
        return Estimate(math.inf)


def test_non_finite_scores_raise() -> None:
    X, y = xor_data(n=50)
    with pytest.raises(InvalidDataError, match="not finite for feature"):
        select_features(X, y, k=1, method=_Infinite())


@pytest.mark.parametrize("criterion", ["mrmr", "jmi"])
def test_same_result_for_any_n_jobs(criterion: str) -> None:
    X, y = redundant_data(n=400)
    one = forward_selection(X, y, k=3, criterion=criterion, rng=11)
    two = forward_selection(X, y, k=3, criterion=criterion, rng=11, n_jobs=2)
    assert one == two


def test_bad_n_jobs() -> None:
    X, y = xor_data(n=50)
    with pytest.raises(InvalidParameterError, match="'n_jobs' parameter"):
        select_features(X, y, k=1, n_jobs=0)


def test_import_is_lazy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, mutinfo, mutinfo.selection; mutinfo.select_features;"
        "print(sorted(m for m in ('sklearn', 'pandas', 'torch', 'dask') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------
# Significance stopping (mutinfo.stats)
# ---------------------------------------------------------------------------
def test_alpha_stops_when_the_next_feature_is_not_significant() -> None:
    # After x0 and x1, I(x_k; y | x0, x1) = 0 for every other feature; with 99
    # permutations the smallest p-value is 0.01.
    X, y = xor_data(n=1000)
    sel = forward_selection(
        X, y, k=None, criterion="jmi", alpha=0.02, n_permutations=99, rng=0
    )
    assert sel.indices == (0, 1)
    assert sel.stopped_by == "significance"
    assert sel.p_values == (0.01, 0.01)


def test_alpha_p_values_equal_independence_test() -> None:
    X, y = xor_data(n=400)
    sel = forward_selection(X, y, k=2, criterion="cmim", alpha=0.5, n_permutations=19)
    assert sel.p_values is not None
    assert len(sel.p_values) == 2
    assert all(0 < p <= 0.05 for p in sel.p_values)
    assert forward_selection(X, y, k=2, criterion="cmim").p_values is None


def test_alpha_alone_is_a_stopping_rule() -> None:
    X, y = xor_data(n=300)
    sel = forward_selection(X[:, [0, 1]], y, k=None, alpha=0.5, n_permutations=9)
    assert sel.stopped_by in ("exhausted", "significance")


@pytest.mark.parametrize("alpha", [0, 1, 1.5, True, "0.05"])
def test_bad_alpha(alpha: object) -> None:
    X, y = xor_data(n=50)
    with pytest.raises(InvalidParameterError, match="'alpha' parameter"):
        select_features(X, y, k=1, alpha=alpha)  # type: ignore[arg-type]


def test_alpha_below_the_least_p_value_is_refused() -> None:
    # With 9 permutations no p-value goes below 0.1, so alpha=0.05 stopped the
    # selection at its first step: () selected, stopped_by="significance",
    # without a word, though x0 carries 0.8 nats about y.
    g = np.random.default_rng(0)
    X = g.normal(size=(300, 3))
    y = 2 * X[:, 0] + g.normal(size=300)
    kw = {"k": None, "alpha": 0.05, "method": "gaussian", "rng": 0}
    for n_perm in (9, 18):
        with pytest.raises(InvalidParameterError, match="n_permutations=19 or more"):
            forward_selection(X, y, n_permutations=n_perm, **kw)
        with pytest.raises(InvalidParameterError, match="'n_permutations' parameter"):
            select_features(X, y, n_permutations=n_perm, **kw)
    sel = forward_selection(X, y, n_permutations=19, **kw)
    assert sel.indices == (0,)
    assert sel.p_values == (0.05,)


def test_bad_n_permutations_with_alpha() -> None:
    X, y = xor_data(n=50)
    with pytest.raises(InvalidParameterError, match="'n_permutations' parameter"):
        select_features(X, y, k=1, alpha=0.05, n_permutations=0)


def test_auto_rejects_parameters_no_estimator_declares() -> None:
    X, y = redundant_data(n=100)
    with pytest.raises(InvalidParameterError, match="Did you mean 'n_neighbors'"):
        select_features(X, y, k=1, n_neighbours=5)


def test_auto_passes_parameters_to_the_families_that_declare_them() -> None:
    # n_neighbors reaches mixed_ksg (continuous features) and not plugin.
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300)
    frame = pd.DataFrame(
        {"c": y + rng.normal(size=300), "d": y ^ (rng.uniform(size=300) < 0.2)}
    )
    five = mt.rank_features(frame, y, n_neighbors=5, rng=0).set_index("feature")
    three = mt.rank_features(frame, y, rng=0).set_index("feature")
    assert five.loc["d", "mi"] == three.loc["d", "mi"]
    assert five.loc["c", "mi"] != three.loc["c", "mi"]


def test_alpha_on_mixed_kinds_needs_a_cmi_method() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200)
    X = y[:, None] + rng.normal(size=(200, 3))
    # auto has a CMI for the mix now (mixed_ksg, Gao et al. / Mesner-Shalizi)
    auto = forward_selection(X, y, k=None, alpha=0.5, n_permutations=9, rng=0)
    assert auto.p_values is not None
    sel = forward_selection(
        X, y, k=None, alpha=0.05, n_permutations=19, method="gaussian_copula", rng=0
    )
    assert sel.p_values is not None
    assert sel.p_values[0] == pytest.approx(0.05)


def test_dask_client_gives_the_local_result() -> None:
    distributed = pytest.importorskip("distributed")
    X, y = redundant_data(n=300)
    local = forward_selection(X, y, k=3, criterion="jmi", rng=5)
    ranked = mt.rank_features(X, y, rng=5)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = forward_selection(X, y, k=3, criterion="jmi", rng=5, client=client)
        remote_ranked = mt.rank_features(X, y, rng=5, client=client)
    assert remote == local
    pd.testing.assert_frame_equal(remote_ranked, ranked)


def test_row_identifier_is_left_out_of_the_candidates() -> None:
    # A row ID against a 3-level target, every relevance about 0: the ID's
    # 2.8e-8 nats (dirichlet_product) beat features at about -0.02 and was
    # picked first, with only the estimator's note on its table. It is now no
    # candidate: one DataWarning names it, and Selection records it.
    from mutinfo.exceptions import DataWarning

    g = np.random.default_rng(3)
    n = 300
    y = g.integers(0, 3, n)
    X = pd.DataFrame(
        {
            "id": np.arange(n),
            "u": g.normal(size=n),
            "v": g.normal(size=n),
            "w": g.integers(0, 4, n),
        }
    )
    with pytest.warns(DataWarning, match="'id' .*like a row identifier") as rec:
        sel = forward_selection(X, y, k=1, rng=0)
    assert len([w for w in rec if issubclass(w.category, DataWarning)]) == 1
    assert "id" not in sel.features
    assert list(sel.not_estimated) == ["id"]
    assert math.isnan(sel.relevance[0])
    assert sel.ranking[0] == 4
    assert "id" not in sel.methods
    # the others' numbers are those without the column
    alone = forward_selection(X[["u", "v", "w"]], y, k=1, rng=0)
    assert sel.features == alone.features
    assert sel.relevance[1:] == alone.relevance
    assert alone.not_estimated == {}


@pytest.mark.parametrize(("method", "binned"), [("plugin", True), ("auto", False)])
def test_row_identifier_does_not_stop_a_selection_with_alpha(
    method: str, binned: bool
) -> None:
    # Was (plugin, binned): the ID won the first pick (its plug-in MI is H(y),
    # 1.10 nats, against 0.22 for x1), its test gave p = 1 and the selection
    # stopped with nothing selected, with only the estimator's BiasWarning.
    # Was (auto, raw): InvalidDataError at the second step (the ID's
    # redundancy with a numeric column is not estimated).
    from mutinfo.exceptions import DataWarning

    X, y = row_id_table(binned)
    with pytest.warns(DataWarning, match=r"discrete=\{'id': False\}"):
        sel = forward_selection(
            X, y, k=None, alpha=0.05, method=method, n_permutations=99, rng=0
        )
    assert sel.features == ("x1", "x2")
    assert sel.stopped_by == "exhausted"
    assert sel.not_estimated.keys() == {"id"}
    assert math.isnan(sel.relevance[2])
    with pytest.warns(DataWarning, match="like a row identifier"):
        assert mt.select_features(X, y, k=2, method=method, rng=0) == ["x1", "x2"]


def test_row_identifier_of_an_array_names_its_column() -> None:
    from mutinfo.exceptions import DataWarning

    X, y = row_id_table(binned=True)
    with pytest.warns(DataWarning, match=r"discrete=\{'X\[2\]': False\}"):
        sel = forward_selection(X.to_numpy(), y, k=1, method="plugin", rng=0)
    assert sel.indices == (0,)
    assert sel.not_estimated.keys() == {2}
    # the fix the message names reads it as numbers, and it is a candidate
    ok = forward_selection(
        X.to_numpy(), y, k=3, method="auto", discrete={"X[2]": False}, rng=0
    )
    assert ok.not_estimated == {}


def test_only_row_identifiers_is_an_error() -> None:
    from mutinfo.exceptions import DataWarning, InvalidDataError

    n = 50
    X = pd.DataFrame({"a": np.arange(n), "b": np.arange(n)[::-1]})
    with (
        pytest.warns(DataWarning, match="'a', 'b'"),
        pytest.raises(InvalidDataError, match="none can be selected"),
    ):
        forward_selection(X, np.arange(n) % 2, k=1)


def test_conditional_test_given_a_row_identifier_warns_and_reports_one() -> None:
    # Was: p = 1.0 silently (the target permuted within strata of one row each),
    # which stopped a selection with alpha= without saying why.
    from mutinfo.exceptions import ResamplingWarning
    from mutinfo.selection._data import check_features
    from mutinfo.selection._significance import relevance_p_value

    rng = np.random.default_rng(0)
    a = rng.integers(0, 3, 200)
    y = (a + (rng.random(200) < 0.1)) % 3
    features, target, _ = check_features(np.column_stack([np.arange(200), a]), y)
    cache = TermCache(features, target, method="plugin", rng=0)
    with pytest.warns(ResamplingWarning, match="has no power"):
        p = relevance_p_value(cache, 1, [0], n_permutations=19)
    assert p == 1.0


def test_rank_features_names_no_method_for_a_row_identifier() -> None:
    # The id row's 'method' read 'mixed_ksg' next to its NaN: nothing ran.
    from mutinfo.exceptions import DataWarning

    g = np.random.default_rng(0)
    n = 200
    X = pd.DataFrame({"id": np.arange(n).astype(str), "a": g.normal(size=n)})
    y = X["a"] + g.normal(size=n)
    with pytest.warns(DataWarning, match="like a row identifier"):
        ranked = mt.rank_features(X, y, rng=0)
    row = ranked.set_index("feature").loc["id"]
    assert math.isnan(row["mi"])
    assert row["method"] == ""
    assert ranked.set_index("feature").loc["a", "method"] == "ksg"
