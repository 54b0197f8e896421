"""Row rules: the ``row-constraint`` formulas of the package's checklists (``checks/*.json``).

The checklist file is the single source of truth, shared with
``frictionless validate datapackage.json --checklist checks/figures.json``, which runs every
formula on every row of every table (a field a table lacks reads as None). So here: each
formula applies to every table that has a field it reads, the others reading as None. Its
formulas are evaluated on whole columns by :mod:`idlibstats.datapackage.validation.formula`,
with frictionless' verdict. A formula is checked only on the rows whose cells it reads had
no problem reported. A checklist a resource declares (``"checklist"``) must be there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pyarrow as pa

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.locate import DESCRIPTOR, Package, inside, read_regular
from idlibstats.datapackage.validation.check import TableCheck
from idlibstats.datapackage.validation.formula import Formula, column_kind, compile_formula, holds
from idlibstats.datapackage.validation.state import TableState

__all__ = ["CHECKS_DIR", "ROW_RULES", "checklists", "load_checklist"]

CHECKS_DIR = "checks"
"""Folder, next to ``datapackage.json``, of the per-resource checklists (``<name>.json``)."""


def load_checklist(data: bytes | Path, fields: dict[str, str]) -> list[Formula]:
    """Return the row-constraint formulas of a checklist file, checked, in file order.

    ``data`` is a frictionless checklist (``{"checks": [{"type": "row-constraint", ...}]}``)
    or its file; ``fields`` maps every field a formula may read to its Table Schema type.
    Raises ValueError if it is not such a checklist, or holds a check or a formula the
    library cannot run (it would otherwise be skipped without a word).
    """
    if isinstance(data, Path):
        data = data.read_bytes()
    try:
        checklist = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"is not valid UTF-8 JSON: {exc}") from None
    checks = checklist.get("checks") if isinstance(checklist, dict) else None
    if not isinstance(checks, list):
        raise ValueError("must be a JSON object with a 'checks' list")
    formulas = []
    for check in checks:
        if not isinstance(check, dict) or check.get("type") != "row-constraint":
            raise ValueError(f"check {check!r} is not a row-constraint; idlibstats runs only those")
        formula = check.get("formula")
        if not isinstance(formula, str):
            raise ValueError(f"check {check!r} has no formula")
        formulas.append(compile_formula(formula, fields))
    return formulas


def checklists(package: Package) -> list[str]:
    """Return the checklists of a package: those its resources declare, and ``checks/<name>.json``.

    A declared checklist (``"checklist": "checks/<name>.json"``) that is missing is an error,
    not rules switched off; an undeclared ``checks/<resource>.json`` that exists is read too.
    """
    found: dict[str, None] = {}
    for name, resource in package.resources.items():
        declared = resource.get("checklist")
        if isinstance(declared, str) or os.path.lexists(package.root / CHECKS_DIR / f"{name}.json"):
            found[declared if isinstance(declared, str) else f"{CHECKS_DIR}/{name}.json"] = None
    return list(found)


def _rules(state: TableState) -> list[tuple[str, Formula]]:
    """Every formula of the package's checklists that reads a field of this table."""
    package = state.package
    every = {spec["name"]: "string" for resource in package.resources.values()
             for spec in resource["schema"]["fields"]}
    here = {f["name"]: f.get("type", "string") for f in state.fields}
    rules = []
    for rel in checklists(package):
        owners = [name for name, r in package.resources.items() if r.get("checklist") == rel]
        where = f"the checklist of resource {owners[0]}" if owners else "a checklist"
        path = inside(package.root, rel, where)
        try:  # a field of another table only is None in every row here
            formulas = load_checklist(read_regular(path, rel), {**every, **here})
        except DataPackageError as exc:
            message = (f"is missing: {DESCRIPTOR} names it as {where}"
                       if exc.message == "file is missing" else exc.message)
            raise DataPackageError(message, file=rel, code="checklist-error") from None
        except ValueError as exc:
            raise DataPackageError(str(exc), file=rel, code="checklist-error") from None
        rules += [(rel, f) for f in formulas if set(f.names) & set(here)]
    return rules


def _row_rules(state: TableState) -> None:
    try:
        rules = _rules(state)
    except DataPackageError as exc:
        if not state.run.checklist_said:  # once per run, not once per table
            state.run.checklist_said = True
            state.report.add(exc)
        return
    kinds = {f["name"]: column_kind(f.get("type", "string")) for f in state.fields}
    names = dict.fromkeys(name for _, formula in rules for name in formula.names)
    columns = {name: (kinds[name], state.typed[name]) if name in kinds else
               ("str", pa.nulls(state.n, pa.string())) for name in names}
    for rel, formula in rules:
        present = [name for name in formula.names if name in kinds]
        positions = np.flatnonzero(state.usable(*present) & ~holds(formula, columns, state.n))
        texts = {name: state.cells(name, positions) for name in present}
        for k, position in enumerate(positions):
            shown = ", ".join(f"{name}={show(texts[name][k])}" for name in present)
            state.error("row-constraint", f"breaks the rule `{formula.text}` ({rel}): {shown}",
                        int(position), present)


ROW_RULES = TableCheck("row-constraint", lambda state: True, _row_rules)
"""The row rules of the package's checklists, on every table that has a field they read."""
