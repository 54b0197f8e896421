"""Rules across tables, which a checklist's row rule cannot state.

Row rules (``checks/<resource>.json``) see one row of one table; these need another table.
For ``figures``:

- ``claimed_on`` is not after the ``published`` date of the figure's report (``sources``):
  a claim cannot be dated after the report that gives it;
- ``claimed_on_basis`` ``report_date`` means ``claimed_on`` *is* the report's date;
- ``claimant_basis`` ``inferred`` needs a row of ``corroborations`` for that figure, with a
  relation other than ``contradicts``, that shows who the claimant is.

The other tables are read for the few columns needed
(:mod:`idlibstats.datapackage.validation.others`),
never typed or loaded whole. A rule whose fields a package does not have is not run.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError, show
from idlibstats.datapackage.validation.context import TableContext, to_mask
from idlibstats.datapackage.validation.others import declares, read_columns

__all__ = ["RULES", "check", "depends_on"]


def _other(ctx: TableContext, name: str, fields: list[str]) -> pa.Table | None:
    """Columns of another table, or None after reporting that the rules must wait for it."""
    try:
        return read_columns(ctx.package, name, fields, ctx.cache)
    except DataPackageError as exc:
        if ctx.report.first_only:
            raise
        source = exc.file or name
        ctx.report.add(DataPackageError(
            f"rules across tables cannot be checked until {source} is fixed (see its own error)",
            file=ctx.rel))
        return None


def _is_day(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _claimed_on(ctx: TableContext) -> None:
    """``claimed_on`` against the report's published date (and the ``report_date`` basis)."""
    if not (declares(ctx.package, "figures", ["source_id", "claimed_on", "claimed_on_basis"])
            and declares(ctx.package, "sources", ["source_id", "published"])):
        return
    usable = ctx.usable("source_id", "claimed_on", "claimed_on_basis") & ~ctx.is_missing(
        "claimed_on")
    if not usable.any():
        return
    sources = _other(ctx, "sources", ["source_id", "published"])
    if sources is None:
        return
    published = dict(zip(sources.column("source_id").to_pylist(),
                         sources.column("published").to_pylist(), strict=True))
    published = {k: v for k, v in published.items() if _is_day(v)}
    path = ctx.package.resource("sources").get("path", "sources")
    ids = ctx.text("source_id").combine_chunks()
    report = pc.take(pa.array(list(published.values()), pa.string()),
                     pc.index_in(ids, value_set=pa.array(list(published), pa.string())))
    claimed = ctx.text("claimed_on").combine_chunks()
    known = usable & ~report.is_null().to_numpy(zero_copy_only=False)
    after = known & to_mask(pc.greater(claimed, report))
    on_report = to_mask(pc.equal(ctx.text("claimed_on_basis"), "report_date"))
    not_report = known & ~after & on_report & ~to_mask(pc.equal(claimed, report))
    for pos in np.flatnonzero(after | not_report):
        source, day, printed = ids[pos].as_py(), claimed[pos].as_py(), report[pos].as_py()
        where = f"the published date of its report {show(source)} (sources.published, {path})"
        if after[pos]:
            message = (f"{show(day)} is after {show(printed)}, {where}: a claim cannot be "
                       "dated after the report that gives it")
        else:
            message = (f"is {show(day)} with claimed_on_basis 'report_date', so it must be "
                       f"{show(printed)}, {where}")
        ctx.report.add(DataPackageError(message, file=ctx.rel, row=ctx.row_of(int(pos)),
                                        field="claimed_on"))


def _inferred_claimants(ctx: TableContext) -> None:
    """Every ``claimant_basis`` ``inferred`` has a corroboration that shows the claimant."""
    if not (declares(ctx.package, "figures", ["figure_id", "claimant_basis"])
            and declares(ctx.package, "corroborations", ["figure_id", "relation"])):
        return
    inferred = ctx.usable("figure_id", "claimant_basis") & to_mask(
        pc.equal(ctx.text("claimant_basis"), "inferred"))
    if not inferred.any():
        return
    corr = _other(ctx, "corroborations", ["figure_id", "relation"])
    if corr is None:
        return
    shown = pc.filter(corr.column("figure_id"),
                      pc.not_equal(corr.column("relation"), "contradicts"))
    path = ctx.package.resource("corroborations").get("path", "corroborations")
    ids = ctx.text("figure_id")
    lacking = inferred & ~to_mask(pc.is_in(ids, value_set=shown.combine_chunks()))
    for pos in np.flatnonzero(lacking):
        ctx.report.add(DataPackageError(
            f"is 'inferred', but no row of corroborations ({path}) for figure "
            f"{show(ids[int(pos)].as_py())} shows who the claimant is (a relation other than "
            "'contradicts'): add one, or set claimant to 'unattributed' and claimant_basis to "
            "'none'", file=ctx.rel, row=ctx.row_of(int(pos)), field="claimant_basis"))


RULES: dict[str, tuple[tuple[Callable[[TableContext], None], ...], tuple[str, ...]]] = {
    "figures": ((_claimed_on, _inferred_claimants), ("sources", "corroborations")),
}
"""Resource name -> (its rules across tables, the other resources they read)."""


def depends_on(name: str) -> list[str]:
    """Return the other resources whose content the cross-table rules of ``name`` read."""
    return list(RULES.get(name, ((), ()))[1])


def check(ctx: TableContext) -> None:
    """Run the rules across tables of this resource, if it has any."""
    for rule in RULES.get(ctx.name, ((), ()))[0]:
        rule(ctx)
