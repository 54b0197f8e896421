"""Rules across tables for ``figures``, which a checklist's row rule cannot state.

Row rules (``checks/<resource>.json``) see one row of one table; these need another table:

- :data:`CLAIMED_AFTER_REPORT`: ``claimed_on`` is not after the ``published`` date of the
  figure's report (``sources``): a claim cannot be dated after the report that gives it;
- :data:`CLAIMED_NOT_REPORT_DATE`: ``claimed_on_basis`` ``report_date`` means ``claimed_on``
  *is* the report's date;
- :data:`CLAIMANT_NOT_SHOWN`: ``claimant_basis`` ``inferred`` needs a row of
  ``corroborations`` for that figure, with a relation other than ``contradicts``, that
  shows who the claimant is.

The other tables are read for the few columns needed, never typed or loaded whole. A rule
whose fields a package does not have is not run; one whose other table cannot be read says
so (``check-error``), once.
"""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.validation import TableCheck, TableState, mask

__all__ = ["CLAIMANT_NOT_SHOWN", "CLAIMED_AFTER_REPORT", "CLAIMED_NOT_REPORT_DATE"]


def _other(state: TableState, name: str, fields: list[str]) -> pa.Table | None:
    """Columns of another table, or None after saying that the rules must wait for it."""
    try:
        return state.run.read_columns(name, fields)
    except DataPackageError as exc:
        state.cannot_read(exc, "rules across tables")
        return None


def _is_day(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _dated(state: TableState) -> bool:
    return (state.name == "figures"
            and state.run.declares("figures", ["source_id", "claimed_on", "claimed_on_basis"])
            and state.run.declares("sources", ["source_id", "published"]))


def _claims_and_reports(state: TableState) -> tuple[np.ndarray, pa.Array, pa.Array] | None:
    """Rows to check, each row's ``claimed_on`` and its report's ``published`` (null: none)."""
    usable = state.usable("source_id", "claimed_on", "claimed_on_basis") & ~state.is_missing(
        "claimed_on")
    sources = _other(state, "sources", ["source_id", "published"]) if usable.any() else None
    if sources is None:
        return None
    published = {k: v for k, v in zip(sources.column("source_id").to_pylist(),
                                      sources.column("published").to_pylist(), strict=True)
                 if _is_day(v)}
    ids = state.text("source_id").combine_chunks()
    report = pc.take(pa.array(list(published.values()), pa.string()),
                     pc.index_in(ids, value_set=pa.array(list(published), pa.string())))
    known = usable & ~report.is_null().to_numpy(zero_copy_only=False)
    return known, state.text("claimed_on").combine_chunks(), report


def _where(state: TableState, pos: int, report: pa.Array) -> tuple[str, str]:
    path = state.package.resource("sources").get("path", "sources")
    return (f"the published date of its report {show(state.text('source_id')[pos].as_py())} "
            f"(sources.published, {path})"), report[pos].as_py()


def _claimed_after_report(state: TableState) -> None:
    found = _claims_and_reports(state)
    if found is None:
        return
    known, claimed, report = found
    for pos in np.flatnonzero(known & mask(pc.greater(claimed, report))):
        where, printed = _where(state, int(pos), report)
        state.error("claimed-after-report", f"{show(claimed[pos].as_py())} is after "
                    f"{show(printed)}, {where}: a claim cannot be dated after the report "
                    "that gives it", int(pos), ["claimed_on"])


CLAIMED_AFTER_REPORT = TableCheck("claimed-after-report", _dated, _claimed_after_report)
"""``claimed_on`` is not after its report's ``published`` date."""


def _claimed_not_report_date(state: TableState) -> None:
    found = _claims_and_reports(state)
    if found is None:
        return
    known, claimed, report = found
    on_report = mask(pc.equal(state.text("claimed_on_basis"), "report_date"))
    wrong = known & on_report & ~mask(pc.greater(claimed, report)) & ~mask(
        pc.equal(claimed, report))
    for pos in np.flatnonzero(wrong):
        where, printed = _where(state, int(pos), report)
        state.error("claimed-not-report-date", f"is {show(claimed[pos].as_py())} with "
                    f"claimed_on_basis 'report_date', so it must be {show(printed)}, {where}",
                    int(pos), ["claimed_on"])


CLAIMED_NOT_REPORT_DATE = TableCheck("claimed-not-report-date", _dated,
                                     _claimed_not_report_date)
"""``claimed_on_basis`` ``report_date``: ``claimed_on`` is the report's date."""


def _claimant_not_shown(state: TableState) -> None:
    inferred = state.usable("figure_id", "claimant_basis") & mask(
        pc.equal(state.text("claimant_basis"), "inferred"))
    corr = _other(state, "corroborations", ["figure_id", "relation"]) if inferred.any() else None
    if corr is None:
        return
    shown = pc.filter(corr.column("figure_id"),
                      pc.not_equal(corr.column("relation"), "contradicts"))
    path = state.package.resource("corroborations").get("path", "corroborations")
    ids = state.text("figure_id")
    for pos in np.flatnonzero(inferred & ~mask(pc.is_in(ids, value_set=shown.combine_chunks()))):
        state.error("claimant-not-shown", f"is 'inferred', but no row of corroborations ({path}) "
                    f"for figure {show(ids[int(pos)].as_py())} shows who the claimant is (a "
                    "relation other than 'contradicts'): add one, or set claimant to "
                    "'unattributed' and claimant_basis to 'none'", int(pos), ["claimant_basis"])


CLAIMANT_NOT_SHOWN = TableCheck("claimant-not-shown", lambda state: (
    state.name == "figures" and state.run.declares("figures", ["figure_id", "claimant_basis"])
    and state.run.declares("corroborations", ["figure_id", "relation"])), _claimant_not_shown)
"""An inferred claimant has a corroboration that shows it."""
