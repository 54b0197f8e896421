"""Limits: ``minLength``/``maxLength`` of text; ``minimum``, ``maximum`` and the exclusive ones.

Lengths count characters of the text; the value limits compare typed values (integers,
numbers, dates).
"""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import show
from idlibstats.datapackage.validation.context import TableContext, to_mask

_LIMITS = (("minimum", pc.less, "is below the minimum"),
           ("maximum", pc.greater, "is above the maximum"),
           ("exclusiveMinimum", pc.less_equal, "must be above"),
           ("exclusiveMaximum", pc.greater_equal, "must be below"))


def _limit(value: Any, kind: str) -> Any:
    if kind == "date":
        return pa.scalar(datetime.date.fromisoformat(str(value)), pa.date32())
    return value


def check(ctx: TableContext, spec: dict[str, Any]) -> None:
    """Report the cells outside the field's length or value limits."""
    constraints = spec.get("constraints", {}) or {}
    name = spec["name"]
    kind = spec.get("type", "string")
    if kind == "string" and ("minLength" in constraints or "maxLength" in constraints):
        low, high = constraints.get("minLength", 0), constraints.get("maxLength", np.inf)
        lengths = pc.utf8_length(ctx.text(name)).to_numpy(zero_copy_only=False)
        ctx.flag(name, ((lengths < low) | (lengths > high)) & ~ctx.is_missing(name),
                 lambda v: f"has {len(v)} characters, allowed {low} to {high}: {show(v)}")
    if kind not in ("integer", "number", "date") or name not in ctx.typed:
        return
    for key, breaks, words in _LIMITS:
        if key in constraints:
            limit = constraints[key]
            bad = to_mask(breaks(ctx.typed[name], _limit(limit, kind)))
            ctx.flag(name, bad, lambda v, w=words, m=limit: f"{w} {m}: {show(v)}")
