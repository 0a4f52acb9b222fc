"""Every command's table and CSV output names the unit of its values.

``matrix``, ``te-matrix``, ``rank``, ``multiplets`` and ``pid`` printed bare
numbers in table and CSV form (the unit was only in the JSON payload, and not
at all for ``rank``), so ``--base 2`` values could be read as nats.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.cli.conftest import invoke, write_csv


@pytest.fixture
def table(tmp_path: Path) -> Path:
    g = np.random.default_rng(2)
    n = 120
    a = g.normal(size=n)
    b1, b2 = g.integers(0, 2, n), g.integers(0, 2, n)
    frame = pd.DataFrame(
        {"a": a, "b": a + g.normal(size=n), "c": g.normal(size=n)}
        | {"b1": b1, "b2": b2, "t": b1 ^ b2}
    )
    return write_csv(frame, tmp_path)


COMMANDS = {
    "matrix": ["--columns", "a,b,c", "--method", "gaussian"],
    "te-matrix": ["--columns", "a,b", "--method", "gaussian"],
    "rank": ["--target", "a", "--columns", "b,c", "--method", "gaussian"],
    "rank-k": ["--target", "a", "--columns", "b,c", "--k", "1", "-m", "gaussian"],
    "multiplets": ["--columns", "a,b,c", "--order", "3"],
    "pid": ["--sources", "b1,b2", "--target", "t"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("base", [("2", "bits"), ("e", "nats")])
def test_csv_and_table_rows_name_the_unit(
    table: Path, name: str, base: tuple[str, str]
) -> None:
    command = name.split("-k")[0]
    args = [command, str(table), *COMMANDS[name], "--base", base[0]]
    code, out, err = invoke(*args, "-f", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert {row["unit"] for row in rows} == {base[1]}
    code, out, err = invoke(*args)
    assert code == 0, err
    assert out.splitlines()[0].split()[-1] == "unit"
    code, out, err = invoke(*args, "-f", "json")
    assert code == 0, err
    assert json.loads(out)["unit"] == base[1]
