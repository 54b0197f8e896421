"""Stage 4 of the draft: who a number counts, from the words after it.

'12 civilians' -> ``civilians``; 'Four other people - all women and children' ->
``women_and_children``; 'almost 100 on both sides' -> ``fighters``. Group words map to a
population code here; whether the code exists is the schema's to say
(:class:`idlibstats.curation.draft.vocabulary.Vocabulary`): 'men' has no code today and
is flagged, and works as soon as the ``population`` enum has ``men``. A group counted as
another ('rescuers' as civilians, 'Turkish soldiers' as fighters) says so in a review
reason; so does a number with no group of its own after a group the sentence names ('Civil
Defence volunteers carry a man from the rubble, where four were wounded').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from idlibstats.curation.draft.model import Span
from idlibstats.curation.draft.sides import GOVERNMENT_NAMES, OPPOSITION_NAMES

__all__ = ["Group", "combine_groups", "group_after", "group_among", "named_groups"]

_RESCUE_SERVICE = r"(?:Syrian\s+)?(?:Civil\s+Defen[cs]e|White\s+Helmets)"
_GROUP = (
    r"(?:fighters\s+(?:loyal|allied)\s+to\s+(?:the\s+)?(?:government|regime)|"
    r"(?:pro-(?:government|regime)|loyalist)\s+(?:fighters|forces|militias?|militiamen|gunmen|"
    r"paramilitaries)|"
    rf"(?:members\s+of\s+)?(?:the\s+)?(?:{OPPOSITION_NAMES}|{GOVERNMENT_NAMES})|"
    r"(?:government|regime|army)\s+(?:forces|troops)|"
    r"opposition\s+fighters|rebel\s+fighters|people|persons|individuals|civilians?|children|child|"
    r"kids|boys|girls|babies|infants|toddlers|minors|residents|inhabitants|refugees|IDPs|"
    r"victims|casualties|bodies|"
    r"women|woman|men|fighters?|combatants?|soldiers?|troops|rebels?|opponents|militants?|"
    r"rescuers?|(?:health|medical|aid|humanitarian|rescue|health\s+care|healthcare)\s+"
    r"(?:workers?|staff|personnel)|medics?|doctors?|nurses?|"
    rf"(?:members\s+of\s+(?:the\s+)?)?{_RESCUE_SERVICE}(?:\s+(?:members|volunteers|workers|"
    r"rescuers|teams?|personnel))?|"
    r"members\s+of\s+(?:[a-z]+\s+){1,2}famil(?:y|ies)|family\s+members|"
    r"members\s+of\s+(?:the\s+)?(?:rescue|medical|ambulance|first-aid)\s+teams?|"
    r"paramedics?|volunteers?|first\s+responders|families|households|jihadists?|insurgents?|"
    r"extremists|sons|daughters|brothers|sisters|relatives|wives|husbands|mothers|fathers|"
    r"elderly|patients|students|pupils|teachers|journalists|others|factions|forces|"
    r"Syrians|Turks|Russians|Iranians|Iraqis|Kurds|Lebanese|Palestinians|Afghans)"
)
_GROUP_LIST = rf"{_GROUP}(?:\s*(?:,\s*and|,|and)\s+{_GROUP})*"
# 'of the', 'of its', 'members at least of the', 'injuries of' before the group words; a name or one
# lower-case word before them ('Turkish soldiers', 'regime soldiers', 'displaced people').
_LEAD = (
    r"(?:(?:of|their|its|his|her|our|the|other|more|members(?:\s+at\s+least)?\s+of|"
    r"of\s+them\s+(?:from|with|belonging\s+to)|"
    r"(?:deaths|injuries|casualties|fatalities)\s+(?:of|among))\s+)*"
)
_MODIFIER = rf"(?-i:[a-z][a-z-]*\s+)(?=(?:{_GROUP_LIST})\b)"
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
_APPOSITIVE_RE = re.compile(rf"^\s*[-,]\s*all\s+({_GROUP_LIST})\b", re.IGNORECASE)
_AMONG_RE = re.compile(rf"\b(?:among|of)\s+(?:the\s+)?({_GROUP})\b", re.IGNORECASE)
# Names before a group that leave its side as the words say ('Syrian soldiers').
_OWN_SIDE_NAMES = {"Syrian", "Syria's", "Government", "Regime", "Rebel", "Opposition"}
_BOTH_SIDES_RE = re.compile(r"^\s+on\s+both\s+sides\b", re.IGNORECASE)
# Group words -> population code (the schema decides whether the code exists).
_GROUP_POPULATION = (
    (
        rf"pro-(?:government|regime)|loyalist|government|regime|army|soldiers?|troops|"
        rf"{GOVERNMENT_NAMES}",
        "pro_government_fighters",
    ),
    (
        r"opposition|rebels?|opponents|militants?|jihadists?|insurgents?|extremists|factions|"
        rf"{OPPOSITION_NAMES}",
        "opposition_fighters",
    ),
    (r"fighters?|combatants?", "fighters"),
    (r"forces", "forces"),
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
     r"casualties|bodies", "all"),
    (r"Turks|Russians|Iranians|Iraqis|Kurds|Lebanese|Palestinians|Afghans", "nationality"),
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
    """

    population: str | None = None
    words: str = ""
    spans: list[Span] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


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
    if re.fullmatch(r"people|persons|individuals", words, re.IGNORECASE):
        appositive = _APPOSITIVE_RE.match(sentence[stop:])
        if appositive:
            words = appositive.group(1)
            stop += appositive.end()
    population, reasons = combine_groups(words)
    names = {n for n in match.group("names").split() if n[0].isupper()} - _OWN_SIDE_NAMES
    theirs = _POSSESSIVE_RE.search(after[: match.start("groups")]) and _ARMY_RE.fullmatch(words)
    if (names or theirs) and population in {"pro_government_fighters", "opposition_fighters"}:
        population = "fighters"  # 'Turkish soldiers', '4 of their soldiers': whose side?
        said = after[: match.end("groups")].strip()
        reasons.append(f"population side unclear: '{said}'")
    return Group(population, words, [Span(end + match.start("groups"), stop)], reasons)


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
