"""Figures by calendar month: whole months kept, other spans apportioned by days.  [stub: issue 3]"""

from __future__ import annotations

import pandas as pd

__all__ = ["monthly"]


def monthly(
    indicator: str,
    population: str = "all",
    figures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per (figure, calendar month) it covers, with share and method; never summed."""
    raise NotImplementedError
