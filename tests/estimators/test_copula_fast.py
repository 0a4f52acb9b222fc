"""The fast copula transform and whitening give the bits of the reference code."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.linalg import solve_triangular
from scipy.special import ndtri
from scipy.stats import rankdata

from mutinfo.estimators.copula import copnorm
from mutinfo.estimators.gaussian import _whitened_squares


def _reference(values: np.ndarray) -> np.ndarray:
    """The former copnorm: scipy's average ranks, then ndtri."""
    n = values.shape[0]
    ranks = rankdata(values, axis=0, method="average")
    return np.asarray(ndtri(ranks / (n + 1.0)), dtype=np.float64)


def _cases() -> list[np.ndarray]:
    g = np.random.default_rng(0)
    out = []
    for n in (1, 2, 7, 300):
        out.append(g.standard_normal((n, 2)))
        out.append(g.integers(0, 3, (n, 3)).astype(float))  # ties
        out.append(np.round(g.standard_normal((n, 1)), 1))
        out.append(np.zeros((n, 1)))
        inf = np.where(g.random(n) < 0.2, np.inf, g.random(n))
        out.append(np.column_stack([g.standard_normal(n), inf]))
    out.append(np.array([[0.0], [-0.0], [1.0], [-0.0], [0.0]]))
    with_nan = g.standard_normal((50, 2))
    with_nan[3, 0] = np.nan
    out.append(with_nan)
    return out


@pytest.mark.parametrize("values", _cases())
def test_copnorm_is_the_rankdata_transform_bit_for_bit(values: np.ndarray) -> None:
    got, want = copnorm(values), _reference(values)
    np.testing.assert_array_equal(got, want)
    # the same layout as well, so later sums add in the same order
    assert got.flags["F_CONTIGUOUS"] == want.flags["F_CONTIGUOUS"]
    assert got.flags["C_CONTIGUOUS"] == want.flags["C_CONTIGUOUS"]


def test_copnorm_of_no_columns() -> None:
    assert copnorm(np.empty((4, 0))).shape == (4, 0)


def test_copnorm_reuses_the_quantile_grid_without_changing_it() -> None:
    x = np.random.default_rng(1).standard_normal((1000, 1))
    first = copnorm(x)
    copnorm(-x)[:] = 0.0  # a result is the caller's to change
    np.testing.assert_array_equal(copnorm(x), first)
    np.testing.assert_array_equal(first, _reference(x))


@pytest.mark.parametrize("d", [1, 2, 3])
def test_whitened_squares_match_the_triangular_solve(d: int) -> None:
    g = np.random.default_rng(d)
    z = g.standard_normal((5000, d))
    z[:, -1] += 0.7 * z[:, 0]
    chol = np.linalg.cholesky(z.T @ z / (z.shape[0] - 1))
    want = (solve_triangular(chol, z.T, lower=True) ** 2).sum(axis=0)
    # the same bits with OpenBLAS (reciprocal of the diagonal); a BLAS that
    # divides may differ in the last place
    np.testing.assert_allclose(_whitened_squares(chol, z), want, rtol=1e-13, atol=0)


@pytest.mark.parametrize("shape", [(1, 2), (7, 2), (8193, 3), (20000, 4), (50, 1)])
def test_column_sums_add_in_numpy_order(shape: tuple[int, int]) -> None:
    from mutinfo.estimators.gaussian import _column_sums

    g = np.random.default_rng(shape[0])
    values = g.standard_normal(shape) * 10.0 ** g.integers(-4, 4, shape[1])
    for layout in (np.ascontiguousarray(values), np.asfortranarray(values)):
        np.testing.assert_array_equal(_column_sums(layout), layout.sum(axis=0))


def test_scale_columns_is_ldexp_bit_for_bit() -> None:
    from mutinfo._scaling import ldexp_columns, pow2_exponents
    from mutinfo.estimators.gaussian import _scale_columns

    g = np.random.default_rng(2)
    for scale in (1e-320, 1e-300, 1.0, 1e300):
        values = g.standard_normal((500, 3)) * scale
        values[1, 1] = 5e-324
        exp = pow2_exponents(values)
        np.testing.assert_array_equal(
            _scale_columns(values, exp), ldexp_columns(values, exp)
        )


@pytest.mark.parametrize("d", [2, 3, 4])
def test_narrow_row_major_entropy_equals_the_column_major_one(d: int) -> None:
    # A C-ordered array of 2-4 columns takes the transposed fast path
    # (_narrow_rows); the same data in Fortran order takes the general one.
    from mutinfo.estimators.gaussian import gaussian_entropy

    g = np.random.default_rng(10 + d)
    values = g.standard_normal((3000, d)) @ g.standard_normal((d, d))
    scale = 10.0 ** g.integers(-200, 200, d)
    values = (values + 1e3) * scale  # offsets and scales far from 1
    fast = gaussian_entropy(np.ascontiguousarray(values))
    general = gaussian_entropy(np.asfortranarray(values))
    assert fast[0] == pytest.approx(general[0], rel=1e-13, abs=1e-12)
    np.testing.assert_allclose(fast[1], general[1], rtol=1e-11, atol=1e-11)


@pytest.mark.parametrize(
    ("n", "rho"), [(4, 0.5), (10, 0.3), (300, -0.8), (2000, 0.99), (20000, 0.0)]
)
@pytest.mark.parametrize("bias_correction", [True, False])
def test_pair_shortcut_equals_the_three_entropies(
    n: int, rho: float, bias_correction: bool
) -> None:
    # Two continuous 1-D variables take the correlation shortcut
    # (GaussianCopula._pair); its value and local values are those of
    # H(a) + H(b) - H(a, b) from the Gaussian entropies of the copula scores.
    from mutinfo.estimators import GaussianCopula
    from mutinfo.estimators.gaussian import gaussian_entropy

    g = np.random.default_rng(n)
    x = g.standard_normal(n)
    y = rho * x + np.sqrt(1 - rho**2) * g.standard_normal(n)
    got = GaussianCopula(bias_correction=bias_correction).mi(np.exp(x), y**3)
    a, b = copnorm(x[:, None]), copnorm(y[:, None])
    parts = [
        gaussian_entropy(np.ascontiguousarray(v), bias_correction=bias_correction)
        for v in (a, b, np.hstack([a, b]))
    ]
    want = parts[0][0] + parts[1][0] - parts[2][0]
    assert got.value == pytest.approx(want, rel=1e-13, abs=1e-14)
    np.testing.assert_allclose(
        got.local, parts[0][1] + parts[1][1] - parts[2][1], rtol=1e-12, atol=1e-12
    )


def test_pair_shortcut_refuses_identical_ranks() -> None:
    from mutinfo.estimators import GaussianCopula
    from mutinfo.exceptions import InvalidDataError

    x = np.random.default_rng(3).standard_normal(100)
    for y in (np.exp(x), -(x**3)):
        with pytest.raises(InvalidDataError, match="monotone function"):
            GaussianCopula().mi(x, y)
