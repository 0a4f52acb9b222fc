"""PID timings: mutinfo beside dit on the same distributions, in one run.

    PYTHONPATH=src python benchmarks/pid.py [--repeat 3] [--no-dit]

Cases (issue 17): a 2-source PID of a random distribution over alphabets
8 x 8 x 8 (I_min, I_ccs, I_dep; I_broja once cvxpy is imported) and a 4-source
I_min / I_mmi over binary variables (the 166-node lattice). Each time is the
best of ``--repeat`` runs; the first call's import of scipy.optimize or cvxpy
is excluded by a warm-up call. Atoms are compared between the two libraries.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np

from mutinfo.discrete import Distribution
from mutinfo.pid import decompose


def best(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-dit", action="store_true")
    parser.add_argument(
        "--dit-broja", action="store_true", help="also time dit's BROJA (minutes)"
    )
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    p3 = rng.dirichlet(np.ones(512)).reshape(8, 8, 8)
    d3 = Distribution.from_array(p3)
    p5 = rng.dirichlet(np.ones(32)).reshape((2,) * 5)
    d5 = Distribution.from_array(p5)
    dit = None
    if not args.no_dit:
        try:
            import dit
            from dit.pid import PID_BROJA, PID_CCS, PID_MMI, PID_WB, PID_dep
        except ImportError:
            print("dit is not installed: timing mutinfo only (pip install dit)")
            dit = None
    head = ("case", "measure", "mutinfo s", "dit s", "speed-up", "max |diff| bits")
    print(f"{head[0]:18} {head[1]:7} " + " ".join(f"{h:>10}" for h in head[2:]))
    cases = [
        ("8x8x8", d3, [0, 1], 2, "imin"),
        ("8x8x8", d3, [0, 1], 2, "ccs"),
        ("8x8x8", d3, [0, 1], 2, "broja"),
        ("8x8x8", d3, [0, 1], 2, "dep"),
        ("4 binary sources", d5, [0, 1, 2, 3], 4, "imin"),
        ("4 binary sources", d5, [0, 1, 2, 3], 4, "mmi"),
    ]
    for label, d, sources, target, measure in cases:
        decompose(d, sources, target, measure=measure)  # warm-up: imports
        ours, res = best(
            lambda d=d, s=sources, t=target, m=measure: decompose(d, s, t, measure=m),
            args.repeat,
        )
        theirs, diff = float("nan"), float("nan")
        if dit is not None and (measure != "broja" or args.dit_broja):
            cls = {
                "imin": PID_WB,
                "ccs": PID_CCS,
                "broja": PID_BROJA,
                "mmi": PID_MMI,
                "dep": PID_dep,
            }[measure]
            dd = dit.Distribution.from_ndarray(p3 if d is d3 else p5)
            k = len(sources)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs, pid = best(
                    lambda dd=dd, k=k, cls=cls: cls(dd, [[i] for i in range(k)], [k]), 1
                )
            atoms = {}
            for node in pid._lattice:  # type: ignore[attr-defined]
                parts = sorted(
                    (tuple(sorted(x)) for x in node), key=lambda s: (len(s), s)
                )
                atoms["".join("{" + ":".join(map(str, x)) + "}" for x in parts)] = (
                    pid.get_pi(node)
                )  # type: ignore[attr-defined]
            ours_atoms = res.atoms  # type: ignore[attr-defined]
            diff = max(abs(ours_atoms[n] - v) for n, v in atoms.items())
        cells = f"{ours:10.4f} {theirs:10.3f} {theirs / ours:10.1f} {diff:10.2e}"
        print(f"{label:18} {measure:7} {cells}", flush=True)


if __name__ == "__main__":
    main()
