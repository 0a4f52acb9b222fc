"""Hostile inputs for every registered method: a number that is right, or a clear error.

The kinds of input that gave silent wrong numbers before (issue 23): integer
labels beyond 2**53, large offsets, tiny and huge scales, one long string in a
label column, one non-numeric cell; and finely quantised data under ``auto``.
Each method either returns the value it gives on the clean data (within a
tolerance that reflects its own noise) or raises a MutinfoError; never a NaN,
never a raw numpy/scipy exception, never a different number.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pytest

import mutinfo as mt
from mutinfo import _registry
from mutinfo.exceptions import MutinfoError, MutinfoWarning

N = 300
_g = np.random.default_rng(5)
X = _g.normal(size=N)
Y = 0.7 * X + 0.7 * _g.normal(size=N)

#: Families too slow for a per-method sweep (they train a model).
NEURAL = {"mine", "dv", "nwj", "infonce", "js", "smile"}
CONTINUOUS = sorted(
    n
    for n in _registry.names()
    if n not in NEURAL
    and "mi" in _registry.supported_measures(_registry.get(n))
    and "continuous" in _registry.get(n).kinds
)


def _mi(x: np.ndarray, y: np.ndarray, method: str) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MutinfoWarning)
        return mt.mi(x, y, method=method, rng=0)


@pytest.mark.parametrize("method", CONTINUOUS)
@pytest.mark.parametrize(
    ("shift", "scale"),
    [(1e6, 1.0), (-1e9, 1.0), (0.0, 1e-9), (0.0, 1e9), (0.0, 2.0**-600), (0.0, 1e150)],
    ids=[
        "offset1e6",
        "offset-1e9",
        "scale1e-9",
        "scale1e9",
        "scale2^-600",
        "scale1e150",
    ],
)
def test_continuous_methods_are_offset_and_scale_safe(
    method: str, shift: float, scale: float
) -> None:
    try:
        clean = _mi(X, Y, method)
    except MutinfoError:
        pytest.skip(f"{method} does not estimate this pair")
    try:
        moved = _mi(X * scale + shift, Y * scale + shift, method)
    except MutinfoError:
        return  # a clear refusal is allowed; a wrong number is not
    assert math.isfinite(moved)
    # Offsets and scales leave MI unchanged; the tolerance covers the
    # tie-breaking noise and data-driven bandwidths, which see the same data.
    assert moved == pytest.approx(clean, abs=0.02), (method, clean, moved)


@pytest.mark.parametrize(
    "method",
    sorted(n for n in _registry.names() if _registry.get(n).kinds == ("discrete",)),
)
def test_discrete_methods_keep_huge_integer_labels_apart(method: str) -> None:
    base = np.array([2**53, 2**53 + 1, 2**62, 2**62 + 1], dtype=np.int64)
    rng = np.random.default_rng(1)
    idx = rng.integers(0, 4, 400)
    other = (idx + rng.integers(0, 2, 400)) % 4

    def measure(labels: object) -> float:
        if "entropy" in _registry.get(method).measures:
            return mt.entropy(labels, method=method)
        return mt.mi(labels, other, method=method)  # an MI-only family

    small = measure(idx)
    huge = measure(base[idx])
    assert huge == small  # the same partition of the rows, exactly
    python_ints = [10**30 + int(i) for i in idx]
    assert measure(python_ints) == small


def test_one_long_string_is_just_a_label() -> None:
    labels = np.array(["a", "b"] * 200, dtype=object)
    labels[7] = "x" * 50_000
    ref = np.array(["a", "b"] * 200, dtype=object)
    ref[7] = "c"
    assert mt.entropy(labels) == mt.entropy(ref)


def test_one_bad_cell_is_named_not_silent(tmp_path: Path) -> None:
    import pandas as pd

    from mutinfo.io import read_table

    frame = pd.DataFrame({"a": X.round(3).astype(object), "b": Y.round(3)})
    frame.loc[5, "a"] = "?"
    path = tmp_path / "t.csv"
    frame.to_csv(path, index=False)
    with pytest.warns(MutinfoWarning, match="'\\?'"):
        table = read_table(path)
    clean = read_table(path, na_values=["?"])
    assert clean["a"].dtype.kind == "f"
    assert table["a"].dtype.kind != "f"  # read as text, and the warning says so


def test_auto_keeps_finely_quantised_data_on_ksg() -> None:
    # Issue 23 item 8: a one-decimal Gaussian pair at n = 300 (MI of the
    # continuous pair 0.511, of the rounded pair below it) went to mixed_ksg,
    # which overshot to 0.72-0.87; auto now keeps KSG (measured 0.53).
    g = np.random.default_rng(0)
    x = g.standard_normal(300)
    y = 0.8 * x + 0.6 * g.standard_normal(300)
    res = mt.estimate("mi", np.round(x, 1), np.round(y, 1), rng=0)
    assert res.method == "ksg"
    assert res.value < 0.511 + 0.1


def test_auto_takes_the_atoms_where_ksg_breaks() -> None:
    # One decimal at n = 5000: a row shares its value with ~140 rows, KSG's
    # nearest neighbours are duplicates (KSG 2.3 nats against a bound of 0.511).
    g = np.random.default_rng(0)
    x = g.standard_normal(5000)
    y = 0.8 * x + 0.6 * g.standard_normal(5000)
    res = mt.estimate("mi", np.round(x, 1), np.round(y, 1), rng=0)
    assert res.method == "mixed_atoms"
    assert res.value < 0.511 + 0.1
