"""Curators' tool: record each CSV's ``bytes`` and ``hash`` in ``datapackage.json``."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import DESCRIPTOR, PackageArg, open_package, read_regular
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.source import check_bytes, utf8_error
from idlibstats.io.atomic import write_atomic

__all__ = ["stamp"]


def stamp(package: PackageArg = None) -> list[str]:
    """Update ``bytes`` and ``hash`` (``sha256:<hex>``) of every resource in the descriptor.

    Run it after a deliberate edit of a CSV. A file the package rules refuse at the byte
    level (empty, a UTF-8 BOM, CR or CRLF line ends) is not stamped: its hash would make
    ``frictionless validate`` accept bytes that ``idlibstats`` rejects. Only ``bytes`` and
    ``hash`` change; the descriptor keeps its key order and is written with a 2-space
    indent and a trailing newline, atomically (all resources or none), and only when
    something changed.

    Parameters
    ----------
    package : str or path-like, optional
        A package directory or its ``datapackage.json``.

    Returns
    -------
    list of str
        The names of the resources whose ``bytes`` or ``hash`` changed.

    Raises
    ------
    DataPackageError
        If a resource's path is unsafe, its file is missing, or its bytes are refused; if
        the descriptor gives a key twice in one object (rewriting it would drop one), or
        cannot be written (a read-only file system).
    """
    package = open_package(package)
    text = read_regular(package.root / DESCRIPTOR, DESCRIPTOR).decode("utf-8")
    json.loads(text, object_pairs_hook=_refuse_repeated_keys)  # a rewrite would drop one
    changed = []
    for name, resource in package.resources.items():
        data = package.read(name)
        check_bytes(data, {}, resource["path"], Report(stop_at_first=True))
        problem = utf8_error(data, resource["path"])
        if problem is not None:
            raise problem
        new = {"bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}
        if any(resource.get(key) != value for key, value in new.items()):
            resource.update(new)
            changed.append(name)
    if changed:
        text = json.dumps(package.descriptor, indent=2, ensure_ascii=False) + "\n"
        try:
            write_atomic(package.root / DESCRIPTOR, text, overwrite=True)
        except OSError as exc:  # a read-only file system, no permission, disk full...
            raise DataPackageError(f"cannot be written: {exc.strerror or exc}",
                                   file=DESCRIPTOR, code="write-error") from None
    return changed


def _refuse_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object, refusing a key given twice (json keeps the last, silently)."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DataPackageError(
                f"key {key!r} appears twice in one object; stamp rewrites the file and would "
                "keep only the last: remove one first", file=DESCRIPTOR, code="package-error")
        seen[key] = value
    return seen
