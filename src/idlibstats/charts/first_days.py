"""The offensive's first days: the competing death tolls of one claim group, as ranges."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter

from idlibstats.analysis.claims import reconcile as _library_reconcile
from idlibstats.charts.chart import Chart
from idlibstats.charts.data import (
    ChartTables,
    bound_kind,
    bound_words,
    is_open,
    range_ends,
    with_bounds,
)
from idlibstats.charts.notes import footnote
from idlibstats.charts.style import (
    FONT,
    TITLE,
    WIDTH,
    gid,
    new_figure,
    styled,
    thousands,
    tint,
)
from idlibstats.charts.wording import DAY, as_written, period_text, population_text


@styled
def first_days_claims(tables: ChartTables, claim_group: str | None = None) -> Chart:
    """Draw the competing claims of one claim group side by side, as ranges.

    Each claim is a bar from its low bound to its high bound as the library derives them
    from the wording (:func:`idlibstats.bounds`); an open high end runs to the axis edge
    with an arrow. The group's range from :func:`idlibstats.reconcile` is shaded: where
    every claim holds at once. The other first-days figures of the same indicator and
    population (another period, so another quantity) are drawn below in grey type, for
    context only; figures of another population are never drawn on the same axis.

    Parameters
    ----------
    tables : ChartTables
        The frames to draw from (:func:`idlibstats.chart_tables`; ``tables.with_figures``
        to draw a filtered frame).
    claim_group : str, optional
        The claim group to draw; by default the group of people killed that has the most
        competing claims (:func:`most_contested`; in the package, the offensive's first
        days): read from the data, not fixed in the code.

    Returns
    -------
    Chart

    Raises
    ------
    ValueError
        If no claim group of people killed has two or more claims (or ``claim_group`` has
        no figure in the frame).
    """
    figs, names, palette = tables.figures, tables.short, tables.palette
    killed = with_bounds(figs[figs["indicator"].astype(str) == "killed"])
    if claim_group is None:
        claim_group = most_contested(killed)
    group = killed[killed["claim_group"] == claim_group].sort_values("low", kind="stable")
    if group.empty:
        raise ValueError(f"no figure to draw: the frame has no figure of people killed in "
                         f"claim group {claim_group!r}")
    g_start, g_end = group["period_start"].min(), group["period_end"].max()
    population = group["population"].astype(str).iloc[0]
    killed = killed[killed["population"].astype(str) == population]
    context = killed[
        (killed["claim_group"] != claim_group)
        & (killed["period_start"] >= g_start - 2 * DAY)
        & (killed["period_end"] <= g_end + 2 * DAY)
        & (killed["period_start"] <= g_end)
    ].sort_values("low", kind="stable")
    rec = _library_reconcile(figs, corroborations=tables.corroborations)
    rec_row = rec[rec["claim_group"] == claim_group].iloc[0]

    rows = [("claim", r) for _, r in group.iterrows()]
    if len(context):
        rows.append(("header", None))
        rows += [("context", r) for _, r in context.iterrows()]
    fig = new_figure(WIDTH, 2.9 + 0.55 * len(rows))
    ax = fig.add_subplot()
    shown_rows = pd.concat([group, context])
    ends = [float(v) for col in ("low", "high", "value") for v in shown_rows[col]
            if not pd.isna(v)]
    xmax = max([*ends, 1.0]) * 2.4
    ax.set_xlim(0, xmax)
    c_low = rec_row.get("consensus_low")
    c_high = rec_row.get("consensus_high")
    shaded = ""
    if c_low is not None and not pd.isna(c_low):
        right = xmax if pd.isna(c_high) else float(c_high)
        ax.axvspan(float(c_low), right, ymin=1 - len(group) / (len(rows) + 0.6), ymax=1,
                   color="#000000", alpha=0.06, linewidth=0, gid="consensus")
        shaded = (f"shaded: every claim holds if the toll is {int(c_low):,} or more"
                  + ("" if pd.isna(c_high) else f" and at most {int(c_high):,}"))
    labels = []
    for y, (kind, row) in enumerate(rows):
        if kind == "header":
            labels.append("Other first-days figures:\nanother period")
            continue
        assert isinstance(row, pd.Series)
        colour = palette.colour(row["claimant"])
        alpha = 1.0 if kind == "claim" else 0.45
        low, high = range_ends(row, xmax)
        if bound_kind(row) == "none":  # 'about': no range, a point at the value said
            ax.plot(low, y, marker="D", markersize=8, markerfacecolor="white",
                    markeredgecolor=colour, markeredgewidth=1.5, linestyle="none",
                    gid=gid(row))
        else:
            ax.barh(y, high - low, left=low, height=0.45, gid=gid(row),
                    color=tint(colour, 0.3 * alpha), edgecolor=colour, linewidth=1.0,
                    hatch=palette.hatch(row["claimant"]), hatchcolor=tint(colour, 0.6))
        if not pd.isna(row["low"]):
            ax.plot(low, y, marker="|", markersize=14, markeredgewidth=2.5, color=colour,
                    alpha=alpha)
        if is_open(row):
            ax.annotate("", xy=(xmax, y), xytext=(xmax * 0.93, y),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
                        annotation_clip=False)
        bound = bound_words(row)
        # inside an open bar, from its floor; beside a closed one, past its ceiling
        ax.annotate(
            f"'{as_written(row)}' → {bound}", xy=(low if is_open(row) else high, y),
            xytext=(7, 0),
            textcoords="offset points", fontsize=FONT, va="center", ha="left",
            color="#222222" if kind == "claim" else "#777777",
        )
        pop = population_text(row["population"])
        labels.append(
            f"{names.get(row['claimant'], row['claimant'])}\n{pop}, "
            f"{period_text(row['period_start'], row['period_end'])}"
        )
    ax.set_yticks(range(len(rows)), labels, fontsize=FONT)
    for tick, (kind, _) in zip(ax.get_yticklabels(), rows, strict=True):
        if kind != "claim":
            tick.set_color("#777777")
        if kind == "header":
            tick.set_fontstyle("italic")
    ax.set_ylim(len(rows) - 0.4, -1.0)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(thousands))
    ax.set_xlabel("People killed (range each claim's wording allows)")
    ax.set_ylabel("Claim (claimant; who is counted, period)")
    fig.suptitle(
        f"The offensive's first days ({period_text(g_start, g_end)}):\n{len(group)} competing "
        "death tolls, not one to add up",
        fontweight="bold", fontsize=TITLE, x=0.01, ha="left",
    )
    ax.set_title(
        f"{len(group)} claims of people killed over the same days: together they allow "
        f"{_allowed(rec_row['low'], rec_row['high'])}" + (f";\n{shaded}" if shaded else ""),
        fontsize=FONT, fontweight="normal", color="#333333",
    )
    shown = pd.concat([group, context])
    footnote(
        fig, shown, tables.sources, tables.organisations,
        [f"Each bar starts at the lowest number the wording allows ({_example(shown)}) and "
         "runs to the right edge when the wording sets no upper limit. "
         + _no_floor_note(shown)
         + ("Every period here was inferred by the curators ('the last few days', 'the past "
            "four days' or no period given; see each figure's notes)."
            if (shown["period_basis"] == "inferred").all() else
            "Periods inferred by the curators: see each figure's notes.")],
    )
    fig.alt_text = _alt_text(group, context, rec_row, names,
                             population_text(population))
    return fig


def _alt_text(group: pd.DataFrame, context: pd.DataFrame, rec_row: pd.Series,
              names: dict[str, str], population: str) -> str:
    def claim(r: pd.Series) -> str:
        return (f"{names.get(r['claimant'], r['claimant'])}, '{as_written(r)}' "
                f"({bound_words(r)}), {period_text(r['period_start'], r['period_end'])}")

    text = (f"Ranges of {len(group)} competing claims of {population} killed over the same "
            f"days, as their wording allows: " + "; ".join(claim(r) for _, r in group.iterrows())
            + f". Together they allow {_allowed(rec_row['low'], rec_row['high'])}")
    c_low = rec_row.get("consensus_low")
    if c_low is not None and not pd.isna(c_low):
        text += f"; every claim holds if the toll is {int(c_low):,} or more"
        if not pd.isna(rec_row.get("consensus_high")):
            text += f" and at most {int(rec_row['consensus_high']):,}"
    text += "."
    if len(context):
        text += " For context, over another period: " + "; ".join(
            claim(r) for _, r in context.iterrows()) + "."
    return text


def _example(shown: pd.DataFrame) -> str:
    """How the library reads one of the wordings shown: "'more than 30' is 30 or more"."""
    row = shown.sort_values("qualifier", key=lambda q: q.astype(str) != "more_than").iloc[0]
    return f"'{as_written(row)}' is {bound_words(row).removesuffix(' (open)')}"


def _no_floor_note(shown: pd.DataFrame) -> str:
    """Return the footnote's words for wordings with no floor ('almost', 'up to', 'about')."""
    kinds = {bound_kind(r) for _, r in shown.iterrows()}
    note = ""
    if "ceiling" in kinds:
        note += "'almost' and 'up to' set a ceiling and no floor: their bar starts at 0. "
    if "none" in kinds:
        note += "'about' sets no hard bound: a hollow diamond at the number said. "
    return note


def _allowed(low: object, high: object) -> str:
    """Return the range a claim group allows, in words: '30 to open', 'at most 100'."""
    if pd.isna(low):
        return "any number" if pd.isna(high) else f"at most {int(high):,}"  # type: ignore[call-overload]
    return f"{int(low):,} to " + ("open" if pd.isna(high) else f"{int(high):,}")  # type: ignore[call-overload]


def most_contested(figures: pd.DataFrame) -> str:
    """Return the claim group with the most claims (the earliest one on a tie).

    Parameters
    ----------
    figures : pandas.DataFrame
        Figures (rows of :func:`idlibstats.figures`).

    Returns
    -------
    str
        A ``claim_group``.

    Raises
    ------
    ValueError
        If no claim group has more than one claim.
    """
    counts = figures.groupby("claim_group", observed=True).agg(
        n=("figure_id", "size"), start=("period_start", "min"))
    counts = counts.sort_values(["n", "start"], ascending=[False, True], kind="stable")
    if counts.empty or counts["n"].iloc[0] < 2:
        raise ValueError("no competing claims to draw: the frame has no claim group with two "
                         "or more figures")
    return str(counts.index[0])
