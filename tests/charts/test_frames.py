"""The charts and the exports take frames: a filtered frame is drawn or written alone, and
none of them reads the package (the loaders are made to fail while they run)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import dataclasses

import matplotlib.colors as mcolors
import pandas as pd
import pytest
from drawn import real_charts, real_tables

import idlibstats as ils
from idlibstats import charts
from idlibstats.datapackage import read
from idlibstats.exports.hxl import to_hxl
from idlibstats.exports.monthly_csv import to_monthly_csv


@pytest.fixture(scope="module")
def tables() -> charts.ChartTables:
    return real_tables()


@pytest.fixture
def no_loading(monkeypatch):
    """Every loader of the package raises: whoever calls one fails the test."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("a chart or export read the package")

    for name in [*read.list_tables(), "load_table", "list_tables"]:
        if hasattr(read, name):
            monkeypatch.setattr(read, name, refuse)
    monkeypatch.setattr(ils, "figures", refuse)


def _figure_gids(fig) -> set[str]:
    return {a.get_gid().removeprefix("figure:") for a in fig.findobj()
            if (a.get_gid() or "").startswith("figure:")}


def test_every_chart_draws_from_the_bundle_alone() -> None:
    """drawn.real_charts draws every chart with the loaders refusing, as no_loading does
    (once per process, for every chart test): a chart that read the package fails here."""
    drawn = real_charts()
    assert list(drawn) == list(charts.CHARTS)
    for name, fig in drawn.items():
        assert charts.footnote_text(fig), name


def test_a_filtered_frame_is_drawn_alone(tables, no_loading) -> None:
    sohr = tables.figures[tables.figures["claimant"] == "sohr"]
    assert len(sohr) >= 2, "the package has SOHR figures to draw"
    fig = charts.coverage_timeline(tables.with_figures(sohr))
    shown = _figure_gids(fig)
    assert shown == set(sohr["figure_id"])
    note = charts.footnote_text(fig)
    assert "Syrian Observatory for Human Rights" in note
    assert "Syrian Civil Defence" not in note  # another claimant's figures are not named
    full = _figure_gids(charts.coverage_timeline(tables))
    assert shown < full


def test_with_figures_keeps_the_bundle_and_refuses_a_foreign_frame(tables) -> None:
    part = tables.figures.head(3)
    smaller = tables.with_figures(part)
    assert smaller.figures is part and tables.figures is not part
    assert smaller.sources is tables.sources
    with pytest.raises(ValueError, match="lacks the figures column"):
        tables.with_figures(pd.DataFrame({"figure_id": ["x"]}))


def test_exports_write_a_filtered_frame_from_frames_alone(tables, no_loading) -> None:
    sohr = tables.figures[tables.figures["claimant"] == "sohr"]
    text = to_hxl(sohr, tables.sources, tables.organisations, tables.indicators)
    rows = text.splitlines()[2:]
    assert len(rows) == len(sohr)
    assert all(",sohr," in row for row in rows)
    monthly = to_monthly_csv(sohr, tables.indicators, populations=tables.populations, hxl=True)
    assert monthly.splitlines()[1].startswith("#date+month")


def _colours_of(fig, figure_ids) -> set[str]:
    from matplotlib.lines import Line2D

    found = set()
    for artist in fig.findobj():
        if (artist.get_gid() or "").removeprefix("figure:") in figure_ids:
            colour = artist.get_color() if isinstance(artist, Line2D) else artist.get_edgecolor()
            found.add(mcolors.to_hex(colour, keep_alpha=False).lower())
    return found


def test_colours_come_from_the_style_table(tables, no_loading) -> None:
    """A claimant's colour is its claimant_styles row; without a row, grey and circles."""
    disp = tables.figures[tables.figures["indicator"] == "displaced"]
    ocha = set(disp.loc[disp["claimant"] == "ocha", "figure_id"])
    assert ocha, "OCHA gives displacement figures in the package"
    styles = tables.styles
    assert _colours_of(charts.displacement_points(tables), ocha) == {
        str(styles.loc[styles["organisation_id"] == "ocha", "colour"].iloc[0])}
    # a new colour in the table is drawn; a claimant whose row is gone falls back to grey
    recoloured = styles.copy()
    recoloured.loc[recoloured["organisation_id"] == "ocha", "colour"] = "#123456"
    fig = charts.displacement_points(dataclasses.replace(tables, styles=recoloured))
    assert _colours_of(fig, ocha) == {"#123456"}
    unstyled = dataclasses.replace(tables, styles=styles[styles["organisation_id"] != "ocha"])
    assert unstyled.palette.marker("ocha") == "o" and unstyled.palette.hatch("ocha") is None
    fig = charts.displacement_points(unstyled)
    assert _colours_of(fig, ocha) == {charts.style.NEUTRAL_GREY.lower()}
