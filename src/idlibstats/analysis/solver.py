"""The smallest and largest count over some days that one claimant's figures allow.

One claimant's figures of one indicator are constraints on one unknown: a non-negative
count per day and per population cell (:mod:`.populations`). Each figure bounds the sum
over its period and its population: ``exact`` v is ``= v``, ``at_least`` and ``more_than``
v are ``>= v``, ``almost`` and ``up_to`` v are ``<= v``; ``about`` bounds nothing. A
running total counted since its ``period_start`` is a total over its period, like any
other. The floor and ceiling of a count over some days (a month, a figure's own span) are
the minimum and maximum of that count over every series that satisfies all the figures:
a linear programme, solved with HiGHS (``scipy.optimize.linprog``).

The programme is kept small without changing its answer:

- days are taken together into *elementary intervals* between the figures' boundaries and
  the month boundaries (no constraint and no question can tell the days of one apart);
- figures with the same population and period become one row (the largest floor, the
  smallest ceiling; a floor above a ceiling is a contradiction found without solving);
- figures whose periods do not overlap in time fall into separate *components*, solved
  apart (a day outside every figure's period is free: floor 0, no ceiling);
- a count that contains a cell no ceiling covers has no ceiling (the cell can grow
  without breaking any figure), and one that no floor reaches has floor 0: neither needs
  the solver. Both are exact, and the tests compare them with the plain solver;
- a component of one figure (most of them: a toll over years, asked about month by month)
  needs no solver at all: its floor is the figure when every cell it counts is asked about,
  else 0, and its ceiling is the figure (the tests compare these with the solver's too).

Every bound comes with its reason: the solver's dual values, which write the bound as a
sum of figures (``floor 3 = 2 [2 children] + 1 [1 woman]``). Counts are whole numbers: if
the linear optimum is not one, the integer programme is solved (HiGHS, ``integrality``).
A claimant whose figures cannot all be true has no bound at all: the solver finds a set
of figures that cannot hold together (from the dual of the least total violation, reduced
to an irreducible set when it is small) and reports them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linprog

from idlibstats.analysis.populations import Relations

__all__ = ["LARGEST", "Bound", "Constraint", "Group", "Term", "constraints_from"]

#: The largest count the solver takes: its arithmetic is in floating point, exact to well
#: below one person at this size (no figure of a conflict's toll comes near it).
LARGEST = 10**9

#: A value within this (relative) distance of a whole number is that number.
_TOLERANCE = 1e-7
#: Conflicting sets at most this large are reduced to an irreducible one.
_IRREDUCIBLE_LIMIT = 16


@dataclass(frozen=True)
class Constraint:
    """One row of the programme: the count of ``population`` over [start, end] vs ``value``.

    Attributes
    ----------
    population : str
        Who is counted.
    start, end : int
        First and last day (proleptic ordinals, ``date.toordinal()``), inclusive.
    sense : str
        ``">="``, ``"<="`` or ``"="``.
    value : int
        The number.
    ids : tuple of str
        The figures that say it.
    label : str
        The figure(s) in words, for a ``how`` text.
    """

    population: str
    start: int
    end: int
    sense: str
    value: int
    ids: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Term:
    """One figure's part in a bound: ``coefficient`` times its ``constraint.value``."""

    coefficient: float
    constraint: Constraint


@dataclass
class Bound:
    """What the figures imply for a count over some days.

    Attributes
    ----------
    low : int
        The minimum (0 when the figures give no floor).
    high : int or None
        The maximum; None when there is none (open).
    low_terms, high_terms : list of Term
        Each bound as a sum of figures (empty for 0 and for an open ceiling).
    conflict : tuple of Constraint
        Non-empty when the figures cannot all be true: a set of them that cannot hold
        together. ``low`` and ``high`` then mean nothing.
    free_days : bool
        Some days asked about lie outside every figure's period.
    integer : bool
        A bound needed the integer programme (the linear one was not a whole number).
    """

    low: int = 0
    high: int | None = None
    low_terms: list[Term] = field(default_factory=list)
    high_terms: list[Term] = field(default_factory=list)
    conflict: tuple[Constraint, ...] = ()
    free_days: bool = False
    integer: bool = False

    @property
    def ids(self) -> tuple[str, ...]:
        """The figures the bounds rest on (or the conflicting ones), sorted."""
        rows = self.conflict or [t.constraint for t in (*self.low_terms, *self.high_terms)]
        return tuple(sorted({i for r in rows for i in r.ids}))


def constraints_from(
    figures: pd.DataFrame, label: Callable[[int], str]
) -> tuple[list[Constraint], tuple[Constraint, ...]]:
    """Turn figures into programme rows, one per population, period and sense.

    Parameters
    ----------
    figures : pandas.DataFrame
        One row per figure: ``population``, ``start`` and ``end`` (first and last day, as
        ordinals), ``low`` and ``high`` (float; NaN: no floor, open) as
        :func:`idlibstats.bounds` gives them, ``figure_id`` and ``row`` (an integer passed
        to ``label``).
    label : callable
        Returns the figure of a ``row`` in words.

    Returns
    -------
    (list of Constraint, tuple of Constraint)
        The rows (a floor and a ceiling that are equal become one ``=`` row; figures with
        the same population and period and a lower floor or a higher ceiling add nothing
        and are left out), and, if figures with the same population and period contradict
        (a floor above a ceiling), the two rows that do (else empty).
    """
    codes, names = pd.factorize(figures["population"])
    columns = (codes, figures["start"].to_numpy(), figures["end"].to_numpy())
    ids = figures["figure_id"].to_numpy(dtype=object)
    rows = figures["row"].to_numpy()
    sides = {col: _best(columns, figures[col].to_numpy(dtype="float64"), ids, rows, names,
                        maximise=col == "low") for col in ("low", "high")}
    floors, ceilings = sides["low"], sides["high"]
    out: list[Constraint] = []
    conflict: tuple[Constraint, ...] = ()
    for k in sorted(set(floors) | set(ceilings)):
        population, start, end = k
        low, high = floors.get(k), ceilings.get(k)
        if low is not None and high is not None and low[0] == high[0]:
            ids = tuple(dict.fromkeys(low[1] + high[1]))
            rows = list(dict.fromkeys(low[2] + high[2]))
            out.append(Constraint(population, start, end, "=", low[0], ids,
                                  _labels(rows, label)))
            continue
        made = []
        if low is not None:
            made.append(Constraint(population, start, end, ">=", low[0], tuple(low[1]),
                                   _labels(low[2], label)))
        if high is not None:
            made.append(Constraint(population, start, end, "<=", high[0], tuple(high[1]),
                                   _labels(high[2], label)))
        if low is not None and high is not None and low[0] > high[0] and not conflict:
            conflict = tuple(made)
        out.extend(made)
    return out, conflict


def _best(key: tuple[np.ndarray, np.ndarray, np.ndarray], values: np.ndarray,
          ids: np.ndarray, rows: np.ndarray, names: pd.Index, *, maximise: bool) -> dict:
    """Per (population, start, end): the best value and the figures (ids, rows) giving it."""
    has = ~np.isnan(values)
    if not has.any():
        return {}
    codes, start, end = (k[has] for k in key)
    score = values[has] * (-1 if maximise else 1)  # best first
    order = np.lexsort((score, end, start, codes))
    codes, start, end, score = codes[order], start[order], end[order], score[order]
    new = np.r_[True, (codes[1:] != codes[:-1]) | (start[1:] != start[:-1])
                | (end[1:] != end[:-1])]
    group = np.cumsum(new) - 1
    tie = score == score[new][group]
    picked = np.flatnonzero(has)[order][tie]
    group = group[tie]
    firsts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    out = {}
    for lo, hi in zip(firsts, np.r_[firsts[1:], len(group)], strict=True):
        i = picked[lo]
        k = (str(names[codes[tie][lo]]), int(start[tie][lo]), int(end[tie][lo]))
        out[k] = (int(values[i]), ids[picked[lo:hi]].tolist(), rows[picked[lo:hi]].tolist())
    return out


def _labels(rows: list[int], label: Callable[[int], str], most: int = 3) -> str:
    """Return the figures of one row in words (the first few, then how many more)."""
    text = " / ".join(label(r) for r in rows[:most])
    if len(rows) > most:
        text += f" / and {len(rows) - most:,} more figures saying the same"
    return text


@dataclass
class _Solved:
    value: float | None  # None: unbounded; nan: infeasible
    terms: list[Term]
    integer: bool = False
    x: np.ndarray | None = None  # the optimal series (cells by intervals), when there is one


class _Component:
    """Constraints whose periods chain together in time, and the programme over them."""

    def __init__(self, rows: list[Constraint], relations: Relations, target: str,
                 cuts: Sequence[int]) -> None:
        self.rows = rows
        self.first = min(r.start for r in rows)
        self.last = max(r.end for r in rows)
        inside = [c for c in cuts if self.first < c <= self.last]
        self.edges = np.unique(np.array(
            [self.first, self.last + 1, *inside, *(r.start for r in rows),
             *(r.end + 1 for r in rows)], dtype=np.int64))
        cells, self.n_cells = relations.atoms_for([*(r.population for r in rows), target])
        self.target = np.array(sorted(cells[target]), dtype=np.int64)
        n_int = len(self.edges) - 1
        self.n_vars = self.n_cells * n_int
        data_rows, data_cols = [], []
        for i, r in enumerate(rows):
            k0, k1 = self._intervals(r.start, r.end)
            cols = (np.array(sorted(cells[r.population]), dtype=np.int64)[:, None] * n_int
                    + np.arange(k0, k1)[None, :]).ravel()
            data_rows.append(np.full(len(cols), i, dtype=np.int64))
            data_cols.append(cols)
        rr, cc = np.concatenate(data_rows), np.concatenate(data_cols)
        self.matrix = sparse.csr_matrix((np.ones(len(rr)), (rr, cc)),
                                        shape=(len(rows), self.n_vars))
        senses = np.array([r.sense for r in rows])
        self.has_floor = senses != "<="
        self.has_ceiling = senses != ">="
        self.capped = np.asarray(self.matrix[self.has_ceiling].sum(axis=0)).ravel() > 0
        self.floored = np.asarray(self.matrix[self.has_floor].sum(axis=0)).ravel() > 0
        self._feasible: bool | None = None if (self.has_floor.any()
                                               and self.has_ceiling.any()) else True
        self._conflict: tuple[Constraint, ...] | None = None
        self._whole: dict | None = None  # the programme with every row, built once
        self._witness: np.ndarray | None = None  # a series that meets every row
        # One figure alone (a positive number): its bounds need no solver (_one_row_bound).
        self._alone = rows[0] if len(rows) == 1 and rows[0].value > 0 else None
        if self._alone is not None:
            self._feasible = True

    def _intervals(self, start: int, end: int) -> tuple[int, int]:
        k0 = int(np.searchsorted(self.edges, start))
        k1 = int(np.searchsorted(self.edges, end + 1))
        return k0, k1

    def _columns(self, start: int, end: int) -> np.ndarray:
        start, end = max(start, self.first), min(end, self.last)
        k0, k1 = self._intervals(start, end)
        if self.edges[k0] != start or self.edges[k1] != end + 1:
            raise AssertionError(f"days {start}-{end} are not made of whole intervals: "
                                 "pass their ends as cuts")  # a programming error
        n_int = len(self.edges) - 1
        return (self.target[:, None] * n_int + np.arange(k0, k1)[None, :]).ravel()

    # ------------------------------------------------------------------ solving

    def _programme(self, keep: np.ndarray) -> dict:
        if keep.all() and self._whole is not None:
            return self._whole
        a = self.matrix[keep]
        rows = [r for r, k in zip(self.rows, keep, strict=True) if k]
        senses = np.array([r.sense for r in rows])
        values = np.array([r.value for r in rows], dtype=float)
        up, down, eq = senses == "<=", senses == ">=", senses == "="
        a_ub = sparse.vstack([a[up], -a[down]]).tocsr()
        b_ub = np.concatenate([values[up], -values[down]])
        order_ub = [r for r, s in zip(rows, up, strict=True) if s] + [
            r for r, s in zip(rows, down, strict=True) if s]
        out = {"A_ub": a_ub if a_ub.shape[0] else None, "b_ub": b_ub if len(b_ub) else None,
               "A_eq": a[eq] if eq.any() else None, "b_eq": values[eq] if eq.any() else None,
               "rows_ub": order_ub, "rows_eq": [r for r, s in zip(rows, eq, strict=True) if s],
               "signs_ub": np.concatenate([np.ones(up.sum()), -np.ones(down.sum())])}
        if keep.all():
            self._whole = out
        return out

    def _solve(self, objective: np.ndarray, keep: np.ndarray | None = None) -> _Solved:
        """Minimise ``objective @ x`` over the rows kept; terms from the dual values."""
        keep = np.ones(len(self.rows), dtype=bool) if keep is None else keep
        p = self._programme(keep)
        res = linprog(objective, A_ub=p["A_ub"], b_ub=p["b_ub"], A_eq=p["A_eq"],
                      b_eq=p["b_eq"], bounds=(0, None), method="highs")
        if res.status == 2:
            return _Solved(math.nan, [])
        if res.status == 3:
            return _Solved(None, [])
        if res.status != 0:  # pragma: no cover - HiGHS reports an iteration limit or a bug
            raise RuntimeError(f"the month solver failed: {res.message}")
        value = float(res.fun)
        terms = []
        if p["A_ub"] is not None:
            for r, m, s in zip(p["rows_ub"], res.ineqlin.marginals, p["signs_ub"], strict=True):
                if abs(m) > _TOLERANCE:
                    terms.append(Term(float(m * s), r))
        if p["A_eq"] is not None:
            for r, m in zip(p["rows_eq"], res.eqlin.marginals, strict=True):
                if abs(m) > _TOLERANCE:
                    terms.append(Term(float(m), r))
        whole = round(value)
        if abs(value - whole) <= _TOLERANCE * max(1.0, abs(value)):
            return _Solved(float(whole), _merge(terms), x=res.x)
        res = linprog(objective, A_ub=p["A_ub"], b_ub=p["b_ub"], A_eq=p["A_eq"],
                      b_eq=p["b_eq"], bounds=(0, None), method="highs",
                      integrality=np.ones(self.n_vars))
        if res.status != 0:  # pragma: no cover - the relaxation was solved
            raise RuntimeError(f"the month solver failed on whole numbers: {res.message}")
        return _Solved(float(round(res.fun)), _merge(terms), integer=True)

    def known_conflict(self, rows: tuple[Constraint, ...]) -> None:
        """Record a contradiction found without solving (a floor above a ceiling)."""
        self._feasible, self._conflict = False, rows

    def feasible(self) -> bool:
        """Tell whether some series satisfies every row of the component.

        The series found (the one with the fewest counted, a sparse one) is kept as a
        witness for :meth:`_zero_floor`.
        """
        if self._feasible is None:
            found = self._solve(np.ones(self.n_vars))
            self._feasible = not math.isnan(found.value)  # type: ignore[arg-type]
            self._witness = found.x
        return self._feasible

    def _zero_floor(self, cols: np.ndarray) -> bool:
        """Tell, without solving, whether a series meeting every row has none in ``cols``.

        Exact when it answers yes: with only floors, each floor that has a cell outside
        ``cols`` can be met there; otherwise the witness series, emptied over ``cols``,
        still meets every row. A no only means: ask the solver.
        """
        positive = self.has_floor & (np.array([r.value for r in self.rows]) > 0)
        if not self.has_ceiling.any():
            outside = np.ones(self.n_vars, dtype=bool)
            outside[cols] = False
            reach = self.matrix[positive] @ outside.astype(float)
            return bool((reach > 0).all())
        if self._witness is None:
            return False
        x = self._witness.copy()
        x[cols] = 0.0
        counts = self.matrix @ x
        values = np.array([r.value for r in self.rows], dtype=float)
        slack = _TOLERANCE * np.maximum(1.0, values)
        senses = np.array([r.sense for r in self.rows])
        low_ok = (senses == "<=") | (counts >= values - slack)
        high_ok = (senses == ">=") | (counts <= values + slack)
        return bool((low_ok & high_ok).all())

    def conflict(self) -> tuple[Constraint, ...]:
        """Return rows that cannot all hold together (irreducible when the set is small)."""
        if self._conflict is None:
            support = self._elastic_support()
            keep = np.array([r in support for r in self.rows])
            if keep.sum() <= _IRREDUCIBLE_LIMIT:
                for i in np.flatnonzero(keep):
                    keep[i] = False
                    if not math.isnan(self._solve(np.zeros(self.n_vars), keep).value):  # type: ignore[arg-type]
                        keep[i] = True  # needed: without it the rest can hold
            self._conflict = tuple(r for r, k in zip(self.rows, keep, strict=True) if k)
        return self._conflict

    def _elastic_support(self) -> set[Constraint]:
        """Return the rows of a Farkas certificate: the support of the least-violation dual."""
        p = self._programme(np.ones(len(self.rows), dtype=bool))
        blocks, rhs, rows = [], [], []
        if p["A_ub"] is not None:
            blocks.append(p["A_ub"])
            rhs.append(p["b_ub"])
            rows += p["rows_ub"]
        if p["A_eq"] is not None:
            blocks += [p["A_eq"], -p["A_eq"]]
            rhs += [p["b_eq"], -p["b_eq"]]
            rows += p["rows_eq"] * 2
        a = sparse.vstack(blocks).tocsr()
        m = a.shape[0]
        a = sparse.hstack([a, -sparse.identity(m, format="csr")]).tocsr()
        objective = np.concatenate([np.zeros(self.n_vars), np.ones(m)])
        res = linprog(objective, A_ub=a, b_ub=np.concatenate(rhs), bounds=(0, None),
                      method="highs")
        if res.status != 0:  # pragma: no cover - the elastic programme is always feasible
            raise RuntimeError(f"the month solver failed: {res.message}")
        return {r for r, mu in zip(rows, res.ineqlin.marginals, strict=True)
                if abs(mu) > _TOLERANCE}

    def capped_over(self, start: int, end: int) -> bool:
        """Tell whether every cell of the target over [start, end] is under some ceiling."""
        return bool(self.capped[self._columns(start, end)].all())

    def bound(self, start: int, end: int, *, ceiling: bool = True) -> Bound:
        """Return the floor (and, if asked, the ceiling) of the target over [start, end].

        Only called on a feasible component; the ceiling only when :meth:`capped_over`.
        """
        cols = self._columns(start, end)
        if self._alone is not None:
            return self._one_row_bound(cols, ceiling=ceiling)
        out = Bound()
        if self.floored[cols].any() and not self._zero_floor(cols):
            objective = np.zeros(self.n_vars)
            objective[cols] = 1.0
            low = self._solve(objective)
            out.low, out.low_terms, out.integer = int(low.value), low.terms, low.integer  # type: ignore[arg-type]
        if ceiling:
            objective = np.zeros(self.n_vars)
            objective[cols] = -1.0
            high = self._solve(objective)
            out.high = int(-high.value)  # type: ignore[operator]
            out.high_terms = [Term(-t.coefficient, t.constraint) for t in high.terms]
            out.integer |= high.integer
        return out

    def _one_row_bound(self, cols: np.ndarray, *, ceiling: bool) -> Bound:
        """Return :meth:`bound` of a component of one row, ``value`` v > 0, without solving.

        The row counts the cells R (its population, every day of the component) and asks
        ``= v``, ``>= v`` or ``<= v``. The count over the cells asked about, Q, is at least v
        when the row has a floor and R lies inside Q (all v is counted), else 0 (v can lie
        outside Q); it is at most v when Q lies inside R under the row's ceiling, which is
        when it is asked (:meth:`capped_over`). Each bound is then the figure itself, as
        the solver's dual value (1) says; the tests compare both with a plain solver.
        """
        row = self._alone
        assert row is not None
        out = Bound()
        if row.sense != "<=" and np.isin(self.matrix.indices, cols).all():
            out.low, out.low_terms = row.value, [Term(1.0, row)]
        if ceiling:
            out.high, out.high_terms = row.value, [Term(1.0, row)]
        return out


def _merge(terms: list[Term]) -> list[Term]:
    """Add up the terms of one constraint (an ``=`` row split in two has one term)."""
    by_row: dict[Constraint, float] = {}
    for t in terms:
        by_row[t.constraint] = by_row.get(t.constraint, 0.0) + t.coefficient
    return [Term(c, r) for r, c in by_row.items() if abs(c) > _TOLERANCE]


class Group:
    """One claimant's figures of one indicator, ready to be asked about any days.

    Parameters
    ----------
    rows : list of Constraint
        From :func:`constraints_from`.
    relations : Relations
        The population relations.
    target : str
        The population asked about.
    cuts : sequence of int
        Days (ordinals) where a period asked about may start or end + 1 (month starts);
        a figure's own period may always be asked about.
    conflict : tuple of Constraint, optional
        A contradiction :func:`constraints_from` already found: the answer for any days
        its component covers.
    """

    def __init__(self, rows: list[Constraint], relations: Relations, target: str,
                 cuts: Sequence[int], conflict: tuple[Constraint, ...] = ()) -> None:
        self.components: list[_Component] = []
        chunk: list[Constraint] = []
        reach = 0
        for r in sorted(rows, key=lambda r: (r.start, r.end)):
            if chunk and r.start > reach:
                self.components.append(_Component(chunk, relations, target, cuts))
                chunk = []
            reach = r.end if not chunk else max(reach, r.end)
            chunk.append(r)
        if chunk:
            self.components.append(_Component(chunk, relations, target, cuts))
        if conflict:  # found when the rows were made: its component needs no solving
            for comp in self.components:
                if conflict[0] in comp.rows:
                    comp.known_conflict(conflict)
        self._answers: dict[tuple[int, int], Bound] = {}

    def bound(self, start: int, end: int) -> Bound:
        """Return the floor and ceiling of the target population's count over [start, end].

        Parameters
        ----------
        start, end : int
            First and last day (ordinals), inclusive.

        Returns
        -------
        Bound
            The sum over the components the days touch; days no figure covers add a floor
            of 0 and no ceiling. A contradiction in any of those components (or found when
            the rows were made) is the answer instead.
        """
        if (start, end) not in self._answers:
            self._answers[(start, end)] = self._bound(start, end)
        return self._answers[(start, end)]

    def _bound(self, start: int, end: int) -> Bound:
        touched = [c for c in self.components if c.first <= end and c.last >= start]
        for comp in touched:
            if not comp.feasible():
                return Bound(conflict=comp.conflict())
        covered = sum(min(end, c.last) - max(start, c.first) + 1 for c in touched)
        free = covered < end - start + 1
        capped = not free and all(c.capped_over(start, end) for c in touched)
        out = Bound(free_days=free)
        high = 0
        for comp in touched:
            part = comp.bound(start, end, ceiling=capped)
            out.low += part.low
            out.low_terms += part.low_terms
            out.integer |= part.integer
            if capped:
                high += part.high  # type: ignore[operator]
                out.high_terms += part.high_terms
        if capped:
            out.high = high
        return out
