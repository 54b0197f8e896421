"""The package's own rules: what neither a Table Schema nor a checklist can say.

Each is a check like any other (:mod:`idlibstats.datapackage.validation.check`), registered in
:data:`idlibstats.datapackage.registry.CHECKS`, with its own error code:
:mod:`.across_tables` (``claimed_on`` against the report's date, an inferred claimant shown
by a corroboration) and :mod:`.wording` (the number as written says the value, and the
excerpt holds it). They name the figures' fields; the engine itself names none.
"""

from idlibstats.datapackage.rules.across_tables import (
    CLAIMANT_NOT_SHOWN,
    CLAIMED_AFTER_REPORT,
    CLAIMED_NOT_REPORT_DATE,
)
from idlibstats.datapackage.rules.wording import VALUE_NOT_AS_WRITTEN, WORDING_NOT_IN_EXCERPT

__all__ = ["CLAIMANT_NOT_SHOWN", "CLAIMED_AFTER_REPORT", "CLAIMED_NOT_REPORT_DATE",
           "VALUE_NOT_AS_WRITTEN", "WORDING_NOT_IN_EXCERPT"]
