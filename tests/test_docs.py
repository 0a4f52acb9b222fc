"""Execute the code examples of README.md and docs/*.md."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import mutinfo as mt
from mutinfo import _measures, _registry

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"```(python|bash)\n(.*?)```", re.DOTALL)


def _blocks(page: Path) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(page.read_text())]


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_page_examples_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # Pages may register families and declare measures (docs/extending.md):
    # the registry and the measure table are restored after each page.
    _registry.names()
    families, measures = dict(_registry._FAMILIES), dict(_measures.MEASURES)
    try:
        _run_page(page)
    finally:
        _registry._FAMILIES.clear()
        _registry._FAMILIES.update(families)
        _measures.MEASURES.clear()
        _measures.MEASURES.update(measures)


def _run_page(page: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for kind, code in _blocks(page):
        if kind == "python":
            with warnings.catch_warnings():
                # Examples may show warnings; they must not fail.
                warnings.simplefilter("default", mt.MutinfoWarning)
                exec(compile(code, str(page), "exec"), namespace)
            continue
        for line in code.splitlines():
            command = line.split("#")[0].strip()
            if not command.startswith("mutinfo "):
                continue
            args = shlex.split(command)[1:]
            done = subprocess.run(
                [sys.executable, "-m", "mutinfo", *args],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
            )
            assert done.returncode == 0, f"{command}\n{done.stderr}"
