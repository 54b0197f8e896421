"""A few columns of another table, for the checks that read one (foreign keys, cross-table rules).

They are read as text after the file's bytes, hash and header are checked; never typed.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import Package
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.source import check_bytes, read_text

__all__ = ["declares", "read_columns"]


def declares(package: Package, name: str, fields: list[str]) -> bool:
    """Tell whether the package has resource ``name`` declaring every one of ``fields``."""
    if name not in package.resources:
        return False
    schema = package.resource(name).get("schema") or {}
    declared = {f.get("name") for f in schema.get("fields", []) if isinstance(f, dict)}
    return set(fields) <= declared


def read_columns(package: Package, name: str, fields: list[str],
                 cache: dict[Any, Any] | None = None) -> pa.Table:
    """Return columns ``fields`` of resource ``name`` as text.

    Parameters
    ----------
    package : Package
        The opened package.
    name : str
        The resource to read.
    fields : list of str
        The columns wanted.
    cache : dict, optional
        Columns already read in this run, by ``(name, fields)``; the result is added.

    Returns
    -------
    pyarrow.Table
        The columns, every cell as text.

    Raises
    ------
    DataPackageError
        If that file cannot be read, does not fit its descriptor's bytes, hash or header,
        or lacks one of ``fields``.
    """
    tag = ("columns", name, tuple(fields))
    if cache is not None and tag in cache:
        return cache[tag]
    resource = package.resource(name)
    names = [f["name"] for f in resource["schema"]["fields"]]
    for f in fields:
        if f not in names:
            raise DataPackageError(f"foreign key points to {name}.{f}, which is not a field",
                                   file="datapackage.json")
    data = package.read(name)
    report = Report("first")
    finish = check_bytes(data, resource, resource["path"], report)
    table = read_text(data, resource, resource["path"], names, report, include=fields)
    if finish is not None:
        finish()
    assert table is not None  # first-error mode: a problem has been raised
    if cache is not None:
        cache[tag] = table.text
    return table.text
