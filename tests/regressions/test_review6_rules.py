"""Review 6: stale `auto` choices and numbers after the one-to-one / small-alphabet rule."""

from __future__ import annotations

import math
import re
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import mutinfo as mt
from mutinfo._rules import choose_discrete_family

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
#: Pages whose examples print the family `auto` picks for labels, with the
#: family named in the line's comment.
PAGES = ["docs/accuracy.md", "docs/estimating.md", "docs/reliability.md"]


def _printed_lines(page: Path, tmp_path: Path) -> list[tuple[str, list[Any]]]:
    """Run a page's python blocks; return (source line, printed values) per print."""
    out: list[tuple[str, list[Any]]] = []
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for code in BLOCK.findall(page.read_text()):
        lines = code.splitlines()

        def record(*values: Any, lines: list[str] = lines, **_: Any) -> None:
            frame = sys._getframe(1)
            if frame.f_code.co_filename == "<doc>":
                out.append((lines[frame.f_lineno - 1], list(values)))

        namespace["print"] = record
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mt.MutinfoWarning)
            exec(compile(code, "<doc>", "exec"), namespace)
    return out


@pytest.mark.parametrize("name", PAGES)
def test_doc_comments_name_the_family_and_value_printed(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # docs/accuracy.md said `mt.estimate("mi", x, x).method` gave
    # 'grassberger' ("functional"); since a one-to-one table gets the entropy's
    # family it prints 'nsb'. docs/reliability.md said `mt.entropy(ids)` and
    # ln 2 are "both ln 2"; two values under auto's Miller-Madow give
    # ln 2 + 1/200 (0.6981 against 0.6931). test_docs runs these blocks but
    # reads no comment.
    monkeypatch.chdir(tmp_path)
    methods = {m.name for m in mt.methods()}
    checked = 0
    for line, values in _printed_lines(ROOT / name, tmp_path):
        comment = line.partition("#")[2].strip()
        if not comment:
            continue
        last = re.findall(r"[a-z_]+", comment)
        named = len(values) == 1 and isinstance(values[0], str)
        if named and values[0] in methods and last and last[-1] in methods:
            assert values[0] == last[-1], line
            checked += 1
        if comment.startswith("both"):
            numbers = [float(v) for v in values]
            assert max(numbers) - min(numbers) < 1e-12, (line, numbers)
            checked += 1
    assert checked


def test_self_mi_of_a_many_valued_label_follows_the_entropy_rule() -> None:
    # The Zipf-40 copy at N = 100 (docs/accuracy.md's table): 'grassberger'
    # before, the entropy's family ('nsb') now, in the rule and in mt.mi.
    rng = np.random.default_rng(0)
    p = 1.0 / np.arange(1, 41)
    x = rng.choice(40, size=100, p=p / p.sum())
    k = len(np.unique(x))
    assert choose_discrete_family("mi", 100, k * k, occupied=k, sizes=(k, k)) == (
        choose_discrete_family("entropy", 100, k, occupied=k)
    )
    mi, h = mt.estimate("mi", x, 7 * x + 2), mt.estimate("entropy", x)
    assert mi.method == h.method == "nsb"
    assert math.isclose(mi.value, h.value, rel_tol=1e-12)
