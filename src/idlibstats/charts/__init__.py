"""Charts of the reported figures, shared by the notebooks and the README images.

Every chart takes the frames it draws from as one bundle, :class:`ChartTables` (loaded by
:func:`idlibstats.chart_tables`; ``tables.with_figures(frame)`` to draw a filtered frame), and
returns a figure: no chart reads the package. The notebooks hold no plotting logic of their own
and ``python -m idlibstats.charts docs/img`` redraws the README's PNGs from the same code. The
charts follow the package's method:

- a figure is a claim: each is drawn in its claimant's colour (and, where two claimants'
  colours share a hue, its pattern or marker shape), with its wording as written;
- by month, only what the figures imply for the month alone (:func:`known_by_month`, drawn
  from :func:`idlibstats.monthly` and :func:`idlibstats.spans`): a figure over several
  months is a bar marked 'not known per month', a month without a figure says 'no count';
- figures for all of Syria are drawn in a context panel, never among the north-west's;
- a figure over a span is drawn as a span, a figure as of a date as a marker;
- lower bounds ('at least', 'more than') are drawn open-ended, with an upward arrow or an
  arrow to the axis edge; 'almost' and 'about' as the range the library derives;
- figures by different claimants are never joined by a line, and never added;
- a breakdown (children within all people killed) is drawn inside its total, not beside it;
- every chart carries a footnote naming the claimant and the report of each figure shown;
- no text is smaller than 9 pt where the charts are shown (the README column, JupyterLab):
  every chart is :data:`WIDTH` inches wide and its type at least :data:`MIN_PT` points.

The palette is Okabe and Ito's colour-blind-safe set, one fixed colour per claimant, held in
the data (the package's ``claimant_styles`` table, read as :class:`ClaimantStyles`).
"""

from idlibstats.charts.coverage import coverage_timeline
from idlibstats.charts.cumulative import cumulative_tolls
from idlibstats.charts.data import ChartTables
from idlibstats.charts.displacement import displacement_points
from idlibstats.charts.first_days import first_days_claims, most_contested
from idlibstats.charts.known import ROWS, RowData, cell_text, draw_known_by_month, known_by_month
from idlibstats.charts.notes import SOURCE_NOTE_GID, footnote_text, source_note
from idlibstats.charts.output import CHARTS, save_charts
from idlibstats.charts.strikes import strikes_chart
from idlibstats.charts.style import (
    DEFAULT_MARKER,
    JUPYTER_COLUMN_PX,
    MIN_PT,
    NEUTRAL_GREY,
    OKABE_ITO,
    README_COLUMN_PX,
    WIDTH,
    ClaimantStyles,
)

__all__ = [
    "CHARTS",
    "DEFAULT_MARKER",
    "JUPYTER_COLUMN_PX",
    "MIN_PT",
    "NEUTRAL_GREY",
    "OKABE_ITO",
    "README_COLUMN_PX",
    "ROWS",
    "SOURCE_NOTE_GID",
    "WIDTH",
    "ChartTables",
    "ClaimantStyles",
    "RowData",
    "cell_text",
    "coverage_timeline",
    "cumulative_tolls",
    "displacement_points",
    "draw_known_by_month",
    "first_days_claims",
    "footnote_text",
    "known_by_month",
    "most_contested",
    "save_charts",
    "source_note",
    "strikes_chart",
]
