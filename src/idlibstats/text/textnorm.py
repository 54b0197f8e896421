r"""Text normalisation and number phrases, shared by the draft and verify tools.

:func:`norm` is the normalisation of the reference provenance check
(``../shared/tools/provenance.py``): Unicode NFKC, curly quotes and dashes made straight,
whitespace collapsed to single spaces and trimmed. :func:`text_sha256` hashes the normalised
text, which is how ``sources.text_sha256`` identifies a report's text.

:func:`numbers_in` finds every number written in digits (``138,500``, ``150 000``,
``3013``, ``3 million``, ``1.5 million``) or in English words (``Fifty-one``, ``three
million``, ``one hundred and twenty``), or as a fraction of a scale (``half a million``,
``a quarter of a million``, ``two and a half million``), and gives its integer value. It
finds *all* of them, years and days of the month included: deciding which numbers are
figures is the draft tool's job.

Examples
--------
>>> norm("“Two”\u00a0children \u2013  killed\n")
'"Two" children - killed'
>>> [(n.text, n.value) for n in numbers_in("over 138,500 and Fifty-one, around 3 million")]
[('138,500', 138500), ('Fifty-one', 51), ('3 million', 3000000)]
>>> parse_number("one hundred and twenty")
120
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "NumberPhrase",
    "norm",
    "numbers_in",
    "parse_number",
    "text_sha256",
]

# The same replacements, in the same order, as provenance.py's norm().
_STRAIGHTEN = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2011", "-"),
)

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
UNITS = {word: i for i, word in enumerate(_UNIT_WORDS.split(" "))}
TENS = {word: 10 * i for i, word in enumerate(_TENS_WORDS.split(" "), start=2)}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_SMALL = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_SCALE = "|".join(SCALES)
# 'and' joins words only after a scale word: 'one hundred and twenty', not 'one and two'.
_AFTER_SCALE = "(?:" + "|".join(f"(?<={scale})" for scale in SCALES) + ")"
# A word number starts with a unit or a tens word; scales and 'and' may follow.
_WORD_NUMBER = (
    rf"\b(?:{_SMALL})\b"
    rf"(?:(?:[ -]|{_AFTER_SCALE}\s+and\s+(?=(?:{_SMALL})\b))(?:{_SMALL}|{_SCALE})\b)*"
)
# Digits: grouped by commas (138,500) or by spaces (150 000: a space or a narrow no-break
# space before norm()), or plain (3013); optional decimals, optional scale word.
_DIGIT_NUMBER = (
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?![\d,])|\d+)(?:\.\d+)?(?![\w]|[.,]\d)"
    rf"(?:\s+(?:{_SCALE})\b)?"
)
# Fractions of a scale: 'a quarter of a million', 'half a million', 'three quarters of a
# million', 'two and a half million', '2 and a half million'; and 'a million', 'a thousand'.
FRACTIONS = {
    "half": Fraction(1, 2),
    "quarter": Fraction(1, 4),
    "quarters": Fraction(1, 4),
    "third": Fraction(1, 3),
    "thirds": Fraction(1, 3),
}
_BIG = "thousand|million|billion"
_WHOLE = rf"(?:\d+|(?:{_SMALL})(?:-(?:{_SMALL}))?)"
_FRACTION_NUMBER = (
    rf"\b(?:(?:a|one)\s+(?:half|quarter|third)\s+of\s+(?:a|one)|half\s+(?:a|one)|"
    rf"(?:{_SMALL})\s+(?:quarters|thirds)\s+of\s+(?:a|one)|"
    rf"{_WHOLE}\s+and\s+(?:a|one)\s+(?:half|quarter)|a)\s+(?:{_BIG})\b"
)
NUMBER_RE = re.compile(rf"{_FRACTION_NUMBER}|{_DIGIT_NUMBER}|{_WORD_NUMBER}", re.IGNORECASE)
_FRACTION_RE = re.compile(rf"(?:{_FRACTION_NUMBER})", re.IGNORECASE)


@dataclass(frozen=True)
class NumberPhrase:
    """One number found in a text.

    Attributes
    ----------
    text : str
        The number exactly as written (``'138,500'``, ``'Fifty-one'``, ``'3 million'``).
    value : int or None
        Its value; ``None`` when it is not a whole number (``'2.5'``).
    start, end : int
        Its span in the text searched.
    """

    text: str
    value: int | None
    start: int
    end: int


def norm(text: str) -> str:
    """Return ``text`` normalised as the provenance check does.

    Unicode NFKC; curly quotes, en and em dashes and non-breaking hyphens made straight;
    every run of whitespace collapsed to one space; leading and trailing space removed.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The normalised text.
    """
    text = unicodedata.normalize("NFKC", text)
    for curly, straight in _STRAIGHTEN:
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text).strip()


def text_sha256(text: str) -> str:
    """Return the SHA-256 (hex) of the UTF-8 bytes of ``norm(text)``.

    This is the value recorded in ``sources.text_sha256``: two copies of a report that
    differ only in quotes, dashes or whitespace get the same hash.

    Parameters
    ----------
    text : str
        A report's text, as read from its file.

    Returns
    -------
    str
        64 lowercase hex digits.
    """
    return hashlib.sha256(norm(text).encode("utf-8")).hexdigest()


def _parse_words(words: list[str]) -> int:
    total, group = 0, 0
    for word in words:
        if word in UNITS:
            group += UNITS[word]
        elif word in TENS:
            group += TENS[word]
        elif word == "hundred":
            group = max(group, 1) * 100
        elif word in SCALES:
            total += max(group, 1) * SCALES[word]
            group = 0
        elif word != "and":
            raise ValueError(f"not a number word: {word!r}")
    return total + group


def _parse_fraction(words: list[str]) -> int | None:
    """Value of 'a quarter of a million', 'two and a half million', 'a thousand'..."""
    scale = SCALES[words[-1]]
    head = [w for w in words[:-1] if w not in {"of", "a"}]
    if "and" in head:  # 'two and a half': a whole number, then a fraction
        cut = head.index("and")
        whole = Fraction(int(head[0])) if head[0].isdigit() else Fraction(_parse_words(head[:cut]))
        amount = whole + FRACTIONS[head[-1]]
    elif not head:  # 'a million'
        amount = Fraction(1)
    elif head[-1] in {"quarters", "thirds"}:  # 'three quarters of a million'
        amount = _parse_words(head[:-1]) * FRACTIONS[head[-1]]
    else:  # 'a quarter of a million', 'half a million' ('one' stays out of the product)
        amount = FRACTIONS[next(w for w in head if w in FRACTIONS)]
    value = amount * scale
    return int(value) if value.denominator == 1 else None


def parse_number(phrase: str) -> int | None:
    """Return the value of one number phrase, or ``None`` if it is not a whole number.

    Parameters
    ----------
    phrase : str
        Digits (``'138,500'``, ``'3013'``, ``'1.5 million'``) or English number words
        (``'Fifty-one'``, ``'three million'``, ``'one hundred and twenty'``).

    Returns
    -------
    int or None
        The value; ``None`` for a value with a fraction (``'2.5'``).

    Raises
    ------
    ValueError
        If ``phrase`` is not a number phrase.
    """
    words = phrase.strip().lower().replace("-", " ").split()
    if not words:
        raise ValueError("empty number phrase")
    if _FRACTION_RE.fullmatch(" ".join(words)):
        return _parse_fraction(words)
    if (
        len(words) >= 2
        and re.fullmatch(r"\d{1,3}", words[0])
        and all(re.fullmatch(r"\d{3}(?:\.\d+)?", w) for w in words[1:] if w not in SCALES)
        and words[1] not in SCALES
    ):
        words = ["".join(w for w in words if w not in SCALES), *[w for w in words if w in SCALES]]
    scale = 1
    if words[0][0].isdigit():
        if len(words) > 2 or (len(words) == 2 and words[1] not in SCALES):
            raise ValueError(f"not a number phrase: {phrase!r}")
        if len(words) == 2:
            scale = SCALES[words[1]]
        head = words[0].replace(",", "")
        if not re.fullmatch(r"\d+(?:\.\d+)?", head):
            raise ValueError(f"not a number phrase: {phrase!r}")
        value = Decimal(head) * scale
        return int(value) if value == value.to_integral_value() else None
    return _parse_words(words)


def numbers_in(text: str) -> Iterator[NumberPhrase]:
    """Yield every number written in ``text``, in order, with its value and span.

    Parameters
    ----------
    text : str
        Any text (normalise it first with :func:`norm` to match excerpts).

    Yields
    ------
    NumberPhrase
        Each number phrase: text as written, value, start and end offsets.
    """
    for match in NUMBER_RE.finditer(text):
        phrase = match.group(0)
        yield NumberPhrase(phrase, parse_number(phrase), match.start(), match.end())
