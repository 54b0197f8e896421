"""Stage 4 of the draft: whether health facilities were hit or destroyed, from their own verb.

A count of hospitals, clinics or facilities is ``health_facilities_attacked`` or
``health_facilities_destroyed`` by the verb of its own clause, never by a verb of another
clause: in 'four hospitals and two clinics were hit, and two facilities were destroyed' the
first two are hit and the last destroyed. The verb is the one the facilities are the
subject of ('were hit', 'have been destroyed'), the object of ('struck five hospitals',
'destroyed two clinics') or the target of ('attacks on 26 facilities'). Facilities that
only 'suspended their services' or 'remain closed' were not said to be hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from idlibstats.curation.draft.phrases import AMOUNT, ASIDE, LIST, NP, PARTITIVE_RE

__all__ = [
    "HEALTH_CONTEXT_RE",
    "FacilityVerb",
    "elided_facility_verb",
    "facility_verb",
    "part_facility_verb",
]

_ATTACK = (
    r"hit|struck|bombed|shelled|targeted|attacked|damaged|raided|strafed|"
    r"(?:partially|partly|badly|heavily|severely)\s+(?:destroyed|damaged)|"
    r"(?:put|knocked|taken)\s+out\s+of\s+(?:service|action|operation)"
)
_DESTROY = (
    r"(?:completely\s+|totally\s+|fully\s+)?destroyed|razed|levell?ed|flattened|demolished|"
    r"reduced\s+to\s+rubble"
)
# Verbs that say something else of facilities (they are not attacks).
_OTHER = (
    r"suspended|closed|shut|stopped|remain|remained|remains|serve|serves|served|operate|"
    r"operates|operated|function|functions|functioned|treated|received|reopened|[a-z]+ed"
)
_VERB = rf"(?P<attack>{_ATTACK})|(?P<destroy>{_DESTROY})|(?P<other>{_OTHER})"
_FACILITY_AUX = (
    r"(?:\s+(?:were|was|have|has|had|are|is|been|being|be|also|all|either|since|now|already|"
    r"reportedly|either|not|(?!partially|partly|badly|heavily|severely|completely|totally|"
    r"fully)[a-z]+ly))*"
)
_SUBJECT_RE = re.compile(
    rf"^{NP}(?:{LIST}{AMOUNT}{NP})*{ASIDE}(?P<aux>{_FACILITY_AUX})\s+(?:{_VERB})\b"
    r"(?P<second>\s+(?P<joint>and|or)\s+(?:(?P<attack2>" + _ATTACK + r")|(?P<destroy2>"
    + _DESTROY + r"))\b)?",
    re.IGNORECASE,
)
_ACTIVE = rf"(?P<attack>{_ATTACK})|(?P<destroy>{_DESTROY})"
_OBJECT_RE = re.compile(
    rf"\b(?:{_ACTIVE})\s+(?:(?:a\s+total\s+of|only|another|a\s+further|an\s+additional|"
    r"a\s+(?:second|third|fourth|fifth)|further)\s+)?$",
    re.IGNORECASE
)
_OBJECT_LIST_RE = re.compile(
    rf"\b(?:{_ACTIVE})\s+(?:{AMOUNT}|an?\b){NP}(?:{LIST}(?:{AMOUNT}|an?\b){NP})*{LIST}$",
    re.IGNORECASE,
)
_TARGET_RE = re.compile(
    r"\b(?P<attack>(?:air\s?)?(?:attacks?|strikes?|raids?|bombings?|shelling|assaults?))\s+"
    r"(?:on|against|targeting|that\s+hit)\s+$",
    re.IGNORECASE,
)
# 'put at least five hospitals out of service'
_PUT_RE = re.compile(
    r"\b(?P<attack>put|knocked|took)\s+(?:(?:the|a|its|their|his|her|[A-Za-z-]+'s?)\s+){0,2}$",
    re.IGNORECASE,
)
_OUT_OF_SERVICE_RE = re.compile(r"^\s+out\s+of\s+(?:service|action|operation)\b", re.IGNORECASE)
_OF_THEM_RE = re.compile(r"^\s+of\s+(?:them|these|those|which)\b", re.IGNORECASE)
# 'and two destroyed', 'and one was destroyed'
_ELIDED_RE = re.compile(
    rf"^\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?(?:{_ACTIVE})\b",
    re.IGNORECASE,
)
#: Words that say a text is about health care: a bare 'facilities' near them is medical.
HEALTH_CONTEXT_RE = re.compile(
    r"\b(?:hospitals?|clinics?|medical|health|healthcare|medics?|doctors?|nurses?|patients?|"
    r"maternity|surgical|ambulances?|(?-i:WHO))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FacilityVerb:
    """The verb of a count of facilities.

    Attributes
    ----------
    kind : str
        ``attacked``, ``destroyed``, or ``other`` (a verb that is not an attack).
    start, end : int
        The verb's span in the sentence.
    """

    kind: str
    start: int
    end: int


def facility_verb(masked: str, start: int, noun_end: int) -> FacilityVerb | None:
    """Return the verb that governs a count of facilities, or ``None`` if no verb does.

    Parameters
    ----------
    masked : str
        The sentence, every amount masked.
    start : int
        Where the amount starts (its wording included).
    noun_end : int
        Where the counted noun ('hospitals', 'medical facilities') ends.
    """
    before = masked[:start]
    match = _TARGET_RE.search(before)
    if match:  # 'Attacks on 14 facilities ... have been confirmed': the attacks say it
        return _verb(match, 0)
    # not the 22 of '14 of the 22 hospitals have been bombed': the verb is the 14's
    match = None if PARTITIVE_RE.search(before) else _SUBJECT_RE.match(masked[noun_end:])
    if match and not match.group("aux").strip() and match.group("other"):
        active = _OBJECT_RE.search(before)  # 'hit 12 facilities supported by': a participle
        if active:
            return _verb(active, 0)
    if match:
        return _verb(match, noun_end)
    put = _PUT_RE.search(before)
    if put and _OUT_OF_SERVICE_RE.match(masked[noun_end:]):
        return _verb(put, 0)
    for pattern in (_OBJECT_RE, _OBJECT_LIST_RE):
        match = pattern.search(before)
        if match:
            return _verb(match, 0)
    return None


def part_facility_verb(masked: str, end: int) -> FacilityVerb | None:
    """Return the own verb of a part of a count of facilities ('14 of them were destroyed')."""
    lead = _OF_THEM_RE.match(masked[end:])
    offset = end + (lead.end() if lead else 0)
    match = _SUBJECT_RE.match(masked[offset:])
    if match is None or match.group("other"):
        return None
    return _verb(match, offset)


def elided_facility_verb(masked: str, end: int) -> FacilityVerb | None:
    """Return the verb right after a number with no noun ('and two destroyed'), if any."""
    match = _ELIDED_RE.match(masked[end:])
    return _verb(match, end) if match else None


def _verb(match: re.Match[str], offset: int) -> FacilityVerb:
    names = [n for n in ("attack", "destroy", "other") if match.groupdict().get(n)]
    name = names[0]
    kind = {"attack": "attacked", "destroy": "destroyed", "other": "other"}[name]
    lo, hi = match.start(name), match.end(name)
    second = match.groupdict().get("second")
    if second and kind != "other":  # 'hit and destroyed': destroyed; 'damaged or destroyed': hit
        joint = match.group("joint").lower()
        both_destroyed = match.group("destroy2") and (kind == "destroyed" or joint == "and")
        kind = "destroyed" if both_destroyed else "attacked"
        hi = match.end("second")
    return FacilityVerb(kind, offset + lo, offset + hi)
