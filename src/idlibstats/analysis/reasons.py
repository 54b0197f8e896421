"""The ``how`` texts of the month bounds: each bound as a sum of figures, in words.

A bound the solver finds (:mod:`.solver`) comes with its reason, the solver's dual values:
the bound is a sum of the numbers of some figures (``floor 3 = 2 + 1``), each one named
with its wording, population, period and id. Every number written here is a number a
figure says, or that sum.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from idlibstats.analysis.populations import Relations
from idlibstats.analysis.solver import Bound, Constraint, Term

__all__ = ["UNATTRIBUTED", "bound_how", "conflict_how", "counted", "day_text", "month_name",
           "number_text", "reason_text", "span_text", "terms_text", "who", "wording"]

#: The claimant of a figure the report gives in its own voice.
UNATTRIBUTED = "unattributed"


def wording(value: int, qualifier: str) -> str:
    """Return the value as the wording gives it: 'at least 67', '272 (exact)'."""
    words = {
        "exact": f"{value:,} (exact)",
        "at_least": f"at least {value:,}",
        "more_than": f"more than {value:,}",
        "almost": f"almost {value:,}",
        "about": f"about {value:,}",
        "up_to": f"up to {value:,}",
    }
    return words[qualifier]


def day_text(d: dt.date) -> str:
    """Return a day in words: '4 May 2019'."""
    return f"{d.day} {d:%b %Y}"


def span_text(start: dt.date, end: dt.date) -> str:
    """Return days in words, with a preposition: 'on 4 May 2019', 'over 1 May-31 May 2019'."""
    if start == end:
        return f"on {day_text(start)}"
    if start.year == end.year:
        return f"over {start.day} {start:%b}-{end.day} {end:%b %Y}"
    return f"over {day_text(start)}-{day_text(end)}"


def month_name(month: pd.Period) -> str:
    """Return a month in words: 'May 2019'."""
    return f"{dt.date(month.year, month.month, 1):%B %Y}"


def number_text(x: float) -> str:
    """Return a coefficient in words: a whole number as one, else four digits."""
    whole = round(x)
    return f"{whole:,}" if abs(x - whole) < 1e-6 else f"{x:,.4g}"


def terms_text(value: int, terms: list[Term]) -> str:
    """Write a bound as the sum of figures the solver's dual values give."""
    terms = sorted(terms, key=lambda t: (t.coefficient < 0, t.constraint.start,
                                         t.constraint.end, t.constraint.ids))
    total = sum(t.coefficient * t.constraint.value for t in terms)
    if not terms or abs(total - value) > 1e-6 * max(1, abs(value)):
        return ""
    parts = []
    for k, t in enumerate(terms):
        c = abs(t.coefficient)
        amount = f"{t.constraint.value:,}" if abs(c - 1) < 1e-9 else \
            f"{number_text(c)} × {t.constraint.value:,}"
        sign = "-" if t.coefficient < 0 else "+"
        parts.append(amount if k == 0 and sign == "+" else f"{sign} {amount}")
    return f"{value:,} = " + " ".join(parts)


def reason_text(kind: str, value: int | None, terms: list[Term], target: str,
                relations: Relations) -> str:
    """Return one bound with its arithmetic, the figures it rests on and their relations."""
    arithmetic = terms_text(value, terms) if value is not None else ""
    used = list(dict.fromkeys(t.constraint for t in terms))
    sources = "; ".join(c.label for c in used)
    text = f"{kind} {arithmetic or f'{value:,}'}" + (f", from {sources}" if sources else "")
    related = relations.relation_text([target, *(c.population for c in used)])
    if related and any(c.population != target for c in used):
        text += f" ({related})"
    return text


def counted(indicator: str, population: str) -> str:
    """Say what is counted: 'civilians killed', 'people killed', 'airstrikes'."""
    what = indicator.replace("_", " ")
    if population == "not_applicable":
        return what
    people = "people" if population == "all" else population.replace("_", " ")
    return f"{people} {what}"


def bound_how(b: Bound, where: str, target: str, relations: Relations,
              indicator: str) -> str:
    """Return a floor and a ceiling (or their absence) in words; ``where``: 'in May 2019'."""
    what = counted(indicator, target)
    parts = []
    if b.low > 0 or (b.high == 0):
        parts.append(reason_text("floor", b.low, b.low_terms, target, relations))
    else:
        parts.append(f"no floor: the figures all hold with 0 {what} {where}")
    if b.high is not None:
        parts.append(reason_text("ceiling", b.high, b.high_terms, target, relations))
    elif b.free_days:
        parts.append("no ceiling (open): some of those days lie outside every figure's "
                     "period")
    else:
        parts.append(f"no ceiling (open): no figure, alone or with others, caps the "
                     f"{what} {where}")
    if b.integer:
        parts.append("counts are whole numbers: the bound is the integer one")
    return "; ".join(parts)


def conflict_how(whose: str, conflict: tuple[Constraint, ...], where: str) -> str:
    """Return a contradiction in words: the figures that cannot all be true."""
    return (f"{whose}'s figures cannot all be true: {'; '.join(c.label for c in conflict)}: "
            f"no daily series meets them together, so they imply nothing {where}")


def who(group: str) -> str:
    """Return whose figures a group holds: the claimant, or a report's own voice."""
    return group.replace(f"{UNATTRIBUTED} (", "the unattributed figures of report (", 1)
