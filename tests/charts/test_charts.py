"""The charts: titles, labels, source footnotes, palette, honest drawing of the figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import functools
import re

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from drawn import real_charts, real_png, real_tables
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import idlibstats as ils
from idlibstats import charts
from idlibstats.charts.chart import DPI as PNG_DPI

# The claim group of the offensive's first days in the package: Civil Defence, UOSSM and SOHR
# compete (the chart finds it in the data: charts.most_contested).
FIRST_DAYS_GROUP = "killed-2019-04-30-to-05-04"

# Okabe & Ito (2008), the colour-blind-safe set, written out independently of charts.py.
OKABE_ITO = {
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
}


@pytest.fixture(scope="module")
def tables() -> charts.ChartTables:
    return real_tables()


@pytest.fixture(scope="module")
def palette(tables) -> charts.ClaimantStyles:
    return tables.palette


@pytest.fixture(scope="module")
def figs() -> pd.DataFrame:
    return ils.figures()


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    orgs = ils.organisations()
    return dict(zip(orgs["organisation_id"], orgs["name"], strict=True))


def _shown_coverage(f: pd.DataFrame) -> pd.DataFrame:
    return f


def _shown_known(f: pd.DataFrame) -> pd.DataFrame:
    """Every figure a row of the 'known per month' chart rests on (north-west or context)."""
    rows = {(i, p) for i, p, _, _ in charts.known.ROWS}
    pairs = list(zip(f["indicator"].astype(str), f["population"].astype(str), strict=True))
    keep = [(pair in rows) or a == "SY" for pair, a in zip(pairs, f["admin1"], strict=True)]
    return f[keep]


def _shown_intensity(f: pd.DataFrame) -> pd.DataFrame:
    """Totals over a span of people killed or injured in the north-west, with a bound."""
    return f[f["measure"].isin(["period_total", "cumulative"])
             & f["indicator"].isin(["killed", "injured"]) & (f["admin1"] != "SY")
             & (f["qualifier"] != "about")]


def _shown_first_days(f: pd.DataFrame) -> pd.DataFrame:
    return f[f["claim_group"] == FIRST_DAYS_GROUP]


def _shown_displacement(f: pd.DataFrame) -> pd.DataFrame:
    return f[(f["indicator"] == "displaced") & (f["measure"] == "cumulative")]


def _shown_strikes(f: pd.DataFrame) -> pd.DataFrame:
    return f[f["indicator"].isin(
        ["airstrikes", "health_facilities_attacked", "health_facilities_destroyed"])]


CASES = [
    (charts.intensity, _shown_intensity),
    (charts.coverage_timeline, _shown_coverage),
    (charts.known_by_month, _shown_known),
    (charts.first_days_claims, _shown_first_days),
    (charts.displacement_points, _shown_displacement),
    (charts.strikes_chart, _shown_strikes),
]
IDS = [draw.__name__ for draw, _ in CASES]


@pytest.fixture(scope="module")
def drawn() -> dict[str, Figure]:
    """The real charts by function name, drawn once per process (drawn.real_charts)."""
    by_function = {draw.__name__: fig for (_, draw), fig in zip(
        charts.CHARTS.items(), real_charts().values(), strict=True)}
    assert set(by_function) == set(IDS)
    return by_function


def _note(fig: Figure) -> str:
    return charts.footnote_text(fig)  # raises unless there is exactly one footnote


def _by_gid(fig: Figure, figure_id: str) -> list:
    return fig.findobj(lambda a: a.get_gid() == f"figure:{figure_id}")


def _gid_index(fig: Figure) -> dict[object, list]:
    """Every artist of the figure by its gid, in findobj's order: what :func:`_by_gid` finds
    for any figure id (``index.get(f"figure:{id}", [])``), from one walk of the figure."""
    index: dict[object, list] = {}
    for artist in fig.findobj():
        index.setdefault(artist.get_gid(), []).append(artist)
    return index


@pytest.mark.parametrize(("draw", "shown"), CASES, ids=IDS)
def test_chart_has_title_labels_and_named_sources(draw, shown, drawn, figs, names) -> None:
    fig = drawn[draw.__name__]
    assert isinstance(fig, charts.Chart)
    assert fig.get_suptitle().strip()
    value_axes = [ax for ax in fig.axes if ax.axison]
    assert value_axes
    for ax in value_axes:
        if draw is charts.known_by_month:
            # a grid of months: each panel is titled, its lanes are claimants
            assert ax.get_title(loc="left").strip() and ax.get_yticklabels()
            continue
        # panels over one time axis carry its label once, under the bottom one: a panel
        # without an x label has no x tick labels either
        siblings = ax.get_shared_x_axes().get_siblings(ax)
        named = [t for t in ax.get_xticklabels(which="both") if t.get_text().strip()]
        assert any(s.get_xlabel().strip() for s in siblings) or not named, \
            f"{draw.__name__}: no x label"
        assert ax.get_ylabel().strip(), f"{draw.__name__}: an axes has no y label"
    note = _note(fig)
    expected = shown(figs)
    assert not expected.empty
    for claimant in set(expected["claimant"]):
        assert names[claimant] in note, f"{draw.__name__}: footnote misses {claimant}"
    # and every report the figures come from, by publisher
    srcs = ils.sources().set_index("source_id")
    for source_id in set(expected["source_id"]):
        assert srcs.loc[source_id, "publisher"] in note


@pytest.mark.parametrize(("draw", "shown"), [c for c in CASES if c[0] is not charts.known_by_month],
                         ids=[i for i in IDS if i != "known_by_month"])
def test_every_figure_shown_is_drawn(draw, shown, drawn, figs) -> None:
    fig = drawn[draw.__name__]
    for figure_id in shown(figs)["figure_id"]:
        assert _by_gid(fig, figure_id), f"{draw.__name__}: {figure_id} is not drawn"


def test_palette_is_okabe_ito_and_one_colour_per_claimant(figs, palette) -> None:
    assert {c.upper() for c in charts.style.OKABE_ITO.values()} == OKABE_ITO
    colours = [c.upper() for c in palette.colours.values()]
    assert set(colours) <= OKABE_ITO | {charts.style.NEUTRAL_GREY.upper()}
    assert len(set(colours)) == len(colours), "two claimants share a colour"
    # every claimant in the data has its own colour, none falls back to grey by accident
    for claimant in set(figs["claimant"]) - {"unattributed"}:
        assert claimant in palette.colours
        assert palette.colour(claimant) != charts.style.NEUTRAL_GREY
    assert palette.colour("no_such_organisation") == charts.style.NEUTRAL_GREY
    assert palette.marker("no_such_organisation") == "o"
    assert palette.hatch("no_such_organisation") is None


def _rgb(colour) -> str:
    return mcolors.to_hex(colour, keep_alpha=False).upper()


def test_each_claimant_keeps_its_colour_across_charts(drawn, figs, palette) -> None:
    seen: dict[str, set[str]] = {}
    for fig in drawn.values():
        by_gid = _gid_index(fig)  # one walk of the figure, not one per figure id
        for _, row in figs.iterrows():
            for artist in by_gid.get(f"figure:{row['figure_id']}", []):
                if isinstance(artist, Rectangle) and row["part_of"] is pd.NA:
                    colour = artist.get_edgecolor()
                elif isinstance(artist, LineCollection):
                    colour = artist.get_colors()[0]
                elif isinstance(artist, Line2D):
                    colour = artist.get_markeredgecolor() if artist.get_marker() == "D" \
                        else artist.get_color()
                else:
                    colour = artist.get_edgecolor()
                seen.setdefault(row["claimant"], set()).add(_rgb(colour))
    assert len(seen) >= 6
    for claimant, colours in seen.items():
        expected = palette.colours[claimant].upper()
        if claimant == "amn":  # yellow diamonds get a dark edge to be visible on white
            continue
        assert colours == {expected}, f"{claimant} drawn in {colours}, not {expected}"


def test_first_days_claims_are_three_ranges_from_their_low_bounds(drawn) -> None:
    fig = drawn["first_days_claims"]
    lows = {}
    for figure_id in ("mee-2019-05-04-01", "mee-2019-05-04-02", "mee-2019-05-04-03"):
        (bar,) = [a for a in _by_gid(fig, figure_id) if isinstance(a, Rectangle)]
        lows[figure_id] = bar.get_x()
        # open high: the bar runs to the axis edge
        assert bar.get_x() + bar.get_width() == pytest.approx(bar.axes.get_xlim()[1])
    assert lows == {"mee-2019-05-04-01": 30, "mee-2019-05-04-02": 50, "mee-2019-05-04-03": 67}


def test_displacement_points_are_the_recorded_values_at_period_end(drawn, figs) -> None:
    fig = drawn["displacement_points"]
    disp = figs[(figs["indicator"] == "displaced") & (figs["measure"] == "cumulative")]
    for _, row in disp.iterrows():
        (point,) = [a for a in _by_gid(fig, row["figure_id"]) if isinstance(a, Line2D)]
        (x,), (y,) = point.get_xdata(), point.get_ydata()
        assert pd.Timestamp(x) == row["period_end"]
        assert y == row["value"]


@pytest.mark.parametrize("name", ["intensity", "displacement_points"])
def test_no_line_joins_different_values(drawn, name) -> None:
    """A line across points may only draw one figure's span (constant level)."""
    for line in drawn[name].findobj(Line2D):
        ys = [float(y) for y in line.get_ydata()]
        if len(ys) >= 2 and line.axes is not None:
            assert len(set(ys)) == 1, f"a line joins {ys}"


def test_war_toll_is_clipped_and_said_so(drawn) -> None:
    fig = drawn["coverage_timeline"]
    (bar,) = _by_gid(fig, "mee-2019-12-02-10")
    assert pd.Timestamp(matplotlib.dates.num2date(bar.get_x()).replace(tzinfo=None)) == \
        pd.Timestamp("2019-01-01")
    assert "15 Mar 2011" in _note(fig)


def test_displacement_puts_the_400000_at_26_july(drawn) -> None:
    ax = drawn["displacement_points"].axes[0]
    (point,) = [line for line in ax.lines if line.get_gid() == "figure:mee-2019-12-02-07"]
    assert pd.Timestamp(point.get_xdata()[0]) == pd.Timestamp("2019-07-26")


def test_source_note_stars_inferred_publishers_and_dates(figs, tables) -> None:
    def source_note(frame: pd.DataFrame) -> str:
        return charts.notes.source_note(frame, tables.sources, tables.organisations)

    note = source_note(figs[figs["source_id"] == "tna-2019-05-03"])
    assert "The New Arab* 3 May 2019*" in note
    assert "inferred by the curators" in note
    note = source_note(figs[figs["source_id"] == "tna-2019-12-17"])
    assert "The New Arab 17 Dec 2019" in note
    assert "*" not in note


def test_main_writes_every_png(tmp_path, monkeypatch) -> None:
    """The command writes each chart's PNG; the charts are the ones drawn once for all the
    chart tests (drawn.real_charts), handed out only for the real package's tables, and
    their PNGs (``Chart.png()``) are made once for all the chart tests too (drawn.real_png)."""
    from idlibstats.charts import output
    from idlibstats.charts.__main__ import main

    real = real_tables()

    def shared(name):
        def draw(tables):
            assert tables.figures.equals(real.figures), "main drew another package"
            return real_charts()[name]
        return draw

    for name, fig in real_charts().items():
        monkeypatch.setattr(fig, "png", functools.partial(_real_png, name))
    monkeypatch.setattr(output, "CHARTS", {name: shared(name) for name in output.CHARTS})
    assert main([str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{name}.png" for name in charts.CHARTS)
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"Software" not in data  # no tool/version stamp to churn the diff
        assert len(data) > 20_000


def _real_png(name: str, dpi: float = PNG_DPI) -> bytes:
    """``Chart.png`` of the real chart ``name``, made once (drawn.real_png) at the README's
    dpi, the only one main asks for."""
    assert dpi == PNG_DPI, "main asked for another resolution"
    return real_png(name)


# --- what a reader sees: type size, ids, numbers, labels over markers, patterns ---------------

def _texts(fig: Figure, *, draw: bool = True) -> list[Text]:
    """Every visible Text artist with something written in it (ticks, legends, labels...).

    ``draw=False``: as the figure's last draw left them (the caller has just drawn it).
    """
    if draw:
        fig.draw_without_rendering()  # the places fig.canvas.draw() gives, without the pixels
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _displayed_scale(fig: Figure) -> float:
    """How many points one point of the figure becomes where the PNG is shown.

    The README's PNG (150 dpi, cropped tight) is shown at its own pixel width, or scaled
    down to the README column; JupyterLab shows the inline PNG (figure dpi) the same way
    in its output area. CSS has 96 pixels per inch. The smaller of the two cases counts.
    """
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    width_in = fig.get_tightbbox(renderer).width + 2 * 0.15  # savefig pad_inches
    scales = []
    for dpi, column in ((150, charts.style.README_COLUMN_PX),
                        (fig.dpi, charts.style.JUPYTER_COLUMN_PX)):
        shown_px = min(width_in * dpi, column)
        scales.append(shown_px / (width_in * 96))
    return min(scales)


@pytest.mark.parametrize("name", [draw.__name__ for draw, _ in CASES])
def test_no_text_under_9_points_where_it_is_shown(drawn, name) -> None:
    fig = drawn[name]
    scale = _displayed_scale(fig)  # draws the figure
    small = [(t.get_text()[:30], round(t.get_fontsize() * scale, 2))
             for t in _texts(fig, draw=False)
             if t.get_fontsize() * scale < charts.style.MIN_PT - 1e-9]
    assert not small, f"{name}: text under {charts.style.MIN_PT} pt as displayed: {small[:5]}"


def test_the_display_scale_catches_a_too_wide_figure(drawn) -> None:
    """The size check can fail: a 9-pt text in a figure twice as wide is shown too small."""
    fig = Figure(figsize=(2 * charts.style.WIDTH, 3))
    FigureCanvasAgg(fig)
    fig.text(0.0, 0.5, "nine points", fontsize=9)
    fig.text(0.9, 0.5, "across the figure", fontsize=9)
    assert 9 * _displayed_scale(fig) < charts.style.MIN_PT


@pytest.fixture(scope="module")
def written(drawn) -> dict[str, list[str]]:
    """Every text each real chart shows, and its description: one drawing for the checks on
    words (the words do not move when the figure is drawn again)."""
    return {name: [t.get_text() for t in _texts(fig)] + [fig.alt_text]
            for name, fig in drawn.items()}


@pytest.fixture(scope="module")
def internal_ids() -> set[str]:
    ids = set(ils.figures()["figure_id"]) | set(ils.figures()["claim_group"])
    ids |= set(ils.sources()["source_id"]) | set(ils.corroborations()["corroboration_id"])
    return {str(i) for i in ids}


# a figure id, a source id, a claim group with a date in it, a corroboration id
_ID = re.compile(r"\b[a-z]{2,4}-\d{4}-\d{2}-\d{2}\b|\b[a-z_]+-\d{4}-\d{2}(-|\b)|\bc\d{1,3}\b")


@pytest.mark.parametrize("name", [draw.__name__ for draw, _ in CASES])
def test_no_internal_id_in_any_text(written, name, internal_ids) -> None:
    for words in written[name]:
        assert not _ID.search(words), f"{name}: an id in {words[:80]!r}"
        found = {i for i in internal_ids if len(i) > 3 and i in words}
        assert not found, f"{name}: {found} in {words[:80]!r}"


def test_the_id_check_can_fail() -> None:
    for words in ("Claim group killed-2019-04-30-to-05-04: range", "The 'x' of mee-2019-12-02",
                  "(corroboration c19)"):
        assert _ID.search(words)


# four or more digits in a row that are not a year (2011, 2019, 2020)
_BARE = re.compile(r"(?<![\d,.])(?!(?:19|20)\d\d(?!\d))\d{4,}(?![\d,])")


@pytest.mark.parametrize("name", [draw.__name__ for draw, _ in CASES])
def test_numbers_have_thousands_separators(written, name) -> None:
    for words in written[name]:
        assert not _BARE.search(words), f"{name}: {words[:80]!r}"
    assert _BARE.search("3013 airstrikes") and not _BARE.search("3,013 in May 2019")


def _marker_boxes(fig: Figure) -> list[tuple[str, Bbox]]:
    """Display boxes of the markers that draw figures (half a marker's size around each)."""
    boxes = []
    for line in fig.findobj(Line2D):
        gid = line.get_gid() or ""
        if not gid.startswith("figure:") or line.get_marker() in (None, "None", "", " "):
            continue
        half = line.get_markersize() / 2 * fig.dpi / 72
        for x, y in line.get_xydata():
            px, py = line.get_transform().transform((x, y))
            boxes.append((gid, Bbox([[px - half, py - half], [px + half, py + half]])))
    return boxes


@pytest.mark.parametrize("name", ["intensity", "displacement_points", "strikes_chart"])
def test_label_boxes_neither_touch_nor_hide_markers(drawn, name) -> None:
    fig = drawn[name]
    renderer = fig.canvas.get_renderer()
    markers = _marker_boxes(fig)
    assert markers, f"{name}: no figure marker found: the test would check nothing"
    labels = [t for t in _texts(fig) if t.axes is not None
              and t not in t.axes.get_xticklabels() + t.axes.get_yticklabels()]
    for label in labels:
        patch = label.get_bbox_patch()
        box = (patch.get_window_extent(renderer) if patch is not None
               else label.get_window_extent(renderer))
        for gid, marker in markers:
            assert not box.overlaps(marker), f"{name}: {label.get_text()!r} covers {gid}"


def test_claimants_of_one_hue_differ_by_pattern_and_marker(palette) -> None:
    """Blue beside sky blue, vermillion beside orange: one of each pair has a pattern."""
    def hue(colour: str) -> float:
        return mcolors.rgb_to_hsv(mcolors.to_rgb(colour))[0] * 360

    named = {c: col for c, col in palette.colours.items()
             if mcolors.rgb_to_hsv(mcolors.to_rgb(col))[1] > 0.3}  # not grey, black, white
    close = [(a, b) for a in named for b in named
             if a < b and min(abs(hue(named[a]) - hue(named[b])),
                              360 - abs(hue(named[a]) - hue(named[b]))) < 25]
    assert close, "the palette has claimants of one hue: this test must see them"
    for a, b in close:
        assert palette.hatch(a) != palette.hatch(b), (a, b)
        assert palette.marker(a) != palette.marker(b), (a, b)


def test_filled_shapes_carry_their_claimants_pattern(drawn, figs, palette) -> None:
    patterned = set(palette.hatches)
    assert patterned, "the package gives some claimant a pattern: this test must see one"
    seen = 0
    for fig in drawn.values():
        for _, row in figs[figs["claimant"].isin(patterned)].iterrows():
            for artist in _by_gid(fig, row["figure_id"]):
                if isinstance(artist, Rectangle):
                    assert artist.get_hatch() == palette.hatch(row["claimant"])
                    seen += 1
    assert seen


def test_strikes_legends_list_only_their_own_panel(drawn, figs) -> None:
    fig = drawn["strikes_chart"]
    ax_air, ax_health = fig.axes[:2]
    short = {"syrian_civil_defence": "Civil Defence", "uossm": "UOSSM"}
    air_labels = {t.get_text() for t in ax_air.get_legend().get_texts()}
    health_labels = {t.get_text() for t in ax_health.get_legend().get_texts()}
    air_claimants = set(figs.loc[figs["indicator"] == "airstrikes", "claimant"])
    assert "exact figure" not in air_labels and "lower bound (open)" not in air_labels
    assert {short[c] for c in air_claimants if c in short} <= air_labels
    assert "UOSSM" in health_labels and "UOSSM" not in air_labels


# --- what is known per month --------------------------------------------------------------

def _cells(fig: Figure) -> dict[str, str]:
    """gid of each month cell -> its text."""
    return {t.get_gid()[: -len(":text")]: t.get_text() for t in fig.findobj(Text)
            if (t.get_gid() or "").startswith("month:")}


def _panel(fig: Figure, title: str):
    (ax,) = [ax for ax in fig.axes if ax.get_title(loc="left") == title]
    return ax


def test_known_by_month_draws_every_month_row_of_monthly(drawn) -> None:
    fig = drawn["known_by_month"]
    cells = _cells(fig)
    figs = ils.figures()
    local = figs[figs["admin1"] != "SY"]
    for indicator, population, heading, movements in charts.known.ROWS:
        months = ils.monthly(indicator, population, local, movements=movements)
        panel = _panel(fig, heading)
        drawn_cells = {a.get_gid() for a in panel.findobj(Rectangle)}  # once per panel
        for _, row in months.iterrows():
            gid = (f"month:{indicator}:{population}:{row['month']}:{row['claimant']}:"
                   f"{row['status']}")
            assert gid in drawn_cells, gid
            # a text too wide for a month is broken after its dash or its sign: '67–\n272'
            text = " ".join(cells.get(gid, "").replace("–\n", "–").split())
            assert text == " ".join(
                charts.known.cell_text(row["status"], row["low"], row["high"]).split()), gid
            if row["status"] == "no_count":
                assert text == "—"  # no count: never a zero
            assert text != "0"


def test_known_by_month_may_is_272_from_the_civil_defence(drawn) -> None:
    cells = _cells(drawn["known_by_month"])
    assert cells["month:killed:all:2019-05:syrian_civil_defence:known"] == "272"
    assert cells["month:airstrikes:not_applicable:2019-05:syrian_civil_defence:"
                 "known"] == "3,013"
    # September to November: SOHR's 'more than 160' gives no civilian month a floor
    rects = {a.get_gid() for a in drawn["known_by_month"].findobj(Rectangle) if a.get_gid()}
    for month in ("2019-09", "2019-10", "2019-11"):
        keys = [k for k in rects if k.startswith(f"month:killed:civilians:{month}:sohr:")]
        assert len(keys) == 1, keys
        assert "≥" not in cells.get(keys[0], "")


def test_known_by_month_draws_each_span_at_its_dates(drawn) -> None:
    fig = drawn["known_by_month"]
    labels = {t.get_gid(): t.get_text() for t in fig.findobj(Text)
              if (t.get_gid() or "").startswith("span:")}
    assert labels["span:mee-2019-12-02-08:text"] == "more than 160, 31 Aug–2 Dec 2019"
    (bar,) = [a for a in fig.findobj(Rectangle) if a.get_gid() == "span:mee-2019-12-02-08"]
    # months are columns from February 2019: 31 August is 30/31 into August (column 6),
    # the day after 2 December is 2/31 into December (column 10)
    assert bar.get_x() == pytest.approx(6 + 30 / 31)
    assert bar.get_x() + bar.get_width() == pytest.approx(10 + 2 / 31)
    # a four-day figure (30 April to 3 May) is four days wide, not two months
    (first,) = [a for a in fig.findobj(Rectangle) if a.get_gid() == "span:tna-2019-05-03-06"]
    assert first.get_width() == pytest.approx(1 / 30 + 3 / 31)


def test_known_by_month_keeps_all_of_syria_in_context_panels(drawn) -> None:
    fig = drawn["known_by_month"]
    context = [ax for ax in fig.axes if "all of Syria" in ax.get_title(loc="left")]
    local = [ax for ax in fig.axes if ax.axison and ax not in context]
    assert context and local
    for ax in local:
        assert not any(":snhr:" in (a.get_gid() or "") for a in ax.patches)
    context_gids = {a.get_gid() for ax in context for a in ax.patches if a.get_gid()}
    assert "month:killed:civilians:2019-11:snhr:known" in context_gids


def test_draw_known_by_month_takes_frames(figs) -> None:
    """Frames in, figure out: a made-up monthly() frame is drawn as it says."""
    months = pd.DataFrame({
        "month": pd.period_range("2019-05", "2019-07", freq="M"),
        "indicator": "killed", "population": "all", "claimant": "sohr",
        "status": ["known", "no_count", "floor_only"],
        "low": pd.array([1200, None, 5], dtype="Int64"),
        "high": pd.array([1200, None, None], dtype="Int64"),
        "figure_ids": ["a", "", "b"], "how": ["", "", ""],
    })
    fig = charts.known.draw_known_by_month([charts.known.RowData("Killed", months)], figs)
    cells = _cells(fig)
    assert cells["month:killed:all:2019-05:sohr:known"] == "1,200"
    assert cells["month:killed:all:2019-06:sohr:no_count"] == "—"
    assert cells["month:killed:all:2019-07:sohr:floor_only"].split() == ["≥", "5"]
    assert "May: 1,200 (sohr)" in fig.alt_text


def test_readme_shows_every_chart_with_a_caption() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    charts_section = readme.split("## Charts", 1)[1].split("\n## ", 1)[0]
    for name in charts.CHARTS:
        image = f"](docs/img/{name}.png)"
        assert image in charts_section, f"the README does not show {name}"
        after = charts_section.split(image, 1)[1].lstrip("\n")
        assert after.startswith("*"), f"{name}: no caption under the image"
        assert (root / "docs" / "img" / f"{name}.png").is_file()
    # and no image is left over from a chart that is gone
    shown = {p.stem for p in (root / "docs" / "img").glob("*.png")}
    assert shown == set(charts.CHARTS)


def test_readme_images_carry_the_charts_descriptions(drawn) -> None:
    """`make charts` writes each chart's description as its README image's alt text."""
    from pathlib import Path

    from idlibstats.charts.output import markdown_alt

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name, draw in charts.CHARTS.items():
        fig = drawn.get(draw.__name__)
        expected = markdown_alt(fig.alt_text)
        assert f"![{expected}](docs/img/{name}.png)" in readme, \
            f"{name}: the README's alt text is not the chart's description (run make charts)"


def test_with_alt_text_rewrites_only_the_charts_images() -> None:
    from idlibstats.charts.output import with_alt_text

    text = ("![old](docs/img/intensity.png) and ![keep](docs/img/other.png)\n"
            "![](img/strikes.png)")
    new = with_alt_text(text, {"intensity": "Steps [per day]\nover spans", "strikes": "Bars"})
    assert new == ("![Steps \\[per day\\] over spans](docs/img/intensity.png) and "
                   "![keep](docs/img/other.png)\n![Bars](img/strikes.png)")
    assert with_alt_text(new, {"intensity": "Steps [per day]\nover spans",
                               "strikes": "Bars"}) == new


def test_first_days_group_is_read_from_the_data(figs) -> None:
    from idlibstats.charts.first_days import most_contested

    assert most_contested(figs[figs["indicator"] == "killed"]) == FIRST_DAYS_GROUP
    with pytest.raises(ValueError, match="competing"):
        most_contested(figs[figs["claim_group"] == FIRST_DAYS_GROUP].iloc[:1])


def test_known_by_month_follows_the_data_not_a_claimant_list(figs) -> None:
    """Claimants corrected in the data (issue-9) or new to the palette still get lanes."""
    changed = figs.copy()
    binnish = changed["claim_group"].astype(str).str.endswith("binnish")
    assert binnish.any()
    changed.loc[binnish, "claimant"] = "unattributed"
    may = changed["figure_id"] == "tna-2019-06-06-03"
    changed["claimant"] = changed["claimant"].astype(str)
    changed.loc[may, "claimant"] = "a_new_monitor"
    local = changed[changed["admin1"] != "SY"]
    rows = [charts.known.RowData(h, ils.monthly(i, p, local, movements=m),
                           ils.spans(i, p, local, movements=m))
            for i, p, h, m in charts.known.ROWS[:3]]
    fig = charts.known.draw_known_by_month(
        rows, changed, short={"unattributed": "no claimant named"})
    lanes = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert "a_new_monitor" in lanes and "unnamed_websites" not in lanes
    cells = _cells(fig)
    assert cells["month:killed:all:2019-05:a_new_monitor:known"] == "272"
    assert cells["month:killed:children:2019-12:unattributed:floor_only"].split() == ["≥", "2"]
    (cell,) = [a for a in fig.findobj(Rectangle)
               if a.get_gid() == "month:killed:all:2019-05:a_new_monitor:known"]
    assert _rgb(cell.get_facecolor()) == charts.style.NEUTRAL_GREY.upper()


@pytest.mark.parametrize("name", ["intensity", "displacement_points"])
def test_label_boxes_do_not_touch_each_other(drawn, name) -> None:
    fig = drawn[name]
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_bbox_patch().get_window_extent(renderer))
             for t in _texts(fig) if t.get_bbox_patch() is not None]
    assert len(boxes) >= 4
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1:]:
            assert not a.overlaps(b), f"{name}: {text_a!r} touches {text_b!r}"


def test_intensity_draws_a_difference_of_running_totals_as_a_band(tables) -> None:
    """Two running totals of one claimant with one start: the days between their as-of
    dates get the difference, a floor and a ceiling per day, drawn as a band over exactly
    those days."""
    figs = tables.figures
    base = figs[figs["figure_id"] == "mee-2019-12-02-08"].copy()  # SOHR, since 31 Aug
    earlier, later = base.copy(), base.copy()
    earlier["figure_id"], earlier["value"], earlier["qualifier"] = (
        "mee-2019-12-02-98", 100, "almost")
    earlier["value_as_written"] = "almost 100"
    earlier["period_end"] = pd.Timestamp("2019-09-30")
    later["figure_id"], later["value"], later["qualifier"] = "mee-2019-12-02-99", 160, "exact"
    later["value_as_written"] = "160"
    frame = pd.concat([earlier, later], ignore_index=True)
    for col in ("figure_id", "qualifier", "value_as_written"):
        frame[col] = frame[col].astype(figs[col].dtype)
    fig = charts.intensity(tables.with_figures(frame))
    (band,) = [a for a in fig.findobj() if a.get_gid() == "rate:mee-2019-12-02-98;"
               "mee-2019-12-02-99:range"]
    xs = band.get_paths()[0].vertices[:, 0]
    days = [pd.Timestamp(matplotlib.dates.num2date(x).replace(tzinfo=None)) for x in xs]
    assert min(days) == pd.Timestamp("2019-10-01") and max(days) == pd.Timestamp("2019-12-03")
    ys = band.get_paths()[0].vertices[:, 1]
    assert min(ys) == pytest.approx(60 / 63) and max(ys) == pytest.approx(160 / 63)
    assert "0.952–2.54 a day" in fig.alt_text


def test_known_by_month_draws_every_status_of_monthly() -> None:
    """Each status monthly() can give is a cell state in the legend; a level (a stock on a
    day) is never drawn or described as a count for the month."""
    from idlibstats.analysis.monthly import STATUSES
    from idlibstats.charts.known import STATES, cell_state

    bounds = {"known": (272, 272), "range": (67, 272), "floor_only": (3, pd.NA),
              "ceiling_only": (pd.NA, 1000), "span_only": (pd.NA, pd.NA),
              "level": (3000000, 3000000), "no_count": (pd.NA, pd.NA),
              "contradiction": (pd.NA, pd.NA)}
    assert set(bounds) == set(STATUSES)
    months = pd.period_range("2019-05", periods=len(STATUSES), freq="M")
    frame = pd.DataFrame({
        "month": months, "indicator": "killed", "population": "all", "claimant": "sohr",
        "status": list(bounds), "low": pd.array([b[0] for b in bounds.values()], "Int64"),
        "high": pd.array([b[1] for b in bounds.values()], "Int64"),
        "figure_ids": ["" if s == "no_count" else "x" for s in bounds], "how": "",
    })
    states = {s: cell_state(lo, hi, ids, s) for s, lo, hi, ids in zip(
        frame["status"], frame["low"], frame["high"], frame["figure_ids"], strict=True)}
    assert set(states.values()) <= {key for key, _ in STATES}
    assert len(set(states.values())) == len(STATUSES)  # no two statuses look alike
    fig = charts.known.draw_known_by_month([charts.known.RowData("Killed: all people", frame)],
                                     ils.figures())
    legend = {t.get_text() for ax in fig.axes if ax.get_legend()
              for t in ax.get_legend().get_texts()}
    assert {text for _, text in STATES} <= legend
    assert "3,000,000 on one day, a level" in fig.alt_text
    fig.clf()
