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
from idlibstats.curation.draft.facilities import facility_verb, part_facility_verb
from idlibstats.curation.draft.hedges import modal_after
from idlibstats.curation.draft.model import Amount, Draft, Span
from idlibstats.curation.draft.phrases import AMOUNT, LIST, NP
from idlibstats.curation.draft.population import Group, combine_groups

__all__ = [
    "figure_before",
    "has_own_predicate",
    "indicator_from_before",
    "label_part",
    "link_totals_after",
    "points_back",
    "population_from_before",
    "population_of_the_same",
    "said_to_be",
    "total_of",
    "words_near",
]

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


# 'Four women and two children were among the 9 people killed', '3 children among 9 dead',
# '24 of the 40 hospitals': parts named before their total, which follows 'among' or 'of the'.
_TOTAL_AFTER_RE = re.compile(
    rf"^{NP}(?:{LIST}(?:{AMOUNT}|an?\b){NP})*\s+(?:(?:were|was|are|is)\s+)?among\s+"
    rf"(?:the\s+|those\s+)?(?={AMOUNT})|^\s+of\s+(?:the|these|those)\s+(?={AMOUNT})",
    re.IGNORECASE,
)


def link_totals_after(masked: str, here: list[Draft], earlier: list[Draft]) -> None:
    """Point the parts of a sentence named before their total to it, once it is drafted.

    'Four women and two children were among the 9 people killed': the four and the two
    are parts of the nine (a larger number, of the same indicator or of none said); a
    part with no indicator word takes its total's, by the rule ``part``.
    """
    starts = {draft.amount.start: draft for draft in here}
    for index, draft in enumerate(here):
        if draft.part_of is not None or draft.amount.vague:
            continue
        for later in here[index + 1 :]:  # the first total a list of parts is among
            match = _TOTAL_AFTER_RE.match(masked[draft.amount.end :])
            if match is None:
                break
            total = starts.get(draft.amount.end + match.end())
            if total is later:
                _link(draft, total, earlier)
                break


def _link(draft: Draft, total: Draft, earlier: list[Draft]) -> None:
    larger = (total.amount.value or 0) > (draft.amount.value or 0)
    same = draft.indicator is None or draft.indicator == total.indicator
    if total.amount.vague or total.part_of is not None or not larger or not same:
        return
    draft.part_of = earlier.index(total)
    if total.keyword is not None:  # the excerpt shows what the total counts
        draft.spans.append(total.keyword)
    if draft.indicator is None and total.indicator is not None:
        draft.indicator = total.indicator
        draft.reasons = [r for r in draft.reasons if r != "no indicator word"]
        draft.decide("indicator", "part", "as its total's (named after it)", total)


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


def label_part(
    draft: Draft,
    total: tuple[int, str],
    group: Group,
    masked: str,
    earlier: list[Draft],
    here: list[Draft],
) -> tuple[str | None, str]:
    """Label a part of a total: the total's indicator, the group it is said to be.

    Returns the part's population (before the schema's check) and the words it came from.
    A facility part may have its own verb ('14 of them were destroyed'); a part inherits
    its total's doubt.
    """
    index, kind = total
    host = earlier[index]
    own = clause.part_verb(masked, draft.amount.end)
    if own is not None and host.indicator in _VERBS_OF_PEOPLE and own.indicator != host.indicator:
        return _not_a_breakdown(draft, own, host, group)  # 'three of whom later died'
    draft.part_of = index
    population, words = group.population, group.words
    said = said_to_be(draft, masked)
    if said is not None:
        population, words = said
    elif kind in {"share", "of these"} and not group.words:  # 'nearly all - 1,031 -', '8 of them'
        population = host.population
        draft.decide("population", "part", "as its total's", host)
    if host not in here:
        draft.reasons.append("part of an earlier total")
    doubts = [r for r in host.reasons if r.startswith(_DOUBTS_OF_A_TOTAL)]
    if doubts:  # the part inherits its total's labels, so their doubt too
        draft.reasons.append(f"part of a doubtful total: {doubts[0]}")
    draft.indicator = host.indicator
    draft.decide("indicator", "part", "as its total's", host)
    verb = None
    facilities = host.rules.get("indicator") == "facilities not hit"  # '31 ... affected'
    if facilities or (host.indicator or "").startswith("health_facilities"):
        verb = part_facility_verb(masked, draft.amount.end)
    if verb is not None:  # '46 facilities were attacked; 14 of them were destroyed'
        draft.indicator = f"health_facilities_{verb.kind}"
        draft.spans.append(Span(verb.start, verb.end))
        said = draft.sentence.text[verb.start : verb.end]
        draft.decide("indicator", "part, own verb", f"a part of its total, verb '{said}'")
    if host.keyword is not None and host in here:
        draft.spans.append(host.keyword)
    return population, words


_VERBS_OF_PEOPLE = {"killed", "injured", "displaced"}


def _not_a_breakdown(
    draft: Draft, own: clause.Reading, host: Draft, group: Group
) -> tuple[str | None, str]:
    """Label a number of a total that its own verb counts apart ('12 wounded, three of whom died').

    The three who died are no breakdown of the wounded: no ``part_of``; the indicator is
    the verb's, the group the total's unless the number names its own.
    """
    word = draft.sentence.text[own.start : own.end]
    draft.keyword = Span(own.start, own.end)
    draft.spans.append(draft.keyword)
    draft.indicator = own.indicator
    draft.decide("indicator", "subject", f"subject of '{word}', of the figure before")
    if group.words:
        return group.population, group.words
    draft.decide("population", "part", "as the figure it is counted among", host)
    return host.population, ""


# 'The nine died in the towns': a number with no noun after 'the' names a figure before.
_THE_RE = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)


def population_of_the_same(draft: Draft, masked: str, earlier: list[Draft]) -> str | None:
    """Return the group of the figure 'The nine' names again, if the text gave it before.

    'Jets killed nine civilians ... The nine died in the towns': the nine are the
    civilians (flagged when the figure is in an earlier sentence). With no figure of that
    value before, they are counted as all and the row says the population is not said.
    """
    amount = draft.amount
    if amount.vague or not _THE_RE.search(masked[: amount.start]):
        return None
    if clause.counted_thing(masked, amount.end)[0] or draft.rules.get("indicator") == "noun":
        return None  # 'the 61 dead': a noun of its own
    same = [d for d in earlier if d.amount.value == amount.value and not d.amount.vague]
    if not same or same[-1].population is None:  # counted as all, and said so
        said = draft.sentence.text[amount.start : amount.end]
        draft.reasons.append(f"population not said: 'the {said}'")
        draft.decide("population", "default all", "all: no group named")
        return "all"
    source = same[-1]
    draft.decide("population", "figure before", "as the figure it names again", source)
    if source.sentence is not draft.sentence:
        draft.reasons.append("label from an earlier sentence")
    return source.population


def said_to_be(draft: Draft, masked: str) -> tuple[str | None, str] | None:
    """Return the group a number is said to be, and its words ('213 were women'), if any.

    'Two of those killed were paramedics', 'Women made up 190 of the dead': the population
    is decided here (its doubts added), or ``None`` is returned when nothing says it.
    """
    predicate = clause.predicate_group(masked, draft.amount.end, draft.amount.start)
    if predicate is None:
        return None
    words, start, end = predicate
    population, reasons = combine_groups(words)
    draft.spans.append(Span(start, end))
    draft.reasons.extend(reasons)
    draft.decide("population", "said to be", f"said to be '{words}'")
    return population, words


def indicator_from_before(
    draft: Draft, masked: str, earlier: list[Draft], here: list[Draft]
) -> None:
    """Take the indicator of the figure 'another 58' or '... and 5 women' points to."""
    pointing = points_back(masked, draft.amount)
    before, same_sentence = figure_before(earlier, here)
    if pointing == "listed":
        before = here[-1] if here else None
        same_sentence = True
    facilities = before is not None and (before.indicator or "").startswith("health_facilities")
    if facilities and _other_facilities(draft, masked, before):  # 'and damaged two others'
        return
    if before is None or before.indicator is None or has_own_predicate(masked, draft.amount):
        draft.reasons.append("no indicator word")
        draft.decide("indicator", "no word", "none: no word says what is counted")
        return
    draft.indicator = before.indicator
    if pointing == "listed":
        draft.decide("indicator", "listed", "listed after the figure before", before)
        if any(r.startswith("guessed indicator") for r in before.reasons):
            draft.reasons.append("guessed indicator: as the figure it is listed with")
    else:
        draft.decide("indicator", "another", "as the figure before ('another')", before)
    if not same_sentence:
        draft.reasons.append("label from an earlier sentence")
    hedge = modal_after(masked, draft.amount.end)
    if hedge is not None:  # 'up to 200,000 more could follow'
        draft.reasons.append(f"aim or modal: '{hedge}'")


def _other_facilities(draft: Draft, masked: str, before: Draft) -> bool:
    """Decide more facilities by their own verb ('destroyed one clinic and damaged two others')."""
    more = _MORE_RE.match(masked[draft.amount.end :])
    noun_end = draft.amount.end + (more.end() if more else 0)
    verb = facility_verb(masked, draft.amount.start, noun_end)
    if verb is None:
        return False
    said = draft.sentence.text[verb.start : verb.end]
    draft.spans.append(Span(verb.start, verb.end))
    if verb.kind == "other":  # 'and two others were closed'
        draft.reasons.append(f"facilities not said to be hit: '{said}'")
        draft.decide("indicator", "facilities not hit", f"none: no attack, '{said}'")
        return True
    draft.indicator = f"health_facilities_{verb.kind}"
    draft.decide("indicator", "other facilities, own verb",
                 f"verb '{said}', facilities as the figure before", before)
    return True


def population_from_before(
    draft: Draft, pointing: str, earlier: list[Draft], here: list[Draft]
) -> str | None:
    """Return the group of the figure a number with none of its own points back to.

    'another 9' in a later sentence, or a specific group ('Eight health workers were
    killed and 14 hurt': health workers?) is flagged; 'all' taken from the figure before is
    not.
    """
    before, same_sentence = figure_before(earlier, here)
    if pointing == "listed" or before is None or before.population is None:
        return None
    if pointing == "joined" and before.population == "all":
        return None  # the default says the same, and says why
    if not same_sentence:
        if "label from an earlier sentence" not in draft.reasons:
            draft.reasons.append("label from an earlier sentence")
    elif before.population != "all":
        draft.reasons.append(f"population from the figure before: '{before.population}'")
    draft.decide("population", "figure before", "as the figure before", before)
    return before.population


# What makes a total's labels doubtful, for its parts as well.
_DOUBTS_OF_A_TOTAL = (
    "unknown thing", "no indicator", "guessed indicator", "facilities", "coordination",
    "aim or modal", "place taken", "label from", "unknown group", "population side",
    "population from",
)
