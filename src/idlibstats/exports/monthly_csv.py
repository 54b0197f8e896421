"""The monthly table: one row per month, integer month floors that can be summed down a column.

Each quantity (an indicator and population; displacement movements apart) gets a column
holding, for each calendar month, the largest floor any claimant's figures give for that
month alone (:func:`idlibstats.monthly_summary`), as an integer, or an empty cell when no
figure gives one. Months are disjoint and each floor holds for its month alone, so the sum
of a column over some months is a floor of the total over those months, if the claimants
giving the floors are right. It is not an estimate of the total: most figures span several
months and give no floor to any month alone (their floors are in :func:`idlibstats.spans`).

A breakdown's floor is a floor of its whole: 2 children killed in December means at least 2
people killed. So the column of the whole (``killed``; ``killed_fighters`` for the two sides'
fighters) holds the largest floor of the whole *or of any of its parts*, and says which
figures give it. This is also what keeps HXL tools honest: libhxl's ``sum(#affected+killed)``
reads, in each row, the first non-empty column whose hashtag matches, and the parts'
hashtags (``#affected+killed+children+min``) match too; since the whole's cell is never
empty where a part's is not, that sum is the sum of the whole's column.

Stocks (population) are levels, never summed over months: they are left out.
"""

from __future__ import annotations

import os

import pandas as pd

from idlibstats.analysis.monthly import NATIONAL, monthly_summary
from idlibstats.exports.hxl import COUNTRY, hashtag, neutralise_formulas, write_csv
from idlibstats.io.atomic import check_target, write_atomic

__all__ = ["monthly_table", "to_monthly_csv"]

#: Populations whose floors are also floors of a larger population (a part within its whole).
_WHOLE = {"pro_government_fighters": "fighters", "opposition_fighters": "fighters"}

#: Column order of the indicators (others follow, alphabetically).
_ORDER = (
    "killed", "injured", "displaced", "airstrikes", "health_facilities_attacked",
    "health_facilities_destroyed", "villages_lost_by_opposition", "towns_captured_by_opposition",
)


def _quantities(
    figures: pd.DataFrame, national: bool
) -> list[tuple[str, str, bool, str]]:
    """Return (indicator, population, movements, column name) of each summable quantity."""
    f = figures
    if not national:
        f = f[f["admin1"].astype("string") != NATIONAL]
    f = f[f["measure"].astype("string") != "stock"]
    ind_order = {k: i for i, k in enumerate(_ORDER)}
    pop = figures["population"]
    pop_order = ({k: i for i, k in enumerate(pop.cat.categories)}
                 if isinstance(pop.dtype, pd.CategoricalDtype) else {})
    keys = set()
    for ind, p, m in zip(f["indicator"].astype(str), f["population"].astype(str),
                         f["measure"].astype(str), strict=True):
        keys.add((ind, p, m == "movements"))
        if m != "movements" and p not in ("all", "not_applicable"):
            keys.add((ind, "all", False))  # the whole gets a column: its parts' floors hold
            if p in _WHOLE:
                keys.add((ind, _WHOLE[p], False))
    out = []
    for ind, p, mv in sorted(keys, key=lambda k: (ind_order.get(k[0], len(_ORDER)), k[0],
                                                  pop_order.get(k[1], 99), k[1], k[2])):
        name = ind if p in ("all", "not_applicable") else f"{ind}_{p}"
        if mv:
            name += "_movements"
        out.append((ind, p, mv, name))
    return out


def _largest(whole: pd.DataFrame, parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Per month, the largest floor of the whole or its parts (the whole's on a tie)."""
    frames = [whole, *parts]
    months = sorted(set().union(*(f.index for f in frames)))
    rows = []
    for month in months:
        best = None
        for f in frames:
            if month in f.index and not pd.isna(f.at[month, "low"]) and (
                    best is None or f.at[month, "low"] > best["low"]):
                best = f.loc[month]
        rows.append(best if best is not None else pd.Series(
            {"low": pd.NA, "low_from": "", "low_figure_ids": ""}))
    out = pd.DataFrame(rows, index=pd.PeriodIndex(months, freq="M", name="month"))
    out["low"] = out["low"].astype("Int64")
    return out


def monthly_table(
    figures: pd.DataFrame,
    *,
    national: bool = False,
    band: float = 0.1,
) -> pd.DataFrame:
    """Return one row per month with an integer floor column per quantity, safe to sum.

    For every indicator and population with a figure that is not a stock (and, apart,
    displacement ``movements``), the column ``<indicator>[_<population>][_movements]`` holds
    the month's floor from :func:`idlibstats.monthly_summary` (the largest floor any
    claimant gives for that month alone), ``<NA>`` when none does; ``<column>_claimant``
    says who gives it and ``<column>_figures`` the figures it rests on. The column of a
    whole (population ``all``; ``fighters``) takes the largest floor of the whole or of
    any of its parts (2 children killed: at least 2 people killed). Summing a floor
    column over months (empty as 0) gives a floor of the total over those months, as the
    claimants count it; never an estimate of it.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures as :func:`idlibstats.figures` returns them (a filtered frame if wished).
    national : bool, default False
        Keep the figures for all of Syria (``admin1`` ``SY``); see
        :func:`idlibstats.monthly`.
    band : float, default 0.1
        Passed to :func:`idlibstats.bounds`.

    Returns
    -------
    pandas.DataFrame
        ``month`` (period[M]), ``month_start`` and ``month_end`` (datetime64), then for each
        quantity ``<q>`` (Int64), ``<q>_claimant`` (string) and ``<q>_figures`` (string).
        Every month from the first to the last any quantity's figures touch.

    Raises
    ------
    ValueError
        As :func:`idlibstats.monthly`.
    """
    quantities = _quantities(figures, national)
    own: dict[tuple[str, str, bool], pd.DataFrame] = {}
    for ind, pop, mv, _ in quantities:
        s = monthly_summary(ind, pop, figures, national=national, movements=mv, band=band)
        own[(ind, pop, mv)] = s.set_index("month")[["low", "low_from", "low_figure_ids"]]
    parts = []
    for ind, pop, mv, name in quantities:
        frame = own[(ind, pop, mv)]
        if not mv and pop in ("all", "fighters"):
            members = [k for k in own if k[0] == ind and not k[2] and k[1] != pop
                       and (pop == "all" or _WHOLE.get(k[1]) == pop)]
            frame = _largest(frame, [own[k] for k in members])
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


def _tags(table: pd.DataFrame, figures: pd.DataFrame, national: bool,
          inds: pd.DataFrame) -> list[str]:
    names = {name: (ind, pop, mv) for ind, pop, mv, name in _quantities(figures, national)}
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
                tags.append(f"#indicator+num+{col}+min")
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
    hxl: bool = False,
    national: bool = False,
    overwrite: bool = False,
) -> str | None:
    """Return, or write atomically, :func:`monthly_table` as CSV (with an HXL row if asked).

    Integers only (no fractions of people); an empty cell is 'no floor for this month
    alone', so a spreadsheet's SUM of a column is the floor described in
    :func:`monthly_table`. With ``hxl=True`` a hashtag row follows the header: each floor
    column carries its quantity's standard hashtag with ``+min`` (``#affected+killed+min``,
    ``#affected+killed+children+min``, ``#affected+idps+min``), ``month`` is ``#date+month``
    and a ``country`` column (``#country+code``, ``SYR``) is added.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures (a filtered frame if wished).
    indicators : pandas.DataFrame
        The ``indicators`` table (:func:`idlibstats.indicators`): the hashtags.
    path : str or path-like, optional
        File to write; when omitted the CSV text is returned.
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
    """
    if path is not None:  # refused before the work: an existing file, a link, a device
        check_target(path, overwrite)
    table = monthly_table(figures, national=national)
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
    tags = _tags(out, figures, national, indicators) if hxl else None
    text = write_csv(out, tags)
    if path is None:
        return text
    write_atomic(path, text, overwrite=overwrite)
    return None
