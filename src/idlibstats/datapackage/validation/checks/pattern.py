r"""``pattern``: a present text cell matches the whole regular expression.

Evaluated with Arrow's regex kernel (RE2) on the whole column, anchored at both ends
(:func:`idlibstats.datapackage.validation.regex.anchored`); the package's patterns are kept in the
subset of regular expressions that Python, RE2 and XML Schema read alike
(:mod:`idlibstats.datapackage.validation.regex`). A pattern ending in ``.*`` (free text: ``[^=+\-@
...].*``)
is matched at the start only when no cell of the column holds a newline, which is the same
test at a fraction of the cost; when that start is one character class, each cell's first
byte is looked up in a table of the ASCII characters (numpy on the Arrow buffers), and only
cells starting with another character are matched with RE2.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import show
from idlibstats.datapackage.validation.context import TableContext, to_mask
from idlibstats.datapackage.validation.regex import anchored, one_character, one_line_head
from idlibstats.datapackage.validation.textbytes import EMPTY, first_bytes

FORMULA_STARTS = ("=", "+", "-", "@")
"""First characters that make a spreadsheet run a cell as a formula."""


def _formula_hint(value: str) -> str:
    return (f"; it starts with {value[0]!r}, which a spreadsheet would run as a formula"
            if value[:1] in FORMULA_STARTS else "")


@functools.lru_cache(maxsize=64)
def _ascii_table(head: str) -> np.ndarray:
    """Which ASCII characters the class ``head`` matches (bytes 128-256: False)."""
    table = np.zeros(EMPTY + 1, bool)
    table[:128] = [re.fullmatch(head, chr(b)) is not None for b in range(128)]
    table.flags.writeable = False
    return table


def _first_character_matches(text: pa.ChunkedArray, head: str) -> pa.Array | np.ndarray:
    """Whether each cell starts with a character of the one-character class ``head``.

    An ASCII first byte is looked up in a table of the 128 ASCII characters (matched once
    each); a cell starting with another character is matched with RE2, as a whole column
    would be.
    """
    ascii_ok = _ascii_table(head)
    first = first_bytes(text)
    matches = ascii_ok[first]
    wide = np.flatnonzero((first >= 128) & (first != EMPTY))
    if len(wide):
        head_of = pc.utf8_slice_codeunits(text.take(pa.array(wide)), 0, 1)
        matches[wide] = to_mask(pc.match_substring_regex(head_of, f"^(?:{head})$"))
    return matches


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
            matches = _first_character_matches(text, head)
        else:
            matches = pc.match_substring_regex(text, f"^(?:{head})")
    else:
        matches = pc.match_substring_regex(text, anchored(pattern))
    mask = to_mask(matches)
    if mask.all():
        return
    ctx.flag(name, ~mask & ~ctx.is_missing(name),
             lambda v: f"does not match the pattern {pattern}: {show(v)}" + _formula_hint(v))
