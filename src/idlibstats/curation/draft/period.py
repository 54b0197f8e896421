"""Stage 4 of the draft: the period phrase nearest to a figure ('in May', 'last month')."""

from __future__ import annotations

import re

from idlibstats.curation.draft.model import Span
from idlibstats.curation.draft.words import DAY, MONTH, UNIT

__all__ = ["period_near"]

_SMALL_WORD = r"(?:\d+|[A-Za-z]+(?:-[a-z]+)?)"
_PERIOD_REACH = 60
_PERIOD_RE = re.compile(
    "|".join(
        (
            rf"(?i:between)\s+(?:(?:\d{{1,2}}|(?i:early|late|mid-?))\s+)?(?:{MONTH}\s+)?(?i:and)\s+"
            rf"(?:(?i:the\s+end\s+of|the\s+start\s+of|early|late|mid-?)\s*)?(?:\d{{1,2}}\s+)?{MONTH}\b",
            rf"(?i:since|in|during|throughout|until|till|by|before|after|from)\s+"
            rf"(?:(?i:early|mid-?|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)\s*)?"
            rf"{MONTH}\b(?:\s+\d{{4}})?",
            rf"(?i:in|over|during|within|for)\s+the\s+(?i:past|last|previous)\s+"
            rf"(?:{_SMALL_WORD}\s+)?(?i:{UNIT})\b",
            rf"(?i:over|in|within|for|during)\s+{_SMALL_WORD}\s+(?i:hours|days|weeks|months)\b",
            r"(?i:last|this|past)\s+(?i:week|weekend|month|year)\b",
            r"(?i:during|in)\s+the\s+(?i:month|week|year)\b",
            rf"(?i:on|since|overnight|last)\s+{DAY}\b(?:\s+(?i:morning|afternoon|evening|night))?",
            rf"{_SMALL_WORD}\s+(?i:days|weeks|months|hours)\s+of\s+[a-z]+",
            r"(?i:since)\s+(?:the\s+)?(?i:start|beginning|end)\s+of\s+(?:the\s+)?[a-z]+",
            r"(?i:since)\s+(?:it|they|the\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:erupted|began|started|"
            r"broke\s+out|went\s+into\s+effect|took\s+effect)\b(?:\s+in\s+\d{4})?",
            r"\b(?i:yesterday|today)\b",
        )
    )
)


def period_near(sentence: str, excerpt: Span) -> str | None:
    """Return the period phrase nearest to the excerpt, if one is within reach (60 chars)."""
    best: tuple[int, str] | None = None
    for match in _PERIOD_RE.finditer(sentence):
        distance = max(match.start() - excerpt.end, excerpt.start - match.end(), 0)
        if distance <= _PERIOD_REACH and (best is None or distance < best[0]):
            best = (distance, match.group(0))
    return best[1] if best else None
