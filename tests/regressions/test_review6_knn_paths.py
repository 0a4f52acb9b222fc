"""Review 6 regressions: the numpy grid radius search, digamma at integers, tile warnings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.spatial  # noqa: F401  (in-process searches take the tree path)
from scipy.special import digamma

import mutinfo as mt
from mutinfo._neighbors import _npgrid, kth_neighbors, kth_radius
from mutinfo._neighbors._npgrid import npgrid_kth
from mutinfo._special import digamma_of
from mutinfo.exceptions import InvalidDataError, MutinfoWarning


def _standardised_rounded(seed: int, n: int) -> np.ndarray:
    g = np.random.default_rng(seed)
    a = np.round(g.normal(size=n), 1)
    b = np.round(0.5 * a + g.normal(size=n), 1)
    pts = np.column_stack([a, b])
    return (pts - pts.mean(0)) / pts.std(0)


@pytest.mark.parametrize(("seed", "n", "k"), [(24, 89, 6), (55, 120, 3), (67, 72, 6)])
def test_npgrid_keeps_a_neighbour_whose_distance_rounds_down_to_the_radius(
    seed: int, n: int, k: int
) -> None:
    # The final box ran from the cell edges around x0 -+ r, rounded: a point
    # just beyond x0 - r whose distance rounds to r was left out. Seed 24:
    # radius inf for 1.0186; seed 55: 0.5296 for 0.4209.
    pts = _standardised_rounded(seed, n)
    want = kth_neighbors(pts, k, algorithm="brute")[0][:, -1]
    got = npgrid_kth(pts, k)
    assert got is not None
    np.testing.assert_array_equal(got, want)


def test_npgrid_mixed_scales_where_the_edge_rounds() -> None:
    # A point at (1, 0) and points within 5e-17 of 0 (every distance rounds
    # to 1.0) spread over two cell columns below 0: inf for 1.0 before.
    g = np.random.default_rng(3)
    a = np.column_stack([-1e-17 * g.uniform(0.5, 5, 40), 1e-17 * g.normal(size=40)])
    b = np.column_stack([g.uniform(2, 6, 60), g.uniform(-3, 3, 60)])
    pts = np.vstack([[[1.0, 0.0]], a, b])
    for k in (5, 15, 30):
        want = kth_neighbors(pts, k, algorithm="brute")[0][:, -1]
        got = npgrid_kth(pts, k)
        if got is not None:
            np.testing.assert_array_equal(got, want)


def test_fresh_process_ksg_equals_the_tree_path_on_rounded_data() -> None:
    # mt.mi in a process without scipy.spatial (the CLI path) searched on the
    # numpy grid and gave 0.155663 where the tree gives 0.162241 (noise=0).
    g = np.random.default_rng(9)
    x, y = np.round(g.normal(size=(2, 80)), 1)
    y = np.round(0.5 * x + g.normal(size=80), 1)
    code = (
        "import warnings, numpy as np, mutinfo as mt\n"
        "warnings.simplefilter('ignore')\n"
        "g = np.random.default_rng(9); x, y = np.round(g.normal(size=(2, 80)), 1)\n"
        "y = np.round(0.5 * x + g.normal(size=80), 1)\n"
        "print(repr(mt.mi(x, y, method='ksg', n_neighbors=6, noise=0, rng=0)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    with pytest.warns(MutinfoWarning):
        here = mt.mi(x, y, method="ksg", n_neighbors=6, noise=0, rng=0)
    assert float(out) == here


def test_npgrid_gives_up_at_once_for_many_neighbours(monkeypatch) -> None:
    # Every point computes at least k + 1 distances, so k + 1 > _MAX_WORK
    # always ends in None: it first allocated n (k + 1) distances (3 GB and
    # 18 s at n = 10^5, k = 2000).
    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("searched")

    monkeypatch.setattr(_npgrid, "_offer", boom)
    pts = np.random.default_rng(0).normal(size=(500, 2))
    assert npgrid_kth(pts, _npgrid._MAX_WORK) is None


def test_npgrid_pads_no_box_to_an_outliers_height(monkeypatch) -> None:
    # One far point's box spans every cell row; all the boxes of the final
    # search were padded to its height (10^5 normal points, k = 10: 64293
    # boxes x 211 rows, 2.0 s for 0.38 s).
    sizes: list[int] = []
    runs = _npgrid._box_runs

    def spy(*args):  # type: ignore[no-untyped-def]
        out = runs(*args)
        sizes.append(out[0].size)
        return out

    monkeypatch.setattr(_npgrid, "_box_runs", spy)
    n = 20_000
    pts = np.random.default_rng(0).normal(size=(n, 2))
    pts[0] = [50.0, 50.0]
    got = npgrid_kth(pts, 3)
    assert got is not None
    assert max(sizes) <= 4 * n  # 13.3 n before
    np.testing.assert_array_equal(got, kth_radius(pts, 3, algorithm="tree"))


def test_digamma_of_negative_wide_and_fractional_values_is_scipys() -> None:
    # np.take wrapped -1 round to psi(10); a uint64 above 2**63 became
    # negative the same way; 2.5 was read as 2.
    assert np.isnan(digamma_of(-1))
    np.testing.assert_array_equal(digamma_of([-3, 0, 4]), digamma([-3.0, 0.0, 4.0]))
    big = np.array([2**64 - 1, 2**63, 3], dtype=np.uint64)
    np.testing.assert_array_equal(digamma_of(big), digamma(big))
    assert digamma_of(2.5) == digamma(2.5)
    top = np.array([2**53, 2**53 - 1, 10**17], dtype=np.int64)
    np.testing.assert_array_equal(digamma_of(top), digamma(top.astype(float)))


def test_tile_warnings_keep_categories_of_other_mutinfo_modules() -> None:
    # Only mutinfo.exceptions and builtins were looked up: ClippingWarning
    # (mutinfo.estimators.classifier, a MutinfoWarning) came back from a
    # resumed run as a plain UserWarning, past filters on MutinfoWarning.
    from mutinfo.estimators.classifier import ClippingWarning
    from mutinfo.matrix._store import _decode_warnings, _encode_warnings

    class Local(RuntimeWarning):
        pass

    raw = _encode_warnings(
        [(ClippingWarning, "clipped é"), (RuntimeWarning, "r"), (Local, "l")]
    )
    back = _decode_warnings(raw)
    assert back == [
        (ClippingWarning, "clipped é"),
        (RuntimeWarning, "r"),
        (RuntimeWarning, "l"),  # not findable: its built-in base
    ]


def test_tampered_tile_warnings_are_refused_naming_the_file(tmp_path: Path) -> None:
    # Malformed warnings metadata with a matching checksum raised a raw
    # JSONDecodeError.
    pq = pytest.importorskip("pyarrow.parquet")
    from mutinfo.matrix import _store

    g = np.random.default_rng(0)
    frame = pd.DataFrame(g.normal(size=(100, 3)), columns=["a", "b", "c"])
    opts = {"method": "gaussian", "tile_size": 2, "rng": 0}
    mt.mi_matrix(frame, store=tmp_path, **opts)
    path = sorted(tmp_path.glob("tile-*.parquet"))[0]
    table = pq.read_table(path)
    meta = dict(table.schema.metadata)
    tile = tuple(int(v) for v in meta[b"mutinfo.tile"].decode().split(","))
    arrays = [table.column(c).to_numpy() for c in table.column_names]
    for bad in (b'{"a": 1', b"[3]", b'[["x"]]', b"\xff"):
        meta[b"mutinfo.warnings"] = bad
        meta[b"mutinfo.checksum"] = _store._checksum(
            meta[b"mutinfo.run"].decode(), tile, bad, *arrays
        ).encode()
        pq.write_table(table.replace_schema_metadata(meta), path)
        with pytest.raises(InvalidDataError, match="malformed warnings"):
            mt.mi_matrix(frame, store=tmp_path, **opts)
