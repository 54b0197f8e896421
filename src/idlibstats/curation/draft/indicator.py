"""Stage 4 of the draft: what a number counts (its indicator).

The clause decides when it can (:func:`idlibstats.curation.draft.clause.govern`: the noun
after the number, the verb it is the object or the subject of, the phrase that introduces
it). Otherwise the nearest keyword of the sentence is taken, and the row says so in its
review reasons. Health facilities are split into attacked and destroyed by the verb.
"""

from __future__ import annotations

import re

from idlibstats.curation.draft import clause
from idlibstats.curation.draft.model import Amount, Draft, Span
from idlibstats.curation.draft.population import group_among
from idlibstats.curation.draft.words import STRONG_BOUNDARY_RE

__all__ = ["INDICATOR_WORDS", "decide_indicator"]

#: Words near a number -> indicator (indicators.indicator), as regular expressions: the
#: keywords of the fallback guess.
INDICATOR_WORDS: tuple[tuple[str, str], ...] = (
    (r"lost their lives|killed|killing|dead|deaths?|died", "killed"),
    (r"injured|wounded|injuries", "injured"),
    (r"wound|wounds|injure|injures|hurt", "injured"),
    (r"kill|kills", "killed"),
    (r"displaced|fled|flee|fleeing|moved", "displaced"),
    (r"air ?strikes|air raids|raids", "airstrikes"),
    (
        r"hospitals|clinics|(?:medical|health|health care|healthcare) "
        r"(?:facilities|structures|centres|centers|points)",
        "health_facilities",
    ),
    (r"live|living|home to|population|reside|resides|residing", "population"),
    (r"villages", "villages_lost_by_opposition"),
    (r"towns", "towns_captured_by_opposition"),
)
# Singular nouns count only right after the number ('one village'), not anywhere.
_SINGULAR_WORDS: tuple[tuple[str, str], ...] = (
    (r"air ?strike|air raid|raid", "airstrikes"),
    (
        r"hospital|clinic|(?:medical|health|health care|healthcare) "
        r"(?:facility|structure|centre|center|point)",
        "health_facilities",
    ),
    (r"village", "villages_lost_by_opposition"),
    (r"town", "towns_captured_by_opposition"),
)
_INDICATOR_RE = [
    (re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), ind) for pattern, ind in INDICATOR_WORDS
]
_SINGULAR_RE = [
    (re.compile(rf"\s+(?:[a-z-]+\s+)?({pattern})\b", re.IGNORECASE), ind)
    for pattern, ind in _SINGULAR_WORDS
]
_DESTROYED_RE = re.compile(r"\bdestroy(?:ed|ing)?\b", re.IGNORECASE)
_ATTACKED_RE = re.compile(r"\b(?:bombed|hit|attacked|struck|targeted|shelled)\b", re.IGNORECASE)
_CROSSING_COST = 60
_BOUNDARY_COST = 40
_BACKWARD_COST = 5


def decide_indicator(
    draft: Draft, masked: str, amounts: list[Amount], known: dict[str, str], after_of: int
) -> None:
    """Set the draft's indicator from the clause, or from a guess with a review reason.

    Parameters
    ----------
    draft : Draft
        The draft of one amount; its indicator, keyword, spans and reasons are set here.
    masked : str
        The sentence with every amount masked (:func:`idlibstats.curation.draft.clause.mask`).
    amounts : list of Amount
        Every amount of the sentence.
    known : dict
        The package's indicators and their units.
    after_of : int
        Where the counted thing starts after 'dozens of', else 0.
    """
    sentence, amount = draft.sentence.text, draft.amount
    reasons, spans = draft.reasons, draft.spans
    thing, start, end = clause.counted_thing(masked, after_of or amount.end)
    if not clause.is_known_thing(thing, sentence):
        reasons.append(f"unknown thing counted: '{thing}'")
        spans.append(Span(start, end))
        return
    reading = clause.govern(masked, amount.start, amount.end)
    if reading is not None:
        keyword = Span(reading.start, reading.end)
        if reading.how == "before" and draft.population is None:
            draft.population = group_among(sentence, reading.end, amount.start)
        indicator = reading.indicator
        if indicator == "health_facilities":
            indicator, extra = _health_facilities(sentence, keyword)
            spans += extra
        draft.indicator = indicator if indicator in known else None
        draft.keyword = keyword
        spans.append(keyword)
        return
    value = Span(amount.start, amount.end)
    others = [a for a in amounts if a is not amount]
    indicator, found = _guess(sentence, value, others, known)
    if indicator is None:
        reasons.append("no indicator word")
        return
    draft.indicator = indicator
    draft.keyword = found[0]
    spans += found
    reasons.append(f"guessed indicator: nearest word '{sentence[found[0].start : found[0].end]}'")
    if len(_indicators_in_clause(sentence, amount)) > 1:
        reasons.append("two indicators in the clause")


def _cost(sentence: str, value: Span, word: Span, others: list[Amount]) -> int:
    """How far a keyword is from a number: characters, plus numbers and clauses crossed."""
    if word.start >= value.end:
        lo, hi, extra = value.end, word.start, 0
    elif word.end <= value.start:
        lo, hi, extra = word.end, value.start, _BACKWARD_COST
    else:
        return 0
    crossed = sum(lo <= n.start < hi for n in others)
    boundaries = len(STRONG_BOUNDARY_RE.findall(sentence[lo:hi]))
    return hi - lo + extra + _CROSSING_COST * crossed + _BOUNDARY_COST * boundaries


def _guess(
    sentence: str, value: Span, others: list[Amount], known: dict[str, str]
) -> tuple[str | None, list[Span]]:
    """Guess the indicator from the nearest keyword; return it and the spans it used."""
    best: tuple[int, str, Span] | None = None
    for pattern, indicator in _SINGULAR_RE:
        match = pattern.match(sentence, value.end)
        if match:
            best = (0, indicator, Span(match.start(1), match.end(1)))
            break
    for pattern, indicator in _INDICATOR_RE:
        for match in pattern.finditer(sentence):
            span = Span(match.start(), match.end())
            cost = _cost(sentence, value, span, others)
            if best is None or cost < best[0]:
                best = (cost, indicator, span)
    if best is None:
        return None, []
    _, indicator, span = best
    spans = [span]
    if indicator == "health_facilities":
        indicator, extra = _health_facilities(sentence, span)
        spans += extra
    return (indicator if indicator in known else None), spans


def _health_facilities(sentence: str, keyword: Span) -> tuple[str, list[Span]]:
    """Destroyed if the sentence says so, else attacked; with the verb's span if near."""
    destroyed = _DESTROYED_RE.search(sentence)
    if destroyed:
        return "health_facilities_destroyed", _near(keyword, destroyed)
    attacked = _ATTACKED_RE.search(sentence, keyword.end)
    return "health_facilities_attacked", _near(keyword, attacked) if attacked else []


def _near(keyword: Span, match: re.Match[str], reach: int = 40) -> list[Span]:
    gap = max(match.start() - keyword.end, keyword.start - match.end())
    return [Span(match.start(), match.end())] if gap <= reach else []


def _indicators_in_clause(sentence: str, amount: Amount) -> set[str]:
    """Return the indicators whose keywords the amount's clause holds."""
    cuts = [0, *[m.end() for m in STRONG_BOUNDARY_RE.finditer(sentence)], len(sentence)]
    lo = max(c for c in cuts if c <= amount.start)
    hi = min(c for c in cuts if c >= amount.end)
    text = sentence[lo:hi]
    return {ind for pattern, ind in _INDICATOR_RE if pattern.search(text)}
