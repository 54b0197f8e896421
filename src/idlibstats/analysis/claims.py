"""Competing claims: one row per claim group, as a range, never a sum.

Figures in one ``claim_group`` estimate the same quantity (same indicator, population,
place and about the same period) by different claimants or reports. Reconciling a group
gives a range in the manner of UCDP GED's low / best / high; the claims are never added.
"""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd

from idlibstats.analysis.bounds import bounds as figure_bounds
from idlibstats.analysis.frames import require_figures

__all__ = ["reconcile"]

_NEEDED = (
    "figure_id", "indicator", "population", "measure", "admin1", "claimant", "claim_group",
    "period_start", "period_end", "value", "qualifier",
)
_COLUMNS = (
    "claim_group", "indicator", "population", "measure", "admin1", "period_start",
    "period_end",
    "n_claims", "claimants", "figure_ids", "low", "best", "high", "consensus_low",
    "consensus_high", "contradictory", "all_lower_bounds", "rule", "contradictions",
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


def _lower_median_inside(
    codes: np.ndarray, values: np.ndarray, keep: np.ndarray, n_groups: int
) -> np.ndarray:
    """Per group, the lower median of ``values[keep]`` (a value some row holds); -1 if none."""
    out = np.full(n_groups, -1, dtype=values.dtype)
    c, v = codes[keep], values[keep]
    if not len(c):
        return out
    order = np.lexsort((v, c))
    c, v = c[order], v[order]
    counts = np.bincount(c, minlength=n_groups)
    first = np.cumsum(counts) - counts
    has = counts > 0
    pick = first[has] + (counts[has] - 1) // 2
    out[np.flatnonzero(has)] = v[pick]
    return out


def _contradictions(
    figure_ids: pd.Series, codes: np.ndarray, n_groups: int, corroborations: pd.DataFrame | None
) -> list:
    """Per group, the ids of ``contradicts`` corroborations of its figures, ';'-joined."""
    if corroborations is None or corroborations.empty:
        return [""] * n_groups
    missing = [c for c in ("corroboration_id", "figure_id", "relation")
               if c not in corroborations.columns]
    if missing:
        raise ValueError(f"reconcile needs the corroborations column(s) {missing}")
    contra = corroborations[corroborations["relation"].astype("string") == "contradicts"]
    by_figure: dict[str, list[str]] = {}
    for fid, cid in zip(contra["figure_id"].astype(str), contra["corroboration_id"].astype(str),
                        strict=True):
        by_figure.setdefault(fid, []).append(cid)
    found: dict[int, set[str]] = {}
    if by_figure:
        hit = figure_ids.astype(str).isin(by_figure).to_numpy()
        for fid, code in zip(figure_ids.astype(str)[hit], codes[hit], strict=True):
            found.setdefault(int(code), set()).update(by_figure[fid])
    out = [""] * n_groups
    for code, ids in found.items():
        out[code] = ";".join(sorted(ids))
    return out


#: The kinds of number a claim group may hold together: a group holds one kind only.
_KINDS = {"period_total": "a count of people or things", "cumulative":
          "a count of people or things", "stock": "a level", "movements": "movements"}


def reconcile(
    figures: pd.DataFrame | None = None,
    *,
    corroborations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return one row per ``claim_group``: the range its claims allow, never their sum.

    Each claim's bounds come from :func:`idlibstats.bounds` (a claim's ``best`` is the
    value it said; no floor is <NA>, read as 0; no ceiling is <NA>, open). Across the claims
    of a group:

    - ``low`` / ``high``: the widest range any claim allows (min of lows, none if any claim
      has none; max of highs, open if any claim is open) - UCDP GED's low and high;
    - ``consensus_low`` / ``consensus_high``: the range every claim allows at once (max of
      the lows there are, none if no claim has one; min of the highs that are not open,
      open if all are);
    - ``contradictory``: ``consensus_low > consensus_high``: one claim's floor is above
      another claim's ceiling, no count satisfies them all;
    - ``best``: a value some claim said, never a number of our own. When the claims do not
      contradict, it is the lower median of the claimed values that lie inside
      [consensus_low, consensus_high]; if no claimed value lies inside, ``best`` is <NA>.
      When they contradict, it is the lower median of all the claimed values. So
      ``low <= best <= high`` always, and ``best`` lies inside the consensus when there is
      no contradiction;
    - ``all_lower_bounds``: every claim is a floor with no ceiling ('at least', 'more
      than'): the group says how many at least, never how many at most;
    - ``rule``: the rule that gave ``best``, in words, with the consensus;
    - ``contradictions``: the ``corroborations`` rows with relation ``contradicts`` on any
      figure of the group (another count that disagrees, such as the UN's against SOHR's),
      ';'-joined ids, '' when none. They do not change the bounds: they are another outlet's
      count, not a claim of the group.

    A group of one claim reconciles to that claim's own bounds. The input is not modified.

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures (the ``figures`` table's columns), e.g. :func:`idlibstats.figures`;
        ``idlibstats.reconcile()`` loads the package's when none are given.
    corroborations : pandas.DataFrame, optional
        The ``corroborations`` table (at least ``corroboration_id``, ``figure_id`` and
        ``relation``), matched to the figures by ``figure_id``; None (or an empty frame):
        no contradiction is known. ``idlibstats.reconcile()`` loads the package's.

    Returns
    -------
    pandas.DataFrame
        One row per claim group, sorted by ``period_start`` then ``claim_group``:

        ================  ==============  =================================================
        column            dtype           meaning
        ================  ==============  =================================================
        claim_group       string          the group
        indicator         string          what its claims count (one per group)
        population        as input        who its claims count (one per group)
        measure           string          what kind of number they are: ``period_total``,
                                          ``cumulative``, ``stock`` or ``movements``
                                          (distinct, sorted, ';'-joined); movements and
                                          levels are never grouped with counts
        admin1            string          the governorates: distinct codes of its claims,
                                          sorted, ';'-joined
        period_start      datetime64      earliest period_start of its claims
        period_end        datetime64      latest period_end of its claims
        n_claims          int64           number of figures in the group
        claimants         string          distinct claimants, sorted, ';'-joined
        figure_ids        string          the figures, sorted, ';'-joined
        low               Int64           min of the claims' lows; <NA> if any has none
        best              Int64           a claimed value (see above); <NA> if no claimed
                                          value lies inside the consensus
        high              Int64           max of the claims' highs; <NA> if any is open
        consensus_low     Int64           max of the claims' lows; <NA> if none has one
        consensus_high    Int64           min of the claims' highs; <NA> if all are open
        contradictory     bool            consensus_low > consensus_high
        all_lower_bounds  bool            every claim has a floor and no ceiling
        rule              string          how ``best`` was chosen
        contradictions    string          ids of ``contradicts`` corroborations, or ''
        ================  ==============  =================================================

    Raises
    ------
    ValueError
        If a column is missing, if the claims of a group differ in ``indicator`` or
        ``population`` or mix kinds of number (movements, levels and counts; a data error:
        the message names the group), or for any error of :func:`idlibstats.bounds`.
    """
    figures = require_figures(figures, _NEEDED, function="reconcile")
    b = figure_bounds(figures[list(_NEEDED)]).reset_index(drop=True)
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

    kinds = b["measure"].astype("string").map(_KINDS)
    if kinds.isna().any():
        bad = b.loc[kinds.isna().to_numpy(), "figure_id"].iloc[0]
        raise ValueError(f"figure {bad}: measure must be one of {list(_KINDS)}")
    n_kinds = kinds.groupby(codes, sort=True).nunique()
    if (n_kinds > 1).any():
        code = n_kinds[n_kinds > 1].index[0]
        found = sorted(b.loc[codes == code, "measure"].astype(str).unique())
        raise ValueError(
            f"claim group {uniques[code]!r}: its claims mix kinds of number "
            f"({', '.join(found)}); movements and levels are never grouped with counts"
        )

    first = g[["indicator", "population"]].first()
    out = pd.DataFrame(index=first.index)
    out["indicator"] = first["indicator"].astype("string")
    out["population"] = first["population"].astype(figures["population"].dtype)
    out["measure"] = pd.array(
        _join_sorted(b["measure"], codes, n_groups, distinct=True), dtype="string")
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
    no_floor = b["low"].isna().groupby(codes, sort=True).any()
    out["low"] = g["low"].min().astype("Int64").mask(no_floor)
    any_open = b["high"].isna().groupby(codes, sort=True).any()
    high_max = g["high"].max().astype("Int64")
    out["high"] = high_max.mask(any_open)
    out["consensus_low"] = g["low"].max().astype("Int64")
    out["consensus_high"] = g["high"].min().astype("Int64")  # skips open highs; all open: NA
    contra = (out["consensus_low"] > out["consensus_high"]).fillna(False).astype(bool)
    out["contradictory"] = contra

    # best: a claimed value, inside the consensus unless the claims contradict
    value = b["best"].to_numpy(dtype=object)
    c_low = out["consensus_low"].fillna(0).to_numpy(dtype=object)[codes]  # no floor: 0
    c_high = out["consensus_high"].to_numpy(dtype=object, na_value=None)[codes]
    open_high = pd.isna(c_high)
    c_high = np.where(open_high, 0, c_high)
    with contextlib.suppress(OverflowError):  # int64 unless a count is beyond it
        value, c_low, c_high = (np.asarray(x, dtype="int64") for x in (value, c_low, c_high))
    inside = np.asarray((value >= c_low) & (open_high | (value <= c_high)), dtype=bool)
    contra_np = contra.to_numpy()
    best_inside = _lower_median_inside(codes, value, inside, n_groups)
    best_any = _lower_median_inside(codes, value, np.ones(len(b), dtype=bool), n_groups)
    best = np.where(contra_np, best_any, best_inside)
    best_arr = pd.array(best.tolist(), dtype="Int64")
    best_arr[best == -1] = pd.NA
    out["best"] = best_arr
    floor_only = (b["low"].notna() & b["high"].isna()).groupby(codes, sort=True).all()
    out["all_lower_bounds"] = floor_only.to_numpy(dtype=bool)

    rules = []
    c_high_text = out["consensus_high"].astype("string").fillna("open")
    c_low_text = out["consensus_low"].astype("string").fillna("no floor")
    for n, lo, hi, is_contra, chosen, lower in zip(
        out["n_claims"].tolist(), c_low_text.tolist(),
        c_high_text.tolist(), contra_np.tolist(), best.tolist(),
        out["all_lower_bounds"].tolist(), strict=True,
    ):
        consensus = f"[{lo}, {hi}]"
        if n == 1:
            rules.append("one claim: its own bounds; best the value it said")
        elif is_contra:
            rules.append(
                f"claims contradict (every-claim range {consensus} is empty): best the lower "
                "median of the claimed values")
        elif chosen == -1:
            rules.append(f"no claimed value lies inside the consensus {consensus}: best <NA>")
        else:
            rules.append(
                ("all claims are lower bounds; " if lower else "")
                + f"best the lower median of the claimed values inside the consensus "
                f"{consensus}")
    out["rule"] = pd.array(rules, dtype="string")
    out["contradictions"] = pd.array(
        _contradictions(b["figure_id"], codes, n_groups, corroborations), dtype="string")
    out.index = pd.Index(np.asarray(uniques, dtype=object), name="claim_group")
    out = out.rename_axis("claim_group").reset_index()
    out["claim_group"] = out["claim_group"].astype("string")
    out = out[list(_COLUMNS)]
    out = out.sort_values(["period_start", "claim_group"], kind="stable")
    return out.reset_index(drop=True)
