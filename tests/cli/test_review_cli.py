"""Reviewer findings on the CLI and the API around it.

A directory, a missing or an unreadable FILE names the argument; bench prints
its unit; pid's JSON names the sources by their columns; a tab- or
';'-separated file gets a hint instead of a bare "not found"; rank_features
carries its unit; matrix --wide without -o is refused.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidDataError
from mutinfo.io import read_table
from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Path:
    g = np.random.default_rng(0)
    a = g.integers(0, 2, 200)
    b = g.integers(0, 2, 200)
    frame = pd.DataFrame({"a": a, "b": b, "y": a ^ b, "c": g.normal(size=200)})
    return write_csv(frame, tmp_path)


#: Commands that read FILE, with the options they need besides it.
COMMANDS = [
    ["mi", "--x", "a", "--y", "b"],
    ["cmi", "--x", "a", "--y", "b", "--z", "c"],
    ["entropy", "--x", "a"],
    ["matrix"],
    ["rank", "--target", "y"],
    ["pid", "--sources", "a,b", "--target", "y"],
    ["test", "--x", "a", "--y", "b"],
    ["te", "--source", "a", "--target", "b"],
]


def _file_error(argv: list[str], path: Path) -> str:
    code, out, err = invoke(argv[0], str(path), *argv[1:])
    assert code == 1, err
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert "The FILE argument" in err
    assert "expected a CSV or Parquet file" in err
    assert "Errno" not in err
    return err


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_directory_as_file_names_the_argument(argv: list[str], tmp_path: Path) -> None:
    err = _file_error(argv, tmp_path)
    assert "is a directory" in err
    assert "path of a data file inside it" in err


@pytest.mark.parametrize("argv", COMMANDS[:4], ids=lambda a: a[0])
def test_missing_file_names_the_argument(argv: list[str], tmp_path: Path) -> None:
    err = _file_error(argv, tmp_path / "nope.csv")
    assert "does not exist" in err


@pytest.mark.parametrize("argv", COMMANDS[:6], ids=lambda a: a[0])
def test_unreadable_file_names_the_argument(
    argv: list[str], table: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.name == "posix" and os.geteuid() != 0:
        table.chmod(0)  # a real unreadable file where permissions apply
    else:  # root reads anything: refuse the open as the kernel would
        real_open = Path.open

        def refuse(self: Path, *args: object, **kwargs: object) -> object:
            if self == table:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", refuse)
    try:
        err = _file_error(argv, table)
    finally:
        table.chmod(0o644)
    assert "cannot be read (Permission denied)" in err
    assert "permissions" in err


def test_read_table_names_its_parameter(tmp_path: Path) -> None:
    with pytest.raises(InvalidDataError, match=r"'path' parameter.*is a directory"):
        read_table(tmp_path)
    with pytest.raises(InvalidDataError, match=r"'path' parameter.*does not exist"):
        read_table(tmp_path / "nope.csv")


# --------------------------------------------------------------------------- #
# bench prints its unit
# --------------------------------------------------------------------------- #
BENCH = ["bench", "--tasks", "gaussian-d1-rho0.9", "--methods", "gaussian"]
BENCH += ["--n", "100", "--seeds", "1", "--rng", "0"]


def test_bench_table_csv_json_name_the_unit() -> None:
    code, out, err = invoke(*BENCH)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[-1] == "unit"
    assert lines[1].split()[-1] == "nats"
    ranking = lines.index("ranking (mean rank of the error over (task, n) cells):")
    assert lines[ranking + 1].split()[-1] == "unit"
    assert lines[ranking + 2].split()[-1] == "nats"
    code, out, _ = invoke(*BENCH, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["unit"] for r in rows] == ["nats"]
    code, out, _ = invoke(*BENCH, "-f", "json")
    assert code == 0
    assert [r["unit"] for r in json.loads(out)] == ["nats"]


def test_bench_list_tasks_names_the_unit() -> None:
    code, out, _ = invoke("bench", "--list-tasks", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["unit"] for r in rows} == {"nats"}


# --------------------------------------------------------------------------- #
# pid's JSON names the sources by their columns
# --------------------------------------------------------------------------- #
def test_pid_json_uses_the_column_names(table: Path) -> None:
    code, out, err = invoke(
        "pid", str(table), "--sources", "b,a", "--target", "y", "-f", "json"
    )
    assert code == 0, err
    payload = json.loads(out)
    assert payload["sources"] == ["b", "a"]
    assert payload["target"] == "y"
    # The rest keeps the API's structure and numbers: XOR is 1 bit of synergy.
    assert set(payload) == {
        "measure",
        "unit",
        "sources",
        "target",
        "mutual_information",
        "atoms",
        "redundancies",
        "info",
    }
    assert payload["atoms"]["{0:1}"] == pytest.approx(1.0, abs=0.02)


# --------------------------------------------------------------------------- #
# A tab- or ';'-separated file
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(
    ("sep", "hint"), [(";", "semicolon-separated"), ("\t", "tab-separated")]
)
def test_separator_hint(sep: str, hint: str, tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text(f"a{sep}b\n1{sep}2\n2{sep}3\n3{sep}1\n")
    code, out, err = invoke("mi", str(path), "--x", "a", "--y", "b")
    assert code == 1
    assert out == ""
    assert "'a' given to --x not found" in err
    assert f"the file looks {hint}" in err
    if sep == "\t":
        assert ".tsv" in err
    else:
        assert "sep=';'" in err


def test_no_separator_hint_for_a_plain_missing_column(table: Path) -> None:
    code, _, err = invoke("mi", str(table), "--x", "nope", "--y", "b")
    assert code == 1
    assert "looks" not in err


def test_tsv_is_read_tab_separated(table: Path, tmp_path: Path) -> None:
    frame = pd.read_csv(table)
    tsv = tmp_path / "data.tsv"
    frame.to_csv(tsv, sep="\t", index=False)
    pd.testing.assert_frame_equal(read_table(tsv), read_table(table))
    args = ["--x", "a", "--y", "y", "-m", "plugin", "-f", "json"]
    code, out_tsv, err = invoke("mi", str(tsv), *args)
    assert code == 0, err
    _, out_csv, _ = invoke("mi", str(table), *args)
    assert json.loads(out_tsv)["value"] == json.loads(out_csv)["value"]


# --------------------------------------------------------------------------- #
# rank_features carries its unit
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(("base", "unit"), [(math.e, "nats"), (2, "bits")])
def test_rank_features_names_its_unit(base: float, unit: str) -> None:
    g = np.random.default_rng(1)
    X = g.integers(0, 2, size=(300, 2))
    ranked = mt.rank_features(X, X[:, 0], base=base, method="plugin")
    assert ranked.attrs["unit"] == unit


# --------------------------------------------------------------------------- #
# matrix --wide needs -o
# --------------------------------------------------------------------------- #
def test_matrix_wide_without_output_is_refused(table: Path) -> None:
    code, out, err = invoke("matrix", str(table), "--wide")
    assert code == 2
    assert out == ""
    assert "--wide" in err
    assert "-o" in err
    # With -o it still writes the square matrix.
    target = table.parent / "wide.csv"
    code, _, err = invoke("matrix", str(table), "--wide", "-o", str(target))
    assert code == 0, err
    assert pd.read_csv(target, index_col=0).shape == (4, 4)
