"""Prepared permutation nulls equal the estimator on the surrogate."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo._api import gather
from mutinfo._registry import get
from mutinfo.exceptions import MutinfoWarning
from mutinfo.stats import _fast_null, _testing
from mutinfo.stats import _surrogates as sur
from mutinfo.stats._common import statistic_of as statistic


def _rng() -> np.random.Generator:
    return np.random.default_rng(0)


COUNTING = ["plugin", "miller_madow", "grassberger", "james_stein", "chao_shen", "nsb"]


def _discrete(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    z = g.integers(0, 3, n)
    x = (z + g.integers(0, 3, n)) % 4
    y = (x + z + g.integers(0, 2, n)) % 5
    return x, y, z


def _check(method: str, measure: str, args: tuple, index, **params) -> None:
    variables = gather(measure, *args)
    est = get(method)(**params)
    fast = _fast_null.null_statistic(est, measure, variables, _rng())
    assert fast is not None
    for seed in range(4):
        rows = index(np.random.default_rng(seed))
        new = [variables[0], variables[1].take(rows), *variables[2:]]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MutinfoWarning)
            want = statistic(est, measure, new, np.random.default_rng(seed))
        assert fast(rows) == pytest.approx(want, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("method", COUNTING)
def test_counting_families_mi_and_stratified_cmi(method: str) -> None:
    x, y, z = _discrete(400, 1)
    _check(method, "mi", (x, y), lambda g: g.permutation(400))
    codes = np.asarray(z)
    _check(method, "cmi", (x, y, z), lambda g: sur.stratified_indices(codes, g))


@pytest.mark.parametrize("method", ["gaussian", "gaussian_copula"])
def test_correlation_families(method: str) -> None:
    g = np.random.default_rng(2)
    x = g.standard_normal(300)
    y = np.round(0.4 * x + g.standard_normal(300), 1)  # ties: average ranks
    _check(method, "mi", (x, y), lambda r: r.permutation(300))
    _check(method, "mi", (x, y), lambda r: sur.block_indices(300, 7, r))
    _check(
        method,
        "mi",
        (x, y),
        lambda r: sur.circular_indices(300, 7, r),
        bias_correction=False,
    )


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.DataWarning")
@pytest.mark.parametrize("tied", [False, True])
def test_ksg_null_is_ksg_on_the_prepared_columns(tied: bool) -> None:
    # The KSG kernel standardises and perturbs the columns once; each null value
    # is KSG on those prepared columns with y permuted (no re-standardising, no
    # fresh noise), which is what keeps observed and null values comparable.
    from mutinfo.estimators import KSG
    from mutinfo.estimators.knn import canonical_pair, prepare_columns

    g = np.random.default_rng(3)
    x = g.standard_normal(300)
    y = x**2 + g.standard_normal(300)
    if tied:
        x, y = np.round(x, 1), np.round(y)
    variables = gather("mi", x, y)
    for k, noise in ((1, 0.0), (3, 1e-10), (6, 0.0)):
        est = KSG(n_neighbors=k, noise=noise, rng=5)
        fast = _fast_null.null_statistic(est, "mi", variables, np.random.default_rng(5))
        assert fast is not None
        rng = np.random.default_rng(5)
        drawn = {  # in the estimator's order (canonical_pair)
            id(v): prepare_columns(v, standardize=True, noise=noise, rng=rng)[:, 0]
            for v in canonical_pair(*variables)
        }
        px, py = (drawn[id(v)] for v in variables)
        plain = KSG(n_neighbors=k, noise=0.0, standardize=False)
        for seed in range(3):
            rows = np.random.default_rng(seed).permutation(300)
            assert fast(rows) == plain.mi(px, py[rows]).value
        # At the identity it is the seeded estimate itself, bit for bit.
        assert fast(np.arange(300)) == est.mi(x, y).value


def test_ksg_test_statistic_is_the_seeded_estimate_on_tied_data() -> None:
    g = np.random.default_rng(8)
    x = np.round(g.normal(size=200), 1)
    y = np.round(x + g.normal(size=200))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MutinfoWarning)  # ties
        res = mt.independence_test(x, y, method="ksg", n_permutations=19, rng=4)
        assert res.statistic == mt.mi(x, y, method="ksg", rng=4)


def test_repeated_rows_and_unsupported_cases_use_the_estimator() -> None:
    g = np.random.default_rng(4)
    x, y = g.standard_normal(200), g.standard_normal(200)
    repeated = np.r_[np.arange(199), 0]
    for method in ("gaussian", "gaussian_copula", "ksg"):
        fast = _fast_null.null_statistic(
            get(method)(), "mi", gather("mi", x, y), _rng()
        )
        assert fast is not None
        assert fast(repeated) is None
    xd, yd, _ = _discrete(200, 5)
    fast = _fast_null.null_statistic(
        get("plugin")(), "mi", gather("mi", xd, yd), _rng()
    )
    assert fast(repeated) is None
    # Two-column y, CMI for the correlation families, KSG algorithm 2, KL: no kernel.
    two = np.column_stack([x, y])
    assert (
        _fast_null.null_statistic(get("gaussian")(), "mi", gather("mi", x, two), _rng())
        is None
    )
    assert (
        _fast_null.null_statistic(
            get("ksg")(variant=2), "mi", gather("mi", x, y), _rng()
        )
        is None
    )
    z = g.standard_normal(200)
    assert (
        _fast_null.null_statistic(get("ksg")(), "cmi", gather("cmi", x, y, z), _rng())
        is None
    )
    constant = np.ones(200)
    assert (
        _fast_null.null_statistic(
            get("gaussian")(), "mi", gather("mi", x, constant), _rng()
        )
        is None
    )


@pytest.mark.parametrize(
    ("method", "data"),
    [
        ("plugin", "discrete"),
        ("gaussian_copula", "continuous"),
        ("ksg", "continuous"),
    ],
)
def test_independence_test_equals_the_generic_path(method, data, monkeypatch) -> None:
    if data == "discrete":
        x, y, _ = _discrete(300, 6)
    else:
        g = np.random.default_rng(6)
        x = g.standard_normal(300)
        y = 0.2 * x + g.standard_normal(300)
    params = {"noise": 0.0} if method == "ksg" else {}
    fast = mt.independence_test(x, y, method=method, n_permutations=60, rng=1, **params)
    monkeypatch.setattr(_testing, "null_statistic", lambda *a: None)
    slow = mt.independence_test(x, y, method=method, n_permutations=60, rng=1, **params)
    np.testing.assert_allclose(
        fast.null_distribution, slow.null_distribution, rtol=1e-12, atol=1e-12
    )
    assert fast.p_value == slow.p_value
    assert fast.statistic == slow.statistic


def test_ksg_statistic_with_a_generator_rng_is_the_estimate() -> None:
    from mutinfo.estimators import KSG

    g = np.random.default_rng(5)
    x = np.round(g.standard_normal(300), 1)
    y = np.round(0.3 * x + g.standard_normal(300), 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MutinfoWarning)  # ties
        res = mt.independence_test(
            x, y, method="ksg", n_permutations=9, rng=np.random.default_rng(1)
        )
        assert res.statistic == mt.mi(x, y, method="ksg", rng=np.random.default_rng(1))
        est = KSG(rng=np.random.default_rng(3))
        obj = mt.independence_test(x, y, method=est, n_permutations=9, rng=0)
        assert obj.statistic == KSG(rng=np.random.default_rng(3)).mi(x, y).value


def test_ksg_null_of_an_unseeded_estimator_follows_the_test_rng() -> None:
    from mutinfo.estimators import KSG

    g = np.random.default_rng(6)
    x = np.round(g.standard_normal(200), 1)
    y = np.round(g.standard_normal(200), 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MutinfoWarning)
        runs = [
            mt.independence_test(x, y, method=KSG(), n_permutations=9, rng=0)
            for _ in range(2)
        ]
    np.testing.assert_array_equal(runs[0].null_distribution, runs[1].null_distribution)
    assert runs[0].statistic == runs[1].statistic


@pytest.mark.filterwarnings("ignore::mutinfo.exceptions.DataWarning")
@pytest.mark.parametrize(
    ("tied", "singles"), [(False, True), (True, True), (False, False)]
)
def test_ross_null_is_mixed_ksg_on_the_prepared_column(
    tied: bool, singles: bool
) -> None:
    # Ross's mixed KSG (labels and one continuous column): the column is
    # prepared once; each null value is the estimator on that prepared column
    # with y permuted, and at the identity the seeded estimate, bit for bit.
    from mutinfo.estimators import MixedKSG
    from mutinfo.estimators._guards import label_groups
    from mutinfo.estimators.knn import prepare_columns

    g = np.random.default_rng(4)
    labels = g.integers(0, 4, 300)
    if singles:
        labels[:2] = [7, 8]  # labels seen once are left out by the estimator
    cont = labels + g.normal(size=300)
    if tied:
        cont = np.round(cont, 1)
    for labels_first in (True, False):
        pair = (labels, cont) if labels_first else (cont, labels)
        flags = (labels_first, not labels_first)
        variables = gather("mi", *pair, discrete=flags)
        for k, noise in ((1, 0.0), (3, 1e-10), (5, 1e-10)):
            est = MixedKSG(n_neighbors=k, noise=noise, rng=5)
            fast = _fast_null.null_statistic(
                est, "mi", variables, np.random.default_rng(5)
            )
            assert fast is not None
            assert fast(np.arange(300)) == est.compute("mi", variables).value
            side = variables[1] if labels_first else variables[0]
            # scaled by its spread within the labels, as the estimator does
            prepared = prepare_columns(
                side,
                standardize=True,
                noise=noise,
                rng=np.random.default_rng(5),
                groups=label_groups(variables),
            )[:, 0]
            plain = MixedKSG(n_neighbors=k, noise=0.0, standardize=False)
            for seed in range(3):
                rows = np.random.default_rng(seed).permutation(300)
                if labels_first:
                    want = plain.mi(labels, prepared[rows], discrete=(True, False))
                else:
                    want = plain.mi(prepared, labels[rows], discrete=(False, True))
                assert fast(rows) == pytest.approx(want.value, rel=1e-12, abs=1e-12)
    # Gao's variant, two label variables and a repeated-row index: the estimator
    v = gather("mi", labels, cont, discrete=(True, False))
    gao = MixedKSG(variant="gao")
    assert _fast_null.null_statistic(gao, "mi", v, _rng()) is None
    fast = _fast_null.null_statistic(MixedKSG(), "mi", v, _rng())
    assert fast is not None
    assert fast(np.zeros(300, dtype=np.intp)) is None


def test_mixed_independence_test_uses_the_ross_kernel(monkeypatch) -> None:
    g = np.random.default_rng(9)
    labels = g.integers(0, 3, 200)
    cont = 0.3 * labels + g.normal(size=200)
    res = mt.independence_test(
        cont, labels, discrete=(False, True), n_permutations=40, rng=2
    )
    assert res.method == "mixed_ksg"
    assert res.statistic == mt.mi(cont, labels, discrete=(False, True), rng=2)

    def refuse(*args: object) -> None:
        raise AssertionError("the estimator ran on a surrogate")

    monkeypatch.setattr(_testing, "statistic_of", refuse)
    again = mt.independence_test(
        cont, labels, discrete=(False, True), n_permutations=40, rng=2
    )
    np.testing.assert_array_equal(again.null_distribution, res.null_distribution)


def test_kernels_follow_the_settings_changed_from_their_defaults() -> None:
    # A parameter left at its default changes nothing, so it must neither turn
    # a kernel off (every KSG matrix went to the slow path when KSG gained
    # `theiler` and `device`) nor let a kernel run with a setting it ignores.
    from mutinfo.estimators.knn import KSG
    from mutinfo.stats._fast_null import null_statistic

    assert KSG().changed_params() == set()
    assert KSG(n_neighbors=3, noise=1e-10).changed_params() == set()
    assert KSG(n_neighbors=4).changed_params() == {"n_neighbors"}
    assert KSG().fast_kernel() == "ksg"
    assert KSG(theiler=2).fast_kernel() is None
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(2, 200))
    est = KSG()
    variables = gather("mi", x, y)
    assert null_statistic(est, "mi", variables, np.random.default_rng(1)) is not None
    windowed = KSG(theiler=2)
    assert null_statistic(windowed, "mi", variables, np.random.default_rng(1)) is None
