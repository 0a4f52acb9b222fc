"""Fixtures of the neural tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _one_torch_thread() -> Iterator[None]:
    """Run torch single-threaded: the tiny CPU models train faster that way.

    On a loaded 2-core CI machine torch's intra-op threads spin against each
    other (we measured 167 ms per step with 2 threads against 7 ms with 1).
    """
    try:
        import torch
    except ImportError:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
