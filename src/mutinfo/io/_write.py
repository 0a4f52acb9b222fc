"""Safe output files: never an input, never through a link unasked, always atomic.

Every file mutinfo writes (CLI outputs, plots, demo reports, matrix store
tiles and manifests) goes through :func:`atomic_path`: the content is written
to a temporary file in the same folder, then renamed over the target with
:func:`os.replace`, so a reader (or a rerun after a kill) sees the old file or
the whole new one, never half of one. Command-line outputs are first checked
by :func:`check_output`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

from mutinfo.exceptions import InvalidParameterError

__all__ = ["atomic_path", "check_output"]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return a.resolve() == b.resolve()


def check_output(
    path: str | os.PathLike[str],
    *,
    option: str,
    inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
    folder: bool = False,
    exist_ok: bool = True,
) -> Path:
    r"""Check an output path; return the path to write to.

    Parameters
    ----------
    path : str or os.PathLike
        Where the output goes.
    option : str
        The option that named it (``"--output"``), for the messages.
    inputs : iterable of paths, default=()
        Files the command reads; the output may never be one of them (nor a
        link or hard link to one), ``force`` or not.
    force : bool, default=False
        Allow a symbolic link at ``path``: the link is followed and its target
        is written. Without it such a path is refused.
    folder : bool, default=False
        ``path`` is a folder that files are written into (created if missing).
    exist_ok : bool, default=True
        Allow an existing file at ``path`` (it is replaced). The command line
        passes its ``--force``: an existing output is never replaced unasked.

    Returns
    -------
    Path
        ``path``, or the link's target under ``force``.

    Raises
    ------
    InvalidParameterError
        For an input file, a symbolic link without ``force``, an existing file
        without ``exist_ok``, or a path of the wrong type (a folder where a file
        is expected, or the reverse).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.csv").write_text("a,b\n1,2\n")
    >>> check_output(d / "out.csv", option="--output", inputs=[d / "in.csv"]).name
    'out.csv'
    >>> check_output(d / "in.csv", option="--output", inputs=[d / "in.csv"])
    Traceback (most recent call last):
    ...
    mutinfo.exceptions.InvalidParameterError: The '--output' path ... is an input ...
    """
    p = Path(path)
    if p.is_symlink():
        if not force:
            raise InvalidParameterError(
                f"The {option!r} path {str(p)!r} is a symbolic link (to "
                f"{os.readlink(p)!r}); mutinfo does not write through links unless "
                "asked. Choose another path, remove the link, or pass --force to "
                "write to the link's target."
            )
        p = p.resolve()
    for source in inputs:
        if str(source) != "-" and _same_file(p, Path(source)):
            raise InvalidParameterError(
                f"The {option!r} path {str(path)!r} is an input of this command "
                f"({str(source)!r}); mutinfo never overwrites its input. Write to "
                "another path."
            )
    if folder:
        if p.exists() and not p.is_dir():
            raise InvalidParameterError(
                f"The {option!r} path {str(path)!r} is a file; it must be a folder "
                "(created if missing)."
            )
    elif p.is_dir():
        raise InvalidParameterError(
            f"The {option!r} path {str(path)!r} is a folder; give a file path."
        )
    elif not exist_ok and p.exists():
        raise InvalidParameterError(
            f"The {option!r} path {str(path)!r} exists; mutinfo does not replace a "
            "file unless asked. Pass --force to replace it, or choose another path."
        )
    return p


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    r"""Yield a temporary path next to ``target``; rename it over ``target`` on success.

    The temporary file is created empty (permissions from the umask, as for a
    new file) in ``target``'s folder, with a hidden name ending in ``target``'s
    suffix (so writers that pick the format from the suffix still work). When
    the ``with`` block finishes it replaces ``target`` atomically
    (:func:`os.replace`; a symbolic link at ``target`` is replaced, not
    followed); when the block raises it is removed and ``target`` is left as
    it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "pairs.csv"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("x,y\n")
    >>> out.read_text()
    'x,y\n'
    """
    target = Path(target)
    while True:
        tmp = target.with_name(
            f".{target.name}.{secrets.token_hex(4)}.tmp{target.suffix}"
        )
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:  # pragma: no cover - a random name taken
            continue
        os.close(fd)
        break
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
