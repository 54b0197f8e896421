"""Stage 2 of the draft: numbers that describe one thing or one person, or say how often.

docs/method.md records counts of what happened (people killed, injured, displaced,
strikes, facilities hit). A number that gives the size or capacity of a thing ('a hospital
with 200 beds', 'which had 60 beds', 'able to treat 300 patients a day', 'built for 5,000
people', 'room for 400 pupils'), the age of a person in apposition ('Umm Khaled, 35,', 'her
son, 7,', 'the boy, who was 9,'), the size of a family ('a father of three') or how many
times something happened ('hit three times', 'displaced six times') counts none of those:
:func:`description` says which it is, and
:func:`idlibstats.curation.draft.leave_out.why_left_out` leaves it out.
"""

from __future__ import annotations

import re

__all__ = ["description"]

# Wording a capacity may carry ('can hold up to 150').
_WORDING = (
    r"(?:(?:up\s+to|as\s+many\s+as|some|about|around|roughly|nearly|almost|over|more\s+than|"
    r"at\s+least)\s+)?"
)
# What a thing holds, not what happened to it; 'treat', 'receive', 'serve', 'take' and 'feed'
# only with a rate after ('able to treat 300 patients a day'): 'medics were able to treat 40
# wounded' counts the wounded.
_HOLD_VERBS = r"hold|house|accommodate|host|shelter|seat|fit|sleep"
_RATE_VERBS = r"treat|receive|serve|take|feed"
_RATE_AFTER = re.compile(
    r"^\s+(?:[a-z-]+\s+){0,2}(?:(?:a|per|each|every)\s+(?:day|week|month|night)|"
    r"at\s+(?:a\s+time|once))\b",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(
    rf"\b(?:able|equipped|designed|built)\s+to\s+(?:{_RATE_VERBS})\s+{_WORDING}$|"
    rf"\b(?:can|could|cannot|can't)\s+(?:only\s+|still\s+)?(?:{_RATE_VERBS})\s+{_WORDING}$",
    re.IGNORECASE,
)
# 'a capacity of 80 beds', 'room for 400 pupils', 'built for 5,000 people', 'can hold up
# to 150', 'a clinic that served 10 villages', 'which had 60 beds'; a
# number listed after one ('a capacity of 80 beds and two operating theatres') is one too.
_CAPACITY_BEFORE = re.compile(
    r"(?P<kw>\bcapacity\s+(?:of|for)|\b(?:room|space|places?|beds?)\s+for|"
    r"\b(?:built|designed|meant|equipped|intended|big\s+enough|large\s+enough)\s+(?:to\s+\w+\s+)?for|"
    rf"\b(?:able|equipped|designed|built)\s+to\s+(?:{_HOLD_VERBS})|"
    rf"\b(?:can|could|cannot|can't)\s+(?:only\s+|still\s+)?(?:{_HOLD_VERBS})|"
    r"\b(?:that|which)\s+(?:once\s+|still\s+|then\s+)?(?:served|serves|serve|employed|employs|"
    r"had|has|have)|\bserving|"
    r"\bwith)"
    rf"\s+{_WORDING}(?:[\d,.]+\s+(?:[a-z-]+\s+){{1,2}}(?:and|or)\s+)?$",
    re.IGNORECASE,
)
# A relative clause's 'had'/'has' or 'with' gives a size only before a thing's parts
# ('which had 120 beds', 'a hospital with 200 beds'); 'which has 3 million people' is a
# population and 'with 12 dead' a toll.
_LOOSE_BEFORE = re.compile(r"\b(?:with|had|has|have)$", re.IGNORECASE)
# ', which had 40 staff,': a relative clause set off by commas says what a thing has (not
# its residents: 'Idlib, which has 3 million people,' is a population).
_RELATIVE_HAS = re.compile(r"\b(?:that|which)\s+(?:[a-z]+\s+)?(?:had|has|have)$", re.IGNORECASE)
_ASIDE_NOUN = re.compile(r"^\s+(?:[a-z-]+\s+){0,2}[a-z-]+\s*[,;)]", re.IGNORECASE)
_RESIDENTS = re.compile(
    r"^\s+(?:[a-z-]+\s+)?(?:people|persons|residents|inhabitants|civilians|displaced|IDPs|"
    r"refugees|Syrians|families|households)\b",
    re.IGNORECASE,
)
_PARTS_OF_A_THING = re.compile(
    r"^\s+(?:[a-z-]+\s+)?(?:beds?|rooms?|wards?|floors?|storeys?|stories|classrooms?|seats?|"
    r"units?|operating\s+(?:theatres?|theaters?|rooms?)|incubators?|places)\b",
    re.IGNORECASE,
)
# '200 beds', '120 hospital beds': the counted noun is a capacity ('150 patients a day' is
# a count of a kind no indicator has: a row with no indicator).
_CAPACITY_AFTER = re.compile(r"^\s+(?:[a-z-]+\s+)?beds?\b", re.IGNORECASE)
# 'hit three times', 'displaced six times', 'on four occasions': how often, not how many.
_TIMES_AFTER = re.compile(
    r"^\s+(?:more\s+|separate\s+|different\s+)?(?:times|occasions)\b", re.IGNORECASE
)
# 'Abu Ahmad, 42,' 'Umm Khaled, 35,' 'her son, 7,' 'a local council official, 38,': an age
# in apposition.
# A capitalised word that starts a phrase, not a name ('In Saraqib, 42, including ...').
_NOT_A_NAME = (
    r"(?!(?:In|At|On|From|Near|To|Of|Across|Around|Outside|Inside|Since|By|For|The|And|But|"
    r"After|Before|During|When|While|Meanwhile|Overall|Altogether|Yesterday|Today|Last|This|"
    r"Separately|Elsewhere|Later|Earlier|So|Then|Also)\b)"
)
_CAPITALISED = r"(?-i:[A-Z][\w'\u2019-]*)"
_NAME = _NOT_A_NAME + rf"{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|al-\w+|bin|ibn|abu|umm))*"
_PERSON = r"(?:[Hh]is|[Hh]er|[Tt]heir|[Aa]n?)\s+(?:[a-z-]+\s+){0,3}[a-z]+"
_APPOSITION_BEFORE = re.compile(rf"(?:^|(?<=[\s(\"'\u201c]))(?P<who>{_NAME}|{_PERSON}),\s*$")
_APPOSITION_AFTER = re.compile(r"^\s*(?:,|\)|\s-\s|\u2014|\u2013)")
# 'In Saraqib, 42 were ...', 'On Tuesday, 18 ...': a place or a day, not a person.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|at|on|from|near|to|of|across|around|outside|inside|since|by|for)\s+$",
    re.IGNORECASE,
)
_AGE_MAX = 110
# 'the boy, who was 9, ...': an age ('which was 12' may be a toll, so only 'who').
_WHO_WAS_BEFORE = re.compile(r"\bwho\s+(?:was|is)\s+(?:only\s+|just\s+|barely\s+)?$", re.I)
_AGE_AFTER = re.compile(r"^\s*(?:[,.;)]|$|\s+(?:when|at\s+the\s+time)\b)", re.I)
# 'a father of three', 'a mother of five': the size of someone's family.
_PARENT_OF = re.compile(
    r"\b(?:father|mother|parent|parents)\s+of\s+$", re.IGNORECASE
)


def description(before: str, after: str, value: int, digits: bool) -> str | None:
    """Return what a number describes, if it counts nothing that happened.

    Parameters
    ----------
    before, after : str
        The sentence before the number (its wording included) and after it.
    value : int
        The number's value.
    digits : bool
        Whether it is written in digits (an age in apposition always is).

    Returns
    -------
    str or None
        ``size of a thing`` (a capacity, a size, a rate), ``age`` (in apposition),
        ``count of times``, ``size of a family`` ('a father of three'; 'a woman and her
        two children' are counted), or ``None``.
    """
    if _TIMES_AFTER.match(after):
        return "count of times"
    if _CAPACITY_AFTER.match(after):
        return "size of a thing"
    if _RATE_BEFORE.search(before) and _RATE_AFTER.match(after):
        return "size of a thing"
    capacity = _CAPACITY_BEFORE.search(before)
    loose = capacity is not None and _LOOSE_BEFORE.search(capacity.group("kw"))
    if capacity and (not loose or _PARTS_OF_A_THING.match(after)):
        return "size of a thing"
    relative = capacity is not None and _RELATIVE_HAS.search(capacity.group("kw"))
    if relative and _ASIDE_NOUN.match(after) and not _RESIDENTS.match(after):
        return "size of a thing"  # 'The Civil Defence, which has 3,000 volunteers, said'

    if digits and value <= _AGE_MAX and _is_apposition(before, after):
        return "age"
    if _PARENT_OF.search(before):
        return "size of a family"
    return None


# 'Maarat al-Numan, 12, Saraqib, 7': places and their tolls, not people and their ages.
_PAIR_AFTER = re.compile(rf"^\s*,\s*(?:and\s+)?{_NAME},\s*\d")
_PAIR_BEFORE = re.compile(r"\d\s*,\s*(?:and\s+)?$")


def _is_apposition(before: str, after: str) -> bool:
    """Whether the number is a person's age: 'Abu Ahmad, 42, said', 'the boy, who was 9,'."""
    if _WHO_WAS_BEFORE.search(before) and _AGE_AFTER.match(after):
        return True
    if not _APPOSITION_AFTER.match(after):
        return False
    who = _APPOSITION_BEFORE.search(before)
    if who is None or _PAIR_AFTER.match(after) or _PAIR_BEFORE.search(before[: who.start("who")]):
        return False
    return not _PREPOSITION_BEFORE.search(before[: who.start("who")])
