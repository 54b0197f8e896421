"""The validation engine: a table's descriptor and checklist, checked by small registered checks.

One table is read once, as Arrow text (:mod:`.source`), typed (:mod:`.types`), and checked by
each check it is given, in order (:mod:`.check`: the contract; :mod:`.constraints`,
:mod:`.keys`, :mod:`.checklist`: the generic ones), on whole columns; each error, with its
code, goes to one :class:`.report.Report`. The table comes out as a typed DataFrame
(:mod:`.frame`). Entry point: :func:`.engine.check_table`. The engine names no field of this
package: its own rules are in :mod:`idlibstats.datapackage.rules`.
"""

from idlibstats.datapackage.validation.check import Check, FieldCheck, TableCheck
from idlibstats.datapackage.validation.engine import check_table
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.state import RunState, TableState, mask

__all__ = ["Check", "FieldCheck", "Report", "RunState", "TableCheck", "TableState",
           "check_table", "mask"]
