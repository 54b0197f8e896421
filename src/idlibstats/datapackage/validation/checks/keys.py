"""``unique`` fields and the primary key: no value (or key) is repeated.

Values are compared typed, as frictionless compares them (``1`` and ``01`` are one integer;
a composite key is a tuple, never its parts joined). A missing value is never a repeat.
Each repeat names the row that holds the first copy.
The fast path counts distinct values with Arrow; rows are numbered only when there is a repeat.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.schema import key_fields
from idlibstats.datapackage.validation.context import TableContext


def _repeats(ctx: TableContext, names: list[str], keep: np.ndarray, field: str,
             words: str) -> None:
    """Report each row of ``keep`` whose values of ``names`` an earlier kept row holds."""
    positions = np.flatnonzero(keep)
    if len(positions) == 0:
        return
    if len(names) == 1:
        col = ctx.key_values(names[0]).take(pa.array(positions))
        if pc.count_distinct(col).as_py() == len(positions):
            return
        values = pd.Series(col.to_pylist(), index=positions, dtype=object)
    else:  # tuples of typed values: ('a,b', 'c') and ('a', 'b,c') stay apart
        cols = [ctx.key_values(n).take(pa.array(positions)).to_pylist() for n in names]
        values = pd.Series(list(zip(*cols, strict=True)), index=positions, dtype=object)
        if values.is_unique:
            return
    dup = values.duplicated(keep="first").to_numpy()
    first_row: dict[object, int] = {}
    for pos, value in zip(values.index, values.to_numpy(), strict=True):
        first_row.setdefault(value, ctx.row_of(int(pos)))
    texts = [ctx.text(n).take(pa.array(values.index[dup])).to_pylist() for n in names]
    for k, (pos, value) in enumerate(zip(values.index[dup], values.to_numpy()[dup],
                                         strict=True)):
        shown = show(", ".join(str(t[k]) for t in texts))
        ctx.report.add(DataPackageError(f"{words}: {shown} is already in row {first_row[value]}",
                                        file=ctx.rel, row=ctx.row_of(int(pos)), field=field))


def check(ctx: TableContext) -> None:
    """Report repeated values of ``unique`` fields, then repeated primary keys."""
    pk = key_fields(ctx.schema.get("primaryKey"))
    for spec in ctx.schema["fields"]:
        name = spec["name"]
        if not (spec.get("constraints", {}) or {}).get("unique") or pk == [name]:
            continue
        _repeats(ctx, [name], ctx.usable(name) & ~ctx.is_missing(name), name,
                 f"is not unique in {name}")
    if pk:
        _repeats(ctx, pk, ctx.usable(*pk), ", ".join(pk),
                 f"primary key ({', '.join(pk)}) is repeated")
