"""Streaming finished tiles to Parquet, and resuming an interrupted run from them.

A store folder holds ``manifest.json`` (what the matrix is: the data's digest,
the columns and their kinds, the methods and their parameters, the tiling and
the root seed) and one ``tile-<a>-<b>.parquet`` file per finished tile. Every
tile file carries, in its Parquet metadata, the id of the run that wrote it (a
hash of the manifest), its tile index, the warnings its pairs raised (so a
resumed run warns as the run that computed them did) and a checksum of its
pair ids, values and warnings. A tile is reused only when all of these match
and its rows are exactly the tile's pairs; otherwise the run stops with an
error that names the file. Files whose names are not tile names (temporary
files of an interrupted write, notes, ...) are ignored.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from mutinfo.exceptions import (
    InvalidDataError,
    InvalidParameterError,
    MissingDependencyError,
)
from mutinfo.io._write import atomic_path
from mutinfo.matrix._tiles import TileOut

__all__ = ["STORE_FORMAT", "TileStore", "check_store", "data_digest"]

_MANIFEST = "manifest.json"
_TILE_NAME = re.compile(r"tile-(\d+)-(\d+)\.parquet")
#: Version of the folder layout; a folder of another version is another run
#: (3: tiles carry their warnings).
STORE_FORMAT = 3
_RUN, _TILE, _SUM = b"mutinfo.run", b"mutinfo.tile", b"mutinfo.checksum"
_WARNED = b"mutinfo.warnings"


def data_digest(*arrays: np.ndarray) -> str:
    """Return a short hash of the data, so a store is never resumed on other data."""
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        h.update(f"{a.shape}{a.dtype.str}".encode())
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


def _checksum(
    run: str, tile: tuple[int, int], warned: bytes, *arrays: np.ndarray
) -> str:
    """Hash of a tile's run, index, warnings, pair ids and values (little-endian)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{run}:{tile[0]}:{tile[1]}".encode())
    h.update(warned)
    for a in arrays:
        h.update(np.ascontiguousarray(a, dtype=a.dtype.newbyteorder("<")).tobytes())
    return h.hexdigest()


def _upper_pairs(
    origin: tuple[int, int], shape: tuple[int, int]
) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    """Global column ids ``(i, j)``, ``i < j``, of a tile's pairs, row-major."""
    rows, cols = np.indices(shape)
    i = (rows + origin[0]).ravel().astype(np.int32)
    j = (cols + origin[1]).ravel().astype(np.int32)
    upper = i < j
    return i[upper], j[upper]


def check_store(path: Any) -> None:
    """Raise unless ``path`` can name a store folder (a str or os.PathLike)."""
    if isinstance(path, bool) or not isinstance(path, str | os.PathLike) or path == "":
        raise InvalidParameterError(
            "The 'store' parameter of mi_matrix() must be a folder path (str or "
            f"os.PathLike). Got {path!r} of type {type(path).__name__} instead. "
            "Pass store='tiles/' (created if missing) or store=None."
        )


class TileStore:
    """A folder of verified ``tile-<a>-<b>.parquet`` files plus a manifest of the run.

    Each finished tile is written atomically (to a temporary file in the same
    folder, then renamed), so an interruption leaves only whole tiles; a later
    call with the same data and settings verifies them, reads them back and
    computes only the rest.

    Parameters
    ----------
    path : str or os.PathLike
        The folder (created if missing).
    fingerprint : dict
        What identifies the matrix (JSON-serialisable); compared with the
        manifest's.
    entropy : int or None
        Root seed; None takes the manifest's, or a fresh one for a new folder.
    grid : dict
        Tile index ``(a, b)`` to ``(origin, shape)``: the first column of its
        row and column blocks and its shape.
    pvalues : bool
        Whether tiles hold p-values.
    """

    def __init__(
        self,
        path: Any,
        fingerprint: dict[str, Any],
        entropy: int | None,
        *,
        grid: dict[tuple[int, int], tuple[tuple[int, int], tuple[int, int]]],
        pvalues: bool,
    ) -> None:
        check_store(path)
        if importlib.util.find_spec("pyarrow") is None:
            raise MissingDependencyError(
                "Streaming an MI matrix to Parquet ('store') requires pyarrow: "
                'pip install "mutinfo[parquet]"'
            )
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise InvalidParameterError(
                f"The 'store' parameter must be a folder; {str(self.path)!r} is a "
                "file. Give a folder path (it is created if missing)."
            )
        self.path.mkdir(parents=True, exist_ok=True)
        self.grid = grid
        self.pvalues = pvalues
        fingerprint = {"format": STORE_FORMAT, **fingerprint}
        saved = _read_manifest(self.path)
        if saved is not None:
            if saved["fingerprint"] != fingerprint:
                raise InvalidParameterError(
                    f"The 'store' folder {str(self.path)!r} holds tiles of a "
                    "different run (other data, columns, method, settings or "
                    "tiling). Use another folder, or delete this one to start again."
                )
            if entropy is not None and saved["entropy"] != entropy:
                raise InvalidParameterError(
                    f"The 'store' folder {str(self.path)!r} was written with another "
                    "'rng' seed. Pass the same seed (or rng=None to reuse the "
                    "stored one), or use another folder."
                )
            entropy = int(saved["entropy"])
        elif entropy is None:
            entropy = int(np.random.default_rng().integers(0, 2**63 - 1))
        self.entropy = int(entropy)
        self._manifest = {
            "format": STORE_FORMAT,
            "fingerprint": fingerprint,
            "entropy": self.entropy,
        }
        text = json.dumps(self._manifest, sort_keys=True)
        self.run = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
        self._manifest["run"] = self.run
        self._has_manifest = saved is not None

    @staticmethod
    def stored_entropy(path: Any) -> int | None:
        """Return the root seed of the store at ``path``; None without a manifest.

        The seed must be known before the columns are prepared (KSG draws each
        column's tie-breaking noise from it), so a resumed ``rng=None`` run
        prepares its columns exactly as the run that wrote the folder did.
        """
        check_store(path)
        saved = _read_manifest(Path(path))
        return None if saved is None else int(saved["entropy"])

    # ------------------------------------------------------------------ #
    def _write_manifest(self) -> None:
        with atomic_path(self.path / _MANIFEST) as tmp:
            tmp.write_text(json.dumps(self._manifest, indent=1), encoding="utf-8")
        self._has_manifest = True

    def _file(self, tile: tuple[int, int]) -> Path:
        return self.path / f"tile-{tile[0]:05d}-{tile[1]:05d}.parquet"

    def _refuse(self, path: Path, reason: str) -> InvalidDataError:
        return InvalidDataError(
            f"The 'store' folder {str(self.path)!r} holds {path.name}, which {reason}; "
            "it is not reused. Delete that file to recompute the tile, or use another "
            "folder (delete this one to start again)."
        )

    # ------------------------------------------------------------------ #
    def load(self) -> dict[tuple[int, int], TileOut]:
        """Verify and read every tile file in the folder; write the manifest.

        Returns
        -------
        dict
            The finished tiles by index.

        Raises
        ------
        InvalidDataError
            Naming the first tile file that is not a verified tile of this run.
        """
        found: dict[tuple[int, int], Path] = {}
        for f in sorted(self.path.iterdir()):
            m = _TILE_NAME.fullmatch(f.name)
            if m is None:
                continue  # not a tile name: temporary files, notes, ...
            tile = (int(m[1]), int(m[2]))
            if tile not in self.grid or f.name != self._file(tile).name:
                raise self._refuse(
                    f,
                    f"is not a tile of this matrix ({len(self.grid)} tiles, named "
                    "tile-AAAAA-BBBBB.parquet with AAAAA <= BBBBB)",
                )
            found[tile] = f
        out = {tile: self._read(f, tile) for tile, f in found.items()}
        if not self._has_manifest:
            self._write_manifest()
        return out

    def write(
        self, out: TileOut, raised: list[tuple[type[Warning], str]] | None = None
    ) -> None:
        """Write one finished tile atomically, with its run id and checksum.

        ``raised``: warnings raised (not returned) while the tile was computed,
        stored with the tile's own so that a resumed run repeats them.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        origin, shape = self.grid[out.tile]
        i, j = _upper_pairs(origin, shape)
        keep = (i - origin[0]).astype(np.intp), (j - origin[1]).astype(np.intp)
        columns: dict[str, np.ndarray] = {
            "i": i,
            "j": j,
            "mi": np.asarray(out.values[keep], dtype=np.float64),
        }
        if out.p_values is not None:
            columns["p_value"] = np.asarray(out.p_values[keep], dtype=np.float64)
        table = pa.table(columns)
        warned = _encode_warnings([*out.warned, *(raised or [])])
        meta = {
            _RUN: self.run.encode(),
            _TILE: f"{out.tile[0]},{out.tile[1]}".encode(),
            _WARNED: warned,
            _SUM: _checksum(self.run, out.tile, warned, *columns.values()).encode(),
        }
        table = table.replace_schema_metadata(meta)
        with atomic_path(self._file(out.tile)) as tmp:
            pq.write_table(table, tmp)

    def _read(self, path: Path, tile: tuple[int, int]) -> TileOut:
        """Read a tile back, verifying it; raise naming the file otherwise."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
        except (pa.ArrowException, OSError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise self._refuse(
                path, f"cannot be read as Parquet ({type(exc).__name__}: {first})"
            ) from None
        meta = table.schema.metadata or {}
        if any(key not in meta for key in (_RUN, _SUM, _TILE, _WARNED)):
            raise self._refuse(
                path, "has no mutinfo tile metadata (run id, warnings, checksum)"
            )
        if meta[_RUN].decode(errors="replace") != self.run:
            raise self._refuse(
                path,
                "was written by another matrix run (other data, columns, method, "
                "settings, tiling or seed)",
            )
        held = meta[_TILE].decode(errors="replace")  # tampered bytes: refused
        if held != f"{tile[0]},{tile[1]}":
            raise self._refuse(path, f"holds tile ({held}), not the one its name says")
        names = ["i", "j", "mi", *(["p_value"] if self.pvalues else [])]
        if table.column_names != names:
            raise self._refuse(
                path, f"has columns {table.column_names}; a tile has {names}"
            )
        origin, shape = self.grid[tile]
        want_i, want_j = _upper_pairs(origin, shape)
        if table.num_rows != want_i.size:
            raise self._refuse(
                path,
                f"has {table.num_rows} rows where the tile has {want_i.size} pairs "
                "(rows missing or added)",
            )
        arrays = {
            name: table.column(name).to_numpy(zero_copy_only=False) for name in names
        }
        if not (
            arrays["i"].dtype == np.int32
            and arrays["j"].dtype == np.int32
            and np.array_equal(arrays["i"], want_i)
            and np.array_equal(arrays["j"], want_j)
        ):
            raise self._refuse(path, "lists other column pairs than the tile's")
        values = [np.asarray(arrays[name], dtype=np.float64) for name in names[2:]]
        if _checksum(
            self.run, tile, meta[_WARNED], arrays["i"], arrays["j"], *values
        ) != meta[_SUM].decode(errors="replace"):
            raise self._refuse(
                path, "does not match its checksum (its values were altered or damaged)"
            )
        keep = (
            (want_i - origin[0]).astype(np.intp),
            (want_j - origin[1]).astype(np.intp),
        )
        block = np.full(shape, np.nan)
        block[keep] = values[0]
        p_block = None
        if self.pvalues:
            p_block = np.full(shape, np.nan)
            p_block[keep] = values[1]
        warned = _decode_warnings(meta[_WARNED])
        if warned is None:
            raise self._refuse(path, "has malformed warnings metadata")
        return TileOut(tile=tile, values=block, p_values=p_block, warned=warned)


def _encode_warnings(warned: list[tuple[type[Warning], str]]) -> bytes:
    """Return a tile's warnings as JSON: ``[[module.Class, message, base], ...]``.

    ``base``: the category's nearest built-in warning class, what a reader
    that cannot find the category itself falls back to.
    """
    rows = [[_qualified(c), str(m), _builtin_base(c).__name__] for c, m in warned]
    return json.dumps(rows).encode()


def _qualified(category: type) -> str:
    return f"{category.__module__}.{category.__qualname__}"


def _builtin_base(category: type[Warning]) -> type[Warning]:
    for base in category.__mro__:
        if base.__module__ == "builtins" and issubclass(base, Warning):
            return base
    return UserWarning  # pragma: no cover - every Warning derives from one


def _find_category(name: str) -> type[Warning] | None:
    """Return the warning class named ``module.Qual.Name``, None if not found.

    Looked up in the modules this process has loaded; mutinfo's own modules
    (its warning classes live in several: ``ClippingWarning`` in
    :mod:`mutinfo.estimators.classifier`) are imported when needed, nothing
    else is.
    """
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module_name = ".".join(parts[:cut])
        module = sys.modules.get(module_name)
        if module is None and parts[0] == "mutinfo":
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                module = None
        if module is None:
            continue
        found: Any = module
        for attr in parts[cut:]:
            found = getattr(found, attr, None)
        if isinstance(found, type) and issubclass(found, Warning):
            return found
    return None


def _decode_warnings(raw: bytes) -> list[tuple[type[Warning], str]] | None:
    """Read :func:`_encode_warnings` back; None if the metadata are malformed.

    A category not found (:func:`_find_category`) falls back to its recorded
    built-in base (``UserWarning`` for rows written without one).
    """
    import builtins

    try:
        rows = json.loads(raw.decode())
        if not isinstance(rows, list):
            return None
        out: list[tuple[type[Warning], str]] = []
        for row in rows:
            if not isinstance(row, list):
                return None
            name, message, *rest = row
            if not (isinstance(name, str) and isinstance(message, str)):
                return None
            base = getattr(builtins, rest[0], None) if rest else None
            if not (isinstance(base, type) and issubclass(base, Warning)):
                base = UserWarning
            out.append((_find_category(name) or base, message))
    except (ValueError, TypeError):  # bad UTF-8 or JSON, rows of other shapes
        return None
    return out


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    """Return a store folder's manifest, None without one (a clear error if broken)."""
    manifest = folder / _MANIFEST
    if not manifest.exists():
        return None
    problem = None
    try:
        saved = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problem = f"cannot be read as JSON ({exc})"
    else:
        if not (
            isinstance(saved, dict)
            and isinstance(saved.get("fingerprint"), dict)
            and isinstance(saved.get("entropy"), int)
        ):
            problem = "is not a mutinfo store manifest"
    if problem is not None:
        raise InvalidDataError(
            f"The 'store' folder {str(folder)!r} has a {_MANIFEST} that "
            f"{problem}. Use another folder, or delete this one to start again."
        )
    return dict(saved)
