"""Stage 4 of the draft: a participle or a relative clause read as the verb, and the verb after it.

'Two children injured in Tuesday's attack succumbed to their wounds': 'injured' describes
the children, 'succumbed' says what happened to them. 'Sixteen people who had fled the
fighting were killed': 'fled' is in a relative clause, 'were killed' is the verb of the
sixteen. A headline's bare participle ('Four children injured as jets bomb a market') has
no verb after it and stays the reading.

When the word the clause read for a number is such a participle (no auxiliary between
the number's noun and it, or 'who', 'that', 'which' before it) and a verb follows it in
the clause, the reading is not certain: a verb of a known indicator after it decides
instead ('succumbed': killed), any other verb ('were buried') leaves the participle's
indicator; both are flagged ``participle``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from idlibstats.curation.draft.model import Amount

__all__ = ["Participle", "verb_after_participle"]

_RELATIVE_RE = re.compile(r"\b(?:who|that|which)\b", re.IGNORECASE)
_FINITE_RE = re.compile(
    r"\b(?:were|was|are|is|have|has|had|be|been|being|will|would|could|may|might|can|shall|"
    r"should|must|remain|remains|remained)\b",
    re.IGNORECASE,
)
# Words that may be a past or present participle after a noun ('civilians wounded in...').
_PARTICIPLE_RE = re.compile(
    r"killed|injured|wounded|hurt|displaced|uprooted|made\s+homeless|[a-z]+ing", re.IGNORECASE
)
# 'Two children injured': a word for people between the number and the participle.
_PEOPLE_BEFORE_RE = re.compile(
    r"^\s+(?:[a-z-]+\s+)?(?:people|persons|civilians|children|women|men|fighters|soldiers|"
    r"troops|rebels|residents|Syrians|refugees|volunteers|rescuers|workers|boys|girls)\s+$",
    re.IGNORECASE,
)
# Inside a phrase of another number: 'one of the 5 children injured ... died'.
_OF_BEFORE_RE = re.compile(r"\bof\s+(?:the|those|these|its|their)\s+$", re.IGNORECASE)
# 'Two of those killed were ...': the participle says what the whole was, the number a part.
_OF_THOSE_RE = re.compile(r"\s+of\s+(?:those|the|these)\s+$", re.IGNORECASE)
_AUX = r"(?:were|was|are|is|had\s+been|have\s+been|has\s+been|been|be)"
_ADVERBS = r"(?:\s+(?:[a-z]+ly|later|then|also|since|all|both|now|reportedly))*"
_VERBS = (
    (r"killed|found\s+dead|pulled\s+(?:out\s+)?dead", "killed", True),
    (r"injured|wounded|hurt", "injured", True),
    (r"displaced|made\s+homeless", "displaced", True),
    (r"died|perished|succumbed|drowned|lost\s+their\s+lives|were\s+among\s+the\s+dead",
     "killed", False),
    (r"fled|escaped|crossed\s+(?:into|the\s+border)", "displaced", False),
)
_LATER_RE = re.compile(
    "|".join(
        rf"(?P<v{i}>\b{_AUX}{_ADVERBS}\s+(?:{words})\b)" if passive else
        rf"(?P<v{i}>\b(?:(?:have|has|had){_ADVERBS}\s+)?(?:{words})\b)"  # 'have since died'
        for i, (words, _, passive) in enumerate(_VERBS)
    )
    + rf"|(?P<other>(?-i:{_FINITE_RE.pattern}))",  # 'were', not the month 'May'
    re.IGNORECASE,
)
# The clause ends at another number, a semicolon, or a word that starts another clause
# ('when the school was hit': that verb is the school's).
_CLAUSE_END_RE = re.compile(
    r"[;#]|\b(?:when|as|after|while|because|before|(?<!have\s)(?<!has\s)(?<!had\s)since|until|"
    r"where|whereas|if|though|"
    r"although|whose|who|which|that)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Participle:
    """The verb after a participle or a relative clause.

    Attributes
    ----------
    indicator : str or None
        The indicator the later verb says, or ``None`` for a verb of no known indicator
        (the participle's then stands).
    start, end : int
        The later verb's span in the sentence.
    """

    indicator: str | None
    start: int
    end: int


def verb_after_participle(
    masked: str, amount: Amount, keyword: tuple[int, int], how: str
) -> Participle | None:
    """Return the verb after the participle the clause read for a number, if there is one.

    Parameters
    ----------
    masked : str
        The sentence, every amount masked.
    amount : Amount
        The number.
    keyword : tuple of int
        The span of the word the clause read ('injured', 'fled').
    how : str
        The reading (``noun``, ``subject``...): only a noun or a subject reading can be a
        participle.

    Returns
    -------
    Participle or None
        ``None`` when the word read is not a participle, or no verb follows it in the
        clause.
    """
    start, end = keyword
    between = masked[amount.end : start]
    if _OF_BEFORE_RE.search(masked[: amount.start]):
        return None
    # 'Two of those killed were children': the participle says what the whole was. 'Three of
    # those hurt ... later succumbed': the part's own verb, a death or a flight, says more.
    part = _OF_THOSE_RE.match(between) is not None
    if part:
        bare = True
    elif how == "subject":  # 'who had fled', or a bare 'fleeing', 'wounded' (not 'died', 'live')
        participle = _PARTICIPLE_RE.fullmatch(masked[start:end]) is not None
        bare = _RELATIVE_RE.search(between) or (participle and not _FINITE_RE.search(between))
    elif how == "noun":
        bare = _PEOPLE_BEFORE_RE.match(between) is not None
    else:
        bare = False
    if not bare:
        return None
    stop = _CLAUSE_END_RE.search(masked, end)
    later = _LATER_RE.search(masked, end, stop.start() if stop else len(masked))
    if later is None:
        return None
    for i, (_, indicator, passive) in enumerate(_VERBS):
        if later.group(f"v{i}"):
            return None if part and passive else Participle(indicator, later.start(), later.end())
    return None if part else Participle(None, later.start(), later.end())
