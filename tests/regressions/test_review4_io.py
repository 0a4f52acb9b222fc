"""Review regressions (h4-rev-io): tables read from files, the CLI, reports."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import mutinfo as mt
from mutinfo.cli.app import app
from mutinfo.io import read_table

runner = CliRunner()


def _cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _labels(n: int = 400, seed: int = 2) -> pd.DataFrame:
    """Two 4-label integer columns, b = a + {0, 1} mod 4 (MI about log 2)."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 4, n)
    return pd.DataFrame({"a": a, "b": (a + rng.integers(0, 2, n)) % 4})


def _with_blank(frame: pd.DataFrame, column: str, row: int = 5) -> pd.DataFrame:
    out = frame.astype(object)
    out.loc[row, column] = None
    return out


# -- an integer column with one missing cell stays integers ----------------------


def test_csv_integer_labels_with_a_blank_cell_stay_labels(tmp_path: Path) -> None:
    # One empty cell made pandas read the column as float64: the labels
    # became "atoms/ties" numbers, the entropy -20.13 nats (kl) instead of
    # 1.39 (grassberger) and the MI went to mixed_ksg.
    frame = _labels()
    path = tmp_path / "t.csv"
    _with_blank(frame, "a").to_csv(path, index=False)
    table = read_table(path)
    kinds = mt.column_kinds(table)
    assert kinds.loc[0, "kind"] == "labels"
    assert kinds.loc[0, "missing"] == 1
    kept = frame.drop(index=5)
    want = mt.estimate("entropy", kept["a"])
    got = mt.estimate("entropy", table["a"], nan_policy="omit")
    assert (
        got.method == want.method == "miller_madow"
    )  # labels (at most 4 values), not kl
    assert got.value == pytest.approx(want.value, abs=1e-12)
    code, out, err = _cli(
        "entropy", str(path), "--x", "a", "--nan-policy", "omit", "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["value"] == pytest.approx(want.value, abs=1e-12)
    mi = mt.estimate("mi", table["a"], table["b"], nan_policy="omit", rng=0)
    assert mi.method == mt.estimate("mi", kept["a"], kept["b"]).method


def test_csv_on_stdin_keeps_integers_with_a_blank_cell() -> None:
    text = _with_blank(_labels(), "a").to_csv(index=False)
    code, out, err = _cli(
        "entropy", "-", "--x", "a", "--nan-policy", "omit", "-f", "json", stdin=text
    )
    assert code == 0, err
    assert json.loads(out)["method"] == "miller_madow"


def _big_codes(n: int = 400, seed: int = 5) -> tuple[list[int | None], np.ndarray]:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    codes: list[int | None] = [2**60 + int(v) for v in y]
    codes[7] = None
    return codes, y


def test_csv_integer_codes_above_2_53_with_a_blank_cell(tmp_path: Path) -> None:
    # 2**60 + {0, 1, 2} with one empty cell went through float64: one value,
    # MI 0 (mixed_ksg, "constant") where the codes give 1.10065 (miller_madow).
    codes, y = _big_codes()
    path = tmp_path / "t.csv"
    pd.DataFrame({"code": pd.array(codes, dtype="Int64"), "y": y}).to_csv(
        path, index=False
    )
    table = read_table(path)
    assert table["code"].dropna().nunique() == 3
    assert int(table["code"].iloc[0]) == codes[0]
    res = mt.estimate("mi", table["code"], table["y"], nan_policy="omit")
    assert res.method == "miller_madow"
    assert res.value == pytest.approx(1.10065, abs=1e-5)


def test_parquet_without_pandas_metadata_keeps_integers_with_nulls(
    tmp_path: Path,
) -> None:
    # A Parquet int64 column with a null (written by pyarrow, Spark, DuckDB:
    # no pandas metadata) came back as float64: the same rounding as CSV.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    codes, y = _big_codes()
    path = tmp_path / "t.parquet"
    pq.write_table(
        pa.table({"code": pa.array(codes, pa.int64()), "y": pa.array(y)}), path
    )
    table = read_table(path)
    assert table["code"].dropna().nunique() == 3
    code, out, err = _cli(
        "mi",
        str(path),
        "--x",
        "code",
        "--y",
        "y",
        "--nan-policy",
        "omit",
        "-f",
        "json",
    )
    assert code == 0, err
    record = json.loads(out)
    assert record["method"] == "miller_madow"
    assert record["value"] == pytest.approx(1.10065, abs=1e-5)


def test_float_columns_with_gaps_stay_float(tmp_path: Path) -> None:
    # Only integer text is restored: "1.0" with a blank cell stays float64.
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1.0,1\n,2\n3.0,3\n2.5,4\n")
    path2 = tmp_path / "u.csv"
    path2.write_text("a,b\n1.0,1\n,2\n3.0,3\n")
    assert read_table(path)["a"].dtype == np.float64
    assert read_table(path2)["a"].dtype == np.float64


# -- a row-ID column --------------------------------------------------------------


def _with_id(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 3, n)
    b = rng.normal(size=n)
    return pd.DataFrame(
        {
            "a": a,
            "b": b,
            "c": rng.integers(0, 1000, n),  # 272 of 300 values distinct
            "id": np.arange(1, n + 1),
            "y": a + (b > 0),
        }
    )


def test_report_skips_a_row_id_column(tmp_path: Path) -> None:
    # A table with a row ID (1..n) and a float column: the report (and `mutinfo
    # report`) failed with "Every label of the discrete variable occurs once"
    # (Ross's mixed_ksg on b against id) without naming a column; c (272
    # distinct values in 300 rows) read -0.215 nats against b.
    table = _with_id()
    kinds = mt.column_kinds(table).set_index("column")
    assert kinds.loc["id", "kind"] == "unusable"
    assert kinds.loc["c", "kind"] == "unusable"
    assert kinds.loc["id", "discrete"] is None
    assert "300 distinct labels in 300 rows" in kinds.loc["id", "reason"]
    assert kinds.loc["id", "override"] == "discrete={'id': False} reads it as numbers"
    assert kinds.loc["a", "kind"] == "labels"
    r = mt.report(table, target="y", pvalues=False, max_intervals=1, rng=0)
    assert r.skipped["column"].tolist() == ["c", "id"]
    assert r.ranking["feature"].tolist()[:2] == ["a", "b"]
    path = tmp_path / "t.csv"
    table.to_csv(path, index=False)
    out = tmp_path / "r.json"
    code, _, err = _cli(
        "report", str(path), "--target", "y", "--no-pvalues", "-o", str(out)
    )
    assert code == 0, err
    assert [s["column"] for s in json.loads(out.read_text())["skipped"]] == [
        "c",
        "id",
    ]
    # read as numbers on request, the ID is a column like another
    numbers = mt.column_kinds(table, discrete={"id": False}).set_index("column")
    assert numbers.loc["id", "kind"] != "unusable"


def test_matrix_leaves_the_id_pair_empty_and_names_the_column(tmp_path: Path) -> None:
    # `mutinfo matrix` on such a table stopped on the pair (b, id), whose
    # Ross estimate has no repeated label; the matrix now comes back with that
    # cell NaN and a DataWarning naming the column and the fix.
    path = tmp_path / "t.csv"
    _with_id().to_csv(path, index=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # the CLI prints them on stderr
        code, out, err = _cli("matrix", str(path), "--rng", "0")
    assert code == 0, err
    row = next(line.split() for line in out.splitlines() if line.startswith("b   id"))
    assert row[2] == "nan"
    said = [str(w.message) for w in caught if w.category is mt.DataWarning]
    assert any(
        m.startswith("Column 'id' has a different label on every row")
        and "discrete={'id': False}" in m
        for m in said
    )
    with pytest.warns(mt.DataWarning, match="Column 'id' has a different label"):
        m = mt.mi_matrix(_with_id()[["b", "id"]], rng=0)
    assert m.not_estimated[["x", "y"]].values.tolist() == [["b", "id"]]


# -- numbers written with thousands separators -----------------------------------


def test_thousands_separators_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A quoted "169,553" income column is text: read as 298 labels, its MI with
    # the median split of itself was 3.8e-08 nats (dirichlet_product), with
    # only a BiasWarning; as numbers it is 0.686 (truth log 2). Now a
    # DataWarning names the column and the formatted values.
    rng = np.random.default_rng(3)
    income = np.round(rng.lognormal(10, 1, 300)).astype(int)
    table = pd.DataFrame(
        {
            "income": [f"{v:,}" for v in income],
            "y": (income > np.median(income)).astype(int),
            "share": [f"{v:.1f}%" for v in rng.uniform(0, 100, 300)],
            "pair": rng.choice(["1,2", "3,4"], 300),  # not thousands groups
        }
    )
    path = tmp_path / "t.csv"
    table.to_csv(path, index=False)
    with pytest.warns(mt.DataWarning) as caught:
        read_table(path)
    messages = [str(w.message) for w in caught]
    assert any(
        m.startswith("Column 'income' holds numbers written with thousands")
        for m in messages
    )
    assert any(m.startswith("Column 'share'") for m in messages)
    assert not any("'pair'" in m for m in messages)
    from mutinfo.cli.app import main

    monkeypatch.setattr(
        sys, "argv", ["mutinfo", "mi", str(path), "--x", "income", "--y", "y"]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # printed on stderr by the CLI
        with pytest.raises(SystemExit) as info:
            main()
    assert not info.value.code
    err = capsys.readouterr().err
    assert "Column 'income' holds numbers written with thousands separators" in err
    as_numbers = pd.read_csv(path, thousands=",")
    value = mt.mi(as_numbers["income"], as_numbers["y"], discrete=(False, True), rng=0)
    assert value == pytest.approx(0.6862, abs=1e-3)


# -- a column named twice -----------------------------------------------------------


def _xy(n: int = 200, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame(
        {"x": x, "y": x + rng.normal(size=n), "lab": (x > 0).astype(int)}
    )


def test_dataframe_with_a_repeated_column_name() -> None:
    # `mutinfo mi --x x,x` and `rank --columns x,x,y` printed a raw traceback
    # (AttributeError: 'DataFrame' object has no attribute 'dtype'), and so
    # did mt.mi / rank_features on such a DataFrame. mt.mi reads the columns
    # by position; selection refuses the repeated name (a selected 'x' would
    # stand for either column: tests/regressions/test_review4_selection.py).
    table = _xy()
    twice = table[["x", "x"]]
    assert mt.mi(twice, table["y"], rng=0) == pytest.approx(
        mt.mi(table[["x"]].to_numpy()[:, [0, 0]], table["y"].to_numpy(), rng=0)
    )
    with pytest.raises(mt.InvalidDataError, match="'x'"):
        mt.rank_features(table[["x", "x", "y"]], table["lab"], rng=0)


def test_cli_refuses_a_column_given_twice_or_the_target_as_feature(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    _xy().to_csv(path, index=False)
    for args, option in (
        (("mi", "--x", "x,x", "--y", "y"), "--x"),
        (("rank", "--target", "lab", "--columns", "x,x,y"), "--columns"),
    ):
        code, out, err = _cli(args[0], str(path), *args[1:])
        assert code == 1
        assert out == ""
        assert err == f"mutinfo: Column(s) 'x' given twice to {option}; " + (
            "list each column once.\n"
        )
    # `rank --columns lab,x --target lab` ranked the target as its own
    # feature (MI 0.695 = H(lab), second): now an error.
    code, out, err = _cli("rank", str(path), "--target", "lab", "--columns", "lab,x")
    assert code == 1
    assert err.startswith("mutinfo: --columns lists the target column 'lab'")


# -- missing values in a partial information decomposition ---------------------------


def test_pid_refuses_missing_values(tmp_path: Path) -> None:
    # NaN was one more label: XOR with a quarter of source 0 missing had a
    # synergy of 0.745 bits (0.992 on the complete rows), with no error from
    # decompose_samples or `mutinfo pid`.
    from mutinfo.pid import decompose_samples

    rng = np.random.default_rng(0)
    a = rng.integers(0, 2, 60).astype(float)
    b = rng.integers(0, 2, 60)
    c = a.astype(int) ^ b
    a[:15] = np.nan
    with pytest.raises(mt.InvalidDataError, match="15 missing value"):
        decompose_samples([a, b], c, base=2)
    with_none = a.astype(object)
    with_none[:15] = None
    with pytest.raises(mt.InvalidDataError, match="15 missing value"):
        decompose_samples([with_none, b], c, base=2)
    path = tmp_path / "t.csv"
    pd.DataFrame({"a": a, "b": b, "c": c}).to_csv(path, index=False)
    code, out, err = _cli("pid", str(path), "--sources", "a,b", "--target", "c")
    assert code == 1
    assert out == ""
    assert err == (
        "mutinfo: Column 'a' holds 15 missing value(s); a missing value is not a "
        "label. Drop those rows first.\n"
    )
