"""Charts of the reported figures, shared by the notebooks and the README images.

Every chart takes the frames it draws from as one bundle, :class:`ChartTables` (loaded by
:func:`idlibstats.chart_tables`; ``tables.with_figures(frame)`` to draw a filtered frame), and
returns a :class:`Chart`, a matplotlib figure that carries its description (``alt_text``,
written from the data it draws) into JupyterLab, the HTML pages and the README: no chart
reads the package. Given a filtered frame, a chart draws what it has or raises ValueError
naming what is missing. The notebooks hold no plotting logic of their own and
``python -m idlibstats.charts docs/img --markdown README.md`` redraws the README's PNGs and
their alt text from the same code. The charts follow the package's method:

- a figure is a claim: each is drawn in its claimant's colour (and, where two claimants'
  colours share a hue, its pattern or marker shape), with its wording as written;
- intensity over time (:func:`intensity`, from :func:`idlibstats.rates`): each total over
  a known span is a step across exactly that span at its average per day, a floor or a
  ceiling as its wording allows, one panel per indicator and population;
- by month, only what the figures imply for the month alone (:func:`known_by_month`, drawn
  from :func:`idlibstats.monthly` and :func:`idlibstats.spans`): a figure over a span is a
  bar at its dates, a month without a figure says 'no count' (a dash), never zero;
- never two populations on one value axis; movements are never drawn as people;
- figures for all of Syria are drawn in context panels, never among the north-west's;
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

from idlibstats.charts.chart import Chart
from idlibstats.charts.coverage import coverage_timeline
from idlibstats.charts.data import ChartTables
from idlibstats.charts.displacement import displacement_points
from idlibstats.charts.first_days import first_days_claims, most_contested
from idlibstats.charts.intensity import intensity
from idlibstats.charts.known import known_by_month
from idlibstats.charts.notes import footnote_text
from idlibstats.charts.output import CHARTS, save_charts
from idlibstats.charts.strikes import strikes_chart
from idlibstats.charts.style import ClaimantStyles

#: What users call: the charts, their bundle of frames and result, the registry
#: :func:`save_charts` draws, and the helpers the notebooks use. Constants and drawing
#: helpers stay in their modules (``charts.style``, ``charts.known``, ``charts.notes``).
__all__ = [
    "CHARTS",
    "Chart",
    "ChartTables",
    "ClaimantStyles",
    "coverage_timeline",
    "displacement_points",
    "first_days_claims",
    "footnote_text",
    "intensity",
    "known_by_month",
    "most_contested",
    "save_charts",
    "strikes_chart",
]
