"""Bounds (low, best, high) of each figure from its value and its wording.

A report's figure is a claim worded one way or another ('at least 50', 'more than 30',
'almost 1,000', 'around 3 million'). This module turns the wording into an integer range
that the claim allows, without touching the value as written.

Rules (``v`` is the value as written, ``band`` defaults to 0.1):

============  ==================================  ====  ===============================
qualifier     range [low, high]                   best  why
============  ==================================  ====  ===============================
exact         [v, v]                              v     the report gives the number
at_least      [v, open]                           v     v is included, no ceiling
more_than     [v, open]                           v     a floor of v: v + 1 is a number
                                                        no source said
almost        [ceil(v * (1 - band)), v]           v     a ceiling of v, within band
about         [ceil(v * (1 - band)),              v     symmetric band around v
              floor(v * (1 + band))]
up_to         [0, v]                              v     a ceiling only
============  ==================================  ====  ===============================

``best`` is always ``v``, the number the source said, and ``low <= best <= high``.
Values are counts, so every bound is an integer; ``high`` is ``<NA>`` when the wording sets
no upper bound (open). The band arithmetic is exact (``band`` is read as the decimal it
prints as, so ``0.1`` is one tenth and ``ceil(3000000 * 0.9)`` is 2,700,000, not 2,700,001).
``almost 0`` says nothing a count can be and raises.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from idlibstats.analysis.frames import require_figures

__all__ = ["QUALIFIERS", "bounds"]

#: The qualifiers the rules cover, in the schema's order.
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than", "almost", "about", "up_to")

_INT64_SAFE = 2**62


def _band_fraction(band: Any) -> Fraction:
    """Return ``band`` as an exact fraction in [0, 1), refusing anything else."""
    if isinstance(band, bool) or not isinstance(band, Real):
        raise ValueError(f"band must be a number in [0, 1), not {band!r}")
    if not math.isfinite(band):
        raise ValueError(f"band must be in [0, 1), not {band!r}")
    frac = Fraction(str(band)) if isinstance(band, float) else Fraction(band)
    if not 0 <= frac < 1:
        raise ValueError(f"band must be in [0, 1), not {band!r}")
    return frac


def _first_id(figures: pd.DataFrame, mask: Any) -> str:
    ids = figures["figure_id"].to_numpy()[np.asarray(mask, dtype=bool)]
    return ", ".join(str(i) for i in ids[:3]) + (" ..." if len(ids) > 3 else "")


def _rule_texts(band: Fraction) -> dict[str, str]:
    down = f"{float(1 - band):g}"
    up = f"{float(1 + band):g}"
    pct = f"{float(band * 100):g}%"
    return {
        "exact": "exact: [v, v], best v",
        "at_least": "at_least: [v, open], best v",
        "more_than": "more_than: [v, open], best v (a floor of v)",
        "almost": f"almost (band {pct}): [ceil(v*{down}), v], best v (a ceiling of v)",
        "about": f"about (band {pct}): [ceil(v*{down}), floor(v*{up})], best v",
        "up_to": "up_to: [0, v], best v (a ceiling of v)",
    }


def bounds(figures: pd.DataFrame | None = None, *, band: float = 0.1) -> pd.DataFrame:
    """Return the figures with the integer range each one's wording allows.

    Rules (``v`` = ``value``; ``best`` is always ``v``, the number the source said):
    exact v -> [v, v]; at_least v -> [v, open]; more_than v -> [v, open] ('more than v'
    is read as a floor of v, since v + 1 is a number no source said); almost v ->
    [ceil(v*(1-band)), v]; about v -> [ceil(v*(1-band)), floor(v*(1+band))]; up_to v ->
    [0, v]. ``low <= best <= high`` on every row. The input is not modified.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures with at least ``figure_id``, ``value`` and ``qualifier``;
        ``idlibstats.bounds()`` loads the package's when none are given.
    band : float, default 0.1
        Relative half-width of the range for ``about`` and the depth below ``v`` for
        ``almost``; in [0, 1). Read as the decimal it prints as.

    Returns
    -------
    pandas.DataFrame
        The input columns and index, plus:

        ==========  =======  ==============================================================
        column      dtype    meaning
        ==========  =======  ==============================================================
        low         Int64    smallest count the wording allows
        best        Int64    the value the source said (always ``v``)
        high        Int64    largest count the wording allows; <NA> = open (no upper bound)
        rule        string   the rule applied, e.g. ``more_than: [v, open], best v ...``
        ==========  =======  ==============================================================

    Raises
    ------
    ValueError
        If a column is missing, ``band`` is not in [0, 1), or a figure has a missing or
        negative value, an unknown qualifier, or ``almost 0``; the message names the
        ``figure_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"figure_id": ["a-2019-01-01-01"], "value": [30],
    ...                   "qualifier": ["more_than"]})
    >>> bounds(f)[["low", "best", "high"]].iloc[0].tolist()
    [30, 30, <NA>]
    """
    figures = require_figures(figures, ("figure_id", "value", "qualifier"), function="bounds")
    frac = _band_fraction(band)
    out = figures.copy()
    n = len(out)
    if n == 0:
        for col in ("low", "best", "high"):
            out[col] = pd.array([], dtype="Int64")
        out["rule"] = pd.array([], dtype="string")
        return out

    qual = figures["qualifier"].astype("string").to_numpy(dtype=object, na_value=None)
    try:
        value = pd.array(figures["value"], dtype="Int64")
    except (TypeError, ValueError):
        num = pd.to_numeric(figures["value"], errors="coerce")
        bad = (num.isna() & figures["value"].notna()) | (num % 1 != 0).fillna(False)
        raise ValueError(
            f"figure(s) {_first_id(figures, bad)}: value is not an integer count"
        ) from None
    if value.isna().any():
        raise ValueError(f"figure(s) {_first_id(figures, value.isna())}: value is missing")
    known = np.isin(qual, QUALIFIERS)
    if not known.all():
        bad = qual[~known][0]
        raise ValueError(
            f"figure(s) {_first_id(figures, ~known)}: unknown qualifier {bad!r}; "
            f"bounds are defined for {list(QUALIFIERS)}"
        )
    v_np = value.to_numpy(dtype="int64")
    if (v_np < 0).any():
        raise ValueError(f"figure(s) {_first_id(figures, v_np < 0)}: value is negative")
    is_almost = qual == "almost"
    if (is_almost & (v_np == 0)).any():
        raise ValueError(
            f"figure(s) {_first_id(figures, is_almost & (v_np == 0))}: 'almost 0' has no "
            "count below it; record the figure as exact or fix the value"
        )

    p, q = frac.numerator, frac.denominator
    # Exact integer arithmetic; fall back to Python ints if int64 could overflow.
    big = int(v_np.max()) * (q + p) >= _INT64_SAFE
    v = v_np.astype(object) if big else v_np
    low = v.copy()
    best = v.copy()
    high = v.copy()
    open_high = np.zeros(n, dtype=bool)

    open_high |= (qual == "at_least") | (qual == "more_than")
    lower_band = -((-v * (q - p)) // q)  # ceil(v * (1 - band))
    m = is_almost
    low[m] = lower_band[m]
    m = qual == "up_to"
    low[m] = 0
    m = qual == "about"
    low[m] = lower_band[m]
    high[m] = (v[m] * (q + p)) // q  # floor(v * (1 + band))

    if big:  # a bound past the Int64 columns: say so, never wrap or crash
        too_big = np.array([x is not None and x >= 2**63 for x in high.tolist()], dtype=bool)
        too_big &= ~open_high
        if too_big.any():
            raise ValueError(
                f"figure(s) {_first_id(figures, too_big)}: value {int(v_np[too_big][0])} with "
                f"qualifier {qual[too_big][0]!r} has a high bound past the 64-bit integers "
                "(9,223,372,036,854,775,807); idlibstats cannot bound it")
    high_arr = pd.array(high.tolist() if big else high, dtype="Int64")
    high_arr[open_high] = pd.NA
    out["low"] = pd.array(low.tolist() if big else low, dtype="Int64")
    out["best"] = pd.array(best.tolist() if big else best, dtype="Int64")
    out["high"] = high_arr
    texts = _rule_texts(frac)
    out["rule"] = pd.array([texts[x] for x in qual], dtype="string")
    return out
