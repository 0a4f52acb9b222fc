"""Review regressions (h4-review): time-series measures on hostile symbol codes."""

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidDataError


def _coupled(n: int = 500, seed: int = 12):
    """Source x (3 symbols) and target y copying x's last value w.p. 0.7."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 3, n)
    y = np.where(rng.random(n) < 0.3, rng.integers(0, 3, n), np.roll(x, 1))
    return x, y


def _plugin_te(x, y) -> float:
    """Plug-in TE with k = l = 1 from explicit counts, in nats."""
    rows = [(y[t], x[t - 1], y[t - 1]) for t in range(1, len(y))]
    n = len(rows)
    xyz = Counter(rows)
    xz = Counter((a, c) for a, _, c in rows)
    yz = Counter((b, c) for _, b, c in rows)
    z = Counter(c for _, _, c in rows)
    return sum(
        m / n * math.log(m * z[c] / (xz[(a, c)] * yz[(b, c)]))
        for (a, b, c), m in xyz.items()
    )


CODES = {
    "int64 2**60 + x": lambda a: a.astype(np.int64) + 2**60,
    "uint64 near 2**64": lambda a: a.astype(np.uint64) + np.uint64(2**64 - 10),
    "int64 1e17 + 7x": lambda a: a.astype(np.int64) * 7 + 10**17,
}


@pytest.mark.parametrize("code", list(CODES))
def test_te_test_keeps_integer_codes_above_2_53(code):
    # The test carried the embedded blocks through float64 columns: codes
    # 2**60 + {0, 1, 2} all became 2**60, so the test read TE 0.0 and p = 1.0
    # (the truth: TE 0.451, p = 0.02); 10**17 + 7x read 0.262.
    x, y = _coupled()
    plain = ts.transfer_entropy_test(x, y, method="plugin", n_permutations=49, rng=0)
    assert plain.statistic == pytest.approx(_plugin_te(x.tolist(), y.tolist()))
    f = CODES[code]
    res = ts.transfer_entropy_test(
        f(x), f(y), method="plugin", n_permutations=49, rng=0
    )
    assert res.statistic == pytest.approx(plain.statistic, abs=1e-12)
    assert res.p_value == plain.p_value


def test_auto_te_on_uint64_codes_near_2_64():
    # method='auto' counted the cells with int64(column) - min, which raised
    # OverflowError for uint64 codes above the int64 range.
    x, y = _coupled()
    f = CODES["uint64 near 2**64"]
    for measure, args in (("te", (x, y)), ("ais", (y,)), ("entropy_rate", (y,))):
        ref = ts.estimate(measure, *args, k=1)
        got = ts.estimate(measure, *(f(a) for a in args), k=1)
        assert (got.method, got.value) == (ref.method, pytest.approx(ref.value))


def test_discrete_te_on_codes_far_apart_is_counted_not_allocated():
    # discrete=True on codes 10**12 apart: a bincount over their span asked
    # for 14.6 TiB (MemoryError); codes 10**9 apart allocated 16 GB.
    x, y = _coupled()
    ref = ts.estimate("te", x, y, discrete=True)
    got = ts.estimate("te", x * 10**12, y * 10**12, discrete=True)
    assert (got.method, got.value) == (ref.method, pytest.approx(ref.value))


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA], ids=["None", "nan", "NA"])
def test_missing_symbols_are_not_a_symbol(missing):
    # None among string symbols became the symbol "None": a fair coin with
    # 30% None had an entropy rate of 1.096 nats (log 3 territory, truth
    # log 2 = 0.693) and no error, where mt.estimate refuses the column.
    rng = np.random.default_rng(11)
    s = np.array(["a", "b"], dtype=object)[rng.integers(0, 2, 2000)]
    s[rng.random(2000) < 0.3] = missing
    with pytest.raises(InvalidDataError, match="missing value"):
        ts.entropy_rate(s)
    with pytest.raises(InvalidDataError, match="missing value"):
        ts.active_information_storage([s[:1000], s[1000:]], nan_policy="omit")
    with pytest.raises(InvalidDataError, match="missing value"):
        ts.mi_vs_separation(s, [1, 2])
    with pytest.raises(InvalidDataError, match="missing value"):
        ts.te_matrix(pd.DataFrame({"a": s, "b": np.roll(s, 1)}))


def test_conditional_te_with_uint64_condition_stays_discrete():
    # An int64 target history beside a uint64 condition was promoted to
    # float64, so 'auto' read labels as continuous: mixed_ksg 0.369577 where
    # the same data as int64 gives miller_madow 0.369590 (and codes above
    # 2**53 would have been rounded).
    rng = np.random.default_rng(14)
    n = 2000
    z = rng.integers(0, 2, n)
    x = rng.integers(0, 2, n)
    y = np.where(
        rng.random(n) < 0.2, rng.integers(0, 2, n), np.roll(x, 1) ^ np.roll(z, 1)
    )
    ref = ts.estimate("te", x, y, cond=z)
    assert ref.method == "miller_madow"
    for cz, ty in ((z.astype(np.uint64), y), (z, y.astype(np.uint64))):
        got = ts.estimate("te", x, ty, cond=cz)
        assert (got.method, got.value) == (ref.method, pytest.approx(ref.value))


def test_realisations_of_bool_and_int_share_symbols():
    # A bool realisation beside an int one went through text: True and 1 were
    # two symbols (four states for a coin), so H was about log 4 - not log 2.
    rng = np.random.default_rng(15)
    a, b = rng.integers(0, 2, 1000), rng.integers(0, 2, 1000)
    ref = ts.estimate("block_entropy", [a, b], method="plugin")
    got = ts.estimate("block_entropy", [a.astype(bool), b], method="plugin")
    assert got.value == pytest.approx(ref.value)
    assert ref.value == pytest.approx(math.log(2), abs=0.01)
    both = ts.mi_vs_separation([a, b.astype(np.uint64)], [1, 2], rng=0)
    assert both.attrs["method"] == "grassberger"
    assert both["mi"].tolist() == pytest.approx(
        ts.mi_vs_separation([a, b], [1, 2], rng=0)["mi"].tolist()
    )
