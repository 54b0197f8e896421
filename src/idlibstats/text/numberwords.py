"""The numbers a short phrase says, including fractions and articles before a scale word.

:func:`idlibstats.text.textnorm.numbers_in` (the parser the draft tool uses) reads digits and
number words (``138,500``, ``3 million``, ``Fifty-one``, ``one hundred and twenty``).
:func:`said_values` adds what a report may write for a round number: an article or a
fraction before a scale word (``a million``, ``half a million``, ``a quarter of a million``,
``three-quarters of a million``, ``two and a half million``, ``a dozen``), then reads the
rest of the phrase with ``numbers_in``. It is used to check that ``value_as_written`` says ``value``
(:mod:`idlibstats.datapackage.rules.wording`).

Examples
--------
>>> said_values("a quarter of a million")
[250000]
>>> said_values("more than half a million")
[500000]
>>> said_values("about three million")
[3000000]
"""

from __future__ import annotations

import re
from fractions import Fraction

from idlibstats.text.textnorm import SCALES, UNITS, numbers_in

__all__ = ["said_values"]

_FRACTIONS = {"half": Fraction(1, 2), "quarter": Fraction(1, 4), "third": Fraction(1, 3)}
_SCALE = "|".join(SCALES)
_ARTICLE = r"(?:a|an|one)"
_WHOLE = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
# Phrases numbers_in does not read: 'two and a half million', 'half a million',
# 'a half million', 'a quarter of a million', 'three-quarters of a million', 'a dozen'.
_PHRASE_RE = re.compile(
    rf"\b(?:"
    rf"(?P<whole>{_WHOLE})\s+and\s+a\s+half\s+(?P<s0>{_SCALE})"
    rf"|(?P<multiple>two|three)[- ](?P<parts>quarters|thirds)\s+of\s+{_ARTICLE}\s+(?P<s1>{_SCALE})"
    rf"|(?:{_ARTICLE}\s+)?(?P<fraction>half|quarter|third)\s+(?:of\s+)?{_ARTICLE}\s+"
    rf"(?P<s2>{_SCALE})"
    rf"|{_ARTICLE}\s+half\s+(?P<s3>{_SCALE})"
    rf"|(?<![\w-])(?:a|an)\s+dozen"
    rf")\b",
    re.IGNORECASE,
)
# 'a million', 'a hundred and twenty': the article is read as 'one' by numbers_in.
_ARTICLE_SCALE_RE = re.compile(rf"(?<![\w-])(?:a|an)(?=\s+(?:{_SCALE})\b)", re.IGNORECASE)


def _value(match: re.Match[str]) -> int | None:
    if match["s0"]:
        whole = match["whole"].lower()
        count = int(whole) if whole.isdigit() else UNITS[whole]
        amount = (count + Fraction(1, 2)) * SCALES[match["s0"].lower()]
    elif match["s1"]:
        share = Fraction(2 if match["multiple"].lower() == "two" else 3,
                         4 if match["parts"].lower() == "quarters" else 3)
        amount = share * SCALES[match["s1"].lower()]
    elif match["s2"]:
        amount = _FRACTIONS[match["fraction"].lower()] * SCALES[match["s2"].lower()]
    elif match["s3"]:
        amount = Fraction(1, 2) * SCALES[match["s3"].lower()]
    else:
        amount = Fraction(12)  # a dozen
    return int(amount) if amount.denominator == 1 else None


def said_values(text: str) -> list[int | None]:
    """Return the value of every number a short phrase says, in order.

    Parameters
    ----------
    text : str
        A phrase such as ``value_as_written`` (``'at least 12'``, ``'Fifty-one'``,
        ``'a quarter of a million'``).

    Returns
    -------
    list of int or None
        One value per number phrase; ``None`` for one that is not a whole number (``'2.5'``,
        ``'a third of a million'``). Empty when the phrase holds no number.
    """
    found: list[tuple[int, int | None]] = []
    rest = text
    for match in _PHRASE_RE.finditer(text):
        found.append((match.start(), _value(match)))
        # Blank the phrase (same length) so numbers_in neither reads it nor shifts offsets.
        rest = rest[: match.start()] + " " * (match.end() - match.start()) + rest[match.end():]
    # 'a hundred and twenty' -> 'one hundred and twenty' (offsets shift by two characters at
    # most per article; they only order the values).
    rest = _ARTICLE_SCALE_RE.sub(lambda m: "one".ljust(len(m.group(0))), rest)
    found += [(phrase.start, phrase.value) for phrase in numbers_in(rest)]
    return [value for _, value in sorted(found, key=lambda item: item[0])]
