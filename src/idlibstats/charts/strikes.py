"""Strike counts: airstrikes by month, and attacks on health facilities as ranges."""

from __future__ import annotations

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from idlibstats.charts.chart import Chart
from idlibstats.charts.data import (
    ChartTables,
    bound_kind,
    bound_words,
    is_open,
    range_ends,
    with_bounds,
)
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import (
    FONT,
    TITLE,
    WIDTH,
    ClaimantStyles,
    gid,
    new_figure,
    styled,
    thousands,
    tint,
    up_arrow,
)
from idlibstats.charts.wording import DAY, as_written, period_text


@styled
def strikes_chart(tables: ChartTables) -> Chart:
    """Draw the strike counts: airstrikes by month, and attacks on health facilities.

    Top, airstrikes in each calendar month a figure covers whole (one bar per figure, in
    its claimant's colour); months no report counts are marked as such, not as zero.
    Below, health facilities attacked or destroyed, as ranges from the wording (open when
    'at least'), one row per figure: different indicators, so never added. A panel is drawn
    only when the frame has its figures.

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
        If the frame has neither airstrikes nor health facilities figures.
    """
    figs, short, palette = tables.figures, tables.short, tables.palette
    indicator = figs["indicator"].astype(str)
    air = with_bounds(figs[indicator == "airstrikes"]).sort_values(
        ["period_start", "figure_id"], kind="stable")
    health = with_bounds(figs[indicator.str.startswith("health_facilities")]).sort_values(
        ["period_start", "figure_id"], kind="stable")
    if air.empty and health.empty:
        raise ValueError("no strike figure to draw: the frame has no 'airstrikes' and no "
                         "'health_facilities_*' figure")
    panels = [p for p, part in (("air", air), ("health", health)) if len(part)]
    ratios = {"air": 1.25, "health": 0.45 + 0.55 * max(len(health), 1)}
    fig = new_figure(WIDTH, 1.9 + 3.6 * ("air" in panels)
                     + (1.3 + 1.0 * len(health)) * ("health" in panels))
    axes = fig.subplots(len(panels), 1, squeeze=False,
                        height_ratios=[ratios[p] for p in panels])[:, 0]
    by_panel = dict(zip(panels, axes, strict=True))
    notes = []
    if "air" in by_panel:
        _airstrikes(by_panel["air"], air, figs, short, palette)
        notes.append("Airstrikes: a month without a bar has no count in the package, which "
                     "is not zero.")
    if "health" in by_panel:
        _health(by_panel["health"], health, short, palette)
        if health["indicator"].nunique() > 1:
            notes.append("'Attacked' (bombed, destroyed or not) and 'destroyed' are different "
                         "indicators over slightly different days: not to be added.")
    fig.suptitle("Strikes: the counts the reports give, each with its claimant and period",
                 fontweight="bold", fontsize=TITLE, x=0.01, ha="left")
    shown = pd.concat([air, health])
    footnote(fig, shown, tables.sources, tables.organisations, notes)
    fig.alt_text = _alt_text(air, health, short)
    return fig


def _months(air: pd.DataFrame, figs: pd.DataFrame) -> pd.DatetimeIndex:
    """Return the months to draw: those the frame's north-west figures touch (from the data)."""
    local = figs[figs["admin1"].astype(str) != "SY"]
    frame = local if len(local) else air
    start = min(frame["period_start"].min(), air["period_start"].min())
    end = max(frame["period_end"].max(), air["period_end"].max())
    return pd.date_range(start.to_period("M").to_timestamp(), end, freq="MS")


def _airstrikes(ax: Axes, air: pd.DataFrame, figs: pd.DataFrame, short: dict[str, str],
                palette: ClaimantStyles) -> None:
    months = _months(air, figs)
    ax.set_xlim(months[0] - pd.Timedelta(days=2), months[-1] + pd.Timedelta(days=33))
    counted = set()
    top = 1.0
    for _, row in air.iterrows():
        colour = palette.colour(row["claimant"])
        start, end = row["period_start"], row["period_end"] + DAY
        whole = start.day == 1 and end.day == 1 and (end - start).days <= 31
        ax.bar(start, float(row["value"]), width=(end - start).days * 0.9, align="edge",
               gid=gid(row), color=colour if whole else tint(colour, 0.35),
               hatch=palette.hatch(row["claimant"]), edgecolor=colour,
               linestyle="-" if whole else "--", hatchcolor=tint(colour, 0.55))
        if is_open(row):
            up_arrow(ax, start + (end - start) / 2, float(row["value"]), colour)
        ax.annotate(
            f"{as_written(row)} airstrikes\n{short.get(row['claimant'], row['claimant'])}, "
            f"{period_text(row['period_start'], row['period_end'])}",
            xy=(start + (end - start) * 0.45, float(row["value"])), xytext=(0, 4),
            textcoords="offset points", ha="center", va="bottom", fontsize=FONT,
        )
        counted.update(pd.date_range(start, row["period_end"], freq="MS"))
        top = max(top, float(row["value"]))
    ax.set_ylim(0, top * 1.3)
    for m in months:
        if m not in counted:
            ax.text(m + pd.Timedelta(days=15), top * 0.03, "no count", rotation=90,
                    ha="center", va="bottom", fontsize=FONT, color="#6b6b6b",
                    fontstyle="italic")
    ax.set_xticks([m + pd.Timedelta(days=15) for m in months], [f"{m:%b}" for m in months])
    ax.tick_params(axis="x", length=0)
    ax.grid(axis="x", visible=False)
    ax.yaxis.set_major_formatter(FuncFormatter(thousands))
    ax.set_ylabel("Airstrikes in the month")
    ax.set_xlabel(f"Month ({_years(months)})")
    ax.set_title("Airstrikes by month")
    ax.legend(handles=palette.handles(air["claimant"], short), loc="upper right",
              fontsize=FONT)


def _health(ax: Axes, health: pd.DataFrame, short: dict[str, str],
            palette: ClaimantStyles) -> None:
    labels = []
    ends = [float(v) for col in ("low", "high", "value") for v in health[col] if not pd.isna(v)]
    xmax = max([*ends, 1.0]) * 3
    for y, (_, row) in enumerate(health.iterrows()):
        colour = palette.colour(row["claimant"])
        low, high = range_ends(row, xmax)
        if bound_kind(row) == "none":  # 'about': no range, a hollow point at the value said
            ax.plot(low, y, marker="D", markersize=8, markerfacecolor="white",
                    markeredgecolor=colour, markeredgewidth=1.5, linestyle="none",
                    gid=gid(row))
        elif high > low:
            ax.barh(y, high - low, left=low, height=0.4, gid=gid(row),
                    color=tint(colour, 0.35), edgecolor=colour,
                    hatch=palette.hatch(row["claimant"]), hatchcolor=tint(colour, 0.6))
            if not pd.isna(row["low"]):
                ax.plot(low, y, marker="|", markersize=14, markeredgewidth=2.5, color=colour)
        else:
            ax.plot(low, y, marker="D", markersize=8, color=colour, linestyle="none",
                    gid=gid(row))
        if is_open(row):
            ax.annotate("", xy=(xmax, y), xytext=(xmax * 0.9, y),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
                        annotation_clip=False)
        # the report's words, above the bar (never across its edge)
        ax.text(low, y - 0.28, f"'{row['excerpt']}'", fontsize=FONT, ha="left",
                va="bottom")
        labels.append(
            f"{str(row['indicator']).replace('health_facilities_', '')}\n"
            f"{short.get(row['claimant'], row['claimant'])}\n"
            f"{period_text(row['period_start'], row['period_end'])}"
        )
    ax.set_yticks(range(len(health)), labels, fontsize=FONT)
    ax.set_ylim(len(health) - 0.45, -0.95)
    ax.set_xlim(0, xmax)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Health facilities (range the wording allows)")
    ax.set_ylabel("Figure (what; claimant; period)")
    ax.set_title("Health facilities hit, "
                 + period_text(health["period_start"].min(), health["period_end"].max()))
    handles: list[Artist] = [*palette.handles(health["claimant"], short)]
    kinds = {bound_kind(r) for _, r in health.iterrows()}
    if "exact" in kinds:
        handles.append(Line2D([], [], color="#555555", marker="D", linestyle="none",
                              label="exact figure"))
    if "floor" in kinds:
        handles.append(Line2D([], [], color="#555555", marker="$→$", markersize=10,
                              linestyle="none", label="lower bound (open)"))
    if "ceiling" in kinds:
        handles.append(Patch(facecolor=tint("#555555", 0.35), edgecolor="#555555",
                             label="upper bound, no floor ('almost', 'up to')"))
    if "none" in kinds:
        handles.append(Line2D([], [], color="#555555", marker="D", markerfacecolor="white",
                              linestyle="none", label="'about': no hard bound"))
    ax.legend(handles=handles, loc="upper right", fontsize=FONT)


def _alt_text(air: pd.DataFrame, health: pd.DataFrame, short: dict[str, str]) -> str:
    parts = []
    if len(air):
        parts.append(
            "Bar chart of airstrikes by month: " + "; ".join(
                f"{as_written(r)} airstrikes in "
                f"{period_text(r['period_start'], r['period_end'])} "
                f"({short.get(r['claimant'], r['claimant'])})" for _, r in air.iterrows())
            + "; every other month has no count, which is not zero.")
    if len(health):
        parts.append(
            "Ranges of health facilities hit, as the wording allows: " + "; ".join(
                f"{as_written(r)} {str(r['indicator']).replace('health_facilities_', '')} "
                f"({bound_words(r)}), "
                f"{period_text(r['period_start'], r['period_end'])} "
                f"({short.get(r['claimant'], r['claimant'])})" for _, r in health.iterrows())
            + "; attacked and destroyed are not added.")
    return " ".join(parts)


def _years(months: pd.DatetimeIndex) -> str:
    first, last = months[0].year, months[-1].year
    return f"{first}" if first == last else f"{first}–{last}"
