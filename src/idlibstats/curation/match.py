"""Whether a drafted row is a recorded figure: the same value, said by the same phrase.

Used to score the draft tool against the recorded figures (``benchmarks/draft_eval.py``
and the tests of the draft on the real reports).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from idlibstats.text.textnorm import norm, numbers_in

__all__ = ["drafted_matches_recorded", "occurrences"]


def occurrences(needle: str, hay: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of every occurrence of ``needle`` in ``hay``.

    Parameters
    ----------
    needle : str
        The text looked for (not empty).
    hay : str
        The text looked in.

    Returns
    -------
    list of tuple of int
        Start and end offsets of each occurrence, overlapping ones included, in order.
    """
    out, start = [], hay.find(needle)
    while start >= 0:
        out.append((start, start + len(needle)))
        start = hay.find(needle, start + 1)
    return out


def drafted_matches_recorded(recorded: pd.Series | dict[str, Any],
                             drafted: pd.Series | dict[str, Any], text: str) -> bool:
    """Tell whether a drafted row gives the same figure as a recorded one.

    The two rows match when their ``value`` is the same and their excerpts overlap
    somewhere in the report's text on a stretch that itself says that value.

    Parameters
    ----------
    recorded : pandas.Series or dict
        A row of the figures table (``value``, ``excerpt``).
    drafted : pandas.Series or dict
        A row of the draft (``value``, which may be missing, and ``excerpt``, already
        normalised as the draft writes it).
    text : str
        The report's text, normalised with :func:`idlibstats.text.textnorm.norm`.

    Returns
    -------
    bool
        True if the draft row is the recorded figure.
    """
    if pd.isna(drafted["value"]) or int(recorded["value"]) != int(drafted["value"]):
        return False
    value = int(recorded["value"])
    for r0, r1 in occurrences(norm(str(recorded["excerpt"])), text):
        for d0, d1 in occurrences(str(drafted["excerpt"]), text):
            lo, hi = max(r0, d0), min(r1, d1)
            if lo < hi and value in [n.value for n in numbers_in(text[lo:hi])]:
                return True
    return False
