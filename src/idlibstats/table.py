"""Read one table of a data package and check it against its descriptor: the loader's core.

Everything the descriptor says is enforced, vectorised, in this order: the file's bytes
(UTF-8, no BOM, LF line ends, ``bytes`` and ``hash``), the header and the shape of every
row (:mod:`idlibstats.rawcsv`); each field's type and constraints (:mod:`idlibstats.cells`);
the primary key, ``unique`` fields and the foreign keys (:mod:`idlibstats.keys`); the row
rules of ``checks/<resource>.json`` (here, with :mod:`idlibstats.rowrules`); the rules across
tables (:mod:`idlibstats.crosschecks`); a number as written that does not say its value, or
is not in its excerpt (:mod:`idlibstats.wording`).
A problem is a :class:`~idlibstats.errors.DataPackageError` naming file, row (as a
spreadsheet counts: header = row 1) and field. In ``raise`` mode (the loader) the first
problem is raised; in ``collect`` mode (``idlibstats validate``) every problem is gathered.
Nothing is ever written; a table that passed every check is remembered in-process
(:data:`_TRUSTED`), so that loading it again unchanged only types it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np
import pandas as pd

from idlibstats import rowrules
from idlibstats.cells import typed_column
from idlibstats.crosschecks import depends_on, run_cross_checks
from idlibstats.errors import DataPackageError, Sink, show
from idlibstats.keys import check_foreign_keys, check_unique, primary_key
from idlibstats.package import Package
from idlibstats.rawcsv import RawTable, check_bytes, parse
from idlibstats.schema import missing_values, schema_problems
from idlibstats.wording import wording_problems

__all__ = ["CHECKS_DIR", "Sink", "check_bytes", "forget_checked_tables", "read_table"]

CHECKS_DIR = "checks"
"""Folder, next to ``datapackage.json``, of the per-resource checklists (``<name>.json``)."""


# ---------------------------------------------------------------- row rules


def _row_rules(package: Package, name: str, table: RawTable, frame: pd.DataFrame,
               sink: Sink) -> None:
    """Report each row that breaks a formula of ``checks/<name>.json``.

    A formula is checked only on the rows whose cells it reads had no problem reported.
    """
    path = package.root / CHECKS_DIR / f"{name}.json"
    if not path.is_file():
        return
    rel = f"{CHECKS_DIR}/{name}.json"
    try:
        formulas = rowrules.load_checklist(path)
    except ValueError as exc:
        sink.add(DataPackageError(str(exc), file=rel))
        return
    for formula in formulas:
        used = [n for n in rowrules.formula_names(formula) if n in frame.columns]
        kept = np.flatnonzero(table.usable(*used))  # rows whose cells it reads are sound
        rows = frame if len(kept) == len(frame) else frame.iloc[kept]
        holds = rowrules.rule_holds(formula, rows)
        if holds.all():
            continue
        for pos in np.flatnonzero(~holds):
            i = int(kept[pos])
            shown = ", ".join(f"{n}={show(table.text[n].iloc[i])}" for n in used)
            sink.add(DataPackageError(f"breaks the rule `{formula}` ({rel}): {shown}",
                                      file=table.rel, row=i + 2, field=", ".join(used) or None))


# ---------------------------------------------------------------- the whole table


def read_table(package: Package, name: str, sink: Sink,
               cache: dict[Any, Any] | None = None) -> pd.DataFrame | None:
    """Read resource ``name`` of ``package`` as a typed DataFrame, checking all of it.

    Parameters
    ----------
    package : Package
        An opened package.
    name : str
        The resource name.
    sink : Sink
        ``Sink()`` raises the first problem; ``Sink(collect=True)`` gathers them all.
    cache : dict, optional
        Referenced key sets already read (shared across tables by ``validate_package``).

    Returns
    -------
    pandas.DataFrame or None
        The typed table (None when it could not be read at all, in collect mode).

    Raises
    ------
    DataPackageError
        In raise mode, the first problem found.
    """
    resource = package.resource(name)
    schema = resource.get("schema")
    rel = resource.get("path") if isinstance(resource.get("path"), str) else name
    problems = schema_problems(schema)
    if problems:
        for problem in problems:
            sink.add(DataPackageError(f"resource {name}: {problem}", file="datapackage.json"))
        return None
    path = package.resource_path(name)
    data = path.read_bytes()
    finish = check_bytes(data, resource, rel, sink)
    if finish is None:
        return None
    names = [f["name"] for f in schema["fields"]]
    context = None if sink.collect else _context(package, name, resource)
    trusted = context is not None and _TRUSTED.get((str(package.root), name)) is not None
    table = parse(data, resource, rel, names, sink, shapes=not trusted)
    sha256 = finish()
    if table is None:
        return None
    key = (str(package.root), name)
    fingerprint = (sha256, context)
    if trusted and _TRUSTED.get(key) != fingerprint:  # changed since it was checked: check all
        _TRUSTED.pop(key, None)
        table = parse(data, resource, rel, names, sink)
        assert table is not None
        trusted = False
    table.trusted = trusted
    missing = missing_values(schema)
    pk = set(primary_key(schema))
    columns = {}
    for spec in schema["fields"]:
        spec = {**spec, "_key": spec["name"] in pk}
        columns[spec["name"]] = typed_column(table, spec, missing, sink)
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(len(frame))
    if not trusted:
        check_unique(table, schema, sink, missing)
        check_foreign_keys(package, name, table, schema, missing, sink, cache)
        _row_rules(package, name, table, frame, sink)
        run_cross_checks(package, name, table, sink)
        for problem in wording_problems(table, frame):
            sink.add(problem)
        if context is not None:  # raise mode: reaching here means every check passed
            _TRUSTED[key] = fingerprint
            while len(_TRUSTED) > _TRUSTED_MAX:
                _TRUSTED.pop(next(iter(_TRUSTED)))
    return frame


_TRUSTED: dict[tuple[str, str], tuple[str, Any]] = {}
"""Tables whose exact bytes, descriptor, checklist and referenced files passed every check.

In-process memory only (nothing is written): loading the same unchanged table again only
re-verifies its hash and the fingerprint, then types it without re-running the checks.
"""
_TRUSTED_MAX = 64


def forget_checked_tables() -> None:
    """Forget which tables passed their checks, so the next load checks everything again."""
    _TRUSTED.clear()


def _context(package: Package, name: str, resource: dict[str, Any]) -> Any:
    """Everything besides the table's own bytes that its checks depend on."""
    checklist = package.root / CHECKS_DIR / f"{name}.json"
    refs = []
    targets = [(fk.get("reference") or {}).get("resource") or name
               for fk in resource["schema"].get("foreignKeys", []) or []]
    for target in targets + depends_on(name):  # + tables the cross-table rules read
        if target != name and target in package.resources:
            try:
                target_bytes = package.resource_path(target).read_bytes()
            except DataPackageError:
                return None
            refs.append((target, json.dumps(package.resource(target), sort_keys=True),
                         hashlib.sha256(target_bytes).hexdigest()))
    return (json.dumps(resource, sort_keys=True),
            checklist.read_bytes() if checklist.is_file() else None, tuple(refs))
