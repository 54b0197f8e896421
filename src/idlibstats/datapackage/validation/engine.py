"""The engine: one table read once (:mod:`.source`), typed (:mod:`.types`), then checked.

Every problem is a :class:`~idlibstats.datapackage.errors.DataPackageError` with a code,
added to one :class:`~.report.Report`. Nothing is ever written.
"""

from __future__ import annotations

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import DESCRIPTOR
from idlibstats.datapackage.schema import schema_problems
from idlibstats.datapackage.validation.check import Check, run_checks
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.source import check_bytes, read_text
from idlibstats.datapackage.validation.state import RunState, TableState
from idlibstats.datapackage.validation.types import type_columns

__all__ = ["check_table"]


def check_table(run: RunState, name: str, report: Report,
                checks: tuple[Check, ...]) -> TableState | None:
    """Read resource ``name`` of ``run``'s package as typed columns, checking all of it.

    Parameters
    ----------
    run : RunState
        The run: the opened package, and what its tables share.
    name : str
        The resource name.
    report : Report
        Where errors go: raised at the first (a DataPackageError), or gathered.
    checks : tuple of Check
        The checks to run once the table is read and typed, in order.

    Returns
    -------
    TableState or None
        The table read and typed; None when it could not be read at all.
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
    return state
