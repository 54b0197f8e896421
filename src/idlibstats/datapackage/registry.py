"""Every check the loaders and ``idlibstats validate`` run, in order: the one place to register.

After a table is read and typed, the engine runs :data:`CHECKS` in this order: the field
constraints of the Table Schema, the keys, the row rules of the checklists, then this
package's own rules. A new check goes into this tuple (CONTRIBUTING, 'Adding a check').
"""

from idlibstats.datapackage.rules import (
    CLAIMANT_NOT_SHOWN,
    CLAIMED_AFTER_REPORT,
    CLAIMED_NOT_REPORT_DATE,
    VALUE_NOT_AS_WRITTEN,
    WORDING_NOT_IN_EXCERPT,
)
from idlibstats.datapackage.validation import Check
from idlibstats.datapackage.validation.checklist import ROW_RULES
from idlibstats.datapackage.validation.constraints import ENUM, LIMITS, PATTERN, REQUIRED
from idlibstats.datapackage.validation.keys import FOREIGN_KEYS, PRIMARY_KEY, UNIQUE

__all__ = ["CHECKS"]

CHECKS: tuple[Check, ...] = (
    REQUIRED, ENUM, PATTERN, LIMITS,                      # constraint-error
    UNIQUE, PRIMARY_KEY, FOREIGN_KEYS,                    # unique-error, primary-key, foreign-key
    ROW_RULES,                                            # row-constraint
    CLAIMED_AFTER_REPORT, CLAIMED_NOT_REPORT_DATE, CLAIMANT_NOT_SHOWN,
    VALUE_NOT_AS_WRITTEN, WORDING_NOT_IN_EXCERPT,
)
"""The checks, in the order they run."""
