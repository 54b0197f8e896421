"""``enum``: a present cell is one of the listed values (compared as text)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import show
from idlibstats.datapackage.validation.context import TableContext, to_mask


def check(ctx: TableContext, spec: dict[str, Any]) -> None:
    """Report the present cells that are not one of the field's ``enum``."""
    enum = (spec.get("constraints", {}) or {}).get("enum")
    if enum is None:
        return
    name = spec["name"]
    allowed = [v if isinstance(v, str) else str(v) for v in enum]
    if spec.get("type", "string") == "boolean":
        allowed = ["true" if v is True else "false" if v is False else str(v) for v in enum]
    known = to_mask(pc.is_in(ctx.text(name), value_set=pa.array(allowed, pa.string())))
    if known.all():
        return
    options = ", ".join(allowed)
    ctx.flag(name, ~known & ~ctx.is_missing(name), lambda v: f"{show(v)} is not one of: {options}")
