"""Running totals ('since late April'): each claimant's count at its as-of date, never joined.

A cumulative figure (``measure`` ``cumulative``) counts from a start date to the date it is
given as of. Each is drawn as a point at its as-of date (``period_end``) and its value as
written, with a thin bar back to the date it counts from, in its claimant's colour and shape.
Points are never joined, not even one claimant's: two running totals with different starts
are different quantities, and a line between them would draw a trend no report gave.
Lower bounds ('more than', 'at least') carry an upward arrow (open); 'almost' figures the
range the library derives, capped at the number said. All-of-Syria figures are left out
(see the context panel of :func:`known_by_month`).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter

from idlibstats.charts.data import ChartTables, is_open, with_bounds
from idlibstats.charts.layout import Obstacle, declutter
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
from idlibstats.charts.wording import POPULATION_LABEL, as_written, date_text, period_text

#: ``admin1`` of a figure that counts all of Syria.
NATIONAL = "SY"

#: Topics (``indicators.topic``) whose running totals are drawn: people, not events.
TOPICS = ("casualties", "displacement")


def _written(row: pd.Series) -> str:
    pop = POPULATION_LABEL.get(str(row["population"]), str(row["population"]))
    return f"{as_written(row)} {pop}".strip()


def draw_points(
    ax: Axes, rows: pd.DataFrame, short: dict[str, str], palette: ClaimantStyles
) -> tuple[list[Annotation], list[Obstacle]]:
    """Draw figures as points at their as-of dates, with a bar back to their start.

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
        if is_open(row):
            up_arrow(ax, x, y, colour, length=16)
        elif row["low"] != row["high"]:
            ax.vlines(x, float(row["low"]), float(row["high"]), colors=colour, linewidth=2.0)
        obstacles.append((ax, (float(ax.convert_xunits(start)), y,
                               float(ax.convert_xunits(x)), y)))
        if is_open(row):  # the arrow: about a tenth of the panel's height above the point
            bottom, top = ax.get_ylim()
            xn = float(ax.convert_xunits(x))
            obstacles.append((ax, (xn, y, xn, y + 0.12 * (top - bottom))))
        label = (f"{_written(row)}\n{short.get(row['claimant'], row['claimant'])}, "
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


@styled
def cumulative_tolls(tables: ChartTables) -> Figure:
    """Draw each running total at its as-of date: one panel per indicator, never joined.

    Parameters
    ----------
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`; ``tables.with_figures``
        to draw a filtered frame).

    Returns
    -------
    matplotlib.figure.Figure
    """
    figs, short, palette = tables.figures, tables.short, tables.palette
    topics = tables.indicators.set_index("indicator")["topic"].astype(str)
    people = [i for i, t in topics.items() if t in TOPICS]
    keep = (
        (figs["measure"].astype(str) == "cumulative")
        & figs["indicator"].astype(str).isin(people)
    )
    national = keep & (figs["admin1"].astype(str) == NATIONAL)
    shown = with_bounds(figs[keep & ~national]).sort_values(
        ["indicator", "period_end", "figure_id"], kind="stable")
    if shown.empty:
        raise ValueError("no running totals (measure 'cumulative') to draw")
    # in the order of the indicators table (killed, injured, displaced)
    indicators = [i for i in people if i in set(shown["indicator"].astype(str))]
    fig = new_figure(WIDTH, 1.6 + 3.6 * len(indicators))
    axes = fig.subplots(len(indicators), 1, sharex=True, squeeze=False)[:, 0]
    labels: list[Annotation] = []
    obstacles: list[Obstacle] = []
    start = shown["period_start"].min()
    axes[0].set_xlim(start - pd.Timedelta(days=10),
                     shown["period_end"].max() + pd.Timedelta(days=20))
    for ax, indicator in zip(axes, indicators, strict=True):
        part = shown[shown["indicator"].astype(str) == indicator]
        ax.set_ylim(0, float(part["value"].max()) * 1.45)
        panel_labels, panel_obstacles = draw_points(ax, part, short, palette)
        labels += panel_labels
        obstacles += panel_obstacles
        ax.set_title(f"{indicator.capitalize()}: running totals, each at its as-of date")
        ax.set_ylabel(f"People {indicator}\n(as each report words it)")
        ax.yaxis.set_major_formatter(FuncFormatter(thousands))
    month_axis(axes[-1])
    axes[-1].set_xlabel("As-of date (2019); thin bar: the date each count starts from")
    fig.suptitle("Running totals by claimant, at the dates they were given as of",
                 fontweight="bold", fontsize=TITLE, x=0.01, ha="left")
    # each panel's legend lists what that panel draws, and nothing else
    legends = [_panel_legend(ax, shown[shown["indicator"].astype(str) == indicator], short,
                             palette)
               for ax, indicator in zip(axes, indicators, strict=True)]
    notes = ["Points are never joined: counts with different start dates or claimants are "
             "different quantities, and none is a month's figure."]
    left_out = figs[national]
    if len(left_out):
        notes.append("Left out: " + "; ".join(
            f"{as_written(r)} {r['indicator']} ({short.get(r['claimant'], r['claimant'])}"
            f", all of Syria, since {date_text(r['period_start'])})"
            for _, r in left_out.iterrows())
            + ".")
    footnote(fig, shown, tables.sources, tables.organisations, notes)
    # place the lowest labels first: they sit nearest their points
    labels.sort(key=lambda a: (id(a.axes), a.xy[1]))
    declutter(fig, labels, obstacles, avoid=legends)
    return fig


def _panel_legend(ax: Axes, part: pd.DataFrame, short: dict[str, str],
                  palette: ClaimantStyles) -> Legend:
    """Draw one panel's legend: its claimants, and the marks it uses."""
    handles: list[Artist] = [
        Line2D([], [], color=palette.colour(c), marker=palette.marker(c), linestyle="none",
               markersize=8, label=short.get(c, c))
        for c in dict.fromkeys(part["claimant"])
    ]
    if part["high"].isna().any():
        handles.append(Line2D([], [], color="#555555", marker="$↑$", markersize=9,
                              linestyle="none", label="lower bound (open)"))
    closed = part[part["high"].notna()]
    if (closed["low"] != closed["high"]).any():
        handles.append(Line2D([], [], color="#555555", marker="|", markersize=9,
                              linestyle="none", label="'almost': range, at most the number said"))
    return ax.legend(handles=handles, loc="best", ncols=1, fontsize=FONT)
