"""Consistency sweep: every path to the same quantity gives the same number.

Draws small random tables (seeded) of mixed column kinds and computes the same
mutual information, entropy and CMI along every path a user can take:

- ``mt.mi(x, y, rng=s)`` with the columns as pandas Series, numpy arrays, lists,
  one-column DataFrames, polars Series, pyarrow arrays, and as read back by
  ``mutinfo.io.read_table`` from CSV and Parquet;
- the cell of ``mt.mi_matrix(df, rng=s)``, the ``mi`` of
  ``mutinfo.selection.rank_features``, the ``scores_`` of
  ``mutinfo.sklearn.MutualInfoSelector`` and the pairs of ``mt.report``;
- the CLI (``python -m mutinfo mi | matrix | rank | entropy``) on the CSV and
  Parquet files;
- ``base=2`` against nats / ln 2, and ``mt.estimate(...).method`` on every input
  type.

The matrix, ranking, selector and report draw KSG tie-breaking noise per column
from their own streams (docs/matrix.md, docs/selection.md, docs/report.md), so on
continuous columns with ties (rounded values, atoms) their numbers may differ
from ``mt.mi``'s; those differences are counted apart as "documented noise".
Everything else must agree to 1e-9 (absolute) or is printed as a disagreement.

Run: ``PYTHONPATH=src python benchmarks/consistency_sweep.py --tables 30 --seed 0``
(``--cli-every 0`` skips the CLI, which costs about 2 s a command).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import mutinfo as mt
from mutinfo.io import read_table
from mutinfo.selection import rank_features

try:
    import polars as pl
except ImportError:  # pragma: no cover - optional
    pl = None
try:
    import pyarrow as pa
except ImportError:  # pragma: no cover - optional
    pa = None
try:
    from mutinfo.sklearn import MutualInfoSelector
except ImportError:  # pragma: no cover - optional
    MutualInfoSelector = None

KINDS = (
    "normal",
    "heavy",
    "rounded",
    "atoms",
    "int",
    "str",
    "bool",
    "cat",
    "int64na",
    "floatna",
)
TIED = {"rounded", "atoms"}  # continuous columns with ties: documented noise
ATOL = 1e-9


def make_column(kind: str, n: int, u: np.ndarray, rng: np.random.Generator) -> Any:
    """One column of ``kind`` that depends on the shared latent ``u``."""
    s = u + rng.normal(scale=rng.uniform(0.3, 2.0), size=n)
    if kind == "normal":
        return s
    if kind == "heavy":
        return u + rng.standard_t(1.5, size=n)
    if kind == "rounded":
        return np.round(s, int(rng.integers(0, 2)))
    if kind == "atoms":
        return np.where(rng.random(n) < 0.3, 0.0, s)
    if kind == "floatna":
        out = s.copy()
        out[rng.random(n) < 0.1] = np.nan
        return out
    k = int(rng.integers(2, 7))
    codes = np.digitize(s, np.quantile(s, np.linspace(0, 1, k + 1)[1:-1]))
    if kind == "int":
        return codes.astype(np.int64)
    if kind == "str":
        return np.array([f"v{c}" for c in codes], dtype=object)
    if kind == "bool":
        return s > 0
    if kind == "cat":
        return pd.Categorical([f"c{c}" for c in codes])
    if kind == "int64na":
        arr = pd.array(codes, dtype="Int64")
        arr[rng.random(n) < 0.1] = pd.NA
        return arr
    raise ValueError(kind)


def make_table(rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, str]]:
    n = int(rng.integers(30, 2001))
    p = int(rng.integers(3, 6))
    u = rng.normal(size=n)
    kinds = {f"c{j}_{k}": k for j, k in enumerate(rng.choice(KINDS, size=p))}
    df = pd.DataFrame({name: make_column(k, n, u, rng) for name, k in kinds.items()})
    return df, kinds


class Sweep:
    def __init__(self) -> None:
        self.checks = Counter()
        self.documented = Counter()
        self.problems: list[str] = []
        self.errors = Counter()
        self.max_documented = 0.0
        self.max_documented_at = ""

    def same(self, label: str, ref: float, val: float, tied: bool = False) -> None:
        self.checks[label.split(":")[0]] += 1
        if (math.isnan(ref) and math.isnan(val)) or abs(ref - val) <= ATOL:
            return
        if tied:
            self.documented[label.split(":")[0]] += 1
            if abs(ref - val) > self.max_documented:
                self.max_documented = abs(ref - val)
                self.max_documented_at = f"{label}: ref {ref:.6g} path {val:.6g}"
            return
        self.problems.append(f"{label}: ref {ref!r} path {val!r} diff {val - ref:.3g}")

    def same_str(self, label: str, ref: str, val: str) -> None:
        self.checks[label.split(":")[0]] += 1
        if ref != val:
            self.problems.append(f"{label}: ref {ref!r} path {val!r}")

    def error(self, label: str, exc: BaseException) -> None:
        key = f"{label.split(':')[0]}: {type(exc).__name__}: {str(exc)[:120]}"
        self.errors[key] += 1


def quiet(fn: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def variants(col: pd.Series) -> dict[str, Any]:
    """The column as each input type a user may pass."""
    out: dict[str, Any] = {"frame": col.to_frame()}
    nullable = isinstance(col.dtype, pd.Int64Dtype)
    if not nullable:
        out["numpy"] = col.to_numpy()
        out["list"] = col.to_list()
    if pl is not None:
        out["polars"] = pl.from_pandas(col.to_frame())[col.name]
    if pa is not None:
        out["pyarrow"] = pa.chunked_array([pa.array(col, from_pandas=True)])
    return out


def cli(args: list[str]) -> Any:
    proc = subprocess.run(
        [sys.executable, "-m", "mutinfo", *args, "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip()[-200:])
    return json.loads(proc.stdout)


def cli_cells(out: Any) -> dict[tuple[str, str], float]:
    """(x, y) -> mi from ``matrix -f json`` (long records or a nested mapping)."""
    cells: dict[tuple[str, str], float] = {}
    rows = out if isinstance(out, list) else out.get("pairs", out.get("rows", []))
    for row in rows:
        cells[(row["x"], row["y"])] = float(row["mi"])
        cells[(row["y"], row["x"])] = float(row["mi"])
    return cells


def sweep_table(
    t: int, df: pd.DataFrame, kinds: dict[str, str], seed: int, s: Sweep, run_cli: bool
) -> None:
    cols = list(df.columns)
    has_na = bool(df.isna().any().any())
    nan = "omit" if has_na else "raise"
    kw: dict[str, Any] = {"nan_policy": nan}
    complete = df.dropna().reset_index(drop=True)
    tmp = Path(tempfile.mkdtemp(prefix="mutinfo_sweep_"))
    csv, parquet = tmp / "t.csv", tmp / "t.parquet"
    df.to_csv(csv, index=False)
    df.to_parquet(parquet)
    read = {}
    for name, path in (("read_csv", csv), ("read_parquet", parquet)):
        try:
            read[name] = quiet(read_table, path)
        except Exception as exc:
            s.error(name, exc)

    tag = f"table {t} (n={len(df)}, {kinds})"
    pairs = [(a, b) for i, a in enumerate(cols) for b in cols[i + 1 :]]
    refs: dict[tuple[str, str], float] = {}
    lrefs: dict[tuple[str, str], float] = {}
    for a, b in pairs:
        tied = kinds[a] in TIED or kinds[b] in TIED
        try:
            res = quiet(mt.estimate, "mi", df[a], df[b], rng=seed, **kw)
        except Exception as exc:
            s.error(f"mi:{a},{b}", exc)
            continue
        ref = res.value
        refs[(a, b)] = ref
        lbl = f"{tag} {a}~{b} [{res.method}]"
        s.same(f"mi(y,x):{lbl}", ref, quiet(mt.mi, df[b], df[a], rng=seed, **kw))
        s.same(
            f"base2:{lbl}",
            ref / math.log(2),
            quiet(mt.mi, df[a], df[b], rng=seed, base=2, **kw),
        )
        va, vb = variants(df[a]), variants(df[b])
        for name in va:
            if name not in vb:
                continue
            try:
                r2 = quiet(mt.estimate, "mi", va[name], vb[name], rng=seed, **kw)
            except Exception as exc:
                s.error(f"{name}:{a},{b}", exc)
                continue
            s.same(f"{name}:{lbl}", ref, r2.value)
            s.same_str(f"{name}-method:{lbl}", res.method, r2.method)
        for name, frame in read.items():
            try:
                r2 = quiet(mt.estimate, "mi", frame[a], frame[b], rng=seed, **kw)
            except Exception as exc:
                s.error(f"{name}:{a},{b}", exc)
                continue
            s.same(f"{name}:{lbl} ({frame[a].dtype},{frame[b].dtype})", ref, r2.value)
            s.same_str(f"{name}-method:{lbl}", res.method, r2.method)
        # listwise-complete reference for the table-wide paths
        lref = ref
        if has_na:
            lref = quiet(mt.mi, complete[a], complete[b], rng=seed)
        lrefs[(a, b)] = lref
        del tied

    # all-pairs matrix
    try:
        m = quiet(mt.mi_matrix, df, rng=seed, **kw)
        for (a, b), lref in lrefs.items():
            tied = kinds[a] in TIED or kinds[b] in TIED
            s.same(f"matrix:{tag} {a}~{b}", lref, float(m.mi.loc[a, b]), tied)
    except Exception as exc:
        s.error("matrix", exc)

    target = cols[-1]
    feats = cols[:-1]
    try:
        r = quiet(rank_features, df[feats], df[target], rng=seed, **kw)
        r = r.set_index("feature")
        for a in feats:
            tied = kinds[a] in TIED or kinds[target] in TIED
            s.same(
                f"rank:{tag} {a}~{target}",
                lrefs[(a, target)],
                float(r.loc[a, "mi"]),
                tied,
            )
    except Exception as exc:
        s.error("rank", exc)

    if MutualInfoSelector is not None and not has_na:
        try:
            sel = quiet(
                MutualInfoSelector(k="all", criterion="mi", rng=seed).fit,
                df[feats],
                df[target],
            )
            for j, a in enumerate(feats):
                tied = kinds[a] in TIED or kinds[target] in TIED
                s.same(
                    f"sklearn:{tag} {a}~{target}",
                    lrefs[(a, target)],
                    float(sel.scores_[j]),
                    tied,
                )
        except Exception as exc:
            s.error("sklearn", exc)

    # entropy of each column on each path
    for a in cols:
        try:
            e = quiet(mt.estimate, "entropy", df[a], rng=seed, **kw)
        except Exception as exc:
            s.error(f"entropy:{a}", exc)
            continue
        lbl = f"{tag} H({a}) [{e.method}]"
        s.same(
            f"entropy-base2:{lbl}",
            e.value / math.log(2),
            quiet(mt.entropy, df[a], rng=seed, base=2, **kw),
        )
        for name, v in variants(df[a]).items():
            try:
                e2 = quiet(mt.estimate, "entropy", v, rng=seed, **kw)
            except Exception as exc:
                s.error(f"entropy-{name}", exc)
                continue
            s.same(f"entropy-{name}:{lbl}", e.value, e2.value)
            s.same_str(f"entropy-{name}-method:{lbl}", e.method, e2.method)
        for name, frame in read.items():
            try:
                e2 = quiet(mt.estimate, "entropy", frame[a], rng=seed, **kw)
            except Exception as exc:
                s.error(f"entropy-{name}", exc)
                continue
            s.same(f"entropy-{name}:{lbl} ({frame[a].dtype})", e.value, e2.value)

    # CMI of the first three columns
    if len(cols) >= 3:
        a, b, c = cols[:3]
        try:
            ref = quiet(mt.estimate, "cmi", df[a], df[b], df[c], rng=seed, **kw)
            lbl = f"{tag} I({a};{b}|{c}) [{ref.method}]"
            s.same(
                f"cmi-base2:{lbl}",
                ref.value / math.log(2),
                quiet(mt.cmi, df[a], df[b], df[c], rng=seed, base=2, **kw),
            )
            va, vb, vc = variants(df[a]), variants(df[b]), variants(df[c])
            for name in va:
                if name in vb and name in vc:
                    try:
                        r2 = quiet(
                            mt.estimate,
                            "cmi",
                            va[name],
                            vb[name],
                            vc[name],
                            rng=seed,
                            **kw,
                        )
                    except Exception as exc:
                        s.error(f"cmi-{name}", exc)
                        continue
                    s.same(f"cmi-{name}:{lbl}", ref.value, r2.value)
                    s.same_str(f"cmi-{name}-method:{lbl}", ref.method, r2.method)
            for name, frame in read.items():
                r2 = quiet(
                    mt.estimate, "cmi", frame[a], frame[b], frame[c], rng=seed, **kw
                )
                s.same(f"cmi-{name}:{lbl}", ref.value, r2.value)
        except Exception as exc:
            s.error("cmi", exc)

    # report (no p-values): its matrix seed is kept in params["seeds"]
    if len(df) <= 600:
        try:
            rep = quiet(mt.report, df, rng=seed, pvalues=False, max_intervals=0)
            mseed = rep.params["seeds"]["matrix"]
            used = list(rep.matrix.mi.columns)
            usedf = df[used].dropna().reset_index(drop=True)
            for i, a in enumerate(used):
                for b in used[i + 1 :]:
                    tied = kinds[a] in TIED or kinds[b] in TIED
                    ref2 = quiet(mt.mi, usedf[a], usedf[b], rng=mseed)
                    s.same(
                        f"report:{tag} {a}~{b}",
                        ref2,
                        float(rep.matrix.mi.loc[a, b]),
                        tied,
                    )
        except Exception as exc:
            s.error("report", exc)

    if run_cli:
        a, b = pairs[0]
        nanopt = ["--nan-policy", nan]
        for name, path in (("csv", csv), ("parquet", parquet)):
            try:
                out = cli(
                    ["mi", str(path), "--x", a, "--y", b, "--rng", str(seed), *nanopt]
                )
                if (a, b) in refs:
                    s.same(f"cli-mi-{name}:{tag} {a}~{b}", refs[(a, b)], out["value"])
                out = cli(["entropy", str(path), "--x", a, "--rng", str(seed), *nanopt])
                e = quiet(mt.entropy, df[a], rng=seed, **kw)
                s.same(f"cli-entropy-{name}:{tag} H({a})", e, out["value"])
                out = cli(["matrix", str(path), "--rng", str(seed), *nanopt])
                cells = cli_cells(out)
                for (x, y), lref in lrefs.items():
                    if (x, y) in cells:
                        tied = kinds[x] in TIED or kinds[y] in TIED
                        s.same(
                            f"cli-matrix-{name}:{tag} {x}~{y}",
                            lref,
                            cells[(x, y)],
                            tied,
                        )
                    else:
                        s.problems.append(f"cli-matrix-{name}:{tag} {x}~{y} missing")
                out = cli(
                    ["rank", str(path), "--target", target, "--rng", str(seed), *nanopt]
                )
                rows = out if isinstance(out, list) else out.get("features", [])
                for row in rows:
                    x = row["feature"]
                    tied = kinds[x] in TIED or kinds[target] in TIED
                    s.same(
                        f"cli-rank-{name}:{tag} {x}~{target}",
                        lrefs[(x, target)],
                        float(row["mi"]),
                        tied,
                    )
            except Exception as exc:
                s.error(f"cli-{name}", exc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--cli-every",
        type=int,
        default=5,
        help="CLI checks on every k-th table (0: none)",
    )
    parser.add_argument("--show", type=int, default=40, help="disagreements printed")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONPATH", "src")
    rng = np.random.default_rng(args.seed)
    s = Sweep()
    start = time.perf_counter()
    for t in range(args.tables):
        df, kinds = make_table(rng)
        seed = int(rng.integers(0, 2**31))
        run_cli = args.cli_every > 0 and t % args.cli_every == 0
        sweep_table(t, df, kinds, seed, s, run_cli)
    took = time.perf_counter() - start
    print(f"{args.tables} tables, seed {args.seed}, {took:.0f} s")
    print(f"checks: {sum(s.checks.values())} ({dict(sorted(s.checks.items()))})")
    n_doc = sum(s.documented.values())
    print(
        f"documented KSG-noise differences (tied continuous columns): {n_doc} "
        f"{dict(s.documented)}, largest {s.max_documented:.3g}"
    )
    if s.max_documented_at:
        print(f"  largest at {s.max_documented_at}")
    print(f"disagreements: {len(s.problems)}")
    for line in s.problems[: args.show]:
        print("  " + line)
    print(f"errors: {sum(s.errors.values())}")
    for key, count in s.errors.most_common():
        print(f"  {count} x {key}")


if __name__ == "__main__":
    main()
