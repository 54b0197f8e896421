"""HXL-tagged CSV export of the figures, for HDX.

The export is a CSV (UTF-8, LF, header row) whose second row holds one HXL hashtag per
column, so HDX and the HXL tools (``libhxl``, HXL Proxy) can read it. Each row is one figure
as reported, with its report's publisher and address and the bounds the library derives
(:func:`idlibstats.bounds`).

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
from pathlib import Path

import pandas as pd

from idlibstats.atomic import write_atomic
from idlibstats.bounds import bounds as figure_bounds

__all__ = ["HXL_TAGS", "neutralise_formulas", "to_hxl"]

#: Export column -> HXL hashtag, in the export's column order.
HXL_TAGS: dict[str, str] = {
    "figure_id": "#meta+id",
    "source_id": "#meta+source+code",
    "source_publisher": "#meta+source+name",
    "source_url": "#meta+url",
    "indicator": "#indicator+code",
    "population": "#group+code",
    "value": "#indicator+value+num",
    "qualifier": "#indicator+qualifier+code",
    "value_as_written": "#meta+value_as_written",
    "low": "#indicator+value+min+num",
    "best": "#indicator+value+best+num",
    "high": "#indicator+value+max+num",
    "period_start": "#date+start",
    "period_end": "#date+end",
    "period_basis": "#meta+period_basis",
    "admin1": "#adm1+code",
    "claimant": "#org+code+claimant",
    "claimant_name": "#org+name+claimant",
    "relayed_by": "#org+code+relay",
    "claim_group": "#meta+claim_group",
    "part_of": "#meta+part_of",
    "excerpt": "#description+excerpt",
    "notes": "#description+notes",
}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    risky = text.str.startswith(_FORMULA_START).fillna(False).astype(bool)
    return text.mask(risky, "'" + text)


def _lookup(package: str | os.PathLike[str] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    from idlibstats.load import organisations, sources

    src = sources(package)[["source_id", "publisher", "url"]].rename(
        columns={"publisher": "source_publisher", "url": "source_url"}
    )
    orgs = organisations(package)[["organisation_id", "name"]].rename(
        columns={"organisation_id": "claimant", "name": "claimant_name"}
    )
    return src, orgs


def to_hxl(
    figures: pd.DataFrame | None = None,
    path: str | os.PathLike[str] | None = None,
    *,
    overwrite: bool = False,
    package: str | os.PathLike[str] | None = None,
) -> str | None:
    """Return, or write atomically, the figures as CSV with an HXL hashtag row.

    Parameters
    ----------
    figures : pandas.DataFrame, optional
        Figures (the ``figures`` table's columns); by default :func:`idlibstats.figures`
        of ``package``. Not modified.
    path : str or path-like, optional
        File to write. When omitted the CSV text is returned instead.
    overwrite : bool, default False
        Replace ``path`` if it exists (the CLI's ``--force``); otherwise refuse.
    package : str or path-like, optional
        The package whose ``sources`` and ``organisations`` give each figure's publisher,
        address and claimant name (default: the package :func:`idlibstats.figures` reads).

    Returns
    -------
    str or None
        The CSV text when ``path`` is None, else None.

        The columns, each with its hashtag on the second row (:data:`HXL_TAGS`):

        ================  ============================  ==================================
        column            hashtag                       content
        ================  ============================  ==================================
        figure_id         #meta+id                      the figure
        source_id         #meta+source+code             the report
        source_publisher  #meta+source+name             its publisher
        source_url        #meta+url                     its address, if known
        indicator         #indicator+code               what is counted
        population        #group+code                   who is counted
        value             #indicator+value+num          the number as written
        qualifier         #indicator+qualifier+code     its wording (at_least ...)
        value_as_written  #meta+value_as_written        the wording verbatim
        low, best, high   #indicator+value+min/best/    derived bounds (high empty = open)
                          max+num
        period_start      #date+start                   first day covered
        period_end        #date+end                     last day covered
        period_basis      #meta+period_basis            stated or inferred
        admin1            #adm1+code                    ISO 3166-2 codes, ';'-separated
        claimant          #org+code+claimant            who produced the number
        claimant_name     #org+name+claimant            its name
        relayed_by        #org+code+relay               the wire it came through
        claim_group       #meta+claim_group             competing claims share one
        part_of           #meta+part_of                 the figure it breaks down
        excerpt           #description+excerpt          verbatim phrase of the report
        notes             #description+notes            curators' caveats
        ================  ============================  ==================================

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is false (the file is left untouched).
    ValueError
        If a column is missing or :func:`idlibstats.bounds` fails.
    """
    if figures is None:
        from idlibstats.load import figures as load_figures

        figures = load_figures(package)
    if path is not None and not overwrite and Path(path).exists():
        raise FileExistsError(f"{path} exists; pass overwrite=True (--force) to replace it")
    b = figure_bounds(figures).reset_index(drop=True)
    src, orgs = _lookup(package)
    b["source_id"] = b["source_id"].astype("string")
    b["claimant"] = b["claimant"].astype("string")
    src["source_id"] = src["source_id"].astype("string")
    orgs["claimant"] = orgs["claimant"].astype("string")
    merged = b.merge(src, on="source_id", how="left", validate="many_to_one")
    merged = merged.merge(orgs, on="claimant", how="left", validate="many_to_one")
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
    # The csv writer quotes cells holding "\n" but not a lone "\r" (not in the line
    # terminator); quote every cell then, so a carriage return never splits a row.
    has_cr = any(out[c].str.contains("\r", regex=False).any() for c in out.columns
                 if out[c].dtype == "string")
    quoting = csv.QUOTE_ALL if has_cr else csv.QUOTE_MINIMAL
    buf = io.StringIO()
    tags = pd.DataFrame([HXL_TAGS], columns=list(HXL_TAGS))
    tags.to_csv(buf, index=False, lineterminator="\n", quoting=quoting)
    out.to_csv(buf, index=False, header=False, lineterminator="\n", na_rep="", quoting=quoting)
    text = buf.getvalue()
    if path is None:
        return text
    write_atomic(path, text, overwrite=overwrite)
    return None
