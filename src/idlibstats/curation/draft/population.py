"""Stage 4 of the draft: who a number counts, from the words after it.

'12 civilians' -> ``civilians``; 'Four other people - all women and children' ->
``women_and_children``; 'almost 100 on both sides' -> ``fighters``. A group with no population
code ('men', 'families') and a group counted as another ('rescuers' as civilians, 'Turkish
soldiers' as fighters) say so in a review reason.
"""

from __future__ import annotations

import re

from idlibstats.curation.draft.model import Span

__all__ = ["combine_groups", "group_after", "group_among"]

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


def group_after(sentence: str, end: int) -> tuple[str | None, list[Span], list[str]]:
    """Guess who is counted from the words right after the amount ending at ``end``.

    Returns
    -------
    tuple
        The population (``None`` if no guess), the spans of the words it came from and
        the review reasons it raises (a group with no code, rescuers taken as civilians).
    """
    after = sentence[end:]
    both_sides = _BOTH_SIDES_RE.match(after)
    if both_sides:
        return "fighters", [Span(end, end + both_sides.end())], []
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
    population, reasons = combine_groups(words)
    names = set(match.group("names").split()) - _OWN_SIDE_NAMES
    if names and population in {"pro_government_fighters", "opposition_fighters"}:
        population = "fighters"  # 'Turkish soldiers', 'Russian troops': whose side?
        reasons.append(f"population side unclear: '{match.group('names')}{words}'")
    return population, [Span(end + match.start("groups"), stop)], reasons


def group_among(sentence: str, start: int, end: int) -> str | None:
    """Return the group a phrase between ``start`` and ``end`` names ('the toll among children')."""
    between = _AMONG_RE.search(sentence, start, end)
    return combine_groups(between.group(1))[0] if between else None


def combine_groups(words: str) -> tuple[str | None, list[str]]:
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
