"""Stage 2 of the draft: the amounts of a sentence, with their wording, and the numbers skipped.

An amount is a number that may be a figure, with the wording before it that gives its
qualifier ('at least 12' -> ``at_least``), or a vague amount ('dozens', 'hundreds of
thousands'), which has no value. Every other number of the sentence is skipped with the
reason :func:`idlibstats.curation.draft.leave_out.why_left_out` gives.
"""

from __future__ import annotations

import re

from idlibstats.curation.draft.leave_out import why_left_out
from idlibstats.curation.draft.model import Amount, Skipped
from idlibstats.text.textnorm import NumberPhrase, numbers_in

__all__ = ["QUALIFIER_WORDS", "amounts_in", "unread_wording", "wording_before"]

#: Wording just before a number -> qualifier (the figures schema's enum is the vocabulary).
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

_WORDING_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, QUALIFIER_WORDS), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(
    r"\b(?:(?:many|several|a\s+few)\s+)?(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|"
    r"dozens|scores|hundreds|thousands|millions)\b|\b(?:several|many|a\s+few)\s+"
    r"(?:hundred|thousand|dozen)\b|\b(?:half\s+)?a\s+dozen\b",
    re.IGNORECASE,
)
_VAGUE_UNIT = re.compile(r"^\s+of\s+(?:km|kilomet|miles|metres|meters|feet|yards)", re.IGNORECASE)


# Wording that says the number is a bound, in words the qualifier vocabulary has no code
# for ('fewer than 45', 'now exceeds 3 million'): the qualifier stays exact, flagged.
_UNREAD_WORDING_RE = re.compile(
    r"\b(?P<wording>fewer\s+than|less\s+than|under|below|exceed(?:s|ed|ing)?|top(?:s|ped)?|"
    r"surpass(?:es|ed|ing)?|passed|beyond|at\s+most|no\s+more\s+than|a\s+(?:minimum|maximum)\s+of|"
    r"upward\s+of|close\s+on|in\s+the\s+region\s+of|or\s+so)\s+$",
    re.IGNORECASE,
)


def unread_wording(sentence: str, amount: Amount) -> str | None:
    """Return wording before an exact number that says it is a bound ('fewer than'), if any."""
    if amount.qualifier != "exact":
        return None
    match = _UNREAD_WORDING_RE.search(sentence[: amount.start])
    return match.group("wording") if match else None


def wording_before(sentence: str, number: NumberPhrase) -> tuple[int, str]:
    """Return (start of the wording, qualifier) for a number; ``exact`` if none."""
    match = _WORDING_RE.search(sentence[: number.start])
    if match is None:
        return number.start, "exact"
    return match.start(1), QUALIFIER_WORDS[match.group(1).lower()]


def amounts_in(sentence: str) -> tuple[list[Amount], list[Skipped]]:
    """Return the amounts of a sentence that may be figures, and the numbers left out.

    Parameters
    ----------
    sentence : str
        One normalised sentence.

    Returns
    -------
    tuple of (list of Amount, list of Skipped)
        The amounts (numbers with their wording, and vague amounts) in text order, and
        the numbers that are not figures with the reason.
    """
    found, skipped = [], []
    for number in numbers_in(sentence):
        start, qualifier = wording_before(sentence, number)
        wording = None if qualifier == "exact" else sentence[start : number.start]
        reason = why_left_out(sentence, number, wording)
        if reason is None:
            found.append(
                Amount(start, number.start, number.end, number.text, number.value, qualifier)
            )
        else:
            skipped.append(Skipped(number.start, number.end, number.text, reason))
    for match in _VAGUE_RE.finditer(sentence):
        if _VAGUE_UNIT.match(sentence[match.end() :]):
            continue
        if any(a.start < match.end() and match.start() < a.end for a in found):
            continue
        wording = _WORDING_RE.search(sentence[: match.start()])
        start = match.start() if wording is None else wording.start(1)
        found.append(Amount(start, match.start(), match.end(), match.group(0), None, None, True))
    return sorted(found, key=lambda a: a.start), skipped
