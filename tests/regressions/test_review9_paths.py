"""Review 9: the same quantity along paths the consistency sweep did not cover.

Found by ``benchmarks/consistency_sweep.py`` (multi-column variables,
``discrete=`` overrides, tests and intervals, units, the multivariate measures,
relabelled and affine-mapped columns).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt


def _rounded(seed: int, n: int = 300) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    u = g.normal(size=n)
    x = np.round(u + g.normal(size=n), 1)  # a measurement read to 0.1
    y = u + g.normal(size=n)
    labels = np.digitize(u + g.normal(size=n), [-1.0, 0.0, 1.0])
    return x, y, labels


@pytest.mark.parametrize("scale", [2.54, 1000.0, 0.001, 3.0])
def test_gao_counts_do_not_depend_on_the_units_of_rounded_data(scale: float) -> None:
    # auto -> mixed_ksg (Gao / Mesner-Shalizi) for CMI given labels. Rounded
    # values sit on a grid, so many pairs are exactly one step apart, and the
    # strict count "< rho" decided them by their last bits: 0.1488 nats in the
    # data's units, 0.131-0.137 after x * 2.54, x * 1000, ... Distances within
    # float64's resolution of rho now count as equal to it.
    x, y, labels = _rounded(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.DataWarning)  # ties: expected here
        # Gao reads the 0.1 grid as point masses, biased up, and says so
        # (in any units): the counts must still not depend on the units
        with pytest.warns(mt.BiasWarning, match="no atom.*'mixed_atoms'"):
            ref = mt.estimate("cmi", x, y, labels, rng=1)
        with pytest.warns(mt.BiasWarning, match="no atom.*'mixed_atoms'"):
            moved = mt.estimate("cmi", x * scale, y, labels, rng=1)
        with pytest.warns(mt.BiasWarning, match="no atom"):
            mi_ref = mt.mi(x, y, method="mixed_ksg", rng=1)
        with pytest.warns(mt.BiasWarning, match="no atom"):
            mi_moved = mt.mi(x * scale, y, method="mixed_ksg", rng=1)
    assert ref.method == moved.method == "mixed_ksg"
    assert moved.value == pytest.approx(ref.value, abs=1e-12)
    assert mi_moved == pytest.approx(mi_ref, abs=1e-12)


@pytest.mark.parametrize("base", [1.0000001, 2.7182818, 1.23456789])
def test_unit_name_keeps_every_digit_of_the_base(base: float) -> None:
    # The unit was written with "%g" (6 digits) and read back by Result.to():
    # base=1.0000001 gave unit "log1" and .to(math.e) 0.0 for 0.2158 nats;
    # base=2.7182818 was read back as 2.71828 (1.4e-7 off).
    x, y = [0, 1, 1, 0] * 10, [0, 1, 1, 1] * 10
    nats = mt.estimate("mi", x, y, method="plugin")
    res = mt.estimate("mi", x, y, method="plugin", base=base)
    assert res.unit == f"log{base!r}"
    assert res.to(np.e).value == pytest.approx(nats.value, rel=1e-12)
    assert res.to(2).value == pytest.approx(nats.to(2).value, rel=1e-12)


def _tied_pair(seed: int, n: int = 300) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(seed)
    u = g.normal(size=n)
    return np.round(u + g.normal(size=n), 1), np.round(u + g.normal(size=n), 1)


@pytest.mark.parametrize("method", ["ksg", "auto"])
def test_ksg_noise_order_does_not_depend_on_offsets_or_units(method: str) -> None:
    # The tie-breaking noise is drawn variable after variable in an order fixed
    # by the data (so mi(x, y) == mi(y, x)); the order compared the values, so
    # an offset or a change of units of one column swapped it and the noise:
    # mi(x, y + 100) 0.2860 for mi(x, y) 0.2852 nats (both read to 0.1).
    x, y = _tied_pair(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.DataWarning)  # ties: expected here
        ref = mt.estimate("mi", x, y, method=method, rng=3)
        assert ref.method == "ksg"
        for moved in (y + 100.0, y * 1000.0 - 7.0, y * 2.0**-30):
            assert mt.mi(x, moved, method=method, rng=3) == ref.value
            assert mt.mi(moved, x, method=method, rng=3) == ref.value


def test_ksg_permutation_null_uses_the_estimates_noise() -> None:
    # The test's prepared KSG null drew the noise x first while the estimate
    # drew it in canonical order: where that order was y first, the observed
    # value and the null came from differently perturbed columns (the null at
    # the identity permutation was not the estimate).
    from mutinfo._measures import gather
    from mutinfo.estimators import KSG
    from mutinfo.stats._fast_null import null_statistic

    x, y = _tied_pair(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.DataWarning)
        for a, b in ((x, y), (y, x), (x, y + 100.0), (y + 100.0, x)):
            variables = gather("mi", a, b)
            est = KSG(rng=5)
            fast = null_statistic(est, "mi", variables, np.random.default_rng(5))
            assert fast is not None
            assert fast(np.arange(a.size)) == est.mi(a, b).value


def test_column_order_of_a_variable_does_not_change_the_noise() -> None:
    # KSG drew its noise as one (n, d) array, column j the j-th of each row's
    # draws, so listing a variable's columns in another order gave each column
    # other noise: mi(df[["a", "b"]], c) 0.2920, mi(df[["b", "a"]], c) 0.2899;
    # KL's entropy too (df[["a", "d"]]: -3.8018 and -3.8026).
    # mixed_atoms' CMI ran its strata in the order of the atom codes, which
    # follow the columns: cmi(a, c, df[["b", "d"]]) 0.0265, [["d", "b"]] 0.0247.
    pd = pytest.importorskip("pandas")
    g = np.random.default_rng(0)
    n = 300
    u = g.normal(size=n)
    df = pd.DataFrame(
        {
            "a": np.round(u + g.normal(size=n), 1),
            "b": np.round(u + g.normal(size=n), 1),
            "c": u + g.normal(size=n),
            "d": np.round(u + g.normal(size=n)),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.DataWarning)  # ties: expected here
        ab = mt.mi(df[["a", "b"]], df["c"], method="ksg", rng=1)
        assert mt.mi(df[["b", "a"]], df["c"], method="ksg", rng=1) == ab
        with pytest.warns(mt.BiasWarning, match="left out"):
            ab = mt.mi(df[["a", "b"]], df["c"], method="mixed_atoms", rng=1)
        with pytest.warns(mt.BiasWarning, match="left out"):
            ba = mt.mi(df[["b", "a"]], df["c"], method="mixed_atoms", rng=1)
        assert ba == ab
        for method in ("kl", "kl_weighted"):  # ties: noise-level distances
            ad = mt.entropy(df[["a", "d"]], method=method, rng=1)
            assert mt.entropy(df[["d", "a"]], method=method, rng=1) == ad
        # 300 rows split by the atom patterns of b and d: many strata are too
        # small for a kNN piece, which the family reports (review-mixed).
        with pytest.warns(mt.BiasWarning, match="left out|splits the rows"):
            res = mt.estimate("cmi", df["a"], df["c"], df[["b", "d"]], rng=1)
        assert res.method == "mixed_atoms"
        with pytest.warns(mt.BiasWarning, match="left out|splits the rows"):
            swapped = mt.cmi(df["a"], df["c"], df[["d", "b"]], rng=1)
        assert swapped == pytest.approx(res.value, abs=1e-12)


@pytest.mark.parametrize("method", ["vasicek", "ebrahimi"])
def test_spacing_entropy_of_huge_values_is_finite(method: str) -> None:
    # The m-spacings times n / (c m) overflowed for values near 1e307:
    # entropy of x * 5e307 was inf (Vasicek; Ebrahimi from x * 1e307).
    x = np.random.default_rng(0).normal(size=300)
    ref = mt.entropy(x, method=method)
    for scale in (1e307, 5e307, 1e-300):
        got = mt.entropy(x * scale, method=method)
        assert got == pytest.approx(ref + np.log(scale), rel=1e-12)


def test_mrmr_quotient_first_score_is_in_the_unit() -> None:
    # The first step of mrmr_quotient scores the relevance (nothing is selected
    # to divide by); it was left in nats, so with base=2 scores[0] was 0.3903
    # while the same feature's relevance read 0.5631 bits.
    pd = pytest.importorskip("pandas")
    from mutinfo.selection import forward_selection

    g = np.random.default_rng(0)
    n = 300
    u = g.normal(size=n)
    X = pd.DataFrame(
        {
            c: u + g.normal(size=n) * s
            for c, s in zip("abcd", [1, 2, 3, 0.5], strict=True)
        }
    )
    y = (u > 0).astype(int)
    nats = forward_selection(X, y, k=3, criterion="mrmr_quotient", rng=1)
    bits = forward_selection(X, y, k=3, criterion="mrmr_quotient", rng=1, base=2)
    assert bits.features == nats.features
    first = bits.indices[0]
    assert bits.scores[0] == pytest.approx(bits.relevance[first], rel=1e-12)
    assert bits.scores[0] == pytest.approx(nats.scores[0] / np.log(2), rel=1e-12)
    assert bits.scores[1:] == pytest.approx(nats.scores[1:], rel=1e-12)  # ratios
