"""Keys: ``unique`` fields, the primary key and the foreign keys.

Values are compared typed, as frictionless compares them (``1`` and ``01`` are one integer;
a composite key is a tuple). A missing value is never a repeat, a foreign key whose cells are
all missing is not checked, a cell that already has an error is skipped. Each repeat names
the row of the first copy. A referenced table is read for its key columns only.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.schema import key_fields
from idlibstats.datapackage.validation.check import FieldCheck, TableCheck
from idlibstats.datapackage.validation.state import TableState, mask
from idlibstats.datapackage.validation.types import typed_columns

__all__ = ["FOREIGN_KEYS", "PRIMARY_KEY", "UNIQUE"]


def _repeats(state: TableState, code: str, names: list[str], keep: np.ndarray,
             words: str) -> None:
    """Report each row of ``keep`` whose values of ``names`` an earlier kept row holds."""
    positions = np.flatnonzero(keep)
    columns = [state.key_values(name).take(pa.array(positions)) for name in names]
    if len(names) == 1:  # Arrow-backed: no Python object per cell
        values = pd.Series(pd.array(columns[0], dtype=pd.ArrowDtype(columns[0].type)))
    else:  # tuples of typed values: ('a,b', 'c') and ('a', 'b,c') stay apart
        values = pd.Series(list(zip(*(c.to_pylist() for c in columns), strict=True)),
                           dtype=object)
    repeated = values.duplicated().to_numpy()
    if not repeated.any():
        return
    first = {value: int(state.table.rows[positions[i]])
             for i, value in values[~values.duplicated()].items()}
    texts = [state.cells(name, positions[repeated]) for name in names]
    for k, (i, value) in enumerate(values[repeated].items()):
        shown = show(", ".join(str(t[k]) for t in texts))
        state.error(code, f"{words}: {shown} is already in row {first[value]}",
                    int(positions[i]), names)


def _unique(state: TableState, spec: dict[str, Any]) -> None:
    name = spec["name"]
    _repeats(state, "unique-error", [name], state.usable(name) & ~state.is_missing(name),
             f"is not unique in {name}")


UNIQUE = FieldCheck("unique-error", lambda state, spec: bool(
    (spec.get("constraints", {}) or {}).get("unique")) and key_fields(
    state.schema.get("primaryKey")) != [spec["name"]], _unique)
"""``unique`` fields: no value is repeated (a primary key of that one field says it instead)."""


def _primary_key(state: TableState) -> None:
    pk = key_fields(state.schema.get("primaryKey"))
    _repeats(state, "primary-key", pk, state.usable(*pk),
             f"primary key ({', '.join(pk)}) is repeated")


PRIMARY_KEY = TableCheck("primary-key", lambda state: bool(state.schema.get("primaryKey")),
                         _primary_key)
"""The primary key: no key is repeated."""


def _target_keys(state: TableState, target: str, there: list[str]) -> pa.ChunkedArray | set:
    """Return the referenced keys, typed: an Arrow array (one field) or a set of tuples.

    A cell that is missing, or not of its type, is no key (its own table reports it).
    """
    source = state if target == state.name else typed_columns(state.run, target, there)
    columns = [pc.add(source.typed[f], 0.0) if source.spec(f).get("type") == "number"
               else source.typed[f] for f in there]
    if len(there) == 1:
        return pc.drop_null(columns[0])
    return {key for key in zip(*(c.to_pylist() for c in columns), strict=True)
            if None not in key}


def _found(state: TableState, here: list[str], keys: pa.ChunkedArray | set,
           rows: np.ndarray) -> np.ndarray:
    """Which ``rows``' values of ``here`` are among ``keys``, compared as typed values."""
    local = [state.key_values(f) for f in here]
    if not isinstance(keys, set):
        if local[0].type == keys.type:  # one field, one type: Arrow's hash lookup
            if np.count_nonzero(rows) < len(keys):  # hashing the fewer: the keys wanted first
                keys = pc.filter(keys, pc.is_in(keys, value_set=local[0].filter(rows)))
            return mask(pc.is_in(local[0], value_set=keys.combine_chunks()))
        keys = {(k,) for k in keys.to_pylist()}
    rows = zip(*(c.to_pylist() for c in local), strict=True)
    return np.fromiter((row in keys for row in rows), bool, count=state.n)


def _foreign_keys(state: TableState) -> None:
    for fk in state.schema["foreignKeys"]:
        here, ref = key_fields(fk["fields"]), fk["reference"]
        there, target = key_fields(ref["fields"]), ref.get("resource") or state.name
        blank = np.logical_and.reduce([state.is_missing(f) for f in here])
        rows = state.usable(*here) & ~blank
        if not rows.any():
            continue
        try:
            keys = _target_keys(state, target, there)
        except DataPackageError as exc:
            state.cannot_read(exc, f"foreign key {', '.join(here)}", here)
            continue
        bad = rows & ~_found(state, here, keys, rows)
        target_file = state.package.resource(target).get("path", target)
        positions = np.flatnonzero(bad)
        cells = [state.cells(f, positions) for f in here]
        for k, pos in enumerate(positions):
            value = ", ".join(c[k] for c in cells)
            state.error("foreign-key", f"{show(value)} is not a known {', '.join(there)} in "
                        f"{target} ({target_file})", int(pos), here)
        state.mark(here, bad)


FOREIGN_KEYS = TableCheck("foreign-key", lambda state: bool(state.schema.get("foreignKeys")),
                          _foreign_keys)
"""Foreign keys: each value is a key of the table it references (or of this table)."""
