"""Type each column of a table and check its cells against the field's Table Schema.

:func:`typed_column` turns one column of text cells (a :class:`~idlibstats.rawcsv.RawTable`)
into its pandas dtype (from :mod:`idlibstats.schema`) and reports, cell by cell and
vectorised, what does not fit the field: ``required``, the type (integer, number, ISO date,
boolean, enum), ``pattern``, ``minLength``/``maxLength``, ``enum`` and the bounds
(``minimum``, ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum``). Only the schema's
``missingValues`` are missing (:func:`missing_mask`). A reported cell is marked, so that the
later checks (keys, row rules) skip it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from idlibstats.errors import DataPackageError, Sink, show
from idlibstats.fastmatch import not_matching
from idlibstats.rawcsv import RawTable
from idlibstats.schema import DATE_DTYPE, field_dtype

__all__ = ["missing_mask", "typed_column"]

_INTEGER = r"-?[0-9]+"
_NUMBER = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|-?INF"
_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


def _report(sink: Sink, table: RawTable, bad: np.ndarray, name: str,
            message: Callable[[str], str]) -> None:
    """Report every row of ``bad`` (bool mask over all rows) for field ``name``."""
    bad = bad & table.usable(name)
    if not bad.any():
        return
    text = table.text[name]
    for i in np.flatnonzero(bad):
        sink.add(DataPackageError(message(text.iloc[i]), file=table.rel, row=int(i) + 2,
                                  field=name))
    if sink.collect:
        table.mark([name], bad)


def _formula_hint(value: str) -> str:
    return (f"; it starts with {value[0]!r}, which a spreadsheet would run as a formula"
            if value[:1] in ("=", "+", "-", "@") else "")


def _pattern_mask(table: RawTable, present: np.ndarray, pattern: str,
                  spread: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    if table.trusted:
        return np.zeros(len(table.ok), bool)
    return spread(not_matching(present, pattern, table.one_line))


def typed_column(table: RawTable, spec: dict[str, Any], missing: list[str],
                 sink: Sink) -> pd.Series:
    """Check one column's cells against its field descriptor; return it typed.

    Parameters
    ----------
    table : RawTable
        The table's cells as text; reported cells are marked in it (collect mode).
    spec : dict
        The field descriptor, with ``"_key": True`` when the field is in the primary key
        (its cells are then required).
    missing : list of str
        The schema's ``missingValues``.
    sink : Sink
        Where problems go.

    Returns
    -------
    pandas.Series
        The column in its dtype (:func:`idlibstats.schema.field_dtype`); missing and
        reported cells are missing.
    """
    name = spec["name"]
    text = table.text[name]
    kind = spec.get("type", "string")
    constraints = spec.get("constraints", {}) or {}
    dtype = field_dtype(spec)
    values = text.to_numpy(dtype=object)
    required = bool(constraints.get("required") or spec.get("_key"))
    if missing and not (table.trusted and required):  # trusted: required cells are all there
        is_missing = missing_mask(values, missing)
    else:
        is_missing = np.zeros(len(values), bool)
    absent = bool(is_missing.any())
    present = values[~is_missing] if absent else values
    where = np.flatnonzero(~is_missing) if absent else None

    def spread(sub: np.ndarray) -> np.ndarray:
        if where is None:
            return sub
        full = np.zeros(len(values), bool)
        full[where] = sub
        return full

    if absent and required:
        _report(sink, table, is_missing, name, lambda v: "is empty, but a value is required")

    if isinstance(dtype, pd.CategoricalDtype):
        codes = dtype.categories.get_indexer(values)
        cat = pd.Categorical.from_codes(codes, dtype=dtype)
        options = ", ".join(map(str, dtype.categories))
        _report(sink, table, (codes < 0) & ~is_missing, name,
                lambda v: f"{show(v)} is not one of: {options}")
        out = pd.Series(cat, name=name)
    elif kind == "integer":
        _report(sink, table, _pattern_mask(table, present, _INTEGER, spread), name,
                lambda v: f"is not an integer (digits, optionally after a minus sign): {show(v)}")
        out = _to_int(values, is_missing, table, name, sink)
    elif kind == "number":
        _report(sink, table, _pattern_mask(table, present, _NUMBER, spread), name,
                lambda v: f"is not a number: {show(v)}")
        good = ~is_missing & table.usable(name)
        numbers = np.zeros(len(values), "float64")
        numbers[good] = np.asarray([float(v.replace("INF", "inf")) for v in values[good]])
        out = pd.Series(pd.arrays.FloatingArray(numbers, ~good), name=name)
    elif kind == "date":
        fmt = spec.get("format", "default")
        fmt = "%Y-%m-%d" if fmt == "default" else fmt
        if fmt == "%Y-%m-%d":
            _report(sink, table, _pattern_mask(table, present, _ISO_DATE, spread),
                    name, lambda v: f"is not a date (YYYY-MM-DD): {show(v)}")
        out = pd.Series(_to_dates(values, is_missing, fmt, table, name, sink), name=name)
    elif kind == "boolean":
        trues, falses = spec.get("trueValues", _TRUE), spec.get("falseValues", _FALSE)
        is_true, is_false = np.isin(values, trues), np.isin(values, falses)
        _report(sink, table, ~(is_true | is_false | is_missing), name,
                lambda v: f"is not a boolean ({', '.join([*trues, *falses])}): {show(v)}")
        out = pd.Series(pd.arrays.BooleanArray(is_true, ~(is_true | is_false)), name=name)
    else:
        if "pattern" in constraints:
            pattern = constraints["pattern"]
            _report(sink, table, _pattern_mask(table, present, pattern, spread), name,
                    lambda v: f"does not match the pattern {pattern}: {show(v)}"
                    + _formula_hint(v))
        out = text.astype("string")
        if absent:
            out = out.mask(is_missing)
        if "minLength" in constraints or "maxLength" in constraints:
            lengths = out.str.len()
            low, high = constraints.get("minLength", 0), constraints.get("maxLength", np.inf)
            _report(sink, table, ((lengths < low) | (lengths > high)).fillna(False).to_numpy(),
                    name, lambda v: f"has {len(v)} characters, allowed {low} to {high}: "
                    f"{show(v)}")
    _bounds(out, spec, table, sink)
    if kind != "string" and "enum" in constraints:
        allowed = pd.Series(constraints["enum"]).astype(str).tolist()
        _report(sink, table, ~np.isin(values, allowed) & ~is_missing, name,
                lambda v: f"{show(v)} is not one of: {', '.join(allowed)}")
    out.index = table.text.index
    return out


def _to_dates(values: np.ndarray, is_missing: np.ndarray, fmt: str, table: RawTable, name: str,
              sink: Sink) -> np.ndarray:
    """Parse dates (shape already checked for ISO); report the ones that are no real day."""
    good = ~is_missing & table.usable(name)
    out = np.full(len(values), np.datetime64("NaT"), dtype=DATE_DTYPE)
    shape = fmt.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
    if fmt == "%Y-%m-%d":
        try:
            out[good] = np.array(values[good], dtype="datetime64[D]")
            return out
        except ValueError:
            pass  # some value is no real day (2019-02-30): find which, below
    parsed = pd.to_datetime(pd.Series(np.where(good, values, None), dtype=object), format=fmt,
                            errors="coerce").to_numpy(dtype=DATE_DTYPE)
    _report(sink, table, np.isnat(parsed) & good, name,
            lambda v: f"is not a date ({shape}): {show(v)}")
    return parsed


def _to_int(values: np.ndarray, is_missing: np.ndarray, table: RawTable, name: str,
            sink: Sink) -> pd.Series:
    good = ~is_missing & table.usable(name)
    numbers = np.zeros(len(values), "int64")
    try:
        numbers[good] = values[good].astype("int64")
    except (OverflowError, ValueError):
        too_big = np.zeros(len(values), bool)
        for i in np.flatnonzero(good):
            try:
                numbers[i] = np.int64(int(values[i]))
            except (OverflowError, ValueError):
                too_big[i] = True
        _report(sink, table, too_big, name,
                lambda v: f"is too large for a 64-bit integer: {show(v)}")
        good &= ~too_big
    return pd.Series(pd.arrays.IntegerArray(numbers, ~good), name=name)


def _bounds(out: pd.Series, spec: dict[str, Any], table: RawTable, sink: Sink) -> None:
    constraints = spec.get("constraints", {}) or {}
    if table.trusted:
        return
    checks = [("minimum", np.less, "is below the minimum"),
              ("maximum", np.greater, "is above the maximum"),
              ("exclusiveMinimum", np.less_equal, "must be above"),
              ("exclusiveMaximum", np.greater_equal, "must be below")]
    for key, breaks, words in checks:
        if key not in constraints:
            continue
        limit = constraints[key]
        if spec.get("type") == "date":
            limit = pd.Timestamp(limit)
        bad = breaks(out, limit).fillna(False).to_numpy(dtype=bool)
        _report(sink, table, bad, spec["name"], lambda v, w=words, m=limit: f"{w} {m}: {show(v)}")


def missing_mask(values: np.ndarray, missing: list[str]) -> np.ndarray:
    """Return which of ``values`` (text cells) are one of the schema's ``missingValues``.

    Parameters
    ----------
    values : numpy.ndarray
        A column's cells, as objects.
    missing : list of str
        The schema's ``missingValues``.

    Returns
    -------
    numpy.ndarray
        A bool mask over ``values``.
    """
    if len(missing) == 1:
        return np.asarray(values == missing[0], dtype=bool)
    return pd.Series(values, dtype=object).isin(missing).to_numpy()
