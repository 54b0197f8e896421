"""Stage 4 of the draft: what a number counts (its indicator).

The clause decides when it can (:func:`idlibstats.curation.draft.clause.govern`: the noun
after the number, the verb it is the object or the subject of, the phrase that introduces
it). Otherwise the nearest keyword of the sentence is taken, and the row says so in its
review reasons. Health facilities are split into attacked and destroyed by the verb.
"""

from __future__ import annotations

import re

from idlibstats.curation.draft import clause
from idlibstats.curation.draft.facilities import (
    HEALTH_CONTEXT_RE,
    elided_facility_verb,
    facility_verb,
)
from idlibstats.curation.draft.hedges import aim_or_modal, urged_to
from idlibstats.curation.draft.model import Amount, Draft, Span
from idlibstats.curation.draft.participles import verb_after_participle
from idlibstats.curation.draft.parts import points_back
from idlibstats.curation.draft.phrases import PARTITIVE_RE
from idlibstats.curation.draft.places import place_indicator
from idlibstats.curation.draft.population import group_among
from idlibstats.curation.draft.words import STRONG_BOUNDARY_RE

__all__ = ["INDICATOR_WORDS", "decide_indicator"]

#: Words near a number -> indicator (indicators.indicator), as regular expressions: the
#: keywords of the fallback guess.
INDICATOR_WORDS: tuple[tuple[str, str], ...] = (
    (r"lost their lives|killed|killing|dead|deaths?|died|succumb(?:ed|s|ing)?", "killed"),
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
    draft: Draft,
    masked: str,
    amounts: list[Amount],
    known: dict[str, str],
    after_of: int,
    here: list[Draft],
    context: str,
) -> None:
    """Set the draft's indicator from the clause, or from a guess with a review reason.

    Parameters
    ----------
    draft : Draft
        The draft of one amount; its indicator, keyword, spans, reasons and ``how`` are set
        here (and its population, when the reading names the group: 'the toll among
        children', or says it is outside the vocabulary: 'nine gunmen were killed').
    masked : str
        The sentence with every amount masked (:func:`idlibstats.curation.draft.phrases.mask`).
    amounts : list of Amount
        Every amount of the sentence.
    known : dict
        The package's indicators and their units.
    after_of : int
        Where the counted thing starts after 'dozens of', else 0.
    here : list of Draft
        The drafts of the sentence before this one.
    context : str
        The sentence's paragraph and the one before: whether a bare 'facilities' is about
        health care.
    """
    sentence, amount = draft.sentence.text, draft.amount
    thing, start, end = clause.counted_thing(masked, after_of or amount.end)
    reading = clause.govern(masked, amount.start, after_of or amount.end)
    subject = reading is not None and reading.how == "subject"
    if subject and start < reading.start < end:  # 'families reached camps': its verb ends it
        thing = masked[start : reading.start].rstrip()
        end = start + len(thing)
    if not clause.is_known_thing(thing, sentence):
        if reading is None or known.get(reading.indicator) != "people" or reading.how == "before":
            draft.reasons.append(f"unknown thing counted: '{thing}'")
            draft.spans.append(Span(start, end))
            draft.decide("indicator", "unknown thing", f"none: unknown thing '{thing}'")
            return
        draft.reasons.append(f"unknown group: '{thing}'")  # 'nine gunmen were killed'
        draft.spans.append(Span(start, end))
        draft.decide("population", "unknown group", f"none: unknown group '{thing}'")
        draft.population = None
    if reading is None and not thing:
        elided = _elided_facilities(draft, masked, here, known)
        if elided:
            return
    if reading is not None:
        _from_reading(draft, masked, reading, known, context)
        return
    if points_back(masked, amount) in {"another", "listed"}:
        return  # the reader takes the indicator of the figure before
    if PARTITIVE_RE.search(masked[: amount.start]):  # the 7 of '3 of the 7 people ... died'
        draft.reasons.append("no indicator word")
        draft.decide("indicator", "no word", "none: the verb is the number's before")
        return
    others = [a for a in amounts if a is not amount]
    people = bool(thing) and clause.is_people(thing)
    indicator, found = _guess(sentence, Span(amount.start, amount.end), others, known, people)
    if indicator is None and found:  # '24 of the 40 hospitals have stopped working'
        word = sentence[found[0].start : found[0].end]
        draft.reasons.append(f"facilities not said to be hit: '{word}'")
        draft.decide("indicator", "facilities not hit", f"none: no attack on the '{word}'")
        draft.spans.extend(found)
        return
    if indicator is None:
        draft.reasons.append("no indicator word")
        draft.decide("indicator", "no word", "none: no word says what is counted")
        return
    word = sentence[found[0].start : found[0].end]
    draft.indicator = indicator
    draft.keyword = found[0]
    draft.spans.extend(found)
    draft.reasons.append(f"guessed indicator: nearest word '{word}'")
    draft.decide("indicator", "guess", f"guess: nearest keyword '{word}'")
    if len(_indicators_in_clause(sentence, amount)) > 1:
        draft.reasons.append("two indicators in the clause")


def _from_reading(
    draft: Draft, masked: str, reading: clause.Reading, known: dict[str, str], context: str
) -> None:
    """Set the indicator the clause decided, with its doubts (aim, joined verbs, facilities)."""
    sentence, amount = draft.sentence.text, draft.amount
    keyword = Span(reading.start, reading.end)
    word = sentence[keyword.start : keyword.end]
    draft.keyword = keyword
    draft.spans.append(keyword)
    if reading.how == "before" and draft.population is None:
        draft.population = group_among(sentence, reading.end, amount.start)
        if draft.population is not None:
            draft.decide("population", "named before", f"named before the number: '{word}'")
    indicator: str | None = reading.indicator
    draft.decide("indicator", _RULE[reading.how], f"{_HOW[reading.how]} '{word}'")
    after = keyword.start >= amount.end
    lo, hi = (amount.end, keyword.start) if after else (keyword.end, amount.start)
    if _ASIDE_RE.search(masked, lo, hi):  # 'Four people - all women - were injured'
        draft.reasons.append(f"across a dash or parenthesis: '{word}'")
        draft.decide("indicator", "across an aside", f"{_HOW[reading.how]} '{word}', past an aside")
    later = verb_after_participle(masked, amount, (reading.start, reading.end), reading.how)
    if later is not None:  # 'Two children injured in the attack succumbed'
        verb = sentence[later.start : later.end]
        draft.reasons.append(f"participle: '{word}' before '{verb}'")
        draft.spans.append(Span(later.start, later.end))
        if later.indicator is not None and later.indicator != indicator:
            indicator = later.indicator
            draft.keyword = Span(later.start, later.end)
            draft.decide("indicator", "participle", f"verb '{verb}' after the participle '{word}'")
        else:
            draft.decide("indicator", "participle", f"participle '{word}' before '{verb}'")
    if indicator in {"health_facilities", "facilities"}:
        indicator = _facilities(draft, masked, reading, context)
    elif indicator in _PLACES:
        indicator, doubt = place_indicator(sentence, amount.start, word)
        if doubt is not None:
            draft.reasons.append(doubt)
            rule = "place, no indicator" if indicator is None else "place, side unsaid"
            said = f"none: {doubt}" if indicator is None else draft.how["indicator"]
            draft.decide("indicator", rule, said)
    if reading.joined is not None:
        draft.reasons.append(f"coordination: '{reading.joined}' counts both")
        draft.decide("indicator", "joined verbs", f"none: '{reading.joined}' joins two indicators")
        indicator = None
    between = (reading.end, amount.start) if reading.how == "before" else None
    hedge = None
    if reading.how != "noun":  # 'could be displaced', 'aimed to displace', 'toll could rise'
        hedge = aim_or_modal(masked, reading.start, between)
    if hedge is None:  # 'seek to capture 20 villages', 'could force 500,000 people from...'
        hedge = aim_or_modal(masked, amount.start, verb_between=True)
    if hedge is None and reading.how == "subject":  # 'called on 20,000 people to flee'
        urged = urged_to(masked, amount.start, amount.end, reading.start)
        hedge = None if urged is None else (urged, reading.start, reading.start)
    if hedge is not None and indicator is not None:
        draft.reasons.append(f"aim or modal: '{hedge[0]}'")
        draft.spans.append(Span(hedge[1], hedge[2]))
    draft.indicator = indicator if indicator in known else None


_PLACES = {"villages_lost_by_opposition", "towns_captured_by_opposition"}
# A dash or a parenthesis between a number and the word that decided it.
_ASIDE_RE = re.compile(r"\s[-\u2013\u2014]\s|[()]")
_RULE = {"noun": "noun", "object": "object", "subject": "subject", "before": "named before"}
_HOW = {
    "noun": "noun",
    "object": "object of",
    "subject": "subject of",
    "before": "named before the number:",
}


def _facilities(draft: Draft, masked: str, reading: clause.Reading, context: str) -> str | None:
    """Return attacked or destroyed by the facilities' own verb, or None with a reason."""
    sentence, amount = draft.sentence.text, draft.amount
    noun = sentence[reading.start : reading.end]
    if reading.indicator == "facilities" and not HEALTH_CONTEXT_RE.search(context):
        draft.reasons.append(f"facilities taken as health facilities: '{noun}'")
    verb = facility_verb(masked, amount.start, reading.end)
    if verb is None or verb.kind == "other":
        said = "" if verb is None else f": '{sentence[verb.start : verb.end]}'"
        draft.reasons.append(f"facilities not said to be hit{said}")
        draft.decide("indicator", "facilities not hit", f"none: no attack on the '{noun}'")
        return None
    draft.spans.append(Span(verb.start, verb.end))
    said = f"noun '{noun}', verb '{sentence[verb.start : verb.end]}'"
    draft.decide("indicator", "facility verb", said)
    return f"health_facilities_{verb.kind}"


def _elided_facilities(
    draft: Draft, masked: str, here: list[Draft], known: dict[str, str]
) -> bool:
    """Read 'and two destroyed' after a count of facilities (flagged: of them, or others?)."""
    previous = [d for d in here if d.indicator and d.indicator.startswith("health_facilities")]
    if not previous:
        return False
    verb = elided_facility_verb(masked, draft.amount.end)
    if verb is None:
        return False
    sentence = draft.sentence.text
    said = sentence[verb.start : verb.end]
    indicator = f"health_facilities_{verb.kind}"
    draft.indicator = indicator if indicator in known else None
    draft.keyword = Span(verb.start, verb.end)
    draft.spans.append(draft.keyword)
    draft.reasons.append("coordination: no noun after the number, read as the facilities before")
    draft.decide("indicator", "elided facilities", f"verb '{said}' after the facilities before")
    return True


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
    sentence: str, value: Span, others: list[Amount], known: dict[str, str], people: bool
) -> tuple[str | None, list[Span]]:
    """Guess the indicator from the nearest keyword; return it and the spans it used.

    A number of people ('120,000 Syrians') takes only a keyword of an indicator of people.
    """
    best: tuple[int, str, Span] | None = None
    for pattern, indicator in _SINGULAR_RE:
        match = pattern.match(sentence, value.end)
        if match and not people:
            best = (0, indicator, Span(match.start(1), match.end(1)))
            break
    for pattern, indicator in _INDICATOR_RE:
        if people and known.get(indicator) != "people":
            continue
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


def _health_facilities(sentence: str, keyword: Span) -> tuple[str | None, list[Span]]:
    """Return, for a guessed keyword, the health indicator the sentence's verbs say.

    Destroyed if the sentence says so, else attacked if it says so; no indicator when it
    says neither ('24 of the 40 hospitals have stopped working').
    """
    destroyed = _DESTROYED_RE.search(sentence)
    if destroyed:
        return "health_facilities_destroyed", _near(keyword, destroyed)
    attacked = _ATTACKED_RE.search(sentence)
    if attacked is None:
        return None, []
    return "health_facilities_attacked", _near(keyword, attacked)


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
