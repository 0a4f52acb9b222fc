"""``te_matrix`` with per-series ``discrete`` flags and duplicate column names.

``ts.te_matrix(df, discrete={'tied': True})`` passed the mapping on to each
pair's CMI, whose columns are the lagged ``'tied[t]'``, ``'a[t-1]'``, ...,
and was refused: "names column(s) ['tied'] that are not among the columns
given". A list of flags went to the CMI as one per CMI variable (target,
source past, target past), not per series. Duplicate column names gave a
matrix of two indistinguishable rows (or, with the Gaussian path, "columns of
'yz' are linearly dependent").
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutinfo import timeseries as ts
from mutinfo.exceptions import InvalidDataError, InvalidParameterError
from tests.cli.conftest import invoke, write_csv


def _frame() -> pd.DataFrame:
    g = np.random.default_rng(0)
    n = 400
    tied = g.integers(0, 3, n).astype(float)  # read as labels by 'auto'
    a = np.r_[0.0, tied[:-1]] + 0.3 * g.normal(size=n)  # tied -> a
    return pd.DataFrame({"a": a, "tied": tied, "c": g.normal(size=n)})


def _quiet(**kw: object) -> ts.TEMatrix:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ts.te_matrix(_frame(), rng=0, **kw)  # type: ignore[arg-type]


def test_discrete_mapping_names_series() -> None:
    auto = _quiet()
    assert auto.methods.loc["tied", "a"] == "mixed_ksg"
    # before: InvalidParameterError, "names column(s) ['tied'] that are not ..."
    numbers = _quiet(discrete={"tied": False})
    assert numbers.methods.loc["tied", "a"] == "mixed_atoms"  # tied numbers
    assert numbers.methods.loc["a", "tied"] == "mixed_atoms"
    assert numbers.methods.loc["a", "c"] == auto.methods.loc["a", "c"]
    assert numbers.te.loc["a", "c"] == auto.te.loc["a", "c"]  # untouched pair
    labels = _quiet(discrete={"tied": True})
    pd.testing.assert_frame_equal(labels.te, auto.te)  # 'auto' read them so
    # one flag per series, in column order, is the same
    listed = _quiet(discrete=[False, False, "auto"])
    pd.testing.assert_frame_equal(listed.te, numbers.te)


def test_discrete_mapping_errors_name_the_series() -> None:
    with pytest.raises(InvalidParameterError, match=r"\['tie'\].*'a', 'tied', 'c'"):
        ts.te_matrix(_frame(), discrete={"tie": True})
    with pytest.raises(InvalidParameterError, match="one bool or 'auto' per series"):
        ts.te_matrix(_frame(), discrete=[True, False])


@pytest.mark.parametrize("method", ["auto", "gaussian"])
def test_duplicate_column_names_are_refused(method: str) -> None:
    g = np.random.default_rng(1)
    df = pd.DataFrame(g.normal(size=(300, 3)), columns=["a", "a", "b"])
    with pytest.raises(InvalidDataError, match=r"column name\(s\) \['a'\] more than"):
        ts.te_matrix(df, method=method, rng=0)


def test_cli_discrete_flags_per_column(tmp_path: Path) -> None:
    path = write_csv(_frame(), tmp_path)
    code, out, err = invoke(
        "te-matrix", str(path), "--discrete", "false,false,auto", "--rng", "0",
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    got = {(r["source"], r["target"]): r for r in json.loads(out)["pairs"]}
    want = _quiet(discrete={"tied": False})
    assert got[("tied", "a")]["method"] == "mixed_atoms"
    assert got[("tied", "a")]["te"] == pytest.approx(want.te.loc["tied", "a"])
