"""Review 7: property fuzzing of every family (symmetry, identities, invariances).

Each test pins one property that a family broke beyond floating-point
precision, with the input that broke it.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidDataError

#: Families whose entropy of one occupied cell is not 0 (Grassberger's
#: log n - G(n); NSB's posterior mean under an unknown alphabet), and
#: families given an alphabet, whose one-cell and two-column tables differ.
COUNTING = [
    ("grassberger", {}),
    ("nsb", {}),
    ("nsb", {"alphabet_size": 3}),
    ("james_stein", {"alphabet_size": 3}),
    ("plugin", {}),
    ("miller_madow", {}),
    ("chao_shen", {}),
]
X = np.tile([0, 0, 2, 2, 0, 1, 1, 2], 10)
Y = np.tile([1, 0, 1, 1, 0, 0, 1, 1], 10)
C = np.zeros(80, dtype=int)


@pytest.mark.parametrize(("method", "params"), COUNTING)
def test_counting_mi_with_a_constant_is_exactly_zero(
    method: str, params: dict[str, int]
) -> None:
    # Grassberger gave I(X; constant) = H(constant) = 0.213 nats at n = 5,
    # NSB 0.277: the identity H(X) + H(c) - H(X, c) left the one-cell term.
    def f(measure: str, *args: object, **kw: object) -> float:
        return mt.estimate(measure, *args, method=method, **kw, **params).value

    assert f("mi", X, C) == 0.0
    assert f("mi", C, X) == 0.0
    assert f("cmi", X, C, Y) == 0.0
    assert f("cmi", C, X, Y) == 0.0
    assert f("cmi", X, Y, C) == f("mi", X, Y)
    assert f("conditional_entropy", C, z=X) == 0.0
    assert f("conditional_entropy", X, z=C) == f("entropy", X)
    three = np.column_stack([X, C, Y])
    assert f("total_correlation", three) == pytest.approx(f("mi", X, Y), abs=1e-15)
    assert f("dual_total_correlation", three) == pytest.approx(f("mi", X, Y), abs=1e-15)
    assert f("o_information", three) == pytest.approx(0.0, abs=1e-15)


def test_grassberger_mi_with_a_constant_at_n5() -> None:
    x, c = np.array([0, 0, 2, 2, 0]), np.zeros(5, dtype=int)
    assert mt.mi(x, c, method="grassberger") == 0.0  # was 0.2131
    assert mt.mi(x, c, method="nsb") == 0.0  # was 0.2772


@pytest.mark.parametrize("value", [3.7, 0.1, 1e300])
def test_gaussian_entropy_of_a_constant_column_raises(value: float) -> None:
    # 3.7 at n = 50: the mean rounds, residuals of one ulp gave a "std" of
    # 1e-16 and an entropy of -33.2 nats instead of the -inf error.
    with pytest.raises(InvalidDataError, match="constant column"):
        mt.entropy(np.full(50, value), method="gaussian")
    g = np.random.default_rng(0)
    with pytest.raises(InvalidDataError, match="constant column"):
        mt.entropy(
            np.column_stack([g.normal(size=50), np.full(50, value)]), method="gaussian"
        )


_G = np.random.default_rng(0)
_XC = _G.normal(size=150)
_YC = _XC + _G.normal(size=150)


@pytest.mark.parametrize(
    ("method", "measure"),
    [
        ("kl", "entropy"),
        ("kl_weighted", "entropy"),
        ("kl", "total_correlation"),
        ("ksg", "total_correlation"),
    ],
)
def test_knn_duplicated_column_within_a_variable_warns(
    method: str, measure: str
) -> None:
    # A duplicated (or exactly affine) column makes the joint entropy -inf and
    # the total correlation infinite; kl returned 1.91 nats for [x, x, y],
    # ksg's total correlation 2.55, both silently (gaussian refuses).
    dup = np.column_stack([_XC, -3.0 * _XC + 1e3, _YC])
    with pytest.warns(mt.DataWarning, match="exact affine functions"):
        mt.estimate(measure, dup, method=method, rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.estimate(measure, np.column_stack([_XC, _YC]), method=method, rng=0)


def test_mixed_ksg_mi_of_a_variable_with_itself_warns() -> None:
    # mixed_ksg on (x, x), continuous: 4.09 nats for an infinite MI, silently
    # (ksg warned on the same pair).
    with pytest.warns(mt.DataWarning, match="exact affine functions"):
        mt.mi(_XC, 2.0 * _XC, method="mixed_ksg", rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.mi(_XC, _YC, method="mixed_ksg", rng=0)


@pytest.mark.parametrize("n", [2, 4, 5, 80])
def test_grassberger_entropy_of_a_constant_is_zero(n: int) -> None:
    # log n - G(n) for one cell: 0.2131 at n = 5 and -0.0365 at n = 2 (a
    # negative entropy); 0 keeps I(X; Y) = H(X) + H(Y) - H(X, Y) exact.
    from mutinfo.estimators import Grassberger

    assert mt.entropy(np.zeros(n, dtype=int), method="grassberger") == 0.0
    assert Grassberger().entropy_from_counts([n, 0, 0]).value == 0.0
    x, y = np.arange(n) % 2, np.zeros(n, dtype=int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.BiasWarning)  # n = 2: two cells
        h = [
            mt.entropy(v, method="grassberger") for v in (x, y, np.column_stack([x, y]))
        ]
        mi = mt.mi(x, y, method="grassberger")
    assert mi == pytest.approx(h[0] + h[1] - h[2], abs=1e-15)


def test_ksg_cmi_of_a_variable_with_itself_warns() -> None:
    # I(X; X | Z) = H(X | Z) is infinite for continuous X not fixed by Z;
    # ksg returned 1.69 nats silently. Given Z = X it is 0: no warning.
    z = _G.normal(size=150)
    with pytest.warns(mt.DataWarning, match="exact affine functions"):
        mt.cmi(_XC, _XC, z, method="ksg", rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mt.cmi(_XC, _XC, _XC, method="ksg", rng=0)
        mt.cmi(_XC, _YC, z, method="ksg", rng=0)


def test_mixed_ksg_sparse_labels_warning_names_the_label_order() -> None:
    # Sparse labels: the neighbours reached other labels, whose codes were read
    # as distances, so renaming the values changed the estimate (3.18 -> 1.34
    # nats). Review 8 placed labels equidistant: the estimate no longer
    # depends on the codes, and the warning names the upward bias.
    g = np.random.default_rng(0)
    x = g.integers(0, 30, 60)
    y = (x + g.integers(0, 2, 60)) % 30
    renamed = g.permutation(30)[x]
    with pytest.warns(mt.BiasWarning, match="biased upwards"):
        a = mt.mi(x, y, method="mixed_ksg", rng=0)
    with pytest.warns(mt.BiasWarning, match="biased upwards"):
        b = mt.mi(renamed, y, method="mixed_ksg", rng=0)
    assert a == pytest.approx(b, abs=1e-12)
