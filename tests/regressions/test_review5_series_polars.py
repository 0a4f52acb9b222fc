"""Review 5 regressions: polars and pyarrow integer series with nulls in timeseries."""

import numpy as np
import pandas as pd
import pytest

import mutinfo.timeseries as ts

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

CODES = [
    (0, "Int64", "Int64", "int64"),
    (2**53 - 2, "Int64", "Int64", "int64"),
    (2**60, "Int64", "Int64", "int64"),
    (2**64 - 10, "UInt64", "UInt64", "uint64"),
]


def _coupled(offset, n=400, seed=0, gap=100):
    rng = np.random.default_rng(seed)
    source = rng.integers(0, 4, n)
    target = np.r_[0, source[:-1]] ^ (rng.random(n) < 0.1)
    values = [None if i == gap else int(v) + offset for i, v in enumerate(source)]
    return values, target


@pytest.mark.parametrize(
    ("offset", "pandas_dtype", "polars_dtype", "arrow_type"), CODES
)
def test_polars_and_arrow_integer_series_with_a_null_read_as_pandas_int64(
    offset, pandas_dtype, polars_dtype, arrow_type
):
    # A polars Int64/UInt64 Series (and a pyarrow ChunkedArray) with a null went
    # through float64: TE 1.1267 for the pandas Int64 value 1.1212 at small
    # codes (the labels read as continuous), 0.880 near 2**53, 0.0 near 2**60
    # and 2**64; a pyarrow Array raised ArrowInvalid (zero_copy_only).
    values, target = _coupled(offset)
    big = pd.Series(values, dtype=pandas_dtype)
    t = pd.Series(target, dtype="Int64")
    want = ts.transfer_entropy(big, t, nan_policy="omit")
    assert want == pytest.approx(1.1211874, abs=1e-6)
    lagged = ts.lagged_mi(big, t, nan_policy="omit")
    ais = ts.active_information_storage(big, k=2, nan_policy="omit")
    rate = ts.entropy_rate(big, k=2, nan_policy="omit")
    block = ts.estimate("block_entropy", big, length=2, nan_policy="omit")
    others = [
        pl.Series("s", values, dtype=getattr(pl, polars_dtype)),
        pa.array(values, type=getattr(pa, arrow_type)()),
        pa.chunked_array([values[:150], values[150:]], type=getattr(pa, arrow_type)()),
    ]
    for s in others:
        assert ts.transfer_entropy(s, t, nan_policy="omit") == want
        assert ts.lagged_mi(s, t, nan_policy="omit") == lagged
        assert ts.active_information_storage(s, k=2, nan_policy="omit") == ais
        assert ts.entropy_rate(s, k=2, nan_policy="omit") == rate
        res = ts.estimate("block_entropy", s, length=2, nan_policy="omit")
        assert (res.method, res.value) == (block.method, block.value)
    # a polars target (Series and one-column DataFrame), realisations
    pt = pl.Series("t", target.tolist(), dtype=pl.Int64)
    assert ts.transfer_entropy(others[0], pt, nan_policy="omit") == want
    frame = pl.DataFrame({"t": pt})
    assert ts.transfer_entropy(others[0], frame, nan_policy="omit") == want
    halves = ts.transfer_entropy(
        [others[0][:200], others[0][200:]], [pt[:200], pt[200:]], nan_policy="omit"
    )
    assert halves == ts.transfer_entropy(
        [big[:200], big[200:].reset_index(drop=True)],
        [t[:200], t[200:].reset_index(drop=True)],
        nan_policy="omit",
    )


@pytest.mark.parametrize(
    ("offset", "pandas_dtype", "polars_dtype", "arrow_type"), CODES
)
def test_te_matrix_reads_polars_frames_and_arrow_tables_by_column(
    offset, pandas_dtype, polars_dtype, arrow_type
):
    # te_matrix took a polars DataFrame or pyarrow Table as one float64 array:
    # the columns lost their names (0, 1) and, with a null, every column became
    # continuous (TE 1.1185 for 1.1212; 0.0 near 2**60 and 2**64).
    values, target = _coupled(offset)
    want = ts.te_matrix(
        pd.DataFrame(
            {"s": pd.Series(values, dtype=pandas_dtype), "t": target.astype(np.int64)}
        ),
        nan_policy="omit",
    ).te
    assert want.loc["s", "t"] == pytest.approx(1.1211874, abs=1e-6)
    polars_frame = pl.DataFrame(
        {"s": pl.Series(values, dtype=getattr(pl, polars_dtype)), "t": target}
    )
    arrow_table = pa.table(
        {"s": pa.array(values, type=getattr(pa, arrow_type)()), "t": target}
    )
    for data in (polars_frame, arrow_table):
        got = ts.te_matrix(data, nan_policy="omit").te
        assert list(got.columns) == ["s", "t"]
        assert got.equals(want)
