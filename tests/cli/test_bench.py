"""``mutinfo bench`` on a tiny configuration: formats equal the API; errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from mutinfo import bench, datasets
from tests.cli.conftest import invoke

ARGS = [
    "bench",
    "--tasks",
    "gaussian-d1-rho0.9,binary*",
    "--methods",
    "ksg,plugin",
    "--n",
    "150",
    "--seeds",
    "2",
    "--rng",
    "3",
]


def test_json_is_the_api_table() -> None:
    code, out, err = invoke(*ARGS, "--format", "json")
    assert code == 0, err
    records = json.loads(out)
    frame = bench.run(
        ["gaussian-d1-rho0.9", "binary*"], ["ksg", "plugin"], n=150, seeds=2, rng=3
    )
    # The API's columns and the unit they are in.
    assert [set(r) for r in records] == [{*bench.COLUMNS, "unit"}] * len(frame)
    assert {r["unit"] for r in records} == {"nats"}
    for rec, row in zip(records, frame.to_dict("records"), strict=True):
        for key in ("task", "method", "n", "seeds"):
            assert rec[key] == row[key]
        for key in ("truth", "estimate", "bias", "std", "error"):
            assert rec[key] == pytest.approx(row[key], abs=1e-12)
    assert "n=150" in err  # progress goes to stderr, never stdout


def test_table_md_csv() -> None:
    code, out, _ = invoke(*ARGS)
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["task", "method", "n"]
    assert "ranking" in out
    code, out, _ = invoke(*ARGS, "-f", "md")
    assert code == 0
    assert "## Ranking" in out
    assert "| gaussian-d1-rho0.9 | ksg | 150 |" in out
    code, out, _ = invoke(*ARGS, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == (*bench.COLUMNS, "unit")
    assert {r["method"] for r in rows} == {"ksg", "plugin"}


def test_plot_option(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "plot.png"
    code, _, err = invoke(*ARGS, "--plot", str(target))
    assert code == 0, err
    assert target.stat().st_size > 0


def test_list_tasks() -> None:
    code, out, _ = invoke("bench", "--list-tasks", "-f", "json")
    assert code == 0
    assert [r["name"] for r in json.loads(out)] == datasets.tasks()


def test_data_errors_exit_1_with_one_line_on_stderr() -> None:
    code, out, err = invoke("bench", "--methods", "kgs", "--n", "100")
    assert code == 1
    assert out == ""
    assert "Unknown method 'kgs'" in err
    assert "Did you mean 'ksg'" in err
    code, out, err = invoke("bench", "--tasks", "nope", "--n", "100")
    assert code == 1
    assert out == ""
    assert "Unknown task 'nope'" in err


def test_usage_errors_exit_2() -> None:
    code, out, err = invoke("bench", "--n", "ten")
    assert code == 2
    assert out == ""
    assert "expected comma-separated integers" in err
    code, _, _ = invoke("bench", "--seeds", "0")
    assert code == 2
    code, _, _ = invoke("bench", "--format", "xml")
    assert code == 2
