"""People displaced: each figure at its as-of date, with its wording, never joined."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from idlibstats.charts.cumulative import draw_points
from idlibstats.charts.data import ChartTables, with_bounds
from idlibstats.charts.layout import declutter
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import (
    FONT,
    TITLE,
    WIDTH,
    month_axis,
    new_figure,
    styled,
    thousands,
)
from idlibstats.charts.wording import as_written, date_text


@styled
def displacement_points(tables: ChartTables) -> Figure:
    """Draw each displacement figure at its as-of date, with its wording; never joined.

    Each figure is a point at ``period_end`` and at its value as written, in its claimant's
    colour, with a thin bar back to ``period_start`` (the date counting starts from) and an
    upward arrow when the wording is a lower bound ('more than'). Where a corroboration
    shows the figure dates from earlier than the report implies (``scope_differs``), the
    earlier date is drawn as a hollow marker with an arrow and the corroborating outlet.

    Parameters
    ----------
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`; ``tables.with_figures``
        to draw a filtered frame).

    Returns
    -------
    matplotlib.figure.Figure
    """
    corr = tables.corroborations
    figs, short, palette = tables.figures, tables.short, tables.palette
    disp = with_bounds(figs[figs["indicator"] == "displaced"]).sort_values(
        ["period_end", "figure_id"], kind="stable")
    fig = new_figure(WIDTH, 6.4)
    ax = fig.add_subplot()
    earliest = disp["period_start"].min()
    ax.set_xlim(earliest - pd.Timedelta(days=12), disp["period_end"].max() + pd.Timedelta(days=20))
    ymax = float(disp["value"].max()) * 1.35
    ax.set_ylim(0, ymax)
    notes = []
    labels, obstacles = draw_points(ax, disp, short, palette)
    for _, row in disp.iterrows():
        colour = palette.colour(row["claimant"])
        x, y = row["period_end"], float(row["value"])
        scope = corr[(corr["figure_id"] == row["figure_id"])
                     & (corr["relation"] == "scope_differs")
                     & corr["published"].notna()]
        for _, c in scope.iterrows():
            when = c["published"]
            if when >= x:
                continue
            ax.plot(when, y, marker=palette.marker(row["claimant"]), markersize=8,
                    markerfacecolor="white", markeredgecolor=colour, markeredgewidth=1.5,
                    linestyle="none", zorder=4)
            labels.append(ax.annotate(
                f"first given on {date_text(when)} ({c['outlet']}):\nthe count is as of that date",
                xy=(when, y), xytext=(10, -30), textcoords="offset points",
                ha="left", va="top", fontsize=FONT, color="#222222",
                arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6},
            ))
            notes.append(
                f"The '{as_written(row)}' is dated to {date_text(row['period_end'])} by the "
                f"report's sentence; {c['outlet']} ({date_text(when)}) shows the figure was given "
                f"on {date_text(when)}: the count is as of that date."
            )
    month_axis(ax)
    ax.yaxis.set_major_formatter(FuncFormatter(thousands))
    ax.set_ylabel("People displaced (as each report words it)")
    ax.set_xlabel("Date the count runs to (period_end); thin bar: the date it counts from")
    fig.suptitle(
        "People displaced: each report's count at the date it runs to, never joined",
        fontweight="bold", fontsize=TITLE, x=0.01, ha="left",
    )
    handles: list[object] = [
        Line2D([], [], color=palette.colour(c), marker=palette.marker(c), linestyle="none",
               markersize=8, label=short.get(c, c))
        for c in dict.fromkeys(disp["claimant"])
    ]
    handles += [
        Line2D([], [], color="#555555", marker="$↑$", markersize=9, linestyle="none",
               label="lower bound ('more than')"),
    ]
    if notes:
        handles.append(Line2D([], [], color="#555555", marker="o", markerfacecolor="white",
                              linestyle="none", label="date the figure was first given"))
    legend = ax.legend(handles=handles, loc="upper left", ncols=2, fontsize=FONT)
    starts = ", ".join(date_text(d) for d in sorted(disp["period_start"].unique()))
    notes.insert(0, f"Counts start on different dates ({starts}) and come from different "
                    "claimants: the points are not joined and not added.")
    footnote(fig, disp, tables.sources, tables.organisations, notes)
    labels.sort(key=lambda a: a.xy[1])
    declutter(fig, labels, obstacles, avoid=[legend])
    return fig
