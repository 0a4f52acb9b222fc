"""The neural analysis tests need torch; they reuse tests/neural/conftest.py."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")
