"""Stage 4 of the draft: a verb that says an aim or a possibility, not a count.

'The offensive aimed to displace more than a million', 'up to 800,000 people may flee',
'government forces seek to capture 20 villages', 'the toll could rise to 100': the number
is not a count of what happened. The row keeps the verb's indicator and says why it needs a
look (``aim or modal``).
"""

from __future__ import annotations

import re

__all__ = ["INTENT_VERBS", "aim_or_modal", "modal_after", "urged_to"]

_REACH = 40
# Lower case: the month May is no modal.
_MODAL = r"(?-i:could|would|may|might|can|will|shall|should|must)"
_AIM = (
    r"aim(?:s|ed|ing)?|seek(?:s|ing)?|sought|plan(?:s|ned|ning)?|threaten(?:s|ed|ing)?|"
    r"intend(?:s|ed|ing)?|want(?:s|ed)?|tr(?:y|ies|ied|ying)|expected|likely|set|poised|"
    r"going|hope(?:s|d)?|attempt(?:s|ed|ing)?|designed|bid|vow(?:s|ed)?|promise[sd]?"
)
#: What someone means to do, before 'to' and a verb: a number it governs is no figure
#: (:func:`idlibstats.curation.draft.leave_out.why_left_out` leaves it out).
INTENT_VERBS = (
    r"aim(?:s|ed|ing)?|seek(?:s|ing)?|sought|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|"
    r"want(?:s|ed|ing)?|wish(?:es|ed|ing)?|hop(?:e|es|ed|ing)|vow(?:s|ed|ing)?|"
    r"pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|tr(?:y|ies|ied|ying)|attempt(?:s|ed|ing)?|"
    r"work(?:s|ing)|strives|striving|designed|meant|"
    r"(?:goal|aim|target|objective|plan|intention|ambition)\s+(?:is|was)"
)
# 'expect up to 700,000 more people to flee': what is expected, before its number.
_EXPECT = (
    r"expect|expects|expecting|fear|fears|predict|predicts|predicted|anticipate|anticipates|"
    r"anticipated|project|projects|projected|forecast|forecasts"
)
_HEDGE_RE = re.compile(
    rf"(?P<hedge>\b(?:{_MODAL})\b(?:\s+(?:not|also|still|soon|yet|now|further|be|have|been|"
    r"forced\s+to|made\s+to))*"
    rf"|\b(?:{_AIM})\s+to(?:\s+(?:be|have|been|further))*"
    rf"|\b(?:{_EXPECT})"
    r"|\b(?:risks?|risked|risking|at\s+risk\s+of|in\s+danger\s+of)(?:\s+(?:being|been))?)"
    r"\s+$",
    re.IGNORECASE,
)
_HEDGE_VERB_RE = re.compile(
    _HEDGE_RE.pattern.removesuffix(r"\s+$") + r"\s+(?:[a-z]+\s+)?$", re.IGNORECASE
)
# Between the noun and its number in 'the toll could rise to 100'.
_BETWEEN_RE = re.compile(rf"\b(?P<hedge>(?:{_MODAL})|(?:{_AIM})\s+to)\b", re.IGNORECASE)


def aim_or_modal(
    masked: str,
    keyword_start: int,
    between: tuple[int, int] | None = None,
    *,
    verb_between: bool = False,
) -> tuple[str, int, int] | None:
    """Return the words that make a reading an aim or a possibility, and their span.

    Parameters
    ----------
    masked : str
        The sentence, every amount masked.
    keyword_start : int
        Where the verb (or noun) that decided the indicator starts: the hedge is right
        before it ('could be displaced', 'aimed to displace').
    between : tuple of int, optional
        A stretch to search as well, for a noun that introduces its number ('the toll
        could rise to 100').
    verb_between : bool, default False
        Allow one verb between the hedge and ``keyword_start`` (the number of a counted
        noun: 'seek to capture 20 villages').

    Returns
    -------
    tuple of (str, int, int) or None
        The hedge as written ('could be', 'aimed to') and its span; ``None`` if none.
    """
    offset = max(0, keyword_start - _REACH)
    pattern = _HEDGE_VERB_RE if verb_between else _HEDGE_RE
    match = pattern.search(masked[offset:keyword_start])
    if match:
        return match.group("hedge"), offset + match.start("hedge"), offset + match.end("hedge")
    if between is not None:
        found = _BETWEEN_RE.search(masked, *between)
        if found:
            return found.group("hedge"), found.start("hedge"), found.end("hedge")
    return None


_MODAL_AFTER_RE = re.compile(
    rf"^\s+(?:more\s+|others?\s+)?(?P<hedge>(?:{_MODAL})|(?:are|were|is)\s+(?:{_AIM})\s+to|"
    r"risk(?:s|ed)?)\b",
    re.IGNORECASE,
)


def modal_after(masked: str, end: int) -> str | None:
    """Return the modal right after a number with no verb of its own ('200,000 more could')."""
    match = _MODAL_AFTER_RE.match(masked[end:])
    return match.group("hedge") if match else None


# '500,000 people to flee': the number is the object of the verb before it, and the verb
# after it an infinitive. Only a verb that made them do it says it happened.
_TO_VERB_RE = re.compile(
    r"^(?:(?!\b(?:were|was|are|is|have|has|had)\b)[^#;])*?\bto\s+$", re.IGNORECASE
)
_MADE_RE = re.compile(
    r"\b(?:forc\w*|dr(?:ove|iven|ive|ives|iving)|caus\w*|ma(?:de|ke|kes|king)|compel\w*|"
    r"push\w*)\s+$",
    re.IGNORECASE,
)
_VERB_BEFORE_RE = re.compile(r"\b(?P<verb>[a-z]+(?:\s+(?:on|for|upon))?)\s+$", re.IGNORECASE)


def urged_to(masked: str, start: int, end: int, keyword_start: int) -> str | None:
    """Return the words of an appeal or a plan whose object the number is, if it is one.

    'called on 20,000 people to flee', 'urged residents to leave': not a count of what
    happened (returned: 'called on ... to'); 'forced 500,000 people to flee' is (``None``).

    Parameters
    ----------
    masked : str
        The sentence, every amount masked.
    start, end : int
        The number's span (its wording included).
    keyword_start : int
        Where the verb read for it starts ('flee').
    """
    if not _TO_VERB_RE.match(masked[end:keyword_start]):
        return None
    before = masked[:start]
    if _MADE_RE.search(before):
        return None
    verb = _VERB_BEFORE_RE.search(before)
    return f"{verb.group('verb')} ... to" if verb else "to"
