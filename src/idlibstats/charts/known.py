"""What is known per month: a grid of months by indicator and claimant, from monthly()/spans().

The chart draws what :func:`idlibstats.monthly` and :func:`idlibstats.spans` say, nothing
more: it takes their frames and computes no month figure of its own. Each row group is an
indicator and population (killed: all, civilians, children, fighters; injured; displaced;
airstrikes); each claimant with a figure in it gets a lane. A lane's first line has one cell
per month:

- a month whose count the figures fix (``known``) is a filled cell with its value;
- a floor, a ceiling or both (``floor_only``, ``ceiling_only``, ``range``) is a pale cell
  marked '≥', '≤' or 'low–high';
- a month the figures touch but bound neither way (``span_only``) is a grey cell with nothing
  in it; one whose claimant's figures cannot all be true (``contradiction``) says so;
- a month without any figure (``no_count``) says 'no count', never zero.

Each figure over several months (a row of :func:`idlibstats.spans`) is a bar on a line of
its own below, across the months it touches, with its wording, its period and 'not known per
month'. Figures that count all of Syria (``admin1`` ``SY``) are drawn in a separate context
panel below, never among the north-west's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from idlibstats.charts.data import ChartTables
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import (
    FONT,
    WIDTH,
    ClaimantStyles,
    ink,
    new_figure,
    styled,
    tint,
)
from idlibstats.charts.wording import POPULATION_LABEL, as_written, period_text

#: ``admin1`` of a figure that counts all of Syria.
NATIONAL = "SY"

#: The rows of the chart, top to bottom: (indicator, population, heading, movements).
#: ``movements`` selects OCHA's displacement movements (one person moving twice counts
#: twice), which :func:`idlibstats.monthly` keeps apart from people displaced.
ROWS: tuple[tuple[str, str, str, bool], ...] = (
    ("killed", "all", "Killed: all people", False),
    ("killed", "civilians", "Killed: civilians", False),
    ("killed", "children", "Killed: children", False),
    ("killed", "fighters", "Killed: fighters", False),
    ("injured", "all", "Injured: all people", False),
    ("displaced", "all", "Displaced: people", False),
    ("displaced", "all", "Movements (not people)", True),
    ("airstrikes", "not_applicable", "Airstrikes", False),
)

#: How each ``status`` of :func:`idlibstats.monthly` is drawn: (tint of the claimant's
#: colour, 1 = full; or None for a neutral cell).
_FILLED = ("known",)
_PALE = ("range", "floor_only", "ceiling_only", "level")
_GREY = "#e6e6e6"
_NO_COUNT = "#6b6b6b"

# heights of the lines of a lane, in data units (the y axis runs down)
_HEADING, _CELL, _SPAN = 0.9, 1.3, 0.85


@dataclass
class RowData:
    """One row group of the chart: an indicator and population and what the library says.

    Attributes
    ----------
    heading : str
        The row's title ('Killed: civilians').
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


def cell_text(status: str, low: object, high: object) -> str:
    """Return the text of a month cell: '272', '≥ 32,500', '≤ 1,000', '900–1,000', 'no count'.

    Parameters
    ----------
    status : str
        The row's ``status`` (see :func:`idlibstats.monthly`).
    low, high : int or NA
        The row's bounds; NA means no floor / no ceiling.

    Returns
    -------
    str
        The cell's label, numbers with thousands separators; '' for ``span_only``.
    """
    if status == "no_count":
        return "no count"
    if status == "contradiction":
        return "figures disagree"
    has_low, has_high = not pd.isna(low), not pd.isna(high)
    if has_low and has_high:
        return _fmt(low) if low == high else f"{_fmt(low)}–{_fmt(high)}"
    if has_low:
        return f"≥ {_fmt(low)}"
    if has_high:
        return f"≤ {_fmt(high)}"
    return ""


def _wording(span: pd.Series, figs: pd.DataFrame) -> str:
    """Return the span's wording as the report gives it ('almost 1,000'), or its bounds."""
    ids = [i for i in str(span["figure_ids"]).split(";") if i]
    if len(ids) == 1 and ids[0] in figs.index:
        return as_written(figs.loc[ids[0]])
    return cell_text("span", span["low"], span["high"])


def span_label(span: pd.Series, figs: pd.DataFrame) -> str:
    """Return a span bar's label: its wording, its period and 'not known per month'.

    Parameters
    ----------
    span : pandas.Series
        A row of :func:`idlibstats.spans`.
    figs : pandas.DataFrame
        The package's figures, indexed by ``figure_id`` (for the wording as written).

    Returns
    -------
    str
    """
    period = period_text(pd.Timestamp(span["period_start"]), pd.Timestamp(span["period_end"]))
    return f"{_wording(span, figs)}, {period}: not known per month"


def _month_range(frames: Sequence[pd.DataFrame]) -> pd.PeriodIndex:
    months = [m for f in frames if len(f) for m in (f["month"].min(), f["month"].max())]
    if not months:
        raise ValueError("no month to draw: every monthly() frame is empty")
    return pd.period_range(min(months), max(months), freq="M")


@dataclass
class _Line:
    kind: str  # heading | cells | span
    y: float
    height: float
    label: str
    claimant: str = ""
    items: list = field(default_factory=list)


def _layout(
    rows: Sequence[RowData],
    figs: pd.DataFrame,
    months: pd.PeriodIndex,
    short: dict[str, str],
    month_chars: float,
) -> list[_Line]:
    """Stack the lines of every row: a heading, then per claimant its cells and its spans."""
    lines: list[_Line] = []
    y = 0.0

    def add(kind: str, height: float, label: str, claimant: str = "") -> _Line:
        nonlocal y
        line = _Line(kind, y + height / 2, height, label, claimant)
        lines.append(line)
        y += height
        return line

    first = months[0]
    for row in rows:
        add("heading", _HEADING, row.heading)
        if row.months.empty:
            add("cells", _CELL, "no figure")
            continue
        for claimant in dict.fromkeys(row.months["claimant"]):
            cells = add("cells", _CELL, short.get(claimant, claimant), claimant)
            own = row.months[row.months["claimant"] == claimant]
            cells.items = [r for _, r in own.iterrows()]
            if row.spans.empty:
                continue
            spans = row.spans[row.spans["claimant"] == claimant]
            taken: list[list[tuple[float, float]]] = []
            span_lines: list[_Line] = []
            for _, span in spans.sort_values(["period_start", "period_end"]).iterrows():
                if pd.isna(span["low"]) and pd.isna(span["high"]) and ";" in str(
                        span["figure_ids"]):
                    continue  # a difference that bounds nothing: its month cell says so
                x0 = max(float((span["first_month"] - first).n), 0.0)
                x1 = float((span["last_month"] - first).n) + 1
                width = len(span_label(span, figs)) / month_chars + 0.3
                # the label runs right from the bar's start, or ends at the bar's end when
                # it would run off the chart
                if x0 + width <= len(months) or x1 - width < 0:
                    a, b, ha = x0, max(x1, x0 + width), "left"
                else:
                    a, b, ha = min(x0, x1 - width), x1, "right"
                placed = {"span": span, "ha": ha}
                for n, busy in enumerate(taken):
                    if all(b <= lo or a >= hi for lo, hi in busy):
                        busy.append((a, b))
                        span_lines[n].items.append(placed)
                        break
                else:
                    taken.append([(a, b)])
                    line = add("span", _SPAN, "", claimant)
                    line.items.append(placed)
                    span_lines.append(line)
    return lines


def _draw_lines(
    ax: Axes,
    lines: Sequence[_Line],
    figs: pd.DataFrame,
    months: pd.PeriodIndex,
    palette: ClaimantStyles,
) -> None:
    first, n = months[0], len(months)
    for line in lines:
        if line.kind == "heading":
            ax.axhline(line.y - line.height / 2, color="#999999", linewidth=0.8)
            continue
        colour = palette.colour(line.claimant)
        hatch = palette.hatch(line.claimant)
        h = line.height
        if line.kind == "cells":
            for item in line.items:
                x = (item["month"] - first).n
                if not 0 <= x < n:
                    continue
                _cell(ax, x, line.y, h, item, colour, hatch)
            continue
        for placed in line.items:
            span, ha = placed["span"], placed["ha"]
            x0 = float((span["first_month"] - first).n)
            x1 = float((span["last_month"] - first).n) + 1
            clipped = x0 < 0
            x0 = max(x0, 0.0)
            ax.add_patch(Rectangle(
                (x0 + 0.04, line.y - h * 0.32), x1 - x0 - 0.08, h * 0.64,
                facecolor=tint(colour, 0.28), edgecolor=colour, linewidth=1.0,
                hatch=hatch, hatchcolor=tint(colour, 0.6),
                gid="span:" + str(span["figure_ids"]),
            ))
            label = span_label(span, figs)
            if clipped:
                label = "◀ " + label
            tx = x0 + 0.12 if ha == "left" else x1 - 0.12
            text = ax.text(tx, line.y, label, ha=ha, va="center", fontsize=FONT,
                           color="#111111", clip_on=False,
                           gid="span:" + str(span["figure_ids"]) + ":text")
            text.set_in_layout(False)  # the lane keeps room for it (see _layout)


def _two_lines(text: str) -> str:
    """Break a cell's text that is too wide for a month: 'no count', '≥ 32,500', '900–1,000'."""
    if len(text) < 8:
        return text
    if "–" in text:
        return text.replace("–", "–\n", 1)
    return text.replace(" ", "\n", 1)


def _cell(ax: Axes, x: int, y: float, h: float, item: pd.Series, colour: str,
          hatch: str | None) -> None:
    status = str(item["status"])
    text = _two_lines(cell_text(status, item["low"], item["high"]))
    box = (x + 0.04, y - h * 0.42)
    w, hh = 0.92, h * 0.84
    gid = (f"month:{item['indicator']}:{item['population']}:{item['month']}:"
           f"{item['claimant']}:{status}")
    if status in _FILLED:
        face = colour
        ax.add_patch(Rectangle(box, w, hh, facecolor=face, edgecolor=colour, hatch=hatch,
                               hatchcolor=tint(colour, 0.55), linewidth=1.0, gid=gid))
        ax.text(x + 0.5, y, text, ha="center", va="center", fontsize=FONT, gid=gid + ":text",
                fontweight="bold", color=ink(face),
                bbox={"boxstyle": "square,pad=0.1", "fc": face, "ec": "none"} if hatch
                else None)
    elif status in _PALE:
        face = tint(colour, 0.22)
        ax.add_patch(Rectangle(box, w, hh, facecolor=face, edgecolor=colour, hatch=hatch,
                               hatchcolor=tint(colour, 0.45), linewidth=1.0,
                               linestyle="--" if status == "ceiling_only" else "-", gid=gid))
        ax.text(x + 0.5, y, text, ha="center", va="center", fontsize=FONT, color="#111111",
                linespacing=1.0, gid=gid + ":text",
                bbox={"boxstyle": "square,pad=0.1", "fc": face, "ec": "none"} if hatch
                else None)
    elif status == "no_count":
        ax.add_patch(Rectangle(box, w, hh, facecolor="none", edgecolor="#dddddd",
                               linewidth=0.6, gid=gid))
        ax.text(x + 0.5, y, text, ha="center", va="center", fontsize=FONT, color=_NO_COUNT,
                fontstyle="italic", linespacing=1.0, gid=gid + ":text")
    else:  # span_only (figures touch the month, imply neither bound), or contradiction
        ax.add_patch(Rectangle(box, w, hh, facecolor=_GREY, edgecolor="none", gid=gid))
        if text:
            ax.text(x + 0.5, y, text, ha="center", va="center", fontsize=FONT,
                    color=_NO_COUNT, linespacing=1.0, gid=gid + ":text")


def _frame(lines: Sequence[_Line], ax: Axes, months: pd.PeriodIndex) -> None:
    total = max(line.y + line.height / 2 for line in lines)
    ax.set_xlim(0, len(months))
    ax.set_ylim(total, 0)
    ax.grid(False)
    ticks = [line for line in lines if line.label]
    ax.set_yticks([t.y for t in ticks], [t.label for t in ticks])
    for tick, line in zip(ax.get_yticklabels(), ticks, strict=True):
        if line.kind == "heading":
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.set_xticks([i + 0.5 for i in range(len(months))],
                  [f"{m:%b}" if i and m.month != 1 else f"{m:%b}\n{m:%Y}"
                   for i, m in enumerate(months)])
    ax.tick_params(axis="x", length=0, labeltop=True, labelbottom=True)
    for i in range(1, len(months)):
        ax.axvline(i, color="#eeeeee", linewidth=0.6, zorder=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.xaxis.set_label_position("top")
    ax.set_xlabel("Calendar month")
    ax.set_ylabel("Claimant, under each indicator")


def draw_known_by_month(
    rows: Sequence[RowData],
    figures: pd.DataFrame,
    *,
    context: Sequence[RowData] = (),
    short: dict[str, str] | None = None,
    palette: ClaimantStyles | None = None,
    footnote: Callable[[Figure, pd.DataFrame, list[str]], object] | None = None,
) -> Figure:
    """Draw the 'what is known per month' grid from monthly()/spans() frames.

    Parameters
    ----------
    rows : sequence of RowData
        The north-west's rows, top to bottom.
    figures : pandas.DataFrame
        The package's figures (for each span's wording as written).
    context : sequence of RowData, optional
        Rows drawn in a separate panel below: figures for all of Syria.
    short : dict, optional
        Claimants' short names by ``organisation_id``.
    palette : ClaimantStyles, optional
        The claimants' colours and patterns (:attr:`ChartTables.palette`); without it every
        claimant is drawn in neutral grey.
    footnote : callable, optional
        ``footnote(fig, shown_figures, notes)`` writes the source footnote.

    Returns
    -------
    matplotlib.figure.Figure
    """
    short = short or {}
    palette = palette or ClaimantStyles()
    figs = figures.set_index("figure_id", drop=False)
    months = _month_range([r.months for r in rows])
    label_in = 1.45
    month_pt = (WIDTH - label_in - 0.3) * 72 / len(months)
    month_chars = month_pt / (FONT * 0.58)
    lines = _layout(rows, figs, months, short, month_chars)
    ctx_lines = _layout(context, figs, months, short, month_chars) if context else []
    height_units = sum(line.height for line in lines)
    ctx_units = sum(line.height for line in ctx_lines)
    per_unit = 0.26
    fig = new_figure(WIDTH, 2.9 + per_unit * (height_units + ctx_units + (1.2 if context else 0)))
    if ctx_lines:
        ax, ax_ctx = fig.subplots(2, 1, height_ratios=[height_units + 1.2, ctx_units + 1.2])
    else:
        ax, ax_ctx = fig.add_subplot(), None
    _draw_lines(ax, lines, figs, months, palette)
    _frame(lines, ax, months)
    ax.set_title("Idlib and the north-west: what each claimant's figures say for each month",
                 loc="left")
    if ax_ctx is not None:
        _draw_lines(ax_ctx, ctx_lines, figs, months, palette)
        _frame(ctx_lines, ax_ctx, months)
        ax_ctx.set_title("Context, not Idlib: figures for all of Syria", loc="left")
    fig.suptitle("What is known per month, 2019: only what the figures say for each month",
                 fontweight="bold", fontsize=11.5, x=0.01, ha="left")
    last = ax_ctx if ax_ctx is not None else ax
    last.tick_params(axis="x", labelbottom=False)
    last.legend(handles=_legend(), loc="upper left", bbox_to_anchor=(0.0, 0.0), ncols=2,
                fontsize=FONT, borderaxespad=0.3)
    if footnote is not None:
        ids = {
            i
            for r in [*rows, *context]
            for frame in (r.months, r.spans)
            if len(frame)
            for cell in frame["figure_ids"].astype(str)
            for i in cell.split(";")
            if i
        }
        shown = figures[figures["figure_id"].isin(ids)]
        footnote(fig, shown, [
            "Each cell holds only what the figures imply for that month alone. A figure "
            "over several months gives no month a floor: it is a bar, not shared out. "
            "Lanes are claimants: never add them. Summing one claimant's month floors "
            "gives a floor of its total."
        ])
    return fig


def _legend() -> list[Patch]:
    grey = "#555555"
    return [
        Patch(facecolor=grey, edgecolor=grey, label="the figures fix the month's count"),
        Patch(facecolor=tint(grey, 0.22), edgecolor=grey,
              label="≥ floor, or a range: what the figures imply"),
        Patch(facecolor=tint(grey, 0.22), edgecolor=grey, linestyle="--",
              label="≤ ceiling only"),
        Patch(facecolor=_GREY, edgecolor="none", label="figures touch it, imply no bound"),
        Patch(facecolor=tint(grey, 0.28), edgecolor=grey,
              label="bar: a figure over several months"),
        Patch(facecolor="none", edgecolor="#dddddd", label="no count: no figure, not zero"),
    ]


def _row_data(
    indicator: str, population: str, heading: str, figures: pd.DataFrame,
    *, populations: pd.DataFrame | None, national: bool, movements: bool = False,
) -> RowData:
    from idlibstats.analysis.monthly import monthly, spans

    if not (figures["indicator"].astype(str) == indicator).any():
        return RowData(heading, pd.DataFrame(), pd.DataFrame())
    kwargs = {"populations": populations, "national": national, "movements": movements}
    return RowData(heading, monthly(indicator, population, figures, **kwargs),
                   spans(indicator, population, figures, **kwargs))


@styled
def known_by_month(
    tables: ChartTables,
    rows: Sequence[tuple[str, str, str, bool]] = ROWS,
) -> Figure:
    """Draw what is known per month: :func:`~idlibstats.monthly` and :func:`~idlibstats.spans`.

    North-west rows from the package's figures without the all-Syria ones; a context panel
    below for every indicator and population that has all-Syria figures.

    Parameters
    ----------
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`; ``tables.with_figures``
        to draw a filtered frame).
    rows : sequence of (indicator, population, heading, movements), optional
        The rows to draw, top to bottom (default :data:`ROWS`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    figs = tables.figures
    national = figs["admin1"].astype(str) == NATIONAL
    local, whole = figs[~national], figs[national]
    drawn = [_row_data(i, p, h, local, populations=tables.populations, national=False,
                       movements=mv) for i, p, h, mv in rows]
    pairs = dict.fromkeys(zip(whole["indicator"].astype(str), whole["population"].astype(str),
                              strict=True))
    context = [
        _row_data(i, p, _heading(i, p), whole, populations=tables.populations, national=True)
        for i, p in pairs
    ]
    context = [c for c in context if not c.months.empty or not c.spans.empty]

    def sources_footnote(fig: Figure, shown: pd.DataFrame, notes: list[str]) -> object:
        return footnote(fig, shown, tables.sources, tables.organisations, notes)

    return draw_known_by_month(drawn, figs, context=context, short=tables.short,
                               palette=tables.palette,
                               footnote=sources_footnote)


def _heading(indicator: str, population: str) -> str:
    pop = POPULATION_LABEL.get(population, population.replace("_", " "))
    return f"{indicator.replace('_', ' ').capitalize()}: {pop}, all of Syria".replace(": ,", ",")
