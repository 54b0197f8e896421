"""Load the package's tables into typed pandas DataFrames, refusing data that does not fit.

Every loader reads the CSV with Arrow (every cell as text; only the schema's
``missingValues`` are missing, so ``NA`` stays text) and checks and types it with the
validation engine (:mod:`idlibstats.datapackage.validation`) and the checks of
:data:`idlibstats.datapackage.registry.CHECKS`: bytes and hash, header, row shapes, types,
constraints, keys, foreign keys (the referenced tables' key columns only), the row rules of
``checks/<resource>.json`` and the package's own rules. Dtypes come from
:mod:`idlibstats.datapackage.schema`; so do the column tables of the loaders' docstrings,
built from the descriptor's field descriptions when this module is imported. The first
problem is raised as a :class:`~idlibstats.datapackage.errors.DataPackageError` with its code,
naming file, row and field; nothing is ever written.
"""

from __future__ import annotations

import json

import pandas as pd

from idlibstats.datapackage.frame import to_frame
from idlibstats.datapackage.locate import DESCRIPTOR, PackageArg, library_package, open_package
from idlibstats.datapackage.registry import CHECKS
from idlibstats.datapackage.schema import columns_doc
from idlibstats.datapackage.validation import Report, RunState, check_table

__all__ = [
    "claimant_styles",
    "corroborations",
    "deaths",
    "displacement",
    "figures",
    "indicators",
    "injuries",
    "list_tables",
    "load_table",
    "organisations",
    "populations",
    "sources",
    "strikes",
    "wire_credits",
]

def load_table(name: str, package: PackageArg = None) -> pd.DataFrame:
    """Load one table of the package as a typed DataFrame.

    Parameters
    ----------
    name : str
        The resource name (see :func:`list_tables`).
    package : str or path-like, optional
        Another package to read (its directory or ``datapackage.json``); by default the
        package found by :func:`idlibstats.datapackage.locate.locate_package`.

    Returns
    -------
    pandas.DataFrame
        One column per schema field, dtypes from the Table Schema.

    Raises
    ------
    DataPackageError
        If the table does not fit its schema; the message names file, row and field.
    """
    table = check_table(RunState(open_package(package)), name, Report(stop_at_first=True),
                        CHECKS)
    assert table is not None  # stopping at the first error: a table not read has raised
    return to_frame(table.schema, table.typed, table.n)


def list_tables(package: PackageArg = None) -> list[str]:
    """Return the names of the package's tables, in descriptor order.

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    list of str
        ``sources``, ``wire_credits``, ``organisations``, ``indicators``, ``populations``,
        ``figures``, ``corroborations``, ``claimant_styles`` for the bundled package; each has
        a loader of the same name.
    """
    return list(open_package(package).resources)


def sources(package: PackageArg = None) -> pd.DataFrame:
    """Load ``sources``: one row per news report.

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        {columns}

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("sources", package)


def wire_credits(package: PackageArg = None) -> pd.DataFrame:
    """Load ``wire_credits``: the wire agencies each report credits.

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        {columns}

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("wire_credits", package)


def organisations(package: PackageArg = None) -> pd.DataFrame:
    """Load ``organisations``: claimants and relaying agencies.

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        {columns}

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("organisations", package)


def claimant_styles(package: PackageArg = None) -> pd.DataFrame:
    """Load ``claimant_styles``: how the charts draw each claimant (colour, pattern, marker).

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        {columns}

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("claimant_styles", package)


def indicators(package: PackageArg = None) -> pd.DataFrame:
    """Load ``indicators``: what a figure can count.

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        {columns}

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("indicators", package)


def populations(package: PackageArg = None) -> pd.DataFrame:
    """Load ``populations``: who a figure can count, and how the populations relate.

    The month bounds (:func:`idlibstats.monthly`) read the relations and assume no other.

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        {columns}

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("populations", package)


def figures(package: PackageArg = None) -> pd.DataFrame:
    """Load ``figures``: one row per number a report gives.

    Checks everything the descriptor says, including the foreign keys to ``sources``,
    ``indicators`` and ``organisations`` (their key columns only), the row rules of
    ``checks/figures.json`` and the package's own rules (:mod:`idlibstats.datapackage.rules`:
    ``claimed_on`` against the report's date, an inferred claimant has a corroboration, the
    number as written says the value).

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        {columns}

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("figures", package)


def corroborations(package: PackageArg = None) -> pd.DataFrame:
    """Load ``corroborations``: other outlets' confirmations and caveats.

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        {columns}

    Raises
    ------
    DataPackageError
        If the table does not fit its schema (see :func:`load_table`).
    """
    return load_table("corroborations", package)


def _document(name: str) -> None:
    """Put the column table of resource ``name`` in its loader's doc.

    From the descriptor that comes with the library, whatever folder ``import idlibstats``
    runs in (never ``$IDLIBSTATS_PACKAGE`` nor the current folder: ``import idlibstats`` reads
    no user's package, so a broken one cannot break the import), read as plain JSON; anything
    unexpected leaves a plain sentence.
    """
    loader = globals()[name]
    try:
        root = library_package()[0]
        descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
        schema = next(r for r in descriptor["resources"] if r["name"] == name)["schema"]
        table = ("        The columns, from the schema in ``datapackage.json``:\n\n"
                 + columns_doc(schema))
    except Exception:  # documentation only: the import must not fail
        table = "        One column per field of the resource's Table Schema."
    loader.__doc__ = (loader.__doc__ or "").replace("        {columns}", table)


for _name in ("sources", "wire_credits", "organisations", "indicators", "populations",
              "figures", "corroborations", "claimant_styles"):
    _document(_name)


def _by_indicator(package: PackageArg, wanted: set[str]) -> pd.DataFrame:
    figs = figures(package)
    return figs[figs["indicator"].isin(wanted)].reset_index(drop=True)


def deaths(package: PackageArg = None) -> pd.DataFrame:
    """Figures of people killed (indicator ``killed``).

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`figures` whose indicator is ``killed``; same columns and dtypes,
        index reset.
    """
    return _by_indicator(package, {"killed"})


def injuries(package: PackageArg = None) -> pd.DataFrame:
    """Figures of people injured (indicator ``injured``).

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`figures` whose indicator is ``injured``; same columns and
        dtypes, index reset.
    """
    return _by_indicator(package, {"injured"})


def displacement(package: PackageArg = None) -> pd.DataFrame:
    """Figures of people displaced (indicators of topic ``displacement``).

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`figures` whose indicator has topic ``displacement`` in
        :func:`indicators`; same columns and dtypes, index reset.
    """
    inds = indicators(package)
    return _by_indicator(package, set(inds.loc[inds["topic"] == "displacement", "indicator"]))


def strikes(package: PackageArg = None) -> pd.DataFrame:
    """Figures of strikes and attacks (indicators of topic ``strikes``).

    Parameters
    ----------
    package : str or path-like, optional
        Another package (its directory or ``datapackage.json``).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`figures` whose indicator has topic ``strikes`` in
        :func:`indicators`; same columns and dtypes, index reset.
    """
    inds = indicators(package)
    return _by_indicator(package, set(inds.loc[inds["topic"] == "strikes", "indicator"]))
