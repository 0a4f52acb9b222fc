"""Reference PID atoms (bits) from dit, written to tests/reference/values/pid_dit.json.

Run from the repository root with dit installed (``pip install dit==2.3``)::

    PYTHONPATH=src python tests/reference/scripts/pid_dit.py

Each case stores its distribution as integer-coded outcomes, so the tests
rebuild it without dit. Sources are variables 0..k-1 and the target is the
last variable, so dit's lattice nodes (tuples of source positions) map
directly onto mutinfo's node names (``{0}{1}``, ``{0:1}``).
"""

from __future__ import annotations

import json
from pathlib import Path

import dit
import numpy as np
from dit.pid import PID_BROJA, PID_CCS, PID_MMI, PID_PM, PID_WB

from mutinfo.discrete import Distribution, examples
from mutinfo.pid import kay_phillips_distribution

OUT = Path(__file__).resolve().parents[1] / "values" / "pid_dit.json"
DIT = {"imin": PID_WB, "mmi": PID_MMI, "ccs": PID_CCS, "broja": PID_BROJA, "pm": PID_PM}


def coded(d: Distribution) -> tuple[list[list[int]], list[float]]:
    """Outcomes relabelled to integer codes per variable, and probabilities."""
    outcomes = d.outcomes
    codes = []
    for j in range(d.n_variables):
        labels = sorted({o[j] for o in outcomes}, key=repr)
        codes.append([labels.index(o[j]) for o in outcomes])
    return [list(row) for row in zip(*codes, strict=True)], d.pmf.tolist()


def name(node: tuple[tuple[int, ...], ...]) -> str:
    parts = sorted((tuple(sorted(p)) for p in node), key=lambda s: (len(s), s))
    return "".join("{" + ":".join(str(i) for i in p) + "}" for p in parts)


def random_dist(shape: tuple[int, ...], seed: int) -> Distribution:
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.ones(int(np.prod(shape)))).reshape(shape)
    return Distribution.from_array(p)


def main() -> None:
    two = {
        "xor": examples.xor(),
        "and": examples.and_(),
        "copy": examples.copy(),
        "rdn": examples.rdn(),
        "unq": examples.unq(),
        "dyadic": examples.dyadic(),
        "triadic": examples.triadic(),
        "random_332_seed0": random_dist((3, 3, 2), 0),
        "random_323_seed1": random_dist((3, 2, 3), 1),
        "random_222_seed2": random_dist((2, 2, 2), 2),
        "kay_phillips_modulatory": kay_phillips_distribution("modulatory"),
    }
    three = {
        "parity4": examples.parity(4),
        "giant_bit4": examples.giant_bit(4),
        "random_2222_seed3": random_dist((2, 2, 2, 2), 3),
    }
    cases = []
    for group, measures in ((two, list(DIT)), (three, ["imin", "mmi", "ccs", "pm"])):
        for label, d in group.items():
            outcomes, pmf = coded(d)
            k = d.n_variables - 1
            dd = dit.Distribution([tuple(o) for o in outcomes], pmf)
            for measure in measures:
                pid = DIT[measure](dd, [[i] for i in range(k)], [k])
                atoms = {name(n): float(pid.get_pi(n)) for n in pid._lattice}
                cases.append(
                    {
                        "name": label,
                        "measure": measure,
                        "outcomes": outcomes,
                        "pmf": pmf,
                        "n_sources": k,
                        "atoms": atoms,
                    }
                )
                print(
                    label,
                    measure,
                    {a: round(v, 6) for a, v in atoms.items()} if k == 2 else "",
                )
    payload = {
        "source": f"dit {dit.__version__} (PID_WB, PID_MMI, PID_CCS, PID_BROJA, PID_PM)",
        "unit": "bits",
        "script": "tests/reference/scripts/pid_dit.py",
        "tolerance": {"default": 1e-6, "broja": 1e-4, "ccs": 1e-5},
        "cases": cases,
    }
    OUT.write_text(json.dumps(payload, indent=1) + "\n")


if __name__ == "__main__":
    main()
