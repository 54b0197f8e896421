"""Intensity over time: each claim's average per day over exactly its own span.

Drawn from :func:`idlibstats.rates`: one panel per indicator and population (never two
populations on one axis), time across with the months as gridlines, and each total over a
known span as a horizontal step from its first day to its last at its average per day, in
its claimant's colour with its claimant's marker at the middle. A floor ('at least', 'more
than') carries an arrow up: the rate may be higher; a ceiling ('almost', 'up to') an arrow
down: it may be lower; an exact figure neither. A rate belongs to its whole span: it is
never split into months, never added to another and never given to one day, so a reader
compares spans, not months: May to August beside September to December.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Annotation
from matplotlib.ticker import (
    FixedFormatter,
    FixedLocator,
    FuncFormatter,
    MaxNLocator,
    NullLocator,
)

from idlibstats.analysis.rates import rates as _library_rates
from idlibstats.charts.chart import Chart
from idlibstats.charts.data import ChartTables
from idlibstats.charts.layout import Obstacle, declutter, leaders_under
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import FONT, TITLE, WIDTH, ClaimantStyles, new_figure, styled, tint
from idlibstats.charts.wording import (
    DAY,
    and_list,
    as_written,
    date_text,
    per_day_text,
    period_text,
    population_text,
)

#: The indicators drawn when none are named: those of the ``casualties`` topic.
DEFAULT_TOPIC = "casualties"

_ARROW_PT = 10.0  # length of a floor's or ceiling's arrow, in points
_AXES_IN = WIDTH - 1.0  # about how wide a panel is, in inches (for the label's side)


def _bound(row: pd.Series) -> str:
    """Return what a rate row gives: 'exact', 'range', 'floor' or 'ceiling'."""
    has_floor, has_ceiling = pd.notna(row["floor_per_day"]), pd.notna(row["ceiling_per_day"])
    if has_floor and has_ceiling:
        return "exact" if row["total_floor"] == row["total_ceiling"] else "range"
    return "floor" if has_floor else "ceiling"


def _rate_text(row: pd.Series) -> str:
    """Return the per-day number as drawn: '8.77', '≥ 13.4', '≤ 8.07', '2.10–3.50'."""
    days = int(row["days"])
    bound = _bound(row)
    if bound == "exact":
        return per_day_text(int(row["total_floor"]), days, "exact")
    if bound == "range":
        return (f"{per_day_text(int(row['total_floor']), days, 'floor')}–"
                f"{per_day_text(int(row['total_ceiling']), days, 'ceiling')}")
    if bound == "floor":
        return "≥ " + per_day_text(int(row["total_floor"]), days, "floor")
    return "≤ " + per_day_text(int(row["total_ceiling"]), days, "ceiling")


def _level(row: pd.Series) -> float:
    """Return the height a rate is drawn at: its floor, its ceiling, or both's middle."""
    if _bound(row) == "range":
        return (float(row["floor_per_day"]) + float(row["ceiling_per_day"])) / 2
    return float(row["floor_per_day"] if pd.notna(row["floor_per_day"])
                 else row["ceiling_per_day"])


def _short_period(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """Return a span without its year when it lies in one year: 'May', '30 Apr–4 May'."""
    text = period_text(start, end)
    if start.year == end.year:
        text = text.removesuffix(f" {end.year}")
    return text


def _wording(row: pd.Series, figs: pd.DataFrame) -> str:
    """Return the total as the report words it ('almost 1,000'), or the difference."""
    ids = str(row["figure_ids"]).split(";")
    if len(ids) == 1 and ids[0] in figs.index:
        return as_written(figs.loc[ids[0]])
    return str(row["wording"])


def label_text(row: pd.Series, figs: pd.DataFrame, short: dict[str, str]) -> str:
    """Return a step's label: its rate, the total as worded, its span and its claimant.

    Parameters
    ----------
    row : pandas.Series
        A row of :func:`idlibstats.rates`.
    figs : pandas.DataFrame
        The figures, indexed by ``figure_id`` (for the wording as written).
    short : dict
        Claimants' short names by ``organisation_id``.

    Returns
    -------
    str
        E.g. ``'≤ 8.07 a day: almost 1,000, 30 Apr–31 Aug, SOHR'``.
    """
    who = short.get(str(row["claimant"]), str(row["claimant"]))
    period = _short_period(row["period_start"], row["period_end"])
    joiner = " in " if " " not in period else " on " if row["days"] == 1 else ", "
    return f"{_rate_text(row)} a day: {_wording(row, figs)}{joiner}{period}, {who}"


def _label_place(row: pd.Series, text: str, first: pd.Timestamp,
                 last: pd.Timestamp) -> dict[str, object]:
    """Where a step's label goes: right of its end, left of its start, or above its middle.

    Right of the end when the panel has room for it there, else above the middle when the
    label fits in the panel there, else left of the start.
    """
    start, stop = row["period_start"], row["period_end"] + DAY
    middle = start + (stop - start) / 2
    points_per_day = _AXES_IN * 72 / max((last - first).days, 1)
    width = len(text) * FONT * 0.56 + 10
    y = _level(row)
    if (last - stop).days * points_per_day > width:
        return {"xy": (stop, y), "xytext": (10, 0), "ha": "left"}
    if min((middle - first).days, (last - middle).days) * points_per_day > width / 2:
        return {"xy": (middle, y), "xytext": (0, 11), "ha": "center"}
    return {"xy": (start, y), "xytext": (-10, 0), "ha": "right"}


def _panel_title(indicator: str, population: str, unit: str) -> str:
    pop = population_text(population)
    what = indicator.replace("_", " ")
    if unit == "people":
        return f"{pop.capitalize() or 'People'} {what} per day"
    return f"{what.capitalize()} per day" + (f" ({pop})" if pop else "")


def _month_axis(ax: Axes, first: pd.Timestamp, last: pd.Timestamp, *, names: bool) -> None:
    """Months as gridlines (at each first day); their names in the middle of each month.

    The gridlines are one collection of lines, the names fixed ticks of the bottom panel
    only: date locators and a tick per gridline would recompute and rebuild them at every
    draw, which was most of the chart's drawing time.
    """
    ax.set_xlim(first, last)
    starts = pd.date_range(first, last, freq="MS")
    ax.vlines(starts[1:-1], 0, 1, transform=ax.get_xaxis_transform(), colors="#cccccc",
              linewidth=0.8, zorder=0)
    ax.xaxis.set_major_locator(NullLocator())
    if names:
        middles = [m + pd.Timedelta(days=15) for m in starts[:-1]]
        ax.xaxis.set_minor_locator(FixedLocator(mdates.date2num(middles)))
        ax.xaxis.set_minor_formatter(FixedFormatter([f"{m:%b}" for m in middles]))
        ax.tick_params(axis="x", which="minor", length=0)
    else:
        ax.xaxis.set_minor_locator(NullLocator())
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.6)


def _draw_rate(ax: Axes, row: pd.Series, palette: ClaimantStyles,
               ) -> tuple[list[FancyArrowPatch], Obstacle]:
    """Draw one rate as a step over its span, its claimant's marker, its direction's arrow."""
    claimant = str(row["claimant"])
    colour = palette.colour(claimant)
    start, stop = row["period_start"], row["period_end"] + DAY
    middle = start + (stop - start) / 2
    ids = str(row["figure_ids"])
    gid = f"figure:{ids}" if ";" not in ids else f"rate:{ids}"
    bound = _bound(row)
    arrows: list[FancyArrowPatch] = []
    if bound == "range":
        low, high = float(row["floor_per_day"]), float(row["ceiling_per_day"])
        ax.fill_between([start, stop], [low, low], [high, high], color=tint(colour, 0.3),
                        edgecolor=colour, linewidth=1.0, gid=gid + ":range")
    y = _level(row)
    ax.add_line(Line2D([start, stop], [y, y], color=colour, linewidth=2.6,
                       solid_capstyle="butt", gid=gid, zorder=3))
    ax.add_line(Line2D([middle], [y], marker=palette.marker(claimant), markersize=7.5,
                       color=colour, markeredgecolor="white", markeredgewidth=0.8,
                       linestyle="none", gid=gid, zorder=4))
    if bound in ("floor", "ceiling"):
        sign = 1 if bound == "floor" else -1
        note = ax.annotate("", xy=(middle, y), xytext=(0, sign * _ARROW_PT),
                           textcoords="offset points", annotation_clip=False,
                           arrowprops={"arrowstyle": "<|-", "color": colour, "lw": 1.4,
                                       "shrinkA": 0, "shrinkB": 4, "mutation_scale": 9})
        note.arrow_patch.set_gid(gid + ":arrow")
        arrows.append(note.arrow_patch)
    top = y if bound != "range" else float(row["ceiling_per_day"])
    bottom = y if bound != "range" else float(row["floor_per_day"])
    box = (float(mdates.date2num(start)), bottom, float(mdates.date2num(stop)), top)
    return arrows, (ax, box)


def _legend(ax: Axes, claimants: Sequence[str], bounds: set[str],
            palette: ClaimantStyles, short: dict[str, str]) -> Legend:
    """Draw the legend in its own axes (above the panels): claimants, then the marks."""
    handles: list[Line2D] = [
        Line2D([], [], color=palette.colour(c), marker=palette.marker(c), markersize=7.5,
               markeredgecolor="white", linewidth=2.6, label=short.get(c, c))
        for c in claimants
    ]
    grey = "#555555"
    marks = {
        "exact": ("s", "exact figure: its average per day"),
        "range": ("s", "floor to ceiling per day"),
        "floor": ("$↑$", "≥ floor ('at least', 'more than'): may be higher"),
        "ceiling": ("$↓$", "≤ ceiling ('almost', 'up to'): may be lower"),
    }
    for bound, (marker, label) in marks.items():
        if bound in bounds:
            handles.append(Line2D([], [], color=grey, marker=marker, markersize=9,
                                  linestyle="none" if bound in ("floor", "ceiling") else "-",
                                  linewidth=2.6, label=label))
    ax.axis("off")
    return ax.legend(handles=handles, loc="upper left", ncols=2, fontsize=FONT,
                     handlelength=1.8, columnspacing=1.2, borderaxespad=0.0)


def _panels(shown: pd.DataFrame, indicators: Sequence[str],
            populations: Sequence[str]) -> list[tuple[str, str]]:
    pairs = set(zip(shown["indicator"].astype(str), shown["population"].astype(str),
                    strict=True))
    return [(i, p) for i in indicators for p in populations if (i, p) in pairs]


def _alt_text(shown: pd.DataFrame, panels: list[tuple[str, str]], units: dict[str, str],
              short: dict[str, str], figs: pd.DataFrame) -> str:
    start, end = shown["period_start"].min(), shown["period_end"].max()
    what = and_list(_panel_title(i, p, units.get(i, "")).lower().removesuffix(" per day")
                    for i, p in panels)
    claimants = and_list(short.get(c, c) for c in dict.fromkeys(shown["claimant"].astype(str)))
    parts = [
        f"Step chart of the average per day over each figure's own span, "
        f"{period_text(start, end)}, one panel each for {what}. "
        f"{len(shown)} claims by {claimants}; each is a horizontal step across exactly its "
        "span, marked as a floor (the rate may be higher), a ceiling (it may be lower) or "
        "exact."
    ]
    for indicator, population in panels:
        part = shown[(shown["indicator"] == indicator) & (shown["population"] == population)]
        title = _panel_title(indicator, population, units.get(indicator, ""))
        steps = "; ".join(label_text(r, figs, short).replace("≥", "at least")
                          .replace("≤", "at most") for _, r in part.iterrows())
        parts.append(f"{title}: {steps}.")
    return " ".join(parts)


@styled
def intensity(tables: ChartTables, indicators: Sequence[str] | None = None) -> Chart:
    """Draw each claim's average per day over its own span: :func:`idlibstats.rates`.

    One panel per indicator and population, months across as gridlines; each total over a
    known span (a ``period_total``, a ``cumulative`` count, or the difference of two of one
    claimant's running totals) is a step over exactly its span at its average per day, in
    its claimant's colour and marker, with an arrow up for a floor ('at least', 'more
    than') and down for a ceiling ('almost', 'up to'). Figures for all of Syria, stocks,
    movements and 'about' figures (no bound) are not drawn; the footnote says which.

    Parameters
    ----------
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`; ``tables.with_figures``
        to draw a filtered frame).
    indicators : sequence of str, optional
        The indicators to draw, in this order; by default those of the ``casualties``
        topic in the ``indicators`` table (killed, injured).

    Returns
    -------
    Chart
        The figure; its ``alt_text`` lists every step drawn.

    Raises
    ------
    ValueError
        If no figure of ``indicators`` is a total over a known span with a floor or a
        ceiling (the message names what is missing).
    """
    figs, short, palette = tables.figures, tables.short, tables.palette
    topics = tables.indicators.set_index("indicator")["topic"].astype(str)
    units = tables.indicators.set_index("indicator")["unit"].astype(str).to_dict()
    if indicators is None:
        indicators = [i for i, t in topics.items() if t == DEFAULT_TOPIC]
    indicators = [str(i) for i in indicators]
    every = _library_rates(figs)
    chosen = every[every["indicator"].isin(indicators)]
    bounded = chosen["floor_per_day"].notna() | chosen["ceiling_per_day"].notna()
    shown, unbounded = chosen[bounded], chosen[~bounded]
    if shown.empty:
        raise ValueError(
            f"no rate to draw: the frame has no total over a known span (measure "
            f"period_total or cumulative, north-west Syria) of {and_list(indicators)} "
            "whose wording gives a floor or a ceiling")
    pop = figs["population"]
    pop_order = ([str(p) for p in pop.cat.categories]
                 if isinstance(pop.dtype, pd.CategoricalDtype) else [])
    pop_order += sorted(set(shown["population"].astype(str)) - set(pop_order))
    panels = _panels(shown, indicators, pop_order)
    by_id = figs.set_index("figure_id", drop=False)

    labels_per_panel = [
        len(shown[(shown["indicator"] == i) & (shown["population"] == p)]) for i, p in panels
    ]
    heights = [0.6 + 0.28 * n for n in labels_per_panel]
    claimants = list(dict.fromkeys(shown.sort_values("period_start")["claimant"].astype(str)))
    bounds = {_bound(r) for _, r in shown.iterrows()}
    legend_rows = (len(claimants) + 1) // 2 + (len(bounds) + 1) // 2
    legend_height = 0.19 * legend_rows
    fig = new_figure(WIDTH, 2.3 + legend_height + sum(heights) + 0.3 * len(panels))
    grid = fig.add_gridspec(len(panels) + 1, 1, height_ratios=[legend_height, *heights])
    legend = _legend(fig.add_subplot(grid[0]), claimants, bounds, palette, short)
    # one time axis for all panels: the same limits, month names under the bottom one
    axes = [fig.add_subplot(grid[i + 1]) for i in range(len(panels))]
    first = shown["period_start"].min().to_period("M").to_timestamp()
    last = (shown["period_end"].max().to_period("M") + 1).to_timestamp()
    labels: list[Annotation] = []
    obstacles: list[Obstacle] = []
    arrows: list[FancyArrowPatch] = []
    for ax, (indicator, population) in zip(axes, panels, strict=True):
        part = shown[(shown["indicator"] == indicator)
                     & (shown["population"] == population)].sort_values(
            ["period_start", "period_end"], kind="stable")
        top = max(max(_level(r), float(r["ceiling_per_day"]) if pd.notna(
            r["ceiling_per_day"]) else 0.0) for _, r in part.iterrows())
        _per_day_axis(ax, top * (1.3 + 0.3 * len(part)))
        _month_axis(ax, first, last, names=ax is axes[-1])
        for _, row in part.iterrows():
            panel_arrows, obstacle = _draw_rate(ax, row, palette)
            arrows += panel_arrows
            obstacles.append(obstacle)
            text = label_text(row, by_id, short)
            labels.append(ax.annotate(
                text, **_label_place(row, text, first, last), textcoords="offset points",
                va="center", fontsize=FONT, color="#222222",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                      "alpha": 0.9},
                arrowprops={"arrowstyle": "-", "color": palette.colour(str(row["claimant"])),
                            "lw": 0.6, "shrinkA": 0, "shrinkB": 2},
                annotation_clip=False,
            ))
        ax.set_title(_panel_title(indicator, population, units.get(indicator, "")),
                     loc="left", fontsize=FONT + 0.5)
        ax.set_ylabel("a day")
        ax.yaxis.set_major_formatter(FuncFormatter(_per_day_tick))
    axes[-1].set_xlabel(f"{_years(first, last - DAY)}: each step spans exactly the days its "
                        "figure counts")
    fig.suptitle("How intense: the average per day over each figure's own span",
                 fontweight="bold", fontsize=TITLE, x=0.01, ha="left")
    notes = [
        "A step is a figure's total divided by the days of its own span: the average per "
        "day over that span, not any one day's or month's figure. Steps are never added, "
        "not even one claimant's. Floors are rounded down, ceilings up."
    ]
    left_out = _left_out(figs, indicators, unbounded, short)
    if left_out:
        notes.append("Not drawn: " + left_out + ".")
    shown_ids = {i for ids in shown["figure_ids"] for i in str(ids).split(";")}
    footnote(fig, figs[figs["figure_id"].isin(shown_ids)], tables.sources,
             tables.organisations, notes)
    labels.sort(key=lambda a: (id(a.axes), a.xy[1]))
    declutter(fig, labels, obstacles, avoid=[legend, *arrows], stack=True)
    leaders_under(labels)
    fig.alt_text = _alt_text(shown, panels, units, short, by_id)
    return fig


def _per_day_axis(ax: Axes, top: float) -> None:
    """Make a per-day axis from 0 to ``top``, with room below 0 for the labels of low steps.

    The room below is white: the axis line is drawn at 0 and no tick is below it.
    """
    ax.set_ylim(-0.14 * top, top)
    ticks = [t for t in MaxNLocator(nbins=3, min_n_ticks=2).tick_values(0, top) if 0 <= t <= top]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.spines["bottom"].set_visible(False)
    ax.axhline(0, color="#333333", linewidth=0.8, zorder=1)


def _per_day_tick(x: float, _pos: int | None = None) -> str:
    """Format a per-day tick: '0.5', '12.5', '7,500' (never '1e+04')."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _years(first: pd.Timestamp, last: pd.Timestamp) -> str:
    return f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"


def _when(row: pd.Series, measure: str) -> str:
    """Return a stock's day, or a movement count's period."""
    if measure == "stock":
        return date_text(row["period_end"])
    return period_text(row["period_start"], row["period_end"])


def _left_out(figs: pd.DataFrame, indicators: Sequence[str], unbounded: pd.DataFrame,
              short: dict[str, str]) -> str:
    """Say which figures of the indicators are not drawn, and why."""
    own = figs[figs["indicator"].astype(str).isin(indicators)]
    measure = own["measure"].astype(str)
    parts = []
    national = own[own["admin1"].astype(str) == "SY"]
    if len(national):
        parts.append(f"{len(national)} figure{'s' if len(national) > 1 else ''} for all of "
                     "Syria (another area; see the context panel of 'what is known per "
                     "month')")
    for what, why in (("stock", "levels on a day, not totals over a span"),
                      ("movements", "movements, not people")):
        rows = own[(measure == what) & (own["admin1"].astype(str) != "SY")]
        if len(rows):
            parts.append(and_list(f"{as_written(r)} ({short.get(r['claimant'], r['claimant'])}"
                                  f", {_when(r, what)})" for _, r in rows.iterrows())
                         + f": {why}")
    if len(unbounded):
        parts.append(and_list(f"{r['wording']} ({short.get(r['claimant'], r['claimant'])})"
                              for _, r in unbounded.iterrows())
                     + ": 'about' gives no floor and no ceiling")
    return "; ".join(parts)
