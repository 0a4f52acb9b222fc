"""Hostile input files: the reader and the CLI give an error or the right number.

Each case here once gave a plausible number from the wrong columns, or a
number that depended on which of the two CSV readers (pyarrow for one-shot
estimates, pandas otherwise) read the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.cli._common import read_variables
from mutinfo.exceptions import DataWarning, InvalidDataError
from mutinfo.io import read_table
from tests.cli.conftest import invoke


def _pair(n: int = 200) -> tuple[np.ndarray, np.ndarray]:
    g = np.random.default_rng(5)
    a = g.normal(size=n)
    return a, a + g.normal(size=n)


@pytest.mark.parametrize(
    "body",
    [
        "a,b\n1.5,2.5,3.5\n4.5,5.5,6.5\n7.5,8.5,9.25\n",  # a value past the header
        "a;b\n1,5;2,5\n4,5;5,5\n7,5;8,25\n",  # semicolons and decimal commas
    ],
)
def test_rows_longer_than_the_header_are_an_error(tmp_path: Path, body: str) -> None:
    # pandas made the first column the index: 'a' held the second column's values
    path = tmp_path / "t.csv"
    path.write_text(body)
    with pytest.raises(InvalidDataError, match=r"more fields than the header"):
        read_table(path)
    code, _, err = invoke("mi", str(path), "--x", "a", "--y", "b")
    assert code == 1
    assert "more fields than the header" in err


def test_a_trailing_separator_keeps_the_columns_in_place(tmp_path: Path) -> None:
    a, b = _pair()
    path = tmp_path / "t.csv"
    rows = "".join(f"{float(u)!r},{float(v)!r},\n" for u, v in zip(a, b, strict=True))
    path.write_text("a,b\n" + rows)
    frame = read_table(path)
    np.testing.assert_array_equal(frame["a"].to_numpy(), a)
    np.testing.assert_array_equal(frame["b"].to_numpy(), b)
    code, out, err = invoke("mi", str(path), "--x", "a", "--y", "b", "-f", "json")
    assert code == 0, err
    assert json.loads(out)["value"] == mt.mi(a, b)


def test_repeated_csv_header_names_are_an_error(tmp_path: Path) -> None:
    # pandas renamed the second 'a' to 'a.1': --x a silently took the first
    a, b = _pair()
    path = tmp_path / "t.csv"
    pd.DataFrame({"a": a, "b": b, "c": b}).to_csv(path, index=False)
    text = path.read_text().replace("a,b,c", "a,b,a", 1)
    path.write_text(text)
    with pytest.raises(InvalidDataError, match=r"repeated column names: 'a'"):
        read_table(path)
    code, _, err = invoke("mi", str(path), "--x", "a", "--y", "b")
    assert code == 1
    assert "repeated column names" in err
    code, _, err = invoke("mi", "-", "--x", "a", "--y", "b", stdin=text)
    assert code == 1
    assert "repeated column names" in err


def test_repeated_parquet_column_names_are_an_error(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    a, b = _pair()
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table([a, b, b], names=["a", "b", "a"]), path)
    with pytest.raises(InvalidDataError, match=r"repeated column names: 'a'"):
        read_table(path)


def test_empty_header_names_may_repeat(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,,\n1.5,2.5,3.5\n4.5,5.5,6.5\n")
    assert list(read_table(path).columns) == ["a", "Unnamed: 1", "Unnamed: 2"]


@pytest.mark.parametrize("token", ["NAN", "+NaN"])
def test_one_shot_and_typer_paths_read_nan_tokens_alike(
    tmp_path: Path, token: str
) -> None:
    # pyarrow read NAN as a float NaN (dropped by --nan-policy omit); pandas as
    # text, so the same command gave a KSG estimate without --ci, labels with it
    pytest.importorskip("pyarrow")
    from mutinfo.io._tables import read_numeric_csv

    a, b = _pair()
    cells = [repr(float(v)) for v in b]
    cells[5] = token
    path = tmp_path / "t.csv"
    path.write_text(
        "a,b\n" + "".join(f"{float(u)!r},{v}\n" for u, v in zip(a, cells, strict=True))
    )
    assert read_numeric_csv(path) is None
    quoted = re.escape(f"non-numeric value(s) ('{token}')")
    with pytest.warns(DataWarning, match=quoted):
        fast = read_variables(str(path), {"x": "a", "y": "b"}, arrow=True)
    assert isinstance(fast["y"], pd.DataFrame)  # read as pandas reads it
