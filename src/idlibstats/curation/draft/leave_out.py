"""Stage 2 of the draft: which numbers of a sentence are not figures, and why.

Years (``2019``), days of the month in dates (``4 May 2019``, ``Between 1 and 28 April``,
``August 16-18``, ``Dec. 2, 2019``), durations and ages (``eight-year``, ``for four days``,
``2 min read``, ``aged between 6 and 12``), times of day (``10am``, ``3:30``, ``at 4 in the
morning``), ordinals (``2nd``, ``twenty-first``), designations (``F-16``, ``Phase 2``,
``resolution 2254``), measures and shares (``10 km``, ``6 miles``, ``70 percent``, ``$5
million``, ``eight in ten``), what a caption shows (``One photo``), fractions without a scale
(``2.5``), the pronoun ``one`` (``one of those``) and a speaker (``one official said``), the
size of one thing in a compound (``the 120-bed hospital``, ``a 30-truck convoy``), and a
number an aim, a plan, a wish or an appeal governs anywhere in its clause (``aimed to drive
more than 2 million``, ``wants to resettle up to a million``, ``hopes to reach 1.2 million
people with aid``, ``an appeal to help up to 500,000``): what someone means to do is not a
count of what happened; and (:mod:`.descriptions`) a capacity or a size (``a hospital with
200 beds``, ``able to treat 300 patients a day``), an age in apposition (``Abu Ahmad, 42,``),
a count of times (``hit three times``) or the size of a family (``a father of three``). A
modal, an expectation or a threat (``could flee``, ``expect 700,000 to flee``, ``threatens
to uproot``) is no intent of the speaker's: such a row is
drafted, flagged ``aim or modal`` (:mod:`.hedges`).
"""

from __future__ import annotations

import re

from idlibstats.curation.draft.descriptions import description
from idlibstats.curation.draft.hedges import INTENT_VERBS
from idlibstats.curation.draft.words import MONTHS, UNIT
from idlibstats.text.textnorm import NumberPhrase

__all__ = ["COUNTED_AFTER_RE", "why_left_out"]

_INT64_MAX = 2**63 - 1
# 'the 120-bed hospital', 'a 30-truck aid convoy', 'a 25-truck UN convoy', 'the 150-bed Idlib
# National Hospital', 'a 12-storey building': a compound that names the size of the thing after
# it, whatever the case of the next word ('10-year-old', 'two-month' are ages and durations).
_AFTER_SIZE_COMPOUND = re.compile(
    r"^-(?-i:[a-z]+)(?:-[a-z]+)*\s+(?!(?:of|and|or|to|in|on|at|by|for|from|with|as|than|"
    r"were|was|are|is|have|has|had|who|that|which|said|says)\b)[a-z]",
    re.IGNORECASE,
)
# 'aimed to drive more than', 'wants to send up to', 'Damascus has vowed to recapture every
# one of the', 'the goal is to return', 'hopes to reach 1.2 million people', 'aims, with its
# partners, to deliver winter kits to', 'are trying to get tents and blankets to', 'an appeal
# to help up to', 'seeks funds to shelter': the number is the object of what someone means
# to do, anywhere in the infinitive's clause. The clause ends at a comma, a colon, a
# conjunction or a verb of another clause ('hoped to avert a crisis, said 400,000 ...',
# 'hoped to flee but 12 were killed', 'trying to flee were hit by shells that killed 8'); an
# 'and' joins two objects only before a preposition ('tents and blankets to 80,000').
_CLAUSE_END = (
    r"and|but|or|as|when|while|after|before|until|then|because|since|so|that|which|who|"
    r"where|were|was|are|is|had|have|has|been|said|says|say|told|according"
)
# A verb of the clause after the infinitive's ('seeking to retake the town killed 12'): the
# number is its object, not the aim's.
_FINITE = (
    r"[a-z]+ed|hit|hits|struck|strikes|fled|flee|left|took|drove|kill|kills|killing|wounding|"
    r"leaving|forcing|displacing|injuring|destroying|hitting|striking|died|die|dies"
)
_AIM_NOUNS = (
    r"appeal|plan|bid|effort|efforts|goal|target|aim|objective|pledge|promise|proposal|scheme|"
    r"programme|program|campaign|drive|mission|funds|funding|money|call|calls|request|"
    r"million|billion|dollars|euros|pounds"  # '$50 million to help 2 million': a purpose
)
_INTENT_BEFORE = re.compile(
    rf"(?:\b(?:{INTENT_VERBS})(?:\s*,[^,;:#]{{1,60}},|(?:\s+(?!(?:{_CLAUSE_END})\b)[a-z]+){{1,3}})?"
    rf"|\b(?:{_AIM_NOUNS}))"
    r"\s+to\s+"
    r"[a-z'-]+\s+"  # the infinitive ('to reach', 'to feed')
    rf"(?:(?!(?:{_CLAUSE_END}|{_FINITE})\b)[a-z'-]+\s+|"
    r"(?:and|or)\s+[a-z'-]+\s+(?=(?:to|for|with|into)\s)){0,9}"
    r"(?<!\band\s)(?<!\bor\s)"
    r"(?:(?:up\s+to|as\s+many\s+as|more\s+than|at\s+least|some|about|around|over|nearly)\s+)?"
    r"(?:(?:every\s+one|all|each|some|most)\s+of\s+)?(?:the\s+|its\s+|their\s+)?$",
    re.IGNORECASE,
)
# 'Humanitarian partners target 1.1 million people with winter aid', 'are targeting 300,000
# displaced people with cash': whom aid means to reach (not 'Jets targeted 4 hospitals').
_TARGET_BEFORE = re.compile(
    r"\btarget(?:s|ing)?\s+(?:(?:up\s+to|some|about|around|nearly|more\s+than|over)\s+)?$",
    re.IGNORECASE,
)
_TARGET_AFTER = re.compile(
    r"^\s+(?:[a-z-]+\s+){0,2}(?:people|persons|individuals|civilians|children|families|"
    r"households|IDPs|residents|beneficiaries)\s+with\b",
    re.IGNORECASE,
)
_COUNTED = (
    r"(?:people|persons|individuals|civilians|children|kids|women|men|fighters|soldiers|troops|"
    r"rebels|families|refugees|airstrikes|strikes|raids|villages|towns|hospitals|facilities|"
    r"deaths|dead|killed|injured|wounded|displaced)\b"
)
#: A counted noun right after a number ('2019 airstrikes' is a count, not a year).
COUNTED_AFTER_RE = re.compile(rf"^\s+(?:[a-z-]+\s+)?{_COUNTED}", re.IGNORECASE)

# Tested on the text just after (_AFTER) or just before (_BEFORE) a number.
_AFTER_TIME = re.compile(r"^(?::\d{2}|\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z]))", re.IGNORECASE)
_BEFORE_TIME = re.compile(r"\d:$")
_AFTER_ORDINAL = re.compile(
    r"^-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b", re.IGNORECASE
)
_BEFORE_DESIGNATION = re.compile(r"[A-Za-z]-$")
# 'Phase 2', 'Article 3', 'resolution 2254', 'Brigade 46': a name, not a count.
_BEFORE_NAME_WORD = re.compile(
    r"\b(?:[Pp]hase|[Aa]rticle|[Rr]esolution|[Rr]oute|[Hh]ighway|[Bb]rigade|[Dd]ivision|[Rr]egiment|"
    r"[Bb]attalion|[Cc]hapter|[Ss]ection|[Pp]aragraph|[Ss]tage|[Pp]rotocol|[Cc]orps|"
    r"No\.?|[Nn]umber|[Ss]ector|[Pp]oint|[Pp]ost|[Zz]one)\s+$"
)
# 'at 4 in the morning', 'at 11 at night', 'at 4 o'clock'
_AFTER_HOUR = re.compile(
    r"^\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|o'clock)\b", re.IGNORECASE
)
_AFTER_DURATION = re.compile(rf"^(?:-|\s+)(?:long\s+|more\s+)?{UNIT}\b", re.IGNORECASE)
_BEFORE_AGE = re.compile(
    r"\b(?:aged|ages)\s+(?:between\s+|from\s+)?(?:\d+\s*(?:and|to|-)\s*)?$", re.IGNORECASE
)
_AFTER_DAY_OF_MONTH = re.compile(
    rf"^(?:st|nd|rd|th)?(?:\s*(?:-|and|to|until|till)\s*\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+{MONTHS}"
)
_BEFORE_MONTH = re.compile(
    rf"\b{MONTHS}\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:-|and|to|until|till|through)\s*)?$"
)
_NEXT_TO_SLASH = re.compile(r"\d/$")
_AFTER_SLASH = re.compile(r"^/\d")
_AFTER_MEASURE = re.compile(
    r"^(?:(?:\s+|-)(?:km|kms|kilometres?|kilometers?|miles?|metres?|meters?|cm|mm|feet|foot|ft|"
    r"yards?|kg|kilograms?|tons?|tonnes?|hectares?|acres?|sq\.?\s*km|square\s+[a-z]+|"
    r"percent|per\s*cent|percentage\s+points?|degrees?|litres?|"
    # money, with the currency's country: '1,200 Syrian pounds', '500 Turkish lira'
    r"(?:(?-i:[A-Z][a-z]+|US)\s+)?(?:dollars?|euros?|pounds?|liras?|dinars?)|"
    r"liters?|calibre|caliber)\b|\s*%)",
    re.IGNORECASE,
)
# 'destroyed seven tanks', '50 armoured vehicles', 'two helicopters': materiel, out of scope
# in docs/method.md (munitions, 'barrel bombs', 'shells', stay rows with no indicator).
_AFTER_MATERIEL = re.compile(
    r"^\s+(?:(?!(?:in|on|of|at|as|and|or|with|from|by|for|to|when|while|after|were|was|are|"
    r"is|killed|dead|died|wounded|injured|hurt|displaced|fled|hit|struck|people|civilians|"
    r"children|women|men|fighters|soldiers|troops|rebels)\b)[a-z-]+\s+){0,2}"
    r"(?:tanks?|vehicles?|APCs?|helicopters?|aircraft|warplanes?|jets?|drones?|launchers?|"
    r"artillery\s+pieces|pieces\s+of\s+artillery|cannons?)\b",
    re.IGNORECASE,
)
_BEFORE_MONEY = re.compile(r"(?:[$\u20ac\u00a3]|\bUS\$|\bUSD|\bEUR)\s*$")
_AFTER_MEDIA = re.compile(
    r"^(?:\s+[A-Za-z-]+)?\s+(?:photos?|photographs?|pictures?|images?|videos?|footage)\b",
    re.IGNORECASE,
)
_SHARE_AFTER = re.compile(
    r"^\s+(?:in|out\s+of)\s+(?:every\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)\b",
    re.IGNORECASE,
)
_SHARE_BEFORE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+(?:every\s+)?$",
    re.IGNORECASE,
)
_AFTER_PRONOUN = re.compile(r"^\s+(?:of|another)\b", re.IGNORECASE)
_BEFORE_PRONOUN = re.compile(r"\bno\s+$", re.IGNORECASE)
_RANGE_RE = re.compile(r"^\s*(?:-|to|and)\s*\d+(?:\.\d+)?", re.IGNORECASE)
_BEFORE_ARTICLE = re.compile(r"\b(?:of|in|at|on|from|with|by|for|into|during)\s+$", re.IGNORECASE)
# 'one volunteer said', 'one official told AFP': who speaks, not a count.
_AFTER_SPEAKER = re.compile(
    r"^(?:\s+[a-z-]+){1,2}\s+(?:said|says|told|tells|added|explained|recalled|described|"
    r"asked|warned|wrote|recounted)\b",
    re.IGNORECASE,
)


def why_left_out(sentence: str, number: NumberPhrase, wording: str | None) -> str | None:
    """Return why ``number`` is not a figure (year, date, duration, ...), or ``None``.

    Parameters
    ----------
    sentence : str
        The sentence the number is in.
    number : NumberPhrase
        The number, with its span in ``sentence``.
    wording : str or None
        The wording before it ('at least'), if any: a year has none.

    Returns
    -------
    str or None
        A short reason (``year``, ``day of month``, ``duration or age``, ``time of day``,
        ``ordinal``, ``designation``, ``measure, share or money``, ``materiel``, ``date``, ``what a
        caption shows``, ``pronoun``, ``a speaker``, ``article``, ``fraction``, ``too large for an
        integer column``), or
        ``None`` when the number may be a figure; also ``size of a thing``, ``aim, plan
        or wish``, ``age``, ``count of times`` and ``size of a family``.
    """
    before, after = sentence[: number.start], sentence[number.end :]
    digits = number.text[0].isdigit()
    if number.value is None:
        return "fraction"
    if number.value > _INT64_MAX:
        return "too large for an integer column"
    if digits and (_AFTER_TIME.match(after) or _BEFORE_TIME.search(before)):
        return "time of day"
    if _AFTER_HOUR.match(after) and number.value <= 12 and re.search(r"\bat\s+$", before):
        return "time of day"
    if _AFTER_ORDINAL.match(after):
        return "ordinal"
    if digits and (_BEFORE_DESIGNATION.search(before) or _BEFORE_NAME_WORD.search(before)):
        return "designation"
    if _AFTER_DURATION.match(after) or _BEFORE_AGE.search(before):
        return "duration or age"
    if _AFTER_MEASURE.match(after) or _BEFORE_MONEY.search(before):
        return "measure, share or money"
    if _AFTER_SIZE_COMPOUND.match(after):
        return "size of a thing"
    if _AFTER_MATERIEL.match(after):
        return "materiel"
    described = description(before, after, number.value, digits)
    if described is not None:  # 'a hospital with 200 beds', 'Abu Ahmad, 42,', 'three times'
        return described
    if _INTENT_BEFORE.search(before[-120:]) or (
        _TARGET_BEFORE.search(before) and _TARGET_AFTER.match(after)
    ):
        return "aim, plan or wish"
    range_end = _RANGE_RE.match(after)  # '15 to 20 km', '2-3 days'
    if range_end and (_AFTER_MEASURE.match(after[range_end.end() :]) or
                      _AFTER_DURATION.match(after[range_end.end() :])):
        return "measure, share or money"
    if _SHARE_AFTER.match(after) or _SHARE_BEFORE.search(before):
        return "measure, share or money"
    if digits and (_NEXT_TO_SLASH.search(before) or _AFTER_SLASH.match(after)):
        return "date"
    if digits and number.value <= 31 and "," not in number.text and " " not in number.text:
        if _AFTER_DAY_OF_MONTH.match(after):
            return "day of month"
        if _BEFORE_MONTH.search(before) and not COUNTED_AFTER_RE.match(after):
            return "day of month"
    if _is_year(number, after, wording):
        return "year"
    if _AFTER_MEDIA.match(after):
        return "what a caption shows"
    pronoun = _AFTER_PRONOUN.match(after) or _BEFORE_PRONOUN.search(before)
    if number.text.lower() == "one" and pronoun:
        return "pronoun"
    if number.text.lower() == "one" and _AFTER_SPEAKER.match(after):
        return "a speaker"
    if number.text.lower() == "one" and _BEFORE_ARTICLE.search(before):
        return "article"  # 'members of one family', 'in one strike'
    return None


def _is_year(number: NumberPhrase, after: str, wording: str | None) -> bool:
    return (
        re.fullmatch(r"\d{4}", number.text) is not None
        and 1900 <= (number.value or 0) <= 2099
        and wording is None
        and not COUNTED_AFTER_RE.match(after)
    )
