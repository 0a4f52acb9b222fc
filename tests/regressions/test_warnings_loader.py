"""recorded_warnings waits for the background numba loader (no overlap at its edges).

numba enters ``warnings.catch_warnings`` thousands of times while it loads or
compiles, and that state is process-wide before Python 3.14: with the kernels
compiling (a fresh NUMBA_CACHE_DIR), plain ``catch_warnings(record=True)``
blocks on the main thread lost 262 of 21,064 warnings, recorded_warnings none
(/tmp/race.py in the lead's session, not kept: it compiles every kernel).
"""

from __future__ import annotations

import threading
import time
import warnings

import pytest

from mutinfo._neighbors import _jit
from mutinfo.extend import recorded_warnings


@pytest.fixture
def fake_loader(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """A loader 'running' until the returned event is set."""
    done = threading.Event()
    thread = threading.Thread(target=done.wait, daemon=True)
    thread.start()
    monkeypatch.setattr(_jit, "_loader", thread)
    monkeypatch.setattr(_jit, "_done", done)
    return done


def test_entry_waits_for_a_running_loader(fake_loader: threading.Event) -> None:
    timer = threading.Timer(0.3, fake_loader.set)
    start = time.perf_counter()
    timer.start()
    with recorded_warnings() as caught:
        entered = time.perf_counter() - start
        warnings.warn("inside", UserWarning, stacklevel=1)
    assert entered >= 0.25  # it waited for the loader to finish
    assert [str(w.message) for w in caught] == ["inside"]


def test_exit_waits_for_a_loader_started_inside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    done = threading.Event()
    with recorded_warnings():
        thread = threading.Thread(target=done.wait, daemon=True)
        thread.start()
        monkeypatch.setattr(_jit, "_loader", thread)
        monkeypatch.setattr(_jit, "_done", done)
        threading.Timer(0.3, done.set).start()
        start = time.perf_counter()
    assert time.perf_counter() - start >= 0.25
    assert done.is_set()
