"""A plain-text summary of a package, for ``idlibstats summary``.

It loads the tables (:mod:`idlibstats.datapackage`) and reconciles the claims
(:mod:`idlibstats.analysis`), so it sits above both, beside :mod:`idlibstats.api`: the data
package layer imports nothing from the computations.
"""

from __future__ import annotations

import os

import pandas as pd

__all__ = ["summary"]


def _date(value: pd.Timestamp) -> str:
    return "?" if pd.isna(value) else value.strftime("%Y-%m-%d")


def summary(package: str | os.PathLike[str] | None = None) -> str:
    """Return a short plain-text summary of a package.

    It lists the tables and their row counts, the figures by topic and indicator, the
    span of the figures' periods and of the reports' dates, and the claim groups: how many
    hold more than one claim (with their claimants, range and best), which are
    contradictory, and which another count contradicts (``corroborations`` rows with
    relation ``contradicts``, with their outlet and note).

    Parameters
    ----------
    package : str or path-like, optional
        A package directory or its ``datapackage.json``; by default the package
        :func:`idlibstats.figures` reads.

    Returns
    -------
    str
        Plain text, one fact a line, no trailing newline.

    Raises
    ------
    DataPackageError
        If a table does not fit its schema.
    ValueError
        If the claim groups cannot be reconciled (see :func:`idlibstats.reconcile`).
    """
    from idlibstats.analysis.claims import reconcile
    from idlibstats.datapackage.locate import open_package
    from idlibstats.datapackage.read import list_tables, load_table

    package = open_package(package)
    desc = package.descriptor
    names = list_tables(package)
    tables = {name: load_table(name, package) for name in names}
    lines = [
        f"{desc.get('title') or desc.get('name', 'data package')}"
        + (f" (version {desc['version']})" if desc.get("version") else ""),
        f"package: {package.root}",
        "",
        "tables (rows):",
    ]
    width = max((len(n) for n in names), default=0)
    lines += [f"  {name:<{width}}  {len(tables[name]):>6}" for name in names]

    figs = tables.get("figures")
    if figs is None:
        return "\n".join(lines)
    lines += ["", f"figures: {len(figs)}"]
    inds = tables.get("indicators")
    topic = (
        figs["indicator"].astype("string").map(
            dict(zip(inds["indicator"].astype(str), inds["topic"].astype(str), strict=True))
        )
        if inds is not None
        else pd.Series("?", index=figs.index)
    ).fillna("?")
    counts = (
        pd.DataFrame({"topic": topic.astype(str), "indicator": figs["indicator"].astype(str)})
        .value_counts()
        .sort_index()
    )
    lines.append("by topic and indicator:")
    for t in sorted(counts.index.get_level_values(0).unique()):
        sub = counts.loc[t]
        lines.append(f"  {t} ({int(sub.sum())}): "
                     + ", ".join(f"{i} {int(n)}" for i, n in sub.items()))
    lines.append(
        f"periods covered: {_date(figs['period_start'].min())} to "
        f"{_date(figs['period_end'].max())}"
    )
    srcs = tables.get("sources")
    if srcs is not None and "published" in srcs.columns and len(srcs):
        lines.append(
            f"reports published: {_date(srcs['published'].min())} to "
            f"{_date(srcs['published'].max())} ({len(srcs)} reports)"
        )

    corr = tables.get("corroborations")
    groups = reconcile(figs, corroborations=corr if corr is not None else pd.DataFrame())
    multi = groups[groups["n_claims"] > 1]
    contra = groups[groups["contradictory"]]
    lines += ["", f"claim groups: {len(groups)}; with more than one claim: {len(multi)}"]
    for row in multi.itertuples(index=False):
        high = "open" if pd.isna(row.high) else f"{row.high}"
        low = "no floor" if pd.isna(row.low) else f"{row.low}"  # a claim without a floor
        best = "none (no claimed value inside the consensus)" if pd.isna(row.best) \
            else f"{row.best}"
        lines.append(
            f"  {row.claim_group}: {row.n_claims} claims ({row.claimants.replace(';', ', ')}), "
            f"range {low} to {high}, best {best}"
            + (" (all lower bounds)" if row.all_lower_bounds else "")
        )
    lines.append(f"contradictory claim groups: {len(contra)}")
    lines += [f"  {g}" for g in contra["claim_group"]]
    recorded = groups[groups["contradictions"] != ""]
    lines.append(f"claim groups another count contradicts (corroborations): {len(recorded)}")
    notes = {} if corr is None else dict(zip(
        corr["corroboration_id"].astype(str),
        (corr["outlet"].astype(str) + ": " + corr["note"].astype(str)), strict=True))
    for row in recorded.itertuples(index=False):
        for cid in row.contradictions.split(";"):
            lines.append(f"  {row.claim_group} ({row.figure_ids.replace(';', ', ')}): "
                         f"{cid} {notes.get(cid, '')}".rstrip())
    return "\n".join(lines)
