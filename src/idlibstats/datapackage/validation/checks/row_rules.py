"""Row rules: the ``row-constraint`` formulas of ``checks/<resource>.json``.

The checklist file is the single source of truth, shared with
``frictionless validate --checklist``; its formulas are evaluated on whole columns by
:mod:`idlibstats.datapackage.validation.formula`, with frictionless' verdict. A formula is checked
only
on the rows whose cells it reads had no problem reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.validation.context import TableContext
from idlibstats.datapackage.validation.formula import (
    Formula,
    column_kind,
    compile_formula,
    holds,
    typed_column,
)

CHECKS_DIR = "checks"
"""Folder, next to ``datapackage.json``, of the per-resource checklists (``<name>.json``)."""


def load_checklist(path: Path, fields: dict[str, str]) -> list[Formula]:
    """Return the row-constraint formulas of a checklist file, checked.

    Parameters
    ----------
    path : pathlib.Path
        A frictionless checklist (``{"checks": [{"type": "row-constraint", ...}]}``).
    fields : dict
        Field name -> Table Schema type of the table it applies to.

    Returns
    -------
    list of Formula
        The formulas, in file order.

    Raises
    ------
    ValueError
        If the file is not such a checklist, or holds a check or a formula the library
        cannot run (it would otherwise be skipped without a word).
    """
    try:
        checklist = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
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


def check(ctx: TableContext) -> None:
    """Report each row that breaks a formula of ``checks/<resource>.json``."""
    path = ctx.package.root / CHECKS_DIR / f"{ctx.name}.json"
    if not path.is_file():
        return
    rel = f"{CHECKS_DIR}/{ctx.name}.json"
    types = {f["name"]: f.get("type", "string") for f in ctx.schema["fields"]}
    try:
        formulas = load_checklist(path, types)
    except ValueError as exc:
        ctx.report.add(DataPackageError(str(exc), file=rel))
        return
    columns: dict[str, tuple[str, object]] = {}
    for formula in formulas:
        for name in formula.names:
            if name not in columns:
                columns[name] = (column_kind(types[name]), typed_column(ctx.typed[name]))
        usable = ctx.usable(*formula.names)
        broken = usable & ~holds(formula, columns, ctx.n)
        if not broken.any():
            continue
        positions = np.flatnonzero(broken)
        texts = {name: ctx.text(name).take(positions).to_pylist() for name in formula.names}
        for k, pos in enumerate(positions):
            shown = ", ".join(f"{name}={show(texts[name][k])}" for name in formula.names)
            ctx.report.add(DataPackageError(
                f"breaks the rule `{formula.text}` ({rel}): {shown}", file=ctx.rel,
                row=ctx.row_of(int(pos)), field=", ".join(formula.names) or None))
