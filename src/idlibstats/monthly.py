"""Figures by calendar month: whole months kept, other spans apportioned by days.

A figure whose period is exactly a calendar month is that month's figure. A figure whose
period lies inside one month belongs to that month whole. A figure over a span of months
is apportioned uniformly by days: each month gets ``days_in_month / days_in_period`` of it,
and is marked ``apportioned_by_days``. Figures are never added to one another: each row
of :func:`monthly` is one figure in one month, and :func:`monthly_summary` gives a range
across the figures of a month, never their sum.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from idlibstats.bounds import bounds as figure_bounds

__all__ = ["METHODS", "NATIONAL", "monthly", "monthly_summary"]

#: The values of ``method``, in order of directness.
METHODS: tuple[str, ...] = ("whole_month", "within_month", "apportioned_by_days")

_NEEDED = (
    "figure_id", "source_id", "indicator", "population", "value", "qualifier",
    "period_start", "period_end", "admin1", "claimant", "claim_group",
)
_COLUMNS = (
    "month", "figure_id", "claim_group", "claimant", "source_id", "indicator", "population",
    "admin1", "part_of", "qualifier", "value", "low", "high", "period_start", "period_end",
    "days_in_period", "days_in_month", "month_coverage", "share", "apportioned",
    "apportioned_low", "apportioned_high", "method", "lower_bound_only",
)


#: ``admin1`` of a figure that counts all of Syria rather than the north-west.
NATIONAL = "SY"


def _select(
    indicator: str, population: str, figures: pd.DataFrame | None, national: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    if figures is None:
        from idlibstats.load import figures as load_figures

        figures = load_figures()
    missing = [c for c in _NEEDED if c not in figures.columns]
    if missing:
        raise ValueError(f"monthly needs the column(s) {missing}")
    ind = figures["indicator"].astype("string")
    if not (ind == indicator).any():
        known = ", ".join(sorted(ind.dropna().unique()))
        raise ValueError(f"no figure has indicator {indicator!r}; the figures have: {known}")
    pop = figures["population"]
    if isinstance(pop.dtype, pd.CategoricalDtype) and population not in pop.cat.categories:
        known = ", ".join(map(str, pop.cat.categories))
        raise ValueError(f"population {population!r} is not one of: {known}")
    keep = (ind == indicator) & (pop.astype("string") == population)
    if not national:
        keep &= figures["admin1"].astype("string") != NATIONAL
    chosen = figures.loc[keep.fillna(False).to_numpy()]
    bad = chosen["period_end"] < chosen["period_start"]
    if bad.any():
        raise ValueError(
            f"figure {chosen.loc[bad, 'figure_id'].iloc[0]}: period_end is before period_start"
        )
    if chosen[["period_start", "period_end"]].isna().any().any():
        row = chosen[["period_start", "period_end"]].isna().any(axis=1)
        raise ValueError(f"figure {chosen.loc[row, 'figure_id'].iloc[0]}: period is missing")
    return figures, chosen


def monthly(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
    *,
    band: float = 0.1,
    national: bool = False,
) -> pd.DataFrame:
    """Return one row per (figure, calendar month its period touches); never summed.

    For the figures of one ``indicator`` and one ``population`` (``"all"`` is the
    population value *all*, not 'any population'), each figure is cut into the calendar
    months its period (inclusive dates) touches:

    - ``whole_month``: the period is exactly that calendar month (share 1);
    - ``within_month``: the period lies inside that one month (share 1);
    - ``apportioned_by_days``: the period spans months; the month gets
      ``share = days_in_month / days_in_period`` of the value and of its bounds
      (uniform by days: an assumption, not a report).

    A figure's shares add up to 1 and its months partition its period. Rows of different
    figures are never added together. The input is not modified.

    Figures for all of Syria (``admin1`` ``SY``: the war's toll since 2011, SNHR's national
    monthly count) count another area than the offensive's; they are left out unless
    ``national=True``, so the toll of eight years is not spread into Idlib's months.

    Parameters
    ----------
    indicator : str
        An indicator of the figures (``killed``, ``injured``, ``displaced`` ...).
    population : str, default "all"
        The population value to keep.
    figures : pandas.DataFrame, optional
        Figures (the ``figures`` table's columns); by default :func:`idlibstats.figures`.
    band : float, default 0.1
        Passed to :func:`idlibstats.bounds` for ``about`` and ``almost``.
    national : bool, default False
        Keep the figures whose ``admin1`` is ``SY`` (all of Syria).

    Returns
    -------
    pandas.DataFrame
        Sorted by ``month``, ``period_start``, ``figure_id``:

        ================  ==============  ============================================
        column            dtype           meaning
        ================  ==============  ============================================
        month             datetime64      first day of the calendar month
        figure_id         string          the figure
        claim_group       string          its claim group
        claimant          string          who produced it
        source_id         string          the report
        indicator         string          as selected
        population        as input        as selected
        admin1            string          governorates covered
        part_of           string          the figure it is a breakdown of, if any
        qualifier         as input        its wording
        value             Int64           the value as written
        low, high         Int64           its bounds (:func:`idlibstats.bounds`;
                                          high <NA> = open)
        period_start      datetime64      first day of its period
        period_end        datetime64      last day of its period (inclusive)
        days_in_period    int64           days of its period
        days_in_month     int64           days of its period in this month
        month_coverage    float64         days_in_month / days of the calendar month
        share             float64         days_in_month / days_in_period
        apportioned       Float64         value * share
        apportioned_low   Float64         low * share
        apportioned_high  Float64         high * share; <NA> when open
        method            string          whole_month, within_month or
                                          apportioned_by_days
        lower_bound_only  bool            high is open ('at least', 'more than')
        ================  ==============  ============================================

    Raises
    ------
    ValueError
        If no figure has ``indicator``, ``population`` is not a known population, a
        period is missing or ends before it starts, or :func:`idlibstats.bounds` fails.
    """
    _, chosen = _select(indicator, population, figures, national)
    b = figure_bounds(chosen, band=band).reset_index(drop=True)
    if "part_of" not in b.columns:
        b["part_of"] = pd.array([pd.NA] * len(b), dtype="string")
    start = b["period_start"].to_numpy(dtype="datetime64[D]")
    end = b["period_end"].to_numpy(dtype="datetime64[D]")
    start_m = start.astype("datetime64[M]")
    end_m = end.astype("datetime64[M]")
    n_months = (end_m - start_m).astype("int64") + 1
    rows = np.repeat(np.arange(len(b)), n_months)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(n_months) - n_months, n_months)
    month = start_m[rows] + offset.astype("timedelta64[M]")
    month_first = month.astype("datetime64[D]")
    month_last = (month + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    lo = np.maximum(start[rows], month_first)
    hi = np.minimum(end[rows], month_last)
    days_in_month = (hi - lo).astype("int64") + 1
    days_in_period = (end - start).astype("int64")[rows] + 1
    month_len = (month_last - month_first).astype("int64") + 1
    share = days_in_month / days_in_period

    out = b.iloc[rows].reset_index(drop=True)
    out["month"] = pd.to_datetime(month_first).astype(b["period_start"].dtype)
    out["days_in_period"] = days_in_period
    out["days_in_month"] = days_in_month
    out["month_coverage"] = days_in_month / month_len
    out["share"] = share
    value = out["value"].astype("Float64")
    out["apportioned"] = value * share
    out["apportioned_low"] = out["low"].astype("Float64") * share
    out["apportioned_high"] = out["high"].astype("Float64") * share
    whole = (start[rows] == month_first) & (end[rows] == month_last)
    method = np.where(
        whole, "whole_month", np.where(n_months[rows] == 1, "within_month", "apportioned_by_days")
    )
    out["method"] = pd.array(method, dtype="string")
    out["lower_bound_only"] = out["high"].isna().to_numpy(dtype=bool)
    for col in ("figure_id", "claim_group", "claimant", "source_id", "indicator", "admin1",
                "part_of"):
        out[col] = out[col].astype("string")
    out = out.sort_values(["month", "period_start", "figure_id"], kind="stable")
    return out[list(_COLUMNS)].reset_index(drop=True)


def monthly_summary(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
    *,
    band: float = 0.1,
    national: bool = False,
) -> pd.DataFrame:
    """Return one row per month: the figures it rests on and a range across them, never a sum.

    Built from :func:`monthly`. For each month with at least one figure:

    - only figures that cover the **whole** month (``month_coverage == 1``: a whole-month
      figure, or a longer span apportioned to it) estimate the month's total: ``low`` is
      the smallest of their ``apportioned_low``, ``high`` the largest of their
      ``apportioned_high``, and ``high`` is open (<NA>, ``high_open`` true) if any of them
      is open. With no such figure, ``low`` and ``high`` are <NA>.
    - figures that cover only **part** of the month give a floor only: ``partial_floor``
      is the largest of their ``apportioned_low`` (for a figure spanning months this rests
      on the uniform-by-days assumption). It is not a range for the month's total.

    The figures of a month are not added together, whatever their claimants or periods.
    Months with no figure have no row.

    Parameters
    ----------
    indicator : str
        An indicator of the figures.
    population : str, default "all"
        The population value to keep.
    figures : pandas.DataFrame, optional
        Figures; by default :func:`idlibstats.figures`.
    band : float, default 0.1
        Passed to :func:`idlibstats.bounds`.
    national : bool, default False
        Keep the figures for all of Syria (see :func:`monthly`).

    Returns
    -------
    pandas.DataFrame
        Sorted by ``month``:

        ====================  ==========  ===============================================
        column                dtype       meaning
        ====================  ==========  ===============================================
        month                 datetime64  first day of the calendar month
        n_figures             int64       figures touching the month
        figure_ids            string      those figures, ';'-joined, in monthly()'s order
        claimants             string      their distinct claimants, sorted, ';'-joined
        n_covering            int64       figures covering the whole month
        low                   Float64     min apportioned_low of the covering figures
        high                  Float64     max apportioned_high of the covering figures;
                                          <NA> if one is open or none covers the month
        high_open             bool        a covering figure is a lower bound only
        apportioned_estimate  bool        a covering figure is apportioned_by_days
        partial_floor         Float64     max apportioned_low of the partial figures;
                                          <NA> if none
        ====================  ==========  ===============================================

    Raises
    ------
    ValueError
        As :func:`monthly`.
    """
    m = monthly(indicator, population, figures, band=band, national=national)
    columns = [
        "month", "n_figures", "figure_ids", "claimants", "n_covering", "low", "high",
        "high_open", "apportioned_estimate", "partial_floor",
    ]
    if m.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
        empty["month"] = empty["month"].astype("datetime64[us]")
        return empty
    covering = m["month_coverage"] >= 1.0
    g = m.groupby("month", sort=True)
    out = pd.DataFrame(index=g.size().index)
    out["n_figures"] = g.size().astype("int64")
    out["figure_ids"] = g["figure_id"].agg(";".join).astype("string")
    out["claimants"] = g["claimant"].agg(lambda s: ";".join(sorted(set(s)))).astype("string")
    cov = m[covering].groupby("month", sort=True)
    out["n_covering"] = cov.size().reindex(out.index, fill_value=0).astype("int64")
    out["low"] = cov["apportioned_low"].min().reindex(out.index).astype("Float64")
    any_open = cov["lower_bound_only"].any().reindex(out.index, fill_value=False).astype(bool)
    out["high"] = cov["apportioned_high"].max().reindex(out.index).astype("Float64").mask(any_open)
    out["high_open"] = any_open
    appo = (m["method"] == "apportioned_by_days") & covering
    out["apportioned_estimate"] = (
        appo.groupby(m["month"]).any().reindex(out.index, fill_value=False).astype(bool)
    )
    part = m[~covering].groupby("month", sort=True)
    out["partial_floor"] = part["apportioned_low"].max().reindex(out.index).astype("Float64")
    out = out.rename_axis("month").reset_index()
    return out[columns]
