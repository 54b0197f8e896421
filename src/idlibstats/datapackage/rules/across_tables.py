"""Rules across tables for ``figures``, which a checklist's row rule cannot state.

Row rules see one row of one table; these read a few typed columns of another (``sources``,
``corroborations``). A rule whose fields a package does not have is not run; one whose
other table cannot be read says so (``check-error``), once.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.validation import TableCheck, TableState, mask
from idlibstats.datapackage.validation.types import typed_columns

__all__ = ["CLAIMANT_NOT_SHOWN", "CLAIMED_AFTER_REPORT", "CLAIMED_NOT_REPORT_DATE"]


def _other(state: TableState, name: str, fields: list[str]) -> TableState | None:
    """Columns of another table, typed; None after saying the rules must wait for it."""
    try:
        return typed_columns(state.run, name, fields)
    except DataPackageError as exc:
        state.cannot_read(exc, "rules across tables")
        return None


def _dated(state: TableState) -> bool:
    return (state.name == "figures"
            and state.run.declares("figures", ["source_id", "claimed_on", "claimed_on_basis"])
            and state.run.declares("sources", ["source_id", "published"]))


def _report_dates(state: TableState) -> tuple[np.ndarray, pa.Array, pa.Array] | None:
    """Rows to check, their ``claimed_on`` and their report's ``published`` (null: none)."""
    rows = state.usable("source_id", "claimed_on", "claimed_on_basis") & ~state.is_missing(
        "claimed_on")
    sources = _other(state, "sources", ["source_id", "published"]) if rows.any() else None
    if sources is None:
        return None
    published = pc.take(sources.typed["published"], pc.index_in(
        state.text("source_id"), value_set=pa.chunked_array(sources.typed["source_id"])
        .combine_chunks()))
    return rows & mask(pc.is_valid(published)), state.typed["claimed_on"], published


def _report(state: TableState, position: int, published: pa.Array) -> str:
    path = state.package.resource("sources").get("path", "sources")
    return (f"{show(str(published[position]))}, the published date of its report "
            f"{show(state.text('source_id')[position])} (sources.published, {path})")


def _claimed_after_report(state: TableState) -> None:
    if (found := _report_dates(state)) is not None:
        rows, claimed, published = found
        for position in np.flatnonzero(rows & mask(pc.greater(claimed, published))):
            state.error("claimed-after-report", f"{show(str(claimed[position]))} is after "
                        f"{_report(state, position, published)}: a claim cannot be dated "
                        "after the report that gives it", int(position), ["claimed_on"])


CLAIMED_AFTER_REPORT = TableCheck("claimed-after-report", _dated, _claimed_after_report)
"""``claimed_on`` is not after its report's ``published`` date."""


def _claimed_not_report_date(state: TableState) -> None:
    if (found := _report_dates(state)) is not None:
        rows, claimed, published = found
        rows &= mask(pc.equal(state.text("claimed_on_basis"), "report_date")) & mask(
            pc.less(claimed, published))
        for position in np.flatnonzero(rows):
            state.error("claimed-not-report-date", f"is {show(str(claimed[position]))} with "
                        "claimed_on_basis 'report_date', so it must be "
                        f"{_report(state, position, published)}", int(position), ["claimed_on"])


CLAIMED_NOT_REPORT_DATE = TableCheck("claimed-not-report-date", _dated,
                                     _claimed_not_report_date)
"""``claimed_on_basis`` ``report_date``: ``claimed_on`` is the report's date."""


def _claimant_not_shown(state: TableState) -> None:
    inferred = state.usable("figure_id", "claimant_basis") & mask(
        pc.equal(state.text("claimant_basis"), "inferred"))
    corr = _other(state, "corroborations", ["figure_id", "relation"]) if inferred.any() else None
    if corr is None:
        return
    shown = pc.filter(corr.typed["figure_id"], mask(pc.not_equal(corr.text("relation"),
                                                                 "contradicts")))
    path = state.package.resource("corroborations").get("path", "corroborations")
    ids = state.text("figure_id")
    for position in np.flatnonzero(inferred & ~mask(pc.is_in(
            ids, value_set=pa.chunked_array(shown).combine_chunks()))):
        state.error("claimant-not-shown", f"is 'inferred', but no row of corroborations "
                    f"({path}) for figure {show(ids[position])} shows who the claimant is (a "
                    "relation other than 'contradicts'): add one, or set claimant to "
                    "'unattributed' and claimant_basis to 'none'", int(position),
                    ["claimant_basis"])


CLAIMANT_NOT_SHOWN = TableCheck("claimant-not-shown", lambda state: (
    state.name == "figures" and state.run.declares("figures", ["figure_id", "claimant_basis"])
    and state.run.declares("corroborations", ["figure_id", "relation"])), _claimant_not_shown)
"""An inferred claimant has a corroboration that shows it."""
