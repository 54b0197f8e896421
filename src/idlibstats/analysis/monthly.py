"""What the figures imply for each calendar month, and for the spans they cover.

A month gets only what its figures logically imply for that month alone, per claimant:

- a ``period_total`` (or ``cumulative``) whose period is exactly the month gives the
  month's range from its wording (``whole_month``);
- one whose period lies inside the month gives a floor (``within_month``);
- one whose period covers the whole month and more gives only a ceiling (its high, if it
  has one) for that month; a month it covers only in part gets neither floor nor ceiling
  from it. Its floor holds for the span as a whole only (:func:`spans`);
- two ``cumulative`` figures of one claimant counted from the same start are differenced
  between their as-of dates: over the days between them the count is at least
  ``max(0, low2 - high1)`` (when ``high1`` is known) and at most ``high2 - low1`` (when
  ``high2`` is known); the difference is then treated like a figure over those days
  (``difference``), and the arithmetic is written out;
- a ``stock`` (a population on a day) is a level on its day, never a flow (``level``);
- ``movements`` (OCHA's displacement movements: one person moving twice counts twice) are
  not people: they are kept apart (``movements=True`` selects them, alone);
- a month no figure of a claimant touches gets a row saying so (``no_count``).

Figures of different claimants are never combined, and figures are never added: within
one claimant a month's floor is the largest floor its figures give, its ceiling the
smallest ceiling. Summing ``low`` over the months of one claimant (NA as 0) is a floor of
that claimant's total over those months, because the months are disjoint and each month's
floor holds for that month alone. A uniform by-day share is available as a *model*
(``model=True``: ``model_uniform_share``), never as ``low`` / ``high``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from idlibstats.analysis.bounds import bounds as figure_bounds
from idlibstats.analysis.frames import require_figures

__all__ = [
    "MEASURES", "NATIONAL", "STATUSES", "monthly", "monthly_summary", "spans",
]

#: ``admin1`` of a figure that counts all of Syria rather than the north-west.
NATIONAL = "SY"

#: The values of ``status`` in :func:`monthly`, from the most to the least known.
STATUSES: tuple[str, ...] = (
    "whole_month", "difference", "within_month", "level", "ceiling_only", "span_only",
    "no_count",
)

#: The values of ``measure`` in the figures (see the README's data dictionary).
MEASURES: tuple[str, ...] = ("period_total", "cumulative", "stock", "movements")

_NEEDED = (
    "figure_id", "indicator", "population", "value", "qualifier", "period_start",
    "period_end", "admin1", "claimant", "measure",
)
_COLUMNS = (
    "month", "indicator", "population", "claimant", "status", "low", "high", "figure_ids",
    "how",
)
_MODEL_COLUMNS = ("model_uniform_share", "model_figure_id")
_SPAN_COLUMNS = (
    "indicator", "population", "claimant", "measure", "period_start", "period_end",
    "first_month", "last_month", "low", "high", "figure_ids", "how",
)
_UNATTRIBUTED = "unattributed"


# --------------------------------------------------------------------------- wording


def _n(x: int | None) -> str:
    return "open" if x is None else f"{x:,}"


def _wording(value: int, qualifier: str) -> str:
    words = {
        "exact": f"{value:,} (exact)",
        "at_least": f"at least {value:,}",
        "more_than": f"more than {value:,}",
        "almost": f"almost {value:,}",
        "about": f"about {value:,}",
        "up_to": f"up to {value:,}",
    }
    return words[qualifier]


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def _span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return _day(start)
    if start.year == end.year:
        return f"{start.day} {start:%b}-{end.day} {end:%b %Y}"
    return f"{_day(start)}-{_day(end)}"


def _month_name(month: pd.Period) -> str:
    return f"{month.start_time:%B %Y}"


# --------------------------------------------------------------------------- items


@dataclass
class _Item:
    """A figure (or a differenced pair of cumulative figures) as one claim over days."""

    claimant: str
    measure: str
    start: dt.date
    end: dt.date
    low: int | None
    high: int | None
    ids: tuple[str, ...]
    label: str
    value: int | None = None  # the value as written; None for a difference
    arithmetic: str = ""  # for a difference: how low and high were computed
    is_difference: bool = False
    sources: list[_Item] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _as_int(x: object) -> int | None:
    return None if x is None or pd.isna(x) else int(x)


def _select(
    indicator: str,
    population: str,
    figures: pd.DataFrame | None,
    national: bool,
    movements: bool,
) -> pd.DataFrame:
    figures = require_figures(figures, _NEEDED, function="monthly",
                              takes="monthly, spans and monthly_summary take")
    ind = figures["indicator"].astype("string")
    if not (ind == indicator).any():
        known = ", ".join(sorted(ind.dropna().unique()))
        raise ValueError(f"no figure has indicator {indicator!r}; the figures have: {known}")
    pop = figures["population"]
    if isinstance(pop.dtype, pd.CategoricalDtype) and population not in pop.cat.categories:
        known = ", ".join(map(str, pop.cat.categories))
        raise ValueError(f"population {population!r} is not one of: {known}")
    measure = figures["measure"].astype("string")
    unknown = ~measure.isin(MEASURES).fillna(False).astype(bool)
    if unknown.any():
        bad = figures.loc[unknown.to_numpy(), "figure_id"].iloc[0]
        raise ValueError(f"figure {bad}: measure must be one of {list(MEASURES)}")
    keep = (ind == indicator) & (pop.astype("string") == population)
    keep &= (measure == "movements") if movements else (measure != "movements")
    if not national:
        keep &= figures["admin1"].astype("string") != NATIONAL
    chosen = figures.loc[keep.fillna(False).to_numpy()]
    if chosen[["period_start", "period_end"]].isna().any().any():
        row = chosen[["period_start", "period_end"]].isna().any(axis=1)
        raise ValueError(f"figure {chosen.loc[row, 'figure_id'].iloc[0]}: period is missing")
    bad = chosen["period_end"] < chosen["period_start"]
    if bad.any():
        raise ValueError(
            f"figure {chosen.loc[bad, 'figure_id'].iloc[0]}: period_end is before period_start"
        )
    return chosen


def _items(chosen: pd.DataFrame, band: float) -> list[_Item]:
    b = figure_bounds(chosen, band=band)
    items = []
    for row in b.itertuples(index=False):
        value = int(row.value)
        items.append(_Item(
            claimant=str(row.claimant),
            measure=str(row.measure),
            start=pd.Timestamp(row.period_start).date(),
            end=pd.Timestamp(row.period_end).date(),
            low=_as_int(row.low),
            high=_as_int(row.high),
            ids=(str(row.figure_id),),
            label=_wording(value, str(row.qualifier)),
            value=value,
        ))
    return items


def _differences(items: list[_Item]) -> list[_Item]:
    """Difference consecutive as-of dates of one claimant's cumulative series (same start).

    Figures with the same claimant, start and as-of date count the same thing: they are
    taken together (the largest floor, the smallest ceiling) before differencing. An
    ``unattributed`` figure has no known claimant, so two of them are never differenced.
    """
    series: dict[tuple[str, dt.date], dict[dt.date, list[_Item]]] = {}
    for it in items:
        if it.measure == "cumulative" and it.claimant != _UNATTRIBUTED:
            series.setdefault((it.claimant, it.start), {}).setdefault(it.end, []).append(it)
    out = []
    for (claimant, start), by_end in sorted(series.items()):
        ends = sorted(by_end)
        for e1, e2 in itertools.pairwise(ends):
            first, second = by_end[e1], by_end[e2]
            low1 = max(it.low for it in first if it.low is not None)
            high1s = [it.high for it in first if it.high is not None]
            high1 = min(high1s) if high1s else None
            low2 = max(it.low for it in second if it.low is not None)
            high2s = [it.high for it in second if it.high is not None]
            high2 = min(high2s) if high2s else None
            w1 = " / ".join(it.label for it in first)
            w2 = " / ".join(it.label for it in second)
            if high1 is None:
                low, floor_text = None, f"no floor: {w1} has no ceiling"
            else:
                low = max(0, low2 - high1)
                floor_text = f"floor max(0, {low2:,} - {high1:,}) = {low:,}"
            if high2 is None:
                high, ceil_text = None, f"no ceiling: {w2} has none"
            else:
                raw = high2 - low1
                high = max(0, raw)
                ceil_text = f"ceiling {high2:,} - {low1:,} = {raw:,}" + (
                    " (the running total fell: the figures disagree; taken as 0)"
                    if raw < 0 else "")
            d_start = e1 + dt.timedelta(days=1)
            out.append(_Item(
                claimant=claimant,
                measure="difference",
                start=d_start,
                end=e2,
                low=low,
                high=high,
                ids=tuple(sorted({i for it in (*first, *second) for i in it.ids})),
                label=(f"({w2} by {_day(e2)}) - ({w1} by {_day(e1)}), both counted by "
                       f"{claimant} since {_day(start)}"),
                arithmetic=f"{floor_text}; {ceil_text}",
                is_difference=True,
                sources=[*first, *second],
            ))
    return out


# --------------------------------------------------------------------------- months


def _head(it: _Item) -> str:
    """Return the item in words: its wording and period (for a difference, the arithmetic)."""
    if it.is_difference:
        return f"{it.label}, over {_span(it.start, it.end)} ({it.arithmetic})"
    return f"{it.label} over {_span(it.start, it.end)}"


def _month_bounds(month: pd.Period) -> tuple[dt.date, dt.date]:
    return month.start_time.date(), month.end_time.date()


def _model_share(items: list[_Item], a: dt.date, b: dt.date) -> tuple[float | None, str]:
    """Uniform by-day share of the figure covering most days of the month (a MODEL)."""
    best: tuple | None = None
    for it in items:
        if it.is_difference or it.measure == "stock" or it.value is None:
            continue
        days_in = (min(it.end, b) - max(it.start, a)).days + 1
        key = (days_in, -it.days, it.end, it.ids)
        if best is None or key > best[0]:
            best = (key, it, days_in)
    if best is None:
        return None, ""
    _, it, days_in = best
    return it.value * days_in / it.days, it.ids[0]


def _month_row(
    claimant: str, month: pd.Period, items: list[_Item]
) -> dict[str, object]:
    a, b = _month_bounds(month)
    name = _month_name(month)
    touching = [it for it in items if it.start <= b and it.end >= a]
    stocks = [it for it in touching if it.measure == "stock"]
    flows = [it for it in touching if it.measure != "stock"]
    if stocks and flows:
        raise ValueError(
            f"claimant {claimant!r} has both a stock ({stocks[0].ids[0]}) and a flow "
            f"({flows[0].ids[0]}) of one indicator in {name}: a level and a count over days "
            "cannot be one series; check the figures' measure"
        )
    ids = sorted({i for it in touching for i in it.ids})
    row: dict[str, object] = {"month": month, "claimant": claimant,
                              "figure_ids": ";".join(ids)}
    if not touching:
        row.update(status="no_count", low=None, high=None, _low_ids=(), _high_ids=(),
                   how=f"no figure of {claimant} touches {name}")
        return row
    if stocks:
        lows = [it.low for it in stocks]
        highs = [it.high for it in stocks]
        row.update(
            _low_ids=tuple(i for it in stocks for i in it.ids),
            _high_ids=tuple(i for it in stocks for i in it.ids),
            status="level",
            low=min(x for x in lows if x is not None),
            high=None if any(h is None for h in highs) else max(highs),
            how="; ".join(
                f"{it.label} on {_day(it.end)}: a level of [{_n(it.low)}, {_n(it.high)}] "
                "on that day, not a count over the month (never apportioned)"
                for it in sorted(stocks, key=lambda it: it.end)),
        )
        return row

    floors: list[tuple[int, _Item]] = []
    ceilings: list[tuple[int, _Item]] = []
    phrases = []
    whole_figure = False
    for it in sorted(flows, key=lambda it: (it.start, it.end, it.ids)):
        inside = a <= it.start and it.end <= b
        covers = it.start <= a and it.end >= b
        head = _head(it)
        if inside and covers:
            whole_figure |= not it.is_difference
            if it.low is not None:
                floors.append((it.low, it))
            if it.high is not None:
                ceilings.append((it.high, it))
            phrases.append(f"{head} covers {name} exactly: [{_n(it.low)}, {_n(it.high)}]")
        elif inside:
            if it.low is not None:
                floors.append((it.low, it))
                phrases.append(f"{head} lies inside {name}: a floor of {it.low:,}")
            else:
                phrases.append(f"{head} lies inside {name}: no floor")
        elif covers:
            if it.high is not None:
                ceilings.append((it.high, it))
                phrases.append(f"{head} spans more than {name}: gives no floor to a month "
                               f"alone; a ceiling of {it.high:,} for {name}")
            else:
                phrases.append(f"{head} spans more than {name}: gives no floor to a month "
                               "alone, and no ceiling (open)")
        else:
            days = (min(it.end, b) - max(it.start, a)).days + 1
            phrases.append(f"{head} covers {days} day{'s' if days > 1 else ''} of {name} "
                           "and days outside it: gives neither a floor nor a ceiling to "
                           f"{name} alone")
    low = max(floors, key=lambda x: x[0]) if floors else None
    high = min(ceilings, key=lambda x: x[0]) if ceilings else None
    if whole_figure:
        status = "whole_month"
    elif low is not None and low[1].is_difference:
        status = "difference"
    elif low is not None:
        status = "within_month"
    elif high is not None and high[1].is_difference and high[1].start == a and high[1].end == b:
        status = "difference"
    elif high is not None:
        status = "ceiling_only"
    else:
        status = "span_only"
    row.update(status=status, low=None if low is None else low[0],
               high=None if high is None else high[0], how="; ".join(phrases),
               _low_ids=() if low is None else low[1].ids,
               _high_ids=() if high is None else high[1].ids)
    row["_items"] = flows
    return row


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def _typed_months(rows: list[dict], indicator: str, population: str,
                  model: bool) -> pd.DataFrame:
    columns = _COLUMNS + (_MODEL_COLUMNS if model else ())
    out = pd.DataFrame(rows, columns=list(columns)) if rows else _empty(columns)
    out["month"] = pd.PeriodIndex(list(out["month"]), freq="M") if rows else pd.PeriodIndex(
        [], freq="M")
    out["indicator"] = pd.array([indicator] * len(out), dtype="string")
    out["population"] = pd.array([population] * len(out), dtype="string")
    for col in ("claimant", "status", "figure_ids", "how"):
        out[col] = pd.array(out[col].tolist(), dtype="string")
    for col in ("low", "high"):
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    if model:
        out["model_uniform_share"] = pd.array(
            [np.nan if x is None else float(x) for x in out["model_uniform_share"]],
            dtype="float64")
        out["model_figure_id"] = pd.array(out["model_figure_id"].tolist(), dtype="string")
    return out.sort_values(["month", "claimant"], kind="stable").reset_index(drop=True)


def monthly(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
    *,
    national: bool = False,
    model: bool = False,
    movements: bool = False,
    band: float = 0.1,
) -> pd.DataFrame:
    """Return, per calendar month and claimant, what the figures imply for that month alone.

    One row per (month, claimant) for every calendar month from the first to the last
    month any selected figure touches, for every claimant with a figure in the selection.
    Nothing is apportioned and nothing is added: see the module docstring for the rules.

    Parameters
    ----------
    indicator : str
        An indicator of the figures (``killed``, ``injured``, ``displaced`` ...).
    population : str, default "all"
        The population value to keep (``"all"`` is the value *all*, not 'any').
    figures : pandas.DataFrame
        Figures as :func:`idlibstats.figures` returns them (needs ``figure_id``,
        ``indicator``, ``population``, ``value``, ``qualifier``, ``period_start``,
        ``period_end``, ``admin1``, ``claimant``, ``measure``); ``idlibstats.monthly()``
        loads the package's when none are given.
    national : bool, default False
        Keep the figures whose ``admin1`` is ``SY`` (all of Syria: the war's toll since
        2011, SNHR's national monthly counts). Left out by default: they count another area.
    model : bool, default False
        Add ``model_uniform_share``: the value of the figure that covers most days of the
        month times (its days in the month / its days), a uniform-by-day MODEL, never a
        bound; and ``model_figure_id``, that figure.
    movements : bool, default False
        Select only the ``movements`` figures (displacement movements, not people) instead
        of the figures that count people or things (``period_total``, ``cumulative``,
        ``stock``). The two are never mixed.
    band : float, default 0.1
        Passed to :func:`idlibstats.bounds` for ``about`` and ``almost``.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``month`` then ``claimant``:

        ===========  ==========  ===================================================
        column       dtype       meaning
        ===========  ==========  ===================================================
        month        period[M]   the calendar month
        indicator    string      as selected
        population   string      as selected
        claimant     string      who produced the figures of this row
        status       string      one of :data:`STATUSES`
        low          Int64       floor for this month alone; <NA> = none
        high         Int64       ceiling for this month alone; <NA> = none / open
        figure_ids   string      the figures touching the month, ';'-joined ('' none)
        how          string      the reasoning and arithmetic, in words
        ===========  ==========  ===================================================

        With ``model=True`` also ``model_uniform_share`` (float64) and
        ``model_figure_id`` (string).

    Raises
    ------
    ValueError
        If no figure has ``indicator``, ``population`` is not a known population, a
        figure's period is missing or ends before it starts, its measure is unknown, a
        claimant mixes a stock and a flow in one month, or :func:`idlibstats.bounds` fails.
    """
    rows = _monthly_rows(indicator, population, figures, national, movements, model, band)
    for row in rows:
        row.pop("_low_ids")
        row.pop("_high_ids")
    return _typed_months(rows, indicator, population, model)


def _monthly_rows(
    indicator: str,
    population: str,
    figures: pd.DataFrame | None,
    national: bool,
    movements: bool,
    model: bool,
    band: float,
) -> list[dict[str, object]]:
    chosen = _select(indicator, population, figures, national, movements)
    items = _items(chosen, band)
    if not items:
        return []
    items += _differences(items)
    first = pd.Period(min(it.start for it in items), freq="M")
    last = pd.Period(max(it.end for it in items), freq="M")
    months = pd.period_range(first, last, freq="M")
    by_claimant: dict[str, dict[int, list[_Item]]] = {}
    for it in items:  # months as integers (year * 12 + month - 1): cheap to bucket
        buckets = by_claimant.setdefault(it.claimant, {})
        for k in range(it.start.year * 12 + it.start.month - 1,
                       it.end.year * 12 + it.end.month):
            buckets.setdefault(k, []).append(it)
    rows = []
    for claimant in sorted(by_claimant):
        buckets = by_claimant[claimant]
        for month in months:
            row = _month_row(claimant, month,
                             buckets.get(month.year * 12 + month.month - 1, []))
            flows = row.pop("_items", [])
            if model:
                a, b = _month_bounds(month)
                share, fid = _model_share(flows, a, b)  # type: ignore[arg-type]
                row["model_uniform_share"] = share
                row["model_figure_id"] = fid
            rows.append(row)
    return rows


def spans(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
    *,
    national: bool = False,
    movements: bool = False,
    band: float = 0.1,
) -> pd.DataFrame:
    """Return the figures (and differenced pairs) whose bounds hold only for a span.

    One row per figure whose period spans more than one calendar month or that is
    ``cumulative``, and per differenced pair of cumulative figures (see :func:`monthly`):
    its floor (and ceiling) hold for the span as a whole, not for any month alone.

    Parameters
    ----------
    indicator, population, figures, national, movements, band
        As for :func:`monthly`.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``claimant``, ``period_start``, ``period_end``:

        ============  ==========  =================================================
        column        dtype       meaning
        ============  ==========  =================================================
        indicator     string      as selected
        population    string      as selected
        claimant      string      who produced it
        measure       string      the figure's measure, or ``difference``
        period_start  datetime64  first day of the span
        period_end    datetime64  last day of the span (inclusive)
        first_month   period[M]   the month it starts in
        last_month    period[M]   the month it ends in
        low           Int64       floor for the span as a whole; <NA> = none
        high          Int64       ceiling for the span as a whole; <NA> = open
        figure_ids    string      the figure, or the two differenced, ';'-joined
        how           string      what it says, in words (with the arithmetic)
        ============  ==========  =================================================

    Raises
    ------
    ValueError
        As :func:`monthly`.
    """
    chosen = _select(indicator, population, figures, national, movements)
    items = _items(chosen, band)
    items += _differences(items)
    rows = []
    for it in items:
        if it.measure == "stock":
            continue
        several = (it.start.year, it.start.month) != (it.end.year, it.end.month)
        if not (several or it.measure in ("cumulative", "difference")):
            continue
        what = _head(it)
        bound = f"[{_n(it.low) if it.low is not None else 'no floor'}, {_n(it.high)}]"
        rows.append({
            "claimant": it.claimant,
            "measure": it.measure,
            "period_start": pd.Timestamp(it.start),
            "period_end": pd.Timestamp(it.end),
            "first_month": pd.Period(it.start, freq="M"),
            "last_month": pd.Period(it.end, freq="M"),
            "low": it.low,
            "high": it.high,
            "figure_ids": ";".join(it.ids),
            "how": f"{what}: {bound} for the span as a whole"
            + ("; gives no floor to a month alone" if several else ""),
        })
    out = pd.DataFrame(rows, columns=[c for c in _SPAN_COLUMNS
                                      if c not in ("indicator", "population")])
    out.insert(0, "indicator", pd.array([indicator] * len(out), dtype="string"))
    out.insert(1, "population", pd.array([population] * len(out), dtype="string"))
    for col in ("claimant", "measure", "figure_ids", "how"):
        out[col] = pd.array(out[col].tolist(), dtype="string")
    for col in ("low", "high"):
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    for col in ("period_start", "period_end"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[us]")
    for col in ("first_month", "last_month"):
        out[col] = pd.PeriodIndex(list(out[col]), freq="M")
    out = out.sort_values(["claimant", "period_start", "period_end"], kind="stable")
    return out[list(_SPAN_COLUMNS)].reset_index(drop=True)


# --------------------------------------------------------------------------- across claimants


def monthly_summary(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
    *,
    national: bool = False,
    movements: bool = False,
    band: float = 0.1,
) -> pd.DataFrame:
    """Return one row per month: what every claimant's figures allow at once, never a sum.

    Built from :func:`monthly`. Claimants are not added: the month's ``low`` is the
    largest floor any claimant gives for that month alone (every claim together allows
    nothing lower: the consensus floor, as in :func:`idlibstats.reconcile`), ``high`` the
    smallest ceiling any claimant gives. ``contradictory`` is true when one claimant's floor
    is above another's ceiling. Months with no figure are included (``low`` / ``high`` NA).

    Parameters
    ----------
    indicator, population, figures, national, movements, band
        As for :func:`monthly`.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``month``:

        ===============  =========  ==================================================
        column           dtype      meaning
        ===============  =========  ==================================================
        month            period[M]  the calendar month
        indicator        string     as selected
        population       string     as selected
        low              Int64      largest floor of any claimant; <NA> = none
        low_from         string     the claimant(s) giving it, ';'-joined
        low_figure_ids   string     the figures that give that floor, ';'-joined
        high             Int64      smallest ceiling of any claimant; <NA> = none
        high_from        string     the claimant(s) giving it, ';'-joined
        contradictory    bool       low > high
        statuses         string     claimant: status for each claimant, ';'-joined
        ===============  =========  ==================================================

    Raises
    ------
    ValueError
        As :func:`monthly`.
    """
    by_month: dict[pd.Period, list[dict]] = {}
    for r in _monthly_rows(indicator, population, figures, national, movements, False, band):
        by_month.setdefault(r["month"], []).append(r)  # type: ignore[arg-type]
    rows = []
    for month in sorted(by_month):
        sub = by_month[month]
        row: dict[str, object] = {"month": month}
        lows = [r for r in sub if r["low"] is not None]
        highs = [r for r in sub if r["high"] is not None]
        if lows:
            top_value = max(r["low"] for r in lows)  # type: ignore[type-var]
            top = [r for r in lows if r["low"] == top_value]
            row.update(low=top_value, low_from=";".join(str(r["claimant"]) for r in top),
                       low_figure_ids=";".join(sorted({i for r in top
                                                       for i in r["_low_ids"]})))  # type: ignore[attr-defined]
        else:
            row.update(low=None, low_from="", low_figure_ids="")
        if highs:
            bottom_value = min(r["high"] for r in highs)  # type: ignore[type-var]
            bottom = [r for r in highs if r["high"] == bottom_value]
            row.update(high=bottom_value, high_from=";".join(str(r["claimant"]) for r in bottom))
        else:
            row.update(high=None, high_from="")
        row["statuses"] = ";".join(f"{r['claimant']}: {r['status']}" for r in sub)
        rows.append(row)
    columns = ["month", "indicator", "population", "low", "low_from", "low_figure_ids", "high",
               "high_from", "contradictory", "statuses"]
    out = pd.DataFrame(rows, columns=[c for c in columns if c not in (
        "indicator", "population", "contradictory")])
    out["month"] = pd.PeriodIndex(list(out["month"]), freq="M")
    out.insert(1, "indicator", pd.array([indicator] * len(out), dtype="string"))
    out.insert(2, "population", pd.array([population] * len(out), dtype="string"))
    for col in ("low", "high"):
        out[col] = pd.array(out[col].tolist(), dtype="Int64")
    out["contradictory"] = (out["low"] > out["high"]).fillna(False).astype(bool)
    for col in ("low_from", "low_figure_ids", "high_from", "statuses"):
        out[col] = pd.array(out[col].tolist(), dtype="string")
    return out[columns].reset_index(drop=True)
