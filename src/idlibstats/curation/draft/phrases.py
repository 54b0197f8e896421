"""The building blocks of the clause patterns: a masked amount, a noun phrase, a list, an aside.

The stages that read a clause (:mod:`.clause`, :mod:`.facilities`) work on a *masked*
sentence in which every amount is ``#`` followed by ``_`` up to the same length
(:func:`mask`), so that offsets stay those of the sentence and one pattern can step over
another number.
"""

from __future__ import annotations

import re

__all__ = [
    "AMOUNT",
    "ASIDE",
    "AUX",
    "LIST",
    "MASK",
    "NP",
    "OF_THEIR",
    "PARTITIVE_RE",
    "STOP",
    "WORD",
    "alternation",
    "indicator_of",
    "mask",
]

MASK = "#"
#: A masked amount.
AMOUNT = rf"{MASK}_*"

#: Words that end a noun phrase after a number (and never are the thing counted).
STOP = (
    r"were|was|is|are|be|been|being|had|have|has|will|would|could|may|might|did|do|does|"
    r"of|in|on|at|by|from|to|into|towards?|for|with|without|since|during|after|before|"
    r"across|near|under|over|between|among|amid|including|until|through|per|as|than|"
    r"and|or|but|while|whereas|when|where|who|whom|which|that|whose|if|"
    r"the|a|an|this|these|those|their|its|his|her|they|it|he|she|we|all|both|each|"
    r"according|said|says|say|reported|also|already|now|so|last|ago|earlier|later|more|"
    r"less|only|just|about|around|nearly|almost|some|others|them|us|him|many|most|much|"
    r"killed|killing|kill|kills|died|dead|deaths|injured|wounded|hurt|displaced|fled|flee|"
    r"flees|fleeing|escape|escapes|escaping|moved|live|living|lived|reside|residing|resides|"
    r"remain|remained|succumb|succumbs|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|millions|"
    r"out|off|up|down|back|away|north|south|east|west|there|here|home|overnight|today|"
    r"yesterday|tonight|spent|went|said|took|came|ran|sought|made|got|began|left|fell|lost|"
    r"hit|struck|run|built|known|held|set|kept|[a-z]+ed"
)
#: A word of a noun phrase; a word in -ed counts only before another ('displaced people').
WORD = (
    rf"(?:(?!(?:{STOP})\b)[A-Za-z][A-Za-z'\u2010-]*|"
    rf"[A-Za-z]+ed(?=\s+(?!(?:{STOP})\b)[A-Za-z]))"
)
#: 'of their', 'of the', 'of the injured', 'of the 40 injured' before the words of a noun phrase.
OF_THEIR = (
    r"(?:\s+of\s+(?:their|the|its|his|her|our|those|these)\b(?:\s+#_*)?"
    r"(?:\s+(?:injured|wounded|dead|displaced|killed)\b)?)?"
)
#: A noun phrase after a number: words, or a list of words joined by commas and 'and'.
_ARTICLE = r"(?:(?:a|an|the|his|her|their|its)\s+)?"
#: A noun phrase after a number: words, or a list of words joined by commas and 'and'
#: ('civilians', 'health care workers and a pharmacist'), and a place or a body after it
#: ('in Kafr Nabl', 'of the Syrian Civil Defence').
NP = (
    rf"{OF_THEIR}(?:\s+(?:others|other|more))?"
    rf"(?:(?:\s+|\s*,\s*(?:and\s+)?{_ARTICLE}|\s+and\s+{_ARTICLE}){WORD}){{0,6}}"
    r"(?:\s+(?:loyal|allied|affiliated)\s+to\s+(?:the\s+)?[A-Za-z-]+)?"
    rf"(?:\s+(?:in|at|near|from|of)\s+(?:(?:the|an?)\s+)?{WORD}(?:\s+{WORD}){{0,2}})?"
)
#: What joins the items of a list.
LIST = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
#: An aside between a subject and its verb: ', including two children,', ' - all women -'.
ASIDE = (
    r"(?:\s*,\s*(?:including|all|among\s+them|among\s+whom|mostly|most\s+of\s+them|"
    r"many\s+of\s+them|of\s+whom)\b[^,;.]*,|\s+-\s+[^;.]*?\s+-|\s*\([^)]*\))?"
)
#: Auxiliaries and adverbs between a subject and its verb.
AUX = (
    r"(?:\s+(?:were|was|have|has|had|are|is|been|being|be|could|would|may|might|will|can|"
    r"[a-z]+ly|also|now|"
    r"already|who|that|later|all|remain|remained|believed|said|thought|estimated|feared|"
    r"reported|to|have|since|then|subsequently|eventually|forced))*"
)


#: 'of the' after another amount: '3 of the 7 people pulled from the rubble later died' (the
#: verb is the 3's, not the 7's).
PARTITIVE_RE = re.compile(rf"{AMOUNT}\s+of\s+(?:the|these|those|its|their)\s+$", re.IGNORECASE)


def mask(sentence: str, spans: list[tuple[int, int]]) -> str:
    """Return ``sentence`` with each span replaced by ``#`` and ``_`` of the same length."""
    chars = list(sentence)
    for start, end in spans:
        chars[start:end] = MASK + "_" * (end - start - 1)
    return "".join(chars)


def alternation(pairs: tuple[tuple[str, str], ...]) -> str:
    """Return ``(?P<k0>...)|(?P<k1>...)``: one named group per keyword pattern."""
    return "|".join(f"(?P<k{i}>{pattern})" for i, (pattern, _) in enumerate(pairs))


def indicator_of(match: re.Match[str], pairs: tuple[tuple[str, str], ...]) -> str:
    """Return the indicator of the keyword group of ``pairs`` that matched."""
    for i, (_, indicator) in enumerate(pairs):
        if match.group(f"k{i}") is not None:
            return indicator
    raise AssertionError(match.group(0))
