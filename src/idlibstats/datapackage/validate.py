"""Validate a whole package: every table, every problem, read-only; a report for programs too.

:func:`validate_package` lists every problem; :func:`validation_report` gives the same
problems grouped as frictionless groups them (the package's own errors, then one task per
table, with counts), which ``idlibstats validate --json`` writes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import DESCRIPTOR, Package, PackageArg, open_package
from idlibstats.datapackage.registry import CHECKS
from idlibstats.datapackage.validation import Report, RunState, check_table
from idlibstats.datapackage.validation.checklist import CHECKS_DIR

__all__ = ["PackageReport", "TableReport", "validate_package", "validation_report"]


@dataclass
class TableReport:
    """The problems of one table (a frictionless 'task').

    Attributes
    ----------
    name : str
        The resource name.
    place : str or None
        Its file, as a path inside the package.
    fields, rows : int or None
        How many fields its schema has, and rows were read (None: the file was not read).
    errors : list of DataPackageError
        Its problems, file-level first, then by row.
    seconds : float
        Time taken.
    """

    name: str
    place: str | None
    fields: int | None = None
    rows: int | None = None
    errors: list[DataPackageError] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the task as frictionless's JSON report writes one."""
        return {"name": self.name, "type": "table", "place": self.place,
                "valid": not self.errors,
                "stats": {"errors": len(self.errors), "warnings": 0, "fields": self.fields,
                          "rows": self.rows, "seconds": round(self.seconds, 3)},
                "warnings": [], "errors": [e.to_dict() for e in self.errors]}


@dataclass
class PackageReport:
    """Every problem of a package: its own (the descriptor, the checklists), then by table.

    Attributes
    ----------
    package : Package or None
        The package (None when it could not be opened).
    errors : list of DataPackageError
        Problems of the package as a whole (``datapackage.json``, ``checks/``).
    tasks : list of TableReport
        One per table, in descriptor order.
    seconds : float
        Time taken.
    """

    package: Package | None = None
    errors: list[DataPackageError] = field(default_factory=list)
    tasks: list[TableReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def valid(self) -> bool:
        """True when there is no problem at all."""
        return not self.problems()

    def problems(self) -> list[DataPackageError]:
        """Return every problem: the package's own, then each table's."""
        return self.errors + [e for task in self.tasks for e in task.errors]

    def to_dict(self) -> dict[str, Any]:
        """Return the report shaped as ``frictionless validate --json`` writes one.

        ``valid``, ``stats`` (``tasks``, ``errors``, ``warnings``, ``seconds``), ``warnings``,
        ``errors`` (the package's own) and ``tasks`` (one per table, each with its ``name``,
        ``place``, ``valid``, ``stats`` and ``errors``); each error has ``type`` (its code),
        ``title``, ``message``, ``note`` and, where they apply, ``place``, ``rowNumber``,
        ``fieldName`` or ``fieldNames``.
        """
        return {"valid": self.valid,
                "stats": {"tasks": len(self.tasks), "errors": len(self.problems()),
                          "warnings": 0, "seconds": round(self.seconds, 3)},
                "warnings": [], "errors": [e.to_dict() for e in self.errors],
                "tasks": [task.to_dict() for task in self.tasks]}


def _descriptor_problems(package: Package) -> list[DataPackageError]:
    problems = []
    names = [res.get("name") if isinstance(res, dict) else None
             for res in package.descriptor["resources"]]
    for i, name in enumerate(names):
        if not isinstance(name, str) or not name:
            problems.append(DataPackageError(f"resource {i + 1} has no name", file=DESCRIPTOR,
                                             code="resource-error"))
        elif names.count(name) > 1 and names.index(name) == i:
            problems.append(DataPackageError(f"resource name {name!r} is used twice",
                                             file=DESCRIPTOR, code="resource-error"))
    for fk_owner, res in package.resources.items():
        schema = res.get("schema") if isinstance(res.get("schema"), dict) else {}
        for fk in schema.get("foreignKeys", []) or []:
            ref = (fk.get("reference", {}) or {}) if isinstance(fk, dict) else {}
            target = ref.get("resource")
            if target and target not in package.resources:
                problems.append(DataPackageError(
                    f"resource {fk_owner}: foreign key points to resource {target!r}, which the "
                    "package does not have", file=DESCRIPTOR, code="schema-error"))
    checks = package.root / CHECKS_DIR
    if checks.is_dir():
        for path in sorted(checks.glob("*.json")):
            if path.stem not in package.resources:
                problems.append(DataPackageError(
                    f"checklist for resource {path.stem!r}, which the package does not have",
                    file=f"{CHECKS_DIR}/{path.name}", code="checklist-error"))
    return problems


def validation_report(package: PackageArg = None) -> PackageReport:
    """Return every problem found in a data package, grouped by table, with counts.

    Checks what the loader checks, for every table, and gathers all problems instead of
    stopping at the first (see :func:`validate_package`). Reads only; writes nothing.

    Parameters
    ----------
    package : str, path-like or Package, optional
        A package directory or its ``datapackage.json``; by default the package found by
        :func:`idlibstats.datapackage.locate.locate_package`.

    Returns
    -------
    PackageReport
        The package's own problems and one :class:`TableReport` per table;
        :meth:`PackageReport.to_dict` is frictionless's JSON report shape.
    """
    start = time.perf_counter()
    try:
        opened = open_package(package)
    except DataPackageError as exc:
        return PackageReport(errors=[exc], seconds=time.perf_counter() - start)
    report = PackageReport(opened, _descriptor_problems(opened))
    run = RunState(opened)
    for name, resource in opened.resources.items():
        if not isinstance(name, str):
            continue
        began = time.perf_counter()
        schema = resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        path = resource.get("path")
        task = TableReport(name, path if isinstance(path, str) else None,
                           len(fields) if isinstance(fields, list) else None)
        table = Report(stop_at_first=False)
        try:
            state = check_table(run, name, table, CHECKS)
            task.rows = None if state is None else state.n
        except DataPackageError as exc:  # the descriptor points nowhere readable
            table.errors.append(exc)
        except OSError as exc:
            table.errors.append(DataPackageError(f"cannot be read: {exc.strerror}",
                                                 file=task.place, code="scheme-error"))
        task.errors = sorted(table.errors, key=lambda p: p.row or 0)
        task.seconds = time.perf_counter() - began
        report.tasks.append(task)
    report.seconds = time.perf_counter() - start
    return report


def validate_package(package: PackageArg = None) -> list[DataPackageError]:
    """Return every problem found in a data package (an empty list: the package is valid).

    Checks what the loader checks, for every table, and gathers all problems instead of
    stopping at the first: the descriptor (resource names, paths inside the package,
    schemas the library can enforce, foreign-key targets), each CSV's bytes (UTF-8, no BOM,
    LF line ends, ``bytes`` and ``hash``), header, row shapes, types, constraints, primary
    and foreign keys, the row rules of ``checks/<resource>.json`` and the package's own
    rules. Reads only; writes nothing.

    Parameters
    ----------
    package : str, path-like or Package, optional
        A package directory or its ``datapackage.json``; by default the package found by
        :func:`idlibstats.datapackage.locate.locate_package`.

    Returns
    -------
    list of DataPackageError
        One per problem, each with its ``code`` and naming file, row and field where they
        apply; the package's own first, then the tables in descriptor order, file-level
        problems first, then by row.

    Examples
    --------
    >>> for problem in validate_package("path/to/package"):  # doctest: +SKIP
    ...     print(problem.code, problem)
    type-error data/figures.csv, row 7, field period_end: is not a date (YYYY-MM-DD): '2019-02-30'
    """
    return validation_report(package).problems()
