"""Imported first by the torch-only subpackages: a clear error without torch."""

from __future__ import annotations

from mutinfo.neural._torch import require_torch

require_torch()
