"""The one-shot path of ``mutinfo mi``/``cmi``/``entropy`` (mutinfo.cli._fast).

It must read every command line it takes exactly as Typer does, and leave every
other one to Typer, so that output, errors and exit codes do not depend on
which path ran.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.cli import _fast
from mutinfo.cli import estimate as estimate_module
from tests.cli.conftest import invoke, write_csv

TAKEN = [
    ["mi", "f.csv", "--x", "a", "--y", "b"],
    ["mi", "--x=a", "f.csv", "--y", "b", "-m", "ksg", "--rng", "007", "-f", "json"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--n-neighbors", "5", "--base", "2"],
    ["mi", "f.csv", "--n-neighbors=5", "--x", "a,b", "--y", "c", "--discrete", "false"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--nan-policy", "omit", "--na-values", "?"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--method", "ksg", "--no-standardize"],
    ["cmi", "f.csv", "--x", "a", "--y", "b", "--z", "c,d", "--format", "csv"],
    ["entropy", "f.csv", "--x", "", "--base", "bits", "--format=table"],
]
LEFT_TO_TYPER = [
    ["mi", "f.csv", "--x", "a", "--y", "b", "--help"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--debug"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--ci", "0.9"],
    ["mi", "-", "--x", "a", "--y", "b"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--", "g.csv"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--rng", "-1"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--rng", "1_000"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--format", "JSON"],
    ["mi", "f.csv", "--x", "a", "--x", "c", "--y", "b"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "-mksg"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "-m=ksg"],
    ["mi", "f.csv", "--x", "a"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--z", "c"],
    ["mi", "f.csv", "--x", "a", "--y", "b", "--lag", "-1"],
    ["mi", "--n-neighbors", "5", "f.csv", "--x", "a", "--y", "b"],
    ["mi", "--x", "a", "--y", "b"],
    ["mi", "f.csv", "--x", "a", "--y"],
    ["methods"],
    ["--version"],
    [],
]


def _typer_params(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def record(measure: str, args: Any) -> None:
        seen.update(args, measure=measure)

    monkeypatch.setattr(estimate_module, "run_estimate", record)
    code, _, err = invoke(*argv)
    assert code == 0, err
    return seen


@pytest.mark.parametrize("argv", TAKEN, ids=lambda a: " ".join(a))
def test_reads_a_command_line_as_typer_does(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = _fast.parse(argv)
    assert parsed is not None
    measure, ours = parsed
    theirs = _typer_params(argv, monkeypatch)
    assert theirs.pop("measure") == measure
    assert list(theirs.pop("ctx").args) == ours.pop("ctx").args
    assert ours == theirs
    assert [type(v) for v in ours.values()] == [type(theirs[k]) for k in ours]


@pytest.mark.parametrize("argv", LEFT_TO_TYPER, ids=lambda a: " ".join(a) or "-")
def test_leaves_other_command_lines_to_typer(argv: list[str]) -> None:
    assert _fast.parse(argv) is None


def _table(tmp_path: Path) -> Path:
    g = np.random.default_rng(4)
    a = g.standard_normal(200)
    frame = pd.DataFrame(
        {"a": a, "b": a + g.standard_normal(200), "k": (a > 0).astype(int)}
    )
    return write_csv(frame, tmp_path)


@pytest.mark.parametrize(
    "extra",
    [
        ["--x", "a", "--y", "b", "--rng", "0"],
        ["--x", "a", "--y", "k", "--format", "json", "--n-neighbors", "4"],
        ["--x", "a", "--y", "b", "--format", "csv", "--base", "2"],
        ["--x", "a", "--y", "nope"],  # a data error: one line, exit 1
        ["--x", "a", "--y", "b", "--base", "ten"],  # a usage error: Typer's, exit 2
        ["--x", "a", "--y", "b", "--n-neighbors", "0"],  # the estimator's error
    ],
)
def test_same_output_and_exit_code_as_typer(
    tmp_path: Path, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["mi", str(_table(tmp_path)), *extra]
    want = invoke(*argv)
    code = _fast.run_one_shot(argv)
    if code is None:  # left to Typer
        assert want[0] == 2
        return
    out, err = capsys.readouterr()
    assert (code, out, err) == want


def test_one_shot_process_imports_no_typer(tmp_path: Path) -> None:
    path = _table(tmp_path)
    code = (
        "import sys\n"
        f"sys.argv = ['mutinfo', 'mi', {str(path)!r}, '--x', 'a', '--y', 'b']\n"
        "from mutinfo.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    print(exc.code)\n"
        "print(sorted(m for m in ('typer', 'click', 'pydantic', 'pandas') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(Path(mt.__file__).parents[1]), "PATH": ""},
    ).stdout
    table, exit_code, modules = out.rsplit("\n", 3)[:3]
    assert (exit_code, modules) == ("0", "[]")
    assert table == invoke("mi", str(path), "--x", "a", "--y", "b")[1].rstrip("\n")


def test_entry_point_leaves_the_rest_to_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mutinfo.cli import main

    monkeypatch.setattr(sys, "argv", ["mutinfo", "--version"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"mutinfo {mt.__version__}\n"
