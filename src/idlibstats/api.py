"""The public functions of ``import idlibstats``: each computation with the package loaded for it.

The analysis (:mod:`idlibstats.analysis`) takes frames and returns frames, the exports
(:mod:`idlibstats.exports`) frames in, text out, and the charts (:mod:`idlibstats.charts`) a
:class:`~idlibstats.charts.data.ChartTables` bundle in, a figure out; none of them reads a
package. These are its names as ``idlibstats`` exports them, for the notebooks and the README:
given no frame, each loads the tables it needs from ``package`` (by default the package
:func:`idlibstats.locate_package` finds) with the checked loaders, then computes. Given a
frame (a filtered one, say), it computes on that frame alone.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

import pandas as pd

from idlibstats.analysis import bounds as _bounds
from idlibstats.analysis import claims as _claims
from idlibstats.analysis import monthly as _monthly
from idlibstats.analysis import rates as _rates
from idlibstats.datapackage import read
from idlibstats.datapackage.locate import PackageArg
from idlibstats.docstrings import loads_tables
from idlibstats.exports import hxl as _hxl
from idlibstats.exports import monthly_csv as _monthly_csv

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from idlibstats.charts.data import ChartTables

__all__ = ["bounds", "chart_tables", "monthly", "monthly_summary", "monthly_table",
           "period_bounds", "rates", "reconcile", "spans", "to_hxl", "to_monthly_csv"]

@loads_tables(_bounds.bounds, "figures")
def bounds(figures: pd.DataFrame | None = None, *, convention_band: float | None = None,
           package: PackageArg = None) -> pd.DataFrame:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    return _bounds.bounds(read.figures(package) if figures is None else figures,
                          convention_band=convention_band)


@loads_tables(_claims.reconcile, "figures", "corroborations")
def reconcile(figures: pd.DataFrame | None = None, *,
              corroborations: pd.DataFrame | None = None,
              package: PackageArg = None) -> pd.DataFrame:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    if figures is None:
        figures = read.figures(package)
    if corroborations is None:
        corroborations = read.corroborations(package)
    return _claims.reconcile(figures, corroborations=corroborations)


@loads_tables(_monthly.monthly, "figures", "populations")
def monthly(indicator: str | None = None, population: str = "all",
            figures: pd.DataFrame | None = None, *,
            populations: pd.DataFrame | None = None, national: bool = False,
            model: bool = False, movements: bool = False,
            package: PackageArg = None) -> pd.DataFrame:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    figures = read.figures(package) if figures is None else figures
    return _monthly.monthly(_indicator("monthly", indicator, figures), population, figures,
                            populations=_populations(populations, package),
                            national=national, model=model, movements=movements)


@loads_tables(_monthly.spans, "figures", "populations")
def spans(indicator: str | None = None, population: str = "all",
          figures: pd.DataFrame | None = None, *,
          populations: pd.DataFrame | None = None, national: bool = False,
          movements: bool = False, package: PackageArg = None) -> pd.DataFrame:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    figures = read.figures(package) if figures is None else figures
    return _monthly.spans(_indicator("spans", indicator, figures), population, figures,
                          populations=_populations(populations, package),
                          national=national, movements=movements)


@loads_tables(_rates.rates, "figures")
def rates(figures: pd.DataFrame | None = None, *, national: bool = False,
          package: PackageArg = None) -> pd.DataFrame:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    return _rates.rates(read.figures(package) if figures is None else figures,
                        national=national)


@loads_tables(_monthly.period_bounds, "figures", "populations")
def period_bounds(indicator: str, population: str, claimant: str,
                  start: str | dt.date | pd.Timestamp, end: str | dt.date | pd.Timestamp,
                  figures: pd.DataFrame | None = None, *,
                  populations: pd.DataFrame | None = None, national: bool = False,
                  movements: bool = False, package: PackageArg = None) -> pd.Series:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    return _monthly.period_bounds(indicator, population, claimant, start, end,
                                  read.figures(package) if figures is None else figures,
                                  populations=_populations(populations, package),
                                  national=national, movements=movements)


@loads_tables(_monthly.monthly_summary, "figures", "populations")
def monthly_summary(indicator: str | None = None, population: str = "all",
                    figures: pd.DataFrame | None = None, *,
                    populations: pd.DataFrame | None = None, national: bool = False,
                    movements: bool = False, package: PackageArg = None) -> pd.DataFrame:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    figures = read.figures(package) if figures is None else figures
    return _monthly.monthly_summary(_indicator("monthly_summary", indicator, figures),
                                    population, figures,
                                    populations=_populations(populations, package),
                                    national=national, movements=movements)


@loads_tables(_monthly_csv.monthly_table, "figures", "populations")
def monthly_table(figures: pd.DataFrame | None = None, *,
                  populations: pd.DataFrame | None = None, national: bool = False,
                  package: PackageArg = None) -> pd.DataFrame:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    return _monthly_csv.monthly_table(read.figures(package) if figures is None else figures,
                                      populations=_populations(populations, package),
                                      national=national)


@loads_tables(_monthly_csv.to_monthly_csv, "figures", "indicators", "populations")
def to_monthly_csv(figures: pd.DataFrame | None = None,
                   path: str | os.PathLike[str] | None = None, *, hxl: bool = False,
                   populations: pd.DataFrame | None = None, national: bool = False,
                   overwrite: bool = False, package: PackageArg = None) -> str | None:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    _frames_then_path("to_monthly_csv", figures, path)
    if figures is None:
        figures = read.figures(package)
    return _monthly_csv.to_monthly_csv(figures, read.indicators(package), path,
                                       populations=_populations(populations, package),
                                       hxl=hxl, national=national, overwrite=overwrite)


def _frames_then_path(function: str, figures: object, path: object) -> None:
    """Refuse the exports' arguments in another order than (figures, path), saying why.

    ``to_monthly_csv`` once took the path first; every export now takes the frame first, as
    the other functions of ``idlibstats`` do and as ``DataFrame.to_csv(path)`` puts the data
    before the file.
    """
    if isinstance(figures, str | os.PathLike):
        raise TypeError(
            f"{function}() takes the figures first, then the path: "
            f"{function}(path={os.fspath(figures)!r}) for the package's figures, or "
            f"{function}(figures, {os.fspath(figures)!r}) for a frame of them")
    if isinstance(path, pd.DataFrame):
        raise TypeError(f"{function}() takes the figures first, then the path: "
                        f"{function}(figures, path)")


def _indicator(function: str, indicator: str | None, figures: pd.DataFrame) -> str:
    """Return ``indicator``; without one, say which the figures have (a ValueError)."""
    if isinstance(indicator, pd.DataFrame):  # monthly(figures): an easy slip, said plainly
        raise TypeError(f"{function}() takes the indicator first, then the figures: "
                        f"idlibstats.{function}('killed', figures)")
    if indicator is not None:
        return indicator
    have = sorted(str(x) for x in figures["indicator"].dropna().unique())
    example = f" (idlibstats.{function}({have[0]!r}))" if have else ""
    raise ValueError(
        f"{function}() needs an indicator, one of the figures': {', '.join(map(repr, have))}"
        f"{example}; idlibstats.monthly_table() gives the months of every indicator at once")


def _populations(populations: pd.DataFrame | None, package: PackageArg) -> pd.DataFrame:
    return read.populations(package) if populations is None else populations


@loads_tables(_hxl.to_hxl, "figures", "sources", "organisations", "indicators")
def to_hxl(figures: pd.DataFrame | None = None, path: str | os.PathLike[str] | None = None,
           *, overwrite: bool = False, package: PackageArg = None) -> str | None:
    """Load the tables, then call the wrapped function (whose docstring this one becomes)."""
    _frames_then_path("to_hxl", figures, path)
    if figures is None:
        figures = read.figures(package)
    return _hxl.to_hxl(figures, read.sources(package), read.organisations(package),
                       read.indicators(package), path, overwrite=overwrite)


def chart_tables(package: PackageArg = None) -> ChartTables:
    """Load the tables the charts draw from, as one bundle.

    Parameters
    ----------
    package : str or path-like, optional
        Where the package is; when omitted, :func:`idlibstats.locate_package` decides.

    Returns
    -------
    idlibstats.charts.data.ChartTables
        The package's figures, sources, organisations, corroborations, indicators,
        claimant styles and populations, checked by the loaders. ``.with_figures(frame)``
        gives the same bundle with filtered figures, to chart them alone.
    """
    from idlibstats.charts.data import ChartTables

    return ChartTables(
        figures=read.figures(package),
        sources=read.sources(package),
        organisations=read.organisations(package),
        styles=read.claimant_styles(package),
        corroborations=read.corroborations(package),
        indicators=read.indicators(package),
        populations=read.populations(package),
    )
