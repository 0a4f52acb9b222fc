"""mutinfo.text against a plain Counter loop and gensim's word2vec.

Sections:
  counting  co-occurrence counting, window 5, --tokens tokens (vocabulary
            included), against a Python collections.Counter loop over the same
            tokens, beside gensim word2vec's training time on the same tokens.
  svd       PPMI + rank-100 SVD of a --vocab-word matrix with --nnz non-zeros
            (time of the ARPACK and randomized solvers side by side, their
            singular-value agreement, peak RSS).
  quality   WordSim-353 Spearman on gensim's lee_background.cor (or, with
            --corpus kjv, the King James Bible shipped in mutinfo.datasets):
            raw counts, PPMI, SPPMI, SVD, and word2vec (same corpus, same
            window), timed.

Usage: python benchmarks/text.py [--section counting|svd|quality|all]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import Counter

import numpy as np
import scipy.sparse as sp

from mutinfo import text


def zipf_tokens(n: int, vocab: int, rng: np.random.Generator) -> list[str]:
    p = 1.0 / np.arange(1, vocab + 1)
    words = np.array([f"w{i}" for i in range(vocab)], dtype=object)
    return list(words[rng.choice(vocab, size=n, p=p / p.sum())])


def counter_loop(tokens: list[str], window: int) -> Counter:
    counts: Counter = Counter()
    n = len(tokens)
    for i, a in enumerate(tokens):
        for j in range(i + 1, min(i + window + 1, n)):
            b = tokens[j]
            counts[(a, b)] += 1
            counts[(b, a)] += 1
    return counts


def word2vec_time(
    sentences: list[list[str]], window: int, dim: int = 100
) -> tuple[float, object]:
    from gensim.models import Word2Vec

    t = time.perf_counter()
    model = Word2Vec(
        sentences,
        vector_size=dim,
        window=window,
        min_count=1,
        sg=1,
        negative=5,
        workers=1,
        seed=0,
        epochs=5,
    )
    return time.perf_counter() - t, model


def section_counting(n_tokens: int) -> None:
    tokens = zipf_tokens(n_tokens, 50_000, np.random.default_rng(0))
    text.cooccurrence(["warm", "up"], window=5)  # imports (pandas) outside the timing
    t = time.perf_counter()
    counts, vocab = text.cooccurrence(tokens, window=5)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    reference = counter_loop(tokens, 5)
    loop = time.perf_counter() - t
    index = {w: i for i, w in enumerate(vocab)}
    for (a, b), c in list(reference.items())[:1000]:
        assert counts[index[a], index[b]] == c
    assert counts.sum() == sum(reference.values())
    print(
        f"counting window 5, {n_tokens:,} tokens: mutinfo {ours:.2f} s "
        f"({n_tokens / ours / 1e6:.2f} M tokens/s), Counter loop {loop:.2f} s, "
        f"speed-up {loop / ours:.1f}x"
    )
    try:
        sentences = [tokens[i : i + 1000] for i in range(0, len(tokens), 1000)]
        w2v, _ = word2vec_time(sentences, 5)
        print(
            "  gensim word2vec (skip-gram, 5 epochs, 1 worker) on the same tokens: "
            f"{w2v:.1f} s"
        )
    except ImportError:
        print("  gensim not installed: pip install 'mutinfo[text]'")


def section_svd(vocab: int, nnz: int) -> None:
    rng = np.random.default_rng(0)
    p = 1.0 / np.arange(1, vocab + 1) ** 0.8
    p /= p.sum()
    rows = rng.choice(vocab, size=nnz, p=p)
    cols = rng.choice(vocab, size=nnz, p=p)
    counts = sp.csr_matrix(
        (rng.integers(1, 20, size=nnz), (rows, cols)), shape=(vocab, vocab)
    )
    counts = counts + counts.T
    print(f"  (sparse counts built; {counts.nnz:,} non-zeros)")
    t, c = time.perf_counter(), time.process_time()
    ppmi = text.pmi(counts, positive=True, cds=0.75)
    t_pmi, c_pmi = time.perf_counter() - t, time.process_time() - c
    times = {}
    values = {}
    for solver in ("randomized", "arpack"):
        t, c = time.perf_counter(), time.process_time()
        _, s, _ = text.svd_factors(ppmi, 100, solver=solver, rng=0)
        times[solver] = (time.perf_counter() - t, time.process_time() - c)
        values[solver] = s
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    rel = np.abs(values["randomized"] - values["arpack"]) / values["arpack"]
    print(
        f"PPMI + rank-100 SVD, {vocab:,} words, {counts.nnz:,} non-zeros "
        f"(PPMI non-zeros {ppmi.nnz:,}): PPMI {t_pmi:.1f} s wall (CPU {c_pmi:.1f} s)"
    )
    for solver, (wall, cpu) in times.items():
        print(
            f"  SVD {solver:<10} {wall:6.1f} s wall, CPU {cpu:6.1f} s; "
            f"PPMI + SVD CPU {c_pmi + cpu:6.1f} s (the wall time of an idle "
            "machine with one BLAS thread)"
        )
    print(
        "  randomized (n_oversamples 10, n_iter 4) vs ARPACK singular values: "
        f"max relative error {rel.max():.1e} (top 10: {rel[:10].max():.1e}, "
        f"s_100: {rel[-1]:.1e}); peak RSS {peak:.2f} GB"
    )


def section_quality(window: int, corpus: str = "lee") -> None:
    from pathlib import Path

    if corpus == "kjv":
        from mutinfo.datasets import load_text

        lines = load_text("kjv")
        name = "the King James Bible (mutinfo.datasets.load_text)"
    else:
        from gensim.test.utils import datapath

        lines = (
            Path(datapath("lee_background.cor"))
            .read_text(encoding="utf-8")
            .splitlines()
        )
        name = "lee_background.cor"
    docs = [text.simple_tokenize(line) for line in lines]
    pairs = text.read_similarity(text.similarity_dataset("wordsim353"))
    t = time.perf_counter()
    counts, vocab = text.cooccurrence(docs, window=window, min_count=2)
    t_count = time.perf_counter() - t
    needed = sorted(
        {
            vocab.index(w.lower())
            for a, b, _ in pairs
            for w in (a, b)
            if w.lower() in vocab
        }
    )
    sub = [vocab[i] for i in needed]

    def report(name: str, emb: text.Embeddings, seconds: float) -> None:
        r = text.evaluate_similarity(emb, pairs)
        print(
            f"  {name:<38} rho {r.spearman:6.3f}  covered {r.n_covered}/{r.n_pairs}  "
            f"{seconds:6.2f} s"
        )

    print(f"WordSim-353 on {name}, window {window}, min_count 2, {len(vocab)} words")
    report(
        "raw co-occurrence rows",
        text.Embeddings(counts[needed].toarray(), sub),
        t_count,
    )
    for label, kwargs in [
        ("PPMI", {}),
        ("PPMI cds 0.75", {"cds": 0.75}),
        ("SPPMI k=5 cds 0.75", {"cds": 0.75, "shift": 5}),
    ]:
        t = time.perf_counter()
        m = text.pmi(counts, positive=True, **kwargs)
        t_pmi = time.perf_counter() - t
        report(
            f"{label} rows", text.Embeddings(m[needed].toarray(), sub), t_count + t_pmi
        )
        for solver in ("arpack", "randomized"):
            t = time.perf_counter()
            vectors = text.svd_embeddings(m, 100, solver=solver, rng=0)
            report(
                f"{label} SVD 100 {solver}",
                text.Embeddings(vectors, vocab),
                t_count + t_pmi + time.perf_counter() - t,
            )
    known = set(vocab)  # built once: inside the comprehension it cost O(tokens * V)
    kept = [[w for w in d if w in known] for d in docs]
    seconds, model = word2vec_time(kept, window)
    wv = model.wv
    report(
        "gensim word2vec SGNS 100 (5 ep.)",
        text.Embeddings(wv.vectors, list(wv.index_to_key)),
        seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--section", default="all", choices=["counting", "svd", "quality", "all"]
    )
    parser.add_argument("--tokens", type=int, default=1_000_000)
    parser.add_argument("--vocab", type=int, default=50_000)
    parser.add_argument(
        "--nnz",
        type=int,
        default=6_500_000,
        help="random pairs drawn; the symmetrised matrix has about 1.55x as many "
        "non-zeros (1.0e7 for the default)",
    )
    parser.add_argument("--window", type=int, default=2)
    parser.add_argument(
        "--corpus",
        default="lee",
        choices=["lee", "kjv"],
        help="quality section: gensim's lee_background.cor or the shipped KJV",
    )
    parser.add_argument(
        "--blas-threads",
        type=int,
        default=1,
        help="BLAS threads (threadpoolctl); 1 by default: on a loaded 2-core "
        "machine a 2-thread OpenBLAS spin-waits and made the SVD 20x slower",
    )
    args = parser.parse_args()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # threadpoolctl comes with scikit-learn
        print("threadpoolctl not installed: BLAS threads left as they are")
    else:
        threadpool_limits(limits=args.blas_threads)
    if args.section in ("quality", "all"):
        section_quality(args.window, args.corpus)
    if args.section in ("counting", "all"):
        section_counting(args.tokens)
    if args.section in ("svd", "all"):
        section_svd(args.vocab, args.nnz)


if __name__ == "__main__":
    main()
