"""Files in and out of the CLI (issue 23, items 7, 12 and 13).

Outputs never overwrite an input, never follow a link unless --force, and are
written atomically; input that is not UTF-8, a stray token in a numeric column
and a comma in a column name each get a clear answer instead of a silently
different number.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import DataWarning, InvalidParameterError
from mutinfo.io import atomic_path, check_output, read_table, split_columns
from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Path:
    g = np.random.default_rng(0)
    a = g.normal(size=300)
    frame = pd.DataFrame({"a": a, "b": a + g.normal(size=300), "c": g.normal(size=300)})
    return write_csv(frame, tmp_path)


def _one_line_error(code: int, out: str, err: str, message: str) -> None:
    assert code == 1
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- #
# Outputs (item 13)
# --------------------------------------------------------------------------- #
def test_output_never_overwrites_the_input(table: Path, tmp_path: Path) -> None:
    before = table.read_bytes()
    code, out, err = invoke("matrix", str(table), "-o", str(table))
    _one_line_error(code, out, err, "never overwrites its input")
    assert table.read_bytes() == before
    # Nor through a link to it, --force or not, nor as the plot.
    link = tmp_path / "link.csv"
    link.symlink_to(table)
    code, out, err = invoke("matrix", str(table), "-o", str(link), "--force")
    _one_line_error(code, out, err, "never overwrites its input")
    code, out, err = invoke("matrix", str(table), "--plot", str(table))
    _one_line_error(code, out, err, "never overwrites its input")
    assert table.read_bytes() == before


def test_output_link_needs_force(table: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.csv"
    target.write_text("keep me\n")
    link = tmp_path / "pairs.csv"
    link.symlink_to(target)
    args = ["matrix", str(table), "--method", "gaussian", "-o", str(link)]
    code, out, err = invoke(*args)
    _one_line_error(code, out, err, "is a symbolic link")
    assert target.read_text() == "keep me\n"
    code, _, err = invoke(*args, "--force")
    assert code == 0, err
    assert link.is_symlink()  # followed, not replaced
    assert pd.read_csv(target)[["x", "y"]].values.tolist()[0] == ["a", "b"]


def test_outputs_are_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    out.write_text("old\n")

    def killed() -> None:
        with atomic_path(out) as tmp:
            tmp.write_text("half")
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        killed()
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv"]
    with atomic_path(out) as tmp:
        assert tmp.parent == out.parent
        assert tmp.suffix == ".csv"
        tmp.write_text("new\n")
    assert out.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv"]
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # as a plain new file


def test_check_output_kinds(tmp_path: Path) -> None:
    with pytest.raises(InvalidParameterError, match="is a folder; give a file"):
        check_output(tmp_path, option="--output")
    (tmp_path / "f").write_text("")
    with pytest.raises(InvalidParameterError, match="is a file; it must be a folder"):
        check_output(tmp_path / "f", option="--out", folder=True)


def test_demo_and_bench_refuse_links(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "report").symlink_to(real)
    code, out, err = invoke("demo", "--out", str(tmp_path / "report"))
    _one_line_error(code, out, err, "'--out' path")
    (real / "report.md").symlink_to(tmp_path / "victim.md")
    code, out, err = invoke("demo", "--out", str(real))
    _one_line_error(code, out, err, "report.md' is a symbolic link")
    assert not (tmp_path / "victim.md").exists()
    (tmp_path / "plot.png").symlink_to(tmp_path / "victim.png")
    code, out, err = invoke(
        "bench", "--tasks", "gaussian-d1-rho0.5", "--plot", str(tmp_path / "plot.png")
    )
    _one_line_error(code, out, err, "is a symbolic link")


# --------------------------------------------------------------------------- #
# Inputs (items 7 and 12)
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("where", ["stdin", "file"])
def test_input_that_is_not_utf8_is_one_line(tmp_path: Path, where: str) -> None:
    data = "a,b\n1,caf\u00e9\n2,tea\n".encode("latin-1")
    if where == "stdin":
        result = invoke("mi", "-", "--x", "a", "--y", "b", stdin=data)  # type: ignore[arg-type]
    else:
        path = tmp_path / "latin.csv"
        path.write_bytes(data)
        result = invoke("mi", str(path), "--x", "a", "--y", "b")
    _one_line_error(*result, "is not UTF-8 text: byte 0xe9")


def test_comma_in_a_column_name(tmp_path: Path) -> None:
    assert split_columns(r"price\, EUR, qty,a\\b") == ["price, EUR", "qty", "a\\b"]
    g = np.random.default_rng(1)
    frame = pd.DataFrame({"price, EUR": g.integers(0, 3, 200)})
    frame["qty"] = (frame["price, EUR"] + g.integers(0, 2, 200)) % 3
    path = write_csv(frame, tmp_path)
    code, out, err = invoke(
        "mi", str(path), "--x", r"price\, EUR", "--y", "qty", "-f", "json"
    )
    assert code == 0, err
    assert json.loads(out)["value"] == mt.mi(frame["price, EUR"], frame["qty"])
    code, out, err = invoke("mi", str(path), "--x", "price, EUR", "--y", "qty")
    _one_line_error(code, out, err, r"Write a comma inside a column name as \,")


def _with_token(table: Path, tmp_path: Path) -> Path:
    lines = table.read_text().splitlines()
    row = lines[7].split(",")
    lines[7] = ",".join(["?", *row[1:]])
    path = tmp_path / "token.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_stray_token_in_a_numeric_column_warns(table: Path, tmp_path: Path) -> None:
    path = _with_token(table, tmp_path)
    with pytest.warns(DataWarning, match=r"Column 'a' holds numbers and 1 non-numeric"):
        frame = read_table(path)
    assert frame["a"].dtype != np.float64  # what pandas does: the column is text
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clean = read_table(path, na_values="?")
    assert clean["a"].dtype == np.float64
    assert clean["a"].isna().sum() == 1
    # mi_matrix on the text frame warns too (the same message).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mt.mi_matrix(frame[["a", "b"]].iloc[:50], method="plugin")
    mine = [w for w in caught if "non-numeric value(s) ('?')" in str(w.message)]
    assert len(mine) == 1
    assert mine[0].category is DataWarning


def test_cli_warns_once_and_na_values_fixes_it(
    table: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    from mutinfo.cli.app import main

    path = _with_token(table, tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["mutinfo", *args])
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            with pytest.raises(SystemExit) as info:
                main()
        captured = capsys.readouterr()
        return int(info.value.code or 0), captured.out, captured.err

    code, _, err = run("matrix", str(path), "--columns", "a,b", "--method", "plugin")
    assert code == 0
    lines = [ln for ln in err.splitlines() if "non-numeric" in ln]
    assert len(lines) == 1  # read, then matrix: printed once
    assert lines[0].startswith("warning: DataWarning: Column 'a'")
    assert "'?'" in lines[0]
    assert "--na-values" in lines[0]
    code, out, err = run(
        "mi", str(path), "--x", "a", "--y", "b", "--na-values", "?",
        "--nan-policy", "omit", "--method", "ksg", "--rng", "0", "-f", "json",
    )  # fmt: skip
    assert code == 0
    assert "non-numeric" not in err
    frame = pd.read_csv(table).drop(index=6)  # the row that held '?'
    expected = mt.mi(frame["a"], frame["b"], method="ksg", rng=0)
    assert json.loads(out)["value"] == expected


@pytest.mark.parametrize("bad", [3, ["?", 1]])
def test_bad_na_values(table: Path, bad: object) -> None:
    with pytest.raises(InvalidParameterError, match="'na_values' parameter"):
        read_table(table, na_values=bad)


def test_an_existing_output_needs_force(table: Path, tmp_path: Path) -> None:
    # -o and --plot replaced an existing file without a word
    out = tmp_path / "pairs.csv"
    out.write_text("keep me\n")
    args = ["matrix", str(table), "--method", "gaussian", "-o", str(out)]
    code, stdout, err = invoke(*args)
    _one_line_error(code, stdout, err, "exists; mutinfo does not replace a file")
    assert "--force" in err
    assert out.read_text() == "keep me\n"
    code, _, err = invoke(*args, "--force")
    assert code == 0, err
    assert pd.read_csv(out)[["x", "y"]].values.tolist()[0] == ["a", "b"]
    plot = tmp_path / "heat.png"
    plot.write_bytes(b"old")
    code, stdout, err = invoke("matrix", str(table), "--plot", str(plot))
    _one_line_error(code, stdout, err, "'--plot' path")
    assert plot.read_bytes() == b"old"
    with pytest.raises(InvalidParameterError, match="exists"):
        check_output(out, option="--out", exist_ok=False)
    assert check_output(out, option="--out") == out  # the Python default


def test_demo_refuses_existing_report_files(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "report.md").write_text("mine\n")
    code, stdout, err = invoke("demo", "--out", str(folder))
    _one_line_error(code, stdout, err, "exists")
    assert (folder / "report.md").read_text() == "mine\n"
