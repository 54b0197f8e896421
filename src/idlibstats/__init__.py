"""idlibstats: figures reported on the 2019 Idlib offensive, loaded and handled with care.

>>> import idlibstats as ils
>>> figs = ils.figures()                 # one row per number a report gives, typed
>>> ils.bounds(figs)                     # low / best / high from the wording
>>> ils.reconcile(figs)                  # competing claims as ranges, never sums
>>> ils.monthly("killed", "all")         # what the figures imply per month, never a share
>>> ils.spans("killed", "all")           # floors that hold only for a span as a whole

Every table of the package has a loader named after it; see :func:`list_tables`.
"""

from idlibstats.api import (
    bounds,
    chart_tables,
    monthly,
    monthly_summary,
    monthly_table,
    period_bounds,
    reconcile,
    spans,
    to_hxl,
    to_monthly_csv,
)
from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import locate_package
from idlibstats.datapackage.read import (
    claimant_styles,
    corroborations,
    deaths,
    displacement,
    figures,
    indicators,
    injuries,
    list_tables,
    load_table,
    organisations,
    populations,
    sources,
    strikes,
    wire_credits,
)
from idlibstats.datapackage.validate import validate_package

__version__ = "0.1.0"

__all__ = [
    "DataPackageError",
    "__version__",
    "bounds",
    "chart_tables",
    "claimant_styles",
    "corroborations",
    "deaths",
    "displacement",
    "figures",
    "indicators",
    "injuries",
    "list_tables",
    "load_table",
    "locate_package",
    "monthly",
    "monthly_summary",
    "monthly_table",
    "organisations",
    "period_bounds",
    "populations",
    "reconcile",
    "sources",
    "spans",
    "strikes",
    "to_hxl",
    "to_monthly_csv",
    "validate_package",
    "wire_credits",
]
