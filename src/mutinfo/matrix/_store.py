"""Streaming finished tiles to Parquet, and resuming an interrupted run from them."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from mutinfo.exceptions import InvalidParameterError, MissingDependencyError
from mutinfo.matrix._tiles import TileOut

__all__ = ["TileStore", "data_digest"]

_MANIFEST = "manifest.json"


def data_digest(*arrays: np.ndarray) -> str:
    """Return a short hash of the data, so a store is never resumed on other data."""
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        h.update(str(a.shape).encode())
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


class TileStore:
    """A folder of ``tile-<a>-<b>.parquet`` files plus a manifest of the run.

    Each finished tile is written atomically (to a temporary name, then
    renamed), so an interruption leaves only whole tiles; a later call with the
    same data and settings reads them back and computes only the rest.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        fingerprint: dict[str, Any],
        entropy: int | None,
    ) -> None:
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
        manifest = self.path / _MANIFEST
        if manifest.exists():
            saved = json.loads(manifest.read_text())
            if saved.get("fingerprint") != fingerprint:
                raise InvalidParameterError(
                    f"The 'store' folder {str(self.path)!r} holds tiles of a "
                    "different run (other data, columns, method or settings). Use "
                    "another folder, or delete this one to start again."
                )
            if entropy is not None and saved["entropy"] != entropy:
                raise InvalidParameterError(
                    f"The 'store' folder {str(self.path)!r} was written with another "
                    "'rng' seed. Pass the same seed (or rng=None to reuse the "
                    "stored one), or use another folder."
                )
            self.entropy = int(saved["entropy"])
        else:
            if entropy is None:
                entropy = int(np.random.default_rng().integers(0, 2**63 - 1))
            self.entropy = entropy
            tmp = manifest.with_suffix(".tmp")
            tmp.write_text(
                json.dumps({"fingerprint": fingerprint, "entropy": entropy}, indent=1)
            )
            os.replace(tmp, manifest)

    def _file(self, tile: tuple[int, int]) -> Path:
        return self.path / f"tile-{tile[0]:05d}-{tile[1]:05d}.parquet"

    def done(self) -> set[tuple[int, int]]:
        """Tiles already on disk."""
        out = set()
        for f in self.path.glob("tile-*-*.parquet"):
            _, a, b = f.stem.split("-")
            out.add((int(a), int(b)))
        return out

    def write(self, out: TileOut) -> None:
        """Write one finished tile atomically."""
        import pandas as pd

        rows, cols = np.indices(out.values.shape)
        frame = pd.DataFrame(
            {
                "row": rows.ravel().astype(np.int32),
                "col": cols.ravel().astype(np.int32),
                "mi": out.values.ravel(),
            }
        )
        if out.p_values is not None:
            frame["p_value"] = out.p_values.ravel()
        target = self._file(out.tile)
        tmp = target.with_name(target.name + ".tmp")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, target)

    def read(self, tile: tuple[int, int], shape: tuple[int, int]) -> TileOut:
        """Read a finished tile back."""
        import pandas as pd

        frame = pd.read_parquet(self._file(tile))
        rows, cols = frame["row"].to_numpy(), frame["col"].to_numpy()
        values = np.full(shape, np.nan)
        values[rows, cols] = frame["mi"].to_numpy()
        p_values = None
        if "p_value" in frame.columns:
            p_values = np.full(shape, np.nan)
            p_values[rows, cols] = frame["p_value"].to_numpy()
        return TileOut(tile=tile, values=values, p_values=p_values, warned=[])
