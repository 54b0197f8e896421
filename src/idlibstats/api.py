"""The public functions of ``import idlibstats``: each computation with the package loaded for it.

The analysis (:mod:`idlibstats.analysis`) takes frames and returns frames; it never reads a
package. These are its names as ``idlibstats`` exports them, for the notebooks and the README:
given no frame, each loads the tables it needs from ``package`` (by default the package
:func:`idlibstats.locate_package` finds) with the checked loaders, then computes. Given a
frame (a filtered one, say), it computes on that frame alone.
"""

from __future__ import annotations

import os

import pandas as pd

from idlibstats.analysis import bounds as _bounds
from idlibstats.analysis import claims as _claims
from idlibstats.analysis import monthly as _monthly
from idlibstats.datapackage import read

__all__ = ["bounds", "monthly", "monthly_summary", "reconcile", "spans"]

PackageArg = str | os.PathLike[str] | None


def bounds(figures: pd.DataFrame | None = None, *, band: float = 0.1,
           package: PackageArg = None) -> pd.DataFrame:
    """Return low / best / high for each figure: :func:`idlibstats.analysis.bounds.bounds`.

    ``figures`` defaults to :func:`idlibstats.figures` of ``package``.
    """
    return _bounds.bounds(read.figures(package) if figures is None else figures, band=band)


def reconcile(figures: pd.DataFrame | None = None, *, band: float = 0.1,
              corroborations: pd.DataFrame | None = None,
              package: PackageArg = None) -> pd.DataFrame:
    """Return each claim group as one range: :func:`idlibstats.analysis.claims.reconcile`.

    ``figures`` and ``corroborations`` default to the tables of ``package``.
    """
    if figures is None:
        figures = read.figures(package)
    if corroborations is None:
        corroborations = read.corroborations(package)
    return _claims.reconcile(figures, band=band, corroborations=corroborations)


def monthly(indicator: str, population: str = "all", figures: pd.DataFrame | None = None, *,
            national: bool = False, model: bool = False, movements: bool = False,
            band: float = 0.1, package: PackageArg = None) -> pd.DataFrame:
    """Return what the figures imply per calendar month: :func:`.analysis.monthly.monthly`.

    ``figures`` defaults to :func:`idlibstats.figures` of ``package``.
    """
    return _monthly.monthly(indicator, population,
                            read.figures(package) if figures is None else figures,
                            national=national, model=model, movements=movements, band=band)


def spans(indicator: str, population: str = "all", figures: pd.DataFrame | None = None, *,
          national: bool = False, movements: bool = False, band: float = 0.1,
          package: PackageArg = None) -> pd.DataFrame:
    """Return the figures whose bounds hold only for a span: :func:`.analysis.monthly.spans`.

    ``figures`` defaults to :func:`idlibstats.figures` of ``package``.
    """
    return _monthly.spans(indicator, population,
                          read.figures(package) if figures is None else figures,
                          national=national, movements=movements, band=band)


def monthly_summary(indicator: str, population: str = "all",
                    figures: pd.DataFrame | None = None, *, national: bool = False,
                    movements: bool = False, band: float = 0.1,
                    package: PackageArg = None) -> pd.DataFrame:
    """Return one row per month: :func:`idlibstats.analysis.monthly.monthly_summary`.

    ``figures`` defaults to :func:`idlibstats.figures` of ``package``.
    """
    return _monthly.monthly_summary(indicator, population,
                                    read.figures(package) if figures is None else figures,
                                    national=national, movements=movements, band=band)
