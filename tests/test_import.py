"""`import mutinfo` stays light: no optional or heavy dependency is imported."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "torch",
    "dask",
    "distributed",
    "matplotlib",
    "sklearn",
    "polars",
    "pyarrow",
    "numba",
)


def test_import_does_not_pull_optional_dependencies() -> None:
    code = (
        "import sys, json, mutinfo; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out))
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    # pandas and scipy are core but heavy: imported only when used.
    assert "pandas" not in loaded
    assert "scipy" not in loaded


def test_python_m_mutinfo_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mutinfo", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("mutinfo ")


def test_registry_load_stays_light() -> None:
    # Loading the registry imports every family module; none may pull heavy
    # modules at import time (scipy.stats alone costs about a second).
    code = (
        "import sys, json, mutinfo as mt; mt.methods(); "
        "mt.mi([0.1, 0.5, 0.3, 0.9, 0.7], [0.2, 0.4, 0.1, 0.8, 0.9], n_neighbors=2); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out))
    # scipy.optimize costs ~0.2 s more than scipy.special: a family module that
    # imported it at module level (dirichlet's brentq) made every first call
    # (which loads the registry) 0.18 s slower, 1.3x scikit-learn's call at 1e5.
    heavy = {
        "scipy.stats",
        "scipy.optimize",
        "pandas",
        "torch",
        "sklearn",
        "numba",
        "matplotlib",
    }
    assert not loaded & heavy, loaded & heavy
