"""The figures of one indicator, chosen, checked and grouped by whose voice they are.

The month method (:mod:`.monthly`) reads one claimant's figures at a time: a group is a
claimant, or, for ``unattributed`` figures, one report (its own voice; two reports'
unattributed figures are never read together). :func:`choose` chooses the figures of an
indicator and checks them; :func:`analyse_chosen` holds them column by column (no Python
object per figure, for 100,000 rows) and builds each group's programme
(:class:`.solver.Group`) when it is first asked about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from idlibstats.analysis.bounds import bounds as figure_bounds
from idlibstats.analysis.frames import require_figures
from idlibstats.analysis.populations import Relations
from idlibstats.analysis.reasons import UNATTRIBUTED, span_text, wording
from idlibstats.analysis.solver import LARGEST, Group, constraints_from

__all__ = ["MEASURES", "NATIONAL", "NEEDED", "Analysis", "ChosenFigures",
           "analyse_chosen", "choose", "month_days", "ordinals", "select"]

#: ``admin1`` of a figure that counts all of Syria rather than the north-west.
NATIONAL = "SY"

#: The values of ``measure`` in the figures (see the README's data dictionary).
MEASURES: tuple[str, ...] = ("period_total", "cumulative", "stock", "movements")

#: The columns of the figures the month method reads.
NEEDED = (
    "figure_id", "source_id", "indicator", "population", "value", "qualifier",
    "period_start", "period_end", "admin1", "claimant", "measure",
)

def month_days(month: pd.Period) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a month."""
    first = dt.date(month.year, month.month, 1)
    following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


_EPOCH = dt.date(1970, 1, 1).toordinal()


def ordinals(dates: pd.Series) -> np.ndarray:
    """Return days as proleptic ordinals (``date.toordinal()``), vectorised."""
    return dates.to_numpy(dtype="datetime64[D]").astype("int64") + _EPOCH


def select(
    indicator: str,
    figures: pd.DataFrame,
    relations: Relations,
    population: str,
    national: bool,
    movements: bool,
) -> pd.DataFrame:
    """Return the figures of ``indicator`` the month method reads, checked."""
    ind = _text(figures["indicator"])
    keep = ind == indicator
    if not keep.any():
        known = ", ".join(sorted({str(v) for v in ind if v is not None}))
        raise ValueError(f"no figure has indicator {indicator!r}; the figures have: {known}")
    if not relations.known(population):
        known = ", ".join(relations.members)
        raise ValueError(f"population {population!r} is not one of: {known}")
    measure = _text(figures["measure"])
    unknown = ~np.isin(measure, MEASURES)
    if unknown.any():
        bad = figures["figure_id"].iloc[int(np.flatnonzero(unknown)[0])]
        raise ValueError(f"figure {bad}: measure must be one of {list(MEASURES)}")
    keep &= (measure == "movements") if movements else (measure != "movements")
    if not national:  # a figure with no admin1 is not known to be about the north-west
        admin1 = _text(figures["admin1"])
        keep &= pd.notna(admin1) & (admin1 != NATIONAL)
    chosen = figures.iloc[np.flatnonzero(keep)]
    start, end = chosen["period_start"], chosen["period_end"]
    missing = (start.isna() | end.isna()).to_numpy()
    if missing.any():
        raise ValueError(f"figure {chosen['figure_id'].iloc[int(np.flatnonzero(missing)[0])]}: "
                         "period is missing")
    bad = (end < start).to_numpy()
    if bad.any():
        raise ValueError(
            f"figure {chosen['figure_id'].iloc[int(np.flatnonzero(bad)[0])]}: period_end is "
            "before period_start"
        )
    flows = measure[keep] != "stock"  # the chosen rows' measure, read above
    huge = flows & (pd.array(chosen["value"], dtype="Int64") > LARGEST).to_numpy(
        dtype=bool, na_value=False)
    if huge.any():
        row = chosen.iloc[int(np.flatnonzero(huge)[0])]
        raise ValueError(f"figure {row['figure_id']}: value {row['value']} is above "
                         f"{LARGEST:,}, the largest count the month bounds take exactly")
    unknown_pop = ~np.isin(_text(chosen["population"]), list(relations.members))
    if unknown_pop.any():
        row = chosen.iloc[int(np.flatnonzero(unknown_pop)[0])]
        raise ValueError(f"figure {row['figure_id']}: population {row['population']!r} is "
                         "not in the populations table")
    return chosen


def _text(column: pd.Series) -> np.ndarray:
    """Return a column as text, as ``astype("string")`` makes it (missing: None)."""
    return column.astype("string").to_numpy(dtype=object, na_value=None)


class ChosenFigures:
    """The chosen figures, column by column (no Python object per figure)."""

    def __init__(self, chosen: pd.DataFrame, indicator: str) -> None:
        b = figure_bounds(chosen)
        text = {c: b[c].astype("string").to_numpy(dtype=object, na_value="")
                for c in ("figure_id", "source_id", "claimant", "population", "measure",
                          "qualifier")}
        self.indicator = indicator
        self.id = text["figure_id"]
        self.claimant = text["claimant"]
        self.population = text["population"]
        self.measure = text["measure"]
        self.qualifier = text["qualifier"]
        unattributed = self.claimant == UNATTRIBUTED
        self.group = self.claimant.copy()
        self.group[unattributed] = [f"{UNATTRIBUTED} ({s})"
                                    for s in text["source_id"][unattributed]]
        self.start = ordinals(b["period_start"])
        self.end = ordinals(b["period_end"])
        self.low = b["low"].to_numpy(dtype="float64", na_value=np.nan)
        self.high = b["high"].to_numpy(dtype="float64", na_value=np.nan)
        self.value = b["value"].to_numpy(dtype="int64")
        self.stock = self.measure == "stock"

    def __len__(self) -> int:
        return len(self.id)

    def label(self, i: int) -> str:
        """Return the figure in words: 'at least 67 killed over 30 Apr-4 May 2019 [id]'."""
        pop = self.population[i]
        who = "" if pop in ("all", "not_applicable") else pop.replace("_", " ") + " "
        start, end = dt.date.fromordinal(self.start[i]), dt.date.fromordinal(self.end[i])
        return (f"{wording(int(self.value[i]), self.qualifier[i])} {who}"
                f"{self.indicator.replace('_', ' ')} {span_text(start, end)} [{self.id[i]}]")

    def bound_of(self, i: int) -> tuple[int | None, int | None]:
        """Return figure ``i``'s floor and ceiling (None: no floor, open)."""
        low, high = self.low[i], self.high[i]
        return (None if np.isnan(low) else int(low)), (None if np.isnan(high) else int(high))


@dataclass
class Analysis:
    """Everything a month or span row of one indicator and population needs."""

    target: str
    relations: Relations
    months: pd.PeriodIndex
    figs: ChosenFigures
    groups: dict[str, np.ndarray]  # each group's figures (positions), every population
    relevant: np.ndarray  # is the figure about the target (its population overlaps it)?
    solvers: dict[str, Group]

    def solver(self, group: str, cuts: tuple[int, ...] = ()) -> Group:
        """Return the group's programme, with periods asked about ending at month ends.

        With ``cuts`` (more days where a period asked about starts, or ends + 1), a new
        programme that can answer those too.
        """
        if group not in self.solvers or cuts:
            f = self.figs
            rows = self.groups[group]
            rows = rows[~f.stock[rows]]
            frame = pd.DataFrame({
                "population": f.population[rows], "start": f.start[rows], "end": f.end[rows],
                "low": f.low[rows], "high": f.high[rows], "figure_id": f.id[rows], "row": rows,
            })
            constraints, conflict = constraints_from(frame, f.label)
            edges = [month_days(m)[0].toordinal() for m in self.months]
            edges.append(month_days(self.months[-1])[1].toordinal() + 1)
            # every figure's own period can be asked about (spans), even one that bounds
            # nothing ('about', 'at least 0') and so makes no row
            edges += [*f.start[rows].tolist(), *(f.end[rows] + 1).tolist()]
            solver = Group(constraints, self.relations, self.target, sorted({*edges, *cuts}),
                           conflict)
            if cuts:
                return solver
            self.solvers[group] = solver
        return self.solvers[group]

    def touching(self, group: str, start: int, end: int) -> np.ndarray:
        """Return the group's figures about the target that overlap [start, end]."""
        rows = self.groups[group]
        f = self.figs
        return rows[self.relevant[rows] & (f.start[rows] <= end) & (f.end[rows] >= start)]


def choose(
    indicator: str,
    population: str,
    figures: pd.DataFrame | None,
    populations: pd.DataFrame | None,
    national: bool,
    movements: bool,
) -> tuple[Relations, pd.DataFrame]:
    """Check the figures of ``indicator``; return the population relations and those chosen.

    Every error about the arguments is raised here; :func:`analyse_chosen` reads nothing
    else of ``figures`` than the chosen rows' :data:`NEEDED` columns.
    """
    if isinstance(indicator, pd.DataFrame):  # monthly(figures): the figures come second
        raise TypeError("the month method takes the indicator first, a string such as "
                        "'killed', then the figures (figures=...): the indicator given is a "
                        "DataFrame")
    figures = require_figures(figures, NEEDED, function="monthly",
                              takes="monthly, spans and monthly_summary take")
    relations = Relations.from_frame(populations)
    return relations, select(indicator, figures, relations, population, national, movements)


def analyse_chosen(indicator: str, population: str, relations: Relations,
                   chosen: pd.DataFrame) -> Analysis | None:
    """Group the figures :func:`choose` chose by whose voice they are.

    Returns None when no figure's population overlaps ``population`` (nothing to say).
    """
    figs = ChosenFigures(chosen, indicator)
    overlapping = {p: relations.overlaps(p, population) for p in set(figs.population)}
    relevant = np.array([overlapping[p] for p in figs.population], dtype=bool)
    if not relevant.any():
        return None
    groups = {str(g): np.flatnonzero(figs.group == g) for g in np.unique(figs.group)}
    first = pd.Period(dt.date.fromordinal(int(figs.start[relevant].min())), freq="M")
    last = pd.Period(dt.date.fromordinal(int(figs.end[relevant].max())), freq="M")
    months = pd.period_range(first, last, freq="M")
    return Analysis(population, relations, months, figs, groups, relevant, {})
