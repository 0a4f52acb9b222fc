"""``mutinfo pmi`` and ``mutinfo pmi-eval``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from mutinfo import text
from mutinfo.cli.app import app

runner = CliRunner()
LINES = [
    "the cat sat on the mat",
    "the dog sat on the log",
    "a cat and a dog met the cat",
    "the log and the mat",
] * 3


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.txt"
    path.write_text("\n".join(LINES) + "\n")
    return path


def test_pmi_writes_the_api_vectors(tmp_path: Path):
    corpus = _corpus(tmp_path)
    out = tmp_path / "vectors.csv"
    args = [
        "pmi",
        str(corpus),
        "--window",
        "2",
        "--min-count",
        "2",
        "--cds",
        "0.75",
        "--shift",
        "2",
        "--dim",
        "3",
        "--rng",
        "0",
        "-o",
        str(out),
        "--format",
        "json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    counts, vocab = text.cooccurrence(corpus, window=2, min_count=2)
    expected = text.svd_embeddings(
        text.pmi(counts, positive=True, shift=2, cds=0.75), 3, rng=0
    )
    frame = pd.read_csv(out)
    assert frame["word"].tolist() == vocab
    np.testing.assert_allclose(
        frame.drop(columns="word").to_numpy(), expected, atol=1e-12
    )
    assert summary["words"] == len(vocab)
    assert [
        p.name for p in tmp_path.iterdir() if p.name.startswith(".")
    ] == []  # no temp left

    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("cat\tdog\t8\ncat\tmat\t2\nlog\tmat\t5\nzebra\tcat\t1\n")
    result = runner.invoke(
        app, ["pmi-eval", str(out), "--pairs", str(pairs), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)[0]
    api = text.evaluate_similarity(text.Embeddings(expected, vocab), pairs)
    assert record["n_covered"] == api.n_covered == 3
    assert record["spearman"] == api.spearman


def test_pmi_refuses_to_overwrite_its_input(tmp_path: Path):
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("\n".join(LINES) + "\n")
    result = runner.invoke(app, ["pmi", str(corpus), "-o", str(corpus)])
    assert result.exit_code == 2
    assert "corpus" in result.stderr
    assert corpus.read_text().startswith("the cat")


def test_pmi_data_errors_go_to_stderr(tmp_path: Path):
    corpus = _corpus(tmp_path)
    result = runner.invoke(
        app, ["pmi", str(corpus), "--min-count", "1000", "-o", str(tmp_path / "v.csv")]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "removes every word" in result.stderr
    assert not (tmp_path / "v.csv").exists()
    result = runner.invoke(
        app,
        [
            "pmi",
            str(corpus),
            "--dim",
            "500",
            "--min-count",
            "1",
            "-o",
            str(tmp_path / "v.csv"),
        ],
    )
    assert result.exit_code == 1
    assert "at most the vocabulary size" in result.stderr
    result = runner.invoke(app, ["pmi-eval", str(tmp_path / "missing.csv")])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_pmi_eval_reads_words_that_look_missing_as_words(tmp_path: Path):
    # pandas read 'nan', 'null', 'n/a' as missing: a vector file with one of
    # them answered for the word 'nan' with another word's vector, with two
    # of them it failed ("repeated words")
    words = ["nan", "null", "n/a", "1", "2", "cat"]
    g = np.random.default_rng(0)
    vectors = g.normal(size=(len(words), 3))
    out = tmp_path / "vectors.csv"
    text.Embeddings(vectors, words).to_frame().to_csv(out, index=False)
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("nan\tcat\t8\nnull\tn/a\t2\n1\t2\t5\nnan\t1\t3\n")
    result = runner.invoke(
        app, ["pmi-eval", str(out), "--pairs", str(pairs), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)[0]
    api = text.evaluate_similarity(text.Embeddings(vectors, words), pairs)
    assert record["n_covered"] == api.n_covered == 4
    assert record["spearman"] == api.spearman


def test_pmi_refuses_an_existing_output_unless_force(tmp_path: Path):
    # -o replaced an existing file without a word
    corpus = _corpus(tmp_path)
    out = tmp_path / "v.csv"
    out.write_text("keep me\n")
    args = ["pmi", str(corpus), "--min-count", "2", "--dim", "2", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "exists" in result.stderr
    assert "--force" in result.stderr
    assert out.read_text() == "keep me\n"
    result = runner.invoke(app, [*args, "--force", "--rng", "0"])
    assert result.exit_code == 0, result.stderr
    assert pd.read_csv(out).columns.tolist() == ["word", "dim_0", "dim_1"]
