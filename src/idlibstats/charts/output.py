"""Writing the charts as the README's PNGs (the command line: :mod:`idlibstats.charts.__main__`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure

from idlibstats.charts.coverage import coverage_timeline
from idlibstats.charts.cumulative import cumulative_tolls
from idlibstats.charts.data import ChartTables
from idlibstats.charts.displacement import displacement_points
from idlibstats.charts.first_days import first_days_claims
from idlibstats.charts.known import known_by_month
from idlibstats.charts.strikes import strikes_chart
from idlibstats.charts.style import DPI

#: File name (without .png) and function of each chart, in README order.
CHARTS: dict[str, Callable[[ChartTables], Figure]] = {
    "coverage_timeline": coverage_timeline,
    "known_by_month": known_by_month,
    "cumulative_tolls": cumulative_tolls,
    "first_days_claims": first_days_claims,
    "displacement_points": displacement_points,
    "strikes": strikes_chart,
}


def save_charts(outdir: str | os.PathLike[str], tables: ChartTables) -> list[Path]:
    """Draw every chart and write it as ``outdir/NAME.png`` (150 dpi, no timestamps).

    Parameters
    ----------
    outdir : str or path-like
        Directory to write to; created if missing.
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`).

    Returns
    -------
    list of pathlib.Path
        The files written, in :data:`CHARTS` order.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in CHARTS.items():
        fig = draw(tables)
        target = out / f"{name}.png"
        fig.savefig(target, dpi=DPI, bbox_inches="tight", pad_inches=0.15,
                    facecolor="white", metadata={"Software": None})
        written.append(target)
    return written
