"""How the charts word what they show: dates, periods, days covered, populations."""

from __future__ import annotations

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
    "fighters": "fighters",
    "pro_government_fighters": "pro-government fighters",
    "opposition_fighters": "opposition fighters",
    "not_applicable": "",
}


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
