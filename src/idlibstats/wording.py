"""The number as written must say the number stored, and the excerpt must hold it.

A table whose schema has the fields ``value`` and ``value_as_written`` (the figures) is
checked row by row, without the report texts: the number phrase in ``value_as_written``
(digits, thousands separators, a scale word, English number words or a fraction of a scale
such as 'a quarter of a million', read by :func:`idlibstats.numberwords.said_values` on top
of :func:`idlibstats.textnorm.numbers_in`, the parser the draft tool uses) must have the
value ``value``; and, when the table also has ``excerpt``, the excerpt must contain
``value_as_written`` (after :func:`idlibstats.textnorm.norm`, case kept). So a ``value`` of
2720 beside ``value_as_written`` '272' is refused, naming file, row and field.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from idlibstats.errors import DataPackageError, show
from idlibstats.numberwords import said_values
from idlibstats.rawcsv import RawTable
from idlibstats.textnorm import norm

__all__ = ["wording_problems"]

VALUE, WRITTEN, EXCERPT = "value", "value_as_written", "excerpt"


def wording_problems(table: RawTable, frame: pd.DataFrame) -> Iterator[DataPackageError]:
    """Yield one problem per row whose wording does not say its value or is not quoted.

    Only rows whose cells had no problem already reported are read.

    Parameters
    ----------
    table : RawTable
        The table's raw cells (for the file name and the cells already reported).
    frame : pandas.DataFrame
        The typed table.

    Yields
    ------
    DataPackageError
        ``value_as_written`` holds no number, several, or one that is not ``value``;
        or ``excerpt`` does not contain ``value_as_written``.
    """
    if VALUE not in frame.columns or WRITTEN not in frame.columns:
        return
    usable = table.usable(VALUE, WRITTEN)
    values = frame[VALUE].to_numpy(dtype=object, na_value=None)
    written = frame[WRITTEN].to_numpy(dtype=object, na_value=None)
    for i in range(len(frame)):
        value, text = values[i], written[i]
        if not usable[i] or value is None or text is None:
            continue
        said = said_values(norm(str(text)))
        if said == [int(value)]:
            continue
        if not said:
            why = "holds no number (digits or number words)"
        elif len(said) > 1:
            why = f"holds {len(said)} numbers; it must hold only the one stored in value"
        else:
            shown = "a fraction" if said[0] is None else f"{said[0]}"
            why = f"says {shown}, but value is {int(value)}"
        yield DataPackageError(f"{show(text)} {why}", file=table.rel, row=i + 2,
                               field=f"{VALUE}, {WRITTEN}")
    if EXCERPT not in frame.columns:
        return
    usable = table.usable(WRITTEN, EXCERPT)
    excerpts = frame[EXCERPT].to_numpy(dtype=object, na_value=None)
    for i in range(len(frame)):
        text, excerpt = written[i], excerpts[i]
        if not usable[i] or text is None or excerpt is None:
            continue
        if norm(str(text)) not in norm(str(excerpt)):
            yield DataPackageError(
                f"the excerpt {show(excerpt)} does not contain value_as_written {show(text)}",
                file=table.rel, row=i + 2, field=f"{WRITTEN}, {EXCERPT}")
