"""The package's own rules: what neither a Table Schema nor a checklist can say.

Each is a check like any other, registered in :data:`idlibstats.datapackage.registry.CHECKS`
with its own error code. They name the figures' fields; the engine itself names none.
"""

from idlibstats.datapackage.rules.across_tables import (
    CLAIMANT_NOT_SHOWN,
    CLAIMED_AFTER_REPORT,
    CLAIMED_NOT_REPORT_DATE,
)
from idlibstats.datapackage.rules.wording import VALUE_NOT_AS_WRITTEN, WORDING_NOT_IN_EXCERPT

__all__ = ["CLAIMANT_NOT_SHOWN", "CLAIMED_AFTER_REPORT", "CLAIMED_NOT_REPORT_DATE",
           "VALUE_NOT_AS_WRITTEN", "WORDING_NOT_IN_EXCERPT"]
