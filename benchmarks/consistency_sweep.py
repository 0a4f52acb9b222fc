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
  type;
- and (unless ``--basic``): two columns as one variable (pandas, polars, pyarrow,
  numpy, lists; the columns in either order; X and Y swapped; a two-column Z);
  ``discrete=`` overrides (labels marked discrete again, a tied float column
  forced discrete against its values as text, an integer column forced
  continuous against its floats, a per-column mask); the permutation test (its
  statistic is the estimate, p in (0, 1] on the grid k / (1 + n_permutations)
  and equal to its null's count, base-free p, statistic and null in bits) and
  the interval (its estimate, low <= high, bits); bases 2, 10 and 3.5 through
  ``mt.estimate``, ``Result.to``, ``mi_matrix``, ``rank_features`` and
  ``forward_selection`` (mrmr, mrmr_quotient, jmi); total
  correlation, dual total correlation, O- and S-information (bits, column order,
  input types, O = TC - DTC, S = TC + DTC, two columns: TC = DTC = MI, O = 0);
  the same labels under other values (int64 near 2**62, 2**53 + k, uint64 near
  2**64, negative, 300-character strings, a permutation); affine maps of
  continuous columns (x 1e-12, x 1e12, x 2**-40, -x, + 1e9, x 1000, x 2.54:
  MI unchanged, entropy + log|a|); and on the CLI ``--base 2 | bits | 10 | e``
  for ``mi``, ``entropy``, ``matrix``, ``rank`` and ``test``, and ``--x a,b``.

The matrix, ranking, selector and report draw KSG tie-breaking noise per column
from their own streams (docs/matrix.md, docs/selection.md, docs/report.md), so on
continuous columns with ties (rounded values, atoms) their numbers may differ
from ``mt.mi``'s; those differences are counted apart as "documented noise", as are
reflections (-x) of tied columns, which meet the same noise mirrored. Maps that
round the data (x 2.54) are compared to 1e-6 relative; x + 1e9, which float64
rounds to steps of 1.2e-7, is kept apart against x, and must give exactly the
estimate on (x + 1e9) - 1e9 (the same differences). Everything else must agree
to 1e-9 (absolute) or is printed as a disagreement.

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


# --------------------------------------------------------------------------- #
# Extended paths: multi-column variables, discrete= overrides, tests and
# intervals, units, the multivariate measures, hostile inputs
# --------------------------------------------------------------------------- #
LABEL_KINDS = {"int", "str", "bool", "cat", "int64na"}
FLOAT_KINDS = {"normal", "heavy", "rounded", "atoms", "floatna"}
LOG2 = math.log(2)


def near(s: Sweep, label: str, ref: float, val: float, rtol: float) -> None:
    """Like :meth:`Sweep.same`, for paths that change floats (affine maps)."""
    s.checks[label.split(":")[0]] += 1
    if abs(ref - val) <= ATOL + rtol * max(1.0, abs(ref)):
        return
    s.problems.append(f"{label}: ref {ref!r} path {val!r} diff {val - ref:.3g}")


def truth(s: Sweep, label: str, ok: bool, detail: str) -> None:
    s.checks[label.split(":")[0]] += 1
    if not ok:
        s.problems.append(f"{label}: {detail}")


def relabel(col: pd.Series, how: str, rng: np.random.Generator) -> pd.Series:
    """The same partition of the rows under other label values (NaN kept)."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    k = max(len(uniques), 1)
    perm = rng.permutation(k)
    new = perm[np.where(codes < 0, 0, codes)]
    if how == "huge":  # int64 near 2**62 (exact only as int64)
        vals = new.astype(np.int64) * 3 + np.int64(2**62)
    elif how == "near53":  # 2**53 + c: neighbours merge through float64
        vals = new.astype(np.int64) + np.int64(2**53)
    elif how == "uint64":
        vals = np.uint64(2**64 - 1) - new.astype(np.uint64)
    elif how == "neg":
        vals = -(new.astype(np.int64) * 7) - np.int64(2**62)
    elif how == "longstr":
        vals = np.array(["x" * 300 + f"{v:04d}" for v in new], dtype=object)
    elif how == "perm":
        vals = np.array([f"L{v}" for v in new], dtype=object)
    else:
        raise ValueError(how)
    out = pd.Series(vals, name=col.name)
    if (codes < 0).any():
        out = out.astype(object)
        out[codes < 0] = None
    return out


def sweep_extended(
    t: int,
    df: pd.DataFrame,
    kinds: dict[str, str],
    seed: int,
    s: Sweep,
    run_cli: bool,
    rng: np.random.Generator,
) -> None:
    cols = list(df.columns)
    has_na = bool(df.isna().any().any())
    nan = "omit" if has_na else "raise"
    kw: dict[str, Any] = {"nan_policy": nan}
    tag = f"table {t} (n={len(df)}, {kinds})"
    if len(cols) < 3:
        return
    a, b, c = cols[:3]

    # -- multi-column variables: X = (a, b) as one variable, Y = c ------------
    try:
        ref = quiet(mt.estimate, "mi", df[[a, b]], df[c], rng=seed, **kw)
        lbl = f"{tag} I({a},{b};{c}) [{ref.method}]"
        s.same(
            f"multi-yx:{lbl}",
            ref.value,
            quiet(mt.mi, df[c], df[[a, b]], rng=seed, **kw),
        )
        s.same(
            f"multi-base2:{lbl}",
            ref.value / LOG2,
            quiet(mt.mi, df[[a, b]], df[c], rng=seed, base=2, **kw),
        )
        swapped = quiet(mt.mi, df[[b, a]], df[c], rng=seed, **kw)
        s.same(f"multi-colorder:{lbl}", ref.value, swapped)
        paths: dict[str, tuple[Any, Any]] = {}
        if pl is not None:
            paths["polars"] = (pl.from_pandas(df[[a, b]]), pl.from_pandas(df[[c]]))
        if pa is not None:
            paths["pyarrow"] = (
                pa.Table.from_pandas(df[[a, b]], preserve_index=False),
                pa.Table.from_pandas(df[[c]], preserve_index=False),
            )
        numeric = all(
            kinds[v] in {"normal", "heavy", "rounded", "atoms"} for v in (a, b)
        )
        if numeric and kinds[c] not in {"int64na", "cat"}:
            paths["numpy"] = (df[[a, b]].to_numpy(), df[c].to_numpy())
            paths["list"] = (df[[a, b]].to_numpy().tolist(), df[c].tolist())
        for name, (xv, yv) in paths.items():
            try:
                r2 = quiet(mt.estimate, "mi", xv, yv, rng=seed, **kw)
            except Exception as exc:
                s.error(f"multi-{name}", exc)
                continue
            s.same(f"multi-{name}:{lbl}", ref.value, r2.value)
            s.same_str(f"multi-{name}-method:{lbl}", ref.method, r2.method)
        # CMI with a two-column Z
        if len(cols) >= 4:
            d = cols[3]
            r3 = quiet(mt.estimate, "cmi", df[a], df[b], df[[c, d]], rng=seed, **kw)
            l3 = f"{tag} I({a};{b}|{c},{d}) [{r3.method}]"
            s.same(
                f"multi-cmi-yx:{l3}",
                r3.value,
                quiet(mt.cmi, df[b], df[a], df[[c, d]], rng=seed, **kw),
            )
            s.same(
                f"multi-cmi-zorder:{l3}",
                r3.value,
                quiet(mt.cmi, df[a], df[b], df[[d, c]], rng=seed, **kw),
            )
    except Exception as exc:
        s.error("multi", exc)

    # -- discrete= overrides --------------------------------------------------
    for v in (a, b, c):
        other = c if v != c else a
        try:
            if kinds[v] in LABEL_KINDS and kinds[v] != "int":
                # already labels: discrete=True on it must change nothing
                r0 = quiet(mt.estimate, "mi", df[v], df[other], rng=seed, **kw)
                r1 = quiet(
                    mt.estimate,
                    "mi",
                    df[v],
                    df[other],
                    rng=seed,
                    discrete=(True, "auto"),
                    **kw,
                )
                s.same(f"discrete-true-noop:{tag} {v}~{other}", r0.value, r1.value)
                s.same_str(f"discrete-true-noop-method:{tag} {v}", r0.method, r1.method)
            if kinds[v] in TIED:
                # a float column with repeats forced discrete = its values as
                # text labels (-0.0 and 0.0 are one value)
                forced = quiet(
                    mt.estimate,
                    "mi",
                    df[v],
                    df[other],
                    rng=seed,
                    discrete=(True, "auto"),
                    **kw,
                )
                text = df[v].map(lambda f: None if pd.isna(f) else repr(float(f) + 0.0))
                as_text = quiet(
                    mt.estimate,
                    "mi",
                    text,
                    df[other],
                    rng=seed,
                    discrete=(True, "auto"),
                    **kw,
                )
                lbl = f"{tag} {v}~{other} [{forced.method}]"
                s.same(f"discrete-float-as-labels:{lbl}", forced.value, as_text.value)
                s.same_str(
                    f"discrete-float-as-labels-method:{lbl}",
                    forced.method,
                    as_text.method,
                )
            if kinds[v] in {"int", "int64na", "bool"}:
                # an integer column forced continuous = the same as floats
                forced = quiet(
                    mt.estimate,
                    "mi",
                    df[v],
                    df[other],
                    rng=seed,
                    discrete=(False, "auto"),
                    **kw,
                )
                as_float = quiet(
                    mt.estimate,
                    "mi",
                    df[v].astype("float64"),
                    df[other],
                    rng=seed,
                    discrete=(False, "auto"),
                    **kw,
                )
                lbl = f"{tag} {v}~{other} [{forced.method}]"
                s.same(f"discrete-int-as-float:{lbl}", forced.value, as_float.value)
                e1 = quiet(mt.entropy, df[v], rng=seed, discrete=False, **kw)
                e2 = quiet(
                    mt.entropy, df[v].astype("float64"), rng=seed, discrete=False, **kw
                )
                s.same(f"discrete-int-as-float-entropy:{tag} {v}", e1, e2)
        except Exception as exc:
            s.error(f"discrete:{v}", exc)
    # per-column mask of a two-column X
    try:
        mask = [kinds[v] not in FLOAT_KINDS for v in (a, b)]
        r0 = quiet(mt.estimate, "mi", df[[a, b]], df[c], rng=seed, **kw)
        r1 = quiet(
            mt.estimate,
            "mi",
            df[[a, b]],
            df[c],
            rng=seed,
            discrete=(mask, "auto"),
            **kw,
        )
        if not any(kinds[v] == "int" for v in (a, b)):
            s.same(f"discrete-mask-noop:{tag} ({a},{b})~{c}", r0.value, r1.value)
    except Exception as exc:
        s.error("discrete-mask", exc)

    # -- hostile labels: the same partition under other label values ---------
    for v in (a, b, c):
        if kinds[v] not in LABEL_KINDS:
            continue
        other = c if v != c else a
        try:
            base_ref = quiet(
                mt.estimate,
                "mi",
                df[v],
                df[other],
                rng=seed,
                discrete=(True, "auto"),
                **kw,
            )
            h0 = quiet(mt.entropy, df[v], rng=seed, discrete=True, **kw)
            for how in ("huge", "near53", "uint64", "neg", "longstr", "perm"):
                new = relabel(df[v], how, rng)
                try:
                    r2 = quiet(
                        mt.estimate,
                        "mi",
                        new,
                        df[other],
                        rng=seed,
                        discrete=(True, "auto"),
                        **kw,
                    )
                    h2 = quiet(mt.entropy, new, rng=seed, discrete=True, **kw)
                except Exception as exc:
                    s.error(f"labels-{how}", exc)
                    continue
                lbl = f"{tag} {v}~{other} [{base_ref.method}]"
                s.same(f"labels-{how}:{lbl}", base_ref.value, r2.value)
                s.same_str(f"labels-{how}-method:{lbl}", base_ref.method, r2.method)
                s.same(f"labels-{how}-entropy:{tag} H({v})", h0, h2)
        except Exception as exc:
            s.error(f"labels:{v}", exc)

    # -- affine maps of continuous columns -----------------------------------
    for v in (a, b, c):
        if kinds[v] not in FLOAT_KINDS:
            continue
        other = c if v != c else a
        try:
            r0 = quiet(mt.estimate, "mi", df[v], df[other], rng=seed, **kw)
            e0 = quiet(mt.estimate, "entropy", df[v], rng=seed, **kw)
            maps = (
                ("x1e-12", 1e-12, 0.0),
                ("x1e12", 1e12, 0.0),
                ("x2**-40", 2.0**-40, 0.0),
                ("neg", -1.0, 0.0),
                ("+1e9", 1.0, 1e9),
                ("x1000", 1000.0, 0.0),
                ("x2.54", 2.54, 0.0),
            )
            for name, scale, shift in maps:
                col = df[v] * scale + shift
                r2 = quiet(mt.estimate, "mi", col, df[other], rng=seed, **kw)
                lbl = f"{tag} {v}~{other} [{r0.method}]"
                if shift:
                    # x + 1e9 has lost float64 digits of x; the estimator's own
                    # exact shift must give what (x + 1e9) - 1e9 (exact) gives
                    back = quiet(mt.mi, col - shift, df[other], rng=seed, **kw)
                    s.same(f"affine-exact-shift:{lbl}", back, r2.value)
                exact = shift == 0.0 and (name in ("neg", "x2**-40"))
                noisy = kinds[v] in TIED or kinds[other] in TIED
                if exact and not (noisy and scale < 0):
                    s.same(f"affine-{name}:{lbl}", r0.value, r2.value)
                elif scale < 0:
                    # a reflection meets the same noise mirrored: on ties
                    # another draw (documented noise)
                    s.same(f"affine-{name}:{lbl}", r0.value, r2.value, noisy)
                elif shift:
                    # x + 1e9 rounds x to float64's steps there (1.2e-7),
                    # which moves kNN counts (2e-5 nats on heavy tails, up to
                    # 7e-3 on rounded data, whose grid it makes uneven): kept
                    # apart; the exact-shift check above is the strict one
                    s.same(f"affine-{name}:{lbl}", r0.value, r2.value, True)
                else:
                    near(s, f"affine-{name}:{lbl}", r0.value, r2.value, 1e-6)
                s.same_str(f"affine-{name}-method:{lbl}", r0.method, r2.method)
                if e0.method in (
                    "kl",
                    "kl_weighted",
                    "vasicek",
                    "ebrahimi",
                    "gaussian",
                ):
                    e2 = quiet(mt.entropy, col, rng=seed, **kw)
                    elbl = f"{tag} H({v}) [{e0.method}]"
                    if shift:
                        # on ties the kNN distances are the noise's (1e-10 of
                        # the spread), whose last bits follow the centring
                        back = quiet(mt.entropy, col - shift, rng=seed, **kw)
                        near(
                            s,
                            f"affine-entropy-exact-shift:{elbl}",
                            back,
                            e2,
                            1e-6 if kinds[v] in TIED else 0.0,
                        )
                    else:
                        near(
                            s,
                            f"affine-entropy-{name}:{elbl}",
                            e0.value + math.log(abs(scale)),
                            e2,
                            1e-6 if kinds[v] not in TIED else 1e-3,
                        )
        except Exception as exc:
            s.error(f"affine:{v}", exc)

    # -- the multivariate measures over the table's columns ------------------
    groups = {
        "float": [v for v in cols if kinds[v] in {"normal", "heavy"}],
        "labels": [v for v in cols if kinds[v] in {"int", "str", "bool", "cat"}],
    }
    for gname, gcols in groups.items():
        if len(gcols) < 2:
            continue
        frame = df[gcols].dropna().reset_index(drop=True)
        try:
            vals = {}
            for m in (
                "total_correlation",
                "dual_total_correlation",
                "o_information",
                "s_information",
            ):
                r = quiet(mt.estimate, m, frame, rng=seed)
                vals[m] = r.value
                lbl = f"{tag} {m}({gname}: {gcols}) [{r.method}]"
                s.same(
                    f"measure-base2:{lbl}",
                    r.value / LOG2,
                    quiet(mt.estimate, m, frame, rng=seed, base=2).value,
                )
                s.same(
                    f"measure-colorder:{lbl}",
                    r.value,
                    quiet(mt.estimate, m, frame[gcols[::-1]], rng=seed).value,
                )
                if pl is not None:
                    s.same(
                        f"measure-polars:{lbl}",
                        r.value,
                        quiet(mt.estimate, m, pl.from_pandas(frame), rng=seed).value,
                    )
                if pa is not None:
                    s.same(
                        f"measure-pyarrow:{lbl}",
                        r.value,
                        quiet(
                            mt.estimate,
                            m,
                            pa.Table.from_pandas(frame, preserve_index=False),
                            rng=seed,
                        ).value,
                    )
                if gname == "float":
                    s.same(
                        f"measure-numpy:{lbl}",
                        r.value,
                        quiet(mt.estimate, m, frame.to_numpy(), rng=seed).value,
                    )
            tc, dtc = vals["total_correlation"], vals["dual_total_correlation"]
            s.same(f"measure-O=TC-DTC:{tag} {gname}", tc - dtc, vals["o_information"])
            s.same(f"measure-S=TC+DTC:{tag} {gname}", tc + dtc, vals["s_information"])
            if len(gcols) == 2:
                s.same(f"measure-TC2=DTC2:{tag} {gname}", tc, dtc)
                s.same(f"measure-O2=0:{tag} {gname}", 0.0, vals["o_information"])
            # TC of two columns = their MI, for a family whose MI is entropies
            x0, x1 = frame[gcols[0]], frame[gcols[1]]
            meth = "gaussian" if gname == "float" else "plugin"
            s.same(
                f"measure-TC2=MI[{meth}]:{tag} {gcols[:2]}",
                quiet(mt.mi, x0, x1, method=meth),
                quiet(
                    mt.estimate, "total_correlation", frame[gcols[:2]], method=meth
                ).value,
            )
        except Exception as exc:
            s.error(f"measure-{gname}", exc)

    # -- tests and intervals -------------------------------------------------
    if len(df) <= 800:
        try:
            n_perm = 19
            e = quiet(mt.estimate, "mi", df[a], df[b], rng=seed, **kw)
            res = quiet(
                mt.independence_test,
                df[a],
                df[b],
                n_permutations=n_perm,
                rng=seed,
                **kw,
            )
            res2 = quiet(
                mt.independence_test,
                df[a],
                df[b],
                n_permutations=n_perm,
                rng=seed,
                base=2,
                **kw,
            )
            lbl = f"{tag} test {a}~{b} [{res.method}]"
            s.same(f"test-statistic:{lbl}", e.value, res.statistic)
            s.same_str(f"test-method:{lbl}", e.method, res.method)
            p = res.p_value
            truth(s, f"test-p-range:{lbl}", 0 < p <= 1, f"p = {p!r}")
            grid = p * (1 + res.n_permutations)
            truth(
                s,
                f"test-p-grid:{lbl}",
                abs(grid - round(grid)) < 1e-9,
                f"p = {p!r} is not k / {1 + res.n_permutations}",
            )
            if res.null_distribution is not None:
                null = np.asarray(res.null_distribution)
                want = (1 + np.sum(null >= res.statistic)) / (1 + null.size)
                s.same(f"test-p-null:{lbl}", want, p)
                s.same(f"test-null-mean:{lbl}", float(np.mean(null)), res.null_mean)
            s.same(f"test-p-base2:{lbl}", p, res2.p_value)
            s.same(f"test-stat-base2:{lbl}", res.statistic / LOG2, res2.statistic)
            s.same(f"test-null-base2:{lbl}", res.null_mean / LOG2, res2.null_mean)
            s.same(
                f"test-effective-base2:{lbl}",
                res.effective_value / LOG2,
                res2.effective_value,
            )
            s.same(
                f"test-effective:{lbl}",
                res.statistic - res.null_mean,
                res.effective_value,
            )
            truth(s, f"test-unit:{lbl}", res2.unit == "bits", f"unit {res2.unit!r}")
            # CMI test given c
            rc = quiet(
                mt.independence_test,
                df[a],
                df[b],
                df[c],
                n_permutations=n_perm,
                rng=seed,
                **kw,
            )
            ec = quiet(mt.estimate, "cmi", df[a], df[b], df[c], rng=seed, **kw)
            lc = f"{tag} test {a}~{b}|{c} [{rc.method}, {rc.surrogate}]"
            s.same(f"test-cmi-statistic:{lc}", ec.value, rc.statistic)
            truth(
                s, f"test-cmi-p-range:{lc}", 0 < rc.p_value <= 1, f"p = {rc.p_value!r}"
            )
            # interval
            ci = quiet(
                mt.confidence_interval, df[a], df[b], n_resamples=30, rng=seed, **kw
            )
            ci2 = quiet(
                mt.confidence_interval,
                df[a],
                df[b],
                n_resamples=30,
                rng=seed,
                base=2,
                **kw,
            )
            li = f"{tag} ci {a}~{b} [{ci.method}, {ci.scheme}]"
            s.same(f"ci-estimate:{li}", e.value, ci.estimate)
            truth(s, f"ci-order:{li}", ci.low <= ci.high, f"[{ci.low}, {ci.high}]")
            s.same(f"ci-low-base2:{li}", ci.low / LOG2, ci2.low)
            s.same(f"ci-high-base2:{li}", ci.high / LOG2, ci2.high)
            s.same(f"ci-estimate-base2:{li}", ci.estimate / LOG2, ci2.estimate)
            truth(s, f"ci-unit:{li}", ci2.unit == "bits", f"unit {ci2.unit!r}")
        except Exception as exc:
            s.error("test", exc)

    # -- units through the front door and the table-wide paths ---------------
    try:
        for base in (2, 10, 3.5):
            r = quiet(mt.estimate, "mi", df[a], df[b], rng=seed, **kw)
            rb = quiet(mt.estimate, "mi", df[a], df[b], rng=seed, base=base, **kw)
            lbl = f"{tag} {a}~{b} base {base}"
            s.same(f"unit-mi:{lbl}", r.value / math.log(base), rb.value)
            s.same(f"unit-to:{lbl}", r.to(base).value, rb.value)
            s.same(f"unit-back:{lbl}", r.value, rb.to(math.e).value)
        m1 = quiet(mt.mi_matrix, df, rng=seed, **kw)
        m2 = quiet(mt.mi_matrix, df, rng=seed, base=2, **kw)
        truth(s, f"unit-matrix-name:{tag}", m2.unit == "bits", f"unit {m2.unit!r}")
        for i, x in enumerate(cols):
            for y in cols[i + 1 :]:
                s.same(
                    f"unit-matrix:{tag} {x}~{y}",
                    float(m1.mi.loc[x, y]) / LOG2,
                    float(m2.mi.loc[x, y]),
                )
        target, feats = cols[-1], cols[:-1]
        r1 = quiet(rank_features, df[feats], df[target], rng=seed, **kw).set_index(
            "feature"
        )
        r2 = quiet(
            rank_features, df[feats], df[target], rng=seed, base=2, **kw
        ).set_index("feature")
        for f in feats:
            s.same(
                f"unit-rank:{tag} {f}~{target}",
                float(r1.loc[f, "mi"]) / LOG2,
                float(r2.loc[f, "mi"]),
            )
        if len(df) <= 800:
            from mutinfo.selection import forward_selection

            for crit in ("mrmr", "mrmr_quotient", "jmi"):
                f1 = quiet(
                    forward_selection,
                    df[feats],
                    df[target],
                    k=2,
                    criterion=crit,
                    rng=seed,
                    **kw,
                )
                f2 = quiet(
                    forward_selection,
                    df[feats],
                    df[target],
                    k=2,
                    criterion=crit,
                    rng=seed,
                    base=2,
                    **kw,
                )
                lbl = f"{tag} {crit}"
                s.same_str(
                    f"unit-selection-features:{lbl}", str(f1.features), str(f2.features)
                )
                for i, (a1, a2) in enumerate(zip(f1.scores, f2.scores, strict=True)):
                    ratio = crit == "mrmr_quotient" and i > 0
                    s.same(
                        f"unit-selection-score:{lbl} step {i}",
                        a1 if ratio else a1 / LOG2,
                        a2,
                    )
                for j, (a1, a2) in enumerate(
                    zip(f1.relevance, f2.relevance, strict=True)
                ):
                    s.same(f"unit-selection-relevance:{lbl} {feats[j]}", a1 / LOG2, a2)
    except Exception as exc:
        s.error("unit", exc)

    if run_cli:
        sweep_cli_units(t, df, kinds, seed, s)


def sweep_cli_units(
    t: int, df: pd.DataFrame, kinds: dict[str, str], seed: int, s: Sweep
) -> None:
    """``--base`` on the CLI, and multi-column ``--x``."""
    cols = list(df.columns)
    has_na = bool(df.isna().any().any())
    nan = "omit" if has_na else "raise"
    kw: dict[str, Any] = {"nan_policy": nan}
    tmp = Path(tempfile.mkdtemp(prefix="mutinfo_sweep_"))
    path = tmp / "t.parquet"
    df.to_parquet(path)
    frame = quiet(read_table, path)
    a, b, c = cols[:3]
    tag = f"table {t} (n={len(df)}, {kinds})"
    nanopt = ["--nan-policy", nan, "--rng", str(seed)]
    try:
        ref = quiet(mt.mi, frame[a], frame[b], rng=seed, **kw)
        for text, base in (("2", 2.0), ("bits", 2.0), ("10", 10.0), ("e", math.e)):
            out = cli(["mi", str(path), "--x", a, "--y", b, "--base", text, *nanopt])
            s.same(
                f"cli-base-mi:{tag} {a}~{b} --base {text}",
                ref / math.log(base),
                out["value"],
            )
            truth(
                s,
                f"cli-base-unit:{tag} --base {text}",
                out["unit"] == {2.0: "bits", 10.0: "log10", math.e: "nats"}[base],
                f"unit {out['unit']!r}",
            )
        h = quiet(mt.entropy, frame[a], rng=seed, **kw)
        out = cli(["entropy", str(path), "--x", a, "--base", "2", *nanopt])
        s.same(f"cli-base-entropy:{tag} H({a})", h / LOG2, out["value"])
        multi = quiet(mt.mi, frame[[a, b]], frame[c], rng=seed, **kw)
        out = cli(["mi", str(path), "--x", f"{a},{b}", "--y", c, *nanopt])
        s.same(f"cli-multi-mi:{tag} ({a},{b})~{c}", multi, out["value"])
        m = quiet(mt.mi_matrix, frame, rng=seed, **kw)
        out = cli(["matrix", str(path), "--base", "2", *nanopt])
        cells = cli_cells(out)
        for (x, y), v in cells.items():
            if x < y:
                s.same(
                    f"cli-base-matrix:{tag} {x}~{y}", float(m.mi.loc[x, y]) / LOG2, v
                )
        target = cols[-1]
        r = quiet(rank_features, frame[cols[:-1]], frame[target], rng=seed, **kw)
        r = r.set_index("feature")
        out = cli(["rank", str(path), "--target", target, "--base", "2", *nanopt])
        rows = out if isinstance(out, list) else out.get("features", [])
        for row in rows:
            s.same(
                f"cli-base-rank:{tag} {row['feature']}~{target}",
                float(r.loc[row["feature"], "mi"]) / LOG2,
                float(row["mi"]),
            )
        if len(df) <= 800:
            res = quiet(
                mt.independence_test,
                frame[a],
                frame[b],
                n_permutations=19,
                rng=seed,
                **kw,
            )
            out = cli(
                [
                    "test",
                    str(path),
                    "--x",
                    a,
                    "--y",
                    b,
                    "--n-permutations",
                    "19",
                    "--base",
                    "2",
                    *nanopt,
                ]
            )
            s.same(
                f"cli-base-test-stat:{tag} {a}~{b}",
                res.statistic / LOG2,
                out["statistic"],
            )
            s.same(f"cli-base-test-p:{tag} {a}~{b}", res.p_value, out["p_value"])
    except Exception as exc:
        s.error("cli-units", exc)


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
    parser.add_argument(
        "--basic",
        action="store_true",
        help="only the input-type paths (skip multi-column variables, discrete=, "
        "tests and intervals, units, multivariate measures, hostile inputs)",
    )
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
        if not args.basic:
            sweep_extended(t, df, kinds, seed, s, run_cli, np.random.default_rng(seed))
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
