"""The validation engine: a table's descriptor and checklist, checked by small registered checks.

Entry point :func:`.engine.check_table`; the contract :mod:`.check`; the generic checks
:mod:`.constraints`, :mod:`.keys`, :mod:`.checklist`. The engine names no field of this
package: its own rules are in :mod:`idlibstats.datapackage.rules`.
"""

from idlibstats.datapackage.validation.check import Check, FieldCheck, TableCheck
from idlibstats.datapackage.validation.engine import check_table
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.state import RunState, TableState, mask

__all__ = ["Check", "FieldCheck", "Report", "RunState", "TableCheck", "TableState",
           "check_table", "mask"]
