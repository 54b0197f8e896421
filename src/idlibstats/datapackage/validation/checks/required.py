"""``required`` (and every field of the primary key): a cell may not be missing."""

from __future__ import annotations

from typing import Any

from idlibstats.datapackage.errors import show
from idlibstats.datapackage.schema import key_fields
from idlibstats.datapackage.validation.context import TableContext


def check(ctx: TableContext, spec: dict[str, Any]) -> None:
    """Report the missing cells of a required field."""
    name = spec["name"]
    constraints = spec.get("constraints", {}) or {}
    if constraints.get("required") or name in key_fields(ctx.schema.get("primaryKey")):
        ctx.flag(name, ctx.is_missing(name),
                 lambda v: "is empty, but a value is required" if v == "" else
                 f"is {show(v)}, a missing value, but a value is required")
