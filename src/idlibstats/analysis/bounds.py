"""Bounds (low, best, high) of each figure from its value and its wording, and nothing more.

A report's figure is a claim worded one way or another ('at least 50', 'more than 30',
'almost 1,000', 'around 3 million'). This module turns the wording into the range of counts
it allows, without touching the value as written, and without adding any number the
wording does not imply.

Rules (``v`` is the value as written):

============  ========================  ====  =========================================
qualifier     range [low, high]         best  why
============  ========================  ====  =========================================
exact         [v, v]                    v     the report gives the number
at_least      [v, open]                 v     v is included, no ceiling
more_than     [v, open]                 v     a floor of v: v + 1 is a number no
                                              source said
almost        [no floor, v]             v     a ceiling of v, and nothing below it
up_to         [no floor, v]             v     a ceiling only
about         [no floor, open]          v     no hard bound: 'about' says near v, not
                                              how near
============  ========================  ====  =========================================

``best`` is always ``v``, the number the source said. ``low`` is ``<NA>`` when the wording
gives no floor above zero (a count is never negative, so 0 goes without saying): in a sum,
``<NA>`` counts as 0, which is still a floor. ``high`` is ``<NA>`` when the wording sets
no ceiling (open): never add a ``high`` that may be ``<NA>``. A count the wording fixes at
0 ('0', 'up to 0') has low 0. ``almost 0`` says nothing a count can be and raises.

A band such as 'almost v means at least 90% of v' is a *convention*, not something the
reports say: ``bounds(..., convention_band=0.1)`` adds it as two columns named as one
(``convention_band_low``, ``convention_band_high``), beside and never instead of ``low``
and ``high``. Its arithmetic is exact (``convention_band`` is read as the decimal it
prints as, so ``ceil(3000000 * 0.9)`` is 2,700,000, not 2,700,001).
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Real
from typing import Any

import numpy as np
import pandas as pd

from idlibstats.analysis.frames import require_figures

__all__ = ["QUALIFIERS", "RULES", "bounds"]

#: The qualifiers the rules cover, in the schema's order.
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than", "almost", "about", "up_to")

_INT64_SAFE = 2**62


def _band_fraction(band: Any) -> Fraction:
    """Return ``band`` as an exact fraction in [0, 1), refusing anything else."""
    if isinstance(band, bool) or not isinstance(band, Real):
        raise ValueError(f"convention_band must be a number in [0, 1), not {band!r}")
    if not math.isfinite(band):
        raise ValueError(f"convention_band must be in [0, 1), not {band!r}")
    frac = Fraction(str(band)) if isinstance(band, float) else Fraction(band)
    if not 0 <= frac < 1:
        raise ValueError(f"convention_band must be in [0, 1), not {band!r}")
    return frac


def _first_id(figures: pd.DataFrame, mask: Any) -> str:
    ids = figures["figure_id"].to_numpy()[np.asarray(mask, dtype=bool)]
    return ", ".join(str(i) for i in ids[:3]) + (" ..." if len(ids) > 3 else "")


#: The rule of each qualifier, as the ``rule`` column words it.
RULES: dict[str, str] = {
    "exact": "exact: [v, v], best v",
    "at_least": "at_least: [v, open], best v (a floor of v)",
    "more_than": "more_than: [v, open], best v (a floor of v)",
    "almost": "almost: [no floor, v], best v (a ceiling of v)",
    "up_to": "up_to: [no floor, v], best v (a ceiling of v)",
    "about": "about: no hard bound, best v",
}


def _convention(v: np.ndarray, qual: np.ndarray, band: Fraction, low: np.ndarray,
                high: np.ndarray, open_high: np.ndarray) -> tuple[list, list]:
    """Return the convention band: almost [ceil(v(1-b)), v]; about [ceil(v(1-b)), floor(v(1+b))]."""
    p, q = band.numerator, band.denominator
    c_low, c_high = low.copy(), high.copy()
    c_open = open_high.copy()
    lower_band = -((-v * (q - p)) // q)  # ceil(v * (1 - band))
    for name in ("almost", "about"):
        m = qual == name
        c_low[m] = lower_band[m]
    m = qual == "about"
    c_high[m] = (v[m] * (q + p)) // q  # floor(v * (1 + band))
    c_open[m] = False
    highs = [None if o else x for x, o in zip(c_high.tolist(), c_open.tolist(), strict=True)]
    return c_low.tolist(), highs


def bounds(
    figures: pd.DataFrame | None = None, *, convention_band: float | None = None
) -> pd.DataFrame:
    """Return the figures with the range of counts each one's wording allows.

    Rules (``v`` = ``value``; ``best`` is always ``v``, the number the source said):
    exact v -> [v, v]; at_least v and more_than v -> [v, open] ('more than v' is read as
    a floor of v, since v + 1 is a number no source said); almost v and up_to v ->
    [no floor, v]; about v -> no hard bound. No floor is ``<NA>`` in ``low`` (a count is
    never below 0: in a sum it counts as 0); open is ``<NA>`` in ``high``. A count fixed
    at 0 has low 0. The input is not modified.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures with at least ``figure_id``, ``value`` and ``qualifier``;
        ``idlibstats.bounds()`` loads the package's when none are given.
    convention_band : float, optional
        Add the columns ``convention_band_low`` and ``convention_band_high``: a
        CONVENTION, not an implication. 'almost v' becomes [ceil(v*(1-band)), v] and
        'about v' [ceil(v*(1-band)), floor(v*(1+band))]; every other row keeps its own
        ``low`` and ``high``. In [0, 1); read as the decimal it prints as.

    Returns
    -------
    pandas.DataFrame
        The input columns and index, plus:

        ====================  =======  ====================================================
        column                dtype    meaning
        ====================  =======  ====================================================
        low                   Int64    smallest count the wording implies; <NA> = no floor
                                       above 0
        best                  Int64    the value the source said (always ``v``)
        high                  Int64    largest count the wording implies; <NA> = open
        rule                  string   the rule applied, e.g. ``almost: [no floor, v] ...``
        convention_band_low   Int64    only with ``convention_band``: the convention's
                                       floor
        convention_band_high  Int64    only with ``convention_band``: the convention's
                                       ceiling; <NA> = open
        ====================  =======  ====================================================

    Raises
    ------
    ValueError
        If a column is missing, ``convention_band`` is not in [0, 1), or a figure has a
        missing or negative value, an unknown qualifier, or ``almost 0``; the message
        names the ``figure_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"figure_id": ["a-2019-01-01-01", "a-2019-01-01-02"],
    ...                   "value": [30, 1000], "qualifier": ["more_than", "almost"]})
    >>> bounds(f)[["low", "best", "high"]].to_numpy().tolist()
    [[30, 30, <NA>], [<NA>, 1000, 1000]]
    """
    figures = require_figures(figures, ("figure_id", "value", "qualifier"), function="bounds")
    frac = None if convention_band is None else _band_fraction(convention_band)
    out = figures.copy()
    n = len(out)
    extra = ("convention_band_low", "convention_band_high") if frac is not None else ()
    if n == 0:
        for col in ("low", "best", "high", *extra):
            out[col] = pd.array([], dtype="Int64")
        out["rule"] = pd.array([], dtype="string")
        return out[[*figures.columns, "low", "best", "high", "rule", *extra]]

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

    big = frac is not None and int(v_np.max()) * (frac.denominator + frac.numerator) \
        >= _INT64_SAFE
    v = v_np.astype(object) if big else v_np
    low, high = v.copy(), v.copy()
    open_high = (qual == "at_least") | (qual == "more_than") | (qual == "about")
    # no floor above 0: a ceiling-only or unbounded wording, or a floor of 0 with no ceiling
    no_floor = (qual == "almost") | (qual == "about") | ((qual == "up_to") & (v_np > 0))
    no_floor |= open_high & (v_np == 0)
    out["low"] = pd.arrays.IntegerArray(np.where(no_floor, 0, v_np), no_floor.copy())
    out["best"] = pd.array(v_np, dtype="Int64")
    out["high"] = pd.arrays.IntegerArray(v_np.copy(), open_high.copy())
    out["rule"] = pd.array([RULES[x] for x in qual], dtype="string")
    if frac is not None:
        c_low, c_high = _convention(v, qual, frac, low, high, open_high)
        too_big = np.array([x is not None and x >= 2**63 for x in c_high], dtype=bool)
        if too_big.any():  # a bound past the Int64 columns: say so, never wrap or crash
            raise ValueError(
                f"figure(s) {_first_id(figures, too_big)}: value {int(v_np[too_big][0])} with "
                f"qualifier {qual[too_big][0]!r} has a convention band high past the 64-bit "
                "integers (9,223,372,036,854,775,807); idlibstats cannot bound it")
        c_low_arr = pd.array(c_low, dtype="Int64")
        c_low_arr[no_floor & ~np.isin(qual, ("almost", "about"))] = pd.NA
        out["convention_band_low"] = c_low_arr
        out["convention_band_high"] = pd.array(c_high, dtype="Int64")
    return out
