"""The number as written must say the number stored, and the excerpt must hold it.

A table with the fields ``value`` and ``value_as_written`` (the figures) is checked without
the report texts. The number phrase (digits, a scale word, number words, 'a quarter of a
million') is read by :func:`idlibstats.text.numberwords.said_values`, the draft tool's
parser; a plain wording ('at least 12', '1,089') by Arrow, the whole column at once.
"""

from __future__ import annotations

import string
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import show
from idlibstats.datapackage.validation import TableCheck, TableState, mask
from idlibstats.text.numberwords import said_values
from idlibstats.text.textnorm import norm

__all__ = ["VALUE_NOT_AS_WRITTEN", "WORDING_NOT_IN_EXCERPT"]

VALUE, WRITTEN, EXCERPT = "value", "value_as_written", "excerpt"
_PLAIN = ("^(?:(?i:at least|more than|over|almost|nearly|about|around|up to|some) )?"
          "(?:[0-9]{1,3}(?:,[0-9]{3}){1,5}|[0-9]{1,18})$")  # up to 18 digits: fits int64
_QUALIFIER_CHARACTERS = string.ascii_letters + " "  # what a plain wording has before its digits


def _has(*names: str) -> Callable[[TableState], bool]:
    """Return what the checks apply to: tables with every field of ``names``."""
    return lambda state: {*names} <= {f["name"] for f in state.fields}


def _why(said: list[int | None], value: int) -> str:
    if not said:
        return "holds no number (digits or number words)"
    if len(said) > 1:
        return f"holds {len(said)} numbers; it must hold only the one stored in value"
    shown = "a fraction" if said[0] is None else f"{said[0]}"
    return f"says {shown}, but value is {value}"


def _value_not_as_written(state: TableState) -> None:
    usable = (state.usable(VALUE, WRITTEN) & ~state.is_missing(VALUE)
              & ~state.is_missing(WRITTEN))
    written, values = state.text(WRITTEN), state.typed[VALUE]
    # a plain wording's digits are what is left once the qualifier's letters and spaces are
    # trimmed (RE2 only tells which wordings are plain: capturing the digits costs 3x more)
    digits = pc.utf8_ltrim(pc.if_else(pc.match_substring_regex(written, _PLAIN), written,
                                      pa.scalar(None, pa.string())),
                           characters=_QUALIFIER_CHARACTERS)
    plain = pc.cast(pc.replace_substring(digits, ",", ""), pa.int64())
    positions = pa.array(np.flatnonzero(usable & ~mask(pc.equal(plain, values))))
    said_of: dict[str, list[int | None]] = {}
    for pos, text, value in zip(positions.to_pylist(), written.take(positions).to_pylist(),
                                values.take(positions).to_pylist(), strict=True):
        if text not in said_of:  # each distinct wording is read once
            said_of[text] = said_values(norm(text))
        if said_of[text] != [value]:
            state.error("value-not-as-written", f"{show(text)} {_why(said_of[text], value)}",
                        pos, [VALUE, WRITTEN])


VALUE_NOT_AS_WRITTEN = TableCheck("value-not-as-written", _has(VALUE, WRITTEN),
                                  _value_not_as_written)
"""``value_as_written`` says ``value``."""


def _wording_not_in_excerpt(state: TableState) -> None:
    usable = (state.usable(WRITTEN, EXCERPT) & ~state.is_missing(WRITTEN)
              & ~state.is_missing(EXCERPT))
    written, excerpts = state.text(WRITTEN).to_pylist(), state.text(EXCERPT).to_pylist()
    for pos in np.flatnonzero(usable):
        text, excerpt = written[pos], excerpts[pos]
        if text not in excerpt and norm(text) not in norm(excerpt):
            state.error("wording-not-in-excerpt", f"the excerpt {show(excerpt)} does not "
                        f"contain value_as_written {show(text)}", int(pos), [WRITTEN, EXCERPT])


WORDING_NOT_IN_EXCERPT = TableCheck("wording-not-in-excerpt", _has(VALUE, WRITTEN, EXCERPT),
                                    _wording_not_in_excerpt)
"""``excerpt`` holds ``value_as_written``."""
