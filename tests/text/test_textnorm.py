"""Text normalisation, hashing and the number parser shared by draft and verify."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import REPORTS, ROOT, needs_reports
from hypothesis import given, settings
from hypothesis import strategies as st

import idlibstats
from idlibstats.text.textnorm import norm, numbers_in, parse_number, text_sha256

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _words_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_UNITS[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, unit = divmod(rest, 10)
        parts.append(_TENS[tens] + (f"-{_UNITS[unit]}" if unit else ""))
    elif rest or not parts:
        parts.append(_UNITS[rest])
    return " and ".join(parts)


def _words(n: int) -> str:
    """English words for 0 <= n < 1,000,000 ('one hundred and twenty thousand and five')."""
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _words_below_1000(rest)
    head = f"{_words_below_1000(thousands)} thousand"
    if not rest:
        return head
    return (
        f"{head} and {_words_below_1000(rest)}"
        if rest < 100
        else f"{head} {_words_below_1000(rest)}"
    )


# --- norm and text_sha256 ---------------------------------------------------------------


def test_norm_straightens_quotes_and_dashes_and_collapses_whitespace():
    text = "\u201cTwo\u201d children\u2019s  \u2013 camp\u2014hit\n\n\tover\u00a0138,500 "
    assert norm(text) == '"Two" children\'s - camp-hit over 138,500'


def test_norm_keeps_the_reference_quirk_for_the_non_breaking_hyphen():
    # As in ../shared/tools/provenance.py: NFKC runs first and turns U+2011 into U+2010
    # (HYPHEN), which no replacement touches. Changing this would change recorded hashes.
    assert norm("pro\u2011government") == "pro\u2010government"


def test_norm_applies_nfkc():
    assert norm("\ufb01eld \u2460") == "field 1"  # ligature and circled digit


def test_norm_is_idempotent():
    text = "  \u201cAt least\u201d  12\u2013killed \n"
    assert norm(norm(text)) == norm(text)


def test_text_sha256_hashes_the_normalised_utf8_text():
    text = "Airstrikes \u2018hit\u2019 Idlib\n\n  on Monday "
    expected = hashlib.sha256(b"Airstrikes 'hit' Idlib on Monday").hexdigest()
    assert text_sha256(text) == expected


def test_text_sha256_ignores_quote_dash_and_whitespace_style_but_not_letters():
    a = "Four people \u2013 all \u201cwomen\u201d \u2013 were injured.\n"
    b = 'Four people - all "women" - were injured.'
    assert text_sha256(a) == text_sha256(b)
    assert text_sha256(b) != text_sha256(b.replace("injured", "injurad"))


@needs_reports
def test_text_sha256_reproduces_every_recorded_hash():
    recorded = set(idlibstats.sources(ROOT)["text_sha256"].astype(str))
    texts = sorted(Path(REPORTS).glob("*.txt"))
    hashes = {text_sha256(p.read_text(encoding="utf-8")) for p in texts}
    assert recorded <= hashes, f"no text in {REPORTS} for {sorted(recorded - hashes)}"


# --- the number parser --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("138,500", 138_500),
        ("3013", 3013),
        ("1,000", 1000),
        ("3 million", 3_000_000),
        ("1.5 million", 1_500_000),
        ("Fifty-one", 51),
        ("twenty-five", 25),
        ("one hundred", 100),
        ("three million", 3_000_000),
        ("one hundred and twenty", 120),
        ("two hundred and fifty thousand", 250_000),
        ("ZERO", 0),
    ],
)
def test_parse_number(phrase, value):
    assert parse_number(phrase) == value


def test_parse_number_gives_none_for_a_fraction():
    assert parse_number("2.5") is None


@pytest.mark.parametrize("phrase", ["", "dozens", "12 dozen", "1,2,3x"])
def test_parse_number_rejects_what_is_not_a_number(phrase):
    with pytest.raises(ValueError):
        parse_number(phrase)


def test_numbers_in_finds_each_number_once_with_its_span():
    text = "over 138,500 fled, Fifty-one died, around 3 million live; 2.5 and one and two"
    found = list(numbers_in(text))
    assert [(n.text, n.value) for n in found] == [
        ("138,500", 138_500),
        ("Fifty-one", 51),
        ("3 million", 3_000_000),
        ("2.5", None),
        ("one", 1),
        ("two", 2),
    ]
    assert all(text[n.start : n.end] == n.text for n in found)


def test_numbers_in_ignores_words_that_only_contain_number_words():
    assert list(numbers_in("someone tens hundreds oneself often anyone")) == []


def test_numbers_in_does_not_split_a_comma_grouped_number():
    assert [n.value for n in numbers_in("counted 1,234,567 strikes")] == [1_234_567]


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_comma_grouped_integers_parse_back(n):
    rendered = f"{n:,}"
    assert parse_number(rendered) == n
    assert [(p.text, p.value) for p in numbers_in(f"killed {rendered} people")] == [(rendered, n)]


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_integers_written_in_words_parse_back(n):
    words = _words(n)
    assert parse_number(words) == n
    assert [p.value for p in numbers_in(f"about {words} people")] == [n]
