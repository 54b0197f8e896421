"""Load the package's tables into typed pandas DataFrames, refusing data that does not fit.

Every loader reads the CSV with pandas (every cell as text, only the schema's
``missingValues`` are missing, so ``NA`` stays text), then checks and types it in
:mod:`idlibstats.table`: bytes and hash, header, row shapes, types, constraints, keys,
foreign keys (the referenced tables' key columns only) and the row rules of
``checks/<resource>.json``. Dtypes come from :mod:`idlibstats.schema`. The first problem is
raised as a :class:`~idlibstats.errors.DataPackageError` naming file, row and field; nothing
is ever written.
"""

from __future__ import annotations

import os

import pandas as pd

from idlibstats.package import open_package
from idlibstats.validation import Report, check_table

__all__ = [
    "corroborations",
    "deaths",
    "displacement",
    "figures",
    "indicators",
    "injuries",
    "list_tables",
    "load_table",
    "organisations",
    "sources",
    "strikes",
    "wire_credits",
]

PathArg = str | os.PathLike[str] | None


def load_table(name: str, path: PathArg = None) -> pd.DataFrame:
    """Load one table of the package as a typed DataFrame.

    Parameters
    ----------
    name : str
        The resource name (see :func:`list_tables`).
    path : str or path-like, optional
        Another package to read (its directory or ``datapackage.json``); by default the
        package found by :func:`idlibstats.package.locate_package`.

    Returns
    -------
    pandas.DataFrame
        One column per schema field, dtypes from the Table Schema.

    Raises
    ------
    DataPackageError
        If the table does not fit its schema; the message names file, row and field.
    """
    frame = check_table(open_package(path), name, Report("first"))
    assert frame is not None  # first-error mode: a table that cannot be read has raised
    return frame


def list_tables(path: PathArg = None) -> list[str]:
    """Return the names of the package's tables, in descriptor order.

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    list of str
        ``sources``, ``wire_credits``, ``organisations``, ``indicators``, ``figures``,
        ``corroborations`` for the bundled package; each has a loader of the same name.
    """
    return list(open_package(path).resources)


def sources(path: PathArg = None) -> pd.DataFrame:
    """Load ``sources``: one row per news report.

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        ===============  ==============  ================================================
        column           dtype           meaning
        ===============  ==============  ================================================
        source_id        string          id of the report (publisher slug and date)
        publisher        string          outlet that published it
        publisher_basis  category        stated | inferred
        headline         string          headline exactly as in the report
        published        datetime64[us]  date of publication
        published_basis  category        stated | inferred
        url              string          address of the report, where known
        text_sha256      string          SHA-256 of the normalised report text
        notes            string          curators' notes
        ===============  ==============  ================================================

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("sources", path)


def wire_credits(path: PathArg = None) -> pd.DataFrame:
    """Load ``wire_credits``: the wire agencies each report credits.

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        =================  ========  ===========================================
        column             dtype     meaning
        =================  ========  ===========================================
        source_id          string    the report (-> sources)
        organisation_id    string    the agency credited (-> organisations)
        role               category  text | photos
        credit_as_written  string    the credit as the report words it
        =================  ========  ===========================================

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("wire_credits", path)


def organisations(path: PathArg = None) -> pd.DataFrame:
    """Load ``organisations``: claimants and relaying agencies.

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        ===============  ========  =================================================
        column           dtype     meaning
        ===============  ========  =================================================
        organisation_id  string    id of the organisation
        name             string    its name
        type             category  un_agency | monitor | rescue_service | ... (enum)
        notes            string    curators' notes
        ===============  ========  =================================================

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("organisations", path)


def indicators(path: PathArg = None) -> pd.DataFrame:
    """Load ``indicators``: what a figure can count.

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        ===========  ========  ========================================================
        column       dtype     meaning
        ===========  ========  ========================================================
        indicator    string    id of the indicator (killed, injured, displaced, ...)
        topic        category  casualties | displacement | strikes | context
        unit         category  people | strikes | facilities | villages | towns
        description  string    what it counts
        hxl          string    HXL hashtag for its values
        ===========  ========  ========================================================

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("indicators", path)


def figures(path: PathArg = None) -> pd.DataFrame:
    """Load ``figures``: one row per number a report gives.

    Checks everything the descriptor says, including the foreign keys to ``sources``,
    ``indicators`` and ``organisations`` (their key columns only), the row rules of
    ``checks/figures.json`` and the rules across tables of :mod:`idlibstats.crosschecks`
    (``claimed_on`` against the report's date; an inferred claimant has a corroboration).

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        ======================  ==============  ============================================
        column                  dtype           meaning
        ======================  ==============  ============================================
        figure_id               string          id of the figure (source_id and a number)
        source_id               string          the report (-> sources)
        indicator               string          what is counted (-> indicators)
        population              category        who is counted (all, civilians, ...)
        value                   Int64           the number as reported (>= 0)
        qualifier               category        exact | at_least | more_than | almost | about |
                                                up_to
        value_as_written        string          the number and its wording as written
        period_start            datetime64[us]  first day covered (inclusive)
        period_end              datetime64[us]  last day covered (inclusive, >= start)
        period_as_written       string          the period as worded, if it is
        period_basis            category        stated | inferred
        measure                 category        period_total | cumulative | stock | movements
        claimed_on              datetime64[us]  when the claimant first gave it (or the report's
                                                date); period_end <= claimed_on
        claimed_on_basis        category        stated | inferred | report_date
        place_as_written        string          the place as worded, if it is
        admin1                  string          ISO 3166-2 governorate codes, ';'-separated
        admin1_basis            category        stated | inferred | default
        claimant                string          who produced it (-> organisations)
        claimant_basis          category        stated | inferred | none
        relayed_by              string          wire it came through (may be NA)
        perpetrator             category        syrian_government | russia | ... | unknown |
                                                not_applicable (enum)
        perpetrator_as_written  string          the report's words naming the perpetrator
                                                (may be NA)
        claim_group             string          figures estimating the same quantity
        part_of                 string          the total it breaks down (-> figures, or NA)
        excerpt                 string          the verbatim phrase holding the number
        notes                   string          curators' caveats
        ======================  ==============  ============================================

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("figures", path)


def corroborations(path: PathArg = None) -> pd.DataFrame:
    """Load ``corroborations``: other outlets' confirmations and caveats.

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        ================  ==============  ==============================================
        column            dtype           meaning
        ================  ==============  ==============================================
        corroboration_id  string          id (c01, c02, ...)
        figure_id         string          the figure concerned (-> figures)
        relation          category        same_figure | original_release |
                                          earlier_figure | contradicts | scope_differs
        outlet            string          where it was found
        url               string          its address, where known (may be NA)
        published         datetime64[us]  date of that publication, where known
        note              string          what it says about the figure
        ================  ==============  ==============================================

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("corroborations", path)


def _by_indicator(path: PathArg, wanted: set[str]) -> pd.DataFrame:
    figs = figures(path)
    return figs[figs["indicator"].isin(wanted)].reset_index(drop=True)


def deaths(path: PathArg = None) -> pd.DataFrame:
    """Figures of people killed (indicator ``killed``).

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`figures` whose indicator is ``killed``; same columns and dtypes,
        index reset.
    """
    return _by_indicator(path, {"killed"})


def injuries(path: PathArg = None) -> pd.DataFrame:
    """Figures of people injured (indicator ``injured``).

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`figures` whose indicator is ``injured``; same columns and
        dtypes, index reset.
    """
    return _by_indicator(path, {"injured"})


def displacement(path: PathArg = None) -> pd.DataFrame:
    """Figures of people displaced (indicators of topic ``displacement``).

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`figures` whose indicator has topic ``displacement`` in
        :func:`indicators`; same columns and dtypes, index reset.
    """
    inds = indicators(path)
    return _by_indicator(path, set(inds.loc[inds["topic"] == "displacement", "indicator"]))


def strikes(path: PathArg = None) -> pd.DataFrame:
    """Figures of strikes and attacks (indicators of topic ``strikes``).

    Parameters
    ----------
    path : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`figures` whose indicator has topic ``strikes`` in
        :func:`indicators`; same columns and dtypes, index reset.
    """
    inds = indicators(path)
    return _by_indicator(path, set(inds.loc[inds["topic"] == "strikes", "indicator"]))
