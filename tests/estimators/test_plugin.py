"""Plug-in estimator: exact small cases by hand, and identities as properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo.estimators import Plugin

# Exact small cases: the BiasWarning for tiny n is tested on its own below.
pytestmark = pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")


def h(*p: float) -> float:
    return -sum(q * math.log(q) for q in p if q > 0)


def test_sklearn_dd_case() -> None:
    # scikit-learn test_compute_mi_dd.
    x = [0, 1, 1, 0, 0]
    y = [1, 0, 0, 0, 1]
    truth = h(3 / 5, 2 / 5) * 2 - h(1 / 5, 2 / 5, 2 / 5)
    assert mt.mi(x, y, method="plugin") == pytest.approx(truth, abs=1e-12)


def test_entropy_references() -> None:
    assert mt.entropy([0] * 7 + [1] * 3, base=2, method="plugin") == pytest.approx(
        0.8812909, abs=1e-7
    )
    assert mt.entropy([0, 0, 42], method="plugin") == pytest.approx(0.6365141, abs=1e-7)


def test_xor() -> None:
    x = np.array([0, 0, 1, 1] * 25)
    y = np.array([0, 1, 0, 1] * 25)
    z = x ^ y
    assert mt.mi(x, y, base=2, method="plugin") == pytest.approx(0.0, abs=1e-12)
    assert mt.cmi(x, y, z, base=2, method="plugin") == pytest.approx(1.0, abs=1e-12)


def test_string_labels_and_multicolumn() -> None:
    a = ["red", "red", "blue", "blue"]
    b = np.array([[0, 1], [0, 1], [1, 0], [1, 0]])
    assert mt.mi(a, b, base=2, method="plugin") == pytest.approx(1.0)
    assert mt.entropy(b, base=2, method="plugin") == pytest.approx(1.0)


def test_local_values() -> None:
    x = [0, 0, 1, 1, 1, 2]
    y = [0, 1, 1, 1, 1, 2]
    res = Plugin().mi(x, y)
    assert res.local is not None
    assert res.local.mean() == pytest.approx(res.value, abs=1e-12)
    ent = Plugin().entropy(x)
    assert ent.local is not None
    assert ent.local[0] == pytest.approx(-math.log(2 / 6))


@pytest.mark.filterwarnings("error::mutinfo.exceptions.BiasWarning")
def test_bias_warning_on_large_alphabet() -> None:
    g = np.random.default_rng(0)
    x, y = g.integers(0, 30, 100), g.integers(0, 30, 100)
    with pytest.warns(mt.BiasWarning, match="miller_madow"):
        mt.mi(x, y, method="plugin")


labels = st.lists(st.integers(0, 3), min_size=2, max_size=60)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_properties(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, 60))
    draw = lambda: np.array(  # noqa: E731
        data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
    )
    x, y, z = draw(), draw(), draw()
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mt.BiasWarning)
            ixy = mt.mi(x, y, method="plugin")
            # symmetry
            assert mt.mi(y, x, method="plugin") == pytest.approx(ixy, abs=1e-12)
            # bounds: 0 <= I <= min(H(X), H(Y))
            assert (
                -1e-12
                <= ixy
                <= min(mt.entropy(x, method="plugin"), mt.entropy(y, method="plugin"))
                + 1e-12
            )
            # relabelling invariance
            relabel = np.array([7, 3, 11, 5])
            assert mt.mi(relabel[x], y, method="plugin") == pytest.approx(
                ixy, abs=1e-12
            )
            assert mt.mi([f"s{v}" for v in x], y, method="plugin") == pytest.approx(
                ixy, abs=1e-12
            )
            # chain rule I(X; Y,Z) = I(X; Z) + I(X; Y | Z)
            yz = np.column_stack([y, z])
            assert mt.mi(x, yz, method="plugin") == pytest.approx(
                mt.mi(x, z, method="plugin") + mt.cmi(x, y, z, method="plugin"),
                abs=1e-12,
            )
            # joint row permutation
            perm = np.random.default_rng(0).permutation(n)
            assert mt.mi(x[perm], y[perm], method="plugin") == pytest.approx(
                ixy, abs=1e-12
            )
            # base conversion
            assert mt.mi(x, y, base=2, method="plugin") * math.log(2) == pytest.approx(
                ixy, abs=1e-12
            )
            # H(X|Z) = H(X,Z) - H(Z)
            assert mt.conditional_entropy(x, z, method="plugin") == pytest.approx(
                mt.entropy(np.column_stack([x, z]), method="plugin")
                - mt.entropy(z, method="plugin"),
                abs=1e-12,
            )
