"""The month bounds are the solver's min and max: checked against a plain day-by-day programme.

The reference here is written apart from the library: one integer variable per day and per
cell of the populations' Venn diagram (the uncoarsened atoms), one constraint per figure, no
elementary intervals, no components, no merged duplicates and no shortcut, solved with
HiGHS as an integer programme. ``monthly()``, ``spans()`` and ``period_bounds()`` must give
exactly its minimum and maximum. Figures drawn from a true daily series must give bounds
that hold for that series, and dropping any figure must never tighten a bound.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import linprog

import idlibstats
from idlibstats.analysis.monthly import monthly, period_bounds, spans
from idlibstats.analysis.populations import Relations
from idlibstats.analysis.solver import Constraint, Group

POPS = idlibstats.populations()
REL = Relations.from_frame(POPS)
START = dt.date(2019, 4, 1)
N_DAYS = 61  # April and May 2019
POPULATIONS = ("all", "civilians", "children", "women", "women_and_children", "fighters")
QUALIFIERS = ("exact", "at_least", "more_than", "almost", "about", "up_to")
SENSE = {"exact": "=", "at_least": ">=", "more_than": ">=", "almost": "<=", "up_to": "<="}
ATOMS = sorted(frozenset().union(*REL.members.values()))


def frame(rows: list[tuple]) -> pd.DataFrame:
    """rows: (population, first day, last day, value, qualifier, claimant)."""
    n = len(rows)
    return pd.DataFrame({
        "figure_id": [f"t-2019-01-01-{i:02d}" for i in range(n)],
        "source_id": ["t-2019-01-01"] * n,
        "indicator": ["killed"] * n,
        "population": [r[0] for r in rows],
        "value": pd.array([r[3] for r in rows], dtype="Int64"),
        "qualifier": [r[4] for r in rows],
        "period_start": pd.to_datetime([str(START + dt.timedelta(r[1])) for r in rows]),
        "period_end": pd.to_datetime([str(START + dt.timedelta(r[2])) for r in rows]),
        "admin1": ["SY-ID"] * n,
        "claimant": [r[5] for r in rows],
        "measure": ["cumulative" if r[1] == 0 else "period_total" for r in rows],
    })


def reference(rows: list[tuple], target: str, first: int, last: int) -> str | tuple:
    """Min and max of the target's count over days [first, last] (None: unbounded), by a
    day-by-day programme over every atom; 'infeasible' if no series fits. The linear
    programme decides feasibility and unboundedness; the integer one gives the values."""
    n_days = N_DAYS
    column = {a: k for k, a in enumerate(ATOMS)}

    def cells(pop: str, s: int, e: int) -> list[int]:
        return [column[a] * n_days + d for a in REL.members[pop] for d in range(s, e + 1)]

    ub_rows, ub_cols, ub_vals, b_ub = [], [], [], []
    eq_rows, eq_cols, b_eq = [], [], []
    for pop, s, e, value, qual, _ in rows:
        if qual not in SENSE:
            continue
        cols = cells(pop, s, e)
        if SENSE[qual] == "=":
            eq_rows += [len(b_eq)] * len(cols)
            eq_cols += cols
            b_eq.append(value)
        else:
            sign = -1 if SENSE[qual] == ">=" else 1
            ub_rows += [len(b_ub)] * len(cols)
            ub_cols += cols
            ub_vals += [sign] * len(cols)
            b_ub.append(sign * value)
    n = len(ATOMS) * n_days
    a_ub = sparse.csr_matrix((ub_vals, (ub_rows, ub_cols)), shape=(len(b_ub), n)) \
        if b_ub else None
    a_eq = sparse.csr_matrix(([1] * len(eq_cols), (eq_rows, eq_cols)), shape=(len(b_eq), n)) \
        if b_eq else None
    objective = np.zeros(n)
    objective[cells(target, first, last)] = 1
    out = []
    for sign in (1, -1):
        kwargs = {"A_ub": a_ub, "b_ub": b_ub or None, "A_eq": a_eq, "b_eq": b_eq or None,
                  "bounds": (0, None), "method": "highs"}
        res = linprog(sign * objective, **kwargs)
        if res.status == 2:
            return "infeasible"
        if res.status == 3:
            out.append(None)
            continue
        res = linprog(sign * objective, integrality=np.ones(n), **kwargs)
        out.append(round(sign * res.fun))
    return tuple(out)


def as_pair(low: object, high: object) -> tuple:
    """A row's bounds as the reference gives them: no floor is 0, open is None."""
    return (0 if low is pd.NA else int(low), None if high is pd.NA else int(high))


def month_days(month: pd.Period) -> tuple[int, int]:
    first = (month.start_time.date() - START).days
    last = (month.end_time.date() - START).days
    return max(first, 0), min(last, N_DAYS - 1)


spec = st.tuples(st.sampled_from(POPULATIONS), st.integers(0, N_DAYS - 1), st.integers(0, 45),
                 st.sampled_from(QUALIFIERS), st.integers(0, 30), st.sampled_from(["a", "b"]))


def rows_from(specs: list[tuple]) -> list[tuple]:
    rows = []
    for pop, s, length, qual, value, claimant in specs:
        if qual == "almost" and value == 0:
            qual = "up_to"
        rows.append((pop, s, min(s + length, N_DAYS - 1), value, qual, claimant))
    return rows


@settings(settings.get_profile("slow"), suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(spec, min_size=1, max_size=6), target=st.sampled_from(POPULATIONS))
def test_month_bounds_are_the_plain_solvers_min_and_max(specs, target):
    rows = rows_from(specs)
    m = monthly("killed", target, frame(rows), populations=POPS)
    for claimant, sub in m.groupby("claimant"):
        mine = [r for r in rows if r[5] == claimant]
        whole = reference(mine, target, 0, N_DAYS - 1)
        for row in sub.itertuples(index=False):
            first, last = month_days(row.month)
            if whole == "infeasible":
                continue  # checked below: the contradiction is reported, with its figures
            want = reference(mine, target, first, last)
            if row.status == "no_count":
                assert want == (0, None), row
            else:
                assert row.status != "contradiction", row.how
                assert as_pair(row.low, row.high) == want, row.how
                assert (row.low is pd.NA) == (want[0] == 0 and want[1] != 0)
        if whole == "infeasible":
            assert (sub["status"] == "contradiction").any()
    for claimant in {r[5] for r in rows} - set(m["claimant"]):
        assert not any(REL.overlaps(r[0], target) for r in rows if r[5] == claimant)


@settings(settings.get_profile("slow"), suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(spec, min_size=2, max_size=6))
def test_a_reported_contradiction_is_a_set_that_cannot_hold_and_is_irreducible(specs):
    rows = [(*r[:5], "x") for r in rows_from(specs)]
    m = monthly("killed", "all", frame(rows), populations=POPS)
    for row in m[m["status"] == "contradiction"].itertuples(index=False):
        named = [r for i, r in enumerate(rows) if f"t-2019-01-01-{i:02d}" in row.how]
        assert reference(named, "all", 0, 0) == "infeasible", row.how
        # irreducible: without the figures of any one population and period, the rest can
        # hold (figures that say the same of one population and period are one row)
        for key in {r[:3] for r in named}:
            rest = [r for r in named if r[:3] != key]
            assert reference(rest, "all", 0, 0) != "infeasible", (key, row.how)


@settings(settings.get_profile("slow"), suppress_health_check=[HealthCheck.too_slow])
@given(specs=st.lists(spec, min_size=1, max_size=5), target=st.sampled_from(POPULATIONS),
       window=st.tuples(st.integers(0, N_DAYS - 1), st.integers(0, 20)))
def test_span_and_period_bounds_are_the_plain_solvers_too(specs, target, window):
    rows = [(*r[:5], "x") for r in rows_from(specs)]
    f = frame(rows)
    whole = reference(rows, target, 0, N_DAYS - 1)
    first, last = window[0], min(window[0] + window[1], N_DAYS - 1)
    got = period_bounds("killed", target, "x", str(START + dt.timedelta(first)),
                        str(START + dt.timedelta(last)), f, populations=POPS)
    if got["status"] != "no_count" and whole != "infeasible":
        assert as_pair(got["low"], got["high"]) == reference(rows, target, first, last)
    for row in spans("killed", target, f, populations=POPS).itertuples(index=False):
        if whole == "infeasible":
            continue
        a = (row.period_start.date() - START).days
        b = (row.period_end.date() - START).days
        assert as_pair(row.low, row.high) == reference(rows, target, a, b), row.how


# ------------------------------------------------------------------ true worlds

#: The cells of a true world: children, women, other civilians, fighters, anyone else.
CELLS = ("children", "women", "civilians", "fighters", "all")


def true_count(world: dict[str, list[int]], population: str, s: int, e: int) -> int:
    inside = {"all": CELLS, "civilians": ("children", "women", "civilians"),
              "children": ("children",), "women": ("women",),
              "women_and_children": ("children", "women"), "fighters": ("fighters",)}
    return sum(sum(world[c][s:e + 1]) for c in inside[population])


def true_figure(total: int, qualifier: str, pick: int) -> tuple[int, str]:
    """A value that makes '<qualifier> value' true of ``total``."""
    if qualifier in ("at_least", "more_than"):
        return pick % (total + 1), qualifier
    if qualifier in ("almost", "up_to"):
        return total + 1 + pick % 20, qualifier
    if qualifier == "about":
        return pick % 50 + 1, qualifier  # bounds nothing: any value is true
    return total, "exact"


world = st.fixed_dictionaries({c: st.lists(st.integers(0, 3), min_size=N_DAYS,
                                           max_size=N_DAYS) for c in CELLS})
true_spec = st.tuples(st.sampled_from(POPULATIONS), st.integers(0, N_DAYS - 1),
                      st.integers(0, 45), st.sampled_from(QUALIFIERS), st.integers(0, 10**6),
                      st.sampled_from(["a", "b"]))


@settings(settings.get_profile("slow"), suppress_health_check=[HealthCheck.too_slow])
@given(truth=world, specs=st.lists(true_spec, min_size=1, max_size=5),
       target=st.sampled_from(POPULATIONS))
def test_bounds_hold_for_the_truth_and_dropping_a_figure_never_tightens_them(truth, specs,
                                                                            target):
    rows = []
    for pop, s, length, qual, pick, claimant in specs:
        e = min(s + length, N_DAYS - 1)
        value, q = true_figure(true_count(truth, pop, s, e), qual, pick)
        rows.append((pop, s, e, value, q, claimant))
    m = monthly("killed", target, frame(rows), populations=POPS)
    assert not (m["status"] == "contradiction").any()  # true figures always hold together
    for row in m.itertuples(index=False):
        first, last = month_days(row.month)
        true = true_count(truth, target, first, last)
        low, high = as_pair(row.low, row.high)
        assert low <= true and (high is None or true <= high), row.how
    for row in spans("killed", target, frame(rows), populations=POPS).itertuples(index=False):
        true = true_count(truth, target, (row.period_start.date() - START).days,
                          (row.period_end.date() - START).days)
        low, high = as_pair(row.low, row.high)
        assert low <= true and (high is None or true <= high), row.how
    before = {(r.month, r.claimant): as_pair(r.low, r.high) for r in m.itertuples(index=False)}
    for k in range(len(rows)):
        fewer = rows[:k] + rows[k + 1:]
        if not fewer:
            continue
        after = monthly("killed", target, frame(fewer), populations=POPS)
        for r in after.itertuples(index=False):
            if (r.month, r.claimant) not in before:
                continue
            low0, high0 = before[(r.month, r.claimant)]
            low1, high1 = as_pair(r.low, r.high)
            assert low1 <= low0, (k, r.how)
            assert high1 is None or (high0 is not None and high1 >= high0), (k, r.how)


# ------------------------------------------------------------------ the solver alone


def test_whole_numbers_when_the_linear_optimum_is_not_one():
    """Three groups, each two of three cells, each at most 1: the linear maximum of the
    three cells together is 1.5, but counts are whole numbers: 1."""
    rel = Relations(parent={"t": None, "p": "t", "q": "t", "r": "t"}, disjoint=frozenset(),
                    made_of_parts=frozenset(),
                    members={"t": frozenset({0, 1, 2}), "p": frozenset({0, 1}),
                             "q": frozenset({1, 2}), "r": frozenset({0, 2})})
    rows = [Constraint(p, 0, 0, "<=", 1, (f"f-{p}",), p) for p in "pqr"]
    got = Group(rows, rel, "t", [0, 1]).bound(0, 0)
    assert (got.low, got.high, got.integer) == (0, 1, True)


def test_the_answer_is_the_same_however_the_days_are_cut():
    rows = [Constraint("all", 0, 9, "=", 10, ("a",), "a"),
            Constraint("all", 0, 4, ">=", 3, ("b",), "b"),
            Constraint("children", 5, 9, ">=", 4, ("c",), "c")]
    coarse = Group(rows, REL, "all", [0, 10]).bound(5, 9)
    fine = Group(rows, REL, "all", list(range(12))).bound(5, 9)
    assert (coarse.low, coarse.high) == (fine.low, fine.high) == (4, 7)


def test_a_period_not_made_of_whole_intervals_is_a_programming_error():
    rows = [Constraint("all", 0, 9, "=", 10, ("a",), "a")]
    with pytest.raises(AssertionError, match="whole intervals"):
        Group(rows, REL, "all", [0, 10]).bound(3, 4)


@pytest.mark.parametrize("sense", ["=", ">=", "<="])
def test_a_figure_alone_gets_the_solvers_bounds_and_terms_without_solving(sense, monkeypatch):
    """A component of one figure (a positive number) is answered in closed form
    (``_one_row_bound``): every floor, ceiling and term is the one the programme gives, and
    no programme is solved. A figure of 0 is not (its dual value is not unique)."""
    import idlibstats.analysis.solver as solver_module

    windows = [(0, 9), (0, 4), (5, 9), (3, 9), (0, 0), (-5, 14)]  # the last: beyond it
    cuts = [0, 1, 3, 5, 10]
    for figure_of, value in [(p, 7) for p in POPULATIONS] + [("civilians", 0)]:
        for target in POPULATIONS:
            row = Constraint(figure_of, 0, 9, sense, value, ("a",), "a")
            by_solver = Group([row], REL, target, cuts)
            for comp in by_solver.components:  # the general path: ask the programme
                comp._alone, comp._feasible = None, None if sense == "=" else True
            want = {w: by_solver.bound(*w) for w in windows}
            with monkeypatch.context() as m:
                if value > 0:  # a figure of 0 is left to the solver
                    m.setattr(solver_module, "linprog", lambda *a, **k: pytest.fail("solved"))
                alone = Group([row], REL, target, cuts)
                got = {w: alone.bound(*w) for w in windows}
            for w in windows:
                assert (got[w].low, got[w].high, got[w].low_terms, got[w].high_terms,
                        got[w].integer) == (want[w].low, want[w].high, want[w].low_terms,
                                            want[w].high_terms, want[w].integer), \
                    (figure_of, value, target, w)
