"""A matrix store reuses only verified tiles of its own run (issue 23, item 5).

Each test damages a store the way a user or a crash could, and checks that
mi_matrix either gives the numbers of a fresh run or stops with an error that
names the file: never a silently wrong number, never a raw pyarrow/JSON error.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutinfo as mt
from mutinfo.exceptions import InvalidDataError, InvalidParameterError

pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")

# Gaussian pairs: fast, and the matrix is exact to the last bit for one tiling.
OPTS = {"method": "gaussian", "tile_size": 2}


def _frame(seed: int, scale: float = 1.0) -> pd.DataFrame:
    g = np.random.default_rng(seed)
    a = g.standard_normal(200)
    cols = {f"c{k}": scale * k * a / 2 + g.standard_normal(200) for k in range(5)}
    return pd.DataFrame(cols)


def _run(frame: pd.DataFrame, store: Path, **kwargs: object) -> np.ndarray:
    return mt.mi_matrix(frame, store=store, **{**OPTS, **kwargs}).mi.to_numpy()


def _rewrite(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Rewrite a tile file with ``edit(frame)``, keeping its mutinfo metadata."""
    table = pq.read_table(path)
    frame = edit(table.to_pandas())
    new = pa.Table.from_pandas(frame, schema=table.schema, preserve_index=False)
    pq.write_table(new.replace_schema_metadata(table.schema.metadata), path)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "run"
    _run(_frame(0), path, rng=3)
    return path


def test_verified_tiles_resume_exactly(store: Path) -> None:
    fresh = mt.mi_matrix(_frame(0), rng=3, **OPTS).mi.to_numpy()
    tiles = sorted(store.glob("tile-*.parquet"))
    assert len(tiles) == 6  # 5 columns in blocks of 2: 3 x 3 upper tiles
    for f in tiles[::2]:  # as after a kill: some tiles finished
        f.unlink()
    np.testing.assert_array_equal(_run(_frame(0), store), fresh)


def test_without_manifest_tiles_of_another_matrix_are_refused(store: Path) -> None:
    # Before: the tiles of the first matrix were adopted unchecked (wrong
    # values for the second matrix, off by up to 0.79 nats here:
    # benchmarks/store_adoption.py).
    (store / "manifest.json").unlink()
    with pytest.raises(InvalidDataError, match=r"tile-00000-00000\.parquet.*another"):
        _run(_frame(1, scale=3.0), store, rng=3)


def test_without_manifest_own_tiles_are_verified_and_reused(store: Path) -> None:
    fresh = mt.mi_matrix(_frame(0), rng=3, **OPTS).mi.to_numpy()
    (store / "manifest.json").unlink()
    np.testing.assert_array_equal(_run(_frame(0), store, rng=3), fresh)
    assert (store / "manifest.json").exists()
    # Another seed is another run: the tiles are not its own.
    (store / "manifest.json").unlink()
    with pytest.raises(InvalidDataError, match="another matrix run"):
        _run(_frame(0), store, rng=4)


def test_a_tile_copied_from_another_store_is_refused(
    store: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    _run(_frame(1, scale=3.0), other, rng=3)
    (store / "tile-00001-00002.parquet").write_bytes(
        (other / "tile-00001-00002.parquet").read_bytes()
    )
    with pytest.raises(InvalidDataError, match=r"tile-00001-00002\.parquet"):
        _run(_frame(0), store)


@pytest.mark.parametrize(
    ("edit", "match"),
    [
        (lambda f: f.iloc[:-1], "rows where the tile has 4 pairs"),  # missing row
        (lambda f: pd.concat([f, f.iloc[:1]]), "rows missing or added"),
        (lambda f: f.assign(mi=f.mi.where(f.index != 0)), "checksum"),  # NaN
        (lambda f: f.assign(mi=f.mi + 0.25), "checksum"),  # altered values
        (lambda f: f.assign(j=f.j[::-1].to_numpy()), "other column pairs"),
    ],
)
def test_damaged_tiles_are_named(store: Path, edit, match: str) -> None:  # type: ignore[no-untyped-def]
    _rewrite(store / "tile-00000-00001.parquet", edit)
    with pytest.raises(InvalidDataError, match=match) as info:
        _run(_frame(0), store)
    assert "tile-00000-00001.parquet" in str(info.value)
    assert "Delete that file" in str(info.value)


def test_a_renamed_tile_is_refused(store: Path) -> None:
    (store / "tile-00000-00001.parquet").unlink()
    (store / "tile-00000-00002.parquet").rename(store / "tile-00000-00001.parquet")
    with pytest.raises(InvalidDataError, match="not the one its name says"):
        _run(_frame(0), store)


def test_stray_files_are_ignored_or_named(store: Path) -> None:
    fresh = mt.mi_matrix(_frame(0), rng=3, **OPTS).mi.to_numpy()
    (store / "notes.txt").write_text("my run")
    (store / "tile-00000-00000.parquet.tmp").write_bytes(b"half")  # killed write
    (store / "tile-x-y.parquet").write_text("?")
    np.testing.assert_array_equal(_run(_frame(0), store), fresh)
    (store / "tile-00000-00009.parquet").write_text("?")
    with pytest.raises(InvalidDataError, match="is not a tile of this matrix"):
        _run(_frame(0), store)
    (store / "tile-00000-00009.parquet").unlink()
    (store / "tile-00000-00000.parquet").write_bytes(b"not parquet")
    with pytest.raises(InvalidDataError, match="cannot be read as Parquet"):
        _run(_frame(0), store)
    (store / "tile-00000-00000.parquet").unlink()
    pd.DataFrame({"mi": [0.1]}).to_parquet(store / "tile-00000-00000.parquet")
    with pytest.raises(InvalidDataError, match="no mutinfo tile metadata"):
        _run(_frame(0), store)


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"entropy": 3}'])
def test_a_bad_manifest_is_named(store: Path, text: str) -> None:
    (store / "manifest.json").write_text(text)
    with pytest.raises(InvalidDataError, match=r"manifest\.json"):
        _run(_frame(0), store)


def test_kinds_are_part_of_the_identity(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        np.random.default_rng(5).integers(0, 3, (200, 3)), columns=["a", "b", "c"]
    )
    mt.mi_matrix(frame, store=tmp_path / "s", rng=1, tile_size=2)
    with pytest.raises(InvalidParameterError, match="different run"):
        mt.mi_matrix(frame, store=tmp_path / "s", rng=1, tile_size=2, discrete=False)


@pytest.mark.parametrize("bad", [5, 2.5, True, b"dir", ""])
def test_store_must_be_a_path(bad: object) -> None:
    with pytest.raises(
        InvalidParameterError, match=r"'store' parameter .* folder path"
    ):
        mt.mi_matrix(_frame(0), store=bad, **OPTS)


def test_a_resumed_run_warns_as_the_run_that_computed_its_tiles(tmp_path: Path) -> None:
    # Tiles reused from the store carry the warnings their pairs raised: a
    # constant column and a sparse label table warn on resume too (they were
    # silent before; the numbers were the same).
    import warnings

    from mutinfo.exceptions import BiasWarning, DataWarning

    g = np.random.default_rng(0)
    frame = pd.DataFrame(g.normal(size=(300, 3)), columns=["a", "b", "c"])
    frame["c"] = 1.0
    frame["lab"] = g.integers(0, 40, size=300)
    frame["lab2"] = g.integers(0, 40, size=300)

    def run() -> tuple[np.ndarray, list[tuple[type[Warning], str]]]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            m = mt.mi_matrix(frame, store=tmp_path, rng=0, tile_size=2)
        return m.mi.to_numpy(), sorted(
            ((type(w.message), str(w.message)) for w in caught), key=str
        )

    first, warned = run()
    assert {c for c, _ in warned} == {BiasWarning, DataWarning}
    again, rewarned = run()
    np.testing.assert_array_equal(again, first)
    assert rewarned == warned
    # The warnings are part of the checksum: a tile stripped of them is refused.
    tiles = sorted(tmp_path.glob("tile-*.parquet"))
    metas = [dict(pq.read_table(p).schema.metadata) for p in tiles]
    path, meta = next(
        (p, m)
        for p, m in zip(tiles, metas, strict=True)
        if m[b"mutinfo.warnings"] != b"[]"
    )
    meta[b"mutinfo.warnings"] = b"[]"
    pq.write_table(pq.read_table(path).replace_schema_metadata(meta), path)
    with pytest.raises(InvalidDataError, match="checksum"):
        run()
