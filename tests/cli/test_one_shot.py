"""The one-shot CLI path: lazy command modules and the pandas-free CSV reader."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer

import mutinfo as mt
from mutinfo.cli import app as app_module
from mutinfo.io import read_table
from mutinfo.io._tables import read_numeric_csv
from tests.cli.conftest import invoke

pa = pytest.importorskip("pyarrow")


def test_command_modules_name_every_command() -> None:
    full = typer.main.get_command(app_module.build_app())
    assert sorted(full.commands) == sorted(app_module.COMMAND_MODULES)  # type: ignore[attr-defined]
    for name, module in app_module.COMMAND_MODULES.items():
        one = typer.main.get_command(app_module.build_app((module,)))
        assert name in one.commands  # type: ignore[attr-defined]


def _frame(n: int = 300) -> pd.DataFrame:
    g = np.random.default_rng(3)
    a = g.standard_normal(n)
    return pd.DataFrame(
        {
            "a": a,
            "b": 0.5 * a + g.standard_normal(n),
            "k": g.integers(0, 4, n),
        }
    )


def test_numeric_csv_reads_the_numbers_pandas_reads(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    _frame().to_csv(path, index=False, float_format="%.17g")
    table = read_numeric_csv(path)
    assert table is not None
    frame = read_table(path)
    for name in frame.columns:
        ours = np.asarray(table[name].to_pylist())
        assert ours.dtype == frame[name].to_numpy().dtype
        np.testing.assert_array_equal(ours, frame[name].to_numpy())


@pytest.mark.parametrize(
    "body",
    [
        "a,b\n+3,1.5\n4,2.5\n",  # pyarrow: float; pandas: integers
        "a,b\n0x1A,1.5\n2,2.5\n",  # pyarrow: 26; pandas: text
        "a,b\n1.5,\n2.5,3.5\n",  # a missing cell
        "a,b\n1.5,yes\n2.5,no\n",  # text
        "a,b\n1.5,true\n2.5,false\n",  # booleans
        "a,a\n1.5,2.5\n3.5,4.5\n",  # pandas renames a repeated name
        "a,\n1.5,2.5\n3.5,4.5\n",  # and an empty one
        "a,b\n1.5,2\n2.5\n",  # ragged
        "a,b\n9223372036854775808,1.5\n1,2.5\n",  # beyond int64
    ],
)
def test_numeric_csv_leaves_other_tables_to_pandas(tmp_path: Path, body: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(body)
    assert read_numeric_csv(path) is None


def test_numeric_csv_leaves_na_values_and_stdin_to_pandas(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1.5,2.5\n3.5,4.25\n")
    assert read_numeric_csv(path) is not None
    assert read_numeric_csv(path, na_values=["?"]) is None
    assert read_numeric_csv("-") is None


def test_estimates_from_a_pyarrow_table_match_pandas() -> None:
    frame = _frame()
    frame["s"] = ["u", None, "w"] * 100
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for x, y in (("a", "b"), ("k", "b"), ("s", "a")):
        with warnings.catch_warnings(record=True) as theirs:
            warnings.simplefilter("always")
            want = mt.estimate("mi", frame[[x]], frame[[y]], rng=0, nan_policy="omit")
        with warnings.catch_warnings(record=True) as ours:
            warnings.simplefilter("always")
            got = mt.estimate(
                "mi", table.select([x]), table.select([y]), rng=0, nan_policy="omit"
            )
        assert got.value == want.value
        assert got.method == want.method
        assert [str(w.message) for w in ours] == [str(w.message) for w in theirs]


def test_one_shot_mi_imports_neither_pandas_nor_other_commands(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.csv"
    _frame().to_csv(path, index=False, float_format="%.17g")
    code = (
        "import sys\n"
        f"sys.argv = ['mutinfo', 'mi', {str(path)!r}, '--x', 'a', '--y', 'b', "
        "'--rng', '0', '--format', 'json']\n"
        "from mutinfo.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m == 'pandas' or "
        "m.startswith('mutinfo.cli.') and m not in "
        "('mutinfo.cli.app', 'mutinfo.cli.estimate', 'mutinfo.cli._options', "
        "'mutinfo.cli._output', 'mutinfo.cli._common')))\n"
    )
    src = str(Path(mt.__file__).parents[1])
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src, "PATH": ""},
    ).stdout
    payload, extra = out.strip().rsplit("\n", 1)
    assert extra == "[]"
    code_, stdout, _ = invoke(
        "mi", str(path), "--x", "a", "--y", "b", "--rng", "0", "--format", "json"
    )
    assert code_ == 0
    assert json.loads(payload) == json.loads(stdout)


def test_one_shot_mi_does_not_load_numba(tmp_path: Path) -> None:
    # A single estimate at BACKGROUND_MIN rows or more would start the numba
    # loader (about 0.5 s of CPU) that it never uses; the command keeps to the
    # tree and restores the process's setting afterwards.
    from mutinfo._neighbors import BACKGROUND_MIN, _jit

    n = BACKGROUND_MIN + 1000
    g = np.random.default_rng(0)
    a = g.standard_normal(n)
    path = tmp_path / "big.csv"
    np.savetxt(
        path,
        np.column_stack([a, a + g.standard_normal(n)]),
        delimiter=",",
        header="a,b",
        comments="",
    )
    code = (
        "import sys\n"
        f"sys.argv = ['mutinfo', 'mi', {str(path)!r}, '--x', 'a', '--y', 'b', "
        "'--format', 'json']\n"
        "from mutinfo.cli.app import main\n"
        "from mutinfo._neighbors import _jit\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('numba' in sys.modules, _jit._background)\n"
    )
    src = str(Path(mt.__file__).parents[1])
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src, "PATH": ""},
    ).stdout
    payload, extra = out.strip().rsplit("\n", 1)
    assert json.loads(payload)["method"] == "ksg"
    assert extra == "False True"
    before = _jit._background
    code_, _, _ = invoke("mi", str(path), "--x", "a", "--y", "b")
    assert code_ == 0
    assert _jit._background == before
