"""idlibstats: figures reported on the 2019 Idlib offensive, loaded and handled with care.

>>> import idlibstats as ils
>>> figs = ils.figures()                 # one row per number a report gives, typed
>>> ils.bounds(figs)                     # low / best / high from the wording
>>> ils.reconcile(figs)                  # competing claims as ranges, never sums
>>> ils.monthly("killed", "all")         # what the figures imply per month, never a share
>>> ils.spans("killed", "all")           # floors that hold only for a span as a whole
>>> ils.rates()                          # per day over each figure's span: floor / ceiling

Every table of the package has a loader named after it; see :func:`list_tables`.

The names below are imported when first used (``ils.figures`` imports pandas, the month
bounds scipy), so ``import idlibstats`` and ``idlibstats --version`` or ``--help`` stay quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_HOME = {
    **dict.fromkeys(("bounds", "chart_tables", "monthly", "monthly_summary", "monthly_table",
                     "period_bounds", "rates", "reconcile", "spans", "to_hxl",
                     "to_monthly_csv"), "idlibstats.api"),
    "DataPackageError": "idlibstats.datapackage.errors",
    "locate_package": "idlibstats.datapackage.locate",
    **dict.fromkeys(("claimant_styles", "corroborations", "deaths", "displacement", "figures",
                     "indicators", "injuries", "list_tables", "load_table", "organisations",
                     "populations", "sources", "strikes", "wire_credits"),
                    "idlibstats.datapackage.read"),
    "validate_package": "idlibstats.datapackage.validate",
}

if TYPE_CHECKING:  # what type checkers and editors see; at run time, __getattr__ below
    from idlibstats.api import (
        bounds,
        chart_tables,
        monthly,
        monthly_summary,
        monthly_table,
        period_bounds,
        rates,
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
    "rates",
    "reconcile",
    "sources",
    "spans",
    "strikes",
    "to_hxl",
    "to_monthly_csv",
    "validate_package",
    "wire_credits",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first used (PEP 562)."""
    home = _HOME.get(name)
    if home is None:
        try:  # a subpackage used as an attribute (``idlibstats.charts``)
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
