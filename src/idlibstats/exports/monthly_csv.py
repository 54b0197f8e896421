"""The monthly table: one row per month, integer month floors that can be summed down a column.

Each quantity (an indicator and population; displacement movements apart) gets a column
``<quantity>_min`` holding, for each calendar month, the largest floor any claimant's figures
give for that month alone (:func:`idlibstats.monthly_summary`), as an integer, or an empty
cell when no figure gives one; ``<quantity>_min_claimant`` and ``<quantity>_min_figures`` say
whose figures and which ones the floor rests on. Months are disjoint and each floor holds for
its month alone, so the sum of a column over some months is a floor of the total over those
months, if the claimants giving the floors are right. It is not an estimate of the total:
most figures span several months and give no floor to any month alone (their floors are in
:func:`idlibstats.spans`).

A part's floor is a floor of its whole, and disjoint parts add up (:func:`idlibstats.monthly`
reads the population relations): two children and one woman killed in Binnish on
16 December 2019 are a floor of three people killed in December. A whole's column is
therefore never below any of its parts', and it comes first among its indicator's columns.
This keeps HXL tools honest: libhxl's ``sum(#affected+killed)`` reads, in each row, the
first non-empty column whose hashtag matches, and the parts' hashtags
(``#affected+killed+children+min``) match too; since the whole comes first and its cell is
never empty where a part's is not, that sum is the sum of the whole's column.

Stocks (population) are levels, never summed over months: they are left out.
"""

from __future__ import annotations

import os

import pandas as pd

from idlibstats.analysis.monthly import NATIONAL, monthly_summary
from idlibstats.analysis.populations import Relations
from idlibstats.exports.hxl import COUNTRY, hashtag, neutralise_formulas, write_csv
from idlibstats.io.atomic import check_target, write_atomic

__all__ = ["monthly_table", "to_monthly_csv"]

#: Column order of the indicators (others follow, alphabetically).
_ORDER = (
    "killed", "injured", "displaced", "airstrikes", "health_facilities_attacked",
    "health_facilities_destroyed", "villages_lost_by_opposition", "towns_captured_by_opposition",
)
_WHOLE_NAMES = ("all", "not_applicable")


def _quantities(
    figures: pd.DataFrame, populations: pd.DataFrame, national: bool
) -> list[tuple[str, str, bool, str]]:
    """Return (indicator, population, movements, column name) of each summable quantity.

    Every indicator and population with a figure that is not a stock, and every population
    those are part of (a part's floor is a floor of its whole); an indicator's columns in
    the order of the ``populations`` table, which lists a whole before its parts.
    """
    relations = Relations.from_frame(populations)
    f = figures
    if not national:
        f = f[f["admin1"].astype("string") != NATIONAL]
    f = f[f["measure"].astype("string") != "stock"]
    ind_order = {k: i for i, k in enumerate(_ORDER)}
    pop_order = {str(k): i for i, k in enumerate(populations["population"])}
    keys = set()
    for ind, p, m in zip(f["indicator"].astype(str), f["population"].astype(str),
                         f["measure"].astype(str), strict=True):
        keys.add((ind, p, m == "movements"))
        if m != "movements" and relations.known(p):
            keys.update((ind, whole, False) for whole in relations.ancestors(p))
    out = []
    for ind, p, mv in sorted(keys, key=lambda k: (ind_order.get(k[0], len(_ORDER)), k[0], k[2],
                                                  pop_order.get(k[1], len(pop_order)), k[1])):
        name = ind if p in _WHOLE_NAMES else f"{ind}_{p}"
        if mv:
            name += "_movements"
        out.append((ind, p, mv, f"{name}_min"))
    return out


def monthly_table(
    figures: pd.DataFrame,
    *,
    populations: pd.DataFrame | None = None,
    national: bool = False,
) -> pd.DataFrame:
    """Return one row per month with an integer floor column per quantity, safe to sum.

    For every indicator and population with a figure that is not a stock, every population
    it is part of, and, apart, displacement ``movements``, the column
    ``<indicator>[_<population>][_movements]_min`` holds the month's floor from
    :func:`idlibstats.monthly_summary` (the largest floor any claimant's figures imply for
    that month alone), ``<NA>`` when none does; ``<column>_claimant`` says whose figures
    give it and ``<column>_figures`` the figures it rests on. A whole's floor is never below
    a part's (2 children and 1 woman killed: at least 3 people killed), and its column
    comes first. Summing a floor column over months (empty as 0) gives a floor of the total
    over those months, as the claimants count it; never an estimate of it.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures as :func:`idlibstats.figures` returns them (a filtered frame if wished).
    populations : pandas.DataFrame
        The population relations (:func:`idlibstats.populations`); required.
    national : bool, default False
        Keep the figures for all of Syria (``admin1`` ``SY``); see
        :func:`idlibstats.monthly`.

    Returns
    -------
    pandas.DataFrame
        ``month`` (period[M]), ``month_start`` and ``month_end`` (datetime64), then for each
        quantity ``<q>_min`` (Int64), ``<q>_min_claimant`` (string) and ``<q>_min_figures``
        (string). Every month from the first to the last any quantity's figures touch.

    Raises
    ------
    TypeError
        If ``populations`` is None.
    ValueError
        As :func:`idlibstats.monthly`.
    """
    if populations is None:
        Relations.from_frame(None)  # raises the TypeError that says how to get them
    # each quantity's month bounds are remembered by :func:`idlibstats.monthly_summary` (the
    # panels of analysis/monthly.py): the same figures again solve nothing twice
    return _work_out_table(figures, populations, national)  # type: ignore[arg-type]


def _work_out_table(figures: pd.DataFrame, populations: pd.DataFrame,
                    national: bool) -> pd.DataFrame:
    """Return :func:`monthly_table` of the frames (``populations`` given)."""
    quantities = _quantities(figures, populations, national)
    parts = []
    for ind, pop, mv, name in quantities:
        s = monthly_summary(ind, pop, figures, populations=populations, national=national,
                            movements=mv)
        frame = s.set_index("month")[["low", "low_from", "low_figure_ids"]]
        parts.append(frame.set_axis([name, f"{name}_claimant", f"{name}_figures"], axis=1))
    if not parts:
        out = pd.DataFrame({"month": pd.PeriodIndex([], freq="M")})
    else:
        first = min(p.index.min() for p in parts)
        last = max(p.index.max() for p in parts)
        months = pd.period_range(first, last, freq="M", name="month")
        out = pd.concat([p.reindex(months) for p in parts], axis=1).reset_index()
    out.insert(1, "month_start", out["month"].dt.start_time.astype("datetime64[us]"))
    out.insert(2, "month_end", out["month"].dt.end_time.dt.normalize().astype("datetime64[us]"))
    for _, _, _, name in quantities:
        out[name] = out[name].astype("Int64")
        for col in (f"{name}_claimant", f"{name}_figures"):
            out[col] = out[col].astype("string").fillna("").replace("", pd.NA)
    return out


def _tags(table: pd.DataFrame, figures: pd.DataFrame, populations: pd.DataFrame,
          national: bool, inds: pd.DataFrame) -> list[str]:
    names = {name: (ind, pop, mv)
             for ind, pop, mv, name in _quantities(figures, populations, national)}
    tags = []
    for col in table.columns:
        if col == "month":
            tags.append("#date+month")
        elif col == "month_start":
            tags.append("#date+start")
        elif col == "month_end":
            tags.append("#date+end")
        elif col == "country":
            tags.append("#country+code")
        elif col in names:
            ind, pop, mv = names[col]
            if mv:  # movements are not people: not under a people hashtag
                tags.append(f"#indicator+num+{col.removesuffix('_min')}+min")
            else:
                tags.append(hashtag(ind, pop, inds) + "+min")
        elif col.endswith("_claimant"):
            tags.append(f"#org+code+claimant+{col.removesuffix('_claimant')}")
        elif col.endswith("_figures"):
            tags.append(f"#meta+figures+{col.removesuffix('_figures')}")
        else:  # pragma: no cover - every column is named above
            raise AssertionError(col)
    return tags


def to_monthly_csv(
    figures: pd.DataFrame,
    indicators: pd.DataFrame,
    path: str | os.PathLike[str] | None = None,
    *,
    populations: pd.DataFrame | None = None,
    hxl: bool = False,
    national: bool = False,
    overwrite: bool = False,
) -> str | None:
    """Return, or write atomically, :func:`monthly_table` as CSV (with an HXL row if asked).

    Integers only (no fractions of people); the floor columns are named as floors
    (``killed_min``) and an empty cell is 'no floor for this month alone', so a
    spreadsheet's SUM of a column is the floor described in :func:`monthly_table`. With
    ``hxl=True`` a hashtag row follows the header: each floor column carries its quantity's
    standard hashtag with ``+min`` (``#affected+killed+min``,
    ``#affected+killed+children+min``, ``#affected+idps+min``), the total of each indicator
    before its breakdowns, ``month`` is ``#date+month`` and a ``country`` column
    (``#country+code``, ``SYR``) is added.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures (a filtered frame if wished).
    indicators : pandas.DataFrame
        The ``indicators`` table (:func:`idlibstats.indicators`): the hashtags.
    path : str or path-like, optional
        File to write; when omitted the CSV text is returned.
    populations : pandas.DataFrame
        The population relations (:func:`idlibstats.populations`); required.
    hxl : bool, default False
        Add the HXL hashtag row.
    national : bool, default False
        Keep the figures for all of Syria.
    overwrite : bool, default False
        Replace ``path`` if it exists (``--force``).

    Returns
    -------
    str or None
        The CSV text when ``path`` is None, else None.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is false (the file is left untouched).
    TypeError
        If ``populations`` is None.
    """
    if path is not None:  # refused before the work: an existing file, a link, a device
        check_target(path, overwrite)
    table = monthly_table(figures, populations=populations, national=national)
    out = pd.DataFrame(index=table.index)
    out["month"] = table["month"].astype(str).astype("string")
    out["month_start"] = table["month_start"].dt.strftime("%Y-%m-%d").astype("string")
    out["month_end"] = table["month_end"].dt.strftime("%Y-%m-%d").astype("string")
    if hxl:
        out["country"] = pd.array([COUNTRY] * len(out), dtype="string")
    for col in table.columns[3:]:
        s = table[col]
        out[col] = (s.astype("string") if pd.api.types.is_integer_dtype(s.dtype)
                    else neutralise_formulas(s))
    tags = _tags(out, figures, populations, national, indicators) if hxl else None  # type: ignore[arg-type]
    text = write_csv(out, tags)
    if path is None:
        return text
    write_atomic(path, text, overwrite=overwrite)
    return None
