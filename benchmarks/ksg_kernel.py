"""The fused KSG pair kernel against another checkout's, in one process.

On a shared machine only a comparison inside one run survives the load: this
script loads ``mutinfo/_neighbors/_kernels.py`` and ``_pairs.py`` of the
source tree ``--against`` (for instance ``main``, unpacked with
``git archive main src | tar -x -C /tmp/main``) as standalone modules beside
this checkout's, checks that both give the same counts, and times them
interleaved, printing CPU seconds (every thread) and wall seconds:

- ``pairs``: the neighbour counts of the 190 pairs of 20 columns of 10,000
  rows (the data of ``benchmarks/matrix.py``, standardised, columns sorted
  once), one compiled call a pair on one thread, as an all-pairs matrix runs
  them; CPU microseconds a pair, best of ``--repeat``.
- ``large``: one pair of ``--n`` rows (default 1e7): the path a single KSG
  estimate takes (both sorts, then the kernel split over ``--threads``
  threads); the reference sorts with ``np.argsort``, as it did. Also prints
  the process's peak resident memory.

Run: ``PYTHONPATH=src python benchmarks/ksg_kernel.py --against /tmp/main/src
[--section pairs|large] [--n 1e7] [--threads 2] [--repeat 5]`` (the
reference's kernels compile on its first run and are cached under the
system's temporary folder).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from mutinfo._neighbors import _pairs, ksg_counts


def load_reference(src: Path) -> ModuleType:
    """The reference tree's ``_pairs`` module, importing its own ``_kernels``."""
    folder = src / "mutinfo" / "_neighbors"
    kernels = (folder / "_kernels.py").read_text()
    pairs = (folder / "_pairs.py").read_text()
    tag = hashlib.sha1((kernels + pairs).encode()).hexdigest()[:12]
    home = Path(tempfile.gettempdir()) / f"mutinfo_ref_kernels_{tag}"
    home.mkdir(exist_ok=True)
    for name, text in (
        ("ref_kernels", kernels),
        ("ref_pairs", pairs.replace("mutinfo._neighbors._kernels", "ref_kernels")),
    ):
        path = home / f"{name}.py"
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
    sys.path.insert(0, str(home))
    spec = importlib.util.spec_from_file_location("ref_pairs", home / "ref_pairs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _factors(n: int, p: int, seed: int) -> np.ndarray:
    """The columns of ``benchmarks/matrix.py`` (a few shared factors)."""
    g = np.random.default_rng(seed)
    factors = g.standard_normal((n, 8))
    loadings = g.standard_normal((8, p)) * (g.uniform(size=p) < 0.5)
    return factors @ loadings + g.standard_normal((n, p))


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - c0, time.perf_counter() - w0, out


def section_pairs(ref: ModuleType, repeat: int) -> None:
    n, p = 10_000, 20
    g = np.random.default_rng(1)
    x = _factors(n, p, 0)
    x = (x - x.mean(axis=0)) / x.std(axis=0) + 1e-10 * g.standard_normal(x.shape)
    cols = [np.ascontiguousarray(x[:, c]) for c in range(p)]
    orders = [np.argsort(c, kind="stable").astype(np.int64) for c in cols]
    pairs = [(i, j) for i in range(p) for j in range(i + 1, p)]
    kernels = {"reference": ref.ksg_counts, "this checkout": _pairs.ksg_counts}
    same = True
    for i, j in pairs:
        args = (cols[i], orders[i], cols[j], orders[j], 3, 2.0)
        got = [f(*args) for f in kernels.values()]
        same &= all(np.array_equal(a, b) for a, b in zip(*got, strict=True))
    best = dict.fromkeys(kernels, np.inf)
    for _ in range(repeat):
        for name, f in kernels.items():

            def run(f: Callable[..., Any] = f) -> None:
                for i, j in pairs:
                    f(cols[i], orders[i], cols[j], orders[j], 3, 2.0)

            cpu, _, _ = _timed(run)
            best[name] = min(best[name], cpu / len(pairs))
    print(f"pairs of 1-D columns, n = {n}, k = 3, one thread ({len(pairs)} pairs):")
    for name, t in best.items():
        print(f"  {name:14s} {1e6 * t:8.0f} us CPU a pair (best of {repeat})")
    ratio = best["reference"] / best["this checkout"]
    print(f"  ratio          {ratio:8.2f}x; counts equal: {same}")


def section_large(ref: ModuleType, n: int, threads: int, repeat: int) -> None:
    g = np.random.default_rng(0)
    x = g.standard_normal(n)
    y = 0.6 * x + 0.8 * g.standard_normal(n)

    def reference() -> Any:
        with ThreadPoolExecutor(2) as pool:
            ox, oy = pool.map(np.argsort, (x, y))
        return ref.ksg_counts_threaded(
            x, ox.astype(np.int64), y, oy.astype(np.int64), 3, 2.0, threads
        )

    def ours() -> Any:
        return ksg_counts(x, y, 3, algorithm="grid", workers=threads)

    small = slice(0, min(n, 300_000))  # compile or load both first
    ksg_counts(x[small], y[small], 3, algorithm="grid", workers=threads)
    xs, ys = x[small], y[small]
    ref.ksg_counts_threaded(xs, np.argsort(xs), ys, np.argsort(ys), 3, 2.0, threads)
    best: dict[str, tuple[float, float]] = {}
    outs: dict[str, Any] = {}
    for _ in range(repeat):
        for name, fn in (("reference", reference), ("this checkout", ours)):
            cpu, wall, outs[name] = _timed(fn)
            old = best.get(name, (np.inf, np.inf))
            best[name] = (min(old[0], cpu), min(old[1], wall))
    same = all(
        np.array_equal(a, b)
        for a, b in zip(outs["reference"], outs["this checkout"], strict=True)
    )
    print(f"one pair, n = {n:.0e}, k = 3, sorts + kernel on {threads} threads:")
    for name, (cpu, wall) in best.items():
        print(f"  {name:14s} CPU {cpu:6.2f} s, wall {wall:6.2f} s (best of {repeat})")
    ratio = best["reference"][0] / best["this checkout"][0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"  CPU ratio {ratio:.2f}x; counts equal: {same}")
    print(f"  peak resident memory of this process (both paths): {peak:.2f} GB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True)
    parser.add_argument("--section", choices=["pairs", "large", "all"], default="all")
    parser.add_argument("--n", default="1e7")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ref = load_reference(args.against)
    if args.section in ("pairs", "all"):
        section_pairs(ref, args.repeat)
    if args.section in ("large", "all"):
        section_large(ref, int(float(args.n)), args.threads, max(1, args.repeat // 2))


if __name__ == "__main__":
    main()
