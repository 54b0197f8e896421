"""Writing the charts as the README's PNGs, their descriptions as the images' alt text.

The command line is :mod:`idlibstats.charts.__main__` (``make charts``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from idlibstats.charts.chart import Chart
from idlibstats.charts.coverage import coverage_timeline
from idlibstats.charts.data import ChartTables
from idlibstats.charts.displacement import displacement_points
from idlibstats.charts.first_days import first_days_claims
from idlibstats.charts.intensity import intensity
from idlibstats.charts.known import known_by_month
from idlibstats.charts.strikes import strikes_chart

#: File name (without .png) and function of each chart, in README order.
CHARTS: dict[str, Callable[[ChartTables], Chart]] = {
    "intensity": intensity,
    "known_by_month": known_by_month,
    "coverage_timeline": coverage_timeline,
    "first_days_claims": first_days_claims,
    "displacement_points": displacement_points,
    "strikes": strikes_chart,
}


def save_charts(
    outdir: str | os.PathLike[str],
    tables: ChartTables,
    *,
    markdown: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """Draw every chart, write it as ``outdir/NAME.png`` and its description as alt text.

    Each PNG is 150 dpi, cropped, without timestamps. In each Markdown file of ``markdown``,
    every image whose file is one of the charts (``![...](.../NAME.png)``) gets the chart's
    description (:attr:`Chart.alt_text`) as its alternative text, so the README's images
    say what the charts draw.

    Parameters
    ----------
    outdir : str or path-like
        Directory to write to; created if missing.
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`).
    markdown : iterable of str or path-like, optional
        Markdown files whose chart images get their alt text (e.g. ``README.md``).

    Returns
    -------
    list of pathlib.Path
        The PNG files written, in :data:`CHARTS` order.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    descriptions = {}
    for name, draw in CHARTS.items():
        chart = draw(tables)
        target = out / f"{name}.png"
        target.write_bytes(chart.png())
        written.append(target)
        descriptions[name] = chart.alt_text
    for path in map(Path, markdown):
        text = path.read_text(encoding="utf-8")
        new = with_alt_text(text, descriptions)
        if new != text:
            path.write_text(new, encoding="utf-8")
    return written


_IMAGE = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\((?P<path>[^)\s]*?(?P<name>[\w-]+)\.png)\)")


def markdown_alt(text: str) -> str:
    """Return text as a Markdown image's alt text: on one line, brackets escaped.

    Parameters
    ----------
    text : str
        A chart's description.

    Returns
    -------
    str
    """
    one_line = " ".join(text.split())
    return re.sub(r"([\\\[\]])", r"\\\1", one_line)


def with_alt_text(text: str, descriptions: dict[str, str]) -> str:
    """Return Markdown ``text`` with each chart image's alt text set to its description.

    Parameters
    ----------
    text : str
        Markdown.
    descriptions : dict of str to str
        The description of each chart, by its file name without ``.png``.

    Returns
    -------
    str
        ``text`` with ``![old](path/NAME.png)`` rewritten as ``![description](path/NAME.png)``
        for every NAME in ``descriptions``; everything else as it was.
    """
    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in descriptions:
            return match[0]
        return f"![{markdown_alt(descriptions[name])}]({match['path']})"

    return _IMAGE.sub(replace, text)
