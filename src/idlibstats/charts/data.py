"""What the charts draw from: a bundle of the package's frames, and the figures' bounds.

The charts never read the package: :func:`idlibstats.chart_tables` loads the bundle (with
the checked loaders) and every chart takes it as its first argument, so a notebook can chart
a filtered frame with ``tables.with_figures(frame)``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from idlibstats.analysis.bounds import bounds as _library_bounds
from idlibstats.charts.style import ClaimantStyles


@dataclass(frozen=True)
class ChartTables:
    """The frames a chart draws from, as :func:`idlibstats.chart_tables` loads them.

    Attributes
    ----------
    figures : pandas.DataFrame
        The figures to draw (:func:`idlibstats.figures`, or a filtered frame of it).
    sources : pandas.DataFrame
        The reports they come from (:func:`idlibstats.sources`).
    organisations : pandas.DataFrame
        The claimants (:func:`idlibstats.organisations`).
    styles : pandas.DataFrame
        How each claimant is drawn (:func:`idlibstats.claimant_styles`); a claimant
        without a row is drawn in neutral grey, with circles.
    corroborations : pandas.DataFrame
        Which figures corroborate which (:func:`idlibstats.corroborations`).
    indicators : pandas.DataFrame
        What each indicator counts (:func:`idlibstats.indicators`).
    populations : pandas.DataFrame, optional
        How the populations relate (:func:`idlibstats.populations`), which the month
        bounds read; the chart of what is known per month needs it.
    """

    figures: pd.DataFrame
    sources: pd.DataFrame
    organisations: pd.DataFrame
    styles: pd.DataFrame
    corroborations: pd.DataFrame
    indicators: pd.DataFrame
    populations: pd.DataFrame | None = None

    @property
    def palette(self) -> ClaimantStyles:
        """The claimants' colours, patterns and markers, from :attr:`styles`."""
        return ClaimantStyles.from_frame(self.styles)

    @property
    def short(self) -> dict[str, str]:
        """Each claimant's short name for labels and legends, by ``organisation_id``."""
        return short_names(self.organisations)

    @property
    def names(self) -> dict[str, str]:
        """Each claimant's full name (``organisations.name``), by ``organisation_id``."""
        return full_names(self.organisations)

    def with_figures(self, figures: pd.DataFrame) -> ChartTables:
        """Return the same bundle with ``figures`` in place of its figures.

        Parameters
        ----------
        figures : pandas.DataFrame
            Rows of :attr:`figures` (e.g. one claimant's), with the same columns.

        Returns
        -------
        ChartTables
            A new bundle; this one is not changed.

        Raises
        ------
        ValueError
            If ``figures`` lacks a column of :attr:`figures`.
        """
        missing = [c for c in self.figures.columns if c not in figures.columns]
        if missing:
            raise ValueError(f"with_figures: the frame lacks the figures column(s) {missing}")
        return dataclasses.replace(self, figures=figures)


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
