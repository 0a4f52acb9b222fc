"""Review 7: property fuzzing of every family (symmetry, identities, invariances).

Each test pins one property that a family broke beyond floating-point
precision, with the input that broke it.
"""

from __future__ import annotations

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
