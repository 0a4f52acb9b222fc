"""The ``dirichlet_product`` family: posterior-mean MI under a product-centred prior."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo.estimators import DirichletProduct
from mutinfo.exceptions import BiasWarning, InvalidDataError, UnsupportedMeasureError
from tests import reference

#: The tables of tests/reference/scripts/dirichlet_product_mi.py.
TABLES = {
    "diag2": [[5, 0], [0, 5]],
    "3x3": [[6, 1, 0], [1, 4, 2], [0, 1, 5]],
    "4x5": [[3, 0, 1, 0, 0], [0, 2, 0, 1, 0], [1, 0, 4, 0, 1], [0, 0, 0, 2, 3]],
}


def _samples(table: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(table)
    rows, cols = np.nonzero(t)
    reps = t[rows, cols]
    return np.repeat(rows, reps), np.repeat(cols, reps)


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)
        return fn(*args, **kwargs)


@pytest.mark.parametrize(
    ("key", "alphabet"), [("diag2", None), ("3x3", None), ("4x5", None), ("4x5", 7)]
)
def test_matches_the_first_principles_reference(key: str, alphabet: int | None) -> None:
    # mpmath, 30 digits: tests/reference/scripts/dirichlet_product_mi.py
    name = key if alphabet is None else f"{key}/K={alphabet}"
    x, y = _samples(TABLES[key])
    res = _quiet(DirichletProduct(alphabet_size=alphabet).mi, x, y)
    expected = reference.value("dirichlet_product_mi", name)
    concentration = reference.value("dirichlet_product_mi", f"{name}/concentration")
    assert res.value == pytest.approx(expected, rel=1e-12)
    assert res.extras["concentration"] == pytest.approx(concentration, rel=1e-12)
    assert res.method == "dirichlet_product"


def test_labels_order_and_units_do_not_matter() -> None:
    x, y = _samples(TABLES["4x5"])
    est = DirichletProduct()
    value = _quiet(est.mi, x, y).value
    assert _quiet(est.mi, y, x).value == pytest.approx(value, rel=1e-10)
    relabelled = _quiet(est.mi, np.array(["abcd"[v] for v in x]), 10 - y).value
    assert relabelled == pytest.approx(value, rel=1e-10)
    bits = _quiet(est.mi, x, y, base=2).value
    assert bits == pytest.approx(value / math.log(2), rel=1e-12)


def test_closed_forms_at_the_edges() -> None:
    # One value of X: E[H(X)] = 0 and E[H(X, Y)] = E[H(Y)], so exactly 0.
    assert DirichletProduct().mi([3] * 12, [0, 1, 2] * 4).value == pytest.approx(
        0.0, abs=1e-12
    )
    # Counts exactly the product of their marginals: the evidence grows with
    # the concentration, the posterior sits on independence.
    counts = np.outer([1, 2, 3], [2, 1, 1]) * 4
    res = DirichletProduct().mi(*_samples(counts.tolist()))
    assert 0 <= res.value < 1e-6
    assert res.extras["concentration"] > 1e6


def test_independent_and_issue_21_tables() -> None:
    # issue 21 at N = 100 (150 draws; benchmarks/discrete_mi_bayes.py has 300):
    # |bias| <= 0.08 and RMSE <= 0.2 on the 8 x 8 and Zipf 40 x 40 channels;
    # independent Zipf x Zipf 40 x 40 gives about 0 (James-Stein: -0.31).
    zipf = 1.0 / np.arange(1, 41)
    zipf /= zipf.sum()
    p8 = np.arange(8, 0, -1) / 36.0
    cases = {
        "8x8": (0.6 * np.diag(p8) + 0.4 * p8[:, None] / 8, 0.08, 0.2),
        "zipf": (0.5 * np.diag(zipf) + 0.5 * zipf[:, None] / 40, 0.08, 0.2),
        "independent": (np.outer(zipf, zipf), 0.02, 0.03),
    }
    g = np.random.default_rng(0)
    est = DirichletProduct()
    for name, (joint, max_bias, max_rmse) in cases.items():
        prod = np.outer(joint.sum(axis=1), joint.sum(axis=0))
        truth = float((joint * np.log(joint / prod)).sum())
        errors = []
        for _ in range(150):
            cells = g.choice(joint.size, size=100, p=joint.ravel())
            x, y = np.divmod(cells, joint.shape[1])
            errors.append(_quiet(est.mi, x, y).value - truth)
        e = np.array(errors)
        assert abs(e.mean()) <= max_bias, (name, e.mean())
        assert np.sqrt((e**2).mean()) <= max_rmse, (name, np.sqrt((e**2).mean()))


def test_warns_on_a_sparse_table_and_refuses_other_measures() -> None:
    g = np.random.default_rng(1)
    x, y = g.integers(0, 40, 50), g.integers(0, 40, 50)
    with pytest.warns(BiasWarning, match="'dirichlet_product' mi estimate"):
        DirichletProduct().mi(x, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", BiasWarning)
        DirichletProduct().mi(x % 3, y % 3)  # 9 cells for 50 rows: quiet
    with pytest.raises(UnsupportedMeasureError, match="'dirichlet_product'"):
        DirichletProduct().entropy(x)


def test_alphabet_size_is_checked_against_the_data() -> None:
    with pytest.raises(InvalidDataError, match="'alphabet_size'"):
        DirichletProduct(alphabet_size=2).mi([0, 1, 2, 0], [0, 1, 1, 0])
    with pytest.raises(mt.InvalidParameterError, match="alphabet_size"):
        DirichletProduct(alphabet_size=0)


def test_auto_picks_it_for_undersampled_mi_but_not_for_functional_tables() -> None:
    g = np.random.default_rng(2)
    zipf = 1.0 / np.arange(1, 41)
    x = g.choice(40, size=100, p=zipf / zipf.sum())
    y = np.where(g.random(100) < 0.5, x, g.integers(0, 40, 100))
    # Integer codes of 10-100 values read as labels by discrete='auto': the
    # DataWarning names the other reading (codes: discrete=True keeps this one).
    with pytest.warns(mt.DataWarning, match="read as labels by discrete='auto'"):
        assert _quiet(mt.estimate, "mi", x, y).method == "dirichlet_product"
    assert _quiet(mt.estimate, "mi", x, y, discrete=True).method == "dirichlet_product"
    # Y = X: a prior centred on independence is far off (-0.7 nats on the
    # Zipf-40 copy at N = 100), so auto keeps a functional table from it (a
    # one-to-one table gets the entropy's family: I(X; X) = H(X)).
    assert _quiet(mt.estimate, "mi", x, x).method == "nsb"
    assert _quiet(mt.estimate, "mi", x, x % 20).method == "grassberger"
    assert _quiet(mt.estimate, "cmi", x, y, x % 2).method == "nsb"
