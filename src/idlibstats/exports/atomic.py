"""Write a file all at once or not at all: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

__all__ = ["write_atomic"]


def _usual_mode(target: Path) -> int:
    """Return the mode ``open(target, "w")`` would give: the old file's, else 0666 & ~umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = False
) -> Path:
    """Write ``data`` to ``path`` atomically.

    The data goes to a temporary file in the same directory, is flushed to disk, and then
    replaces ``path`` in one rename, so a reader (or an interrupted export) sees either the
    old file or the new one, never half of one. The file gets the mode an ordinary write
    would give it (a replaced file keeps its mode; a new one gets ``0666`` less the umask,
    so ``0644`` under the usual ``022``), not the ``0600`` of the temporary file.

    Parameters
    ----------
    path : str or path-like
        The file to write.
    data : str or bytes
        The content; ``str`` is written as UTF-8 with the newlines it holds (no translation).
    overwrite : bool, default False
        Replace an existing file. Without it an existing file is left untouched.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is false.
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    mode = _usual_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        if hasattr(os, "fchmod"):  # POSIX; on Windows the mode bits do not apply
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if not overwrite and target.exists():
            raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
