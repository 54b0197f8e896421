"""What the charts read: the package's tables, loaded once per chart, and their bounds."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from idlibstats.analysis.bounds import bounds as _library_bounds
from idlibstats.datapackage.read import figures as load_figures
from idlibstats.datapackage.read import organisations as load_organisations
from idlibstats.datapackage.read import sources as load_sources

PathArg = str | os.PathLike[str] | None

#: The claim group of the offensive's first days in the package: Civil Defence, UOSSM and
#: SOHR compete. The chart does not rely on it: it draws the most contested group it finds.
FIRST_DAYS_GROUP = "killed-2019-04-30-to-05-04"


@dataclass(frozen=True)
class ChartTables:
    """The tables a chart draws from, as :func:`load_tables` loads them.

    Attributes
    ----------
    figures : pandas.DataFrame
        The package's figures (:func:`idlibstats.figures`).
    sources : pandas.DataFrame
        The reports they come from (:func:`idlibstats.sources`).
    organisations : pandas.DataFrame
        The claimants (:func:`idlibstats.organisations`).
    short : dict of str to str
        Each claimant's short name for labels and legends, by ``organisation_id``.
    names : dict of str to str
        Each claimant's full name (``organisations.name``), by ``organisation_id``.
    """

    figures: pd.DataFrame
    sources: pd.DataFrame
    organisations: pd.DataFrame
    short: dict[str, str]
    names: dict[str, str]


def load_tables(package: PathArg = None) -> ChartTables:
    """Load the figures, sources and organisations a chart draws from.

    Parameters
    ----------
    package : str or path-like, optional
        Where the package is; when omitted, :func:`idlibstats.locate_package` decides.

    Returns
    -------
    ChartTables
        The three tables, and the claimants' short and full names.
    """
    figs = load_figures(package)
    srcs = load_sources(package)
    orgs = load_organisations(package)
    return ChartTables(figs, srcs, orgs, short=short_names(orgs), names=full_names(orgs))


def full_names(orgs: pd.DataFrame) -> dict[str, str]:
    """Return each organisation's full name by ``organisation_id``."""
    return dict(zip(orgs["organisation_id"], orgs["name"], strict=True))


def short_names(orgs: pd.DataFrame) -> dict[str, str]:
    """Return each organisation's short name (``organisations.short_name``) by its id."""
    return dict(zip(orgs["organisation_id"], orgs["short_name"], strict=True))


def with_bounds(figs: pd.DataFrame) -> pd.DataFrame:
    """Figures with the library's ``low`` / ``best`` / ``high`` (high <NA> = open)."""
    out = _library_bounds(figs)
    return out.reset_index(drop=True)


def is_open(row: pd.Series) -> bool:
    """Tell whether a figure's range is open above (a lower bound: no ``high``)."""
    return bool(pd.isna(row["high"]))
