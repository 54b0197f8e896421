"""Foreign keys: each value is a key of the table it references (or of this table).

The referenced table is read for its key columns only
(:mod:`idlibstats.datapackage.validation.others`),
after its bytes, hash and header are checked. A key whose cells are all missing is not
checked; a cell already reported is skipped.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.schema import key_fields, missing_values
from idlibstats.datapackage.validation.context import TableContext, to_mask
from idlibstats.datapackage.validation.others import read_columns


def _joined(table: pa.Table, names: list[str], missing: list[str] | None = None) -> pa.Array:
    """One column, or several joined by a separator no key holds (a unit separator).

    With ``missing``, the rows holding a missing cell are left out (they are no key).
    """
    columns = [table.column(n).combine_chunks() for n in names]
    joined = columns[0] if len(names) == 1 else pc.binary_join_element_wise(*columns, "\x1f")
    if missing:
        holes = [pc.is_in(c, value_set=pa.array(missing, pa.string())) for c in columns]
        any_hole = holes[0]
        for hole in holes[1:]:
            any_hole = pc.or_(any_hole, hole)
        joined = pc.filter(joined, pc.invert(any_hole))
    return joined


def check(ctx: TableContext) -> None:
    """Report the values of each foreign key that the referenced table does not hold."""
    for fk in ctx.schema.get("foreignKeys", []) or []:
        here, ref = key_fields(fk["fields"]), fk["reference"]
        there, target = key_fields(ref["fields"]), ref.get("resource") or ctx.name
        blank = np.logical_and.reduce([ctx.is_missing(f) for f in here])
        check_rows = ctx.usable(*here) & ~blank
        if not check_rows.any():
            continue
        if target == ctx.name:
            keys = _joined(ctx.table.text, there)
        else:
            target_missing = missing_values(ctx.package.resource(target)["schema"])
            try:
                keys = _joined(read_columns(ctx.package, target, there, ctx.cache), there,
                               target_missing)
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
        found = to_mask(pc.is_in(_joined(ctx.table.text, here), value_set=keys))
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
