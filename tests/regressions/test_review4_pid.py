"""Review 4 of pid / discrete / clustering: wrong numbers and raw tracebacks.

Each test checks a value against a closed form or a brute-force computation
done here, or that a hostile input gets a clear error instead of a silent
number or a raw traceback.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from mutinfo import pid
from mutinfo.clustering import adjusted_mi, normalized_mi
from mutinfo.discrete import Distribution, entropy
from mutinfo.exceptions import InvalidDataError, InvalidParameterError


def _mi_nats(a: list[object], b: list[object]) -> float:
    """Plug-in MI of two labelings, from the counts."""
    n = len(a)
    pa, pb, pab = Counter(a), Counter(b), Counter(zip(a, b, strict=True))
    return sum(c / n * math.log(c * n / (pa[x] * pb[y])) for (x, y), c in pab.items())


@pytest.mark.parametrize(
    "b", [[1, 2, 1], [0, 0, 1, 1, 2, 2, 0], [0, 1, 0, 1, 1]], ids=["n3", "n7", "n5"]
)
def test_ami_with_one_side_all_singletons_is_zero(b: list[int]) -> None:
    # Every permutation of an all-singleton labeling gives I = H(b), so
    # E[I] = I (brute force below) and the adjusted MI is 0; with
    # average='min' the normaliser is E[I] too, and rounding made it 0.5 (n=3)
    # or 1.33 (n=7).
    a = list(range(len(b)))
    mi = _mi_nats(a, b)
    emi = np.mean([_mi_nats(list(p), b) for p in itertools.permutations(a)])
    assert mi - emi == pytest.approx(0.0, abs=1e-12)
    for average in ("min", "arithmetic", "geometric", "max", "joint"):
        assert adjusted_mi(a, b, average=average) == 0.0
        assert adjusted_mi(b, a, average=average) == 0.0
    assert adjusted_mi(a, a[::-1]) == 1.0  # both all singletons: identical


@pytest.mark.parametrize(
    "labels",
    [
        ["a", "b", None, "a"],
        np.array(["a", "b", np.nan, "a"], dtype=object),
        pd.Series(["a", "b", pd.NA, "a"], dtype="string"),
        pd.Series(pd.Categorical(["a", "b", None, "b"])),
    ],
    ids=["none", "object-nan", "string-na", "categorical-nan"],
)
def test_clustering_missing_labels_raise(labels: object) -> None:
    # Raised a raw TypeError ('<' not supported, boolean value of NA).
    with pytest.raises(InvalidDataError, match=r"'labels_a'.*missing labels.*1 of 4"):
        normalized_mi(labels, [0, 1, 1, 0])


def test_clustering_labels_that_do_not_compare() -> None:
    # An object array mixing ints and strings: raw TypeError from the sort;
    # equal labels only need to share a code.
    a = np.array([1, "a", "a", 1, "b"], dtype=object)
    assert normalized_mi(a, [0, 1, 1, 0, 2]) == pytest.approx(1.0)
    b = [0, 0, 1, 1, 1]
    expected = normalized_mi([0, 1, 1, 0, 2], b)
    assert normalized_mi(a, b) == pytest.approx(expected)


@pytest.mark.parametrize(
    "column",
    [
        [1.0, np.nan, np.nan, 2.0],
        pd.Series([1, None, None, 2], dtype="Int64"),
        ["a", None, None, "b"],
    ],
    ids=["float-nan", "Int64-na", "str-none"],
)
def test_from_samples_refuses_missing_labels(column: object) -> None:
    # NaN and pandas.NA were counted as one more label: entropy 1.5 bits
    # where the two present labels give 1 bit; None beside strings raised a
    # message about "strings and numbers".
    with pytest.raises(InvalidDataError, match="2 missing value"):
        Distribution.from_samples(column)


def test_decompose_samples_refuses_nan_labels() -> None:
    rng = np.random.default_rng(0)
    x0, x1 = rng.integers(0, 2, (2, 200))
    xf = x0.astype(float)
    xf[:5] = np.nan  # read as a third label: synergy 0.978 instead of refused
    with pytest.raises(InvalidDataError, match="5 missing value"):
        pid.decompose_samples([xf, x1], x0 ^ x1, measure="imin")


def test_getitem_of_one_variable_takes_the_label() -> None:
    # d["ab"] was split into ("a", "b") and returned 0.0 silently.
    d = Distribution.from_samples(["ab", "cd", "ab"])
    assert d["ab"] == pytest.approx(2 / 3)
    assert d[("ab",)] == pytest.approx(2 / 3)
    assert d["zz"] == 0.0
    two = Distribution.from_samples(["ab", "cd", "ab"], [1, 2, 1])
    assert two[("ab", 1)] == pytest.approx(2 / 3)
    with pytest.raises(InvalidParameterError, match="one label per variable"):
        two[("ab",)]


def test_distribution_bad_probabilities_and_numpy_index() -> None:
    with pytest.raises(InvalidDataError, match="real numbers; got None"):
        Distribution({"00": None, "11": 1.0})
    with pytest.raises(InvalidDataError, match="real numbers"):
        Distribution({"00": 0.5 + 0j, "11": 0.5})
    d = Distribution.from_samples([1, 2, 1, 1], [0, 0, 1, 1])
    # A numpy integer index raised "'numpy.int64' object is not iterable".
    expected = -(0.75 * math.log2(0.75) + 0.25 * math.log2(0.25))
    assert entropy(d, np.int64(0), base=2) == pytest.approx(expected)


def test_gaussian_mmi_is_scale_invariant() -> None:
    # Positive definite covariances in small or mixed units were refused as
    # "not positive definite" (an absolute eigenvalue threshold).
    cov = np.array([[1.0, 0.0, 0.6], [0.0, 1.0, 0.6], [0.6, 0.6, 1.0]])
    # R^2 of the target on both sources is 0.72; on each 0.36.
    synergy = -0.5 * math.log2(1 - 0.72) + 0.5 * math.log2(1 - 0.36)
    redundancy = -0.5 * math.log2(1 - 0.36)
    scale = np.diag([1e7, 1.0, 1.0])
    for c in (cov, cov * 1e-13, scale @ cov @ scale):
        r = pid.gaussian_mmi(c, [0, 1], 2)
        assert r.synergy == pytest.approx(synergy, abs=1e-12)
        assert r.redundancy == pytest.approx(redundancy, abs=1e-12)
    with pytest.raises(InvalidDataError, match="positive definite"):
        pid.gaussian_mmi(np.ones((3, 3)), [0, 1], 2)
    with pytest.raises(InvalidDataError, match="positive variances"):
        pid.gaussian_mmi(np.diag([1.0, 0.0, 1.0]), [0, 1], 2)


def test_atom_significance_keeps_integer_labels_above_2_53() -> None:
    # The sources were stacked into one float64 array: 2**60 + {0, 1} beside a
    # float source became one value, and the XOR synergy read 0.0 bits.
    rng = np.random.default_rng(0)
    x0, x1 = rng.integers(0, 2, (2, 300))
    y = x0 ^ x1
    table = pid.atom_significance(
        [2**60 + x0, x1.astype(float)],
        y,
        measure="imin",
        n_permutations=9,
        n_resamples=0,
        rng=0,
    )
    truth = pid.decompose_samples([x0, x1], y, measure="imin").synergy
    assert truth > 0.98
    assert table.loc["{0:1}", "atom"] == pytest.approx(truth, abs=1e-12)


def test_atom_significance_checks_lengths() -> None:
    with pytest.raises(InvalidDataError, match=r"same number of samples"):
        pid.atom_significance([[0, 1, 0], [1, 1]], [0, 1, 1], n_resamples=0)


def test_dataframe_sources() -> None:
    # Iterating a DataFrame yields column names: decompose_samples said
    # "got shape ()" and decompose_gaussian raised a raw TypeError.
    rng = np.random.default_rng(1)
    x0, x1 = rng.integers(0, 2, (2, 300))
    frame = pd.DataFrame({"a": x0, "b": x1})
    r = pid.decompose_samples(frame, x0 ^ x1, measure="imin")
    assert r.synergy == pytest.approx(
        pid.decompose_samples([x0, x1], x0 ^ x1, measure="imin").synergy
    )
    z = rng.normal(size=(300, 2))
    t = z.sum(axis=1) + rng.normal(size=300)
    g = pid.decompose_gaussian(pd.DataFrame(z), t)
    assert g.synergy == pytest.approx(
        pid.decompose_gaussian([z[:, 0], z[:, 1]], t).synergy
    )


def test_multiplets_checks_array_columns() -> None:
    rng = np.random.default_rng(0)
    z = rng.normal(size=(100, 4))
    # 0.5 was truncated to column 0 silently; 7 raised a raw IndexError.
    for bad in ([0.5, 1, 2], [0, 1, 7], ["a", "b", "c"]):
        with pytest.raises(InvalidParameterError, match="integer column indices"):
            pid.multiplets(z, 3, columns=bad)
    frame = pd.DataFrame(z, columns=list("abcd"))
    frame["s"] = ["x", "y"] * 50
    # A text column raised "could not convert string to float".
    with pytest.raises(InvalidDataError, match=r"numeric columns.*\['s'\]"):
        pid.multiplets(frame, 3)


def test_condition_on_one_variable_given_as_a_one_tuple() -> None:
    # ("1",) for one conditioning variable read as the label ("1",): "probability 0".
    d = Distribution({"00": 0.25, "01": 0.25, "11": 0.5}, names="xy")
    expected = d.condition("y", "1").to_dict()
    assert d.condition(["y"], ("1",)).to_dict() == expected
    assert d.condition("y", ["1"]).to_dict() == expected
