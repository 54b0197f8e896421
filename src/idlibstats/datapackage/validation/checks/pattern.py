r"""``pattern``: a present text cell matches the whole regular expression.

Evaluated with Arrow's regex kernel (RE2) on the whole column, anchored at both ends
(:func:`idlibstats.datapackage.validation.regex.anchored`); the package's patterns are kept in the
subset of regular expressions that Python, RE2 and XML Schema read alike
(:mod:`idlibstats.datapackage.validation.regex`). A pattern ending in ``.*`` (free text: ``[^=+\-@
...].*``)
is matched at the start only when no cell of the column holds a newline, which is the same
test at a fraction of the cost.
"""

from __future__ import annotations

from typing import Any

import pyarrow.compute as pc

from idlibstats.datapackage.errors import show
from idlibstats.datapackage.validation.context import TableContext, to_mask
from idlibstats.datapackage.validation.regex import anchored, one_character, one_line_head

FORMULA_STARTS = ("=", "+", "-", "@")
"""First characters that make a spreadsheet run a cell as a formula."""


def _formula_hint(value: str) -> str:
    return (f"; it starts with {value[0]!r}, which a spreadsheet would run as a formula"
            if value[:1] in FORMULA_STARTS else "")


def check(ctx: TableContext, spec: dict[str, Any]) -> None:
    """Report the present cells of a string field that do not match its ``pattern``."""
    pattern = (spec.get("constraints", {}) or {}).get("pattern")
    if pattern is None or spec.get("type", "string") != "string":
        return
    name = spec["name"]
    text = ctx.text(name)
    head = one_line_head(pattern)
    if head is not None and not ctx.table.cells_hold_newlines:  # no cell has a newline
        if one_character(head):  # match the first character alone
            text = pc.utf8_slice_codeunits(text, 0, 1)
        matches = pc.match_substring_regex(text, f"^(?:{head})")
    else:
        matches = pc.match_substring_regex(text, anchored(pattern))
    if pc.all(matches).as_py():
        return
    ctx.flag(name, ~to_mask(matches) & ~ctx.is_missing(name),
             lambda v: f"does not match the pattern {pattern}: {show(v)}" + _formula_hint(v))
