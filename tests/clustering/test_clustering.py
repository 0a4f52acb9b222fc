"""Clustering comparison: NMI, AMI, VI against scikit-learn; hierarchical MI."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo.clustering import (
    adjusted_mi,
    expected_mi,
    hierarchical_mi,
    normalized_hierarchical_mi,
    normalized_mi,
    variation_of_information,
)
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

metrics = pytest.importorskip("sklearn.metrics")

# The plug-in estimates here are exact values of the given labelings, used as
# references; their small-sample BiasWarning is tested in tests/estimators.
pytestmark = pytest.mark.filterwarnings("ignore::mutinfo.exceptions.BiasWarning")

AVERAGES = ["arithmetic", "geometric", "min", "max"]
AMI_A = [1] * 6 + [2] * 6 + [3] * 5
AMI_B = [1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 3, 1, 3, 3, 3, 2, 2]


def test_sklearn_ami_reference_case() -> None:
    table = np.zeros((3, 3), dtype=np.int64)
    np.add.at(table, (np.array(AMI_A) - 1, np.array(AMI_B) - 1), 1)
    # REFERENCES.md: MI 0.41022, expected MI 0.15042, AMI 0.27821.
    assert expected_mi(table) == pytest.approx(0.15042, abs=5e-6)
    assert adjusted_mi(AMI_A, AMI_B) == pytest.approx(0.27821, abs=5e-6)
    assert mt.mi(AMI_A, AMI_B, method="plugin") == pytest.approx(0.41022, abs=5e-6)


def test_agreement_with_sklearn_on_random_labelings() -> None:
    rng = np.random.default_rng(0)
    for _ in range(40):
        n = int(rng.integers(2, 200))
        a = rng.integers(0, int(rng.integers(1, 10)), n)
        b = rng.integers(0, int(rng.integers(1, 10)), n)
        if rng.random() < 0.5:
            b = (a + rng.integers(0, 2, n)) % 7
        for av in AVERAGES:
            assert adjusted_mi(a, b, average=av) == pytest.approx(
                metrics.adjusted_mutual_info_score(a, b, average_method=av), abs=1e-10
            )
            assert normalized_mi(a, b, average=av) == pytest.approx(
                metrics.normalized_mutual_info_score(a, b, average_method=av),
                abs=1e-12,
            )


def test_ami_large_n_does_not_overflow() -> None:
    rng = np.random.default_rng(1)
    a = rng.integers(0, 20, 200_000)
    b = np.where(rng.random(200_000) < 0.1, a, rng.integers(0, 20, 200_000))
    ours = adjusted_mi(a, b)
    assert math.isfinite(ours)
    assert ours == pytest.approx(metrics.adjusted_mutual_info_score(a, b), abs=1e-10)


def test_edge_cases_follow_sklearn() -> None:
    one = [0, 0, 0, 0]
    split = [0, 0, 1, 1]
    singletons = [0, 1, 2, 3]
    assert normalized_mi(one, one) == 1.0
    assert adjusted_mi(one, one) == 1.0
    assert adjusted_mi(singletons, [9, 8, 7, 6]) == 1.0
    assert normalized_mi(one, split) == 0.0
    assert adjusted_mi(one, split, average="min") == 0.0
    assert adjusted_mi(one, split) == metrics.adjusted_mutual_info_score(one, split)


def test_joint_average_and_vi() -> None:
    rng = np.random.default_rng(2)
    a = rng.integers(0, 4, 300)
    b = (a + rng.integers(0, 2, 300)) % 4
    ha = mt.entropy(a, method="plugin")
    hb = mt.entropy(b, method="plugin")
    i = mt.mi(a, b, method="plugin")
    assert normalized_mi(a, b, average="joint") == pytest.approx(
        i / (ha + hb - i), abs=1e-12
    )
    assert variation_of_information(a, b) == pytest.approx(ha + hb - 2 * i, abs=1e-12)
    assert variation_of_information(a, a) == 0.0
    assert variation_of_information([0, 0, 1, 1], [0, 1, 0, 1], base=2) == 2.0


@settings(deadline=None, max_examples=30)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=2, max_size=60)
)
def test_relabelling_invariance_and_bounds(pairs: list[tuple[int, int]]) -> None:
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    names = np.array(["p", "q", "r", "s", "t"])
    nmi = normalized_mi(a, b)
    assert 0 - 1e-12 <= nmi <= 1 + 1e-12
    assert normalized_mi(names[a], b) == pytest.approx(nmi, abs=1e-12)
    assert adjusted_mi(b, a) == pytest.approx(adjusted_mi(a, b), abs=1e-10)
    vi = variation_of_information(a, b)
    assert vi >= -1e-12
    assert vi == pytest.approx(variation_of_information(names[b], a), abs=1e-12)


def test_label_errors() -> None:
    with pytest.raises(InvalidDataError, match="same samples"):
        normalized_mi([0, 1], [0, 1, 1])
    with pytest.raises(InvalidDataError, match="1-D sequence"):
        adjusted_mi([[0, 1]], [0, 1])
    with pytest.raises(InvalidDataError, match="is empty"):
        variation_of_information([], [])
    with pytest.raises(InvalidDataError, match="contains NaN"):
        normalized_mi([0.0, float("nan")], [0, 1])
    with pytest.raises(InvalidParameterError, match="'average' parameter"):
        normalized_mi([0, 1], [0, 1], average="harmonic")  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'base' parameter"):
        variation_of_information([0, 1], [0, 1], base=0)


# --------------------------------------------------------------------------- #
# Hierarchical MI
# --------------------------------------------------------------------------- #
def test_flat_partitions_hmi_equals_mi() -> None:
    rng = np.random.default_rng(3)
    a = rng.integers(0, 4, 60)
    b = (a + rng.integers(0, 2, 60)) % 5

    def tree(labels: np.ndarray) -> list[list[int]]:
        return [np.flatnonzero(labels == v).tolist() for v in np.unique(labels)]

    assert hierarchical_mi(tree(a), tree(b)) == pytest.approx(
        mt.mi(a, b, method="plugin"), abs=1e-12
    )
    for av in [*AVERAGES, "joint"]:
        assert normalized_hierarchical_mi(tree(a), tree(b), average=av) == (
            pytest.approx(normalized_mi(a, b, average=av), abs=1e-12)  # type: ignore[arg-type]
        )


def test_balanced_binary_tree_self_hmi_is_log4() -> None:
    tree = [[[0, 1], [2, 3]], [[4, 5], [6, 7]]]
    assert hierarchical_mi(tree, tree) == pytest.approx(1.386294, abs=1e-6)


def test_hierpart_tutorial_values() -> None:
    # HierPart's tutorial (Perotti's reference implementation): I(x;x) = I(y;y)
    # = 1.242453324894, I(x;y) = ln 2, normalised 0.55788589130225974.
    x = [["a", [["b"], ["c"]]], ["d", "e", "f"]]
    y = [["a", "b", "c"], ["f", [["d"], ["e"]]]]
    # By hand: ln 2 (top split) + 1/2 H(1/3, 2/3) ({a},{b,c}) + 1/3 ln 2 ({b},{c}).
    by_hand = math.log(2) * (1 + 1 / 3) + 0.5 * (
        -(1 / 3) * math.log(1 / 3) - (2 / 3) * math.log(2 / 3)
    )
    assert by_hand == pytest.approx(1.242453324894, abs=1e-12)
    assert hierarchical_mi(x, x) == pytest.approx(1.242453324894, abs=1e-12)
    assert hierarchical_mi(y, y) == pytest.approx(1.242453324894, abs=1e-12)
    assert hierarchical_mi(x, y) == pytest.approx(math.log(2), abs=1e-12)
    assert normalized_hierarchical_mi(x, y) == pytest.approx(0.55788589130225974)
    # An element beside sub-clusters is its own cluster: same as wrapping it.
    wrapped = [[["a"], [["b"], ["c"]]], ["d", "e", "f"]]
    assert hierarchical_mi(wrapped, y) == pytest.approx(math.log(2), abs=1e-12)


def test_hmi_symmetry_and_relabelling() -> None:
    x = [[[0, 1], [2]], [[3, 4, 5], [6, 7]]]
    y = [[0, 1, 2, 3], [[4, 5], [6, 7]]]
    assert hierarchical_mi(x, y) == pytest.approx(hierarchical_mi(y, x), abs=1e-12)
    swapped = [[[6, 7], [3, 4, 5]], [[2], [0, 1]]]
    assert hierarchical_mi(swapped, y) == pytest.approx(hierarchical_mi(x, y))
    assert hierarchical_mi(x, y) <= min(hierarchical_mi(x, x), hierarchical_mi(y, y))
    assert hierarchical_mi(x, y, base=2) * math.log(2) == pytest.approx(
        hierarchical_mi(x, y)
    )


def test_unsplit_roots() -> None:
    assert hierarchical_mi([0, 1, 2], [2, 1, 0]) == 0.0
    assert normalized_hierarchical_mi([0, 1, 2], [2, 1, 0]) == 1.0
    assert normalized_hierarchical_mi([0, 1, 2], [[0], [1, 2]]) == 0.0


def test_hierarchy_errors() -> None:
    with pytest.raises(InvalidParameterError, match="must be a nested list"):
        hierarchical_mi("abc", [["a"]])
    with pytest.raises(InvalidDataError, match="empty cluster"):
        hierarchical_mi([[0], []], [[0]])
    with pytest.raises(InvalidDataError, match="more than once"):
        hierarchical_mi([[0, 1], [1]], [[0, 1]])
    with pytest.raises(InvalidDataError, match="same elements"):
        hierarchical_mi([[0, 1]], [[0, 2]])
    with pytest.raises(InvalidDataError, match="hashable element"):
        hierarchical_mi([[0, {1: 2}]], [[0]])
    with pytest.raises(InvalidParameterError, match="'average' parameter"):
        normalized_hierarchical_mi([[0]], [[0]], average="mean")  # type: ignore[arg-type]


def test_pandas_labelings_with_different_indexes_are_refused() -> None:
    # Labels were paired by position: a labeling against its own sorted copy
    # read NMI 0.007, AMI 0.002 and VI 3.19 nats instead of 1, 1 and 0.
    pd = pytest.importorskip("pandas")
    labels = pd.Series(np.random.default_rng(0).integers(0, 5, 1000))
    for compare in (normalized_mi, adjusted_mi, variation_of_information):
        with pytest.raises(InvalidDataError, match="different order"):
            compare(labels, labels.sort_values())
    assert normalized_mi(labels, labels) == 1.0
    assert variation_of_information(labels, labels.to_numpy()) == 0.0


def test_variation_of_information_is_exactly_zero_for_relabelled_copies() -> None:
    # H(A) + H(B) - 2 I summed the same counts in different orders: a
    # relabelled copy read -8.9e-16 (seed 0) or +8.9e-16 (seed 2), in 54 of
    # 200 random cases, 25 of them negative, where VI is a metric, 0 exactly
    # for identical partitions.
    for seed in range(40):
        rng = np.random.default_rng(seed)
        k, n = int(rng.integers(2, 50)), int(rng.integers(10, 3000))
        labels = rng.integers(0, k, n)
        relabelled = rng.permutation(k)[labels]
        assert variation_of_information(labels, relabelled) == 0.0
        other = rng.integers(0, k, n)
        assert variation_of_information(labels, other) >= 0.0
