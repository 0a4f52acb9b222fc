"""Reference values with provenance, and the loader the tests use.

Every file under ``values/`` is written by the script of the same stem under
``scripts/`` (run it from the repository root to regenerate it). A file maps
each key to ``{"value": ..., "source": ...}``: the source says where the number
comes from (a closed form, numerical integration, a published table, a peer's
output), so a test never builds its expected value with mutinfo's own helpers.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

VALUES = Path(__file__).parent / "values"
SCRIPTS = Path(__file__).parent / "scripts"

__all__ = ["SCRIPTS", "VALUES", "entries", "source", "value"]


@cache
def entries(name: str) -> dict[str, dict[str, Any]]:
    """Return every entry of ``values/<name>.json`` (key -> value and source)."""
    path = VALUES / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(
            f"No reference file {path}; run tests/reference/scripts/{name}.py to "
            "write it."
        )
    data: dict[str, dict[str, Any]] = json.loads(path.read_text())
    return data


def value(name: str, key: str) -> Any:
    """Return the expected number stored under ``key`` in ``values/<name>.json``."""
    table = entries(name)
    if key not in table:
        raise KeyError(
            f"{key!r} is not in values/{name}.json (keys: {', '.join(sorted(table))})."
        )
    return table[key]["value"]


def source(name: str, key: str) -> str:
    """Return where the number stored under ``key`` comes from."""
    return str(entries(name)[key]["source"])
