"""What is known per month: months across, one panel per indicator and population.

The chart draws what :func:`idlibstats.monthly` and :func:`idlibstats.spans` say, nothing
more: it takes their frames and computes no month figure of its own, and it reads only their
bounds (``low``, ``high``) and the figures they rest on (``figure_ids``). Each panel is one
indicator and population (killed: all, civilians, children, fighters; injured; displaced;
displacement movements, which are not people; airstrikes), with a lane per claimant. A
lane's first line has one cell per month, in one of these states (each in the legend):

- a number for the month alone (low and high equal): a filled cell with the number;
- a floor and a ceiling: a pale cell with both ('900–1,000');
- a floor only: a pale cell '≥ n'; a ceiling only: a pale cell with a dashed edge '≤ n';
- figures touch the month but give it neither: a grey cell, empty;
- the claimant's figures cannot all be true for the month (``status`` ``contradiction``): a
  grey cell marked '✕';
- no figure touches the month: 'no count', a dash in an open cell, never zero.

Each figure over a span (a row of :func:`idlibstats.spans`) is a bar on a line of its own
below, from its first day to its last (a month is one column, a day a 28th to a 31st of
it), with its wording and period beside it or inside it. Figures that count all of Syria
(``admin1`` ``SY``) are drawn in context panels below, never among the north-west's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory

from idlibstats.charts.chart import Chart
from idlibstats.charts.data import ChartTables
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import (
    FONT,
    TITLE,
    WIDTH,
    ClaimantStyles,
    ink,
    new_figure,
    styled,
    tint,
)
from idlibstats.charts.wording import (
    DAY,
    and_list,
    as_written,
    period_text,
    population_text,
)

#: ``admin1`` of a figure that counts all of Syria.
NATIONAL = "SY"

#: The panels of the chart, top to bottom: (indicator, population, heading, movements).
#: ``movements`` selects OCHA's displacement movements (one person moving twice counts
#: twice), which :func:`idlibstats.monthly` keeps apart from people displaced.
ROWS: tuple[tuple[str, str, str, bool], ...] = (
    ("killed", "all", "Killed: all people", False),
    ("killed", "civilians", "Killed: civilians", False),
    ("killed", "children", "Killed: children", False),
    ("killed", "fighters", "Killed: fighters", False),
    ("injured", "all", "Injured: all people", False),
    ("displaced", "all", "Displaced: people", False),
    ("displaced", "all", "Displacement movements (not people)", True),
    ("airstrikes", "not_applicable", "Airstrikes", False),
)

#: The states of a month cell, in the legend's order: (key, legend text).
STATES: tuple[tuple[str, str], ...] = (
    ("exact", "a number for the month alone"),
    ("range", "a floor and a ceiling for the month"),
    ("floor", "≥ a floor: the month had at least this"),
    ("ceiling", "≤ a ceiling: the month had at most this"),
    ("unbounded", "figures touch the month, none bounds it alone"),
    ("contradiction", "✕ the claimant's figures cannot all be true"),
    ("level", "a level on a day in the month (a stock), not a count over it"),
    ("no_count", "— no count: no figure touches the month (not zero)"),
)
_GREY = "#e6e6e6"
_NO_COUNT = "#6b6b6b"

# heights of the lines of a lane, in data units (the y axis runs down)
_CELL, _TALL_CELL, _SPAN = 1.3, 1.9, 0.8
_LABEL_IN = 1.45  # width of the lane labels, in inches
_CHAR_PT = FONT * 0.62  # a conservative width of one character of the labels, in points


@dataclass
class RowData:
    """One panel of the chart: an indicator and population and what the library says.

    Attributes
    ----------
    heading : str
        The panel's title ('Killed: civilians').
    months : pandas.DataFrame
        :func:`idlibstats.monthly` for the indicator and population (may be empty).
    spans : pandas.DataFrame
        :func:`idlibstats.spans` for the same (may be empty).
    """

    heading: str
    months: pd.DataFrame
    spans: pd.DataFrame = field(default_factory=pd.DataFrame)


def _fmt(n: object) -> str:
    return f"{int(n):,}"  # type: ignore[call-overload]


def cell_state(low: object, high: object, figure_ids: object, status: object = "") -> str:
    """Return the state of a month cell from its bounds and the figures it rests on.

    Parameters
    ----------
    low, high : int or NA
        The month's floor and ceiling (:func:`idlibstats.monthly`); NA means none.
    figure_ids : str
        The figures touching the month, ';'-joined ('' or NA: none).
    status : str, optional
        The month's ``status``; only ``contradiction`` (the claimant's figures cannot all
        be true) and ``level`` (a stock on a day: never a count over the month) are read,
        everything else follows from the bounds.

    Returns
    -------
    str
        One of the keys of :data:`STATES`.
    """
    if status in ("contradiction", "level"):
        return str(status)
    has_low, has_high = not pd.isna(low), not pd.isna(high)
    if has_low and has_high:
        return "exact" if low == high else "range"
    if has_low:
        return "floor"
    if has_high:
        return "ceiling"
    touched = not pd.isna(figure_ids) and bool(str(figure_ids).strip(";"))
    return "unbounded" if touched else "no_count"


def cell_text(status: str, low: object, high: object) -> str:
    """Return the text of a month cell: '272', '≥ 32,500', '≤ 1,000', '900–1,000', '—'.

    Parameters
    ----------
    status : str
        The row's ``status`` (see :func:`idlibstats.monthly`); only ``no_count`` and
        ``contradiction`` are read, everything else follows from the bounds.
    low, high : int or NA
        The row's bounds; NA means no floor / no ceiling.

    Returns
    -------
    str
        The cell's label, numbers with thousands separators; '—' (no count) for a month no
        figure touches, '✕' for one whose figures cannot all be true, '' for a month that
        figures touch without bounding it.
    """
    if status == "no_count":
        return "—"
    if status == "contradiction":
        return "✕"
    state = cell_state(low, high, "touched")
    if state == "exact":
        return _fmt(low)
    if state == "range":
        return f"{_fmt(low)}–{_fmt(high)}"
    if state == "floor":
        return f"≥ {_fmt(low)}"
    if state == "ceiling":
        return f"≤ {_fmt(high)}"
    return ""


#: The widest cell text that fits a month on one line, in characters.
_ONE_LINE = 5


def _two_lines(text: str) -> str:
    """Break a cell's text that is too wide for a month: '≥ 32,500', '900–1,000'."""
    if len(text) <= _ONE_LINE:
        return text
    if "–" in text:
        return text.replace("–", "–\n", 1)
    return text.replace(" ", "\n", 1)


def _wording(span: Mapping[str, Any], figs: pd.DataFrame) -> str:
    """Return the span's wording as the report gives it ('almost 1,000'), or its bounds."""
    ids = [i for i in str(span["figure_ids"]).split(";") if i]
    if len(ids) == 1 and ids[0] in figs.index:
        return as_written(figs.loc[ids[0]])
    return _bounds_words(span)


def span_label(span: Mapping[str, Any], figs: pd.DataFrame) -> str:
    """Return a span bar's label: its wording and its period.

    Parameters
    ----------
    span : pandas.Series or mapping
        A row of :func:`idlibstats.spans` (a Series, or a dict of ``to_dict("records")``).
    figs : pandas.DataFrame
        The package's figures, indexed by ``figure_id`` (for the wording as written).

    Returns
    -------
    str
        E.g. ``'almost 1,000, 30 Apr–31 Aug 2019'``.
    """
    period = period_text(pd.Timestamp(span["period_start"]), pd.Timestamp(span["period_end"]))
    return f"{_wording(span, figs)}, {period}"


def _x(day: pd.Timestamp, first: pd.Period) -> float:
    """Return a day's position on the month axis: its month's column plus its share of it."""
    day = pd.Timestamp(day)
    return (day.to_period("M") - first).n + (day.day - 1) / day.days_in_month


def _month_range(frames: Sequence[pd.DataFrame]) -> pd.PeriodIndex:
    months = [m for f in frames if len(f) for m in (f["month"].min(), f["month"].max())]
    if not months:
        raise ValueError("no month to draw: the frame has no figure of the chart's indicators "
                         "and populations (killed, injured, displaced, airstrikes)")
    return pd.period_range(min(months), max(months), freq="M")


@dataclass
class _Line:
    kind: str  # cells | span
    y: float
    height: float
    label: str
    claimant: str = ""
    items: list = field(default_factory=list)


@dataclass
class _Placed:
    """A span bar on a line, and where its label goes."""

    span: Mapping[str, Any]
    text: str
    x0: float  # bar start, month units (clipped at 0)
    x1: float  # bar end
    clipped: bool
    where: str  # inside | right | left
    lo: float  # the stretch of the line the bar and its label take
    hi: float


def _place(span: Mapping[str, Any], figs: pd.DataFrame, first: pd.Period, n: int,
           month_chars: float) -> _Placed:
    """Place a span's bar at its dates and its label inside it, right of it or left of it."""
    x0 = _x(span["period_start"], first)
    x1 = _x(pd.Timestamp(span["period_end"]) + DAY, first)
    clipped = x0 < 0
    x0 = max(x0, 0.0)
    text = ("◀ " if clipped else "") + span_label(span, figs)
    width = (len(text) + 1) / month_chars
    gap = 0.08
    if x1 - x0 >= width + 2 * gap:
        return _Placed(span, text, x0, x1, clipped, "inside", x0, x1)
    if x1 + gap + width <= n:
        return _Placed(span, text, x0, x1, clipped, "right", x0, x1 + gap + width)
    if x0 - gap - width >= 0:
        return _Placed(span, text, x0, x1, clipped, "left", x0 - gap - width, x1)
    return _Placed(span, text, x0, x1, clipped, "right", x0, x1 + gap + width)


def _layout(row: RowData, figs: pd.DataFrame, months: pd.PeriodIndex,
            short: dict[str, str], month_chars: float) -> list[_Line]:
    """Stack a panel's lines: per claimant its month cells, then its span bars."""
    lines: list[_Line] = []
    y = 0.0

    def add(kind: str, height: float, label: str, claimant: str = "") -> _Line:
        nonlocal y
        line = _Line(kind, y + height / 2, height, label, claimant)
        lines.append(line)
        y += height
        return line

    first = months[0]
    # each month row once, as a dict (cheaper to read than a Series per row)
    records = row.months.to_dict("records")
    # the spans in date order once for the panel (a stable sort: each claimant's spans in
    # the order sorting its own would give), not a filter, a sort and a copy per claimant
    spans = [] if row.spans.empty else row.spans.sort_values(
        ["period_start", "period_end"], kind="stable").to_dict("records")
    for claimant in dict.fromkeys(row.months["claimant"].astype(str)):
        items = [r for r in records if r["claimant"] == claimant]
        tall = any("\n" in _two_lines(cell_text(str(r["status"]), r["low"], r["high"]))
                   for r in items)
        cells = add("cells", _TALL_CELL if tall else _CELL, short.get(claimant, claimant),
                    claimant)
        cells.items = items
        if row.spans.empty:
            continue
        span_lines: list[_Line] = []
        for span in (s for s in spans if s["claimant"] == claimant):
            if pd.isna(span["low"]) and pd.isna(span["high"]) and ";" in str(
                    span["figure_ids"]):
                continue  # a difference that bounds nothing: its month cells say so
            placed = _place(span, figs, first, len(months), month_chars)
            for line in span_lines:
                if all(placed.hi + 0.1 <= p.lo or placed.lo >= p.hi + 0.1 for p in line.items):
                    line.items.append(placed)
                    break
            else:
                line = add("span", _SPAN, "", claimant)
                line.items.append(placed)
                span_lines.append(line)
    return lines


def _draw_cell(ax: Axes, x: int, y: float, h: float, item: Mapping[str, Any], colour: str,
               hatch: str | None) -> str:
    state = cell_state(item["low"], item["high"], item["figure_ids"], item["status"])
    text = _two_lines(cell_text("no_count" if state == "no_count" else str(item["status"]),
                                item["low"], item["high"]))
    box = (x + 0.025, y - h * 0.42)
    w, hh = 0.95, h * 0.84
    gid = (f"month:{item['indicator']}:{item['population']}:{item['month']}:"
           f"{item['claimant']}:{item['status']}")
    # add_artist, not add_patch: the panel's limits are set in _frame, so the cells need
    # not grow the data limits (most of the cost of drawing a few hundred cells)
    if state == "exact":
        face = colour
        ax.add_artist(Rectangle(box, w, hh, facecolor=face, edgecolor=colour, hatch=hatch,
                               hatchcolor=tint(colour, 0.55), linewidth=1.0, gid=gid))
        ax.text(x + 0.5, y, text, ha="center", va="center", fontsize=FONT, gid=gid + ":text",
                fontweight="bold", color=ink(face), linespacing=1.0,
                bbox={"boxstyle": "square,pad=0.05", "fc": face, "ec": "none"} if hatch
                else None)
    elif state in ("range", "floor", "ceiling", "level"):
        face = tint(colour, 0.22)
        ax.add_artist(Rectangle(box, w, hh, facecolor=face, edgecolor=colour, hatch=hatch,
                               hatchcolor=tint(colour, 0.45), linewidth=1.0,
                               linestyle={"ceiling": "--", "level": ":"}.get(state, "-"),
                               gid=gid))
        ax.text(x + 0.5, y, text, ha="center", va="center", fontsize=FONT, color="#111111",
                linespacing=1.0, gid=gid + ":text",
                bbox={"boxstyle": "square,pad=0.05", "fc": face, "ec": "none"} if hatch
                else None)
    elif state == "no_count":
        ax.add_artist(Rectangle(box, w, hh, facecolor="none", edgecolor="#dddddd",
                               linewidth=0.6, gid=gid))
        ax.text(x + 0.5, y, text, ha="center", va="center", fontsize=FONT, color=_NO_COUNT,
                gid=gid + ":text")
    else:  # figures touch the month but give it no bound of its own, or contradict
        ax.add_artist(Rectangle(box, w, hh, facecolor=_GREY, edgecolor="none", gid=gid))
        if state == "contradiction":
            ax.text(x + 0.5, y, text, ha="center", va="center", fontsize=FONT,
                    color="#111111", gid=gid + ":text")
    return state


def _draw_lines(ax: Axes, lines: Sequence[_Line], months: pd.PeriodIndex,
                palette: ClaimantStyles) -> set[str]:
    """Draw a panel's cells and span bars; return the cell states drawn."""
    first, n = months[0], len(months)
    states: set[str] = set()
    for line in lines:
        colour = palette.colour(line.claimant)
        hatch = palette.hatch(line.claimant)
        h = line.height
        if line.kind == "cells":
            for item in line.items:
                x = (item["month"] - first).n
                if 0 <= x < n:
                    states.add(_draw_cell(ax, x, line.y, h, item, colour, hatch))
            continue
        for placed in line.items:
            gid = "span:" + str(placed.span["figure_ids"])
            # a bar that holds its label is as tall as the text; one beside it, thinner
            share = 0.85 if placed.where == "inside" else 0.6
            ax.add_artist(Rectangle(
                (placed.x0, line.y - h * share / 2), placed.x1 - placed.x0, h * share,
                facecolor=tint(colour, 0.35), edgecolor=colour, linewidth=1.0,
                hatch=hatch, hatchcolor=tint(colour, 0.6), gid=gid,
            ))
            pad = 0.08
            if placed.where == "inside":
                tx, ha = placed.x0 + pad, "left"
            elif placed.where == "right":
                tx, ha = placed.x1 + pad, "left"
            else:
                tx, ha = placed.x0 - pad, "right"
            text = ax.text(tx, line.y, placed.text, ha=ha, va="center", fontsize=FONT,
                           color="#111111", clip_on=False, gid=gid + ":text",
                           bbox={"boxstyle": "square,pad=0.05", "fc": tint(colour, 0.35),
                                 "ec": "none"} if placed.where == "inside" and hatch
                           else None)
            text.set_in_layout(False)  # the line keeps room for it (see _layout)
    return states


def _frame(ax: Axes, lines: Sequence[_Line], months: pd.PeriodIndex, title: str) -> None:
    total = max(line.y + line.height / 2 for line in lines)
    ax.set_xlim(0, len(months))
    ax.set_ylim(total, 0)
    ax.grid(False)
    ticks = [line for line in lines if line.label]
    ax.set_yticks([t.y for t in ticks], [t.label for t in ticks])
    ax.tick_params(axis="y", length=0)
    ax.set_xticks([])  # the month names are written once, above the panels
    ax.vlines(range(1, len(months)), 0, 1, transform=ax.get_xaxis_transform(),
              colors="#dddddd", linewidth=0.6, zorder=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["top"].set_visible(True)
    ax.spines["top"].set_color("#999999")
    ax.set_title(title, loc="left", fontsize=FONT + 0.5, pad=3)


def _legend(ax: Axes, states: set[str], spans: bool) -> Legend:
    """Draw the legend in its own axes: every cell state drawn, and the span bar."""
    grey = "#555555"
    look = {
        "exact": {"facecolor": grey, "edgecolor": grey},
        "range": {"facecolor": tint(grey, 0.22), "edgecolor": grey},
        "floor": {"facecolor": tint(grey, 0.22), "edgecolor": grey},
        "ceiling": {"facecolor": tint(grey, 0.22), "edgecolor": grey, "linestyle": "--"},
        "unbounded": {"facecolor": _GREY, "edgecolor": "none"},
        "contradiction": {"facecolor": _GREY, "edgecolor": "none"},
        "level": {"facecolor": tint(grey, 0.22), "edgecolor": grey, "linestyle": ":"},
        "no_count": {"facecolor": "none", "edgecolor": "#bbbbbb"},
    }
    handles = [Patch(label=text, **look[key]) for key, text in STATES if key in states]
    if spans:
        handles.append(Patch(facecolor=tint(grey, 0.35), edgecolor=grey,
                             label="bar: a figure over a span, at its dates, not split "
                                   "into months"))
    ax.axis("off")
    # from the figure's left edge (the lane labels' margin is free above the panels), and
    # out of the layout, so that its width does not narrow the months
    legend = ax.legend(handles=handles, loc="upper left", ncols=2, fontsize=FONT,
                       borderaxespad=0.0, handlelength=1.6, columnspacing=1.0,
                       bbox_to_anchor=(0.015, 1.0),
                       bbox_transform=blended_transform_factory(ax.figure.transFigure,
                                                                ax.transAxes))
    legend.set_in_layout(False)
    return legend


def draw_known_by_month(
    rows: Sequence[RowData],
    figures: pd.DataFrame,
    *,
    context: Sequence[RowData] = (),
    short: dict[str, str] | None = None,
    palette: ClaimantStyles | None = None,
    footnote: Callable[[Figure, pd.DataFrame, list[str]], object] | None = None,
) -> Chart:
    """Draw the 'what is known per month' panels from monthly()/spans() frames.

    Parameters
    ----------
    rows : sequence of RowData
        The north-west's panels, top to bottom; those without months are left out.
    figures : pandas.DataFrame
        The package's figures (for each span's wording as written).
    context : sequence of RowData, optional
        Panels drawn below, titled as context: figures for all of Syria.
    short : dict, optional
        Claimants' short names by ``organisation_id``.
    palette : ClaimantStyles, optional
        The claimants' colours and patterns (:attr:`ChartTables.palette`); without it every
        claimant is drawn in neutral grey.
    footnote : callable, optional
        ``footnote(fig, shown_figures, notes)`` writes the source footnote.

    Returns
    -------
    Chart
        The figure; its ``alt_text`` says what each panel shows.

    Raises
    ------
    ValueError
        If no panel has a month to draw.
    """
    short = short or {}
    palette = palette or ClaimantStyles()
    figs = figures.set_index("figure_id", drop=False)
    rows = [r for r in rows if not r.months.empty]
    context = [r for r in context if not r.months.empty]
    # the north-west's months; all of Syria's are drawn within them (the war's toll since
    # 2011 is cut at the first month, and says so)
    months = _month_range([r.months for r in (rows or context)])
    month_pt = (WIDTH - _LABEL_IN - 0.3) * 72 / len(months)
    month_chars = month_pt / _CHAR_PT
    panels = [(r, _layout(r, figs, months, short, month_chars), False) for r in rows]
    panels += [(r, _layout(r, figs, months, short, month_chars), True) for r in context]
    units = [sum(line.height for line in lines) + 1.0 for _, lines, _ in panels]
    per_unit = 0.25
    legend_in = 0.85
    fig = new_figure(WIDTH, 2.6 + legend_in + per_unit * sum(units))
    grid = fig.add_gridspec(len(panels) + 2, 1,
                            height_ratios=[legend_in / per_unit, 1.6, *units])
    header = fig.add_subplot(grid[1])
    axes = [fig.add_subplot(grid[i + 2]) for i in range(len(panels))]
    states: set[str] = set()
    for ax, (row, lines, is_context) in zip(axes, panels, strict=True):
        states |= _draw_lines(ax, lines, months, palette)
        title = row.heading + (" (context: all of Syria, not Idlib)" if is_context else "")
        _frame(ax, lines, months, title)
    _month_header(header, months)
    any_spans = any(line.kind == "span" for _, lines, _ in panels for line in lines)
    _legend(fig.add_subplot(grid[0]), states, any_spans)
    fig.suptitle("What is known per month, 2019: only what the figures say for each month "
                 "alone", fontweight="bold", fontsize=TITLE, x=0.01, ha="left")
    shown_rows = [*rows, *context]
    ids = {
        i
        for r in shown_rows
        for frame in (r.months, r.spans)
        if len(frame)
        for cell in frame["figure_ids"].astype(str)
        for i in cell.split(";")
        if i
    }
    if footnote is not None:
        footnote(fig, figures[figures["figure_id"].isin(ids)], [
            "Each cell holds only what the figures imply for that month alone; a figure "
            "over a span is a bar at its dates, never shared out over the months it "
            "touches. Lanes are claimants: never add them."
        ])
    fig.alt_text = _alt_text(rows, context, months, short, figs)
    return fig


def _month_header(ax: Axes, months: pd.PeriodIndex) -> None:
    """Write the month names once, above the panels, and what the lanes are."""
    ax.set_xlim(0, len(months))
    ax.set_ylim(0, 1)
    ax.axis("off")
    for i, m in enumerate(months):
        name = f"{m:%b}" if i and m.month != 1 else f"{m:%b}\n{m:%Y}"
        ax.text(i + 0.5, 0.05, name, ha="center", va="bottom", fontsize=FONT,
                fontweight="bold", linespacing=1.1)
    ax.text(-0.15, 0.05, "claimant", ha="right", va="bottom", fontsize=FONT,
            fontstyle="italic", color="#555555")


def _alt_text(rows: Sequence[RowData], context: Sequence[RowData], months: pd.PeriodIndex,
              short: dict[str, str], figs: pd.DataFrame) -> str:
    """Describe the grid from the frames it draws: each panel's numbers, floors and spans."""
    every = [*rows, *context]
    claimants = and_list(short.get(c, c) for r in every
                         for c in dict.fromkeys(r.months["claimant"].astype(str)))
    headings = [r.heading.lower() for r in rows]
    headings += [f"{r.heading.lower()} (all of Syria, context)" for r in context]
    parts = [
        f"Grid of what the figures say for each calendar month, {months[0]:%b %Y} to "
        f"{months[-1]:%b %Y}, one panel per indicator and population "
        f"({and_list(headings)}), a lane per claimant ({claimants})."
    ]
    for n, row in enumerate(every):
        said = []
        for cell in row.months.to_dict("records"):
            state = cell_state(cell["low"], cell["high"], cell["figure_ids"], cell["status"])
            if state in ("no_count", "unbounded"):
                continue
            if state == "contradiction":
                said.append(f"{cell['month']:%b}: the figures of "
                            f"{short.get(cell['claimant'], cell['claimant'])} cannot all be "
                            "true")
                continue
            text = cell_text(str(cell["status"]), cell["low"], cell["high"])
            text = text.replace("≥ ", "at least ").replace("≤ ", "at most ")
            said.append(f"{cell['month']:%b}: {text} "
                        + ("on one day, a level (a stock) " if state == "level" else "")
                        + f"({short.get(cell['claimant'], cell['claimant'])})")
        spans = [f"{span_label(s, figs)} ({short.get(s['claimant'], s['claimant'])})"
                 for s in row.spans.to_dict("records")
                 if not (pd.isna(s["low"]) and pd.isna(s["high"]))] if len(row.spans) else []
        heading = row.heading + (" (all of Syria)" if n >= len(rows) else "")
        text = f"{heading}: " + ("; ".join(said) if said else "no month has a bound")
        if spans:
            text += "; over spans, not split into months: " + "; ".join(spans)
        parts.append(text + ".")
    parts.append("Every other month has no figure (no count, not zero) or only figures over "
                 "longer spans, which give it no bound of its own.")
    return " ".join(parts)


def _bounds_words(span: Mapping[str, Any]) -> str:
    """Return a span's bounds in words: '272', '900 to 1,000', 'at least 30', 'at most 100'."""
    low, high = span["low"], span["high"]
    if not pd.isna(low) and not pd.isna(high):
        return _fmt(low) if low == high else f"{_fmt(low)} to {_fmt(high)}"
    if not pd.isna(low):
        return f"at least {_fmt(low)}"
    return f"at most {_fmt(high)}" if not pd.isna(high) else "no bound"


def _row_data(
    indicator: str, population: str, heading: str, figures: pd.DataFrame,
    *, populations: pd.DataFrame | None, national: bool, movements: bool = False,
) -> RowData:
    from idlibstats.analysis.monthly import monthly_and_spans

    chosen = figures[(figures["indicator"].astype(str) == indicator)
                     & (figures["population"].astype(str) == population)]
    measure = chosen["measure"].astype(str)
    if not ((measure == "movements") if movements else (measure != "movements")).any():
        return RowData(heading, pd.DataFrame(), pd.DataFrame())
    kwargs = {"populations": populations, "national": national, "movements": movements}
    return RowData(heading, *monthly_and_spans(indicator, population, figures, **kwargs))


@styled
def known_by_month(
    tables: ChartTables,
    rows: Sequence[tuple[str, str, str, bool]] = ROWS,
) -> Chart:
    """Draw what is known per month: :func:`~idlibstats.monthly` and :func:`~idlibstats.spans`.

    North-west panels from the package's figures without the all-Syria ones; context
    panels below for every indicator and population that has all-Syria figures.

    Parameters
    ----------
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`; ``tables.with_figures``
        to draw a filtered frame).
    rows : sequence of (indicator, population, heading, movements), optional
        The panels to draw, top to bottom (default :data:`ROWS`); a panel without figures
        is left out.

    Returns
    -------
    Chart

    Raises
    ------
    ValueError
        If none of ``rows`` has a figure, north-west or all of Syria.
    """
    figs = tables.figures
    national = figs["admin1"].astype(str) == NATIONAL
    local, whole = figs[~national], figs[national]
    drawn = [_row_data(i, p, h, local, populations=tables.populations, national=False,
                       movements=mv) for i, p, h, mv in rows]
    pairs = dict.fromkeys(zip(whole["indicator"].astype(str), whole["population"].astype(str),
                              strict=True))
    context = [_row_data(i, p, _heading(i, p), whole, populations=tables.populations,
                         national=True) for i, p in pairs]

    def sources_footnote(fig: Figure, shown: pd.DataFrame, notes: list[str]) -> object:
        return footnote(fig, shown, tables.sources, tables.organisations, notes)

    return draw_known_by_month(drawn, figs, context=context, short=tables.short,
                               palette=tables.palette, footnote=sources_footnote)


def _heading(indicator: str, population: str) -> str:
    pop = population_text(population)
    return f"{indicator.replace('_', ' ').capitalize()}: {pop}".rstrip(": ")
