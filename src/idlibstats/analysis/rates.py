"""Rates over spans: what a total over a known span says about each of its days, on average.

A figure that counts people (or strikes, or facilities) over a known span is a total over
``[period_start, period_end]`` inclusive: a ``period_total``, or a ``cumulative`` count
(counted since ``period_start``, as of ``period_end``). Divided by the span's days it gives
the average per day over exactly that span, in the direction its wording allows:

============  =====================  =====================================================
qualifier     per day                why
============  =====================  =====================================================
exact         floor and ceiling      the total is the number said
at_least      floor                  the total is the number said or more
more_than     floor                  read as a floor of v, as :func:`idlibstats.bounds`
almost        ceiling                the total is below the number said; no floor
up_to         ceiling                the total is at most the number said; no floor
about         neither                'about' sets no hard bound either way
============  =====================  =====================================================

Two ``cumulative`` figures of one claimant, with the same indicator, population, area and
start, are also differenced: over the days between their as-of dates the count is at least
``floor(later) - ceiling(earlier)`` and at most ``ceiling(later) - floor(earlier)``. A
difference is made only when the earlier figure's wording gives it a ceiling (otherwise the
difference has no floor), and never for figures with no claimant named.

A rate belongs to its whole span: it is never split into months, never summed with another
rate and never given to a single day; the ``how`` column writes out the arithmetic. Stocks
(a population on a day) and movements (one person moving twice counts twice) are not totals
of people over a span and are left out, as are figures for all of Syria unless
``national=True``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from idlibstats.analysis.bounds import QUALIFIERS
from idlibstats.analysis.frames import like_figures, require_figures

__all__ = ["DIRECTIONS", "rates"]

#: What each qualifier bounds per day: (gives a floor, gives a ceiling).
DIRECTIONS: dict[str, tuple[bool, bool]] = {
    "exact": (True, True),
    "at_least": (True, False),
    "more_than": (True, False),
    "almost": (False, True),
    "up_to": (False, True),
    "about": (False, False),
}

#: ``admin1`` of a figure that counts all of Syria rather than the north-west.
NATIONAL = "SY"

#: The measures that are totals over their span.
TOTALS = ("period_total", "cumulative")

_UNATTRIBUTED = "unattributed"

_NEEDED = (
    "figure_id", "indicator", "population", "value", "qualifier",
    "period_start", "period_end", "admin1", "claimant", "measure",
)

_COLUMNS = (
    "indicator", "population", "claimant", "measure", "period_start", "period_end", "days",
    "wording", "total_floor", "total_ceiling", "floor_per_day", "ceiling_per_day", "admin1",
    "figure_ids", "how",
)

_WORDS = {
    "exact": "{v} (exact)",
    "at_least": "at least {v}",
    "more_than": "more than {v}",
    "almost": "almost {v}",
    "up_to": "up to {v}",
    "about": "about {v}",
}


@dataclass(frozen=True)
class _Total:
    """One figure read as a total over its span, with what its wording bounds."""

    figure_id: str
    indicator: str
    population: str
    claimant: str
    measure: str
    admin1: str
    start: pd.Timestamp
    end: pd.Timestamp
    value: int
    qualifier: str

    @property
    def floor(self) -> int | None:
        return self.value if DIRECTIONS[self.qualifier][0] else None

    @property
    def ceiling(self) -> int | None:
        return self.value if DIRECTIONS[self.qualifier][1] else None

    @property
    def wording(self) -> str:
        return _WORDS[self.qualifier].format(v=f"{self.value:,}")


def _day(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b %Y}"


def _span(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return _day(start)
    if start.year == end.year:
        return f"{start.day} {start:%b}-{_day(end)}"
    return f"{_day(start)}-{_day(end)}"


def _per_day(total: int, days: int) -> str:
    rate = total / days
    shown = f"{rate:,.0f}" if rate >= 100 else f"{rate:.2f}"
    return f"{total:,} / {days:,} ≈ {shown} a day"


def _plural(days: int) -> str:
    return f"{days:,} day" + ("" if days == 1 else "s")


def _totals(figures: pd.DataFrame, national: bool) -> list[_Total]:
    """Return the figures that are totals over a span, checked, as :class:`_Total`."""
    measure = figures["measure"].astype("string")
    keep = measure.isin(TOTALS).fillna(False)
    if not national:
        keep &= (figures["admin1"].astype("string") != NATIONAL).fillna(True)
    chosen = figures.loc[keep.to_numpy(dtype=bool)]
    out = []
    for row in chosen.itertuples(index=False):
        fid = str(row.figure_id)
        if pd.isna(row.period_start) or pd.isna(row.period_end):
            raise ValueError(f"figure {fid}: period is missing, so it has no span to divide by")
        start, end = pd.Timestamp(row.period_start), pd.Timestamp(row.period_end)
        if end < start:
            raise ValueError(f"figure {fid}: period_end {end:%Y-%m-%d} is before period_start "
                             f"{start:%Y-%m-%d}")
        if pd.isna(row.value) or int(row.value) < 0:
            raise ValueError(f"figure {fid}: value is missing or negative")
        qualifier = None if pd.isna(row.qualifier) else str(row.qualifier)
        if qualifier not in DIRECTIONS:
            raise ValueError(f"figure {fid}: unknown qualifier {qualifier!r}; rates are "
                             f"defined for {list(QUALIFIERS)}")
        out.append(_Total(
            figure_id=fid, indicator=str(row.indicator), population=str(row.population),
            claimant=str(row.claimant), measure=str(row.measure), admin1=str(row.admin1),
            start=start, end=end, value=int(row.value), qualifier=qualifier,
        ))
    return out


def _figure_row(t: _Total) -> dict[str, object]:
    days = (t.end - t.start).days + 1
    what = f"{t.wording} over {_span(t.start, t.end)} ({_plural(days)})"
    if t.floor is not None and t.ceiling is not None:
        how = (f"{what}: {_per_day(t.value, days)} on average over the whole span, "
               "as floor and ceiling")
    elif t.floor is not None:
        how = (f"{what}: a floor of {_per_day(t.value, days)} on average over the whole "
               f"span; '{t.qualifier.replace('_', ' ')}' sets no ceiling")
    elif t.ceiling is not None:
        how = (f"{what}: a ceiling of {_per_day(t.value, days)} on average over the whole "
               f"span; '{t.qualifier.replace('_', ' ')}' sets no floor")
    else:
        how = f"{what}: '{t.qualifier}' sets no hard bound, so no floor and no ceiling per day"
    return _row(t, t.measure, t.start, t.end, t.wording, t.floor, t.ceiling,
                (t.figure_id,), how)


def _row(
    t: _Total, measure: str, start: pd.Timestamp, end: pd.Timestamp, wording: str,
    floor: int | None, ceiling: int | None, ids: Iterable[str], how: str,
) -> dict[str, object]:
    days = (end - start).days + 1
    return {
        "indicator": t.indicator, "population": t.population, "claimant": t.claimant,
        "measure": measure, "period_start": start, "period_end": end, "days": days,
        "wording": wording, "total_floor": floor, "total_ceiling": ceiling,
        "floor_per_day": None if floor is None else floor / days,
        "ceiling_per_day": None if ceiling is None else ceiling / days,
        "admin1": t.admin1, "figure_ids": ";".join(ids), "how": how,
    }


def _taken_together(figures: list[_Total]) -> tuple[int | None, int | None, str]:
    """Return the largest floor, smallest ceiling and words of one as-of date's figures."""
    floors = [f.floor for f in figures if f.floor is not None]
    ceilings = [f.ceiling for f in figures if f.ceiling is not None]
    words = " / ".join(f.wording for f in figures)
    return (max(floors) if floors else None, min(ceilings) if ceilings else None, words)


def _difference_rows(totals: list[_Total]) -> list[dict[str, object]]:
    """Difference consecutive as-of dates of one claimant's cumulative series (one start)."""
    series: dict[tuple, dict[pd.Timestamp, list[_Total]]] = {}
    for t in totals:
        if t.measure == "cumulative" and t.claimant != _UNATTRIBUTED:
            key = (t.indicator, t.population, t.claimant, t.admin1, t.start)
            series.setdefault(key, {}).setdefault(t.end, []).append(t)
    rows = []
    for key in sorted(series, key=lambda k: tuple(map(str, k))):
        by_end = series[key]
        for e1, e2 in itertools.pairwise(sorted(by_end)):
            first, second = by_end[e1], by_end[e2]
            low1, high1, w1 = _taken_together(first)
            low2, high2, w2 = _taken_together(second)
            if high1 is None:
                continue  # no ceiling for the earlier count: the difference has no floor
            start, end = e1 + pd.Timedelta(days=1), e2
            days = (end - start).days + 1
            floor = ceiling = None
            if low2 is None:
                floor_text = f"no floor: {w2} has none"
            elif low2 - high1 > 0:
                floor = low2 - high1
                floor_text = f"a floor of {low2:,} - {high1:,} = {floor:,}, {_per_day(floor, days)}"
            else:
                floor_text = f"no floor: {low2:,} - {high1:,} is not above 0"
            if high2 is None:
                ceil_text = f"no ceiling: {w2} has none"
            elif high2 - (low1 or 0) < 0:
                ceil_text = (f"no ceiling: {high2:,} - {low1 or 0:,} is below 0, the running "
                             "total fell: the figures contradict each other")
            else:
                ceiling = high2 - (low1 or 0)
                ceil_text = (f"a ceiling of {high2:,} - {low1 or 0:,} = {ceiling:,}, "
                             f"{_per_day(ceiling, days)}")
            t = first[0]
            wording = f"({w2} by {_day(e2)}) - ({w1} by {_day(e1)})"
            how = (f"{wording}, both counted by {t.claimant} since {_day(t.start)}: over "
                   f"{_span(start, end)} ({_plural(days)}), {floor_text}; {ceil_text}; "
                   "on average over the whole span")
            ids = sorted({f.figure_id for f in (*first, *second)})
            rows.append(_row(t, "difference", start, end, wording, floor, ceiling, ids, how))
    return rows


def rates(figures: pd.DataFrame | None = None, *, national: bool = False) -> pd.DataFrame:
    """Return the average per day of every total over a known span, as its wording allows.

    One row per figure whose ``measure`` is ``period_total`` or ``cumulative`` (a total over
    ``[period_start, period_end]``, inclusive), and per difference of two as-of dates of one
    claimant's cumulative series (see the module docstring). ``floor_per_day`` is the total's
    floor divided by the span's days ('at least', 'more than', exact), ``ceiling_per_day``
    its ceiling divided likewise ('almost', 'up to', exact); 'about' gives neither. A rate
    holds for its whole span on average: it is never split into months, never summed and
    never given to one day. Nothing is apportioned and the input is not modified.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures as :func:`idlibstats.figures` returns them (needs ``figure_id``,
        ``indicator``, ``population``, ``value``, ``qualifier``,
        ``period_start``, ``period_end``, ``admin1``, ``claimant``, ``measure``);
        ``idlibstats.rates()`` loads the package's when none are given.
    national : bool, default False
        Keep the figures whose ``admin1`` is ``SY`` (all of Syria). Left out by default, as
        in :func:`idlibstats.monthly`: they count another area than the north-west.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``indicator``, ``population``, ``period_start``, ``period_end``,
        ``claimant``:

        ===============  ==========  ==========================================================
        column           dtype       meaning
        ===============  ==========  ==========================================================
        indicator        string      what is counted
        population       string      who is counted
        claimant         string      who produced the figure(s)
        measure          string      ``period_total``, ``cumulative`` or ``difference``
        period_start     datetime64  first day of the span
        period_end       datetime64  last day of the span (inclusive)
        days             Int64       days in the span
        wording          string      the total as worded ('almost 1,000'), or the difference
        total_floor      Int64       floor of the total over the span; <NA> = none
        total_ceiling    Int64       ceiling of the total over the span; <NA> = none
        floor_per_day    Float64     total_floor / days; <NA> = no floor
        ceiling_per_day  Float64     total_ceiling / days; <NA> = no ceiling
        admin1           string      the area the figure counts (as in the figures)
        figure_ids       string      the figure, or the two differenced, ';'-joined
        how              string      the arithmetic, in words
        ===============  ==========  ==========================================================

    Raises
    ------
    TypeError
        If ``figures`` is None (analysis never loads the package).
    ValueError
        If a column is missing, or a total has a missing period, a period that ends before
        it starts, a missing or negative value, or an unknown qualifier; the message names
        the ``figure_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({
    ...     "figure_id": ["a-2019-05-31-01"], "indicator": ["killed"], "population": ["all"],
    ...     "value": [272], "qualifier": ["exact"], "value_as_written": ["272"],
    ...     "period_start": [pd.Timestamp("2019-05-01")],
    ...     "period_end": [pd.Timestamp("2019-05-31")], "admin1": ["SY-ID"],
    ...     "claimant": ["syrian_civil_defence"], "measure": ["period_total"]})
    >>> r = rates(f)
    >>> int(r.loc[0, "days"]), round(float(r.loc[0, "floor_per_day"]), 2)
    (31, 8.77)
    """
    figures = require_figures(figures, _NEEDED, function="rates")
    totals = _totals(figures, national)
    rows = [_figure_row(t) for t in totals] + _difference_rows(totals)
    out = pd.DataFrame(rows, columns=list(_COLUMNS))
    for col in ("indicator", "population", "claimant", "measure", "wording", "admin1",
                "figure_ids", "how"):
        out[col] = pd.array(out[col].tolist(), dtype="string")
    for col in ("period_start", "period_end"):
        out[col] = pd.to_datetime(pd.Series(out[col].tolist(), dtype="datetime64[us]"))
    for col in ("days", "total_floor", "total_ceiling"):
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    for col in ("floor_per_day", "ceiling_per_day"):
        out[col] = pd.array(out[col].tolist(), dtype="Float64")
    out = out.sort_values(["indicator", "population", "period_start", "period_end",
                           "claimant"], kind="stable")
    return like_figures(out.reset_index(drop=True), figures)
