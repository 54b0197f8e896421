"""Stage 4 of the draft: villages and towns, by the side that took them.

The package counts ``villages_lost_by_opposition`` (villages that passed from opposition
groups to government forces) and ``towns_captured_by_opposition`` (towns opposition groups
captured from government forces). The noun alone does not say which: 'the rebels lost 18
villages' and 'regime forces seized 41 villages' are villages lost by the opposition;
'rebels captured four towns' are towns captured by it. Who took the places is read from
the verb and its subject (or its 'by' agent); a count no indicator covers ('two towns'
seized by regime forces) gets none, and a count whose side the sentence does not say is
flagged.
"""

from __future__ import annotations

import re

from idlibstats.curation.draft.sides import GOVERNMENT_NAMES, OPPOSITION_NAMES

__all__ = ["place_indicator"]

_GAIN = (
    r"(?:took|taken|gained|won|seized|wrested|retook|regained)\s+control\s+of|"
    r"captur\w*|seiz\w*|took|taken|tak(?:e|es|ing)|retook|retaken|retak\w*|recaptur\w*|"
    r"regain\w*|overr[au]n|liberat\w*|storm\w*|gained|entered|advanc\w*\s+(?:in|into|on)|"
    r"clear(?:s|ed|ing)?"
)
_LOSS = (
    r"(?:lost|los(?:e|es|ing))(?:\s+control\s+of)?|fell|fallen|withdr[ea]w\w*|ceded|"
    r"surrendered|abandoned"
)
_VERB_RE = re.compile(rf"\b(?:(?P<loss>{_LOSS})|(?P<gain>{_GAIN}))\b", re.IGNORECASE)
_GOVERNMENT = (
    r"government|regime|army|troops|soldiers|loyalists?|pro-(?:government|regime)|"
    rf"(?:Russian|Russia|Iran)(?:-backed)?|Assad|Damascus|Syrian\s+forces|{GOVERNMENT_NAMES}"
)
_OPPOSITION = (
    rf"rebels?|opposition|jihadists?|insurgents|militants|{OPPOSITION_NAMES}|Tahrir|Jaysh|"
    r"armed\s+groups?|factions?"
)
_SIDE_RE = re.compile(
    rf"\b(?:(?P<government>{_GOVERNMENT})|(?P<opposition>{_OPPOSITION}))\b", re.IGNORECASE
)
_BY_RE = re.compile(r"^\s+(?:back\s+)?by\s+(?P<agent>[^,;.]{0,60})", re.IGNORECASE)
_FELL_TO_RE = re.compile(r"^\s+(?:back\s+)?to\s+(?P<agent>[^,;.]{0,60})", re.IGNORECASE)
_CLAUSE_RE = re.compile(r"[;.]|,\s*(?:while|but|whereas|and)\b", re.IGNORECASE)
_INDICATORS = {
    ("villages", "opposition lost"): "villages_lost_by_opposition",
    ("towns", "opposition gained"): "towns_captured_by_opposition",
}


def place_indicator(sentence: str, amount_start: int, noun: str) -> tuple[str | None, str | None]:
    """Return the indicator of a count of villages or towns, and a review reason if unsure.

    Parameters
    ----------
    sentence : str
        The sentence.
    amount_start : int
        Where the count starts; the verb of taking or losing is looked for in its clause.
    noun : str
        The counted noun ('villages', 'towns', 'village').

    Returns
    -------
    tuple of (str or None, str or None)
        The indicator (``None`` when none fits what happened) and the review reason.
    """
    kind = "villages" if noun.lower().startswith("village") else "towns"
    outcome = _outcome(sentence, amount_start)
    if outcome is None:
        default = "villages_lost_by_opposition" if kind == "villages" else (
            "towns_captured_by_opposition")
        return default, f"place taken by whom? '{noun}': the sentence does not say"
    indicator = _INDICATORS.get((kind, outcome))
    if indicator is None:
        side = "lost by" if outcome == "opposition lost" else "captured by"
        return None, f"place taken by whom? no indicator counts {kind} {side} the opposition"
    return indicator, None


def _outcome(sentence: str, amount_start: int) -> str | None:
    """Return 'opposition lost' or 'opposition gained', from the verb before the count."""
    lo = max([0, *(m.end() for m in _CLAUSE_RE.finditer(sentence, 0, amount_start))])
    verbs = list(_VERB_RE.finditer(sentence, lo, amount_start))
    if verbs:
        verb = verbs[-1]
    else:  # '41 villages were seized by regime forces'
        end = _CLAUSE_RE.search(sentence, amount_start)
        verb = _VERB_RE.search(sentence, amount_start, end.start() if end else len(sentence))
        if verb is None:
            return None
    after = sentence[verb.end() :]
    agent = _BY_RE.match(after) or (_FELL_TO_RE.match(after) if verb.group("loss") else None)
    if agent:  # 'were seized by regime forces', 'fell to government troops'
        side = _side(agent.group("agent"), last=False)
        gained = side
    else:
        side = _side(sentence[lo : verb.start()], last=False)  # the subject comes first
        gained = side if verb.group("gain") else _other(side)
    if gained is None:
        return None
    return "opposition gained" if gained == "opposition" else "opposition lost"


def _side(text: str, *, last: bool) -> str | None:
    found = list(_SIDE_RE.finditer(text))
    if not found:
        return None
    match = found[-1] if last else found[0]
    return "government" if match.group("government") else "opposition"


def _other(side: str | None) -> str | None:
    return {"government": "opposition", "opposition": "government"}.get(side or "")
