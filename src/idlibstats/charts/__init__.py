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

from idlibstats.charts.casualties import deaths_by_month
from idlibstats.charts.coverage import coverage_timeline
from idlibstats.charts.data import FIRST_DAYS_GROUP
from idlibstats.charts.displacement import displacement_points
from idlibstats.charts.first_days import first_days_claims
from idlibstats.charts.notes import SOURCE_NOTE_GID, footnote_text, source_note
from idlibstats.charts.output import CHARTS, main, save_charts
from idlibstats.charts.strikes import strikes_chart
from idlibstats.charts.style import CLAIMANT_COLOURS, NEUTRAL_GREY, OKABE_ITO, claimant_colour

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
