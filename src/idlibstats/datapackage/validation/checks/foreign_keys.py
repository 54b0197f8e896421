"""Foreign keys: each value is a key of the table it references (or of this table).

The referenced table is read for its key columns only
(:mod:`idlibstats.datapackage.validation.others`),
after its bytes, hash and header are checked. Keys are compared as typed values, as
frictionless compares them (an integer key ``1`` is ``01``), and a composite key as a tuple,
never its parts joined. A key whose cells are all missing is not checked; a cell already
reported is skipped.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.schema import key_fields, missing_values
from idlibstats.datapackage.validation.checks.types import TRUE_VALUES
from idlibstats.datapackage.validation.context import TableContext, to_mask
from idlibstats.datapackage.validation.others import read_columns


def _typed(text: list[Any], spec: dict[str, Any], missing: list[str]) -> list[Any]:
    """Another table's key cells as typed values (None: missing, or not of the type there)."""
    kind = spec.get("type", "string")
    out: list[Any] = []
    for cell in text:
        value = None
        if cell not in missing:
            try:
                if kind == "integer":
                    value = int(cell) if cell.lstrip("-").isdigit() else None
                elif kind == "number":
                    value = float(cell.replace("INF", "inf")) + 0.0
                elif kind == "date":
                    value = datetime.date.fromisoformat(cell)
                elif kind == "boolean":
                    value = cell in spec.get("trueValues", TRUE_VALUES)
                else:
                    value = cell
            except ValueError:
                value = None
        out.append(value)
    return out


def _target_keys(ctx: TableContext, target: str, there: list[str]) -> Any:
    """Return the referenced keys: an Arrow array (one text field) or a set of tuples."""
    if target == ctx.name:
        columns = [ctx.key_values(f) for f in there]
        if len(there) == 1:
            return columns[0]
        return set(zip(*(c.to_pylist() for c in columns), strict=True))
    schema = ctx.package.resource(target)["schema"]
    specs = {f["name"]: f for f in schema["fields"]}
    table = read_columns(ctx.package, target, there, ctx.cache)
    if len(there) == 1 and specs[there[0]].get("type", "string") == "string":
        text = table.column(there[0]).combine_chunks()
        missing = missing_values(schema, specs[there[0]])
        return pc.filter(text, pc.invert(pc.is_in(text, value_set=pa.array(missing,
                                                                            pa.string()))))
    columns = [_typed(table.column(f).to_pylist(), specs[f], missing_values(schema, specs[f]))
               for f in there]
    return {key for key in zip(*columns, strict=True) if None not in key}


def _found(ctx: TableContext, here: list[str], keys: Any) -> np.ndarray:
    """Which rows' values of ``here`` are among ``keys``, compared as typed values."""
    local = [ctx.key_values(f) for f in here]
    if not isinstance(keys, set):
        if len(here) == 1 and local[0].type == keys.type:
            return to_mask(pc.is_in(local[0], value_set=keys))
        keys = {(k,) for k in keys.to_pylist()}
    rows = zip(*(c.to_pylist() for c in local), strict=True)
    return np.fromiter((row in keys for row in rows), bool, count=ctx.n)


def check(ctx: TableContext) -> None:
    """Report the values of each foreign key that the referenced table does not hold."""
    for fk in ctx.schema.get("foreignKeys", []) or []:
        here, ref = key_fields(fk["fields"]), fk["reference"]
        there, target = key_fields(ref["fields"]), ref.get("resource") or ctx.name
        blank = np.logical_and.reduce([ctx.is_missing(f) for f in here])
        check_rows = ctx.usable(*here) & ~blank
        if not check_rows.any():
            continue
        try:
            keys = _target_keys(ctx, target, there)
        except DataPackageError as exc:
            if ctx.report.first_only:
                raise
            if ("_reported", target) not in ctx.cache:
                source = exc.file or target
                ctx.report.add(DataPackageError(
                    f"foreign key {', '.join(here)} cannot be checked until {source} is "
                    "fixed (see its own error)", file=ctx.rel, field=", ".join(here)))
                ctx.cache[("_reported", target)] = True
            continue
        found = _found(ctx, here, keys)
        bad = check_rows & ~found
        if not bad.any():
            continue
        target_file = ctx.package.resource(target).get("path", target)
        positions = np.flatnonzero(bad)
        cells = [ctx.text(f).take(pa.array(positions)).to_pylist() for f in here]
        for k, pos in enumerate(positions):
            value = ", ".join(c[k] for c in cells)
            ctx.report.add(DataPackageError(
                f"{show(value)} is not a known {', '.join(there)} in {target} ({target_file})",
                file=ctx.rel, row=ctx.row_of(int(pos)), field=", ".join(here)))
        if not ctx.report.first_only:
            ctx.mark(here, bad)
