"""Rules across tables, which a checklist's row rule cannot state.

A figure is checked against its report's date and against the corroborations that show its
claimant.

Row rules (``checks/<resource>.json``) see one row of one table; these rules need another
table, so they live here and run wherever the row rules run: in the loader (raise mode) and
in ``idlibstats validate`` (collect mode), after a table's own checks. For ``figures``:

- ``claimed_on`` is not after the ``published`` date of the figure's report (``sources``):
  a claim cannot be dated after the report that gives it;
- ``claimed_on_basis`` ``report_date`` means ``claimed_on`` *is* the report's date;
- ``claimant_basis`` ``inferred`` needs a row of ``corroborations`` for that figure, with a
  relation other than ``contradicts``, that shows who the claimant is.

Each problem names the figures file, the row (header = row 1) and the field. The other
tables are read for the few columns needed (after their bytes and hash are checked), never
typed or loaded whole. A rule whose fields a package does not have is not run.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from idlibstats.errors import DataPackageError, Sink, show
from idlibstats.package import Package
from idlibstats.rawcsv import RawTable, check_bytes, parse

__all__ = ["check_figures", "depends_on", "run_cross_checks"]

_DATE = r"\d{4}-\d{2}-\d{2}"


def _columns(package: Package, name: str, fields: list[str]) -> pd.DataFrame:
    """Return columns ``fields`` of resource ``name`` as text, after checking its bytes and hash.

    Raises
    ------
    DataPackageError
        If that file cannot be read, does not fit its descriptor, or lacks a field.
    """
    resource = package.resource(name)
    names = [f["name"] for f in resource["schema"]["fields"]]
    data = package.resource_path(name).read_bytes()
    sink = Sink(collect=False)
    finish = check_bytes(data, resource, resource["path"], sink)
    table = parse(data, resource, resource["path"], names, sink, usecols=fields)
    if finish is not None:
        finish()
    assert table is not None  # raise mode
    return table.text[fields]


def _has(package: Package, name: str, fields: list[str]) -> bool:
    """Tell whether the package has resource ``name`` declaring every one of ``fields``."""
    if name not in package.resources:
        return False
    schema = package.resource(name).get("schema") or {}
    declared = {f.get("name") for f in schema.get("fields", []) if isinstance(f, dict)}
    return set(fields) <= declared


def _read_or_report(package: Package, name: str, fields: list[str], table: RawTable,
                    sink: Sink) -> pd.DataFrame | None:
    """Columns of another table, or None after reporting that the rules must wait for it."""
    try:
        return _columns(package, name, fields)
    except DataPackageError as exc:
        if not sink.collect:
            raise
        source = exc.file or name
        sink.add(DataPackageError(
            f"rules across tables cannot be checked until {source} is fixed (see its own error)",
            file=table.rel))
        return None


def _dates_of_reports(package: Package, table: RawTable, sink: Sink) -> dict[str, str] | None:
    """``source_id`` -> ``published`` (text, only well-formed dates) from ``sources``."""
    sources = _read_or_report(package, "sources", ["source_id", "published"], table, sink)
    if sources is None:
        return None
    good = sources["published"].str.fullmatch(_DATE) & pd.to_datetime(
        sources["published"], format="%Y-%m-%d", errors="coerce").notna()
    return dict(zip(sources["source_id"][good], sources["published"][good], strict=True))


def _check_claimed_on(package: Package, table: RawTable, sink: Sink) -> None:
    """``claimed_on`` against the report's published date (and ``report_date`` basis)."""
    usable = table.usable("source_id", "claimed_on", "claimed_on_basis")
    if not usable.any():
        return
    published = _dates_of_reports(package, table, sink)
    if published is None:
        return
    path = package.resource("sources").get("path", "sources")
    text = table.text
    claimed = text["claimed_on"]  # a usable cell already passed its date check
    report = text["source_id"].map(published)  # NaN: an unknown source (its own error)
    known = usable & report.notna().to_numpy()
    report = report.fillna("").astype(claimed.dtype)
    after = known & (claimed > report).to_numpy()
    not_report = known & ~after & ((text["claimed_on_basis"] == "report_date")
                                   & (claimed != report)).to_numpy()
    for i in np.flatnonzero(after | not_report):
        source, day, printed = text["source_id"].iloc[i], claimed.iloc[i], report.iloc[i]
        where = f"the published date of its report {show(source)} (sources.published, {path})"
        if after[i]:
            message = (f"{show(day)} is after {show(printed)}, {where}: a claim cannot be "
                       "dated after the report that gives it")
        else:
            message = (f"is {show(day)} with claimed_on_basis 'report_date', so it must be "
                       f"{show(printed)}, {where}")
        sink.add(DataPackageError(message, file=table.rel, row=int(i) + 2, field="claimed_on"))


def _check_inferred_claimants(package: Package, table: RawTable, sink: Sink) -> None:
    """Every ``claimant_basis`` ``inferred`` has a corroboration that shows the claimant."""
    text = table.text
    inferred = table.usable("figure_id", "claimant_basis") & (
        text["claimant_basis"] == "inferred").to_numpy()
    if not inferred.any():
        return
    corr = _read_or_report(package, "corroborations", ["figure_id", "relation"], table, sink)
    if corr is None:
        return
    shown = set(corr.loc[corr["relation"] != "contradicts", "figure_id"])
    path = package.resource("corroborations").get("path", "corroborations")
    lacking = inferred & ~text["figure_id"].isin(shown).to_numpy()
    for i in np.flatnonzero(lacking):
        figure_id = text["figure_id"].iloc[i]
        sink.add(DataPackageError(
            f"is 'inferred', but no row of corroborations ({path}) for figure {show(figure_id)} "
            "shows who the claimant is (a relation other than 'contradicts'): add one, or set "
            "claimant to 'unattributed' and claimant_basis to 'none'",
            file=table.rel, row=int(i) + 2, field="claimant_basis"))


def check_figures(package: Package, table: RawTable, sink: Sink) -> None:
    """Check ``figures`` against ``sources`` and ``corroborations`` (see the module).

    Parameters
    ----------
    package : Package
        The opened package (the other tables' columns are read from it).
    table : RawTable
        The figures' cells as text; cells already reported are skipped.
    sink : Sink
        Where problems go (raise the first, or collect them all).

    Raises
    ------
    DataPackageError
        In raise mode, the first problem, or the other table's own problem.
    """
    if (_has(package, "figures", ["source_id", "claimed_on", "claimed_on_basis"])
            and _has(package, "sources", ["source_id", "published"])):
        _check_claimed_on(package, table, sink)
    if (_has(package, "figures", ["figure_id", "claimant_basis"])
            and _has(package, "corroborations", ["figure_id", "relation"])):
        _check_inferred_claimants(package, table, sink)


_CHECKS: dict[str, tuple[Callable[[Package, RawTable, Sink], None], tuple[str, ...]]] = {
    "figures": (check_figures, ("sources", "corroborations")),
}
"""Resource name -> (its rules across tables, the other resources they read)."""


def depends_on(name: str) -> list[str]:
    """Return the other resources whose content the cross-table rules of ``name`` read.

    The loader's memory of checked tables (:mod:`idlibstats.table`) includes them, so that
    editing ``corroborations`` makes the next load of ``figures`` check it again.
    """
    return list(_CHECKS.get(name, (None, ()))[1])


def run_cross_checks(package: Package, name: str, table: RawTable, sink: Sink) -> None:
    """Run the cross-table rules of resource ``name``, if it has any.

    Parameters
    ----------
    package : Package
        The opened package.
    name : str
        The resource checked.
    table : RawTable
        Its cells as text.
    sink : Sink
        Where problems go.

    Raises
    ------
    DataPackageError
        In raise mode, the first problem found.
    """
    if name in _CHECKS:
        _CHECKS[name][0](package, table, sink)
