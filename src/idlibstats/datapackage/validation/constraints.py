r"""The field constraints of a Table Schema, each a ``constraint-error`` when a cell breaks it.

A ``pattern`` is matched whole by Arrow's RE2 (the descriptor's patterns are in the subset
Python, RE2 and XML Schema read alike); ``H.*`` (free text: ``[^=+\-@ \t\n\r].*``) is
matched as ``^H`` when no cell of the table holds a newline: the same test, cheaper.
``minimum``, ``maximum`` and the exclusive ones compare typed values.
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import show
from idlibstats.datapackage.schema import key_fields
from idlibstats.datapackage.validation.check import FieldCheck
from idlibstats.datapackage.validation.state import TableState, mask
from idlibstats.datapackage.validation.types import anchored

__all__ = ["ENUM", "LIMITS", "PATTERN", "REQUIRED"]

CODE = "constraint-error"
FORMULA_STARTS = ("=", "+", "-", "@")
"""First characters that make a spreadsheet run a cell as a formula."""
_LIMITS = (("minimum", pc.less, "is below the minimum"),
           ("maximum", pc.greater, "is above the maximum"),
           ("exclusiveMinimum", pc.less_equal, "must be above"),
           ("exclusiveMaximum", pc.greater_equal, "must be below"))


def _one_line_head(pattern: str) -> str | None:
    r"""Return ``H`` for a pattern ``H.*`` (its dot not escaped), else None.

    On a value without a newline, ``H.*`` matches it whole when ``H`` matches its start.
    """
    head = pattern[:-2]
    escaped = (len(head) - len(head.rstrip("\\"))) % 2
    return head if pattern.endswith(".*") and head and not escaped else None


def _constraints(spec: dict[str, Any]) -> dict[str, Any]:
    return spec.get("constraints", {}) or {}


def _required(state: TableState, spec: dict[str, Any]) -> None:
    state.flag(CODE, spec["name"], state.is_missing(spec["name"]),
               lambda v: "is empty, but a value is required" if v == "" else
               f"is {show(v)}, a missing value, but a value is required")


REQUIRED = FieldCheck(CODE, lambda state, spec: bool(
    _constraints(spec).get("required") or spec["name"] in key_fields(
        state.schema.get("primaryKey"))), _required)
"""``required``, and every field of the primary key: no cell is missing."""


def _enum(state: TableState, spec: dict[str, Any]) -> None:
    name, allowed = spec["name"], _constraints(spec)["enum"]  # strings (the profile)
    options = ", ".join(allowed)
    known = mask(pc.is_in(state.text(name), value_set=pa.array(allowed, pa.string())))
    state.flag(CODE, name, ~known & ~state.is_missing(name),
               lambda v: f"{show(v)} is not one of: {options}")


ENUM = FieldCheck(CODE, lambda state, spec: "enum" in _constraints(spec), _enum)
"""``enum``: a present cell is one of the listed values."""


def _pattern(state: TableState, spec: dict[str, Any]) -> None:
    name, pattern = spec["name"], _constraints(spec)["pattern"]
    head = _one_line_head(pattern) if state.table.one_line_rows else None
    matches = pc.match_substring_regex(state.text(name), anchored(pattern) if head is None
                                       else f"^(?:{head})")

    def message(v: str) -> str:
        hint = (f"; it starts with {v[0]!r}, which a spreadsheet would run as a formula"
                if v[:1] in FORMULA_STARTS else "")
        return f"does not match the pattern {pattern}: {show(v)}{hint}"

    state.flag(CODE, name, ~mask(matches) & ~state.is_missing(name), message)


PATTERN = FieldCheck(CODE, lambda state, spec: "pattern" in _constraints(spec) and spec.get(
    "type", "string") == "string", _pattern)
"""``pattern``: a present text cell matches the whole regular expression."""


def _limits(state: TableState, spec: dict[str, Any]) -> None:
    constraints, name, kind = _constraints(spec), spec["name"], spec.get("type", "string")
    if kind == "string" and ("minLength" in constraints or "maxLength" in constraints):
        low, high = constraints.get("minLength", 0), constraints.get("maxLength", np.inf)
        lengths = pc.utf8_length(state.text(name)).to_numpy(zero_copy_only=False)
        state.flag(CODE, name, ((lengths < low) | (lengths > high)) & ~state.is_missing(name),
                   lambda v: f"has {len(v)} characters, allowed {low} to {high}: {show(v)}")
    if kind not in ("integer", "number", "date"):
        return
    for key, breaks, words in _LIMITS:
        if key in constraints:
            limit = constraints[key]
            bound = (pa.scalar(datetime.date.fromisoformat(str(limit)), pa.date32())
                     if kind == "date" else limit)
            state.flag(CODE, name, mask(breaks(state.typed[name], bound)),
                       lambda v, w=words, m=limit: f"{w} {m}: {show(v)}")


LIMITS = FieldCheck(CODE, lambda state, spec: bool(
    {"minLength", "maxLength", *(key for key, _, _ in _LIMITS)} & set(_constraints(spec))),
    _limits)
"""Lengths of text and limits of values."""
