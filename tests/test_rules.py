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
        (100, 64, "grassberger"),  # 8 x 8 channel at N = 100: fewer than 10 values
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


@pytest.mark.parametrize(
    ("n", "sizes", "family"),
    [
        (178, (53, 3), "grassberger"),  # Wine's magnesium x cultivar
        (100, (50, 3), "grassberger"),
        (20, (16, 5), "grassberger"),  # c = 0.25: still a few classes
        (500, (500, 2), "dirichlet_product"),  # a row ID: every value seen once
        (100, (90, 3), "dirichlet_product"),  # nearly all singletons (< 1.2 each)
        (100, (9, 40), "grassberger"),
        (100, (10, 40), "dirichlet_product"),  # both many-valued
        (100, (38, 36), "dirichlet_product"),  # Zipf 40 x 40 at N = 100
        (3000, (40, 40), "dirichlet_product"),
        (3200, (40, 40), "grassberger"),  # c = 2
        (12, (2, 8), "dirichlet_product"),  # small table (16 cells), c < 1
    ],
)
def test_discrete_rule_mi_needs_two_many_valued_variables(
    n: int, sizes: tuple[int, int], family: str
) -> None:
    # a many-valued feature against a few classes (smooth dependence) is
    # flattened to about zero by the product-centred prior: Grassberger
    # (benchmarks/discrete_mi_rule.py)
    cells = sizes[0] * sizes[1]
    assert choose_discrete_family("mi", n, cells, sizes=sizes) == family
    assert choose_discrete_family("mi", n, cells, sizes=sizes[::-1]) == family
    assert choose_discrete_family("cmi", n, cells, sizes=sizes) == (
        "nsb" if n < cells else ("miller_madow" if cells <= 16 else "grassberger")
    )


def _ordinal(k: int, m: int, shift: float) -> np.ndarray:
    """p(x, y): Y uniform on m classes, X a k-valued discretised normal."""
    from scipy.special import ndtr

    edges = (np.arange(k + 1) - 0.5 - k / 2) / (k / 6.25)
    edges[0], edges[-1] = -np.inf, np.inf
    centre = (m - 1) / 2
    cols = [np.diff(ndtr(edges - shift * (y - centre))) / m for y in range(m)]
    return np.column_stack(cols)


def test_auto_keeps_smooth_dependence_on_few_classes() -> None:
    # issue 21: 50-valued X against 3 classes, shift 2 (truth 0.619 nats) at
    # n = 150 (c = 1.06): dirichlet_product gave -0.334 / 0.338, Grassberger
    # +0.050 / 0.082 (60 draws, benchmarks/discrete_mi_rule.py). auto must
    # not say "no dependence".
    joint = _ordinal(50, 3, 2.0)
    px, py = joint.sum(axis=1), joint.sum(axis=0)
    truth = float((joint * np.log(joint / np.outer(px, py))).sum())
    g = np.random.default_rng(3)
    errors, methods = [], set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        for _ in range(20):
            cell = g.choice(joint.size, size=150, p=joint.ravel())
            res = mt.estimate("mi", cell // 3, cell % 3)
            errors.append(res.value - truth)
            methods.add(res.method)
    e = np.array(errors)
    assert methods == {"grassberger"}
    assert abs(e.mean()) <= 0.1
    assert np.sqrt((e**2).mean()) <= 0.15


def test_wine_magnesium_against_cultivar_is_not_zero() -> None:
    # 53 integer values read as labels against 3 cultivars, n = 178: the
    # product-centred prior gave 1.3e-08 nats (plug-in permutation p = 0.006)
    wine = datasets.load_wine()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mt.MutinfoWarning)
        res = mt.estimate("mi", wine["magnesium"], wine["cultivar"])
        matrix = mt.mi_matrix(wine[["magnesium", "cultivar"]])
    assert res.method == "grassberger"
    assert res.value == pytest.approx(0.2379, abs=1e-3)
    assert np.asarray(matrix.mi)[0, 1] == pytest.approx(res.value, rel=1e-9)


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
    # rule's Grassberger: +0.056 / 0.155 over 300 draws in
    # benchmarks/discrete_mi_bayes.py, so 20 draws could not tell)
    p = np.arange(8, 0, -1) / 36.0
    joint = 0.6 * np.diag(p) + 0.4 * p[:, None] / 8
    truth = float((joint * np.log(joint / np.outer(p, joint.sum(axis=0)))).sum())
    g = np.random.default_rng(0)
    errors = []
    for _ in range(150):
        x = g.choice(8, size=100, p=p)
        y = np.where(g.random(100) < 0.6, x, g.integers(0, 8, 100))
        sizes = (np.unique(x).size, np.unique(y).size)
        family = choose_discrete_family("mi", 100, sizes[0] * sizes[1], sizes=sizes)
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
        (lambda: choose_discrete_family("mi", 10, 6, sizes=(0, 6)), "'sizes"),
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
    # and says so; integer codes of 10-100 values read as labels also name the
    # other reading (rounded measurements would want discrete=False)
    with (
        pytest.warns(mt.DataWarning, match="read as labels by discrete='auto'"),
        pytest.warns(mt.BiasWarning, match="'dirichlet_product'"),
    ):
        assert mt.estimate("mi", x, y).method == "dirichlet_product"
    # one-to-one: I(X; X) = H(X), so the entropy's family
    assert discrete_family("mi", _labels(x, x)) == "nsb"
    assert discrete_family("mi", _labels(x, 3 * x)) == discrete_family(
        "entropy", _labels(x)
    )
    assert discrete_family("mi", _labels(x, x % 20)) == "grassberger"  # functional
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


def test_auto_reads_a_row_id_as_carrying_no_information() -> None:
    # A row ID against a binary label: Grassberger read H(y) = 0.692 nats and
    # rank_features put the ID first; nearly every value seen once is not
    # identifiable, and the product-centred prior reads it as independent.
    g = np.random.default_rng(3)
    y = g.integers(0, 2, 500)
    with pytest.warns(mt.BiasWarning):
        r = mt.estimate("mi", np.arange(500), y)
    assert r.method == "dirichlet_product"
    assert abs(r.value) < 0.01
    with pytest.warns(mt.BiasWarning):
        copy = mt.estimate("mi", np.arange(500), np.arange(500))
    # a one-to-one table is read as such: I(X; X) = H(X), the entropy's family
    assert copy.method == "chao_shen"
