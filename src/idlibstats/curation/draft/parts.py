"""Stage 5 of the draft: link a part to the total it breaks down, and a number to the one before.

A part: '277 civilians, including 72 children' (the total is in the sentence), '572 of
these civilians were men' (the total is the last one drafted, maybe in an earlier
sentence), '..., 213 were women' (a list of parts continues), 'nearly all - 1,031 - were
...' (a share of the last total). A number that points back ('another 58', 'a further 12',
'58 more') counts the same thing as the figure before it, but is no part of it.
"""

from __future__ import annotations

import re

from idlibstats.curation.draft import clause
from idlibstats.curation.draft.model import Amount, Draft, Span
from idlibstats.curation.draft.phrases import AMOUNT, LIST, NP

__all__ = ["figure_before", "has_own_predicate", "points_back", "total_of", "words_near"]

_ANOTHER_RE = re.compile(r"\b(?:another|a\s+further|an\s+additional|a\s+new)\s+$", re.IGNORECASE)
_MORE_RE = re.compile(r"^\s+(?:more|others?)\b(?!\s+than)", re.IGNORECASE)
# '9 children and 5 women': a number listed after another with its noun.
_LISTED_RE = re.compile(rf"{AMOUNT}{NP}{LIST}$", re.IGNORECASE)
# 'Eight health workers were killed and 14 hurt': a clause joined to one with a number.
_JOINED_RE = re.compile(rf"{AMOUNT}[^#;]*?(?:,\s*|\s+)and\s+$", re.IGNORECASE)
# 'another 3 were missing': the number has its own predicate, whatever it says.
_OWN_PREDICATE_RE = re.compile(
    r"^\s+(?:more\s+|others?\s+)?(?:[a-z]+\s+)?(?:were|was|are|is|have|has|had|remain\w*)\b",
    re.IGNORECASE,
)
# A few words after or before a number, past a dash or a comma ('Most of the deaths - 370').
_NEXT_WORDS_RE = re.compile(r"^(?:\s*[-,)]?\s+[A-Za-z0-9][\w'-]*){1,3}")
_PREVIOUS_WORDS_RE = re.compile(r"(?:(?<![\w'-])[A-Za-z0-9][\w'-]*\s+(?:[-,(]\s*)?){1,3}$")


def total_of(
    masked: str, amount: Amount, earlier: list[Draft], here: list[Draft]
) -> tuple[int, str] | None:
    """Return the index in ``earlier`` of the total the amount breaks down, and how it says so.

    Parameters
    ----------
    masked : str
        The amount's sentence, every amount masked.
    amount : Amount
        The amount that may be a part.
    earlier : list of Draft
        Every draft of the text so far, in order.
    here : list of Draft
        The drafts of this sentence so far.

    Returns
    -------
    tuple of (int, str) or None
        The total's index and the kind of breakdown (``including``, ``of these``,
        ``share``, ``list``: see :func:`idlibstats.curation.draft.clause.breakdown`).
    """
    found = clause.breakdown(masked, amount.start, amount.end)
    if found is None:
        return None
    kind, start = found
    if kind == "including":
        for draft in reversed(here):
            if draft.amount.start == start:
                return _root(earlier, earlier.index(draft)), kind
        return None
    if kind == "list":
        parts = [d for d in here if d.part_of is not None]
        return (parts[-1].part_of, kind) if parts and parts[-1].part_of is not None else None
    for index in range(len(earlier) - 1, -1, -1):  # the last total, in any sentence
        if earlier[index].part_of is None and not earlier[index].amount.vague:
            return index, kind
    return None


def points_back(masked: str, amount: Amount) -> str | None:
    """Say how the amount points to the figure before it, if it does.

    Returns
    -------
    str or None
        ``another`` ('another 58', 'a further 12', '58 more'): more of what the figure
        before counts; ``listed`` ('9 children and 5 women'): the next of a list;
        ``joined`` ('Eight health workers were killed and 14 hurt'): the number of a
        clause joined to one with a figure, which may leave its group unsaid; ``None``.
    """
    before = masked[: amount.start]
    if _ANOTHER_RE.search(before) or _MORE_RE.match(masked[amount.end :]):
        return "another"
    if _LISTED_RE.search(before):
        return "listed"
    if _JOINED_RE.search(before):
        return "joined"
    return None


def has_own_predicate(masked: str, amount: Amount) -> bool:
    """Whether a verb follows the number ('another 3 were missing'): it says what they are."""
    return _OWN_PREDICATE_RE.match(masked[amount.end :]) is not None


def words_near(masked: str, amount: Amount) -> Span:
    """Return the words an excerpt needs besides a bare number ('another 58', '700 sorties').

    The marker that points back ('another'), else the noun after the number, else up to
    three words before it, else up to three after it: an excerpt is never the number alone
    when the sentence says more.
    """
    another = _ANOTHER_RE.search(masked[: amount.start])
    if another:
        return Span(another.start(), amount.start)
    thing = clause.counted_thing(masked, amount.end)
    if thing[0]:
        return Span(thing[1], thing[2])
    before = _PREVIOUS_WORDS_RE.search(masked[: amount.start])
    if before and "#" not in before.group(0):
        return Span(before.start(), amount.start)
    after = _NEXT_WORDS_RE.match(masked[amount.end :])
    if after and "#" not in after.group(0):
        return Span(amount.end, amount.end + after.end())
    return Span(amount.start, amount.end)


def figure_before(earlier: list[Draft], here: list[Draft]) -> tuple[Draft | None, bool]:
    """Return the last total with an indicator, and whether it is in this sentence.

    Parts are passed over: in '19 civilians, including eight children, and 50 more', the
    50 are more than the 19, not more children.
    """
    for drafts, same_sentence in ((here, True), (earlier, False)):
        for draft in reversed(drafts):
            if draft.indicator is not None and not draft.amount.vague and draft.part_of is None:
                return draft, same_sentence
    return None, False


def _root(earlier: list[Draft], index: int) -> int:
    """Return the first total above a part (a part of a part points to it)."""
    while True:
        above = earlier[index].part_of
        if above is None:
            return index
        index = above
