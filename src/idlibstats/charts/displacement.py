"""People displaced: each running total at its as-of date, with its wording, never joined.

A running total of people displaced (``measure`` ``cumulative``) counts from a start date to
the date it is given as of. Each is drawn as a point at its as-of date (``period_end``) and
its value as written, with a thin bar back to the date it counts from, in its claimant's
colour and shape. Points are never joined, not even one claimant's: two running totals with
different starts are different quantities, and a line between them would draw a trend no
report gave. Lower bounds ('more than', 'over') carry an upward arrow. Displacement
movements (one person moving twice counts twice) are not people and are not drawn; neither
are figures for all of Syria. The footnote names what is left out.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter

from idlibstats.charts.chart import Chart
from idlibstats.charts.data import ChartTables, bound_kind, is_open, with_bounds
from idlibstats.charts.layout import Obstacle, declutter, leaders_under
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import (
    FONT,
    TITLE,
    WIDTH,
    ClaimantStyles,
    gid,
    month_axis,
    new_figure,
    styled,
    thousands,
    up_arrow,
)
from idlibstats.charts.wording import and_list, as_written, date_text, period_text

#: ``admin1`` of a figure that counts all of Syria.
NATIONAL = "SY"


def draw_points(
    ax: Axes, rows: pd.DataFrame, short: dict[str, str], palette: ClaimantStyles
) -> tuple[list[Annotation], list[Obstacle]]:
    """Draw running totals as points at their as-of dates, with a bar back to their start.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    rows : pandas.DataFrame
        Figures with the library's bounds (``low``, ``high``; see
        :func:`idlibstats.bounds`).
    short : dict
        Claimants' short names by ``organisation_id``.
    palette : ClaimantStyles
        The claimants' colours and markers (:attr:`ChartTables.palette`).

    Returns
    -------
    labels, obstacles
        The value labels (to declutter) and the boxes they must not cover.
    """
    labels: list[Annotation] = []
    obstacles: list[Obstacle] = []
    left, right = (float(v) for v in ax.get_xlim())
    for _, row in rows.iterrows():
        colour = palette.colour(row["claimant"])
        start, x, y = row["period_start"], row["period_end"], float(row["value"])
        ax.plot([start, x], [y, y], color=colour, linewidth=1.2, alpha=0.8,
                marker="|", markersize=7, markevery=[0])
        ax.plot(x, y, marker=palette.marker(row["claimant"]), markersize=8, color=colour,
                markeredgecolor="white", markeredgewidth=1.0, linestyle="none", zorder=4,
                gid=gid(row))
        kind = bound_kind(row)
        if kind == "floor":
            up_arrow(ax, x, y, colour, length=16)
        elif kind == "ceiling":  # 'almost': at most the number said, no floor
            up_arrow(ax, x, y, colour, length=-16)
        elif kind == "range":
            ax.vlines(x, float(row["low"]), float(row["high"]), colors=colour, linewidth=2.0)
        obstacles.append((ax, (float(ax.convert_xunits(start)), y,
                               float(ax.convert_xunits(x)), y)))
        if is_open(row):  # the arrow: about a tenth of the panel's height above the point
            bottom, top = ax.get_ylim()
            xn = float(ax.convert_xunits(x))
            obstacles.append((ax, (xn, y, xn, y + 0.12 * (top - bottom))))
        label = (f"{as_written(row)} people\n{short.get(row['claimant'], row['claimant'])}, "
                 f"{period_text(start, x)}")
        # labels of points in the right half of the axes sit to their left
        east = float(ax.convert_xunits(x)) > left + 0.5 * (right - left)
        labels.append(ax.annotate(
            label, xy=(x, y), xytext=(-10, 4) if east else (10, 4),
            textcoords="offset points", ha="right" if east else "left",
            va="bottom", fontsize=FONT, color="#222222",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": colour, "lw": 0.6},
            arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6, "shrinkA": 0,
                        "shrinkB": 5},
        ))
    return labels, obstacles


def _left_out(figs: pd.DataFrame, short: dict[str, str]) -> str:
    """Say which displacement figures are not drawn, and why."""
    displaced = figs[figs["indicator"].astype(str) == "displaced"]
    measure = displaced["measure"].astype(str)
    national = displaced["admin1"].astype(str) == NATIONAL
    parts = []
    for rows, why in (
        (displaced[measure == "movements"], "counts movements, not people (one person moving "
                                            "twice counts twice)"),
        (displaced[(measure != "movements") & (measure != "cumulative") & ~national],
         "is not a running total"),
        (displaced[national & (measure != "movements")], "counts all of Syria"),
    ):
        if len(rows):
            parts.append(and_list(
                f"{as_written(r)} ({short.get(r['claimant'], r['claimant'])}, "
                f"{period_text(r['period_start'], r['period_end'])})"
                for _, r in rows.iterrows()) + f" {why}")
    return "; ".join(parts)


@styled
def displacement_points(tables: ChartTables) -> Chart:
    """Draw each running total of people displaced at its as-of date; never joined.

    Each figure is a point at ``period_end`` and at its value as written, in its claimant's
    colour, with a thin bar back to ``period_start`` (the date counting starts from) and an
    upward arrow when the wording is a lower bound ('more than'). Where a corroboration
    shows the figure dates from earlier than the report implies (``scope_differs``), the
    earlier date is drawn as a hollow marker with an arrow and the corroborating outlet.
    Displacement movements and figures for all of Syria are not drawn (the footnote names
    them).

    Parameters
    ----------
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`; ``tables.with_figures``
        to draw a filtered frame).

    Returns
    -------
    Chart

    Raises
    ------
    ValueError
        If the frame has no running total of people displaced (north-west Syria).
    """
    corr = tables.corroborations
    figs, short, palette = tables.figures, tables.short, tables.palette
    keep = ((figs["indicator"].astype(str) == "displaced")
            & (figs["measure"].astype(str) == "cumulative")
            & (figs["admin1"].astype(str) != NATIONAL))
    if not keep.any():
        raise ValueError("no running total of people displaced to draw: the frame has no "
                         "'displaced' figure with measure 'cumulative' for north-west Syria")
    disp = with_bounds(figs[keep]).sort_values(["period_end", "figure_id"], kind="stable")
    fig = new_figure(WIDTH, 6.4)
    ax = fig.add_subplot()
    earliest = disp["period_start"].min()
    ax.set_xlim(earliest - pd.Timedelta(days=12), disp["period_end"].max() + pd.Timedelta(days=20))
    ymax = float(disp["value"].max()) * 1.35
    ax.set_ylim(0, ymax)
    notes = []
    labels, obstacles = draw_points(ax, disp, short, palette)
    moved: list[str] = []
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
            moved.append(f"{as_written(row)}: first given on {date_text(when)} ({c['outlet']})")
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
    kinds = {bound_kind(r) for _, r in disp.iterrows()}
    if "floor" in kinds:
        handles.append(Line2D([], [], color="#555555", marker="$↑$", markersize=9,
                              linestyle="none", label="lower bound ('more than')"))
    if "ceiling" in kinds:
        handles.append(Line2D([], [], color="#555555", marker="$↓$", markersize=9,
                              linestyle="none", label="upper bound ('almost')"))
    if notes:
        handles.append(Line2D([], [], color="#555555", marker="o", markerfacecolor="white",
                              linestyle="none", label="date the figure was first given"))
    legend = ax.legend(handles=handles, loc="upper left", ncols=2, fontsize=FONT)
    starts = ", ".join(date_text(d) for d in sorted(disp["period_start"].unique()))
    notes.insert(0, f"Counts start on different dates ({starts}) and come from different "
                    "claimants: the points are not joined and not added.")
    left_out = _left_out(figs, short)
    if left_out:
        notes.append(f"Not drawn: {left_out}.")
    footnote(fig, disp, tables.sources, tables.organisations, notes)
    labels.sort(key=lambda a: a.xy[1])
    declutter(fig, labels, obstacles, avoid=[legend])
    leaders_under(labels)
    fig.alt_text = _alt_text(disp, short, moved)
    return fig


def _alt_text(disp: pd.DataFrame, short: dict[str, str], moved: list[str]) -> str:
    claimants = and_list(short.get(c, c) for c in dict.fromkeys(disp["claimant"].astype(str)))
    points = "; ".join(
        f"{as_written(r)} people ({short.get(r['claimant'], r['claimant'])}, counted from "
        f"{date_text(r['period_start'])} to {date_text(r['period_end'])})"
        for _, r in disp.iterrows())
    text = (f"Chart of {len(disp)} running totals of people displaced in north-west Syria, "
            f"{period_text(disp['period_start'].min(), disp['period_end'].max())}, by "
            f"{claimants}: each a point at the date it runs to with a bar back to the date it "
            f"counts from, not joined: {points}.")
    if moved:
        text += " " + "; ".join(moved) + "."
    return text
