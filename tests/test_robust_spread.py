"""robust_spread's counting shortcut returns what the quartiles would."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutinfo._scaling import (
    ROBUST_SPREAD_RATIO,
    ldexp_columns,
    pow2_exponents,
    robust_spread,
    safe_std,
)


def _by_quartiles(values: np.ndarray, std: np.ndarray) -> np.ndarray:
    """The rule itself: std capped at RATIO interquartile ranges / 1.349."""
    exp = pow2_exponents(values)
    unit = ldexp_columns(values, exp)
    q75, q25 = np.percentile(unit, [75.0, 25.0], axis=0)
    with np.errstate(over="ignore"):
        cap = np.ldexp(ROBUST_SPREAD_RATIO * (q75 - q25) / 1.349, exp.astype(np.int32))
    return np.asarray(np.where((cap > 0) & (cap < std), cap, std), dtype=np.float64)


_DRAWS = {
    "normal": lambda g, n: g.normal(size=n),
    "uniform": lambda g, n: g.uniform(size=n),
    "laplace": lambda g, n: g.laplace(size=n),
    "exponential": lambda g, n: g.exponential(size=n),
    "lognormal3": lambda g, n: np.exp(3.0 * g.normal(size=n)),
    "cauchy": lambda g, n: g.standard_cauchy(size=n),
    "t2": lambda g, n: g.standard_t(2, size=n),
    "rounded": lambda g, n: np.round(g.normal(size=n)),
    "three_values": lambda g, n: g.integers(0, 3, n).astype(float),
    "outlier": lambda g, n: np.r_[g.normal(size=n - 1), 1e6],
    "tiny": lambda g, n: g.normal(size=n) * 1e-300,
    "huge": lambda g, n: g.normal(size=n) * 1e300,
    "half_zeros": lambda g, n: np.r_[np.zeros(n // 2), g.normal(size=n - n // 2)],
    "offset": lambda g, n: g.normal(size=n) + 1e12,
    "near_max": lambda g, n: np.r_[g.uniform(-1.0, 1.0, size=n - 1) * 1.7e308, 0.0],
}


@pytest.mark.parametrize("name", sorted(_DRAWS))
@pytest.mark.parametrize("n", [2, 3, 5, 8, 31, 400, 5000])
def test_shortcut_equals_the_quartile_rule(name: str, n: int) -> None:
    g = np.random.default_rng(n)
    values = np.column_stack([_DRAWS[name](g, n), _DRAWS[name](g, n)])
    std = safe_std(values)
    np.testing.assert_array_equal(
        robust_spread(values, std), _by_quartiles(values, std)
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.floats(allow_nan=False, allow_infinity=False, width=64),
        min_size=1,
        max_size=60,
    )
)
def test_shortcut_equals_the_quartile_rule_on_any_column(column: list[float]) -> None:
    values = np.asarray(column, dtype=np.float64)[:, None]
    std = safe_std(values)
    np.testing.assert_array_equal(
        robust_spread(values, std), _by_quartiles(values, std)
    )
