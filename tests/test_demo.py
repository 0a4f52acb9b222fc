"""The demo's ground-truth table comes from the registered tasks."""

from __future__ import annotations

import pytest

from mutinfo import datasets
from mutinfo._demo import DEMO_TASKS, run_demo


def test_demo_ground_truth_uses_registered_tasks() -> None:
    report = run_demo(n_samples=300, rng=0)
    rows = report.ground_truth
    assert {r["task"] for r in rows} == set(DEMO_TASKS)
    for r in rows:
        assert r["truth"] == datasets.get(r["task"]).mutual_information
        assert r["error"] == pytest.approx(r["estimate"] - r["truth"], abs=1e-12)
    methods = {r["method"] for r in rows}
    assert {"ksg", "plugin", "mixed_ksg"} <= methods
    assert "sklearn" not in methods  # peers belong to `mutinfo bench`
    md = report.to_markdown()
    assert "| ross-p0.5 | mixed_ksg |" in md
