"""Keys: ``unique`` fields, the primary key and the foreign keys.

Values are compared typed, as frictionless compares them (``1`` and ``01`` are one integer;
a composite key is a tuple, never its parts joined). A missing value is never a repeat, and
a foreign key whose cells are all missing is not checked; a cell that already has an error
is skipped. Each repeat names the row that holds the first copy. A referenced table is read
for its key columns only (:meth:`~idlibstats.datapackage.validation.state.RunState.read_columns`),
after its bytes, hash and header are checked.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.schema import key_fields, missing_values
from idlibstats.datapackage.validation.check import TableCheck
from idlibstats.datapackage.validation.state import TableState, mask
from idlibstats.datapackage.validation.types import TRUE_VALUES

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
    first = {value: state.row_of(positions[i])
             for i, value in values[~values.duplicated()].items()}
    texts = [state.text(name).take(pa.array(positions[repeated])).to_pylist() for name in names]
    for k, (i, value) in enumerate(values[repeated].items()):
        shown = show(", ".join(str(t[k]) for t in texts))
        state.error(code, f"{words}: {shown} is already in row {first[value]}",
                    int(positions[i]), names)


def _unique(state: TableState) -> None:
    pk = key_fields(state.schema.get("primaryKey"))
    for spec in state.fields:
        name = spec["name"]
        if (spec.get("constraints", {}) or {}).get("unique") and pk != [name]:
            _repeats(state, "unique-error", [name],
                     state.usable(name) & ~state.is_missing(name), f"is not unique in {name}")


UNIQUE = TableCheck("unique-error", lambda state: True, _unique)
"""``unique`` fields: no value is repeated (a primary key of that one field says it instead)."""


def _primary_key(state: TableState) -> None:
    pk = key_fields(state.schema.get("primaryKey"))
    _repeats(state, "primary-key", pk, state.usable(*pk),
             f"primary key ({', '.join(pk)}) is repeated")


PRIMARY_KEY = TableCheck("primary-key", lambda state: bool(state.schema.get("primaryKey")),
                         _primary_key)
"""The primary key: no key is repeated."""


_READERS = {"integer": lambda cell: int(cell) if cell.lstrip("-").isdigit() else None,
            "number": lambda cell: float(cell.replace("INF", "inf")) + 0.0,
            "date": datetime.date.fromisoformat}


def _typed(cells: list[str], spec: dict[str, Any], missing: list[str]) -> list[Any]:
    """Another table's key cells as typed values (None: missing, or not of the type there)."""
    kind = spec.get("type", "string")
    read = (_READERS[kind] if kind in _READERS else str if kind != "boolean" else
            lambda cell: cell in spec.get("trueValues", TRUE_VALUES))
    out = []
    for cell in cells:
        try:
            out.append(None if cell in missing else read(cell))
        except ValueError:
            out.append(None)
    return out


def _target_keys(state: TableState, target: str, there: list[str]) -> pa.Array | set[Any]:
    """Return the referenced keys: an Arrow array (one field) or a set of tuples."""
    if target == state.name:
        columns = [state.key_values(f) for f in there]
        if len(there) == 1:
            return columns[0]
        return set(zip(*(c.to_pylist() for c in columns), strict=True))
    schema = state.package.resource(target)["schema"]
    specs = {f["name"]: f for f in schema["fields"]}
    table = state.run.read_columns(target, there)
    if len(there) == 1 and specs[there[0]].get("type", "string") == "string":
        text = table.column(there[0]).combine_chunks()
        absent = pa.array(missing_values(schema, specs[there[0]]), pa.string())
        return pc.filter(text, pc.invert(pc.is_in(text, value_set=absent)))
    columns = [_typed(table.column(f).to_pylist(), specs[f], missing_values(schema, specs[f]))
               for f in there]
    return {key for key in zip(*columns, strict=True) if None not in key}


def _found(state: TableState, here: list[str], keys: pa.Array | set[Any]) -> np.ndarray:
    """Which rows' values of ``here`` are among ``keys``, compared as typed values."""
    local = [state.key_values(f) for f in here]
    if not isinstance(keys, set):
        if local[0].type == keys.type:  # one field, one type: Arrow's hash lookup
            return mask(pc.is_in(local[0], value_set=keys))
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
        bad = rows & ~_found(state, here, keys)
        target_file = state.package.resource(target).get("path", target)
        positions = np.flatnonzero(bad)
        cells = [state.text(f).take(pa.array(positions)).to_pylist() for f in here]
        for k, pos in enumerate(positions):
            value = ", ".join(c[k] for c in cells)
            state.error("foreign-key", f"{show(value)} is not a known {', '.join(there)} in "
                        f"{target} ({target_file})", int(pos), here)
        state.mark(here, bad)


FOREIGN_KEYS = TableCheck("foreign-key", lambda state: bool(state.schema.get("foreignKeys")),
                          _foreign_keys)
"""Foreign keys: each value is a key of the table it references (or of this table)."""
