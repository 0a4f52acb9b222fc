"""CLI: entropy, mi and cmi take every discrete method, on string columns."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.cli.app import app
from tests.cli.conftest import runner, write_csv

DISCRETE = ["plugin", "miller_madow", "grassberger", "nsb", "james_stein", "chao_shen"]


@pytest.fixture
def words(tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    g = np.random.default_rng(0)
    word = g.choice(["cat", "dog", "emu"], 600)
    tag = np.where(g.random(600) < 0.7, np.char.upper(word), g.choice(["X", "Y"], 600))
    frame = pd.DataFrame(
        {"word": word, "tag": tag, "colour": g.choice(["r", "g"], 600)}
    )
    return write_csv(frame, tmp_path, "words.csv"), frame


@pytest.mark.parametrize("method", DISCRETE)
def test_every_method_on_string_columns(
    words: tuple[Path, pd.DataFrame], method: str
) -> None:
    path, frame = words
    for measure, cols, args in [
        ("entropy", ["--x", "word"], (frame["word"],)),
        ("mi", ["--x", "word", "--y", "tag"], (frame["word"], frame["tag"])),
        (
            "cmi",
            ["--x", "word", "--y", "tag", "--z", "colour"],
            (frame["word"], frame["tag"], frame["colour"]),
        ),
    ]:
        result = runner.invoke(
            app, [measure, str(path), *cols, "--method", method, "--format", "json"]
        )
        assert result.exit_code == 0, result.stderr
        payload = json.loads(result.stdout)
        expected = mt.estimate(measure, *args, method=method)
        assert payload["method"] == method
        assert payload["value"] == pytest.approx(expected.value, abs=1e-12)


def test_alphabet_size_option(words: tuple[Path, pd.DataFrame]) -> None:
    path, frame = words
    nsb = ["entropy", str(path), "--x", "word", "--method", "nsb", "--alphabet-size"]
    result = runner.invoke(app, [*nsb, "3", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    expected = mt.estimate("entropy", frame["word"], method="nsb", alphabet_size=3)
    assert payload["value"] == pytest.approx(expected.value, abs=1e-12)
    assert payload["params"] == {"alphabet_size": 3}
    assert payload["extras"]["std"] == pytest.approx(expected.extras["std"])
    bad = runner.invoke(app, [*nsb, "2"])
    assert bad.exit_code == 1
    assert "alphabet_size" in bad.stderr
    assert bad.stdout == ""
