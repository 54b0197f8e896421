"""Every chart takes any filtered frame: 200 random subsets of the real figures, and none.

Each chart draws what the subset has (a figure with a description, drawing only the
subset's figures) or raises ValueError with a sentence that names what is missing; nothing
else. The charts are drawn at a low resolution (30 dpi instead of 100) and drawn last without
rendering pixels (``Figure.draw_without_rendering``): the layout, the labels and the text
measurements run as at full size, only fewer or no pixels are filled.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_defects import draws_or_says_what_is_missing

import idlibstats as ils
from idlibstats import charts
from idlibstats.charts import chart as chart_module

LOW_DPI = 30
FIGURES = ils.figures()
IDS = list(FIGURES["figure_id"])


@pytest.fixture(scope="module")
def tables() -> charts.ChartTables:
    return ils.chart_tables()


@pytest.fixture(scope="module", autouse=True)
def low_resolution():
    """Draw every chart at LOW_DPI (each chart makes its own Chart; patch its dpi)."""
    original = chart_module.Chart.__init__

    def at_low_dpi(self, *args, **kwargs):
        kwargs["dpi"] = LOW_DPI
        original(self, *args, **kwargs)

    chart_module.Chart.__init__ = at_low_dpi
    yield
    chart_module.Chart.__init__ = original


def _draw_all(tables: charts.ChartTables, frame: pd.DataFrame) -> None:
    for name, draw in charts.CHARTS.items():
        with warnings.catch_warnings():
            # a layout that collapses is a broken chart, not a warning to read past
            warnings.filterwarnings("error", message=".*constrained_layout not applied.*")
            fig = draws_or_says_what_is_missing(draw, tables, frame)
        if fig is None:
            continue
        fig.draw_without_rendering()  # the layout and every artist's draw, no pixels
        drawn = {str(a.get_gid()).removeprefix("figure:") for a in fig.findobj()
                 if str(a.get_gid()).startswith("figure:")}
        assert drawn <= set(frame["figure_id"]), f"{name} drew a figure not in the frame"
        fig.clf()


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(keep=st.lists(st.booleans(), min_size=len(IDS), max_size=len(IDS)))
def test_every_chart_draws_any_subset_of_the_real_figures(tables, keep) -> None:
    _draw_all(tables, FIGURES[keep])


def test_every_chart_draws_the_empty_frame_or_says_so(tables) -> None:
    for name, draw in charts.CHARTS.items():
        with pytest.raises(ValueError, match=r"^no [a-z].*: the frame "):
            draw(tables.with_figures(FIGURES.iloc[:0]))
        assert name
