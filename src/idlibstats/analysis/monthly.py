"""What the figures imply for each calendar month, and for the spans they cover.

For one claimant and indicator, a month's floor and ceiling are the **minimum and maximum
of the month's count over every non-negative daily series that satisfies all of that
claimant's figures** (:mod:`.solver`): each figure bounds the sum over its period and its
population (``exact`` =, ``at_least`` / ``more_than`` >=, ``almost`` / ``up_to`` <=;
``about`` bounds nothing), a running total counted since its ``period_start`` is a total
over its period like any other, and the populations are related only as the ``populations``
table says they are by definition (:mod:`.populations`: two children and one woman killed
on one day are at least three people killed). So:

- a figure over exactly the month gives the month its range; one inside the month a
  floor; one over several months a ceiling to each month it covers in full and a floor
  only to its span as a whole (:func:`spans`), unless other figures of the claimant
  imply more;
- two running totals of one claimant with one start bound the days between them (at most
  the later ceiling minus the earlier floor; at least the later floor minus the earlier
  ceiling), whether or not they are consecutive, and with any other figure;
- disjoint parts add up (children and women are parts of civilians, civilians and fighters
  of all people); a part is never more than its whole;
- a claimant whose figures cannot all be true gets no bound but a ``contradiction``, with
  the figures that cannot hold together.

Figures of different claimants are never combined. An ``unattributed`` figure is the voice
of its report: the unattributed figures of one report are taken together, those of
different reports never (a month's row for ``unattributed`` then shows what each report
allows, side by side: the largest floor and the smallest ceiling). A ``stock`` (a
population on a day) is a level on its day, never a flow (``level``) and never summed over
months. ``movements`` (OCHA's displacement movements: one person moving twice counts twice)
are not people: ``movements=True`` selects them alone, and they are bounded among
themselves. A month no figure of a claimant touches gets a row saying so (``no_count``).

Summing ``low`` over the months of one claimant (``<NA>`` as 0) is a floor of that
claimant's total over those months for flows (not for ``level`` rows); ``high`` never sums
when one is ``<NA>``. A uniform by-day share is available as a *model* (``model=True``:
``model_uniform_share``), never as ``low`` / ``high``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from idlibstats.analysis.claimant_groups import (
    MEASURES,
    NATIONAL,
    NEEDED,
    Analysis,
    analyse_chosen,
    choose,
    month_days,
)
from idlibstats.analysis.frames import like_figures
from idlibstats.analysis.populations import Relations
from idlibstats.analysis.reasons import (
    bound_how,
    conflict_how,
    month_name,
    span_text,
    who,
)
from idlibstats.analysis.solver import Group

__all__ = [
    "MEASURES", "NATIONAL", "STATUSES", "monthly", "monthly_summary", "period_bounds", "spans",
]

#: The values of ``status`` in :func:`monthly`.
STATUSES: tuple[str, ...] = (
    "known", "range", "floor_only", "ceiling_only", "span_only", "level", "no_count",
    "contradiction",
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

# --------------------------------------------------------------------------- panels


class _Panel:
    """One indicator and population of some figures: its analysis and the frames from it.

    Everything here is worked out when first asked for and kept: the month rows, the span
    rows and the frames :func:`monthly`, :func:`spans` and :func:`monthly_and_spans` return
    (each caller gets a copy).
    """

    def __init__(self, indicator: str, population: str, relations: Relations,
                 chosen: pd.DataFrame, figures: pd.DataFrame) -> None:
        self.indicator, self.population = indicator, population
        self.relations = relations  # kept alive: the key holds its id
        self._chosen: pd.DataFrame | None = chosen
        self._figures = figures.iloc[:0]  # the dtypes the frames take (like_figures)
        self._analysis: Analysis | None = None
        self._kept: dict[object, object] = {}

    def analysis(self) -> Analysis | None:
        """Return the analysis of the chosen figures (None: none is about the population)."""
        if self._chosen is not None:
            self._analysis = analyse_chosen(self.indicator, self.population, self.relations,
                                            self._chosen)
            self._chosen = None
        return self._analysis

    def _once(self, what: object, work_out: Callable[[], object]) -> object:
        if what not in self._kept:
            self._kept[what] = work_out()
        return self._kept[what]

    def month_rows(self, model: bool) -> list[dict[str, object]]:
        """Return the month rows (:func:`_analysed_month_rows`), each a new dict."""
        def work_out() -> list[dict[str, object]]:
            an = self.analysis()
            return _analysed_month_rows(an, self.population, model) if an is not None else []

        return [dict(r) for r in self._once(("rows", model), work_out)]  # type: ignore[attr-defined]

    def months(self, model: bool) -> pd.DataFrame:
        """Return :func:`monthly`'s frame (a copy)."""
        frame = self._once(("months", model), lambda: _monthly_frame(
            self.month_rows(model), self.indicator, self.population, self._figures, model))
        return frame.copy(deep=True)  # type: ignore[attr-defined]

    def spans(self) -> pd.DataFrame:
        """Return :func:`spans`'s frame (a copy)."""
        frame = self._once("spans", lambda: _spans_frame(
            self.analysis(), self.indicator, self.population, self._figures))
        return frame.copy(deep=True)  # type: ignore[attr-defined]


#: Every column of the frames a panel returns.
_OUT_COLUMNS = sorted({*_COLUMNS, *_MODEL_COLUMNS, *_SPAN_COLUMNS})
#: The last panels worked out, by what they read (see :func:`_panel`), oldest first.
_PANELS: dict[tuple[bytes, int], _Panel] = {}
_PANELS_KEPT = 64


def _panel(indicator: str, population: str, figures: pd.DataFrame | None,
           populations: pd.DataFrame | None, national: bool, movements: bool) -> _Panel:
    """Return the panel of the figures' ``indicator`` and ``population``, remembered.

    The arguments are checked first (every error
    :func:`~idlibstats.analysis.claimant_groups.choose` raises, whatever is remembered). A
    panel reads only the figures it chooses, and only their
    :data:`~idlibstats.analysis.claimant_groups.NEEDED` columns: it is remembered by the
    exact bytes of those (pickled: equal pickles unpickle to equal frames, dtypes and
    categories included), by the dtypes of the figures' columns the frames share (they
    take them: :func:`~idlibstats.analysis.frames.like_figures`) and by the population
    relations, so a chart, a notebook cell or a filtered frame that leaves a panel's
    figures as they were (all but the displacement figures, say) reads the panel worked
    out before. Frames that cannot be pickled are
    worked out every time.
    """
    relations, chosen = choose(indicator, population, figures, populations, national,
                               movements)
    assert figures is not None  # choose raised otherwise
    try:
        data = pickle.dumps((indicator, population, national, movements,
                             chosen[list(NEEDED)].reset_index(drop=True),
                             figures.iloc[:0, figures.columns.isin(_OUT_COLUMNS)]),
                            protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an object in a cell that cannot be pickled: work it out
        return _Panel(indicator, population, relations, chosen, figures)
    key = (hashlib.sha256(data).digest(), id(relations))
    panel = _PANELS.pop(key, None)
    if panel is None:
        panel = _Panel(indicator, population, relations, chosen, figures)
    _PANELS[key] = panel  # the newest
    while len(_PANELS) > _PANELS_KEPT:
        del _PANELS[next(iter(_PANELS))]  # the oldest
    return panel


# --------------------------------------------------------------------------- months


@dataclass
class _Found:
    """What one claimant's figures imply for some days (a month row before typing)."""

    status: str
    how: str
    low: int | None = None
    high: int | None = None
    ids: set[str] = field(default_factory=set)  # every figure the row names
    low_ids: set[str] = field(default_factory=set)  # those the floor rests on
    high_ids: set[str] = field(default_factory=set)
    flows: np.ndarray = field(default_factory=lambda: np.array([], dtype=np.int64))


def _status(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "span_only"
    if low is None:
        return "ceiling_only"
    if high is None:
        return "floor_only"
    return "known" if low == high else "range"


def _group_month(an: Analysis, group: str, month: pd.Period) -> _Found | None:
    """Return the row of one group (claimant, or report's own voice) for one month."""
    a, b = month_days(month)
    return _group_period(an, group, a, b, f"in {month_name(month)}", an.solver(group))


def _group_period(an: Analysis, group: str, a: dt.date, b: dt.date, name: str,
                  solver: Group) -> _Found | None:
    """Return the row of one group for the days [a, b] (``name`` says them: 'in May 2019')."""
    f = an.figs
    touching = an.touching(group, a.toordinal(), b.toordinal())
    if not len(touching):
        return None
    stocks = touching[f.stock[touching]]
    flows = touching[~f.stock[touching]]
    if len(stocks) and len(flows):
        raise ValueError(
            f"claimant {f.claimant[touching[0]]!r} has both a stock ({f.id[stocks[0]]}) and a "
            f"flow ({f.id[flows[0]]}) of one indicator {name}: a level and a count over "
            "days cannot be one series; check the figures' measure"
        )
    ids = set(f.id[touching].tolist())
    if len(stocks):
        own = [i for i in stocks if f.population[i] == an.target]
        if not own:
            return None
        lows, highs = zip(*(f.bound_of(i) for i in own), strict=True)
        return _Found(
            status="level",
            low=None if None in lows else min(x for x in lows if x is not None),
            high=None if None in highs else max(x for x in highs if x is not None),
            ids=ids, low_ids={f.id[i] for i in own}, high_ids={f.id[i] for i in own},
            how="; ".join(f"{f.label(i)}: a level on that day, not a count over the month "
                          "(never apportioned, never summed over months)"
                          for i in sorted(own, key=lambda i: f.end[i])),
        )
    bound = solver.bound(a.toordinal(), b.toordinal())
    if bound.conflict:
        return _Found(status="contradiction", ids=ids | set(bound.ids), flows=flows,
                      how=conflict_how(who(group), bound.conflict, name))
    low = bound.low if bound.low > 0 or bound.high == 0 else None
    low_ids = {i for t in bound.low_terms for i in t.constraint.ids} if low else set()
    high_ids = {i for t in bound.high_terms for i in t.constraint.ids}
    return _Found(status=_status(low, bound.high), low=low, high=bound.high,
                  ids=ids | low_ids | high_ids, low_ids=low_ids, high_ids=high_ids,
                  how=bound_how(bound, name, an.target, an.relations, f.indicator), flows=flows)


def _merge_reports(claimant: str, where: str, parts: list[tuple[str, _Found]]) -> _Found:
    """Set the rows of several reports' unattributed figures side by side (never added)."""
    if len(parts) == 1:
        return parts[0][1]
    lows = [p.low for _, p in parts if p.low is not None]
    highs = [p.high for _, p in parts if p.high is not None]
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    statuses = {p.status for _, p in parts}
    how = " | ".join(f"{who(g)}: {p.how}" for g, p in parts)
    if "contradiction" in statuses or (low is not None and high is not None and low > high):
        status, low, high = "contradiction", None, None
        how = (f"the {claimant} figures of different reports disagree {where} (or one "
               f"report's cannot all be true): {how}")
    else:
        status = "level" if statuses == {"level"} else _status(low, high)
    return _Found(
        status=status, low=low, high=high, how=how,
        ids=set().union(*(p.ids for _, p in parts)),
        low_ids=set().union(*(p.low_ids for _, p in parts if p.low == low)),
        high_ids=set().union(*(p.high_ids for _, p in parts if p.high == high)),
        flows=np.concatenate([p.flows for _, p in parts]),
    )


def _model_share(an: Analysis, flows: np.ndarray, a: dt.date,
                 b: dt.date) -> tuple[float | None, str]:
    """Uniform by-day share of the figure covering most days of the month (a MODEL)."""
    f = an.figs
    own = [i for i in flows if f.population[i] == an.target]
    if not own:
        return None, ""
    first, last = a.toordinal(), b.toordinal()

    def key(i: int) -> tuple:
        days_in = min(f.end[i], last) - max(f.start[i], first) + 1
        return (days_in, -(f.end[i] - f.start[i] + 1), f.end[i], f.id[i])

    i = max(own, key=key)
    days = int(f.end[i] - f.start[i] + 1)
    return int(f.value[i]) * int(key(i)[0]) / days, str(f.id[i])


def _analysed_month_rows(an: Analysis, population: str,
                         model: bool) -> list[dict[str, object]]:
    """Return the month rows of one analysis (:meth:`_Panel.month_rows` works them out once)."""
    by_claimant: dict[str, list[str]] = {}
    for group, rows in an.groups.items():
        if an.relevant[rows].any():
            by_claimant.setdefault(str(an.figs.claimant[rows[0]]), []).append(group)
    rows = []
    for claimant in sorted(by_claimant):
        for month in an.months:
            parts = [(g, r) for g in sorted(by_claimant[claimant])
                     if (r := _group_month(an, g, month)) is not None]
            got = _merge_reports(claimant, f"in {month_name(month)}", parts) if parts else \
                _Found(status="no_count", how=f"no figure of {claimant} about {population} "
                                                f"touches {month_name(month)}")
            row: dict[str, object] = {
                "month": month, "claimant": claimant, "status": got.status,
                "low": got.low, "high": got.high, "figure_ids": ";".join(sorted(got.ids)),
                "how": got.how, "_low_ids": tuple(sorted(got.low_ids)),
                "_high_ids": tuple(sorted(got.high_ids)),
            }
            if model:
                a, b = month_days(month)
                row["model_uniform_share"], row["model_figure_id"] = _model_share(
                    an, got.flows, a, b)
            rows.append(row)
    return rows


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
    populations: pd.DataFrame | None = None,
    national: bool = False,
    model: bool = False,
    movements: bool = False,
) -> pd.DataFrame:
    """Return, per calendar month and claimant, what the figures imply for that month alone.

    A month's ``low`` and ``high`` are the minimum and maximum of the month's count of
    ``population`` over every non-negative daily series that satisfies all of the
    claimant's figures of ``indicator``, of every population, related as ``populations``
    says (see the module docstring). One row per (month, claimant) for every calendar
    month from the first to the last month a figure about ``population`` touches, for every
    claimant with such a figure. Nothing is apportioned and claimants are never added.

    Parameters
    ----------
    indicator : str
        An indicator of the figures (``killed``, ``injured``, ``displaced`` ...).
    population : str, default "all"
        The population to bound (``"all"`` is the value *all*, not 'any').
    figures : pandas.DataFrame
        Figures as :func:`idlibstats.figures` returns them (needs ``figure_id``,
        ``source_id``, ``indicator``, ``population``, ``value``, ``qualifier``,
        ``period_start``, ``period_end``, ``admin1``, ``claimant``, ``measure``);
        ``idlibstats.monthly()`` loads the package's when none are given.
    populations : pandas.DataFrame
        The population relations (:func:`idlibstats.populations`); required here,
        ``idlibstats.monthly()`` loads the package's.
    national : bool, default False
        Keep the figures whose ``admin1`` is ``SY`` (all of Syria: the war's toll since
        2011, SNHR's national monthly counts). Left out by default: they count another area.
    model : bool, default False
        Add ``model_uniform_share``: the value of the figure of ``population`` that covers
        most days of the month times (its days in the month / its days), a uniform-by-day
        MODEL, never a bound; and ``model_figure_id``, that figure.
    movements : bool, default False
        Select only the ``movements`` figures (displacement movements, not people) instead
        of the figures that count people or things (``period_total``, ``cumulative``,
        ``stock``). The two are never mixed.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``month`` then ``claimant``:

        ===========  ==========  ============================================================
        column       dtype       meaning
        ===========  ==========  ============================================================
        month        period[M]   the calendar month
        indicator    string      as selected
        population   category    as selected (the dtype of ``figures.population``)
        claimant     string      whose figures the row bounds
        status       string      one of :data:`STATUSES`: ``known`` (low = high), ``range``,
                                 ``floor_only``, ``ceiling_only``, ``span_only`` (figures
                                 touch the month but imply neither), ``level`` (a stock),
                                 ``no_count`` (no figure touches it), ``contradiction`` (the
                                 claimant's figures cannot all be true)
        low          Int64       floor for this month alone; <NA> = none above 0
        high         Int64       ceiling for this month alone; <NA> = none (open)
        figure_ids   string      the figures about the population touching the month, and
                                 those the bounds rest on, ';'-joined ('' none)
        how          string      the bounds as sums of figures, and why, in words
        ===========  ==========  ============================================================

        With ``model=True`` also ``model_uniform_share`` (float64) and
        ``model_figure_id`` (string).

    Raises
    ------
    TypeError
        If ``figures`` or ``populations`` is None.
    ValueError
        If no figure has ``indicator``, ``population`` is not in the populations table,
        a figure's period is missing or ends before it starts, its measure or population is
        unknown, a claimant mixes a stock and a flow in one month, or
        :func:`idlibstats.bounds` fails.
    """
    return _panel(indicator, population, figures, populations, national,
                  movements).months(model)


def _monthly_frame(rows: list[dict[str, object]], indicator: str, population: str,
                   figures: pd.DataFrame | None, model: bool) -> pd.DataFrame:
    """Return the frame :func:`monthly` returns, from its rows."""
    for row in rows:
        row.pop("_low_ids")
        row.pop("_high_ids")
    return like_figures(_typed_months(rows, indicator, population, model), figures)


def _span_rows(an: Analysis, indicator: str, population: str) -> list[dict[str, object]]:
    """Return the rows of :func:`spans`, with the bounds of each figure's own period.

    Each figure of the population over several months, or counted since a start.
    """
    f = an.figs
    rows: list[dict[str, object]] = []
    for group, members in an.groups.items():
        for i in members:
            if f.stock[i] or f.population[i] != population:
                continue
            start = dt.date.fromordinal(int(f.start[i]))
            end = dt.date.fromordinal(int(f.end[i]))
            several = (start.year, start.month) != (end.year, end.month)
            if not (several or f.measure[i] == "cumulative"):
                continue
            b = an.solver(group).bound(int(f.start[i]), int(f.end[i]))
            fid = str(f.id[i])
            if b.conflict:
                low = high = None
                how = conflict_how(who(group), b.conflict, "over its span")
            else:
                low = b.low if b.low > 0 or b.high == 0 else None
                high = b.high
                how = (f"{f.label(i)}: for the span as a whole, "
                       f"{bound_how(b, 'over the span', population, an.relations, indicator)}")
            if several:
                how += "; gives no floor to a month alone"
            rows.append({
                "claimant": str(f.claimant[i]), "measure": str(f.measure[i]),
                "period_start": pd.Timestamp(start), "period_end": pd.Timestamp(end),
                "first_month": pd.Period(start, freq="M"),
                "last_month": pd.Period(end, freq="M"),
                "low": low, "high": high,
                "figure_ids": ";".join([fid, *sorted(set(b.ids) - {fid})]),
                "how": how,
            })
    return rows


def spans(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
    *,
    populations: pd.DataFrame | None = None,
    national: bool = False,
    movements: bool = False,
) -> pd.DataFrame:
    """Return the figures whose bounds hold only for a span, with the span's bounds.

    One row per figure of ``population`` whose period spans more than one calendar month
    or that is ``cumulative``: the minimum and maximum of the count over its period that
    all of its claimant's figures allow (the figure's own bound, or tighter where the
    claimant's other figures imply more). They hold for the span as a whole, not for any
    month alone.

    Parameters
    ----------
    indicator, population, figures, populations, national, movements
        As for :func:`monthly`.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``claimant``, ``period_start``, ``period_end``:

        ============  ==========  ===========================================================
        column        dtype       meaning
        ============  ==========  ===========================================================
        indicator     string      as selected
        population    category    as selected (the dtype of ``figures.population``)
        claimant      string      who produced it
        measure       category    the figure's measure (as in ``figures``)
        period_start  datetime64  first day of the span
        period_end    datetime64  last day of the span (inclusive)
        first_month   period[M]   the month it starts in
        last_month    period[M]   the month it ends in
        low           Int64       floor for the span as a whole; <NA> = none above 0
        high          Int64       ceiling for the span as a whole; <NA> = open
        figure_ids    string      the figure, and those the bounds rest on, ';'-joined
        how           string      the bounds as sums of figures, in words
        ============  ==========  ===========================================================

        When the claimant's figures cannot all be true, ``low`` and ``high`` are <NA> and
        ``how`` names the figures that contradict.

    Raises
    ------
    TypeError, ValueError
        As :func:`monthly`.
    """
    return _panel(indicator, population, figures, populations, national, movements).spans()


def _spans_frame(an: Analysis | None, indicator: str, population: str,
                 figures: pd.DataFrame | None) -> pd.DataFrame:
    """Return the frame :func:`spans` returns, from the analysis of its figures."""
    rows = _span_rows(an, indicator, population) if an is not None else []
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
    return like_figures(out[list(_SPAN_COLUMNS)].reset_index(drop=True), figures)


def monthly_and_spans(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
    *,
    populations: pd.DataFrame | None = None,
    national: bool = False,
    movements: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return :func:`monthly` and :func:`spans` of the same figures, choosing them once.

    The two frames are those the two functions return, row for row; the figures are
    chosen, checked and grouped once, and each claimant's programme is built once for the
    months and the spans both (a chart that draws both asks for both).

    Parameters
    ----------
    indicator, population, figures, populations, national, movements
        As for :func:`monthly`.

    Returns
    -------
    tuple of pandas.DataFrame
        ``monthly(...)`` (without the model columns) and ``spans(...)``.

    Raises
    ------
    TypeError, ValueError
        As :func:`monthly`.
    """
    panel = _panel(indicator, population, figures, populations, national, movements)
    return panel.months(False), panel.spans()


def _period_parts(an: Analysis, claimant: str, first: dt.date, last: dt.date,
                  name: str) -> list[tuple[str, _Found]]:
    """Return the row of each of the claimant's groups for the days [first, last]."""
    parts = []
    for group, members in an.groups.items():
        if str(an.figs.claimant[members[0]]) != claimant or not an.relevant[members].any():
            continue
        solver = an.solver(group, cuts=(first.toordinal(), last.toordinal() + 1))
        got = _group_period(an, group, first, last, name, solver)
        if got is not None:
            parts.append((group, got))
    return parts


def period_bounds(
    indicator: str,
    population: str,
    claimant: str,
    start: str | dt.date | pd.Timestamp,
    end: str | dt.date | pd.Timestamp,
    figures: pd.DataFrame | None = None,
    *,
    populations: pd.DataFrame | None = None,
    national: bool = False,
    movements: bool = False,
) -> pd.Series:
    """Return what one claimant's figures imply for any period: its floor and ceiling.

    The same method as :func:`monthly`, for the days from ``start`` to ``end`` (inclusive)
    instead of a calendar month: the minimum and maximum of the count of ``population``
    over those days, over every daily series that satisfies all of the claimant's figures
    of ``indicator``. For example, what SOHR's 'at least 38' by 3 May and 'at least 67' by
    4 May imply for 4 May alone (nothing: 70 by 3 May fits both).

    Parameters
    ----------
    indicator, population : str
        As for :func:`monthly`.
    claimant : str
        Whose figures (``unattributed``: each report's unattributed figures apart, side by
        side, as in :func:`monthly`).
    start, end : str, date or Timestamp
        First and last day of the period.
    figures, populations, national, movements
        As for :func:`monthly`.

    Returns
    -------
    pandas.Series
        ``indicator``, ``population``, ``claimant``, ``period_start``, ``period_end``,
        ``status``, ``low``, ``high`` (<NA>: no floor above 0, no ceiling), ``figure_ids``
        and ``how``, with the meanings of :func:`monthly`'s columns.

    Raises
    ------
    TypeError, ValueError
        As :func:`monthly`; ValueError also if ``end`` is before ``start``.
    """
    first, last = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    if last < first:
        raise ValueError(f"period_bounds: end {last} is before start {first}")
    name = span_text(first, last)
    an = _panel(indicator, population, figures, populations, national, movements).analysis()
    parts = _period_parts(an, claimant, first, last, name) if an is not None else []
    got = _merge_reports(claimant, name, parts) if parts else _Found(
        status="no_count", how=f"no figure of {claimant} about {population} touches the days "
                               f"{name}")
    return pd.Series({
        "indicator": indicator, "population": population, "claimant": claimant,
        "period_start": pd.Timestamp(first), "period_end": pd.Timestamp(last),
        "status": got.status,
        "low": pd.NA if got.low is None else got.low,
        "high": pd.NA if got.high is None else got.high,
        "figure_ids": ";".join(sorted(got.ids)), "how": got.how,
    })


# --------------------------------------------------------------------------- across claimants


def monthly_summary(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
    *,
    populations: pd.DataFrame | None = None,
    national: bool = False,
    movements: bool = False,
) -> pd.DataFrame:
    """Return one row per month: what every claimant's figures allow at once, never a sum.

    Built from :func:`monthly`. Claimants are not added: the month's ``low`` is the
    largest floor any claimant gives for that month alone (every claim together allows
    nothing lower: the consensus floor, as in :func:`idlibstats.reconcile`), ``high`` the
    smallest ceiling any claimant gives. ``contradictory`` is true when one claimant's floor
    is above another's ceiling. A claimant in ``contradiction`` gives neither. Months with
    no figure are included (``low`` / ``high`` NA).

    Parameters
    ----------
    indicator, population, figures, populations, national, movements
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
        population       category   as selected (the dtype of ``figures.population``)
        low              Int64      largest floor of any claimant; <NA> = none
        low_from         string     the claimant(s) giving it, ';'-joined
        low_figure_ids   string     the figures that floor rests on, ';'-joined
        high             Int64      smallest ceiling of any claimant; <NA> = none
        high_from        string     the claimant(s) giving it, ';'-joined
        contradictory    bool       low > high
        statuses         string     claimant: status for each claimant, ';'-joined
        ===============  =========  ==================================================

    Raises
    ------
    TypeError, ValueError
        As :func:`monthly`.
    """
    by_month: dict[pd.Period, list[dict]] = {}
    for r in _panel(indicator, population, figures, populations, national,
                    movements).month_rows(False):
        by_month.setdefault(r["month"], []).append(r)  # type: ignore[arg-type]
    rows = []
    for month in sorted(by_month):
        sub = by_month[month]
        row: dict[str, object] = {"month": month}
        lows = [r for r in sub if r["low"] is not None]
        highs = [r for r in sub if r["high"] is not None]
        if lows:
            top_value = max(r["low"] for r in lows)
            top = [r for r in lows if r["low"] == top_value]
            row.update(low=top_value, low_from=";".join(str(r["claimant"]) for r in top),
                       low_figure_ids=";".join(sorted({i for r in top
                                                       for i in r["_low_ids"]})))
        else:
            row.update(low=None, low_from="", low_figure_ids="")
        if highs:
            bottom_value = min(r["high"] for r in highs)
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
    return like_figures(out[columns].reset_index(drop=True), figures)
