"""The validation engine: one table read once, typed, and every registered check run on it.

:func:`check_table` checks the resource's descriptor (:mod:`idlibstats.datapackage.schema`),
then the file's bytes (UTF-8, no BOM, LF line ends, ``bytes`` and ``hash``), its header and
each row's shape, reading every cell as Arrow text (:mod:`.source`); types every field
(:mod:`.types`); runs the checks it is given, in order (:mod:`.check`; the package's are
:data:`idlibstats.datapackage.registry.CHECKS`); and returns the typed DataFrame
(:mod:`.frame`). Every problem is a :class:`~idlibstats.datapackage.errors.DataPackageError`
with a code, naming file, row (header = row 1) and field, added to one
:class:`~idlibstats.datapackage.validation.report.Report`, which raises the first (the
loaders) or gathers them all (``idlibstats validate``). Nothing is ever written.
"""

from __future__ import annotations

import pandas as pd

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import DESCRIPTOR
from idlibstats.datapackage.schema import schema_problems
from idlibstats.datapackage.validation.check import Check, run_checks
from idlibstats.datapackage.validation.frame import to_frame
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.source import check_bytes, read_text
from idlibstats.datapackage.validation.state import RunState, TableState
from idlibstats.datapackage.validation.types import type_columns

__all__ = ["check_table"]


def check_table(run: RunState, name: str, report: Report,
                checks: tuple[Check, ...]) -> pd.DataFrame | None:
    """Read resource ``name`` as a typed DataFrame, checking all of it.

    Parameters
    ----------
    run : RunState
        The run: the opened package, and what its tables share.
    name : str
        The resource name.
    report : Report
        Where errors go (raised at the first, or gathered).
    checks : tuple of Check
        The checks to run after the table is read and typed, in order.

    Returns
    -------
    pandas.DataFrame or None
        The typed table (None when it could not be read at all, errors gathered).

    Raises
    ------
    DataPackageError
        When ``report`` stops at the first error: that error.
    """
    resource = run.package.resource(name)
    schema = resource.get("schema")
    problems = schema_problems(schema)
    for problem in problems:
        report.add(DataPackageError(f"resource {name}: {problem}", file=DESCRIPTOR,
                                    code="schema-error"))
    if problems:
        return None
    rel = resource.get("path") if isinstance(resource.get("path"), str) else name
    data = run.package.read(name)
    finish = check_bytes(data, resource, rel, report)
    if finish is None:
        return None
    table = read_text(data, resource, rel, [f["name"] for f in schema["fields"]], report)
    finish()
    if table is None:
        return None
    state = TableState(run, name, schema, table, report)
    type_columns(state)
    run_checks(state, checks)
    return to_frame(schema, state.typed, state.n)
