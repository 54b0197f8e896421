"""Strike counts: airstrikes by month, and attacks on health facilities as ranges."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from idlibstats.charts.data import ChartTables, is_open, with_bounds
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import (
    FONT,
    TITLE,
    WIDTH,
    gid,
    new_figure,
    styled,
    thousands,
    tint,
    up_arrow,
)
from idlibstats.charts.wording import DAY, as_written, period_text


@styled
def strikes_chart(tables: ChartTables) -> Figure:
    """Draw the strike counts: airstrikes by month, and attacks on health facilities.

    Left, airstrikes in each calendar month a figure covers whole (one bar per figure, in
    its claimant's colour); months no report counts are marked as such, not as zero.
    Right, health facilities attacked or destroyed, as ranges from the wording (open when
    'at least'), one row per figure: different indicators, so never added.

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
    air = with_bounds(figs[figs["indicator"] == "airstrikes"]).sort_values(
        "period_start", kind="stable")
    health = with_bounds(
        figs[figs["indicator"].astype(str).str.startswith("health_facilities")]
    ).sort_values(["period_start", "figure_id"], kind="stable")
    fig = new_figure(WIDTH, 8.6)
    ax_air, ax_health = fig.subplots(2, 1, height_ratios=[1.25, 1.0])

    # the months any north-west figure of the package touches: a month outside a count's
    # period says 'no count' (read from the data, not fixed in the code)
    local = figs[figs["admin1"].astype(str) != "SY"]
    months = pd.date_range(local["period_start"].min().to_period("M").to_timestamp(),
                           local["period_end"].max(), freq="MS")
    ax_air.set_xlim(months[0] - pd.Timedelta(days=2), months[-1] + pd.Timedelta(days=33))
    counted = set()
    top = 1.0
    for _, row in air.iterrows():
        colour = palette.colour(row["claimant"])
        start, end = row["period_start"], row["period_end"] + DAY
        whole = start.day == 1 and end.day == 1 and (end - start).days <= 31
        ax_air.bar(start, float(row["value"]), width=(end - start).days * 0.9, align="edge",
                   gid=gid(row), color=colour if whole else tint(colour, 0.35),
                   hatch=palette.hatch(row["claimant"]), edgecolor=colour,
                   linestyle="-" if whole else "--", hatchcolor=tint(colour, 0.55))
        if is_open(row):
            up_arrow(ax_air, start + (end - start) / 2, float(row["value"]), colour)
        ax_air.annotate(
            f"{as_written(row)} airstrikes\n{short.get(row['claimant'], row['claimant'])}, "
            f"{period_text(row['period_start'], row['period_end'])}",
            xy=(start + (end - start) * 0.45, float(row["value"])), xytext=(0, 4),
            textcoords="offset points", ha="center", va="bottom", fontsize=FONT,
        )
        counted.update(pd.date_range(start, row["period_end"], freq="MS"))
        top = max(top, float(row["value"]))
    ax_air.set_ylim(0, top * 1.3)
    for m in months:
        if m not in counted:
            ax_air.text(m + pd.Timedelta(days=15), top * 0.03, "no count", rotation=90,
                        ha="center", va="bottom", fontsize=FONT, color="#6b6b6b",
                        fontstyle="italic")
    ax_air.set_xticks([m + pd.Timedelta(days=15) for m in months],
                      [f"{m:%b}" for m in months])
    ax_air.tick_params(axis="x", length=0)
    ax_air.grid(axis="x", visible=False)
    ax_air.yaxis.set_major_formatter(FuncFormatter(thousands))
    ax_air.set_ylabel("Airstrikes in the month")
    ax_air.set_xlabel(f"Month ({_years(months)})")
    ax_air.set_title("Airstrikes by month")

    labels = []
    xmax = max(float(health["low"].max()), float(health["high"].max(skipna=True) or 0)) * 3
    for y, (_, row) in enumerate(health.iterrows()):
        colour = palette.colour(row["claimant"])
        low = float(row["low"])
        high = xmax if is_open(row) else float(row["high"])
        if high > low:
            ax_health.barh(y, high - low, left=low, height=0.4, gid=gid(row),
                           color=tint(colour, 0.35), edgecolor=colour,
                           hatch=palette.hatch(row["claimant"]), hatchcolor=tint(colour, 0.6))
            ax_health.plot(low, y, marker="|", markersize=14, markeredgewidth=2.5,
                           color=colour)
        else:
            ax_health.plot(low, y, marker="D", markersize=8, color=colour, linestyle="none",
                           gid=gid(row))
        if is_open(row):
            ax_health.annotate("", xy=(xmax, y), xytext=(xmax * 0.9, y),
                               arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
                               annotation_clip=False)
        ax_health.annotate(f"'{row['excerpt']}'", xy=(low, y), xytext=(0, 15),
                           textcoords="offset points", fontsize=FONT, ha="left", va="bottom")
        labels.append(
            f"{str(row['indicator']).replace('health_facilities_', '')}\n"
            f"{short.get(row['claimant'], row['claimant'])}\n"
            f"{period_text(row['period_start'], row['period_end'])}"
        )
    ax_health.set_yticks(range(len(health)), labels, fontsize=FONT)
    ax_health.set_ylim(len(health) - 0.4, -0.7)
    ax_health.set_xlim(0, xmax)
    ax_health.grid(axis="y", visible=False)
    ax_health.tick_params(axis="y", length=0)
    ax_health.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_health.set_xlabel("Health facilities (range the wording allows)")
    ax_health.set_ylabel("Figure (what; claimant; period)")
    ax_health.set_title(
        "Health facilities hit, "
        + period_text(health["period_start"].min(), health["period_end"].max())
    )
    fig.suptitle("Strikes: the counts the reports give, each with its claimant and period",
                 fontweight="bold", fontsize=TITLE, x=0.01, ha="left")
    shown = pd.concat([air, health])
    # each panel's legend lists what that panel draws, and nothing else
    ax_air.legend(handles=palette.handles(air["claimant"], short), loc="upper right",
                  fontsize=FONT)
    ax_health.legend(
        handles=[
            *palette.handles(health["claimant"], short),
            Line2D([], [], color="#555555", marker="D", linestyle="none", label="exact figure"),
            Line2D([], [], color="#555555", marker="$→$", markersize=10, linestyle="none",
                   label="lower bound (open)"),
        ],
        loc="upper right", fontsize=FONT,
    )
    footnote(fig, shown, tables.sources, tables.organisations, [
        "Airstrikes: a month without a bar has no count in the package, which is not zero. "
        "'Attacked' (bombed, destroyed or not) and 'destroyed' are different indicators "
        "over slightly different days: not to be added."
    ])
    return fig


def _years(months: pd.DatetimeIndex) -> str:
    first, last = months[0].year, months[-1].year
    return f"{first}" if first == last else f"{first}–{last}"
