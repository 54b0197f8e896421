"""Field types: a table is typed before its checks run; a cell that does not read is a type-error.

The text is first matched, vectorised, against the type's lexical form (integers are plain
digits after an optional minus sign, dates ``YYYY-MM-DD``), then cast with Arrow. Only when
a cast fails (a day that does not exist, an integer too large for 64 bits) is each value
read again in Python, to say which. The typed column (nulls where missing or at fault) is
left in ``state.typed`` for the checks and the DataFrame.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import show
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.state import RunState, TableState, mask

__all__ = ["EMAIL", "anchored", "type_columns", "typed_columns"]

INTEGER = "-?[0-9]+"
NUMBER = "-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+\\-]?[0-9]+)?|NaN|-?INF"
ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
# String formats, each a subset of what frictionless accepts (``validators.email``;
# ``rfc3986`` with a scheme), so that idlibstats never accepts what it rejects.
_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = f"[A-Za-z0-9_%+-]{{1,64}}(\\.[A-Za-z0-9_%+-]{{1,64}})*@({_LABEL}\\.)+[A-Za-z]{{2,24}}"
URI = ("[A-Za-z][A-Za-z0-9+.-]*:(%[0-9A-Fa-f]{2}|[A-Za-z0-9._~:/?#@!$&'()*+,;=-]|\\[|\\])*")
STRING_FORMATS = {"email": (EMAIL, "an email address"), "uri": (URI, "a URI (scheme:...)")}
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
_FIRST_DAY = datetime.date(1, 1, 1)


def anchored(pattern: str) -> str:
    """Return ``pattern`` wrapped to match a whole value in RE2 (Arrow's regex kernels)."""
    return f"^(?:{pattern})$"


def _shape(state: TableState, name: str, pattern: str, present: np.ndarray,
           message: Callable[[str], str]) -> np.ndarray:
    """Report present cells not of lexical form ``pattern``; return the rows left to cast."""
    fits = mask(pc.match_substring_regex(state.text(name), anchored(pattern)))
    state.flag("type-error", name, present & ~fits, message)
    return present & state.usable(name)


def _cast(state: TableState, name: str, good: np.ndarray, target: pa.DataType,
          one: Callable[[str], Any], message: Callable[[str], str]) -> pa.Array:
    """Cast the ``good`` cells to ``target``; where Arrow refuses, read each one with ``one``."""
    text = state.text(name)
    try:
        values = pc.cast(pc.if_else(pa.array(good), text, pa.scalar(None, pa.string())), target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        cells, out, failed = text.to_pylist(), [None] * state.n, np.zeros(state.n, bool)
        for i in np.flatnonzero(good):
            try:
                out[i] = one(cells[i])
            except (ValueError, OverflowError):
                failed[i] = True
        state.flag("type-error", name, failed, message)
        values = pa.array(out, target)
    return values


def _integer(cell: str) -> int:
    if not -(2**63) <= (value := int(cell)) < 2**63:
        raise OverflowError(cell)
    return value


def type_columns(state: TableState) -> None:
    """Type every field into ``state.typed`` (null where missing or at fault): type-errors."""
    for spec in state.fields:
        state.typed[spec["name"]] = _typed(state, spec)


def typed_columns(run: RunState, name: str, fields: list[str]) -> TableState:
    """Return columns ``fields`` of another table, read (:meth:`RunState.read_columns`) and typed.

    A cell that is missing, or not of its type, is null: that table's own check reports it.
    Raises DataPackageError if that table cannot be read.
    """
    schema = run.package.resource(name)["schema"]
    state = TableState(run, name, {**schema, "fields": [f for f in schema["fields"]
                                                         if f["name"] in fields]},
                       run.read_columns(name, fields), Report(stop_at_first=False))
    type_columns(state)
    return state


def _typed(state: TableState, spec: dict[str, Any]) -> pa.ChunkedArray | pa.Array:
    name, kind = spec["name"], spec.get("type", "string")
    missing = state.is_missing(name)
    present, text = ~missing, state.text(name)
    if kind == "string":
        if spec.get("format", "default") in STRING_FORMATS:
            pattern, words = STRING_FORMATS[spec["format"]]
            _shape(state, name, pattern, present, lambda v: f"is not {words}: {show(v)}")
        return pc.if_else(pa.array(missing), pa.scalar(None, text.type), text) if (
            missing.any()) else text  # a column with nothing missing is kept as it is
    if kind == "integer":
        good = _shape(state, name, INTEGER, present, lambda v: "is not an integer (digits, "
                      f"optionally after a minus sign): {show(v)}")
        return _cast(state, name, good, pa.int64(), _integer,
                     lambda v: f"is too large for a 64-bit integer: {show(v)}")
    if kind == "number":
        good = _shape(state, name, NUMBER, present, lambda v: f"is not a number: {show(v)}")
        return _cast(state, name, good, pa.float64(), lambda v: float(v.replace("INF", "inf")),
                     lambda v: f"is not a number: {show(v)}")
    if kind == "date":
        return _dates(state, spec, present)
    trues = list(spec.get("trueValues", TRUE_VALUES))  # boolean
    falses = list(spec.get("falseValues", FALSE_VALUES))
    is_true = mask(pc.is_in(text, value_set=pa.array(trues, pa.string())))
    is_false = mask(pc.is_in(text, value_set=pa.array(falses, pa.string())))
    state.flag("type-error", name, present & ~(is_true | is_false),
               lambda v: f"is not a boolean ({', '.join([*trues, *falses])}): {show(v)}")
    return pa.array(is_true, mask=~(is_true | is_false))


def _dates(state: TableState, spec: dict[str, Any], present: np.ndarray) -> pa.Array:
    name, fmt = spec["name"], spec.get("format", "default").replace("default", "%Y-%m-%d")
    shape = fmt.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")

    def message(v: str) -> str:
        return f"is not a date ({shape}): {show(v)}"

    if fmt != "%Y-%m-%d":  # another format: pandas reads it, value by value
        good = present & state.usable(name)
        parsed = pd.to_datetime(pd.Series(np.where(good, state.text(name).to_numpy(
            zero_copy_only=False), None), dtype=object), format=fmt, errors="coerce")
        state.flag("type-error", name, good & parsed.isna().to_numpy(), message)
        return pa.array(parsed.dt.date.where(good & state.usable(name), None), pa.date32())
    try:  # Arrow casts YYYY-MM-DD only: when every cell casts, none needs its shape read
        days = pc.cast(pc.if_else(pa.array(present), state.text(name), None), pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        good = _shape(state, name, ISO_DATE, present, message)
        days = _cast(state, name, good, pa.date32(), datetime.date.fromisoformat, message)
    early = mask(pc.less(days, pa.scalar(_FIRST_DAY, pa.date32())))
    if early.any():  # year 0000: Arrow reads it, Python's dates (and frictionless) do not
        state.flag("type-error", name, early, message)
        days = pc.if_else(pa.array(early), pa.scalar(None, pa.date32()), days)
    return days
