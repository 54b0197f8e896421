"""Stage 4 of the draft: who a number counts, from the words after it.

'12 civilians' -> ``civilians``; 'Four other people - all women and children' ->
``women_and_children``; 'almost 100 on both sides' -> ``fighters``. Group words map to a
population code here; whether the code exists is the schema's to say
(:class:`idlibstats.curation.draft.vocabulary.Vocabulary`): kin ('her two sons') map to
``families``, which has no code today and is flagged, and works as soon as the
``population`` enum has it (as ``men`` did). A group counted as
another ('rescuers' as civilians, 'Turkish soldiers' as fighters) says so in a review
reason; so does a number with no group of its own after a group the sentence names ('Civil
Defence volunteers carry a man from the rubble, where four were wounded').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from idlibstats.curation.draft.model import Span
from idlibstats.curation.draft.phrases import AMOUNT
from idlibstats.curation.draft.sides import GOVERNMENT_NAMES, OPPOSITION_NAMES

__all__ = [
    "GROUP",
    "Group",
    "apposition_later",
    "combine_groups",
    "group_after",
    "group_among",
    "group_before",
    "group_near",
    "named_groups",
    "shared_group",
    "side_before",
]

_RESCUE_SERVICE = r"(?:Syrian\s+)?(?:Civil\s+Defen[cs]e|White\s+Helmets)"
# Foreign nationals: counted as all, flagged (who are they?).
_NATIONALITIES = (
    r"Turks|Russians|Iranians|Iraqis|Kurds|Lebanese|Palestinians|Afghans|Americans|Saudis|"
    r"Jordanians|Egyptians|Tunisians|Libyans|Chechens|Uighurs|Uzbeks|Pakistanis|Europeans|"
    r"Israelis|Chinese"
)
# The people of a place by its name ('Idlibis', 'Aleppans', 'Hamawis'): residents, all.
_DEMONYM = r"(?-i:(?!(?:" + _NATIONALITIES + r")\b)[A-Z][a-z]+(?:is|ans|ites))"
_GROUP = (
    r"(?:fighters\s+(?:loyal|allied)\s+to\s+(?:the\s+)?(?:government|regime)|"
    r"(?:pro-(?:government|regime|Assad|Damascus)|loyalist)\s+(?:fighters|forces|militias?|"
    r"militiamen|gunmen|"
    r"paramilitaries)|"
    rf"(?:members\s+of\s+)?(?:the\s+)?(?:{OPPOSITION_NAMES}|{GOVERNMENT_NAMES})|"
    r"(?:government|regime|army)\s+(?:forces|troops)|"
    r"opposition\s+fighters|rebel\s+fighters|people|persons|individuals|civilians?|children|child|"
    r"kids|boys|girls|babies|infants|toddlers|minors|residents|inhabitants|refugees|IDPs|"
    r"villagers|locals|"
    r"victims|casualties|bodies|"
    r"women|woman|men|fighters?|combatants?|soldiers?|servicemen|troops|rebels?|opponents|"
    r"militants?|"
    r"rescuers?|(?:health|medical|aid|humanitarian|rescue|health\s+care|healthcare)\s+"
    r"(?:workers?|staff|personnel)|staff\s+members|medics?|doctors?|nurses?|"
    rf"(?:members\s+of\s+(?:the\s+)?)?{_RESCUE_SERVICE}(?:\s+(?:members|volunteers|workers|"
    r"rescuers|teams?|personnel))?|"
    r"members\s+of\s+(?:[a-z]+\s+){1,2}famil(?:y|ies)|family\s+members|"
    r"members\s+of\s+(?:the\s+|an?\s+)?(?:rescue|medical|ambulance|first-aid)\s+teams?|"
    r"paramedics?|volunteers?|first\s+responders|families|households|jihadists?|insurgents?|"
    r"extremists|sons|daughters|brothers|sisters|relatives|wives|husbands|mothers|fathers|"
    r"elderly|patients|students|pupils|teachers|journalists|others|factions|forces|"
    r"military\s+(?:police\s+)?(?:advisers|advisors|officers|experts|personnel|police)|"
    rf"Syrians|{_NATIONALITIES}|{_DEMONYM})"
)
#: Any group the vocabulary knows, as a regular expression ('civilians', 'health workers').
GROUP = _GROUP
_COUNTED_PEOPLE = r"(?:deaths|dead|injuries|injured|wounded|casualties|fatalities)"
_SHARED_RE = re.compile(
    rf"^\s+{_COUNTED_PEOPLE}\s+(?:and|or)\s+{AMOUNT}(?=\s+{_COUNTED_PEOPLE}\s+(?:among|of)\b)",
    re.IGNORECASE,
)
_CLAIMANT_VERB = r"said|says|say|told|tells|reported|reports|added|stated"
_GROUP_LIST = rf"{_GROUP}(?:\s*(?:,\s*and|,|and)\s+{_GROUP}(?!\s+(?:{_CLAIMANT_VERB})\b))*"
# 'of the', 'of its', 'members at least of the', 'injuries of' before the group words; a name or one
# lower-case word before them ('Turkish soldiers', 'regime soldiers', 'displaced people').
_LEAD = (
    r"(?:(?:of|their|its|his|her|our|the|other|more|members(?:\s+at\s+least)?\s+of|"
    r"of\s+them\s+(?:from|with|belonging\s+to)|"
    r"(?:deaths|injuries|casualties|fatalities)\s+(?:of|among))\s+)*"
)
_MODIFIER = rf"(?-i:(?:[a-z]+ly\s+)?[a-z][a-z-]*\s+)(?=(?:{_GROUP_LIST})\b)"
_GROUPS_RE = re.compile(
    rf"^\s+{_LEAD}(?P<names>(?-i:[A-Z][A-Za-z-]*\s+){{0,2}}|{_MODIFIER})"
    rf"(?P<groups>{_GROUP_LIST})\b",
    re.IGNORECASE,
)
# 'members of Hayat Tahrir al-Sham': a group the vocabulary has no word for.
_MEMBERS_OF_NAME_RE = re.compile(
    r"^\s+members\s+(?:at\s+least\s+)?of\s+(?:the\s+)?(?P<name>(?-i:[A-Z][\w'-]*)"
    r"(?:\s+(?:(?-i:[A-Z][\w'-]*)|al-[\w'-]+))*)"
)
_NAMED_RE = re.compile(
    rf"(?P<names>(?-i:[A-Z][A-Za-z-]*\s+){{0,2}})\b(?P<groups>{_GROUP_LIST})\b", re.IGNORECASE
)
_CLAUSE_START_RE = re.compile(r"(?:^|[;:]\s*)(?:(?:the|a|an|some|local)\s+)?$", re.IGNORECASE)
# 'of their soldiers': the soldiers of whoever 'their' is, which the words do not say here.
_POSSESSIVE_RE = re.compile(r"\b(?:their|its|his|her|our)\s+$", re.IGNORECASE)
_ARMY_RE = re.compile(r"soldiers?|troops|forces", re.IGNORECASE)
_CLAIMANT_RE = re.compile(
    r"^(?:\s*,[^,;]*,)?\s+(?:also\s+)?(?:said|says|say|told|tells|reported|reports|counted|"
    r"recorded|records|documented|estimated|estimates|confirmed|announced|stated|added|"
    r"warned|noted|put|puts|gave|gives|has\s+said|have\s+said)\b",
    re.IGNORECASE,
)
# '9 people, all of them civilians', 'Four other people - all women and children -': who
# they all are; '14 people, most of them women': most of them (counted as all, flagged: 'half
# of them', 'many of them' leave no doubt that all is right).
_APPOSITIVE_RE = re.compile(
    r"^\s*[-,(]\s*(?:(?P<all>all|every\s+one|each)|(?P<some>most|mostly|mainly|largely|"
    r"(?:nearly|almost)\s+all|the\s+(?:vast\s+)?(?:majority|bulk)|predominantly|"
    r"including|among\s+them))"
    rf"(?:\s+of\s+(?:them|whom))?(?:\s+(?:were|are))?\s+(?P<groups>{_GROUP_LIST})\b",
    re.IGNORECASE,
)
# The same later in the clause ('Nine were killed, all of them civilians'), or in the next
# one ('Nine were killed; all were civilians').
_APPOSITION_LATER_RE = re.compile(
    _APPOSITIVE_RE.pattern.removeprefix("^")
    + r"|;\s*(?:they|all\s+of\s+them|all)\s+(?:were|are)\s+(?:all\s+)?"
    rf"(?P<groups2>{_GROUP_LIST})\b",
    re.IGNORECASE,
)
_AMONG_RE = re.compile(rf"\b(?:among|of)\s+(?:the\s+)?({_GROUP})\b", re.IGNORECASE)
# Names before a group that leave its side as the words say ('Syrian soldiers').
_OWN_SIDE_NAMES = {"Syrian", "Syria's", "Government", "Regime", "Rebel", "Opposition"}
# A word before 'fighters' that hints at a side ('foreign', 'tribal', 'Iranian-backed').
_SIDE_MODIFIER_RE = re.compile(
    r"(?!(?:armed|more|other|killed|dead|wounded|injured)\b)[a-z][a-z-]*"
)
_BOTH_SIDES_RE = re.compile(
    r"^(?:\s+(?:dead|killed|people))?\s+on\s+(?:both|all|either)\s+sides?\b", re.IGNORECASE
)
# Group words -> population code (the schema decides whether the code exists).
_GROUP_POPULATION = (
    (
        rf"pro-(?:government|regime|Assad|Damascus)|loyalist|government|regime|army|soldiers?|"
        rf"servicemen|troops|"
        rf"{GOVERNMENT_NAMES}",
        "pro_government_fighters",
    ),
    (
        r"opposition|rebels?|opponents|militants?|jihadists?|insurgents?|extremists|factions|"
        rf"{OPPOSITION_NAMES}",
        "opposition_fighters",
    ),
    (r"fighters?|combatants?", "fighters"),
    (r"forces|military", "forces"),
    (r"civilians?", "civilians"),
    (r"children|child|kids|boys|girls|babies|infants|toddlers|minors", "children"),
    (r"women|woman", "women"),
    (
        r"rescuers?|workers?|staff|personnel|medics?|doctors?|nurses?|paramedics?|volunteers?|teams?|"
        rf"responders|{_RESCUE_SERVICE}",
        "rescuers",
    ),
    (
        r"famil(?:y|ies)|households|sons|daughters|brothers|sisters|relatives|wives|husbands|"
        r"mothers|fathers|elderly|patients|students|pupils|teachers|journalists",
        "families",
    ),
    (r"men", "men"),
    (r"Syrians|people|persons|individuals|others|residents|inhabitants|refugees|IDPs|victims|"
     r"villagers|locals|"
     r"casualties|bodies", "all"),
    (_NATIONALITIES, "nationality"),
    (_DEMONYM, "all"),
)


@dataclass
class Group:
    """Who a number counts, as the words say.

    Attributes
    ----------
    population : str or None
        The population code the words map to (the schema may not have it).
    words : str
        The group words ('civilians', 'women and children'); empty when none.
    spans : list of Span
        Where the words are.
    reasons : list of str
        Review reasons (rescuers taken as civilians, a side unclear, no code).
    rule : str
        The rule that read them (:mod:`.rules`): ``words after`` the number, or an
        ``apposition`` ('9 people, all of them civilians'), or ``apposition, not all``
        ('14 people, most of them women': counted as all, flagged).
    """

    population: str | None = None
    words: str = ""
    spans: list[Span] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    rule: str = "words after"


def group_after(sentence: str, end: int) -> Group:
    """Return who is counted, from the words right after the amount ending at ``end``."""
    after = sentence[end:]
    both_sides = _BOTH_SIDES_RE.match(after)
    if both_sides:
        words = after[: both_sides.end()].strip()
        return Group("fighters", words, [Span(end, end + both_sides.end())])
    match = _GROUPS_RE.match(after)
    if match is None:
        members = _MEMBERS_OF_NAME_RE.match(after)
        if members is None:
            return Group()
        words = after[: members.end()].strip()
        return Group(None, words, [Span(end, end + members.end())], [f"unknown group: '{words}'"])
    stop = end + match.end()
    words = match.group("groups")
    rule, apposition = "words after", ""
    if re.fullmatch(r"people|persons|individuals", words, re.IGNORECASE):
        appositive = _APPOSITIVE_RE.match(sentence[stop:])
        if appositive and appositive.group("all"):
            rule, words = "apposition", appositive.group("groups")
            stop += appositive.end()
        elif appositive and not appositive.group("some").lower().startswith(("including", "among")):
            rule, apposition = "apposition, not all", appositive.group(0).strip(" ,-(")
    population, reasons = combine_groups(words)
    if apposition:
        reasons.append(f"apposition: '{apposition}'")
    named = match.group("names").strip()
    if population == "fighters" and re.fullmatch(GOVERNMENT_NAMES, named):  # 'Hezbollah fighters'
        population, names = "pro_government_fighters", set()
    elif population == "fighters" and re.fullmatch(OPPOSITION_NAMES, named):
        population, names = "opposition_fighters", set()
    else:
        names = {n for n in named.split() if n[0].isupper()} - _OWN_SIDE_NAMES
    theirs = _POSSESSIVE_RE.search(after[: match.start("groups")]) and _ARMY_RE.fullmatch(words)
    said = after[: match.end("groups")].strip()
    if (names or theirs) and population in {"pro_government_fighters", "opposition_fighters"}:
        population = "fighters"  # 'Turkish soldiers', '4 of their soldiers': whose side?
        reasons.append(f"population side unclear: '{said}'")
    elif population == "fighters" and (names or _SIDE_MODIFIER_RE.fullmatch(named)) and not any(
        r.startswith("population side") for r in reasons
    ):  # 'foreign fighters', 'Uighur fighters': a side the words hint at, not name
        reasons.append(f"population side unclear: '{said}'")
    return Group(population, words, [Span(end + match.start("groups"), stop)], reasons, rule)


def apposition_later(masked: str, end: int) -> Group | None:
    """Return the group an apposition later in the clause gives a number with none of its own.

    'The strike killed 9, all of them civilians', 'Nine were killed - all civilians':
    civilians (rule ``apposition``). 'Nine were killed, most of them civilians': counted as
    all, flagged (``apposition, not all``). 'Nine were killed; all were civilians' too.
    """
    stop = re.search(r"#", masked[end:])
    hi = end + stop.start() if stop else len(masked)
    match = _APPOSITION_LATER_RE.search(masked, end, hi)
    if match is None:
        return None
    span = [Span(match.start(), match.end())]
    if match.group("groups2"):
        population, reasons = combine_groups(match.group("groups2"))
        return Group(population, match.group("groups2"), span, reasons, "apposition")
    if match.group("all"):
        population, reasons = combine_groups(match.group("groups"))
        return Group(population, match.group("groups"), span, reasons, "apposition")
    if match.group("some").lower().startswith(("including", "among")):
        return None  # a part: '..., including 4 children'
    said = match.group(0).strip(" ,-(")
    return Group("all", "", span, [f"apposition: '{said}'"], "apposition, not all")


# Where the words near a number stop: punctuation, another amount, a new clause.
_NEAR_STOP_RE = re.compile(r"[,;:.#()]|\s-\s|\b(?:while|but|whereas|after|said|says)\b")
_ACCORDING_RE = re.compile(r"\b(?:according\s+to|by|from)\s+(?:the\s+)?$", re.IGNORECASE)


def group_near(masked: str, end: int, attached: list[Span]) -> str | None:
    """Return a group the words right after a number name that no number counts, if any.

    '9 died when a shell hit a bus carrying students', 'killed 12 in a camp for displaced
    families': were the nine students? Not a doubt: a group counted as all ('people'), the
    source ('according to rescuers', 'rebels said') or the agent ('by regime forces'). The
    words stop at punctuation, another number or a new clause; groups before the number are
    :func:`named_groups`' to find.
    """
    stop = _NEAR_STOP_RE.search(masked, end)
    hi = stop.start() if stop else len(masked)
    for match in _NAMED_RE.finditer(masked, end, hi):
        if any(s.start < match.end() and match.start() < s.end for s in attached):
            continue
        if _ACCORDING_RE.search(masked[: match.start()]) or masked[match.end() :][:1] == "-":
            continue  # 'according to rescuers', 'by regime forces', 'the rebel-held area'
        if _CLAIMANT_RE.match(masked[match.end() :]):
            continue  # 'rebels said ...'
        if combine_groups(match.group("groups"))[0] != "all":
            return match.group(0).strip()
    return None


def shared_group(masked: str, end: int) -> Group | None:
    """Return the group a list shares ('44 deaths and 63 injuries among aid workers'), if any.

    The group named after the second noun is read for the first number too, flagged
    (``coordination``): the words may name it for the second alone.
    """
    match = _SHARED_RE.match(masked[end:])
    if match is None:
        return None
    group = group_after(masked, end + match.end())
    if group.population is None:
        return None
    reason = f"coordination: '{group.words}' read for both"
    return Group(group.population, group.words, [], [*group.reasons, reason], "shared group")


def group_among(sentence: str, start: int, end: int) -> str | None:
    """Return the group a phrase between ``start`` and ``end`` names ('the toll among children')."""
    between = _AMONG_RE.search(sentence, start, end)
    return combine_groups(between.group(1))[0] if between else None


def named_groups(sentence: str, end: int, attached: list[Span]) -> list[str]:
    """Return the groups a clause before ``end`` starts with, that no number counts.

    'Civil Defence volunteers carry a man from the rubble, where four were wounded': were
    the four the volunteers? A number with no group of its own after such a group is
    flagged. Only a group that starts a clause (the subject) counts, and not 'people'.
    """
    found = []
    for match in _NAMED_RE.finditer(sentence, 0, end):
        if any(s.start < match.end() and match.start() < s.end for s in attached):
            continue
        if not _CLAUSE_START_RE.search(sentence[: match.start()]):
            continue
        if _CLAIMANT_RE.match(sentence[match.end() :]):
            continue  # 'The Civil Defence said ...': who counts, not who is counted
        population, _ = combine_groups(match.group("groups"))
        if population != "all":
            found.append(match.group(0).strip())
    return found


def group_before(sentence: str, end: int) -> str | None:
    """Return the last group of one population, not all, the sentence names before ``end``.

    'Four civilians were killed on Tuesday, bringing to 544 the toll': is the 544 a toll
    of civilians? 'Turkish soldier killed, 5 wounded': five soldiers? Whoever the sentence
    counted before, a number with no group of its own may count them too. A claimant ('the
    Civil Defence said') is who counts, not who is counted; one person ('a pregnant woman')
    is no group, and a total they are among ('3 children among 9 dead') is everyone.
    """
    if _AMONG_BEFORE_RE.search(sentence[:end]):
        return None  # '3 children among 9 dead': the children are some of the nine
    found = None
    for match in _NAMED_RE.finditer(sentence, 0, end):
        if _CLAIMANT_RE.match(sentence[match.end() :]):
            continue
        last = match.group("groups").split()[-1].lower()
        if not (last.endswith("s") or last in _PLURALS):
            continue  # 'a pregnant woman', 'A rescuer': one person, not a group to count
        if combine_groups(match.group("groups"))[0] not in {None, "all"}:
            found = match.group(0).strip()
    return found


_AMONG_BEFORE_RE = re.compile(r"\bamong\s+$", re.IGNORECASE)
_PLURALS = {"children", "men", "women", "staff", "personnel", "police", "elderly"}


def side_before(sentence: str, start: int) -> str | None:
    """Return the side a clause before ``start`` names as its subject, if the words say one.

    'Syrian troops and allied militiamen lost at least 45 men': the men were
    ``pro_government_fighters``. The last group named before ``start`` in the clause
    decides; a name that hints at another side ('Turkish troops') or a group of no side gives
    None.
    """
    clause = max(sentence.rfind(mark, 0, start) for mark in ";:.")
    found = None
    for match in _NAMED_RE.finditer(sentence, clause + 1, start):
        found = match
    if found is None or re.search(rf"\b(?:{_CLAIMANT_VERB}|that)\b", sentence[found.end() : start]):
        return None  # 'Rebels said the army lost 45 men': the rebels are who said it
    names = {n for n in found.group("names").split() if n[0].isupper()} - _OWN_SIDE_NAMES
    population, _ = combine_groups(found.group("groups"))
    sides = {"pro_government_fighters", "opposition_fighters"}
    return population if population in sides and not names else None


def combine_groups(words: str) -> tuple[str | None, list[str]]:
    """Return the population code of a list of groups ('women, children and men': all).

    Rescuers, health workers and volunteers are civilians (flagged); kin, patients, pupils
    are ``families`` and 'men' is ``men`` (codes the schema may not have); a nationality is
    ``all`` (flagged), except 'Syrians'.
    """
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
    if groups == {"nationality"}:
        return "all", [f"population from a nationality: '{words}'"]
    if groups == {"forces"}:  # 'forces' of no side the words name
        return "fighters", [f"population side unclear: '{words}'"]
    if len(groups) == 1 and found[0] in {"men", "families"}:
        return found[0], []
    groups = {
        "civilians" if g == "rescuers" else "all" if g in {"men", "nationality"} else
        "fighters" if g == "forces" else g
        for g in groups
    }
    if groups == {"women", "children"}:
        return "women_and_children", []
    if len(groups) == 1 and None not in groups:
        return next(iter(groups)), []
    if "families" in groups:
        return "families", []
    return "all", []
