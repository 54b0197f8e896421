"""How the charts word what they show: dates, periods, days covered, populations."""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction

import pandas as pd

DAY = pd.Timedelta(days=1)
YEAR_START = pd.Timestamp("2019-01-01")
YEAR_END = pd.Timestamp("2020-01-01")
POPULATION_LABEL = {
    "all": "people",
    "civilians": "civilians",
    "children": "children",
    "women": "women",
    "women_and_children": "women and children",
    "men": "men",
    "fighters": "fighters",
    "pro_government_fighters": "pro-government fighters",
    "opposition_fighters": "opposition fighters",
    "not_applicable": "",
}


def population_text(population: object) -> str:
    """Return a population as the charts write it: 'people' for all, else its words."""
    key = str(population)
    return POPULATION_LABEL.get(key, key.replace("_", " "))


def date_text(ts: pd.Timestamp) -> str:
    """Return a date as the charts write it: '4 May 2019'."""
    return f"{ts.day} {ts:%b %Y}"


def period_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Return a period as the charts write it: one day, or its first and last days."""
    if start == end:
        return date_text(start)
    if start.year == end.year:
        if start.month == end.month and start.day == 1 and (end + DAY).day == 1:
            return f"{start:%B %Y}"
        return f"{start.day} {start:%b}–{date_text(end)}"
    return f"{date_text(start)}–{date_text(end)}"


def _days(row: pd.Series) -> int:
    return int((row["period_end"] - row["period_start"]).days) + 1


def as_written(row: pd.Series) -> str:
    """Return the value as the report words it, with a separator added to bare digits.

    '3013' becomes '3,013' (the report's digits, made readable; nothing else changes);
    'more than 130,000' and 'Fifty-one' stay as written.
    """
    text = str(row["value_as_written"])
    return f"{int(text):,}" if text.isdigit() else text


#: How a per-day number is rounded for display, by what it bounds: a floor down, a ceiling
#: up (so the text never claims more than the figure), an exact average to the nearest.
ROUNDING = {"floor": math.floor, "ceiling": math.ceil, "exact": round}


def per_day_text(total: int, days: int, bound: str) -> str:
    """Return ``total / days`` to three significant digits, rounded as ``bound`` allows.

    A floor is rounded down and a ceiling up, so that the text never states a tighter bound
    than the figure gives; an exact average is rounded to the nearest. The arithmetic is
    exact (fractions), so 67 / 5 is 13.4, not 13.39.

    Parameters
    ----------
    total : int
        The total over the span.
    days : int
        The span's days (1 or more).
    bound : {"floor", "ceiling", "exact"}
        What the number is.

    Returns
    -------
    str
        E.g. ``per_day_text(1000, 124, "ceiling")`` is ``'8.07'``, ``per_day_text(160, 94,
        "floor")`` is ``'1.70'``, ``per_day_text(130000, 5, "floor")`` is ``'26,000'``.
    """
    rate = Fraction(int(total), int(days))
    if rate == 0:
        return "0"
    digits = 2 - math.floor(math.log10(rate))
    scaled = rate * Fraction(10) ** digits
    rounded = Fraction(ROUNDING[bound](scaled)) / Fraction(10) ** digits
    decimals = max(digits, 0)
    text = f"{float(rounded):,.{decimals}f}"
    if decimals and rounded == rate:  # nothing was rounded away: 0.8 and 4, not 0.800, 4.00
        text = text.rstrip("0").rstrip(".")
    return text


def and_list(words: Iterable[str]) -> str:
    """Return words as an English list: 'a', 'a and b', 'a, b and c'."""
    items = list(dict.fromkeys(words))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
