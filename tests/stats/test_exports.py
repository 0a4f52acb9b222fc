"""The stats names on the front door, imported lazily."""

from __future__ import annotations

import subprocess
import sys

import mutinfo as mt


def test_front_door_names():
    assert mt.independence_test is mt.stats.independence_test
    assert mt.confidence_interval is mt.stats.confidence_interval
    for name in ("independence_test", "confidence_interval", "stats"):
        assert name in mt.__all__
        assert name in dir(mt)


def test_import_mutinfo_does_not_import_stats():
    code = "import sys, mutinfo; print('mutinfo.stats' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
