"""The validation engine: one table read once, every rule of its descriptor checked.

:func:`check_table` compiles the resource's Table Schema (and its checklist) into the checks
of :mod:`idlibstats.datapackage.validation.checks` and runs them in one pass over the table read as
Arrow text: the file's bytes (UTF-8, no BOM, LF line ends, ``bytes`` and ``hash``), the
header and each row's shape (:mod:`~idlibstats.datapackage.validation.source`); then each field's
cells
(required, type, enum, pattern, lengths and limits), field by field; then the keys, the
foreign keys, the row rules and the rules across tables. Every problem is a
:class:`~idlibstats.datapackage.errors.DataPackageError` naming file, row (header = row 1) and
field,
added to one :class:`~idlibstats.datapackage.validation.report.Report`, whose one setting says
whether
the first problem ends the run (the loaders) or all are gathered (``idlibstats validate``).
Nothing is ever written.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import Package
from idlibstats.datapackage.schema import schema_problems
from idlibstats.datapackage.validation.checks import CELL_CHECKS, TABLE_CHECKS
from idlibstats.datapackage.validation.context import TableContext
from idlibstats.datapackage.validation.frame import to_frame
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.source import check_bytes, read_text

__all__ = ["check_table"]


def check_table(package: Package, name: str, report: Report,
                cache: dict[Any, Any] | None = None) -> pd.DataFrame | None:
    """Read resource ``name`` of ``package`` as a typed DataFrame, checking all of it.

    Parameters
    ----------
    package : Package
        An opened package.
    name : str
        The resource name.
    report : Report
        Where problems go: ``Report("first")`` raises the first, ``Report("all")``
        gathers them all.
    cache : dict, optional
        Columns of other tables already read in this run (shared across the tables of
        one ``validate_package``).

    Returns
    -------
    pandas.DataFrame or None
        The typed table (None when it could not be read at all, in ``all`` mode).

    Raises
    ------
    DataPackageError
        In ``first`` mode, the first problem found.
    """
    resource = package.resource(name)
    schema = resource.get("schema")
    problems = schema_problems(schema)
    if problems:
        for problem in problems:
            report.add(DataPackageError(f"resource {name}: {problem}", file="datapackage.json"))
        return None
    rel = resource.get("path") if isinstance(resource.get("path"), str) else name
    data = package.read(name)
    finish = check_bytes(data, resource, rel, report)
    if finish is None:
        return None
    names = [f["name"] for f in schema["fields"]]
    table = read_text(data, resource, rel, names, report)
    finish()
    if table is None:
        return None
    ctx = TableContext(package, name, schema, table, report,
                       cache if cache is not None else {})
    for spec in schema["fields"]:
        for cell_check in CELL_CHECKS:
            cell_check(ctx, spec)
    for table_check in TABLE_CHECKS:
        table_check(ctx)
    return to_frame(schema, ctx.typed, ctx.n)
