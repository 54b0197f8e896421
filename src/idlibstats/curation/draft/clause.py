"""Stage 3 of the draft: read the clause, which word governs a number and what it counts.

The draft (:mod:`idlibstats.curation.draft`) finds the numbers of a sentence; this module says,
for each, which verb or noun decides its indicator and how sure that is. It works on a
*masked* sentence (:func:`idlibstats.curation.draft.phrases.mask`): every amount (a number
with its wording, or a vague amount such as 'dozens') is ``#`` followed by ``_`` up to the
same length, so that offsets stay those of the sentence and one pattern can step over
another number.

The readings, tried in this order (:func:`govern`):

``noun``
    a counted noun right after the number, when it is the head of its phrase: '3013
    airstrikes', 'four medical facilities', 'almost 100 dead', '18 villages', and a bare
    'four facilities' (not '860 hospital admissions');
``object``
    the object of an active verb: 'killed 10 and wounded 13', 'kill three', 'displaced
    millions', 'killed 12 civilians and 30 fighters';
``subject``
    the subject of a passive or intransitive verb, over a list of subjects and an aside:
    '13, including two children, were wounded', 'Two children and one woman were killed',
    'More than 3 million people live', 'forced thousands to flee', '120,000 Syrians escape',
    'Three more civilians succumbed to their wounds';
``before``
    a noun phrase that introduces the number: 'home to about three million', 'the number of
    dead was at least 50', 'the death toll rose to 30'.

A verb joined to another ('killed and wounded 40', '40 were killed or injured') is noted in
the reading's ``joined``: the number counts both.

Breakdowns ('including 67 children', '572 of these civilians were men, 213 were women',
'nearly all - 1,031 -') are found by :func:`breakdown` and take the indicator of the total
they break down.
A number with none of these readings falls back to the nearest keyword (the draft tool's
``guess``) and is marked for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from idlibstats.curation.draft.phrases import (
    AMOUNT,
    ASIDE,
    AUX,
    LIST,
    NP,
    OF_THEIR,
    PARTITIVE_RE,
    STOP,
    WORD,
    alternation,
    indicator_of,
)
from idlibstats.curation.draft.population import GROUP

__all__ = [
    "HEALTH_FACILITY_WORDS",
    "Reading",
    "breakdown",
    "counted_thing",
    "govern",
    "is_known_thing",
    "is_people",
    "part_verb",
    "predicate_group",
]

# Keywords -> indicator (before the health-facility split into attacked / destroyed).
_OBJECT_VERBS = (
    (
        r"kill|kills|killed|killing|execute|executes|executed|executing|"
        r"(?:claimed|took|taking|claiming)\s+the\s+lives\s+of",
        "killed",
    ),
    (r"wound|wounds|wounded|wounding|injure|injures|injured|injuring", "injured"),
    (r"displace|displaces|displaced|displacing|uproot|uproots|uprooted|uprooting", "displaced"),
    (r"hosts|hosted|hosting|houses|housed|housing", "population"),
)
_SUBJECT_VERBS = (
    (
        r"killed|died|die|dead|lost\s+their\s+lives|perished|executed|"
        r"succumbed(?:\s+to\s+(?:their|his|her|the)\s+(?:wounds|injuries))?|succumb(?:s|ing)?|"
        r"among\s+(?:those|the\s+people)\s+killed|among\s+the\s+(?:dead|victims|fatalities)",
        "killed",
    ),
    (
        r"injured|wounded|hurt|(?:suffered|sustained)\s+(?:injuries|wounds)|"
        r"among\s+(?:those|the\s+people)\s+(?:injured|wounded)|among\s+the\s+(?:injured|wounded)",
        "injured",
    ),
    (
        r"displaced|fled|flee|flees|fleeing|escaped|escape|escapes|escaping|moved|uprooted|"
        r"made\s+homeless|(?:forced\s+)?(?:from|out\s+of)\s+their\s+(?:homes|villages|towns)|"
        r"(?:left|leave|leaving)\s+(?:their|the)\s+(?:homes?|towns?|city|villages?|area|region|camps?)|"
        r"(?:left|leave|leaving)(?=\s+(?-i:[A-Z][a-z]))|"  # 'left Saraqib': a place's name
        r"crossed\s+(?:into|the\s+border)|(?:sought|took)\s+(?:refuge|shelter|safety)|"
        r"(?:arrived\s+(?:in|at)|reached)\s+(?:the\s+)?(?:camps?|border|shelters?)",
        "displaced",
    ),
    (r"live|lived|living|reside|resided|resides|residing", "population"),
)
#: Hospitals, clinics and medical or health facilities, structures, centres, points.
HEALTH_FACILITY_WORDS = (
    r"hospitals?|clinics?|(?:medical|health|health\s+care|healthcare)\s+"
    r"(?:facilities|facility|structures?|centres?|centers?|points?)"
)
_NOUNS = (
    (r"dead|deaths|fatalities|bodies", "killed"),
    (r"wounded|injured|injuries", "injured"),
    (r"(?:new\s+|individual\s+)?displacements", "displaced"),
    (r"air\s?strikes?|air\s+raids?|raids?", "airstrikes"),
    (HEALTH_FACILITY_WORDS, "health_facilities"),
    (r"villages?", "villages_lost_by_opposition"),
    (r"towns?", "towns_captured_by_opposition"),
)
_BEFORE = (
    (
        r"(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|victims|"
        r"people\s+killed))",
        "killed",
    ),
    (r"number\s+of\s+(?:the\s+)?(?:injured|wounded|injuries|people\s+injured)", "injured"),
    (r"number\s+of\s+(?:the\s+)?(?:displaced|people\s+displaced|IDPs)", "displaced"),
    (r"population", "population"),
    (r"among\s+(?:the\s+dead|the\s+victims|those\s+killed)", "killed"),
    (r"among\s+(?:the\s+(?:wounded|injured)|those\s+(?:wounded|injured))", "injured"),
)
_THING_RE = re.compile(rf"^{OF_THEIR}\s+((?:{WORD})(?:\s+{WORD}){{0,3}})")
# A plural noun after a keyword makes the keyword a modifier ('860 hospital admissions').
_NOT_HEAD = (
    rf"(?!\s+(?:workers?|staff|employees|beds|directors?|officials?|sources?|residents?|"
    rf"(?!(?:{STOP})\b)(?-i:[a-z]+[^s\W]s)\b))"
)

_NOUN_RE = re.compile(
    r"^(?:\s+(?:more|other|further|additional|new))?"
    rf"(?:\s+(?!(?:{STOP})\b)[A-Za-z][A-Za-z'\u2010-]*)?\s+(?P<kw>{alternation(_NOUNS)})\b"
    rf"{_NOT_HEAD}",
    re.IGNORECASE,
)
# 'facilities' alone, right after the number: which facilities, the context says.
_BARE_FACILITIES_RE = re.compile(rf"^\s+(?P<kw>facilities|facility)\b{_NOT_HEAD}", re.IGNORECASE)
_OBJECT_RE = re.compile(
    rf"\b(?P<kw>{alternation(_OBJECT_VERBS)})\s+"
    r"(?:(?:a\s+total\s+of|only|another|a\s+further|an\s+additional|her|his|their|its)\s+)?$",
    re.IGNORECASE,
)
# 'lost 45 men': a side's dead (not 'lost 18 villages', read by its noun first).
_LOST_RE = re.compile(r"\b(?P<kw>lost|los(?:e|es|ing))\s+$", re.IGNORECASE)
_LOST_MEN_RE = re.compile(
    r"^\s+(?:of\s+(?:its|their|his)\s+)?(?:men|fighters|soldiers|troops|members|personnel)\b",
    re.IGNORECASE,
)
_OBJECT_LIST_RE = re.compile(
    rf"\b(?P<kw>{alternation(_OBJECT_VERBS)})\s+(?:{AMOUNT}|an?\b){NP}"
    rf"(?:{LIST}(?:{AMOUNT}|an?\b){NP})*{LIST}(?:(?:her|his|their|its)\s+)?$",
    re.IGNORECASE,
)
# 'of the injured later succumbed': 'the injured' are people, not a verb.
_SUBJECT_RE = re.compile(
    rf"^{NP}(?:{LIST}{AMOUNT}{NP})*{ASIDE}{AUX}\s+(?<!\bthe )(?<!\btheir )"
    rf"(?P<kw>{alternation(_SUBJECT_VERBS)})\b",
    re.IGNORECASE,
)
_BEFORE_RE = re.compile(
    rf"\b(?P<kw>{alternation(_BEFORE)})\s+(?:[\w'\u2010-]+\s+){{0,9}}?"
    r"(?:was|is|(?:stood|stands|stand|is\s+now|was\s+now)\s+at|reached|rose\s+to|"
    r"(?:raised|increased|risen|climbed|jumped)\s+to|to|of|at|hit|were|are)\s+$"
    r"|\b(?P<home>home\s+to)\s+$",
    re.IGNORECASE,
)
# A bullet's label before its number: '- Killed since 29 April: 1,031 civilians'.
_LABELS = (
    (r"killed|dead|deaths|fatalities", "killed"),
    (r"injured|wounded|injuries", "injured"),
    (r"displaced|displacements|IDPs|newly\s+displaced", "displaced"),
    (r"air\s?strikes|air\s+raids", "airstrikes"),
    (HEALTH_FACILITY_WORDS, "health_facilities"),
    (r"population", "population"),
)
_LABEL_RE = re.compile(
    rf"^[\s\-\u2022*]*(?:[A-Z][\w ]{{0,20}}?\s)?(?P<kw>{alternation(_LABELS)})\b"
    r"[^:#;.]{0,40}:\s*$",
    re.IGNORECASE,
)
_HOME_TO_RE = re.compile(r"\b(?P<home>home\s+to)\s+$", re.IGNORECASE)
_JOINED_BEFORE_RE = re.compile(
    rf"\b(?P<kw>{alternation(_OBJECT_VERBS)})\s+(?:and|or|and/or)\s+$", re.IGNORECASE
)
_JOINED_AFTER_RE = re.compile(
    rf"^\s+(?:and|or|and/or)\s+(?P<kw>{alternation(_SUBJECT_VERBS)})\b", re.IGNORECASE
)
_OF_PAIRS = (
    (r"deaths?|killings?|killing|bodies|remains", "killed"),
    (r"displacement", "displaced"),
)
# 'Five of the dead': a share of the dead, when no verb of its own says more.
_OF_THE = (
    (r"dead|killed|victims|fatalities|deaths", "killed"),
    (r"wounded|injured|injuries", "injured"),
    (r"displaced", "displaced"),
)
_OF_THE_RE = re.compile(
    rf"^\s+of\s+(?:the|those|these)\s+(?:people\s+)?(?P<kw>{alternation(_OF_THE)})\b(?!\s+(?:by|in|during|when|at|on|from))",
    re.IGNORECASE,
)
_OF_RE = re.compile(rf"\b(?P<kw>{alternation(_OF_PAIRS)})\s+of\s+$", re.IGNORECASE)

# Breakdowns: the marker before the part ('including', 'of whom'), or after it ('of these').
_PART_BEFORE_RE = re.compile(
    rf"(?P<total>{AMOUNT})[^#;]*?(?P<marker>\b(?:including|included|includes|of\s+whom|among\s+them|"
    rf"among\s+whom|among\s+the\s+dead\s+were|among\s+the\s+victims\s+were))\s+"
    rf"(?:(?:{AMOUNT}|an?\b){NP}{LIST})*$",
    re.IGNORECASE,
)
_OF_THE_TOTAL_RE = re.compile(
    rf"\b[Oo]f\s+(?:the|these|those)\s+(?P<total>{AMOUNT})[^#;.]*(?:,|\s-)\s+$"
)
# 'Among the 21 dead were 10 men, 6 women and 5 children': the total before its parts.
_AMONG_THE_TOTAL_RE = re.compile(
    rf"\b[Aa]mong\s+(?:the|these|those)\s+(?P<total>{AMOUNT})[^#;.]*?\s+(?:were|was|are)\s+"
    rf"(?:(?:{AMOUNT}|an?\b){NP}{LIST})*$"
)
_PART_AFTER_RE = re.compile(
    r"^\s+of\s+(?:these|those|them|whom|the\s+dead|the\s+victims|the\s+total)\b", re.IGNORECASE
)
# 'nearly all - 1,031 - were...', 'most of them (80)': a share of the last total, in numbers.
_QUANTIFIER_BEFORE_RE = re.compile(
    r"\b(?:(?:nearly|almost|virtually|practically|about|roughly|more\s+than)\s+)?"
    r"(?:all|most|half|the\s+(?:[a-z]+\s+)?majority|the\s+bulk)"
    r"(?:\s+of\s+(?:them|these|those|the\s+[a-z]+))?"
    r"\s*(?:-|,|\()\s*$",
    re.IGNORECASE,
)
_QUANTIFIER_AFTER_RE = re.compile(r"^\s*(?:-|,|\))")
# What a part or a number may be said to be: any group the population stage knows, or
# 'members of armed factions'.
_PART_GROUP = (
    r"members\s+of\s+(?:[a-z-]+\s+){0,2}(?:factions|groups|forces|militias|famil(?:y|ies))|"
    rf"{GROUP}"
)
_SIDE = r"(?:(?:regime|government|pro-government|pro-regime|opposition|rebel|armed)\s+)?"
_PART_GROUPS = rf"{_SIDE}(?:{_PART_GROUP})(?:\s+and\s+{_SIDE}(?:{_PART_GROUP}))?"
_PREDICATE_RE = re.compile(
    r"^(?:\s+of\s+(?:these|those|them|whom|the\s+(?:dead|victims|wounded|injured))"
    rf"(?:\s+[a-z-]+)?)?(?:\s+-)?\s+(?:were|was|are)\s+"
    rf"(?P<group>{_PART_GROUPS})\b|^\s+of\s+(?:these|those|them|whom)\s+(?P<bare>{_PART_GROUPS})\b",
    re.IGNORECASE,
)
_PREDICATE_LIST_RE = re.compile(rf"{AMOUNT}[^#;.]*?{LIST}$")

# People and the counted nouns the tool knows; any other noun is an unknown thing.
_PEOPLE_WORDS = (
    r"people|persons|individuals|civilians?|children|child|kids|boys|girls|babies|"
    r"infants|women|woman|men|man|fighters?|combatants?|soldiers?|troops|rebels?|militants?|"
    r"opponents|members|forces|jihadists|residents|inhabitants|refugees|IDPs|villagers|locals|"
    r"servicemen|"
    r"victims|bodies|casualties|patients|families|households|rescuers?|volunteers?|medics?|"
    r"doctors?|nurses?|workers?|paramedics|personnel|staff|students|teachers|journalists|"
    r"pupils|sons|daughters|brothers|sisters|relatives|wives|husbands|mothers|fathers|elderly|"
    r"advisers|advisors|officers|police|experts|"
    r"insurgents|extremists|Helmets|others|dead|displaced|pro-(?:government|regime)|government|"
    r"Syrians|Turks|Russians|Iranians|Iraqis|Kurds|Lebanese|Palestinians|Afghans|Uighurs"
)
_KNOWN_WORDS = re.compile(
    rf"\b(?:{_PEOPLE_WORDS}|"
    r"deaths|fatalities|injuries|displacements|air\s?strikes?|air\s+raids?|raids?|strikes|"
    r"sorties|"
    r"villages?|towns?|hospitals?|clinics?)\b|"
    rf"(?:{HEALTH_FACILITY_WORDS})\b",
    re.IGNORECASE,
)
_PEOPLE_RE = re.compile(rf"(?:{_PEOPLE_WORDS})", re.IGNORECASE)


_HEALTH_RE = re.compile(rf"\b(?:{HEALTH_FACILITY_WORDS})\b", re.IGNORECASE)
_BARE_FACILITIES = {"facilities", "facility"}
_PLURAL_RE = re.compile(r"[a-z]+[^s]s", re.IGNORECASE)
_PLACE_RE = re.compile(r"villages?|towns?", re.IGNORECASE)
_CONTROL_RE = re.compile(
    r"\b(?:captur\w*|seiz\w*|took|taken|tak(?:e|es|ing)|retook|retaken|retak\w*|recaptur\w*|"
    r"clear(?:s|ed|ing)?|"
    r"lost|los(?:e|es|ing)|"
    r"fell|fallen|regain\w*|control\w*|overr[au]n|advanc\w*|liberat\w*|storm\w*|"
    r"gained|expelled|withdr[ea]w\w*)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """Which word decided a number's indicator.

    Attributes
    ----------
    indicator : str
        The indicator (``health_facilities`` before the attacked / destroyed split).
    start, end : int
        The deciding word's span in the sentence.
    how : str
        ``noun``, ``object``, ``subject`` or ``before`` (see the module's docstring).
    joined : str or None
        The verbs as written when one of another indicator is joined to the deciding one
        ('killed and wounded'): the number counts both.
    """

    indicator: str
    start: int
    end: int
    how: str
    joined: str | None = None




def counted_thing(masked: str, end: int) -> tuple[str, int, int]:
    """Return the words right after the amount ending at ``end``, and their span.

    ``('', end, end)`` when a verb, a preposition or punctuation follows at once.
    """
    match = _THING_RE.match(masked[end:])
    if match is None:
        return "", end, end
    return match.group(1), end + match.start(1), end + match.end(1)


def is_known_thing(phrase: str, sentence: str = "") -> bool:
    """Whether a counted noun phrase names people or a thing the indicators count.

    The head noun decides ('rebel group' is a group, 'fighters loyal' are fighters,
    'hospital admissions' are admissions); villages and towns count only in a sentence that
    says they were taken or lost. A bare 'facilities' is known: the verb and the context
    say which.
    """
    if not phrase or phrase.lower() in _BARE_FACILITIES:
        return True
    health = list(_HEALTH_RE.finditer(phrase))
    if health:
        return not any(_PLURAL_RE.fullmatch(word) for word in phrase[health[-1].end() :].split())
    words = phrase.split()
    known = [i for i, word in enumerate(words) if _KNOWN_WORDS.fullmatch(word)]
    if not known:
        return False
    # The last known word is the head unless a plural noun follows it ('rebel positions').
    if any(_PLURAL_RE.fullmatch(word) for word in words[known[-1] + 1 :]):
        return False
    head = words[known[-1]]
    if _PLACE_RE.fullmatch(head):
        return _CONTROL_RE.search(sentence) is not None
    return True


def is_people(phrase: str) -> bool:
    """Whether the head of a known counted phrase is a word for people ('120,000 Syrians')."""
    words = [w for w in phrase.split() if _KNOWN_WORDS.fullmatch(w)]
    return bool(words) and _PEOPLE_RE.fullmatch(words[-1]) is not None


def govern(masked: str, start: int, end: int) -> Reading | None:
    """Return the word that governs the amount at ``masked[start:end]``, or ``None``.

    Parameters
    ----------
    masked : str
        The sentence with every amount masked
        (:func:`idlibstats.curation.draft.phrases.mask`).
    start, end : int
        The amount's span (its wording included).

    Returns
    -------
    Reading or None
        The indicator, the deciding word's span and the kind of reading.
    """
    before, after = masked[:start], masked[end:]
    match = _NOUN_RE.match(after)
    if match:
        return _reading(match, _NOUNS, end, "noun")
    match = _BARE_FACILITIES_RE.match(after)
    if match:
        return Reading("facilities", end + match.start("kw"), end + match.end("kw"), "noun")
    match = _HOME_TO_RE.search(before)
    if match:  # 'home to about 3 million people, many of them displaced'
        return Reading("population", match.start("home"), match.end("home"), "before")
    match = _OBJECT_RE.search(before)
    if match:
        return _joined(masked, _reading(match, _OBJECT_VERBS, 0, "object"))
    match = None if PARTITIVE_RE.search(before) else _SUBJECT_RE.match(after)
    if match:  # (not the 7 of '3 of the 7 people ... died': the verb is the 3's)
        return _joined(masked, _reading(match, _SUBJECT_VERBS, end, "subject"))
    match = _OBJECT_LIST_RE.search(before)
    if match:
        return _joined(masked, _reading(match, _OBJECT_VERBS, 0, "object"))
    match = _LOST_RE.search(before)
    if match and _LOST_MEN_RE.match(after):  # 'the army lost at least 45 men'
        return Reading("killed", match.start("kw"), match.end("kw"), "object")
    match = _OF_THE_RE.match(after)
    if match:  # 'Five of the dead were children', 'accounted for 110 of the dead'
        return _reading(match, _OF_THE, end, "noun")
    match = _OF_RE.search(before)
    if match:
        return _reading(match, _OF_PAIRS, 0, "before")
    match = _LABEL_RE.search(before)
    if match:  # '- Displaced: 400,000 people', 'Health facilities attacked: 24'
        return _reading(match, _LABELS, 0, "before")
    match = _BEFORE_RE.search(before)
    if match:
        if match.group("home"):
            return Reading("population", match.start("home"), match.end("home"), "before")
        return _reading(match, _BEFORE, 0, "before")
    return None


def _reading(
    match: re.Match[str], pairs: tuple[tuple[str, str], ...], offset: int, how: str
) -> Reading:
    return Reading(
        indicator_of(match, pairs), offset + match.start("kw"), offset + match.end("kw"), how
    )


def _joined(masked: str, reading: Reading) -> Reading:
    """Note a verb of another indicator joined to the reading's ('killed and wounded 40')."""
    if reading.how == "object":
        match = _JOINED_BEFORE_RE.search(masked[: reading.start])
        pairs = _OBJECT_VERBS
    else:
        match = _JOINED_AFTER_RE.match(masked[reading.end :])
        pairs = _SUBJECT_VERBS
    if match is None or indicator_of(match, pairs) == reading.indicator:
        return reading
    if reading.how == "object":
        lo, hi = match.start("kw"), reading.end
    else:
        lo, hi = reading.start, reading.end + match.end("kw")
    return Reading(reading.indicator, lo, hi, reading.how, masked[lo:hi])


def breakdown(masked: str, start: int, end: int) -> tuple[str, int | None] | None:
    """Whether the amount at ``masked[start:end]`` is a part of a total, and of which.

    Returns
    -------
    tuple or None
        ``('including', total_start)`` when a marker before it points back to a total in
        the sentence ('277 civilians, including 72 children and 32 women'); ``('of these',
        None)`` when the total is named after it ('572 of these civilians') and so lies in an
        earlier sentence; ``('share', None)`` for a number set off after 'nearly all',
        'most of them' ('nearly all - 1,031 - were...'), a share of the last total;
        ``('list', None)`` for a number that continues a list of parts ('..., 213 were
        women'); ``None`` otherwise.
    """
    before, after = masked[:start], masked[end:]
    match = _PART_BEFORE_RE.search(before)
    if match:
        listed = before[match.end("marker") :].strip() != ""
        if listed and _SUBJECT_RE.match(after):  # '..., including 67 children and 785 were injured'
            return None
        return "including", match.start("total")
    match = _OF_THE_TOTAL_RE.search(before) or _AMONG_THE_TOTAL_RE.search(before)
    if match:  # 'Of the 87 people killed, 25 were children', 'Among the 21 dead were 10 men'
        return "including", match.start("total")
    if _PART_AFTER_RE.match(after):
        return "of these", None
    if _QUANTIFIER_BEFORE_RE.search(before) and _QUANTIFIER_AFTER_RE.match(after):
        return "share", None
    if _PREDICATE_RE.match(after) and _PREDICATE_LIST_RE.search(before):
        return "list", None
    return None


# 'three of whom later died', 'Of the 40 injured, 6 died': a part's own verb.
_PART_VERB_RE = re.compile(
    rf"^(?:\s+of\s+(?:whom|them|these|those))?{AUX}\s+(?P<kw>{alternation(_SUBJECT_VERBS)})\b",
    re.IGNORECASE,
)


def part_verb(masked: str, end: int) -> Reading | None:
    """Return the verb a part of a total has of its own ('three of whom later died'), if any."""
    match = _PART_VERB_RE.match(masked[end:])
    return None if match is None else _reading(match, _SUBJECT_VERBS, end, "subject")


_SUBJECT_GROUP_RE = re.compile(
    rf"\b(?P<group>{_PART_GROUP})\s+(?:made\s+up|make\s+up|accounted\s+for|account\s+for)\s+$",
    re.IGNORECASE,
)


def predicate_group(masked: str, end: int, start: int | None = None) -> tuple[str, int, int] | None:
    """Return the group a part is said to be ('213 were women'): (word, start, end)."""
    match = _PREDICATE_RE.match(masked[end:])
    if match is None and start is not None:  # 'Women made up 190 of the dead'
        before = _SUBJECT_GROUP_RE.search(masked[:start])
        if before:
            return before.group("group"), before.start("group"), before.end("group")
    if match is None:
        return None
    name = "group" if match.group("group") else "bare"
    return match.group(name), end + match.start(name), end + match.end(name)
