"""People displaced: each figure at its as-of date, with its wording, never joined."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from idlibstats.charts.data import PathArg, _is_open, _with_bounds, load_tables
from idlibstats.charts.notes import _footnote
from idlibstats.charts.style import (
    _claimant_handles,
    _gid,
    _month_axis,
    _new_figure,
    _styled,
    _thousands,
    _up_arrow,
    claimant_colour,
)
from idlibstats.charts.wording import _POPULATION_LABEL, _date, _days, _period
from idlibstats.load import corroborations as load_corroborations


@_styled
def displacement_points(path: PathArg = None) -> Figure:
    """Draw each displacement figure at its as-of date, with its wording; never joined.

    Each figure is a point at ``period_end`` and at its value as written, in its claimant's
    colour, with a thin bar back to ``period_start`` (the date counting starts from) and an
    upward arrow when the wording is a lower bound ('more than'). Where a corroboration
    shows the figure dates from earlier than the report implies (``scope_differs``), the
    earlier date is drawn as a hollow marker with an arrow and the corroborating outlet.

    Parameters
    ----------
    path : str or path-like, optional
        The data package to read.

    Returns
    -------
    matplotlib.figure.Figure
    """
    tables = load_tables(path)
    corr = load_corroborations(path)
    figs, short = tables.figures, tables.short
    disp = _with_bounds(figs[figs["indicator"] == "displaced"]).sort_values(
        ["period_end", "figure_id"], kind="stable")
    fig = _new_figure(10.5, 6.2)
    ax = fig.add_subplot()
    earliest = disp["period_start"].min()
    ax.set_xlim(earliest - pd.Timedelta(days=12), disp["period_end"].max() + pd.Timedelta(days=20))
    ymax = float(disp["value"].max()) * 1.25
    ax.set_ylim(0, ymax)
    notes = []
    for _, row in disp.iterrows():
        colour = claimant_colour(row["claimant"])
        x, y = row["period_end"], float(row["value"])
        ax.plot([row["period_start"], x], [y, y], color=colour, linewidth=1.2, alpha=0.7,
                marker="|", markersize=7, markevery=[0])
        ax.plot(x, y, marker="o", markersize=8, color=colour, markeredgecolor="white",
                gid=_gid(row),
                markeredgewidth=1.0, linestyle="none", zorder=4)
        if _is_open(row):
            _up_arrow(ax, x, y, colour, length=20)
        pop = _POPULATION_LABEL[str(row["population"])]
        label = (f"{row['value_as_written']} {pop}\n{short[row['claimant']]}, "
                 f"{_period(row['period_start'], row['period_end'])}")
        days = _days(row)
        if days >= 40:
            xy, off, ha = (row["period_start"] + (x - row["period_start"]) / 2, y), (0, 5), "center"
        else:
            xy, off, ha = (x, y), (9, -4), "left"
        ax.annotate(label, xy=xy, xytext=off, textcoords="offset points", ha=ha,
                    va="bottom", fontsize=7.5, color="#222222",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": colour, "lw": 0.6})
        scope = corr[(corr["figure_id"] == row["figure_id"])
                     & (corr["relation"] == "scope_differs")
                     & corr["published"].notna()]
        for _, c in scope.iterrows():
            when = c["published"]
            if when >= x:
                continue
            ax.plot(when, y, marker="o", markersize=8, markerfacecolor="white",
                    markeredgecolor=colour, markeredgewidth=1.5, linestyle="none", zorder=4)
            ax.annotate(
                f"first given on {_date(when)} ({c['outlet']}):\nthe count is as of that date",
                xy=(when, y), xytext=(when + pd.Timedelta(days=4), y - ymax * 0.13),
                ha="left", va="top", fontsize=7.5, color="#222222",
                arrowprops={"arrowstyle": "->", "color": colour, "lw": 0.9,
                            "connectionstyle": "arc3,rad=0.2"},
            )
            notes.append(
                f"The '{row['value_as_written']}' of {row['source_id']} is dated to "
                f"{_date(row['period_end'])} by the report's sentence; {c['outlet']} "
                f"({_date(when)}) shows the figure was given on {_date(when)}: "
                f"the count is as of that date (corroboration {c['corroboration_id']})."
            )
    _month_axis(ax)
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_ylabel("People displaced (as each report words it)")
    ax.set_xlabel("Date the count runs to (period_end); thin bar: the date it counts from")
    fig.suptitle(
        "People displaced: each report's count at the date it runs to, never joined",
        fontweight="bold", fontsize=12, x=0.01, ha="left",
    )
    handles: list[object] = _claimant_handles(disp["claimant"], short)
    handles += [
        Line2D([], [], color="#555555", marker="$↑$", markersize=9, linestyle="none",
               label="lower bound ('more than')"),
        Line2D([], [], color="#555555", marker="o", markerfacecolor="white",
               linestyle="none", label="date the figure was first given"),
    ]
    ax.legend(handles=handles, loc="upper left", ncols=2, fontsize=7.5)
    starts = ", ".join(_date(d) for d in sorted(disp["period_start"].unique()))
    notes.insert(0, f"Counts start on different dates ({starts}) and come from different "
                    "claimants: the points are not joined and not added.")
    _footnote(fig, disp, tables.sources, tables.organisations, notes)
    return fig
