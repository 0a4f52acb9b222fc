"""Exact labels, the integer reading rule and bounded memory (issues 21 and 23).

Regressions: integers above 2**53 merged through float64; Python ints beyond
int64 raised OverflowError; a long string made an ``n x longest`` array;
bfloat16 tensors raised torch's TypeError; row codes above 2**53 merged in
``encode``; integer measurements were read as labels.
"""

from __future__ import annotations

import json
import math
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mutinfo as mt
from mutinfo._counting import encode
from mutinfo._validation import (
    MAX_LABEL_VALUES,
    check_samples,
    integer_column_is_discrete,
    summarize_integers,
)
from mutinfo.exceptions import BiasWarning, DataWarning, InvalidDataError
from tests.cli.conftest import invoke, write_csv

LN2 = math.log(2)


def _codes(values: list[object]) -> np.ndarray:
    """Codes of labels by first appearance (plain Python, the reference)."""
    seen: dict[object, int] = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values])


def _plugin_entropy(values: list[object]) -> float:
    """Plug-in entropy in nats of a list of hashable labels (the reference)."""
    _, counts = np.unique(_codes(values), return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum())


# --------------------------------------------------------------------------- #
# Item 1: integers are labels exactly
# --------------------------------------------------------------------------- #
def test_int64_above_2_53_stay_distinct() -> None:
    x = np.array([2**53, 2**53 + 1] * 50)
    assert mt.entropy(x, method="plugin") == pytest.approx(LN2, abs=1e-12)


@pytest.mark.parametrize(
    "make",
    [
        lambda v: v,  # a list of Python ints
        lambda v: np.array(v, dtype=object),
        lambda v: pd.Series(v, dtype=object),
    ],
    ids=["list", "object-array", "object-series"],
)
@pytest.mark.parametrize("base", [2**63, 2**64 - 2, 10**400, -(10**30)])
def test_python_ints_beyond_int64_are_exact_labels(make, base: int) -> None:
    values = [base, base + 1] * 30
    assert mt.entropy(make(values), method="plugin") == pytest.approx(LN2, abs=1e-12)


def test_uint64_and_mi_with_huge_ids() -> None:
    ids = np.array([2**64 - 1, 2**64 - 2, 2**64 - 3] * 40, dtype=np.uint64)
    other = np.array([0, 1, 2] * 40)
    assert mt.mi(ids, other, method="plugin") == pytest.approx(math.log(3), abs=1e-12)


def test_nullable_pandas_ints_above_2_53() -> None:
    x = pd.Series([2**60, 2**60 + 1, None] * 20, dtype="Int64")
    y = pd.Series([0, 1, 1] * 20)
    assert mt.mi(x, y, nan_policy="omit", method="plugin") == pytest.approx(
        LN2, abs=1e-12
    )


def test_mi_matrix_keeps_huge_ids_apart() -> None:
    frame = pd.DataFrame(
        {"id": [2**53, 2**53 + 1] * 50, "bit": [0, 1] * 50, "c": [0, 0, 1, 1] * 25}
    )
    values = np.asarray(mt.mi_matrix(frame, method="plugin").mi)
    assert values[0, 1] == pytest.approx(LN2, abs=1e-12)


def test_cli_keeps_huge_ids_apart(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [2**60, 2**60 + 1] * 50, "b": [0, 1] * 50})
    path = write_csv(frame, tmp_path)
    code, out, err = invoke(
        "mi", str(path), "--x", "a", "--y", "b", "--method", "plugin", "-f", "json"
    )
    assert code == 0, err
    assert json.loads(out)["value"] == pytest.approx(LN2, abs=1e-12)


def test_huge_ints_read_as_continuous_raise_clearly() -> None:
    with pytest.raises(InvalidDataError, match=r"too large for float64.*discrete=True"):
        check_samples({"x": [10**400, 1, 2]}, discrete=False)
    with pytest.raises(InvalidDataError, match="too large for float64"):
        check_samples({"x": [10**400, 0.5, 2]})


def test_labels_within_2_53_keep_their_values() -> None:
    (v,) = check_samples({"x": np.array([-(2**53), 3, 2**53])})
    assert v.values[:, 0].tolist() == [-(2**53), 3.0, 2**53]
    assert v.coded == (False,)
    (w,) = check_samples({"x": np.array([5, 2**62, 7])})
    assert w.values[:, 0].tolist() == [0.0, 2.0, 1.0]  # order-preserving codes
    assert w.coded == (True,)


def test_encode_does_not_merge_row_codes_above_2_53() -> None:
    rng = np.random.default_rng(0)
    base = np.column_stack([rng.permutation(1000) for _ in range(5)]).astype(float)
    last_a = np.arange(1000.0)
    last_b = (last_a + 1) % 1000
    rows = np.vstack([np.column_stack([base, last_a]), np.column_stack([base, last_b])])
    codes, k = encode(rows)
    assert k == 2000  # the radix is 10**18: codes pass 2**53
    assert np.unique(codes).size == 2000


@settings(max_examples=40, deadline=None)
@given(
    pool=st.lists(
        st.integers(min_value=-(2**130), max_value=2**130),
        min_size=2,
        max_size=5,
        unique=True,
    ),
    picks=st.lists(st.integers(0, 4), min_size=2, max_size=40),
)
def test_property_huge_integers_are_exact_labels(
    pool: list[int], picks: list[int]
) -> None:
    values = [pool[i % len(pool)] for i in picks]
    expected = _plugin_entropy(values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)  # small samples, on purpose
        got = mt.entropy(values, method="plugin")
        relabelled = mt.entropy(_codes(values), method="plugin")
    assert got == pytest.approx(expected, abs=1e-12)
    # Relabelling the values by first appearance changes nothing.
    assert got == pytest.approx(relabelled, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.integers(min_value=-(2**63), max_value=2**63 - 1), min_size=1, max_size=30
    )
)
def test_property_int64_rows_equal_iff_labels_equal(values: list[int]) -> None:
    (v,) = check_samples({"x": np.array(values, dtype=np.int64)}, discrete=True)
    column = v.values[:, 0]
    for i in range(len(values)):
        same = column == column[i]
        assert same.tolist() == [w == values[i] for w in values]


# --------------------------------------------------------------------------- #
# Item 11: long strings cost their length, not n x longest
# --------------------------------------------------------------------------- #
def _peak_bytes(function) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("container", ["list", "object-array", "dataframe"])
def test_one_long_string_keeps_memory_bounded(container: str) -> None:
    n = 5000
    words = [f"w{i % 7}" for i in range(n)]
    words[17] = "x" * 4000  # fixed-width storage: n * 4000 * 4 bytes = 80 MB
    data: object = words
    if container == "object-array":
        data = np.array(words, dtype=object)
    elif container == "dataframe":
        data = pd.DataFrame({"w": words})
    peak = _peak_bytes(lambda: check_samples({"x": data}))
    assert peak < 4_000_000, f"peak {peak / 1e6:.1f} MB"
    (v,) = check_samples({"x": data})
    assert np.unique(v.values).size == 8
    assert v.coded == (True,)


@settings(max_examples=30, deadline=None)
@given(
    pool=st.lists(
        st.text(min_size=0, max_size=300), min_size=1, max_size=4, unique=True
    ),
    picks=st.lists(st.integers(0, 3), min_size=1, max_size=30),
)
def test_property_strings_are_exact_labels(pool: list[str], picks: list[int]) -> None:
    values = [pool[i % len(pool)] for i in picks]
    expected = _plugin_entropy(values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BiasWarning)  # small samples, on purpose
        got = mt.entropy(values, method="plugin")
    assert got == pytest.approx(expected, abs=1e-12)


def test_str_and_bytes_labels_stay_apart() -> None:
    assert mt.entropy(["a", b"a"] * 10, method="plugin") == pytest.approx(
        LN2, abs=1e-12
    )


# --------------------------------------------------------------------------- #
# Item 12: half-precision tensors
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("dtype", ["bfloat16", "float16"])
def test_half_precision_tensors_are_read_via_float32(dtype: str) -> None:
    torch = pytest.importorskip("torch")
    gen = torch.Generator().manual_seed(0)
    t = torch.randn(300, 2, generator=gen).to(getattr(torch, dtype))
    (v,) = check_samples({"x": t})
    assert v.values.dtype == np.float64
    np.testing.assert_array_equal(v.values, t.float().numpy().astype(np.float64))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)  # half precision ties
        half = mt.mi(t[:, 0], t[:, 1], method="ksg", rng=0)
        single = mt.mi(t[:, 0].float(), t[:, 1].float(), method="ksg", rng=0)
    assert half == pytest.approx(single)


# --------------------------------------------------------------------------- #
# Issue 21: integer measurements versus integer labels
# --------------------------------------------------------------------------- #
def _rounded_gaussian(n: int, scale: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    z = rng.multivariate_normal([0, 0], [[1, 0.8], [0.8, 1]], size=n)
    out: np.ndarray = np.round(scale * z).astype(np.int64)
    return out


def _zipf_pair(k: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    p = 1.0 / np.arange(1, k + 1)
    x = rng.choice(k, size=n, p=p / p.sum())
    y = np.where(rng.random(n) < 0.5, x, rng.integers(0, k, n))
    return x, y


def test_integer_measurement_reads_continuous_with_warning() -> None:
    z = _rounded_gaussian(5000, 100, 0)
    assert not integer_column_is_discrete(z[:, 0])
    with pytest.warns(DataWarning, match=r"reads it as a continuous.*discrete=True"):
        x, y = check_samples({"x": z[:, 0], "y": z[:, 1]})
    assert x.is_continuous
    assert y.is_continuous
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (labels,) = check_samples({"x": z[:, 0]}, discrete=True)
        (numbers,) = check_samples({"x": z[:, 0]}, discrete=False)
    assert labels.is_discrete
    assert numbers.is_continuous


def test_wine_proline_is_a_measurement_and_magnesium_labels() -> None:
    from mutinfo.datasets import load_wine

    wine = load_wine()
    assert not integer_column_is_discrete(wine["proline"].to_numpy())
    assert integer_column_is_discrete(wine["magnesium"].to_numpy())


def test_small_alphabets_stay_labels_without_warning() -> None:
    rng = np.random.default_rng(1)
    cases: list[np.ndarray] = []
    for seed in range(10):
        cases.extend(_zipf_pair(40, 100, seed))  # 22-36 distinct values
    cases += [rng.integers(0, 100, n) for n in (50, 100, 1000, 20000)]  # NSB 100
    cases += [rng.integers(0, 1000, 200), rng.integers(0, 100_000, 1000)]
    cases += [np.arange(5000) % 400, rng.integers(1, 6, 500)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for column in cases:
            (v,) = check_samples({"x": column})
            assert v.is_discrete, summarize_integers(column)


def test_rule_needs_more_than_the_label_alphabet() -> None:
    # Concentrated like a density, but only MAX_LABEL_VALUES distinct values.
    rng = np.random.default_rng(2)
    column = np.clip(np.round(rng.normal(50, 15, 5000)), 0, MAX_LABEL_VALUES - 1)
    assert summarize_integers(column.astype(int)).n_distinct <= MAX_LABEL_VALUES
    assert integer_column_is_discrete(column.astype(int))


def test_identifiers_above_2_53_are_labels_however_many() -> None:
    rng = np.random.default_rng(3)
    ids = 2**60 + rng.normal(0, 1e12, 2000).astype(np.int64)
    assert integer_column_is_discrete(ids)


def test_integer_summary_by_counts_equals_the_sort() -> None:
    """The bincount summary of narrow integer ranges equals np.unique + np.quantile."""
    from mutinfo._validation import IntegerSummary, summarize_integers

    g = np.random.default_rng(0)
    for i in range(600):
        n = int(g.integers(1, 300))
        low = int(g.integers(-1000, 1000))
        if i % 3 == 0:
            a = np.round(g.normal(low, 50, n)).astype(np.int32)
        else:
            a = g.integers(low, low + int(g.integers(1, 500)), n)
        if i % 5 == 0 and a.min() >= 0:
            a = a.astype(np.uint16)
        u = np.unique(a)
        q25, q75 = np.quantile(a.astype(np.float64), [0.25, 0.75])
        want = IntegerSummary(a.size, u.size, int(u[0]), int(u[-1]), float(q75 - q25))
        assert summarize_integers(a) == want
