"""Curators' tool: draft figure rows from a report's plain text.

:func:`draft_figures` finds every number a report writes, in digits or words, and drafts
one row of the figures table for each: value, qualifier (from the wording just before the
number), value as written, a short verbatim excerpt, and guesses of indicator, population
and period as written. A curator then checks and completes every row by hand (see
CONTRIBUTING.md); nothing is written into ``data/``.

Numbers that are not figures are left out: years (``2019``), days of the month in dates
(``4 May 2019``, ``Between 1 and 28 April``, ``August 16-18``, ``Dec. 2, 2019``), durations
and ages (``eight-year``, ``for four days``, ``2 min read``), times of day (``10am``,
``3:30``), ordinals (``2nd``, ``twenty-first``), designations (``F-16``), measures and
shares (``10 km``, ``6 miles``, ``70 percent``, ``$5 million``), what a caption shows (``One
photo``), fractions without a scale (``2.5``) and the pronoun ``one`` (``one of those``).

Which word decides a number's indicator is read clause by clause
(:mod:`idlibstats.curation.draft_grammar`); parts of a total ('including 67 children', '572 of these
civilians were men') point to it in ``part_of``. Vague amounts ('dozens', 'hundreds of
thousands') of people or of a known indicator are shown as rows with no value. Every row the
tool is unsure of says why in the extra ``needs_review`` column (:data:`REVIEW_REASONS`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from idlibstats.curation import draft_grammar as grammar
from idlibstats.curation.textnorm import NumberPhrase, norm, numbers_in
from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import open_package
from idlibstats.datapackage.schema import pandas_dtypes

__all__ = [
    "DRAFT_NOTE",
    "INDICATOR_WORDS",
    "QUALIFIER_WORDS",
    "REVIEW_COLUMN",
    "REVIEW_REASONS",
    "draft_figures",
]

DRAFT_NOTE = "draft: check indicator, population, period, claimant"

#: The column added after the figures table's columns; empty when the tool is sure.
REVIEW_COLUMN = "needs_review"

#: The reasons ``needs_review`` gives (``;``-separated; some end with the words concerned).
REVIEW_REASONS: dict[str, str] = {
    "vague amount": "a vague amount ('dozens'): no value; delete the row or note it",
    "unknown thing counted": "the number counts something no indicator covers; indicator empty",
    "no indicator word": "no word of the sentence says what is counted",
    "guessed indicator": "taken from the nearest keyword, not from the verb of the clause",
    "two indicators in the clause": "the clause has words of two indicators",
    "part of an earlier total": "a part ('of these') of a total in an earlier sentence",
    "population has no code": "the group ('men', 'families') is not in the population enum",
    "population taken as civilians": "rescuers, health workers, volunteers: check",
    "population side unclear": "'Turkish soldiers', 'Russian troops': counted as fighters",
    "same figure as": "the same value, qualifier and indicator as another row (a headline?)",
}

# Wording just before a number -> qualifier (the figures schema's enum is the vocabulary).
QUALIFIER_WORDS: dict[str, str] = {
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "nearly": "almost",
    "almost": "almost",
    "close to": "almost",
    "just under": "almost",
    "up to": "up_to",
    "as many as": "up_to",
    "about": "about",
    "an estimated": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
}

# Words near a number -> indicator (indicators.indicator), as regular expressions.
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

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTHS = rf"(?:{_MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|mins?|seconds?|decades?)"
_COUNTED = (
    r"(?:people|persons|individuals|civilians|children|kids|women|men|fighters|soldiers|troops|"
    r"rebels|families|refugees|airstrikes|strikes|raids|villages|towns|hospitals|facilities|"
    r"deaths|dead|killed|injured|wounded|displaced)\b"
)

_WORDING_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, QUALIFIER_WORDS), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
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

# Leave-outs, tested on the text just after (_AFTER) or just before (_BEFORE) a number.
_AFTER_TIME = re.compile(r"^(?::\d{2}|\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z]))", re.IGNORECASE)
_BEFORE_TIME = re.compile(r"\d:$")
_AFTER_ORDINAL = re.compile(
    r"^-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b", re.IGNORECASE
)
_BEFORE_DESIGNATION = re.compile(r"[A-Za-z]-$")
_AFTER_DURATION = re.compile(rf"^(?:-|\s+)(?:long\s+|more\s+)?{_UNIT}\b", re.IGNORECASE)
_BEFORE_AGE = re.compile(r"\baged\s+$", re.IGNORECASE)
_AFTER_DAY_OF_MONTH = re.compile(
    rf"^(?:st|nd|rd|th)?(?:\s*(?:-|and|to|until|till)\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+{_MONTHS}"
)
_BEFORE_MONTH = re.compile(
    rf"\b{_MONTHS}\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|and|to|until|till|through)\s*)?$"
)
_NEXT_TO_SLASH = re.compile(r"\d/$")
_AFTER_SLASH = re.compile(r"^/\d")
_AFTER_MEASURE = re.compile(
    r"^(?:(?:\s+|-)(?:km|kms|kilometres?|kilometers?|miles?|metres?|meters?|cm|mm|feet|foot|ft|"
    r"yards?|kg|kilograms?|tons?|tonnes?|hectares?|acres?|sq\.?\s*km|square\s+[a-z]+|"
    r"percent|per\s*cent|percentage\s+points?|degrees?|dollars?|euros?|pounds?|litres?|"
    r"liters?|calibre|caliber)\b|\s*%)",
    re.IGNORECASE,
)
_BEFORE_MONEY = re.compile(r"(?:[$\u20ac\u00a3]|\bUS\$|\bUSD|\bEUR)\s*$")
_AFTER_MEDIA = re.compile(
    r"^(?:\s+[A-Za-z-]+)?\s+(?:photos?|photographs?|pictures?|images?|videos?|footage)\b",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(
    r"\b(?:(?:many|several|a\s+few)\s+)?(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|"
    r"dozens|scores|hundreds|thousands|millions)\b|\b(?:several|many|a\s+few)\s+"
    r"(?:hundred|thousand|dozen)\b|\b(?:half\s+)?a\s+dozen\b",
    re.IGNORECASE,
)
_VAGUE_UNIT = re.compile(r"^\s+of\s+(?:km|kilomet|miles|metres|meters|feet|yards)", re.IGNORECASE)
_SHARE_AFTER = re.compile(r"^\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d+|ten|five|four|three|two)\b")
_SHARE_BEFORE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+(?:every\s+)?$",
    re.IGNORECASE,
)
# A caption: a line that starts 'Photo:' or ends with a photo credit ('(AFP)', '[Getty]').
_CAPTION_RE = re.compile(
    r"^(?:photo|picture|image|video)\s*:|[(\[](?:AFP|AP|Reuters|Getty(?:\s+Images)?|Anadolu|EPA|"
    r"file(?:\s+photo)?)(?:\s*/[^)\]]*)?[)\]]\s*$",
    re.IGNORECASE,
)
_CAPTION_LENGTH = 250
_NOT_A_SENTENCE_END = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Capt|No|"
    r"U\.S|U\.N)\.$"
)
_AFTER_COUNTED = re.compile(rf"^\s+(?:[a-z-]+\s+)?{_COUNTED}", re.IGNORECASE)
_AFTER_PRONOUN = re.compile(r"^\s+(?:of|another)\b", re.IGNORECASE)
_BEFORE_PRONOUN = re.compile(r"\bno\s+$", re.IGNORECASE)

_GROUP = (
    r"(?:fighters\s+(?:loyal|allied)\s+to\s+(?:the\s+)?(?:government|regime)|"
    r"pro-(?:government|regime)\s+(?:fighters|forces|militias?)|government\s+(?:forces|troops)|"
    r"opposition\s+fighters|rebel\s+fighters|people|persons|individuals|civilians?|children|child|"
    r"kids|women|woman|men|fighters?|combatants|soldiers|troops|rebels|opponents|militants|"
    r"rescuers?|(?:health|medical|aid|humanitarian|rescue)\s+workers?|medics|doctors|nurses|"
    r"paramedics|volunteers?|first\s+responders|families|households|jihadists|insurgents|"
    r"extremists|sons|daughters|brothers|sisters|relatives|wives|husbands|mothers|fathers|"
    r"elderly|patients|students|pupils|teachers|journalists)"
)
_GROUPS_RE = re.compile(
    rf"^\s+(?:(?:of|their|the|other|more)\s+)*(?P<names>(?-i:[A-Z][A-Za-z-]*\s+){{0,2}})"
    rf"(?P<groups>{_GROUP}(?:\s*(?:,\s*and|,|and)\s+{_GROUP})*)\b",
    re.IGNORECASE,
)
_APPOSITIVE_RE = re.compile(
    rf"^\s*[-,]\s*all\s+({_GROUP}(?:\s*(?:,\s*and|,|and)\s+{_GROUP})*)\b", re.IGNORECASE
)
_AMONG_RE = re.compile(rf"\b(?:among|of)\s+(?:the\s+)?({_GROUP})\b", re.IGNORECASE)
# Names before a group that leave its side as the words say ('Syrian soldiers').
_OWN_SIDE_NAMES = {"Syrian", "Syria's", "Government", "Regime", "Rebel", "Opposition"}
_BOTH_SIDES_RE = re.compile(r"^\s+on\s+both\s+sides\b", re.IGNORECASE)
_GROUP_POPULATION = (
    (r"pro-(?:government|regime)|government|soldiers|troops", "pro_government_fighters"),
    (
        r"opposition|rebels?|opponents|militants|jihadists|insurgents|extremists",
        "opposition_fighters",
    ),
    (r"fighters?|combatants", "fighters"),
    (r"civilians?", "civilians"),
    (r"children|child|kids", "children"),
    (r"women|woman", "women"),
    (r"rescuers?|workers?|medics|doctors|nurses|paramedics|volunteers?|responders", "rescuers"),
    (
        r"families|households|sons|daughters|brothers|sisters|relatives|wives|husbands|"
        r"mothers|fathers|elderly|patients|students|pupils|teachers|journalists",
        "families",
    ),
    (r"men", "men"),
    (r"people|persons|individuals", "all"),
)
# Groups with no population code: the curator decides (the tool says why in needs_review).
_NO_CODE = {"families", "men"}  # 'families' also stands for kin, patients, pupils...

_SMALL_WORD = r"(?:\d+|[A-Za-z]+(?:-[a-z]+)?)"
_PERIOD_REACH = 60
_PERIOD_RE = re.compile(
    "|".join(
        (
            rf"(?i:between)\s+(?:(?:\d{{1,2}}|(?i:early|late|mid-?))\s+)?(?:{_MONTH}\s+)?(?i:and)\s+"
            rf"(?:(?i:the\s+end\s+of|the\s+start\s+of|early|late|mid-?)\s*)?(?:\d{{1,2}}\s+)?{_MONTH}\b",
            rf"(?i:since|in|during|throughout|until|till|by|before|after|from)\s+"
            rf"(?:(?i:early|mid-?|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)\s*)?"
            rf"{_MONTH}\b(?:\s+\d{{4}})?",
            rf"(?i:in|over|during|within|for)\s+the\s+(?i:past|last|previous)\s+"
            rf"(?:{_SMALL_WORD}\s+)?(?i:{_UNIT})\b",
            rf"(?i:over|in|within|for|during)\s+{_SMALL_WORD}\s+(?i:hours|days|weeks|months)\b",
            r"(?i:last|this|past)\s+(?i:week|weekend|month|year)\b",
            r"(?i:during|in)\s+the\s+(?i:month|week|year)\b",
            rf"(?i:on|since|overnight|last)\s+{_DAY}\b(?:\s+(?i:morning|afternoon|evening|night))?",
            rf"{_SMALL_WORD}\s+(?i:days|weeks|months|hours)\s+of\s+[a-z]+",
            r"(?i:since)\s+(?:the\s+)?(?i:start|beginning|end)\s+of\s+(?:the\s+)?[a-z]+",
            r"(?i:since)\s+(?:it|they|the\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:erupted|began|started|"
            r"broke\s+out|went\s+into\s+effect|took\s+effect)\b(?:\s+in\s+\d{4})?",
            r"\b(?i:yesterday|today)\b",
        )
    )
)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_STRONG_BOUNDARY_RE = re.compile(r";|,\s*(?:while|but|whereas)\b", re.IGNORECASE)
_INT64_MAX = 2**63 - 1
_CROSSING_COST = 60
_BOUNDARY_COST = 40
_BACKWARD_COST = 5


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    value: str = ""


@dataclass(frozen=True)
class _Amount:
    """A number (with its wording) or a vague amount, as found in a sentence."""

    start: int  # start of the wording, or of the number
    num_start: int
    end: int
    written: str  # the number or vague phrase as written
    value: int | None
    qualifier: str | None  # None for a vague amount
    vague: bool = False


def _sentences(text: str) -> Iterator[str]:
    """Yield the sentences of ``norm(text)``; each line is split on its own.

    A full stop after an abbreviation ('Aug. 29', 'Dr. Ali') does not end a sentence.
    """
    for line in text.splitlines():
        block = norm(line)
        if _is_caption(block):
            continue  # what a photo shows is not a figure
        start = 0
        for match in _SENTENCE_END_RE.finditer(block):
            if _NOT_A_SENTENCE_END.search(block[: match.start() + 1]):
                continue
            yield block[start : match.end()].strip()
            start = match.end()
        if block[start:].strip():
            yield block[start:].strip()


def _is_caption(line: str) -> bool:
    """Whether a normalised line is a photo caption, not a sentence of the report.

    It starts 'Photo:' or ends with a credit ('(AFP)', '[Getty]') that does not follow a
    full stop: a paragraph ending '... said. (AFP)' is the report's own text.
    """
    match = _CAPTION_RE.search(line)
    if match is None or len(line) > _CAPTION_LENGTH:
        return False
    return match.start() == 0 or line[: match.start()].rstrip()[-1:] not in ".!?\"'"


def _leave_out(sentence: str, number: NumberPhrase, wording: str | None) -> str | None:
    """Return why ``number`` is not a figure (year, date, duration, ...), or ``None``."""
    before, after = sentence[: number.start], sentence[number.end :]
    digits = number.text[0].isdigit()
    if number.value is None:
        return "fraction"
    if number.value > _INT64_MAX:
        return "too large for an integer column"
    if digits and (_AFTER_TIME.match(after) or _BEFORE_TIME.search(before)):
        return "time of day"
    if _AFTER_ORDINAL.match(after):
        return "ordinal"
    if digits and _BEFORE_DESIGNATION.search(before):
        return "designation"
    if _AFTER_DURATION.match(after) or _BEFORE_AGE.search(before):
        return "duration or age"
    if _AFTER_MEASURE.match(after) or _BEFORE_MONEY.search(before):
        return "measure, share or money"
    if _SHARE_AFTER.match(after) or _SHARE_BEFORE.search(before):
        return "measure, share or money"
    if digits and (_NEXT_TO_SLASH.search(before) or _AFTER_SLASH.match(after)):
        return "date"
    if digits and number.value <= 31 and "," not in number.text and " " not in number.text:
        if _AFTER_DAY_OF_MONTH.match(after):
            return "day of month"
        if _BEFORE_MONTH.search(before) and not _AFTER_COUNTED.match(after):
            return "day of month"
    if _is_year(number, after, wording):
        return "year"
    if _AFTER_MEDIA.match(after):
        return "what a caption shows"
    pronoun = _AFTER_PRONOUN.match(after) or _BEFORE_PRONOUN.search(before)
    if number.text.lower() == "one" and pronoun:
        return "pronoun"
    return None


def _is_year(number: NumberPhrase, after: str, wording: str | None) -> bool:
    return (
        re.fullmatch(r"\d{4}", number.text) is not None
        and 1900 <= (number.value or 0) <= 2099
        and wording is None
        and not _AFTER_COUNTED.match(after)
    )


def _wording(sentence: str, number: NumberPhrase) -> tuple[int, str]:
    """Return (start of the wording, qualifier) for the number."""
    match = _WORDING_RE.search(sentence[: number.start])
    if match is None:
        return number.start, "exact"
    return match.start(1), QUALIFIER_WORDS[match.group(1).lower()]


def _cost(sentence: str, value: _Span, word: _Span, others: list[_Amount]) -> int:
    """How far a keyword is from a number: characters, plus numbers and clauses crossed."""
    if word.start >= value.end:
        lo, hi, extra = value.end, word.start, 0
    elif word.end <= value.start:
        lo, hi, extra = word.end, value.start, _BACKWARD_COST
    else:
        return 0
    crossed = sum(lo <= n.start < hi for n in others)
    boundaries = len(_STRONG_BOUNDARY_RE.findall(sentence[lo:hi]))
    return hi - lo + extra + _CROSSING_COST * crossed + _BOUNDARY_COST * boundaries


def _indicator(
    sentence: str, value: _Span, others: list[_Amount], known: dict[str, str]
) -> tuple[str | None, list[_Span]]:
    """Guess the indicator from the nearest keyword; return it and the spans it used."""
    best: tuple[int, str, _Span] | None = None
    for pattern, indicator in _SINGULAR_RE:
        match = pattern.match(sentence, value.end)
        if match:
            best = (0, indicator, _Span(match.start(1), match.end(1)))
            break
    for pattern, indicator in _INDICATOR_RE:
        for match in pattern.finditer(sentence):
            span = _Span(match.start(), match.end())
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


def _health_facilities(sentence: str, keyword: _Span) -> tuple[str, list[_Span]]:
    """Destroyed if the sentence says so, else attacked; with the verb's span if near."""
    destroyed = _DESTROYED_RE.search(sentence)
    if destroyed:
        return "health_facilities_destroyed", _near(keyword, destroyed)
    attacked = _ATTACKED_RE.search(sentence, keyword.end)
    return "health_facilities_attacked", _near(keyword, attacked) if attacked else []


def _near(keyword: _Span, match: re.Match[str], reach: int = 40) -> list[_Span]:
    gap = max(match.start() - keyword.end, keyword.start - match.end())
    return [_Span(match.start(), match.end())] if gap <= reach else []


def _population(sentence: str, end: int) -> tuple[str | None, list[_Span], list[str]]:
    """Guess who is counted from the words right after the amount ending at ``end``.

    Returns the population (``None`` if no guess), the spans of the words it came from and
    the review reasons it raises (a group with no code, rescuers taken as civilians).
    """
    after = sentence[end:]
    both_sides = _BOTH_SIDES_RE.match(after)
    if both_sides:
        return "fighters", [_Span(end, end + both_sides.end())], []
    match = _GROUPS_RE.match(after)
    if match is None:
        return None, [], []
    stop = end + match.end()
    words = match.group("groups")
    if re.fullmatch(r"people|persons|individuals", words, re.IGNORECASE):
        appositive = _APPOSITIVE_RE.match(sentence[stop:])
        if appositive:
            words = appositive.group(1)
            stop += appositive.end()
    population, reasons = _combine_groups(words)
    names = set(match.group("names").split()) - _OWN_SIDE_NAMES
    if names and population in {"pro_government_fighters", "opposition_fighters"}:
        population = "fighters"  # 'Turkish soldiers', 'Russian troops': whose side?
        reasons.append(f"population side unclear: '{match.group('names')}{words}'")
    return population, [_Span(end + match.start("groups"), stop)], reasons


def _combine_groups(words: str) -> tuple[str | None, list[str]]:
    """Return the population of a list of groups ('women, children and men': all)."""
    parts = re.split(r"\s*(?:,\s*and|,|\band\b)\s*", words.strip())
    found = []
    for part in parts:
        for pattern, population in _GROUP_POPULATION:
            if re.search(rf"\b(?:{pattern})\b", part, re.IGNORECASE):
                found.append(population)
                break
    groups = set(found)
    if groups == {"rescuers"}:
        return "civilians", [f"population taken as civilians: '{words}'"]
    if len(groups) == 1 and found[0] in _NO_CODE:
        return None, [f"population has no code: '{words}'"]
    groups = {"civilians" if g == "rescuers" else "all" if g == "men" else g for g in groups}
    if groups == {"women", "children"}:
        return "women_and_children", []
    if len(groups) == 1 and None not in groups:
        return next(iter(groups)), []
    if "families" in groups:
        return None, [f"population has no code: '{words}'"]
    return "all", []


def _period(sentence: str, excerpt: _Span) -> str | None:
    """Return the period phrase nearest to the excerpt, if one is within reach."""
    best: tuple[int, str] | None = None
    for match in _PERIOD_RE.finditer(sentence):
        distance = max(match.start() - excerpt.end, excerpt.start - match.end(), 0)
        if distance <= _PERIOD_REACH and (best is None or distance < best[0]):
            best = (distance, match.group(0))
    return best[1] if best else None


def _amounts(sentence: str) -> list[_Amount]:
    """Return the numbers of a sentence that may be figures, and its vague amounts."""
    found = []
    for number in numbers_in(sentence):
        start, qualifier = _wording(sentence, number)
        wording = None if qualifier == "exact" else sentence[start : number.start]
        if _leave_out(sentence, number, wording) is None:
            found.append(
                _Amount(start, number.start, number.end, number.text, number.value, qualifier)
            )
    for match in _VAGUE_RE.finditer(sentence):
        if _VAGUE_UNIT.match(sentence[match.end() :]):
            continue
        if any(a.start < match.end() and match.start() < a.end for a in found):
            continue
        wording = _WORDING_RE.search(sentence[: match.start()])
        start = match.start() if wording is None else wording.start(1)
        found.append(_Amount(start, match.start(), match.end(), match.group(0), None, None, True))
    return sorted(found, key=lambda a: a.start)


@dataclass(eq=False)  # compared by identity: a headline may repeat a body sentence
class _Draft:
    """One draft row in the making, with what the tool is unsure of."""

    amount: _Amount
    sentence: str
    indicator: str | None = None
    population: str | None = None
    spans: list[_Span] | None = None
    reasons: list[str] | None = None
    part_of: int | None = None  # index (in the whole text) of the total it breaks down
    keyword: _Span | None = None


def _drafts_in(sentence: str, known: dict[str, str], earlier: list[_Draft]) -> Iterator[_Draft]:
    """Yield one draft per amount of a sentence; ``earlier`` holds the text's drafts so far."""
    amounts = _amounts(sentence)
    masked = grammar.mask(sentence, [(a.start, a.end) for a in amounts])
    here: list[_Draft] = []
    for amount in amounts:
        draft = _read(sentence, masked, amount, amounts, known, earlier, here)
        if amount.vague and not _worth_showing(draft):
            continue
        here.append(draft)
        earlier.append(draft)
        yield draft


def _worth_showing(draft: _Draft) -> bool:
    """Show a vague amount only when it counts people or a known indicator."""
    reasons = draft.reasons or []
    unknown = any(r.startswith("unknown thing") for r in reasons)
    return not unknown and (draft.indicator is not None or draft.population is not None)


def _read(
    sentence: str,
    masked: str,
    amount: _Amount,
    amounts: list[_Amount],
    known: dict[str, str],
    earlier: list[_Draft],
    here: list[_Draft],
) -> _Draft:
    """Decide one amount's indicator, population, total and review reasons."""
    value = _Span(amount.start, amount.end, sentence[amount.start : amount.end])
    reasons: list[str] = ["vague amount"] if amount.vague else []
    spans: list[_Span] = [value]
    draft = _Draft(amount, sentence, spans=spans, reasons=reasons)
    population, group_spans, group_reasons = _population(sentence, amount.end)
    after_of = amount.end + 3 if sentence[amount.end :].startswith(" of") and amount.vague else 0
    if population is None and after_of:
        population, group_spans, group_reasons = _population(sentence, after_of)
    spans += group_spans
    reasons += group_reasons
    total = _total(masked, amount, earlier, here)
    if total is not None:
        host = earlier[total]
        draft.part_of = total
        predicate = grammar.predicate_group(masked, amount.end, amount.start)
        if predicate is not None:
            population, group_reasons = _combine_groups(predicate[0])
            spans.append(_Span(predicate[1], predicate[2]))
            reasons += group_reasons
        if host not in here:
            reasons.append("part of an earlier total")
        draft.indicator = host.indicator
        if host.keyword is not None and host in here:
            spans.append(host.keyword)
    else:
        _indicate(draft, masked, amounts, known, after_of)
    if draft.indicator is not None and draft.indicator in known:
        if known[draft.indicator] != "people":
            population = "not_applicable"
        elif population is None and not any(r.startswith("population") for r in reasons):
            population = "all"
    draft.population = population if draft.population is None else draft.population
    return draft


def _total(masked: str, amount: _Amount, earlier: list[_Draft], here: list[_Draft]) -> int | None:
    """Index in ``earlier`` of the total the amount breaks down, or ``None``."""
    found = grammar.breakdown(masked, amount.start, amount.end)
    if found is None:
        return None
    kind, start = found
    if kind == "including":
        for draft in reversed(here):
            if draft.amount.start == start:
                return _root(earlier, earlier.index(draft))
        return None
    if kind == "list":
        parts = [d for d in here if d.part_of is not None]
        return parts[-1].part_of if parts else None
    for index in range(len(earlier) - 1, -1, -1):  # 'of these': the last total, any sentence
        if earlier[index].part_of is None and not earlier[index].amount.vague:
            return index
    return None


def _root(earlier: list[_Draft], index: int) -> int:
    """Return the first total above a part (a part of a part points to it)."""
    while earlier[index].part_of is not None:
        index = earlier[index].part_of  # type: ignore[assignment]
    return index


def _indicate(
    draft: _Draft, masked: str, amounts: list[_Amount], known: dict[str, str], after_of: int
) -> None:
    """Set the draft's indicator from the clause, or from a guess with a review reason."""
    sentence, amount = draft.sentence, draft.amount
    reasons, spans = draft.reasons, draft.spans
    assert reasons is not None and spans is not None
    thing, start, end = grammar.counted_thing(masked, after_of or amount.end)
    if not grammar.is_known_thing(thing, sentence):
        reasons.append(f"unknown thing counted: '{thing}'")
        spans.append(_Span(start, end))
        return
    reading = grammar.govern(masked, amount.start, amount.end)
    if reading is not None:
        keyword = _Span(reading.start, reading.end)
        if reading.how == "before" and draft.population is None:
            between = _AMONG_RE.search(sentence, reading.end, amount.start)
            if between:  # 'the toll among children stands at 89'
                draft.population, _ = _combine_groups(between.group(1))
        indicator = reading.indicator
        if indicator == "health_facilities":
            indicator, extra = _health_facilities(sentence, keyword)
            spans += extra
        draft.indicator = indicator if indicator in known else None
        draft.keyword = keyword
        spans.append(keyword)
        return
    value = _Span(amount.start, amount.end)
    others = [a for a in amounts if a is not amount]
    indicator, found = _indicator(sentence, value, others, known)
    if indicator is None:
        reasons.append("no indicator word")
        return
    draft.indicator = indicator
    draft.keyword = found[0]
    spans += found
    reasons.append(f"guessed indicator: nearest word '{sentence[found[0].start : found[0].end]}'")
    if len(_indicators_in_clause(sentence, amount)) > 1:
        reasons.append("two indicators in the clause")


def _indicators_in_clause(sentence: str, amount: _Amount) -> set[str]:
    """Return the indicators whose keywords the amount's clause holds."""
    cuts = [0, *[m.end() for m in _STRONG_BOUNDARY_RE.finditer(sentence)], len(sentence)]
    lo = max(c for c in cuts if c <= amount.start)
    hi = min(c for c in cuts if c >= amount.end)
    clause = sentence[lo:hi]
    return {ind for pattern, ind in _INDICATOR_RE if pattern.search(clause)}


def _mark_repeats(drafts: list[_Draft], figure_ids: list[str]) -> None:
    """Flag rows that give the same figure as another row (a headline and its body)."""
    seen: dict[tuple[object, ...], int] = {}
    for index, draft in enumerate(drafts):
        amount = draft.amount
        if amount.vague or draft.indicator is None:
            continue
        key = (amount.value, amount.qualifier, draft.indicator)
        if key in seen:
            first = seen[key]
            drafts[first].reasons.append(f"same figure as {figure_ids[index]}")  # type: ignore[union-attr]
            draft.reasons.append(f"same figure as {figure_ids[first]}")  # type: ignore[union-attr]
        else:
            seen[key] = index


def _row(draft: _Draft, figure_ids: list[str]) -> dict[str, object]:
    """Return the column values of one draft."""
    sentence, amount, spans = draft.sentence, draft.amount, draft.spans or []
    excerpt = _Span(min(s.start for s in spans), max(s.end for s in spans))
    reasons = list(dict.fromkeys(draft.reasons or []))
    return {
        "indicator": draft.indicator,
        "population": draft.population,
        "value": amount.value,
        "qualifier": amount.qualifier,
        "value_as_written": sentence[amount.start : amount.end],
        "period_as_written": _period(sentence, excerpt),
        "part_of": None if draft.part_of is None else figure_ids[draft.part_of],
        "excerpt": sentence[excerpt.start : excerpt.end],
        REVIEW_COLUMN: "; ".join(reasons) or None,
    }


def _figures_schema(package: str | os.PathLike[str] | None) -> dict[str, object]:
    return open_package(package).resource("figures")["schema"]


def _enum(schema: dict[str, object], name: str) -> list[str]:
    for field in schema["fields"]:  # type: ignore[attr-defined]
        if field["name"] == name:
            return list(field.get("constraints", {}).get("enum", []))
    raise DataPackageError(f"the figures schema has no field {name!r}")


def _known_indicators(package: str | os.PathLike[str] | None) -> dict[str, str]:
    from idlibstats.datapackage.read import indicators

    table = indicators(package)
    return dict(zip(table["indicator"].astype(str), table["unit"].astype(str), strict=True))


def _check_source_id(schema: dict[str, object], source_id: str) -> None:
    for field in schema["fields"]:  # type: ignore[attr-defined]
        if field["name"] != "figure_id":
            continue
        pattern = field.get("constraints", {}).get("pattern")
        if pattern and not re.fullmatch(pattern, f"{source_id}-01"):
            raise DataPackageError(
                f"source_id {source_id!r} does not make figure ids matching {pattern!r}"
            )


def draft_figures(
    text: str, source_id: str, package: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Return draft rows of the figures table for every number the text gives.

    Parameters
    ----------
    text : str
        The report's plain text (it is normalised with :func:`idlibstats.curation.textnorm.norm`,
        line by line; excerpts are verbatim in the normalised text).
    source_id : str
        The report's ``sources.source_id``; rows are numbered ``{source_id}-01``, ``-02``...
    package : str or path-like, optional
        The data package whose figures schema and indicators to use (default: the one
        :func:`idlibstats.datapackage.locate.locate_package` finds).

    Returns
    -------
    pandas.DataFrame
        The figures table's columns, typed as :func:`idlibstats.figures` types them, then
        ``needs_review`` (string); one row per number (or vague amount) in text order.
        Filled in:

        ==================  =============================================================
        figure_id           ``{source_id}-NN``, in text order
        source_id           as given
        indicator           from the word that governs the number in its clause; else
                            the nearest keyword (flagged); empty for an unknown thing
        population          from the words after the number (or 'were women' for a
                            part); ``not_applicable`` for strikes, facilities and places;
                            empty if no guess or no code fits
        value               the number's value; empty for a vague amount
        qualifier           from the wording before it (``at least`` -> ``at_least`` ...);
                            empty for a vague amount
        value_as_written    wording and number, verbatim (``over 138,500``)
        period_as_written   the nearest period phrase of the sentence, if any
        part_of             for a part of a total ('including 67 children'), the total's
                            draft ``figure_id``
        excerpt             shortest verbatim span with the number, its wording and the
                            words the guesses came from
        notes               ``draft: check indicator, population, period, claimant``
        needs_review        ``;``-separated reasons (:data:`REVIEW_REASONS`), or empty
        ==================  =============================================================

        Every other column (periods, place, claimant, claim group...) is left empty for
        the curator, who deletes ``needs_review`` before appending rows to the table.

    Raises
    ------
    DataPackageError
        If ``source_id`` cannot make valid figure ids, or the package's qualifier
        vocabulary lacks a qualifier the tool emits.
    """
    schema = _figures_schema(package)
    _check_source_id(schema, source_id)
    qualifiers = _enum(schema, "qualifier")
    missing = sorted({"exact", *QUALIFIER_WORDS.values()} - set(qualifiers))
    if missing:
        raise DataPackageError(f"the figures schema's qualifier enum lacks {missing}")
    known = _known_indicators(package)
    drafts: list[_Draft] = []
    for sentence in _sentences(text):
        for _ in _drafts_in(sentence, known, drafts):
            pass
    figure_ids = [f"{source_id}-{i:02d}" for i in range(1, len(drafts) + 1)]
    _mark_repeats(drafts, figure_ids)
    rows = [_row(draft, figure_ids) for draft in drafts]
    for figure_id, row in zip(figure_ids, rows, strict=True):
        row.update(figure_id=figure_id, source_id=source_id, notes=DRAFT_NOTE)
    dtypes = {**pandas_dtypes(schema), REVIEW_COLUMN: "string"}
    frame = pd.DataFrame(rows, columns=list(dtypes))
    return frame.astype(dtypes)
