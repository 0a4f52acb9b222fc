"""CLI warnings: one line each, repeats summed up, ``--quiet``, warnings as errors."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mutinfo.exceptions import BiasWarning, DataWarning
from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Path:
    g = np.random.default_rng(0)
    n = 40
    a = g.normal(size=n)
    frame = pd.DataFrame(
        {
            "a": a,
            "b": a + g.normal(size=n),
            "const": np.ones(n),
            "lab": g.choice(list("abcdefghijklmnopqrst"), n),
        }
    )
    return write_csv(frame, tmp_path)


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
    action: str = "always",
) -> tuple[int, str, str]:
    """Run ``mutinfo ARGS`` through the console script's entry point."""
    from mutinfo.cli import main

    monkeypatch.setattr(sys, "argv", ["mutinfo", *args])
    with warnings.catch_warnings():
        warnings.simplefilter(action)  # type: ignore[call-overload]
        with pytest.raises(SystemExit) as info:
            main()
    captured = capsys.readouterr()
    return int(info.value.code or 0), captured.out, captured.err


def test_same_finding_with_other_numbers_printed_once(
    table: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # separation warned the sparse-table BiasWarning at each of 15 lags, each a
    # line of its own that differed only in its counts.
    code, _, err = run(
        monkeypatch, capsys, "separation", str(table), "--column", "lab",
        "--max-distance", "30",
    )  # fmt: skip
    assert code == 0, err
    lines = [ln for ln in err.splitlines() if ln.startswith("warning: BiasWarning")]
    assert len(lines) == 2, err
    assert "occupied cells" in lines[0]
    assert "14 more BiasWarning messages like one above" in lines[1]
    assert ".py:" not in err


def test_numbers_in_quoted_names_keep_findings_apart(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mutinfo.cli._common import _report_left_out, _show_warning, cli_warnings

    with cli_warnings():
        for text in ("Column 'x1' is constant.", "Column 'x2' is constant."):
            _show_warning(text, DataWarning, "f.py", 1)
        _show_warning("Column 'x2' is constant.", DataWarning, "f.py", 1)  # again
        _show_warning("n=30 is small.", BiasWarning, "f.py", 1)
        _show_warning("n=31 is small.", BiasWarning, "f.py", 1)
        _show_warning("n=31 is small.", BiasWarning, "f.py", 1)  # again: not counted
    assert capsys.readouterr().err.splitlines() == [
        "warning: DataWarning: Column 'x1' is constant.",
        "warning: DataWarning: Column 'x2' is constant.",
        "warning: BiasWarning: n=30 is small.",
        "warning: BiasWarning: 1 more BiasWarning message like one above "
        "(the same finding with other numbers) left out.",
    ]
    _report_left_out()  # nothing left to report
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("option", ["-q", "--quiet"])
def test_quiet_hides_mutinfo_warnings(
    option: str,
    table: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # One-shot path (no Typer) and a Typer command.
    args = ("mi", str(table), "--x", "const", "--y", "b", "--format", "json")
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 0
    assert "warning: DataWarning" in err
    code, out, err = run(monkeypatch, capsys, option, *args)
    assert code == 0, err
    assert err == ""
    assert '"value": 0' in out
    code, out, err = run(monkeypatch, capsys, option, "matrix", str(table))
    assert code == 0, err
    assert "warning" not in err
    # The filter is gone once the command has run.
    with pytest.warns(DataWarning):
        warnings.warn("after", DataWarning, stacklevel=1)


def test_quiet_through_the_typer_app(table: Path) -> None:
    code, _, err = invoke("--quiet", "rank", str(table), "--target", "b")
    assert code == 0, err
    assert "Warning" not in err


def test_warning_made_an_error_is_one_line(
    table: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # PYTHONWARNINGS=error: a traceback into mutinfo.exceptions.warn before.
    for args in (
        ("mi", str(table), "--x", "const", "--y", "b"),
        ("matrix", str(table)),
    ):
        code, out, err = run(monkeypatch, capsys, *args, action="error")
        assert code == 1
        assert out == ""
        assert err.startswith("mutinfo: DataWarning: Column(s) 'const'"), err
        assert "Traceback" not in err
        assert len(err.splitlines()) == 1
