"""The measured family-choice rules of mutinfo._rules."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import datasets
from mutinfo._rules import (
    CONTINUOUS_HIGH_DIM,
    choose_continuous_family,
    choose_discrete_family,
)
from mutinfo._validation import Variable
from mutinfo.exceptions import InvalidParameterError


@pytest.mark.parametrize(
    ("n", "cells", "family"),
    [
        (100, 1600, "dirichlet_product"),  # 40 x 40 Zipf at N = 100: c = 0.06
        (1000, 1600, "dirichlet_product"),  # c = 0.63
        (100, 64, "dirichlet_product"),  # 8 x 8 channel at N = 100: c = 1.6
        (10_000, 1600, "grassberger"),
        (2000, 1000, "grassberger"),  # boundary: c = 2 is Grassberger's
        (1999, 1000, "dirichlet_product"),
    ],
)
def test_discrete_rule_mi(n: int, cells: int, family: str) -> None:
    assert choose_discrete_family("mi", n, cells) == family
    # CMI gets NSB below one sample per cell (shrinking every stratum towards
    # independence is off by 0.1-2 nats)
    cmi_family = "nsb" if n < cells else "grassberger"
    assert choose_discrete_family("cmi", n, cells) == cmi_family
    # a functional table (one variable determines the other) keeps Grassberger
    assert choose_discrete_family("mi", n, cells, functional=True) == "grassberger"


@pytest.mark.parametrize("measure", ["mi", "cmi"])
def test_small_well_sampled_tables_get_miller_madow(measure: str) -> None:
    # Grassberger's correction swings with the parity of small counts
    # (benchmarks/discrete_small_tables.py): independent 2 x 2 at n = 20 gave
    # RMSE 0.113 nats against plug-in's 0.044 and Miller-Madow's 0.035.
    assert choose_discrete_family(measure, 20, 4) == "miller_madow"
    assert choose_discrete_family(measure, 40, 8) == "miller_madow"
    assert choose_discrete_family(measure, 16, 16) == "miller_madow"
    assert choose_discrete_family(measure, 34, 17) == "grassberger"
    g = np.random.default_rng(0)
    errors = {"auto": [], "grassberger": []}
    for _ in range(40):
        a, b = g.integers(0, 2, 20), g.integers(0, 2, 20)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mt.MutinfoWarning)
            errors["auto"].append(mt.mi(a, b))
            errors["grassberger"].append(mt.mi(a, b, method="grassberger"))
    rmse = {k: float(np.sqrt(np.mean(np.square(v)))) for k, v in errors.items()}
    assert rmse["auto"] < 0.6 * rmse["grassberger"]


@pytest.mark.parametrize(
    ("n", "occupied", "family"),
    [(100, 95, "chao_shen"), (300, 150, "nsb"), (10_000, 1000, "grassberger")],
)
def test_discrete_rule_entropy(n: int, occupied: int, family: str) -> None:
    got = choose_discrete_family("entropy", n, 10**6, occupied=occupied)
    assert got == family
    # without 'occupied' the joint cardinality is used
    assert choose_discrete_family("entropy", n, occupied) == family


def test_discrete_rule_meets_the_targets_on_the_8x8_channel() -> None:
    # bias <= 0.08 and RMSE <= 0.2 at N = 100 (issue 21), 150 draws (the
    # rule's dirichlet_product: -0.068 +- 0.008 / 0.147 over 300 draws in
    # benchmarks/discrete_mi_bayes.py, so 20 draws could not tell)
    p = np.arange(8, 0, -1) / 36.0
    joint = 0.6 * np.diag(p) + 0.4 * p[:, None] / 8
    truth = float((joint * np.log(joint / np.outer(p, joint.sum(axis=0)))).sum())
    g = np.random.default_rng(0)
    errors = []
    for _ in range(150):
        x = g.choice(8, size=100, p=p)
        y = np.where(g.random(100) < 0.6, x, g.integers(0, 8, 100))
        cells = np.unique(x).size * np.unique(y).size
        family = choose_discrete_family("mi", 100, cells)
        errors.append(mt.mi(x, y, method=family) - truth)
    e = np.array(errors)
    assert abs(e.mean()) <= 0.08
    assert np.sqrt((e**2).mean()) <= 0.2


def test_continuous_rule() -> None:
    assert choose_continuous_family("mi", 2000, 2) == "ksg"
    assert choose_continuous_family("cmi", 2000, CONTINUOUS_HIGH_DIM - 1) == "ksg"
    assert choose_continuous_family("mi", 2000, CONTINUOUS_HIGH_DIM) == (
        "gaussian_copula"
    )
    assert choose_continuous_family("entropy", 2000, 50) == "kl"


def test_rotated_sparse_25x25_within_01_with_the_rule() -> None:
    # issue 21: 25 x 25 rotated sparse Gaussian at n = 2000, truth 1.022
    task = datasets.gaussian_sparse(rho=0.8, dim_x=25, dim_y=25, n_interacting=2)
    g = np.random.default_rng(1)
    qx, _ = np.linalg.qr(g.standard_normal((25, 25)))
    qy, _ = np.linalg.qr(g.standard_normal((25, 25)))
    x, y = task.sample(2000, rng=2)
    family = choose_continuous_family("mi", 2000, 50)
    value = mt.mi(x @ qx, y @ qy, method=family)
    assert value == pytest.approx(task.mutual_information, abs=0.1)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: choose_discrete_family("mutual", 10, 10), "'measure'"),
        (lambda: choose_discrete_family("mi", 0, 10), "'n_samples'"),
        (lambda: choose_discrete_family("mi", 10, 0), "'joint_cardinality'"),
        (
            lambda: choose_discrete_family("entropy", 10, 5, occupied=0),
            "'occupied'",
        ),
        (lambda: choose_continuous_family("mi", 10, 0), "'joint_dim'"),
    ],
)
def test_rules_reject_bad_input(call: object, match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        call()  # type: ignore[operator]


# ---------------------------------------------------------------------- #
# The rule inside auto (mutinfo._auto.discrete_family)
# ---------------------------------------------------------------------- #
def _labels(*columns: object) -> list[Variable]:
    return [
        Variable(f"v{i}", np.asarray(c, dtype=np.float64).reshape(-1, 1), (True,))
        for i, c in enumerate(columns)
    ]


def test_auto_discrete_family_follows_the_rule() -> None:
    from mutinfo._auto import discrete_family

    g = np.random.default_rng(0)
    zipf = 1.0 / np.arange(1, 41)
    x = g.choice(40, size=100, p=zipf / zipf.sum())
    y = np.where(g.random(100) < 0.5, x, g.integers(0, 40, 100))
    assert discrete_family("mi", _labels(x, y)) == "dirichlet_product"
    with pytest.warns(mt.BiasWarning, match="'dirichlet_product'"):  # and says so
        assert mt.estimate("mi", x, y).method == "dirichlet_product"
    assert discrete_family("mi", _labels(x, x)) == "grassberger"  # functional
    a, b = x % 4, y % 4  # 16 cells, 100 rows
    assert discrete_family("mi", _labels(a, b)) == "miller_madow"  # small table
    assert discrete_family("cmi", _labels(a, b, x % 2)) == "grassberger"
    assert discrete_family("entropy", _labels(np.arange(50))) == "chao_shen"
    assert discrete_family("total_correlation", _labels(a, b)) == "plugin"
    # one row: nothing to correct against
    assert discrete_family("mi", _labels([1], [2])) == "plugin"
    # NSB's range but no joint row repeats: plug-in (NSB would raise)
    assert discrete_family("cmi", _labels([0, 1, 2], [0, 1, 0], [0, 0, 1])) == (
        "plugin"
    )
    assert discrete_family("mi", _labels([0, 1], [0, 1])) == "miller_madow"


def test_auto_on_tiny_labels_always_gives_a_number() -> None:
    # the old rule (plug-in) gave a number for every input here; so must the new
    g = np.random.default_rng(1)
    for n in (1, 2, 3, 5, 8):
        for k in (1, 2, 7):
            x, y, z = (g.integers(0, k, n) for _ in range(3))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", mt.MutinfoWarning)
                values = [
                    mt.mi(x, y),
                    mt.cmi(x, y, z),
                    mt.entropy(x),
                    mt.conditional_entropy(x, y),
                ]
            assert all(np.isfinite(values)), (n, k, values)
