"""Writing the charts as the README's PNGs, and the command line that does it."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from idlibstats.charts.coverage import coverage_timeline
from idlibstats.charts.cumulative import cumulative_tolls
from idlibstats.charts.data import PathArg
from idlibstats.charts.displacement import displacement_points
from idlibstats.charts.first_days import first_days_claims
from idlibstats.charts.known import known_by_month
from idlibstats.charts.strikes import strikes_chart
from idlibstats.charts.style import DPI

#: File name (without .png) and function of each chart, in README order.
CHARTS: dict[str, Callable[[PathArg], Figure]] = {
    "coverage_timeline": coverage_timeline,
    "known_by_month": known_by_month,
    "cumulative_tolls": cumulative_tolls,
    "first_days_claims": first_days_claims,
    "displacement_points": displacement_points,
    "strikes": strikes_chart,
}


def save_charts(outdir: str | os.PathLike[str], package: PathArg = None) -> list[Path]:
    """Draw every chart and write it as ``outdir/NAME.png`` (150 dpi, no timestamps).

    Parameters
    ----------
    outdir : str or path-like
        Directory to write to; created if missing.
    package : str or path-like, optional
        The data package to read.

    Returns
    -------
    list of pathlib.Path
        The files written, in :data:`CHARTS` order.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in CHARTS.items():
        fig = draw(package)
        target = out / f"{name}.png"
        fig.savefig(target, dpi=DPI, bbox_inches="tight", pad_inches=0.15,
                    facecolor="white", metadata={"Software": None})
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write the README's charts: ``python -m idlibstats.charts [OUTDIR] [--package PATH]``.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (without the program name); ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        0 on success.
    """
    mpl.use("Agg")
    parser = argparse.ArgumentParser(prog="python -m idlibstats.charts",
                                     description="Write the charts as PNG files.")
    parser.add_argument("outdir", nargs="?", default="docs/img")
    parser.add_argument("--package", default=None, help="data package to read")
    args = parser.parse_args(argv)
    for target in save_charts(args.outdir, args.package):
        print(target)
    return 0
