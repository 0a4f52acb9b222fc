"""The shared executor: identical results for any n_jobs, tiling, backend or client."""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pytest

from mutinfo._parallel import entropy_of, execute, item_rng, resolve_n_jobs
from mutinfo.exceptions import BiasWarning, InvalidParameterError


def _draw(item: int, rng: np.random.Generator, *, scale: float = 1.0) -> float:
    return float(item + scale * rng.standard_normal())


def _warn_and_draw(item: int, rng: np.random.Generator) -> float:
    warnings.warn("noisy", BiasWarning, stacklevel=1)
    return float(rng.uniform())


ITEMS = list(range(23))


@pytest.fixture(scope="module")
def reference() -> list[float]:
    return execute(_draw, ITEMS, entropy=12345)


@pytest.mark.parametrize("n_jobs", [1, 2, -1])
@pytest.mark.parametrize("tile_size", [None, 1, 5, 100])
def test_threads_identical(reference, n_jobs, tile_size):
    got = execute(_draw, ITEMS, entropy=12345, n_jobs=n_jobs, tile_size=tile_size)
    assert got == reference


def test_processes_identical(reference):
    func = functools.partial(_draw, scale=1.0)
    got = execute(
        func, ITEMS, entropy=12345, n_jobs=2, tile_size=4, backend="processes"
    )
    assert got == reference


def test_items_get_their_own_streams(reference):
    # item i's draw only depends on (entropy, i): a different entropy changes all.
    other = execute(_draw, ITEMS, entropy=54321)
    assert all(a != b for a, b in zip(reference, other, strict=True))
    assert reference[3] == 3 + item_rng(12345, 3).standard_normal()


def test_entropy_of_is_deterministic():
    assert entropy_of(0) == entropy_of(0)
    assert entropy_of(0) != entropy_of(1)
    g = np.random.default_rng(3)
    assert entropy_of(g) != entropy_of(g)  # a Generator advances


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_progress_reaches_total(n_jobs):
    seen: list[tuple[int, int]] = []
    execute(
        _draw,
        ITEMS,
        entropy=1,
        n_jobs=n_jobs,
        tile_size=4,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert len(seen) == 6
    assert seen[-1] == (23, 23)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@pytest.mark.parametrize(
    ("n_jobs", "backend"), [(1, "threads"), (2, "threads"), (2, "processes")]
)
def test_quiet_silences_warnings(n_jobs, backend):
    # pytest turns MutinfoWarning into errors: without quiet this would raise.
    out = execute(
        _warn_and_draw,
        range(6),
        entropy=2,
        n_jobs=n_jobs,
        tile_size=2,
        backend=backend,
        quiet=(BiasWarning,),
    )
    assert len(out) == 6
    with pytest.raises(BiasWarning, match="noisy"):
        execute(_warn_and_draw, range(2), entropy=2)


def test_empty_items():
    assert execute(_draw, [], entropy=0, n_jobs=2) == []


def test_errors_propagate():
    def boom(item: int, rng: np.random.Generator) -> int:
        raise ValueError(f"bad item {item}")

    with pytest.raises(ValueError, match="bad item"):
        execute(boom, range(4), entropy=0, n_jobs=2, tile_size=1)


@pytest.mark.parametrize("bad", [0, 1.5, True, "2"])
def test_bad_n_jobs(bad):
    with pytest.raises(InvalidParameterError, match="'n_jobs' parameter must be"):
        resolve_n_jobs(bad)


def test_negative_n_jobs():
    assert resolve_n_jobs(-1) >= 1
    assert resolve_n_jobs(-1000) == 1


@pytest.mark.parametrize("bad", [0, -1, 2.0, False])
def test_bad_tile_size(bad):
    with pytest.raises(InvalidParameterError, match="'tile_size' parameter must be"):
        execute(_draw, ITEMS, entropy=0, tile_size=bad)


def test_bad_backend():
    with pytest.raises(InvalidParameterError, match="'backend' parameter must be"):
        execute(_draw, ITEMS, entropy=0, backend="gpu")  # type: ignore[arg-type]


def test_dask_client_identical(reference):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=2,
            processes=False,
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        seen: list[int] = []
        got = execute(
            _draw,
            ITEMS,
            entropy=12345,
            client=client,
            tile_size=5,
            progress=lambda d, t: seen.append(d),
        )
    assert got == reference
    assert seen[-1] == 23
