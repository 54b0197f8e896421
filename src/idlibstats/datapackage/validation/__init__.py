"""The validation engine: a data package's Table Schemas compiled into small checks.

One table is read once, as Arrow text (:mod:`.source`), and every rule of its descriptor is
checked on whole columns by one small check per kind of rule (:mod:`.checks`), each adding
(file, row, field, message) problems to one :class:`.report.Report`. The table comes out as
a typed DataFrame (:mod:`.frame`). Entry point: :func:`.engine.check_table`.
"""

from idlibstats.datapackage.validation.engine import check_table
from idlibstats.datapackage.validation.report import ALL_ERRORS, FIRST_ERROR, Report

__all__ = ["ALL_ERRORS", "FIRST_ERROR", "Report", "check_table"]
