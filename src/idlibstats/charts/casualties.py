"""People killed and injured in 2019: each figure a span at its daily average."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Annotation
from matplotlib.ticker import MaxNLocator

from idlibstats.charts.data import FIRST_DAYS_GROUP, PathArg, _is_open, _with_bounds, load_tables
from idlibstats.charts.layout import Obstacle, _declutter
from idlibstats.charts.notes import _footnote
from idlibstats.charts.style import (
    _claimant_handles,
    _gid,
    _month_axis,
    _new_figure,
    _styled,
    _up_arrow,
    claimant_colour,
)
from idlibstats.charts.wording import _DAY, _POPULATION_LABEL, _YEAR_START, _days, _period

_BREAKDOWN_HATCHES = ("////", "\\\\\\\\", "xxxx")


@_styled
def deaths_by_month(path: PathArg = None) -> Figure:
    """Draw people killed and injured in 2019, each figure as a span at its daily average.

    A figure counts people over its own period (a month, four days, four months), so each is
    drawn as a horizontal bar across that period at the figure divided by the days it covers:
    spans of different lengths then share one scale, and the area of a bar is the figure.
    A breakdown (children, women) is a hatched block inside the bar of the total it is part
    of, never added to it. Lower bounds carry an upward arrow ('open'); 'almost' figures a
    vertical range (the library's bounds). Fighters are drawn in their own panel; the
    offensive's first days, where five figures compete, are detailed in
    :func:`first_days_claims`. Figures whose period starts before 2019 (the war's toll
    since 2011) are left out and named in the footnote.

    Parameters
    ----------
    path : str or path-like, optional
        The data package to read.

    Returns
    -------
    matplotlib.figure.Figure
    """
    tables = load_tables(path)
    figs, short = tables.figures, tables.short
    casualties = _with_bounds(figs[figs["indicator"].isin(["killed", "injured"])])
    left_out = casualties[casualties["period_start"] < _YEAR_START]
    shown = casualties[casualties["period_start"] >= _YEAR_START]
    fighters = shown["population"].astype(str).str.contains("fighters")
    panels = [
        ("Killed: all people, civilians, children, women",
         shown[(shown["indicator"] == "killed") & ~fighters]),
        ("Killed: fighters", shown[(shown["indicator"] == "killed") & fighters]),
        ("Injured", shown[shown["indicator"] == "injured"]),
    ]
    fig = _new_figure(12.0, 10.0)
    axes = fig.subplots(3, 1, sharex=True, height_ratios=[3.4, 1.8, 1.8])
    # the first-days figures: those within the period of the competing claim group
    group = shown[shown["claim_group"] == FIRST_DAYS_GROUP]
    first_days = shown[
        (shown["period_start"] >= group["period_start"].min())
        & (shown["period_end"] <= group["period_end"].max())
    ] if len(group) else shown.iloc[:0]
    labels: list[Annotation] = []
    obstacles: list[Obstacle] = []
    for ax, (title, part) in zip(axes, panels, strict=True):
        panel_labels, panel_obstacles = _casualty_panel(ax, part, short,
                                                        set(first_days["figure_id"]))
        labels += panel_labels
        obstacles += panel_obstacles
        ax.set_title(title)
        ax.set_ylabel("people per day\n(figure ÷ days covered)")
    axes[0].set_xlim(pd.Timestamp("2019-04-20"), pd.Timestamp("2020-01-05"))
    _month_axis(axes[-1])
    axes[-1].set_xlabel("Period each figure covers (2019)")
    fig.suptitle(
        "People killed and injured, 2019: each report's figure drawn across the period it "
        "covers",
        fontweight="bold", fontsize=12, x=0.01, ha="left",
    )
    handles: list[object] = _claimant_handles(shown["claimant"], short)
    handles += [
        Patch(facecolor="white", edgecolor="#555555", hatch="////",
              label="breakdown, drawn\ninside its total"),
        Line2D([], [], color="#555555", marker="$↑$", markersize=9, linestyle="none",
               label="lower bound (open)"),
        Line2D([], [], color="#555555", marker="|", markersize=9, linestyle="none",
               label="'almost': range"),
        Line2D([], [], color="#555555", linestyle=(0, (1, 1)), linewidth=2.5,
               label="all of Syria"),
    ]
    fig.legend(handles=handles, loc="outside right upper", ncols=1, fontsize=7.5)
    notes = [
        "Each bar's height is the figure divided by the days it covers; its label gives the "
        "figure as written. Bars that overlap are competing or differently scoped counts: "
        "never add them.",
    ]
    snhr = shown[shown["admin1"] == "SY"]
    if len(snhr):
        notes.append(
            "Scope: " + "; ".join(
                f"{r['value_as_written']} {_POPULATION_LABEL[str(r['population'])]} "
                f"({short[r['claimant']]}, {_period(r['period_start'], r['period_end'])})"
                for _, r in snhr.iterrows()
            )
            + " count all of Syria and all perpetrators, not Idlib alone."
        )
    if len(left_out):
        notes.append(
            "Not shown: " + "; ".join(
                f"{r['value_as_written']} {_POPULATION_LABEL[str(r['population'])]} "
                f"{r['indicator']} ({r['place_as_written'] or r['admin1']}, "
                f"{_period(r['period_start'], r['period_end'])})"
                for _, r in left_out.iterrows()
            )
            + ", a context figure for the whole war."
        )
    _footnote(fig, shown, tables.sources, tables.organisations, notes)
    _declutter(fig, labels, obstacles)
    return fig


def _casualty_panel(
    ax: Axes,
    part: pd.DataFrame,
    short: dict[str, str],
    first_days: set[str],
) -> tuple[list[Annotation], list[Obstacle]]:
    """Draw one panel's figures; return its labels and the boxes they must not cover."""
    totals = part[part["part_of"].isna() | ~part["part_of"].isin(part["figure_id"])]
    top = 1.0
    labels: list[Annotation] = []
    ranked: list[tuple[int, float, Annotation]] = []
    obstacles: list[Obstacle] = []
    for _, row in totals.iterrows():
        days = _days(row)
        rate = float(row["value"]) / days
        top = max(top, rate)
        colour = claimant_colour(row["claimant"])
        start, end = row["period_start"], row["period_end"] + _DAY
        x0, width = mdates.date2num(start), mdates.date2num(end) - mdates.date2num(start)
        all_syria = row["admin1"] == "SY"
        parts = part[part["part_of"] == row["figure_id"]]
        ax.add_patch(Rectangle(
            (x0, 0), width, rate, edgecolor="none",
            facecolor=mpl.colors.to_rgba(colour, 0.12 if len(parts) else 0.07),
        ))
        ax.hlines(rate, start, end, colors=colour, linewidth=3.0,
                  linestyles=(0, (1, 1)) if all_syria else "solid", gid=_gid(row))
        obstacles.append((ax, (x0, rate, x0 + width, rate)))
        base = 0.0
        for n, (_, sub) in enumerate(parts.iterrows()):
            sub_rate = float(sub["value"]) / _days(sub)
            ax.add_patch(Rectangle(
                (x0, base), width, sub_rate,
                facecolor=mpl.colors.to_rgba(colour, 0.30), edgecolor=colour, linewidth=0.6,
                hatch=_BREAKDOWN_HATCHES[n % len(_BREAKDOWN_HATCHES)], gid=_gid(sub),
            ))
            obstacles.append((ax, (x0, base, x0 + width, base + sub_rate)))
            base += sub_rate
        mid = start + (end - start) / 2
        if _is_open(row):
            _up_arrow(ax, mid, rate, colour, length=10 if row["figure_id"] in first_days else 14)
        elif row["low"] != row["high"]:
            ax.vlines(mid, float(row["low"]) / days, float(row["high"]) / days,
                      colors=colour, linewidth=1.2)
        if row["figure_id"] in first_days:
            continue
        label = _written(row)
        if all_syria:
            label += " in all of Syria"
        if len(parts):
            label += "\nof which " + ", ".join(_written(s) for _, s in parts.iterrows())
        label += f"\n{short[row['claimant']]} · {_period(row['period_start'], row['period_end'])}"
        ranked.append((-days, rate, _span_label(ax, row, rate, label, colour)))
    # long spans first (their labels sit best over the middle), then from the bottom up
    labels += [a for _, _, a in sorted(ranked, key=lambda t: (t[0], t[1]))]
    if first_days & set(part["figure_id"]):
        fd = part[part["figure_id"].isin(first_days)]
        ymax = max(float(r["value"]) / _days(r) for _, r in fd.iterrows())
        labels.insert(0, ax.annotate(
            f"the offensive's first days: {len(fd)} figures from "
            f"{len(set(fd['claimant']))} claimants;\n"
            f"{int((fd['claim_group'] == FIRST_DAYS_GROUP).sum())} compete for one toll "
            "(see the first-days chart)",
            xy=(fd["period_end"].max(), ymax), xytext=(8, 22),
            textcoords="offset points", ha="left", va="bottom", fontsize=7.5,
            arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.6},
        ))
    ax.set_ylim(0, top * 1.7)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    return labels, obstacles


def _written(row: pd.Series) -> str:
    """Return the value as written and who it counts: 'at least 67 people', 'one woman'."""
    pop = _POPULATION_LABEL[str(row["population"])]
    if int(row["value"]) == 1:
        pop = {"people": "person", "women": "woman", "children": "child"}.get(pop, pop)
    return f"{row['value_as_written']} {pop}".strip()


def _span_label(
    ax: Axes, row: pd.Series, rate: float, label: str, colour: str
) -> Annotation:
    start, end = row["period_start"], row["period_end"] + _DAY
    days = _days(row)
    if days >= 25:
        x, ha, offset = start + (end - start) * 0.45, "center", (0, 6)
    else:
        x, ha, offset = start, "right", (-8, 6)
    return ax.annotate(
        label, xy=(x, rate), xytext=offset, textcoords="offset points",
        ha=ha, va="bottom", fontsize=7.5, color="#222222",
        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": colour, "lw": 0.6},
        arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.6, "shrinkA": 0,
                    "shrinkB": 2},
    )
