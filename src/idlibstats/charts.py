"""Charts of the reported figures, shared by the notebooks and the README images.

Every chart is drawn from the package through the library's loaders, so the notebooks hold no
plotting logic of their own and ``python -m idlibstats.charts docs/img`` redraws the README's
PNGs from the same code. The charts follow the package's method:

- a figure is a claim: each is drawn in its claimant's colour, with its wording as written;
- a figure over a span is drawn as a span, a figure as of a date as a marker;
- lower bounds ('at least', 'more than') are drawn open-ended, with an upward arrow or an
  arrow to the axis edge; 'almost' and 'about' as the range the library derives;
- figures by different claimants are never joined by a line, and never added;
- a breakdown (children within all people killed) is drawn inside its total, not beside it;
- every chart carries a footnote naming the claimant and the report of each figure shown.

The palette is Okabe and Ito's colour-blind-safe set, one fixed colour per claimant.
"""

from __future__ import annotations

import argparse
import functools
import os
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import ParamSpec

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import Bbox

from idlibstats.bounds import bounds as _library_bounds
from idlibstats.claims import reconcile as _library_reconcile
from idlibstats.load import corroborations as load_corroborations
from idlibstats.load import figures as load_figures
from idlibstats.load import organisations as load_organisations
from idlibstats.load import sources as load_sources

__all__ = [
    "CHARTS",
    "CLAIMANT_COLOURS",
    "FIRST_DAYS_GROUP",
    "NEUTRAL_GREY",
    "OKABE_ITO",
    "SOURCE_NOTE_GID",
    "claimant_colour",
    "coverage_timeline",
    "deaths_by_month",
    "displacement_points",
    "first_days_claims",
    "footnote_text",
    "main",
    "save_charts",
    "source_note",
    "strikes_chart",
]

PathArg = str | os.PathLike[str] | None
P = ParamSpec("P")
#: An axes and a box in its data coordinates (x0, y0, x1, y1) that labels must not cover.
Obstacle = tuple[Axes, tuple[float, float, float, float]]

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

#: Neutral grey for figures no one is named for (claimant ``unattributed``) and for
#: claimants the palette does not know yet.
NEUTRAL_GREY = "#999999"

#: One fixed colour per claimant (organisations.organisation_id), the same in every chart.
CLAIMANT_COLOURS: dict[str, str] = {
    "syrian_civil_defence": OKABE_ITO["blue"],
    "sohr": OKABE_ITO["vermillion"],
    "uossm": OKABE_ITO["bluish_green"],
    "ocha": OKABE_ITO["sky_blue"],
    "un": OKABE_ITO["reddish_purple"],
    "snhr": OKABE_ITO["orange"],
    "amn": OKABE_ITO["yellow"],
    "unnamed_websites": OKABE_ITO["black"],
    "unattributed": NEUTRAL_GREY,
}

#: The claim group of the offensive's first days: Civil Defence, UOSSM and SOHR compete.
FIRST_DAYS_GROUP = "killed-2019-04-30-to-05-04"

#: ``gid`` of the footnote :class:`~matplotlib.text.Text` that names each chart's sources.
SOURCE_NOTE_GID = "source-note"

_DAY = pd.Timedelta(days=1)
_YEAR_START = pd.Timestamp("2019-01-01")
_YEAR_END = pd.Timestamp("2020-01-01")
_DPI = 150
_STYLE = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "hatch.linewidth": 0.8,
    "figure.dpi": 100,
    "savefig.dpi": _DPI,
}
_POPULATION_LABEL = {
    "all": "people",
    "civilians": "civilians",
    "children": "children",
    "women": "women",
    "women_and_children": "women and children",
    "fighters": "fighters",
    "pro_government_fighters": "pro-government fighters",
    "opposition_fighters": "opposition fighters",
    "not_applicable": "",
}
_BREAKDOWN_HATCHES = ("////", "\\\\\\\\", "xxxx")


# --------------------------------------------------------------------------- helpers


def claimant_colour(claimant: str) -> str:
    """Return the fixed colour of a claimant (grey for one the palette does not know).

    Parameters
    ----------
    claimant : str
        An ``organisations.organisation_id``, e.g. ``"sohr"``.

    Returns
    -------
    str
        A hex colour from :data:`OKABE_ITO`, or :data:`NEUTRAL_GREY`.
    """
    return CLAIMANT_COLOURS.get(str(claimant), NEUTRAL_GREY)


def _gid(row: pd.Series) -> str:
    """Return the ``gid`` of the artist drawing a figure: ``figure:<figure_id>``."""
    return f"figure:{row['figure_id']}"


def _date(ts: pd.Timestamp) -> str:
    return f"{ts.day} {ts:%b %Y}"


def _period(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return _date(start)
    if start.year == end.year:
        if start.month == end.month and start.day == 1 and (end + _DAY).day == 1:
            return f"{start:%B %Y}"
        return f"{start.day} {start:%b}–{_date(end)}"
    return f"{_date(start)}–{_date(end)}"


def _days(row: pd.Series) -> int:
    return int((row["period_end"] - row["period_start"]).days) + 1


def _thousands(x: float, _pos: int | None = None) -> str:
    return f"{x:,.0f}"


def _names(orgs: pd.DataFrame) -> dict[str, str]:
    return dict(zip(orgs["organisation_id"], orgs["name"], strict=True))


def _short_names(orgs: pd.DataFrame) -> dict[str, str]:
    names = _names(orgs)
    short = {
        "sohr": "SOHR",
        "syrian_civil_defence": "Civil Defence",
        "uossm": "UOSSM",
        "ocha": "OCHA",
        "un": "'the UN'",
        "snhr": "SNHR",
        "unattributed": "no claimant named",
        "unnamed_websites": "unnamed websites",
    }
    return {k: short.get(k, v) for k, v in names.items()}


def _with_bounds(figs: pd.DataFrame) -> pd.DataFrame:
    """Figures with the library's ``low`` / ``best`` / ``high`` (high <NA> = open)."""
    out = _library_bounds(figs)
    return out.reset_index(drop=True)


def _is_open(row: pd.Series) -> bool:
    return bool(pd.isna(row["high"]))


def _wrap(text: str, width_in: float, fontsize: float) -> str:
    chars = max(40, int(width_in * 72 / (fontsize * 0.56)))
    return "\n".join(
        textwrap.fill(par, chars, break_on_hyphens=False) for par in text.split("\n")
    )


def source_note(
    figs: pd.DataFrame,
    sources: pd.DataFrame | None = None,
    organisations: pd.DataFrame | None = None,
) -> str:
    """Return the footnote naming, for each claimant shown, the reports that relay it.

    Built from the data: the claimant's name (``organisations.name``) and each report's
    publisher and publication date (``sources``); a publisher or date the curators inferred
    is starred.

    Parameters
    ----------
    figs : pandas.DataFrame
        The figures a chart shows (rows of :func:`idlibstats.figures`).
    sources, organisations : pandas.DataFrame, optional
        The package's tables; loaded when not given.

    Returns
    -------
    str
        One line of text, e.g. ``"Sources (claimant: report): Syrian Civil Defence: The New
        Arab, 6 Jun 2019* | ..."``.
    """
    srcs = load_sources() if sources is None else sources
    orgs = load_organisations() if organisations is None else organisations
    names = _names(orgs)
    merged = figs[["claimant", "source_id"]].merge(srcs, on="source_id", how="left")
    merged = merged.sort_values(["published", "source_id"], kind="stable")
    starred = False
    parts = []
    for claimant in dict.fromkeys(merged["claimant"]):
        reports = merged[merged["claimant"] == claimant].drop_duplicates("source_id")
        texts = []
        for _, rep in reports.iterrows():
            pub_star = "*" if rep["publisher_basis"] == "inferred" else ""
            date_star = "*" if rep["published_basis"] == "inferred" else ""
            starred = starred or bool(pub_star or date_star)
            texts.append(f"{rep['publisher']}{pub_star} {_date(rep['published'])}{date_star}")
        parts.append(f"{names.get(claimant, claimant)}: {', '.join(texts)}")
    note = "Sources (claimant: report): " + " | ".join(parts) + "."
    if starred:
        note += " * publisher or publication date inferred by the curators."
    return note


def footnote_text(fig: Figure) -> str:
    """Return a chart's source footnote as one line (the wrapping undone).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A chart drawn by this module.

    Returns
    -------
    str
        The footnote's text: notes, then the sources.

    Raises
    ------
    ValueError
        If the figure has no footnote, or more than one.
    """
    notes = fig.findobj(lambda a: a.get_gid() == SOURCE_NOTE_GID)
    if len(notes) != 1:
        raise ValueError(f"expected one source footnote, found {len(notes)}")
    note = notes[0]
    assert isinstance(note, Text)
    return " ".join(note.get_text().split())


def _footnote(
    fig: Figure,
    figs: pd.DataFrame,
    srcs: pd.DataFrame,
    orgs: pd.DataFrame,
    notes: Iterable[str] = (),
) -> Text:
    width = fig.get_figwidth()
    fontsize = 7.5
    body = [f"Note: {n}" for n in notes]
    body.append(source_note(figs, srcs, orgs))
    body.append(
        "Figures are claims as the reports give them, not verified counts. "
        "Data: idlibstats (data/figures.csv), figure ids in the notebooks."
    )
    text = _wrap("\n".join(body), width, fontsize)
    return fig.supxlabel(
        text,
        x=0.01,
        ha="left",
        va="bottom",
        fontsize=fontsize,
        color="#333333",
        gid=SOURCE_NOTE_GID,
        linespacing=1.35,
        multialignment="left",
    )


def _new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained", dpi=100)
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(h_pad=0.06, w_pad=0.06)
    return fig


def _styled(draw: Callable[P, Figure]) -> Callable[P, Figure]:
    """Draw the chart under the package's style (fonts, grid, spines), whatever the rc."""

    @functools.wraps(draw)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with mpl.rc_context(_STYLE):
            return draw(*args, **kwargs)

    return wrapper


def _claimant_handles(claimants: Iterable[str], short: dict[str, str]) -> list[Patch]:
    return [
        Patch(facecolor=claimant_colour(c), edgecolor="#333333", linewidth=0.4, label=short[c])
        for c in dict.fromkeys(claimants)
    ]


def _month_axis(ax: Axes) -> None:
    locator = mdates.MonthLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def _up_arrow(ax: Axes, x: object, y: float, colour: str, length: float = 18) -> None:
    """Mark an open upper end: an arrow pointing up from (x, y), in points."""
    ax.annotate(
        "",
        xy=(x, y),
        xytext=(0, length),
        textcoords="offset points",
        arrowprops={"arrowstyle": "<-", "color": colour, "lw": 1.3, "shrinkA": 0, "shrinkB": 0},
        annotation_clip=False,
    )


# --------------------------------------------------------------------------- 1 coverage


@_styled
def coverage_timeline(path: PathArg = None) -> Figure:
    """Draw every figure's period, grouped by report: what is known for which weeks.

    One row per figure, grouped under its report (publisher and publication date, a dashed
    line at the publication date). A figure over a span is a bar in its claimant's colour,
    solid where the report states the period and hatched where the curators inferred it; a
    figure for one day, or as of a date, is a diamond (hollow if its date was inferred). The
    axis is clipped to 2019; a bar that starts earlier (the war's toll since 2011) is cut at
    1 January and says so.

    Parameters
    ----------
    path : str or path-like, optional
        The data package to read; by default the one :func:`idlibstats.locate_package` finds.

    Returns
    -------
    matplotlib.figure.Figure
    """
    figs = load_figures(path)
    srcs = load_sources(path)
    orgs = load_organisations(path)
    short = _short_names(orgs)
    data = figs.merge(srcs[["source_id", "publisher", "published", "published_basis"]],
                      on="source_id", how="left")
    data = data.sort_values(["published", "source_id", "figure_id"], kind="stable")
    data = data.reset_index(drop=True)

    rows: list[tuple[str, object]] = []  # ("source", source row) or ("figure", figure row)
    for _, group in data.groupby(["published", "source_id"], sort=True):
        rows.append(("source", group.iloc[0]))
        rows.extend(("figure", r) for _, r in group.iterrows())

    fig = _new_figure(10.5, 0.24 * len(rows) + 1.6)
    ax = fig.add_subplot()
    ax.set_xlim(_YEAR_START, _YEAR_END)
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
                _YEAR_START + pd.Timedelta(days=2), y,
                f"{row['publisher']}, published {_date(row['published'])}{star}",
                fontsize=8.5, fontweight="bold", va="center", ha="left", color="#222222",
            )
            group_top = y
            continue
        assert isinstance(row, pd.Series)
        labels.append(_figure_label(row))
        colour = claimant_colour(row["claimant"])
        inferred = row["period_basis"] == "inferred"
        start, end = row["period_start"], row["period_end"] + _DAY
        if row["period_start"] == row["period_end"]:
            ax.plot(
                start + _DAY / 2, y, marker="D", markersize=6.5, linestyle="none",
                markerfacecolor=mpl.colors.to_rgba(colour, 0.3) if inferred else colour,
                markeredgecolor="#333333" if colour == OKABE_ITO["yellow"] else colour,
                markeredgewidth=1.4, gid=_gid(row),
            )
        else:
            left = max(start, _YEAR_START)
            ax.barh(
                y, end - left, left=left, height=0.62,
                color=mpl.colors.to_rgba(colour, 0.35 if inferred else 1.0),
                edgecolor=colour, linewidth=1.0, hatch="////" if inferred else None,
                gid=_gid(row),
            )
            if start < _YEAR_START:
                clipped.append(row)
                ax.annotate(
                    f"◀ bar clipped: the period starts {_date(row['period_start'])}",
                    xy=(left, y), xytext=(6, 0), textcoords="offset points",
                    va="center", ha="left", fontsize=7.5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
                )
        # end of each report's group: its publication date as a dashed line
        is_last = y + 1 == len(rows) or rows[y + 1][0] == "source"
        if is_last:
            ax.vlines(row["published"] + _DAY / 2, group_top + 0.5, y + 0.45,
                      colors="#333333", linestyles=(0, (3, 2)), linewidth=1.0)
            ax.axhline(y + 0.5, color="#cccccc", linewidth=0.6)
    ax.set_yticks(range(len(rows)), labels, fontsize=7.5)
    ax.tick_params(axis="y", length=0)
    _month_axis(ax)
    ax.set_xlabel("Period each figure covers (2019; inclusive dates)")
    ax.set_ylabel("Figure (what it counts: value as written), by report")
    fig.suptitle(
        "What the reports cover: the period of each of the "
        f"{len(figs)} figures, grouped by report",
        fontweight="bold", fontsize=12, x=0.01, ha="left",
    )
    handles: list[object] = _claimant_handles(data["claimant"], short)
    handles += [
        Patch(facecolor="#444444", edgecolor="#444444", label="period stated"),
        Patch(facecolor=mpl.colors.to_rgba("#777777", 0.35), edgecolor="#777777",
              hatch="////", label="period inferred"),
        Line2D([], [], marker="D", color="#777777", linestyle="none",
               markeredgewidth=1.4, label="one day / as of a date"),
        Line2D([], [], color="#333333", linestyle=(0, (3, 2)), label="report published"),
    ]
    fig.legend(handles=handles, loc="outside right upper", ncols=1, fontsize=7.5)
    notes = [
        "Dates and periods the reports leave open were worked out by the curators "
        "(hatched bars, pale diamonds; see each figure's notes)."
    ]
    notes += [
        f"{r['value_as_written']} {_POPULATION_LABEL[str(r['population'])]} "
        f"{str(r['indicator']).replace('_', ' ')} ({r['place_as_written'] or r['admin1']}, "
        f"{_period(r['period_start'], r['period_end'])}) is cut at 1 January 2019."
        for r in clipped
    ]
    _footnote(fig, figs, srcs, orgs, notes)
    return fig


def _figure_label(row: pd.Series) -> str:
    pop = _POPULATION_LABEL[str(row["population"])]
    what = str(row["indicator"]).replace("_", " ")
    scope = ", all Syria" if row["admin1"] == "SY" else ""
    return f"{what}{': ' + pop if pop else ''} · {row['value_as_written']}{scope}"


# --------------------------------------------------------------------------- 2 deaths


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
    figs = load_figures(path)
    srcs = load_sources(path)
    orgs = load_organisations(path)
    short = _short_names(orgs)
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
    _footnote(fig, shown, srcs, orgs, notes)
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


def _nudges(step: float) -> Iterable[tuple[float, float]]:
    """Offsets (dy, dx) in points to try for a label: sideways first, then up."""
    for i in range(80):
        for dx in (0, -30, 30, -60, 60, -90, 90, -120, 120):
            yield i * step, dx


def _declutter(fig: Figure, labels: Sequence[Annotation], obstacles: Sequence[Obstacle]) -> None:
    """Move labels up, in steps of points, until none covers an earlier one or an obstacle.

    Labels are left out of the layout (they stay inside their axes' headroom), so moving
    them does not move the axes; a label is never moved above its axes' top.
    """
    if not labels:
        return
    for label in labels:
        label.set_in_layout(False)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    placed = [
        Bbox(ax.transData.transform([(x0, y0), (x1, y1)])).padded(1)
        for ax, (x0, y0, x1, y1) in obstacles
    ]
    step = 3.0
    for label in labels:
        frame = label.axes.get_window_extent(renderer) if label.axes else None
        x0, y0 = label.xyann
        for dy, dx in _nudges(step):
            label.xyann = (x0 + dx, y0 + dy)
            box = Text.get_window_extent(label, renderer).padded(2)
            inside = frame is None or (
                box.x0 >= frame.x0 and box.x1 <= frame.x1 + 40 and box.y1 <= frame.y1
            )
            if inside and not any(box.overlaps(p) for p in placed):
                break
        else:
            label.xyann = (x0, y0)
        placed.append(Text.get_window_extent(label, renderer).padded(2))


# --------------------------------------------------------------------------- first days


@_styled
def first_days_claims(path: PathArg = None, claim_group: str = FIRST_DAYS_GROUP) -> Figure:
    """Draw the competing claims of one claim group side by side, as ranges.

    Each claim is a bar from its low bound to its high bound as the library derives them
    from the wording (:func:`idlibstats.bounds`); an open high end runs to the axis edge
    with an arrow. The group's range from :func:`idlibstats.reconcile` is shaded: where
    every claim holds at once. The other first-days figures (another period or population,
    so another quantity) are drawn below in grey type, for context only.

    Parameters
    ----------
    path : str or path-like, optional
        The data package to read.
    claim_group : str, optional
        The claim group to draw; by default the offensive's first days
        (:data:`FIRST_DAYS_GROUP`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    figs = load_figures(path)
    srcs = load_sources(path)
    orgs = load_organisations(path)
    names = _names(orgs)
    killed = _with_bounds(figs[figs["indicator"] == "killed"])
    group = killed[killed["claim_group"] == claim_group].sort_values("low", kind="stable")
    if group.empty:
        raise ValueError(f"no figures in claim group {claim_group!r}")
    g_start, g_end = group["period_start"].min(), group["period_end"].max()
    context = killed[
        (killed["claim_group"] != claim_group)
        & (killed["period_start"] >= g_start - 2 * _DAY)
        & (killed["period_end"] <= g_end + 2 * _DAY)
        & (killed["period_start"] <= g_end)
    ].sort_values("low", kind="stable")
    rec = _library_reconcile(figs)
    rec_row = rec[rec["claim_group"] == claim_group].iloc[0]

    rows = [("claim", r) for _, r in group.iterrows()]
    if len(context):
        rows.append(("header", None))
        rows += [("context", r) for _, r in context.iterrows()]
    fig = _new_figure(9.0, 1.9 + 0.5 * len(rows))
    ax = fig.add_subplot()
    highs = [float(r["high"]) for _, r in pd.concat([group, context]).iterrows()
             if not pd.isna(r["high"])]
    lows = [float(r["low"]) for _, r in pd.concat([group, context]).iterrows()]
    xmax = max([*lows, *highs]) * 1.6
    ax.set_xlim(0, xmax)
    c_low = rec_row.get("consensus_low")
    c_high = rec_row.get("consensus_high")
    if c_low is not None and not pd.isna(c_low):
        right = xmax if pd.isna(c_high) else float(c_high)
        ax.axvspan(float(c_low), right, ymin=1 - len(group) / (len(rows) + 0.6), ymax=1,
                   color="#000000", alpha=0.06, linewidth=0)
        ax.text(xmax * 0.995, -0.62,
                f"shaded: every claim holds if the toll is {int(c_low)} or more"
                + ("" if pd.isna(c_high) else f" and at most {int(c_high)}"),
                ha="right",
                fontsize=7.5, va="center", color="#333333")
    labels = []
    for y, (kind, row) in enumerate(rows):
        if kind == "header":
            labels.append("Other first-days figures:\nanother period or population")
            continue
        assert isinstance(row, pd.Series)
        colour = claimant_colour(row["claimant"])
        alpha = 1.0 if kind == "claim" else 0.45
        low = float(row["low"])
        high = xmax if _is_open(row) else float(row["high"])
        ax.barh(y, high - low, left=low, height=0.45, gid=_gid(row),
                color=mpl.colors.to_rgba(colour, 0.3 * alpha), edgecolor=colour, linewidth=1.0)
        ax.plot(low, y, marker="|", markersize=14, markeredgewidth=2.5, color=colour,
                alpha=alpha)
        if _is_open(row):
            ax.annotate("", xy=(xmax, y), xytext=(xmax * 0.93, y),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
                        annotation_clip=False)
        bound = (f"{int(low)} or more (open)" if _is_open(row)
                 else f"{int(low)}" if low == high else f"{int(low)} to {int(high)}")
        ax.annotate(
            f"'{row['value_as_written']}' → {bound}", xy=(low, y), xytext=(6, 9),
            textcoords="offset points", fontsize=8, va="bottom", ha="left",
            color="#222222" if kind == "claim" else "#777777",
        )
        pop = _POPULATION_LABEL[str(row["population"])]
        labels.append(
            f"{names[row['claimant']]}\n{pop}, {_period(row['period_start'], row['period_end'])}"
        )
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    for tick, (kind, _) in zip(ax.get_yticklabels(), rows, strict=True):
        if kind != "claim":
            tick.set_color("#777777")
        if kind == "header":
            tick.set_fontstyle("italic")
    ax.set_ylim(len(rows) - 0.4, -1.0)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_xlabel("People killed (range each claim's wording allows)")
    ax.set_ylabel("Claim (claimant; who is counted, period)")
    fig.suptitle(
        f"The offensive's first days ({_period(g_start, g_end)}): {len(group)} competing "
        "death tolls, not one to add up",
        fontweight="bold", fontsize=12, x=0.01, ha="left",
    )
    high_text = "open" if pd.isna(rec_row["high"]) else f"{int(rec_row['high'])}"
    ax.set_title(
        f"Claim group {claim_group}: range {int(rec_row['low'])} to {high_text} "
        f"across {int(rec_row['n_claims'])} claims",
        fontsize=9, fontweight="normal", color="#333333",
    )
    shown = pd.concat([group, context])
    _footnote(
        fig, shown, srcs, orgs,
        ["Each bar starts at the lowest number the wording allows ('more than 30' is 31) and "
         "runs to the right edge when the wording sets no upper limit. "
         + ("Every period here was inferred by the curators ('the last few days', 'the past "
            "four days' or no period given; see each figure's notes)."
            if (shown["period_basis"] == "inferred").all() else
            "Periods inferred by the curators: see each figure's notes.")],
    )
    return fig


# --------------------------------------------------------------------------- 3 displacement


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
    figs = load_figures(path)
    srcs = load_sources(path)
    orgs = load_organisations(path)
    corr = load_corroborations(path)
    short = _short_names(orgs)
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
    _footnote(fig, disp, srcs, orgs, notes)
    return fig


# --------------------------------------------------------------------------- 4 strikes


@_styled
def strikes_chart(path: PathArg = None) -> Figure:
    """Draw the strike counts: airstrikes by month, and attacks on health facilities.

    Left, airstrikes in each calendar month a figure covers whole (one bar per figure, in
    its claimant's colour); months no report counts are marked as such, not as zero.
    Right, health facilities attacked or destroyed, as ranges from the wording (open when
    'at least'), one row per figure: different indicators, so never added.

    Parameters
    ----------
    path : str or path-like, optional
        The data package to read.

    Returns
    -------
    matplotlib.figure.Figure
    """
    figs = load_figures(path)
    srcs = load_sources(path)
    orgs = load_organisations(path)
    short = _short_names(orgs)
    air = _with_bounds(figs[figs["indicator"] == "airstrikes"]).sort_values(
        "period_start", kind="stable")
    health = _with_bounds(
        figs[figs["indicator"].astype(str).str.startswith("health_facilities")]
    ).sort_values(["period_start", "figure_id"], kind="stable")
    fig = _new_figure(10.5, 4.6)
    ax_air, ax_health = fig.subplots(1, 2, width_ratios=[1.2, 1.0])

    months = pd.date_range("2019-04-01", "2019-12-01", freq="MS")
    ax_air.set_xlim(months[0] - pd.Timedelta(days=2), months[-1] + pd.Timedelta(days=33))
    counted = set()
    top = 1.0
    for _, row in air.iterrows():
        colour = claimant_colour(row["claimant"])
        start, end = row["period_start"], row["period_end"] + _DAY
        whole = start.day == 1 and end.day == 1 and (end - start).days <= 31
        ax_air.bar(start, float(row["value"]), width=(end - start).days * 0.9, align="edge",
                   gid=_gid(row),
                   color=colour, hatch=None if whole else "////", edgecolor=colour)
        if _is_open(row):
            _up_arrow(ax_air, start + (end - start) / 2, float(row["value"]), colour)
        ax_air.annotate(
            f"{row['value_as_written']} airstrikes\n{short[row['claimant']]}, "
            f"{_period(row['period_start'], row['period_end'])}",
            xy=(start + (end - start) * 0.45, float(row["value"])), xytext=(0, 4),
            textcoords="offset points", ha="center", va="bottom", fontsize=8,
        )
        counted.update(pd.date_range(start, row["period_end"], freq="MS"))
        top = max(top, float(row["value"]))
    ax_air.set_ylim(0, top * 1.3)
    for m in months:
        if m not in counted:
            ax_air.text(m + pd.Timedelta(days=15), top * 0.03, "no count", rotation=90,
                        ha="center", va="bottom", fontsize=7, color="#888888")
    ax_air.set_xticks([m + pd.Timedelta(days=15) for m in months],
                      [f"{m:%b}" for m in months])
    ax_air.tick_params(axis="x", length=0)
    ax_air.grid(axis="x", visible=False)
    ax_air.yaxis.set_major_formatter(FuncFormatter(_thousands))
    ax_air.set_ylabel("Airstrikes in the month")
    ax_air.set_xlabel("Month (2019)")
    ax_air.set_title("Airstrikes by month")

    labels = []
    xmax = max(float(health["low"].max()), float(health["high"].max(skipna=True) or 0)) * 3
    for y, (_, row) in enumerate(health.iterrows()):
        colour = claimant_colour(row["claimant"])
        low = float(row["low"])
        high = xmax if _is_open(row) else float(row["high"])
        if high > low:
            ax_health.barh(y, high - low, left=low, height=0.4, gid=_gid(row),
                           color=mpl.colors.to_rgba(colour, 0.35), edgecolor=colour)
            ax_health.plot(low, y, marker="|", markersize=14, markeredgewidth=2.5,
                           color=colour)
        else:
            ax_health.plot(low, y, marker="D", markersize=8, color=colour, linestyle="none",
                           gid=_gid(row))
        if _is_open(row):
            ax_health.annotate("", xy=(xmax, y), xytext=(xmax * 0.9, y),
                               arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
                               annotation_clip=False)
        ax_health.annotate(f"'{row['excerpt']}'", xy=(low, y), xytext=(0, 10),
                           textcoords="offset points", fontsize=7.5, ha="left", va="bottom")
        labels.append(
            f"{str(row['indicator']).replace('health_facilities_', '')}\n"
            f"{short[row['claimant']]}\n{_period(row['period_start'], row['period_end'])}"
        )
    ax_health.set_yticks(range(len(health)), labels, fontsize=7.5)
    ax_health.set_ylim(len(health) - 0.4, -0.7)
    ax_health.set_xlim(0, xmax)
    ax_health.grid(axis="y", visible=False)
    ax_health.tick_params(axis="y", length=0)
    ax_health.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax_health.set_xlabel("Health facilities (range the wording allows)")
    ax_health.set_ylabel("Figure (what; claimant; period)")
    ax_health.set_title(
        "Health facilities hit, "
        + _period(health["period_start"].min(), health["period_end"].max())
    )
    fig.suptitle("Strikes: the counts the reports give, each with its claimant and period",
                 fontweight="bold", fontsize=12, x=0.01, ha="left")
    shown = pd.concat([air, health])
    ax_air.legend(
        handles=[
            *_claimant_handles(shown["claimant"], short),
            Line2D([], [], color="#555555", marker="D", linestyle="none", label="exact figure"),
            Line2D([], [], color="#555555", marker="$→$", markersize=10, linestyle="none",
                   label="lower bound (open)"),
        ],
        loc="upper right", fontsize=7.5,
    )
    _footnote(fig, shown, srcs, orgs, [
        "Airstrikes: no report in the package counts them for any other month; a missing bar "
        "is no count, not zero. 'Attacked' (bombed, destroyed or not) and 'destroyed' are "
        "different indicators over slightly different days: not to be added."
    ])
    return fig


# --------------------------------------------------------------------------- output

#: File name (without .png) and function of each chart, in README order.
CHARTS: dict[str, Callable[[PathArg], Figure]] = {
    "coverage_timeline": coverage_timeline,
    "deaths_by_month": deaths_by_month,
    "first_days_claims": first_days_claims,
    "displacement_points": displacement_points,
    "strikes": strikes_chart,
}


def save_charts(outdir: str | os.PathLike[str], path: PathArg = None) -> list[Path]:
    """Draw every chart and write it as ``outdir/NAME.png`` (150 dpi, no timestamps).

    Parameters
    ----------
    outdir : str or path-like
        Directory to write to; created if missing.
    path : str or path-like, optional
        The data package to read.

    Returns
    -------
    list of pathlib.Path
        The files written, in :data:`CHARTS` order.
    """
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in CHARTS.items():
        fig = draw(path)
        target = out / f"{name}.png"
        fig.savefig(target, dpi=_DPI, bbox_inches="tight", pad_inches=0.15,
                    facecolor="white", metadata={"Software": None})
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write the README's charts: ``python -m idlibstats.charts [OUTDIR] [--package PATH]``.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments (without the program name); ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        0 on success.
    """
    mpl.use("Agg")
    parser = argparse.ArgumentParser(prog="python -m idlibstats.charts",
                                     description="Write the charts as PNG files.")
    parser.add_argument("outdir", nargs="?", default="docs/img")
    parser.add_argument("--package", default=None, help="data package to read")
    args = parser.parse_args(argv)
    for target in save_charts(args.outdir, args.package):
        print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
