"""The charts: titles, labels, source footnotes, palette, honest drawing of the figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

import idlibstats as ils
from idlibstats import charts

# Okabe & Ito (2008), the colour-blind-safe set, written out independently of charts.py.
OKABE_ITO = {
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
}


@pytest.fixture(scope="module")
def figs() -> pd.DataFrame:
    return ils.figures()


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    orgs = ils.organisations()
    return dict(zip(orgs["organisation_id"], orgs["name"], strict=True))


def _shown_coverage(f: pd.DataFrame) -> pd.DataFrame:
    return f


def _shown_deaths(f: pd.DataFrame) -> pd.DataFrame:
    casualties = f[f["indicator"].isin(["killed", "injured"])]
    return casualties[casualties["period_start"] >= pd.Timestamp("2019-01-01")]


def _shown_first_days(f: pd.DataFrame) -> pd.DataFrame:
    return f[f["claim_group"] == charts.FIRST_DAYS_GROUP]


def _shown_displacement(f: pd.DataFrame) -> pd.DataFrame:
    return f[f["indicator"] == "displaced"]


def _shown_strikes(f: pd.DataFrame) -> pd.DataFrame:
    return f[f["indicator"].isin(
        ["airstrikes", "health_facilities_attacked", "health_facilities_destroyed"])]


CASES = [
    (charts.coverage_timeline, _shown_coverage),
    (charts.deaths_by_month, _shown_deaths),
    (charts.first_days_claims, _shown_first_days),
    (charts.displacement_points, _shown_displacement),
    (charts.strikes_chart, _shown_strikes),
]
IDS = [draw.__name__ for draw, _ in CASES]


@pytest.fixture(scope="module")
def drawn() -> dict[str, Figure]:
    return {draw.__name__: draw() for draw, _ in CASES}


def _note(fig: Figure) -> str:
    return charts.footnote_text(fig)  # raises unless there is exactly one footnote


def _by_gid(fig: Figure, figure_id: str) -> list:
    return fig.findobj(lambda a: a.get_gid() == f"figure:{figure_id}")


@pytest.mark.parametrize(("draw", "shown"), CASES, ids=IDS)
def test_chart_has_title_labels_and_named_sources(draw, shown, drawn, figs, names) -> None:
    fig = drawn[draw.__name__]
    assert isinstance(fig, Figure)
    assert fig.get_suptitle().strip()
    for ax in fig.axes:
        # panels sharing an x axis carry its label once, under the bottom one
        siblings = ax.get_shared_x_axes().get_siblings(ax)
        assert any(s.get_xlabel().strip() for s in siblings), f"{draw.__name__}: no x label"
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


@pytest.mark.parametrize(("draw", "shown"), CASES, ids=IDS)
def test_every_figure_shown_is_drawn(draw, shown, drawn, figs) -> None:
    fig = drawn[draw.__name__]
    for figure_id in shown(figs)["figure_id"]:
        assert _by_gid(fig, figure_id), f"{draw.__name__}: {figure_id} is not drawn"


def test_palette_is_okabe_ito_and_one_colour_per_claimant(figs) -> None:
    assert {c.upper() for c in charts.OKABE_ITO.values()} == OKABE_ITO
    colours = [c.upper() for c in charts.CLAIMANT_COLOURS.values()]
    assert set(colours) <= OKABE_ITO | {charts.NEUTRAL_GREY.upper()}
    assert len(set(colours)) == len(colours), "two claimants share a colour"
    # every claimant in the data has its own colour, none falls back to grey by accident
    for claimant in set(figs["claimant"]) - {"unattributed"}:
        assert claimant in charts.CLAIMANT_COLOURS
        assert charts.claimant_colour(claimant) != charts.NEUTRAL_GREY
    assert charts.claimant_colour("no_such_organisation") == charts.NEUTRAL_GREY


def _rgb(colour) -> str:
    return mcolors.to_hex(colour, keep_alpha=False).upper()


def test_each_claimant_keeps_its_colour_across_charts(drawn, figs) -> None:
    seen: dict[str, set[str]] = {}
    for fig in drawn.values():
        for _, row in figs.iterrows():
            for artist in _by_gid(fig, row["figure_id"]):
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
        expected = charts.CLAIMANT_COLOURS[claimant].upper()
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
    disp = figs[figs["indicator"] == "displaced"]
    for _, row in disp.iterrows():
        (point,) = [a for a in _by_gid(fig, row["figure_id"]) if isinstance(a, Line2D)]
        (x,), (y,) = point.get_xdata(), point.get_ydata()
        assert pd.Timestamp(x) == row["period_end"]
        assert y == row["value"]


@pytest.mark.parametrize("name", ["deaths_by_month", "displacement_points"])
def test_no_line_joins_different_values(drawn, name) -> None:
    """A line across points may only draw one figure's span (constant level)."""
    for line in drawn[name].findobj(Line2D):
        ys = [float(y) for y in line.get_ydata()]
        if len(ys) >= 2 and line.axes is not None:
            assert len(set(ys)) == 1, f"a line joins {ys}"


def test_deaths_breakdown_is_inside_its_total_not_added(drawn, figs) -> None:
    fig = drawn["deaths_by_month"]
    (total,) = _by_gid(fig, "tna-2019-06-06-03")  # 272 killed in May
    assert isinstance(total, LineCollection)
    (segment,) = total.get_segments()
    assert segment[0][1] == pytest.approx(272 / 31)
    (children,) = _by_gid(fig, "tna-2019-06-06-04")  # 67 children, part of the 272
    assert children.get_y() == 0
    assert children.get_height() == pytest.approx(67 / 31)
    assert children.get_y() + children.get_height() < segment[0][1]


def test_war_toll_is_clipped_and_said_so(drawn) -> None:
    fig = drawn["coverage_timeline"]
    (bar,) = _by_gid(fig, "mee-2019-12-02-10")
    assert pd.Timestamp(matplotlib.dates.num2date(bar.get_x()).replace(tzinfo=None)) == \
        pd.Timestamp("2019-01-01")
    assert "15 Mar 2011" in _note(fig)


def test_deaths_footnote_gives_the_snhr_scope_caveat(drawn) -> None:
    note = _note(drawn["deaths_by_month"])
    assert "277 civilians" in note
    assert "all of Syria" in note


def test_displacement_puts_the_400000_at_26_july(drawn) -> None:
    ax = drawn["displacement_points"].axes[0]
    (point,) = [line for line in ax.lines if line.get_gid() == "figure:mee-2019-12-02-07"]
    assert pd.Timestamp(point.get_xdata()[0]) == pd.Timestamp("2019-07-26")


def test_source_note_stars_inferred_publishers_and_dates(figs) -> None:
    note = charts.source_note(figs[figs["source_id"] == "tna-2019-05-03"])
    assert "The New Arab* 3 May 2019*" in note
    assert "inferred by the curators" in note
    note = charts.source_note(figs[figs["source_id"] == "tna-2019-12-17"])
    assert "The New Arab 17 Dec 2019" in note
    assert "*" not in note


def test_main_writes_every_png(tmp_path) -> None:
    assert charts.main([str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{name}.png" for name in charts.CHARTS)
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"Software" not in data  # no tool/version stamp to churn the diff
        assert len(data) > 20_000
