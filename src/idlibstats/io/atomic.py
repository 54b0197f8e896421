"""Write a file all at once or not at all: a temporary file beside it, then a rename.

Only a regular file is ever written or replaced: an empty path, a folder, a symbolic link
(dangling or not: a rename would replace the link, not what it points to), a device, a FIFO
or a socket is refused before anything is written, so an export cannot turn
``/dev/stdout`` into a file, and nothing is written outside the target's folder.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

__all__ = ["check_target", "write_atomic"]


def _usual_mode(target: Path) -> int:
    """Return the mode ``open(target, "w")`` would give: the old file's, else 0666 & ~umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def _refuse_unsafe(target: Path, raw: str) -> None:
    """Raise ``OSError`` (with a sentence as ``strerror``) unless ``target`` may be written."""
    if not raw:
        raise OSError(errno.ENOENT, "the output path is empty: name a file", raw)
    if target.is_symlink():
        raise OSError(errno.ELOOP, "is a symbolic link; write to a file path, not a link (it "
                      "would be replaced, not what it points to)", raw)
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", raw)
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "is not a regular file (a device, FIFO or socket); "
                      "exports write only regular files (for standard output, leave -o out)",
                      raw)


def check_target(path: str | os.PathLike[str], overwrite: bool) -> None:
    """Refuse, before any work, a target :func:`write_atomic` would refuse.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is false.
    OSError
        If ``path`` is empty, a folder, a symbolic link, a device, a FIFO or a socket, or
        its folder does not exist or is not a folder.
    """
    raw = os.fspath(path)
    target = Path(raw)
    _refuse_unsafe(target, raw)
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
    _refuse_missing_folder(target)


def _refuse_missing_folder(target: Path) -> None:
    """Raise the ``OSError`` the temporary file beside ``target`` would meet: no such folder.

    The same ``errno`` and ``strerror`` as :func:`write_atomic` gives when it cannot make its
    temporary file there (the folder, not the temporary file, is named), before any work.
    """
    folder = target.parent
    if not stat.S_ISDIR(folder.stat().st_mode):  # FileNotFoundError, NotADirectoryError
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))


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
    OSError
        If ``path`` is empty, a folder, a symbolic link (even a dangling one), a device, a
        FIFO or a socket (``strerror`` says which), or cannot be written.
    """
    check_target(path, overwrite)
    raw = os.fspath(path)
    target = Path(raw)
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
        _refuse_unsafe(target, raw)  # it may have changed while the data was written
        if not overwrite and target.exists():
            raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
