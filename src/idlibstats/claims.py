"""Competing claims: one row per claim group, as a range, never a sum.

Figures in one ``claim_group`` estimate the same quantity (same indicator, population,
place and about the same period) by different claimants or reports. Reconciling a group
gives a range in the manner of UCDP GED's low / best / high; the claims are never added.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from idlibstats.bounds import bounds as figure_bounds

__all__ = ["reconcile"]

_NEEDED = (
    "figure_id", "indicator", "population", "admin1", "claimant", "claim_group",
    "period_start", "period_end", "value", "qualifier",
)


def _join_sorted(values: pd.Series, codes: np.ndarray, n_groups: int, *, distinct: bool) -> list:
    """Per group code, the sorted (optionally distinct) non-missing values, ';'-joined.

    Vectorised: one-value groups are filled directly, only the others are joined in Python.
    """
    vals = values.astype("string").to_numpy(dtype=object, na_value=None)
    keep = pd.notna(vals)
    c = np.asarray(codes)[keep]
    vcodes, vuniq = pd.factorize(vals[keep], sort=True)
    order = np.lexsort((vcodes, c))
    c, vcodes = c[order], vcodes[order]
    if distinct and len(c) > 1:
        dup = np.r_[False, (c[1:] == c[:-1]) & (vcodes[1:] == vcodes[:-1])]
        c, vcodes = c[~dup], vcodes[~dup]
    text = np.asarray(vuniq, dtype=object)[vcodes]
    out = np.full(n_groups, None, dtype=object)
    counts = np.bincount(c, minlength=n_groups)
    single = counts[c] == 1
    out[c[single]] = text[single]
    if not len(c):
        return out.tolist()
    starts = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
    for lo, hi in zip(starts, np.r_[starts[1:], len(c)], strict=True):
        if hi - lo > 1:
            out[c[lo]] = ";".join(text[lo:hi])
    return out.tolist()


def reconcile(figures: pd.DataFrame | None = None, *, band: float = 0.1) -> pd.DataFrame:
    """Return one row per ``claim_group``: the range its claims allow, never their sum.

    Each claim's bounds come from :func:`idlibstats.bounds` (same ``band``). Across the
    claims of a group:

    - ``low`` / ``high``: the widest range any claim allows (min of lows; max of highs,
      open if any claim is open) - UCDP GED's low and high;
    - ``best``: the median of the claims' best values, rounded half down (a median of an
      even number of claims that falls on ``x.5`` becomes ``x``), so it never rounds up
      beyond what the claims say;
    - ``consensus_low`` / ``consensus_high``: the range every claim allows (max of lows;
      min of the highs that are not open, open if all are);
    - ``contradictory``: ``consensus_low > consensus_high``, i.e. one claim's lower bound
      is above another claim's upper bound.

    A group of one claim reconciles to that claim's own bounds. The input is not modified.

    Parameters
    ----------
    figures : pandas.DataFrame, optional
        Figures (the ``figures`` table's columns); by default :func:`idlibstats.figures`.
    band : float, default 0.1
        Passed to :func:`idlibstats.bounds` for ``about`` and ``almost``.

    Returns
    -------
    pandas.DataFrame
        One row per claim group, sorted by ``period_start`` then ``claim_group``:

        ==============  ==============  ===================================================
        column          dtype           meaning
        ==============  ==============  ===================================================
        claim_group     string          the group
        indicator       string          what its claims count (one per group)
        population      as input        who its claims count (one per group)
        admin1          string          the governorates: distinct codes of its claims,
                                        sorted, ';'-joined
        period_start    datetime64      earliest period_start of its claims
        period_end      datetime64      latest period_end of its claims
        n_claims        int64           number of figures in the group
        claimants       string          distinct claimants, sorted, ';'-joined
        figure_ids      string          the figures, sorted, ';'-joined
        low             Int64           min of the claims' lows
        best            Int64           median of the claims' bests, rounded half down
        high            Int64           max of the claims' highs; <NA> if any is open
        consensus_low   Int64           max of the claims' lows
        consensus_high  Int64           min of the claims' highs; <NA> if all are open
        contradictory   bool            consensus_low > consensus_high
        ==============  ==============  ===================================================

    Raises
    ------
    ValueError
        If a column is missing, if the claims of a group differ in ``indicator`` or
        ``population`` (a data error; the message names the group), or for any error of
        :func:`idlibstats.bounds`.
    """
    if figures is None:
        from idlibstats.load import figures as load_figures

        figures = load_figures()
    missing = [c for c in _NEEDED if c not in figures.columns]
    if missing:
        raise ValueError(f"reconcile needs the column(s) {missing}")
    b = figure_bounds(figures[list(_NEEDED)], band=band).reset_index(drop=True)
    if b["claim_group"].isna().any():
        bad = b.loc[b["claim_group"].isna(), "figure_id"].iloc[0]
        raise ValueError(f"figure {bad}: claim_group is missing")
    codes, uniques = pd.factorize(b["claim_group"].astype("string"), sort=True)
    n_groups = len(uniques)
    g = b.groupby(codes, sort=True)

    for col in ("indicator", "population"):
        n_distinct = g[col].nunique(dropna=False)
        if (n_distinct > 1).any():
            group = uniques[n_distinct[n_distinct > 1].index[0]]
            found = sorted(b.loc[codes == n_distinct[n_distinct > 1].index[0], col].astype(str)
                           .unique())
            raise ValueError(
                f"claim group {group!r}: its claims differ in {col} ({', '.join(found)}); "
                "figures of one group must count the same thing"
            )

    first = g[["indicator", "population"]].first()
    out = pd.DataFrame(index=first.index)
    out["indicator"] = first["indicator"].astype("string")
    out["population"] = first["population"].astype(figures["population"].dtype)
    admin1 = b["admin1"].astype("string").str.split(";")
    lengths = admin1.str.len().fillna(0).astype("int64").to_numpy()
    out["admin1"] = pd.array(_join_sorted(
        admin1.explode(), np.repeat(codes, np.maximum(lengths, 1)), n_groups, distinct=True),
        dtype="string")
    out["period_start"] = g["period_start"].min()
    out["period_end"] = g["period_end"].max()
    out["n_claims"] = g.size().astype("int64")
    out["claimants"] = pd.array(
        _join_sorted(b["claimant"], codes, n_groups, distinct=True), dtype="string")
    out["figure_ids"] = pd.array(
        _join_sorted(b["figure_id"], codes, n_groups, distinct=False), dtype="string")
    out["low"] = g["low"].min().astype("Int64")
    median = g["best"].median().astype("Float64")
    out["best"] = pd.array(np.ceil(median.to_numpy(dtype="float64") - 0.5), dtype="Int64")
    any_open = b["high"].isna().groupby(codes, sort=True).any()
    high_max = g["high"].max().astype("Int64")
    out["high"] = high_max.mask(any_open)
    out["consensus_low"] = g["low"].max().astype("Int64")
    out["consensus_high"] = g["high"].min().astype("Int64")  # skips open highs; all open: NA
    contra = out["consensus_low"] > out["consensus_high"]
    out["contradictory"] = contra.fillna(False).astype(bool)
    out.index = pd.Index(np.asarray(uniques, dtype=object), name="claim_group")
    out = out.rename_axis("claim_group").reset_index()
    out["claim_group"] = out["claim_group"].astype("string")
    out = out.sort_values(["period_start", "claim_group"], kind="stable")
    return out.reset_index(drop=True)
