"""The coverage timeline: every figure's period, grouped by the report that gives it."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from idlibstats.charts.chart import Chart
from idlibstats.charts.data import ChartTables
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import (
    FONT,
    OKABE_ITO,
    TITLE,
    WIDTH,
    gid,
    month_axis,
    new_figure,
    styled,
    tint,
)
from idlibstats.charts.wording import (
    DAY,
    YEAR_END,
    YEAR_START,
    and_list,
    as_written,
    date_text,
    period_text,
    population_text,
)


@styled
def coverage_timeline(tables: ChartTables) -> Chart:
    """Draw every figure's period, grouped by report: what is known for which weeks.

    One row per figure, grouped under its report (publisher and publication date, a dashed
    line at the publication date). A figure over a span is a bar in its claimant's colour,
    solid where the report states the period and hatched where the curators inferred it; a
    figure for one day, or as of a date, is a diamond (hollow if its date was inferred). The
    axis is clipped to 2019; a bar that starts earlier (the war's toll since 2011) is cut at
    1 January, with an arrowhead at its cut end, and its label and the footnote say so.

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
        If the frame has no figure.
    """
    figs, short, palette = tables.figures, tables.short, tables.palette
    if figs.empty:
        raise ValueError("no figure to draw: the frame of figures is empty")
    data = figs.merge(tables.sources[["source_id", "publisher", "published", "published_basis"]],
                      on="source_id", how="left")
    data = data.sort_values(["published", "source_id", "figure_id"], kind="stable")
    data = data.reset_index(drop=True)

    rows: list[tuple[str, object]] = []  # ("source", source row) or ("figure", figure row)
    for _, group in data.groupby(["published", "source_id"], sort=True):
        rows.append(("source", group.iloc[0]))
        rows.extend(("figure", r) for _, r in group.iterrows())

    fig = new_figure(WIDTH, 0.25 * len(rows) + 3.6)
    ax = fig.add_subplot()
    ax.set_xlim(YEAR_START, YEAR_END)
    ax.set_ylim(len(rows) - 0.4, -0.8)
    ax.grid(axis="y", visible=False)
    labels = []
    clipped = []
    group_top = 0
    for y, (kind, row) in enumerate(rows):
        if kind == "source":
            labels.append("")
            star = "*" if row["published_basis"] == "inferred" else ""
            ax.text(
                YEAR_START + pd.Timedelta(days=2), y,
                f"{row['publisher']}, published {date_text(row['published'])}{star}",
                fontsize=FONT, fontweight="bold", va="center", ha="left", color="#222222",
            )
            group_top = y
            continue
        assert isinstance(row, pd.Series)
        labels.append(_figure_label(row))
        colour = palette.colour(row["claimant"])
        inferred = row["period_basis"] == "inferred"
        start, end = row["period_start"], row["period_end"] + DAY
        if row["period_start"] == row["period_end"]:
            ax.plot(
                start + DAY / 2, y, marker="D", markersize=6.5, linestyle="none",
                markerfacecolor=mpl.colors.to_rgba(colour, 0.3) if inferred else colour,
                markeredgecolor=("#333333" if colour.lower() == OKABE_ITO["yellow"].lower()
                                 else colour),
                markeredgewidth=1.4, gid=gid(row),
            )
        else:
            left = max(start, YEAR_START)
            ax.barh(
                y, end - left, left=left, height=0.62,
                color=tint(colour, 0.35) if inferred else colour,
                edgecolor=colour, linewidth=1.2, linestyle=(0, (2, 1)) if inferred else "-",
                hatch=palette.hatch(row["claimant"]),
                hatchcolor=colour if inferred else tint(colour, 0.45),
                gid=gid(row),
            )
            if start < YEAR_START:  # cut at 1 January: an arrowhead at the cut end
                clipped.append(row)
                ax.plot(left + 3 * DAY, y, marker="<", markersize=8, color="#333333",
                        linestyle="none", zorder=4)
        # end of each report's group: its publication date as a dashed line
        is_last = y + 1 == len(rows) or rows[y + 1][0] == "source"
        if is_last:
            ax.vlines(row["published"] + DAY / 2, group_top + 0.5, y + 0.45,
                      colors="#333333", linestyles=(0, (3, 2)), linewidth=1.0)
            ax.axhline(y + 0.5, color="#cccccc", linewidth=0.6)
    ax.set_yticks(range(len(rows)), labels, fontsize=FONT)
    ax.tick_params(axis="y", length=0)
    month_axis(ax)
    ax.set_xlabel("Period each figure covers (2019; inclusive dates)")
    ax.set_ylabel("Figure (what it counts: value as written), by report")
    fig.suptitle(
        "What the reports cover: the period of each of the "
        f"{len(figs)} figures, grouped by report",
        fontweight="bold", fontsize=TITLE, x=0.01, ha="left",
    )
    handles: list[object] = palette.handles(data["claimant"], short)
    handles += [
        Patch(facecolor="#444444", edgecolor="#444444", label="period stated"),
        Patch(facecolor=tint("#777777", 0.35), edgecolor="#777777", linestyle=(0, (2, 1)),
              label="period inferred (pale, dashed)"),
        Line2D([], [], marker="D", color="#777777", linestyle="none",
               markeredgewidth=1.4, label="one day / as of a date"),
        Line2D([], [], color="#333333", linestyle=(0, (3, 2)), label="report published"),
    ]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(-0.6, 1.01), ncols=4,
              fontsize=FONT, borderaxespad=0.2, columnspacing=1.0, handlelength=1.5)
    notes = [
        "Dates and periods the reports leave open were worked out by the curators "
        "(pale bars with a dashed edge, pale diamonds; see each figure's notes)."
    ]
    notes += [
        f"{as_written(r)} {population_text(r['population'])} "
        f"{str(r['indicator']).replace('_', ' ')} ({r['place_as_written'] or r['admin1']}, "
        f"{period_text(r['period_start'], r['period_end'])}) is cut at 1 January 2019."
        for r in clipped
    ]
    footnote(fig, figs, tables.sources, tables.organisations, notes)
    fig.alt_text = _alt_text(data, short)
    return fig


def _figure_label(row: pd.Series) -> str:
    """Return a figure's row label: what it counts and its value as written.

    Movements are labelled as movements, never as people.
    """
    if str(row["measure"]) == "movements":
        what = "movements (not people)"
    else:
        pop = population_text(row["population"])
        what = str(row["indicator"]).replace("_", " ") + (f": {pop}" if pop else "")
    scope = ", all Syria" if row["admin1"] == "SY" else ""
    return f"{what} · {as_written(row)}{scope}"


def _alt_text(data: pd.DataFrame, short: dict[str, str]) -> str:
    """Describe the timeline from the figures it draws: reports, claimants, periods."""
    reports = data.drop_duplicates("source_id")
    claimants = and_list(short.get(c, c) for c in dict.fromkeys(data["claimant"].astype(str)))
    start, end = data["period_start"].min(), data["period_end"].max()
    per_report = "; ".join(
        f"{rep['publisher']} ({date_text(rep['published'])}): "
        f"{(data['source_id'] == rep['source_id']).sum()} figures"
        for _, rep in reports.iterrows())
    return (f"Timeline of the period each of {len(data)} figures covers, grouped by the "
            f"{len(reports)} reports that give them ({per_report}); claimants {claimants}; "
            f"periods from {date_text(start)} to {date_text(end)}, the axis cut to 2019. "
            "Bars are spans, diamonds single days or as-of dates; pale bars with a dashed "
            "edge are periods the curators inferred.")
