"""Validate a whole package: every table, keys, hashes and row rules; every problem, read-only."""

from __future__ import annotations

import os
from typing import Any

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import DESCRIPTOR, Package, open_package
from idlibstats.datapackage.validation.checks.row_rules import CHECKS_DIR
from idlibstats.datapackage.validation.engine import check_table
from idlibstats.datapackage.validation.report import Report

__all__ = ["validate_package"]


def _descriptor_problems(package: Package) -> list[DataPackageError]:
    problems = []
    names = [res.get("name") if isinstance(res, dict) else None
             for res in package.descriptor["resources"]]
    for i, name in enumerate(names):
        if not isinstance(name, str) or not name:
            problems.append(DataPackageError(f"resource {i + 1} has no name", file=DESCRIPTOR))
        elif names.count(name) > 1 and names.index(name) == i:
            problems.append(DataPackageError(f"resource name {name!r} is used twice",
                                             file=DESCRIPTOR))
    for fk_owner, res in package.resources.items():
        schema = res.get("schema") if isinstance(res.get("schema"), dict) else {}
        for fk in schema.get("foreignKeys", []) or []:
            ref = (fk.get("reference", {}) or {}) if isinstance(fk, dict) else {}
            target = ref.get("resource")
            if target and target not in package.resources:
                problems.append(DataPackageError(
                    f"resource {fk_owner}: foreign key points to resource {target!r}, which the "
                    "package does not have", file=DESCRIPTOR))
    checks = package.root / CHECKS_DIR
    if checks.is_dir():
        for path in sorted(checks.glob("*.json")):
            if path.stem not in package.resources:
                problems.append(DataPackageError(
                    f"checklist for resource {path.stem!r}, which the package does not have",
                    file=f"{CHECKS_DIR}/{path.name}"))
    return problems


def validate_package(package: str | os.PathLike[str] | None = None) -> list[DataPackageError]:
    """Return every problem found in a data package (an empty list: the package is valid).

    Checks what the loader checks, for every table, and gathers all problems instead of
    stopping at the first: the descriptor (resource names, paths inside the package,
    schemas the library can enforce, foreign-key targets), each CSV's bytes (UTF-8, no BOM,
    LF line ends, ``bytes`` and ``hash``), header, row shapes, types, constraints, primary
    and foreign keys, and the row rules of ``checks/<resource>.json``. Reads only; writes
    nothing.

    Parameters
    ----------
    package : str or path-like, optional
        A package directory or its ``datapackage.json``; by default the package found by
        :func:`idlibstats.datapackage.locate.locate_package`.

    Returns
    -------
    list of DataPackageError
        One per problem, each naming file, row and field where they apply; tables in
        descriptor order, file-level problems first, then by row.

    Examples
    --------
    >>> for problem in validate_package("path/to/package"):  # doctest: +SKIP
    ...     print(problem)
    data/figures.csv, row 7, field period_end: is not a date (YYYY-MM-DD): '2019-02-30'
    """
    try:
        package = open_package(package)
    except DataPackageError as exc:
        return [exc]
    problems = _descriptor_problems(package)
    cache: dict[Any, Any] = {}
    for name in package.resources:
        if not isinstance(name, str):
            continue
        report = Report("all")
        try:
            check_table(package, name, report, cache)
        except DataPackageError as exc:  # the descriptor points nowhere readable
            report.problems.append(exc)
        except OSError as exc:
            report.problems.append(DataPackageError(f"cannot be read: {exc.strerror}",
                                                    file=package.resource(name).get("path")))
        problems += sorted(report.problems, key=lambda p: p.row or 0)
    return problems
