"""The number as written must say the number stored, and the excerpt must hold it.

A table whose schema has the fields ``value`` and ``value_as_written`` (the figures) is
checked row by row, without the report texts: the number phrase in ``value_as_written``
(digits, thousands separators, a scale word, English number words or a fraction of a scale
such as 'a quarter of a million', read by :func:`idlibstats.text.numberwords.said_values` on top
of :func:`idlibstats.text.textnorm.numbers_in`, the parser the draft tool uses) must have the
value ``value``; and, when the table also has ``excerpt``, the excerpt must contain
``value_as_written`` (after :func:`idlibstats.text.textnorm.norm`, case kept). So a ``value`` of
2720 beside ``value_as_written`` '272' is refused, naming file, row and field.

Fast path: a wording that is plain digits (with thousands commas) after an optional
qualifier ('at least 12', '1,089') is read with Arrow, whole column at once; each distinct
other wording is read once with ``said_values``; whether each excerpt holds its wording as it
stands is asked of the UTF-8 bytes of the two columns
(:func:`idlibstats.datapackage.validation.textbytes.contains`), and an excerpt is normalised
(in Python, to word the message) only when it does not.
"""

from __future__ import annotations

import string

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.text.numberwords import said_values
from idlibstats.text.textnorm import norm
from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.validation.context import TableContext, to_mask
from idlibstats.datapackage.validation.textbytes import contains

VALUE, WRITTEN, EXCERPT = "value", "value_as_written", "excerpt"
_PLAIN = ("^(?:(?i:at least|more than|over|almost|nearly|about|around|up to|some) )?"
          "(?:[0-9]{1,3}(?:,[0-9]{3}){1,5}|[0-9]{1,18})$")  # up to 18 digits: fits int64
_QUALIFIER_CHARACTERS = string.ascii_letters + " "  # what a plain wording has before its digits


def _why(said: list[int | None], value: int) -> str:
    if not said:
        return "holds no number (digits or number words)"
    if len(said) > 1:
        return f"holds {len(said)} numbers; it must hold only the one stored in value"
    shown = "a fraction" if said[0] is None else f"{said[0]}"
    return f"says {shown}, but value is {value}"


def check(ctx: TableContext) -> None:
    """Report the rows whose wording does not say their value, or is not in their excerpt."""
    names = {f["name"] for f in ctx.schema["fields"]}
    if VALUE not in names or WRITTEN not in names:
        return
    usable = ctx.usable(VALUE, WRITTEN) & ~ctx.is_missing(VALUE) & ~ctx.is_missing(WRITTEN)
    written = ctx.text(WRITTEN)
    # a plain wording's digits are what is left once the qualifier's letters and spaces are
    # trimmed (RE2 only tells which wordings are plain: capturing the digits costs 3x more)
    digits = pc.utf8_ltrim(
        pc.if_else(pc.match_substring_regex(written, _PLAIN), written,
                   pa.scalar(None, pa.string())), characters=_QUALIFIER_CHARACTERS)
    plain = pc.cast(pc.replace_substring(digits, ",", ""), pa.int64())
    values = ctx.typed[VALUE]
    slow = usable & ~to_mask(pc.equal(plain, values))
    if slow.any():
        positions = pa.array(np.flatnonzero(slow))
        said_of: dict[str, list[int | None]] = {}
        for pos, text, value in zip(positions.to_pylist(), written.take(positions).to_pylist(),
                                    values.take(positions).to_pylist(), strict=True):
            if text not in said_of:  # each distinct wording is read once
                said_of[text] = said_values(norm(text))
            said = said_of[text]
            if said != [value]:
                ctx.report.add(DataPackageError(
                    f"{show(text)} {_why(said, value)}", file=ctx.rel, row=ctx.row_of(pos),
                    field=f"{VALUE}, {WRITTEN}"))
    if EXCERPT not in names:
        return
    usable = ctx.usable(WRITTEN, EXCERPT) & ~ctx.is_missing(WRITTEN) & ~ctx.is_missing(EXCERPT)
    excerpts = ctx.text(EXCERPT)
    verbatim = contains(excerpts, written)  # on the UTF-8 bytes: no string per cell
    for pos in np.flatnonzero(usable & ~verbatim):
        text, excerpt = written[int(pos)].as_py(), excerpts[int(pos)].as_py()
        if norm(text) not in norm(excerpt):
            ctx.report.add(DataPackageError(
                f"the excerpt {show(excerpt)} does not contain value_as_written {show(text)}",
                file=ctx.rel, row=ctx.row_of(int(pos)), field=f"{WRITTEN}, {EXCERPT}"))
