"""HXL-tagged CSV export of the figures, for HDX: evidence rows that cannot be summed blindly.

The export is a CSV (UTF-8, LF, header row) whose second row holds one HXL hashtag per
column, so HDX and the HXL tools (``libhxl``, HXL Proxy) can read it. Each row is one figure
as reported, with its report's publisher, address and date, the ISO country code, one
governorate per ``#adm1+code`` cell, and the bounds the library derives
(:func:`idlibstats.bounds`).

Why no figure's number is under a quantity hashtag. The figures overlap: competing claims
of one quantity, running totals and their updates, breakdowns inside totals, spans inside
spans. A tool that sums a quantity hashtag down the column (an HDX Quick Chart, libhxl's
``count(..., 'sum(#affected+killed)')`` or ``sum(#indicator+value+num)``) would add them
into a meaningless total (372,736 killed). So here each figure's standard hashtag, with
its attributes (``#affected+killed+children``, ``#affected+idps``...), is a *value* of the
``hxl`` column, to filter rows on, and its numbers sit under ``#meta`` hashtags
(``#meta+value+num``, ``#meta+low+num``...), which those tools do not add up. The numbers
that can be summed honestly, month floors, are in the monthly export
(:func:`idlibstats.monthly_table`), under the standard quantity hashtags.

Spreadsheet-formula safety (defence in depth): any text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is written with a leading apostrophe (``'=...``),
so a spreadsheet shows it as text and never runs it as a formula. The package's schema
already refuses such text; the export neutralises it anyway, for frames built elsewhere.
Numbers and dates are written as numbers and ISO dates, never prefixed. If any cell holds
a carriage return, every cell is quoted, so the CSV never splits a row on it.
"""

from __future__ import annotations

import csv
import io
import os

import numpy as np
import pandas as pd

from idlibstats.analysis.bounds import bounds as figure_bounds
from idlibstats.io.atomic import check_target, write_atomic

__all__ = ["COUNTRY", "HXL_TAGS", "POPULATION_ATTRIBUTES", "hashtag", "neutralise_formulas",
           "to_hxl"]

#: ISO 3166-1 alpha-3 code of the country every figure is in.
COUNTRY = "SYR"

#: HXL attributes for each population (HXL's own where there is one: +children, +f, +adults).
POPULATION_ATTRIBUTES: dict[str, str] = {
    "all": "",
    "not_applicable": "",
    "civilians": "+civilians",
    "children": "+children",
    "women": "+f+adults",
    "women_and_children": "+women_and_children",
    "men": "+m+adults",
    "fighters": "+fighters",
    "pro_government_fighters": "+fighters+pro_government",
    "opposition_fighters": "+fighters+opposition",
}

#: Export column -> HXL hashtag, in the export's column order. After ``country`` come the
#: ``admin1_1`` ... ``admin1_N`` columns, one governorate each, all ``#adm1+code`` (N = the
#: most governorates any figure has, at least 1).
HXL_TAGS: dict[str, str] = {
    "figure_id": "#meta+id",
    "source_id": "#meta+source+code",
    "source_publisher": "#meta+source+name",
    "source_url": "#meta+url",
    "published": "#date+published",
    "indicator": "#indicator+code",
    "population": "#group+code",
    "hxl": "#meta+hxl",
    "measure": "#meta+measure",
    "qualifier": "#meta+qualifier",
    "value_as_written": "#meta+value_as_written",
    "value": "#meta+value+num",
    "low": "#meta+low+num",
    "best": "#meta+best+num",
    "high": "#meta+high+num",
    "rule": "#meta+rule",
    "period_start": "#date+start",
    "period_end": "#date+end",
    "period_basis": "#meta+period_basis",
    "claimed_on": "#date+reported",
    "claimed_on_basis": "#meta+reported_basis",
    "country": "#country+code",
    "claimant": "#org+code+claimant",
    "claimant_name": "#org+name+claimant",
    "relayed_by": "#org+code+relay",
    "claim_group": "#meta+claim_group",
    "part_of": "#meta+part_of",
    "excerpt": "#description+excerpt",
    "notes": "#description+notes",
}

_ADMIN1_TAG = "#adm1+code"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def hashtag(indicator: str, population: str, indicators: pd.DataFrame) -> str:
    """Return the standard HXL hashtag with attributes for an indicator and population.

    The base comes from the ``hxl`` column of the ``indicators`` table (``killed`` ->
    ``#affected+killed``); the population adds :data:`POPULATION_ATTRIBUTES`
    (``children`` -> ``+children``, ``women`` -> ``+f+adults``).

    Parameters
    ----------
    indicator : str
        An indicator id.
    population : str
        A population value.
    indicators : pandas.DataFrame
        The ``indicators`` table (``indicator`` and ``hxl`` columns).

    Returns
    -------
    str
        E.g. ``#affected+killed+children``.

    Raises
    ------
    ValueError
        If the indicator is not in the table or the population has no attributes.
    """
    return _hashtag(indicator, population, _bases(indicators))


def _bases(indicators: pd.DataFrame) -> dict[str, str]:
    """Return each indicator's base hashtag, from the ``indicators`` table's ``hxl`` column."""
    return dict(zip(indicators["indicator"].astype(str), indicators["hxl"].astype(str),
                    strict=True))


def _hashtag(indicator: str, population: str, base: dict[str, str]) -> str:
    """:func:`hashtag`, given the table's base hashtags (:func:`_bases`, read once a table)."""
    if indicator not in base:
        raise ValueError(f"indicator {indicator!r} is not in the indicators table")
    if population not in POPULATION_ATTRIBUTES:
        raise ValueError(f"population {population!r} has no HXL attributes; add it to "
                         "POPULATION_ATTRIBUTES")
    return base[indicator] + POPULATION_ATTRIBUTES[population]


def neutralise_formulas(series: pd.Series) -> pd.Series:
    """Prefix an apostrophe to every text cell that a spreadsheet would read as a formula.

    Parameters
    ----------
    series : pandas.Series
        Text cells (missing cells stay missing).

    Returns
    -------
    pandas.Series
        The same cells as ``string``, those starting with ``= + - @``, tab or CR prefixed
        with ``'``.
    """
    text = series.astype("string")
    # the cells read once as Python strings: pandas' string methods cost more per column
    # than a few dozen cells do, and most columns hold no risky cell
    risky = [isinstance(cell, str) and cell.startswith(_FORMULA_START) for cell in text.tolist()]
    if not any(risky):
        return text
    return text.mask(np.array(risky, dtype=bool), "'" + text)


def _lookup(
    sources: pd.DataFrame, organisations: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    src = sources[["source_id", "publisher", "url", "published"]].rename(
        columns={"publisher": "source_publisher", "url": "source_url"}
    )
    orgs = organisations[["organisation_id", "name"]].rename(
        columns={"organisation_id": "claimant", "name": "claimant_name"}
    )
    return src, orgs


def write_csv(out: pd.DataFrame, tags: list[str] | None) -> str:
    """Return a frame of text cells as CSV text, with a hashtag row under the header if given.

    Parameters
    ----------
    out : pandas.DataFrame
        The cells, already as text (missing cells are written empty).
    tags : list of str, optional
        One HXL hashtag per column, written as the second row; None for a plain CSV.

    Returns
    -------
    str
        UTF-8-ready CSV text with LF line ends. Every cell is quoted when one holds a
        carriage return, so no row is split on it.
    """
    has_cr = any(isinstance(cell, str) and "\r" in cell
                 for c in out.columns if out[c].dtype == "string" for cell in out[c].tolist())
    quoting = csv.QUOTE_ALL if has_cr else csv.QUOTE_MINIMAL
    buf = io.StringIO()
    if tags is not None:
        pd.DataFrame([tags], columns=list(out.columns)).to_csv(
            buf, index=False, lineterminator="\n", quoting=quoting)
        out.to_csv(buf, index=False, header=False, lineterminator="\n", na_rep="",
                   quoting=quoting)
    else:
        out.to_csv(buf, index=False, lineterminator="\n", na_rep="", quoting=quoting)
    return buf.getvalue()


def to_hxl(
    figures: pd.DataFrame,
    sources: pd.DataFrame,
    organisations: pd.DataFrame,
    indicators: pd.DataFrame,
    path: str | os.PathLike[str] | None = None,
    *,
    overwrite: bool = False,
) -> str | None:
    """Return, or write atomically, the figures as CSV with an HXL hashtag row.

    One row per figure. No number is under a quantity hashtag that HDX tools sum
    (``#affected``, ``#population``, ``#indicator+value``...): the figures overlap, and a
    column sum would be meaningless. Each figure's standard hashtag is the value of its
    ``hxl`` cell (filter on it); its numbers are under ``#meta+...+num``. The monthly
    export (:func:`idlibstats.monthly_table`) is the one to sum.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures (the ``figures`` table's columns), a filtered frame if wished. Not modified.
    sources, organisations, indicators : pandas.DataFrame
        The tables that give each figure's publisher, address, report date, claimant name
        and hashtag (:func:`idlibstats.sources`, ...). Not modified.
    path : str or path-like, optional
        File to write. When omitted the CSV text is returned instead.
    overwrite : bool, default False
        Replace ``path`` if it exists (the CLI's ``--force``); otherwise refuse.

    Returns
    -------
    str or None
        The CSV text when ``path`` is None, else None.

        The columns, each with its hashtag on the second row (:data:`HXL_TAGS`):

        ================  ========================  ========================================
        column            hashtag                   content
        ================  ========================  ========================================
        figure_id         #meta+id                  the figure
        source_id         #meta+source+code         the report
        source_publisher  #meta+source+name         its publisher
        source_url        #meta+url                 its address, if known
        published         #date+published           the report's date
        indicator         #indicator+code           what is counted
        population        #group+code               who is counted
        hxl               #meta+hxl                 the standard hashtag for what it counts,
                                                    e.g. ``#affected+killed+children``
        measure           #meta+measure             period_total, cumulative, stock ...
        qualifier         #meta+qualifier           its wording (at_least ...)
        value_as_written  #meta+value_as_written    the wording verbatim
        value             #meta+value+num           the number as written
        low, best, high   #meta+low/best/high+num   derived bounds (high empty = open)
        rule              #meta+rule                the bounds rule applied
        period_start      #date+start               first day covered
        period_end        #date+end                 last day covered
        period_basis      #meta+period_basis        stated or inferred
        claimed_on        #date+reported            when the claimant gave it
        claimed_on_basis  #meta+reported_basis      stated, inferred or report_date
        country           #country+code             ``SYR``
        admin1_1 ...      #adm1+code                one governorate (ISO 3166-2) per cell;
                                                    all empty for a figure for all of Syria
        claimant          #org+code+claimant        who produced the number
        claimant_name     #org+name+claimant        its name
        relayed_by        #org+code+relay           the wire it came through
        claim_group       #meta+claim_group         competing claims share one
        part_of           #meta+part_of             the figure it breaks down
        excerpt           #description+excerpt      verbatim phrase of the report
        notes             #description+notes        curators' caveats
        ================  ========================  ========================================

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is false (the file is left untouched).
    ValueError
        If a column is missing, an indicator or population has no hashtag, or
        :func:`idlibstats.bounds` fails.
    """
    if path is not None:  # refused before the work: an existing file, a link, a device
        check_target(path, overwrite)
    b = figure_bounds(figures).reset_index(drop=True)
    src, orgs = _lookup(sources, organisations)
    inds = indicators
    b["source_id"] = b["source_id"].astype("string")
    b["claimant"] = b["claimant"].astype("string")
    src["source_id"] = src["source_id"].astype("string")
    orgs["claimant"] = orgs["claimant"].astype("string")
    merged = b.merge(src, on="source_id", how="left", validate="many_to_one")
    merged = merged.merge(orgs, on="claimant", how="left", validate="many_to_one")
    bases = _bases(inds)
    merged["hxl"] = pd.array(
        [_hashtag(str(i), str(p), bases)
         for i, p in zip(merged["indicator"], merged["population"], strict=True)],
        dtype="string")
    merged["country"] = pd.array([COUNTRY] * len(merged), dtype="string")
    missing = [c for c in HXL_TAGS if c not in merged.columns]
    if missing:
        raise ValueError(f"to_hxl needs the column(s) {missing}")
    out = pd.DataFrame(index=merged.index)
    for col in HXL_TAGS:
        s = merged[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[col] = s.dt.strftime("%Y-%m-%d").astype("string")
        elif pd.api.types.is_integer_dtype(s.dtype):
            out[col] = s.astype("Int64").astype("string")
        else:
            out[col] = neutralise_formulas(s)
    # one governorate per cell; a figure for all of Syria ('SY') has none
    codes = [[c for c in str(a).split(";") if c and c != "SY"] if pd.notna(a) else []
             for a in merged["admin1"]]
    width = max([1, *(len(c) for c in codes)])
    at = list(out.columns).index("country") + 1
    tags = list(HXL_TAGS.values())
    for k in range(width):
        col = f"admin1_{k + 1}"
        out.insert(at + k, col, neutralise_formulas(pd.Series(
            [c[k] if k < len(c) else pd.NA for c in codes], dtype="string", index=out.index)))
        tags.insert(at + k, _ADMIN1_TAG)
    text = write_csv(out, tags)
    if path is None:
        return text
    write_atomic(path, text, overwrite=overwrite)
    return None
