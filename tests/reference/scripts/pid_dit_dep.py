"""Reference I_dep atoms (bits) from dit, written to tests/reference/values/pid_dit_dep.json.

Run from the repository root with dit installed (``pip install dit==2.3``)::

    PYTHONPATH=src python tests/reference/scripts/pid_dit_dep.py

dit's ``PID_dep`` (James, Emenheiser & Crutchfield 2018) fits each model of the
dependency lattice by numerical optimisation, so its atoms agree with an exact
fit to about 1e-6 bits. The distributions are those of ``pid_dit.py`` (two
sources), stored as integer-coded outcomes, so the tests rebuild them without
dit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import dit
from dit.pid import PID_dep

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pid_dit import coded, name, random_dist

from mutinfo.discrete import examples
from mutinfo.pid import kay_phillips_distribution

OUT = Path(__file__).resolve().parents[1] / "values" / "pid_dit_dep.json"


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
        "random_443_seed4": random_dist((4, 4, 3), 4),
        "kay_phillips_modulatory": kay_phillips_distribution("modulatory"),
        "kay_phillips_additive": kay_phillips_distribution("additive"),
    }
    cases = []
    for label, d in two.items():
        outcomes, pmf = coded(d)
        dd = dit.Distribution([tuple(o) for o in outcomes], pmf)
        pid = PID_dep(dd, [[0], [1]], [2])
        atoms = {name(n): float(pid.get_pi(n)) for n in pid._lattice}
        cases.append(
            {
                "name": label,
                "measure": "dep",
                "outcomes": outcomes,
                "pmf": pmf,
                "n_sources": 2,
                "atoms": atoms,
            }
        )
        print(label, {a: round(v, 6) for a, v in atoms.items()})
    payload = {
        "source": f"dit {dit.__version__} (PID_dep)",
        "unit": "bits",
        "script": "tests/reference/scripts/pid_dit_dep.py",
        "tolerance": {"dep": 1e-5},
        "cases": cases,
    }
    OUT.write_text(json.dumps(payload, indent=1) + "\n")


if __name__ == "__main__":
    main()
