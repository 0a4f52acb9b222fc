"""``mutinfo pmi`` (PPMI-SVD word vectors from a corpus) and ``mutinfo pmi-eval``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from mutinfo.cli._options import (
    DebugOpt,
    ForceOpt,
    FormatOpt,
    OutputFormat,
    RngOpt,
    handle_errors,
)
from mutinfo.cli._output import emit_records

CorpusArg = Annotated[
    Path, typer.Argument(help="Text file, one document per line (UTF-8).")
]
VectorsArg = Annotated[
    Path, typer.Argument(help="Vectors written by `mutinfo pmi` (.parquet or .csv).")
]
OutOpt = Annotated[
    Path,
    typer.Option(
        "--output", "-o", help="Write the vectors to FILE.parquet or FILE.csv."
    ),
]
_SUFFIXES = (".parquet", ".pq", ".csv")


def _write_atomically(frame: Any, path: Path) -> None:
    """Write to a temporary file in the target folder, then rename over ``path``."""
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=path.suffix, dir=folder
    )
    os.close(handle)
    try:
        if path.suffix.lower() == ".csv":
            frame.to_csv(temporary, index=False)
        else:
            import importlib.util

            if importlib.util.find_spec("pyarrow") is None:
                from mutinfo.exceptions import MissingDependencyError

                raise MissingDependencyError(
                    "Writing Parquet files requires pyarrow: "
                    'pip install "mutinfo[parquet]" (or write a .csv file)'
                )
            frame.to_parquet(temporary, index=False)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_vectors(path: Path) -> Any:
    import pandas as pd

    from mutinfo.exceptions import InvalidDataError
    from mutinfo.text import Embeddings

    if not path.is_file():
        raise InvalidDataError(f"The vectors file {str(path)!r} does not exist.")
    if path.suffix.lower() == ".csv":
        # Words are text: pandas alone reads 'nan', 'null', 'NA', 'None' as
        # missing (then the string 'nan': another word's vector) and an
        # all-digit vocabulary as integers. Only an empty cell is missing.
        frame = pd.read_csv(
            path, dtype={"word": str}, keep_default_na=False, na_values=[""]
        )
    else:
        frame = pd.read_parquet(path)
    return Embeddings.from_frame(frame)


def register(app: typer.Typer) -> None:
    """Add the ``pmi`` and ``pmi-eval`` commands to ``app``."""

    @app.command()
    def pmi(
        corpus: CorpusArg,
        output: OutOpt,
        window: Annotated[
            int, typer.Option("--window", help="Co-occurrence window.")
        ] = 2,
        min_count: Annotated[
            int, typer.Option("--min-count", help="Drop rarer words.")
        ] = 5,
        max_size: Annotated[
            int | None, typer.Option("--max-size", help="Keep the most frequent words.")
        ] = None,
        cds: Annotated[
            float, typer.Option("--cds", help="Context-distribution smoothing.")
        ] = 0.75,
        shift: Annotated[
            float, typer.Option("--shift", help="k of shifted PPMI (subtracts log k).")
        ] = 1.0,
        dim: Annotated[int, typer.Option("--dim", help="Embedding dimension.")] = 100,
        eig: Annotated[
            float, typer.Option("--eig", help="Eigenvalue weighting exponent.")
        ] = 0.5,
        weighting: Annotated[
            str, typer.Option("--weighting", help="none, linear or harmonic.")
        ] = "none",
        subsample: Annotated[
            float | None, typer.Option("--subsample", help="word2vec threshold t.")
        ] = None,
        tokenizer: Annotated[
            str,
            typer.Option("--tokenizer", help="whitespace or simple (lowercase words)."),
        ] = "whitespace",
        rng: RngOpt = None,
        fmt: FormatOpt = OutputFormat.table,
        force: ForceOpt = False,
        debug: DebugOpt = False,
    ) -> None:
        """Word vectors from the SVD of the shifted PPMI matrix of a corpus.

        Counts co-occurrences (one pass over the file), computes
        PPMI with --shift and --cds, factorises it to --dim dimensions and
        writes one row per word (column `word`, then dim_0...). An existing
        output file, or a symbolic link there, is refused unless --force.

        Example: mutinfo pmi corpus.txt --window 2 --min-count 5 --cds 0.75
        --shift 5 --dim 100 -o vectors.parquet
        """
        if output.suffix.lower() not in _SUFFIXES:
            raise typer.BadParameter(
                f"expected a .parquet or .csv file, got {str(output)!r}",
                param_hint="'--output'",
            )
        if tokenizer not in ("whitespace", "simple"):
            raise typer.BadParameter(
                f"expected whitespace or simple, got {tokenizer!r}",
                param_hint="'--tokenizer'",
            )
        if output.resolve() == corpus.resolve():
            raise typer.BadParameter(
                "the output file is the corpus; choose another -o so the input "
                "is not overwritten",
                param_hint="'--output'",
            )
        with handle_errors(debug):
            from mutinfo import text
            from mutinfo.io import check_output

            output = check_output(
                output, option="--output", inputs=[corpus], force=force, exist_ok=force
            )
            counts, vocabulary = text.cooccurrence(
                corpus,
                window=window,
                min_count=min_count,
                max_size=max_size,
                weighting=weighting,  # type: ignore[arg-type]
                subsample=subsample,
                tokenizer=text.simple_tokenize if tokenizer == "simple" else None,
                rng=rng,
            )
            matrix = text.pmi(counts, positive=True, shift=shift, cds=cds)
            vectors = text.svd_embeddings(matrix, dim, eig=eig, rng=rng)
            frame = text.Embeddings(vectors, vocabulary).to_frame()
            _write_atomically(frame, output)
        record = {
            "output": str(output),
            "words": len(vocabulary),
            "dim": dim,
            "pairs": int(counts.nnz),
            "ppmi_nonzeros": int(matrix.nnz),
        }
        emit_records([record], fmt, payload=record)

    @app.command("pmi-eval")
    def pmi_eval(
        vectors: VectorsArg,
        pairs: Annotated[
            list[str] | None,
            typer.Option(
                "--pairs",
                help="Similarity set: wordsim353, simlex999 or a file "
                "(word1<TAB>word2<TAB>score); repeat for several.",
            ),
        ] = None,
        fmt: FormatOpt = OutputFormat.table,
        debug: DebugOpt = False,
    ) -> None:
        """Spearman correlation of vector cosines with human similarity scores.

        Reports the coverage (pairs with both words in the vocabulary) beside
        each correlation. Without --pairs: WordSim-353 and SimLex-999 as
        bundled with gensim (pip install "mutinfo[text]").

        Example: mutinfo pmi-eval vectors.parquet --pairs wordsim353
        """
        with handle_errors(debug):
            from mutinfo import text

            embeddings = _read_vectors(vectors)
            records = []
            for name in pairs or ["wordsim353", "simlex999"]:
                result = text.evaluate_similarity(embeddings, name)
                records.append({"pairs": name, **result.to_dict()})
        emit_records(records, fmt, payload=records)
