"""The draft's stages in order, sentence by sentence: what :func:`read_text` returns.

For each sentence of each line that is not a caption (:mod:`.sentences`): find its amounts
and the numbers left out (:mod:`.numbers`, :mod:`.leave_out`), then for each amount read the
clause (:mod:`.clause`) to link a part to its total (:mod:`.parts`) or decide the indicator
(:mod:`.indicator`, :mod:`.facilities`, :mod:`.hedges`), and the population
(:mod:`.population`), which must be a code of the schema's enum (:mod:`.vocabulary`).
Repeats are marked over the whole text afterwards (:mod:`.repeats`), when the rows have
their ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from idlibstats.curation.draft import clause
from idlibstats.curation.draft.facilities import part_facility_verb
from idlibstats.curation.draft.hedges import modal_after
from idlibstats.curation.draft.indicator import decide_indicator
from idlibstats.curation.draft.model import Amount, Draft, Line, Sentence, Skipped, Span
from idlibstats.curation.draft.numbers import amounts_in
from idlibstats.curation.draft.parts import (
    figure_before,
    has_own_predicate,
    points_back,
    total_of,
    words_near,
)
from idlibstats.curation.draft.phrases import mask
from idlibstats.curation.draft.population import (
    Group,
    combine_groups,
    group_after,
    named_groups,
)
from idlibstats.curation.draft.sentences import lines_of, sentences_of
from idlibstats.curation.draft.vocabulary import Vocabulary

__all__ = ["DraftedText", "read_text"]


@dataclass(frozen=True)
class DraftedText:
    """A report read by the draft.

    Attributes
    ----------
    lines : list of Line
        Every line of the text, normalised, captions marked.
    drafts : list of Draft
        One per row, in text order.
    skipped : list of tuple of (Sentence, Skipped)
        The numbers that are not figures, with their sentence.
    """

    lines: list[Line]
    drafts: list[Draft]
    skipped: list[tuple[Sentence, Skipped]]


@dataclass
class _Where:
    """What a sentence's reading needs besides the sentence itself."""

    sentence: Sentence
    masked: str
    amounts: list[Amount]
    groups: list[Group]  # the group words after each amount
    context: str  # the paragraph and the one before
    named_before: list[str]  # groups the previous sentence of the paragraph names


def read_text(text: str, vocabulary: Vocabulary) -> DraftedText:
    """Read a report's text into drafts (no ids, no repeats marked yet).

    Parameters
    ----------
    text : str
        The report's plain text.
    vocabulary : Vocabulary
        What the package's schema allows.
    """
    lines = lines_of(text)
    drafts: list[Draft] = []
    skipped: list[tuple[Sentence, Skipped]] = []
    previous_paragraph = ""
    for line in lines:
        named: list[str] = []
        for sentence in sentences_of(line):
            amounts, left_out = amounts_in(sentence.text)
            skipped += [(sentence, number) for number in left_out]
            masked = mask(sentence.text, [(a.start, a.end) for a in amounts])
            groups = [_group_of(sentence.text, a) for a in amounts]
            context = f"{previous_paragraph}\n{line.text}"
            where = _Where(sentence, masked, amounts, groups, context, named)
            for _ in _drafts_in(where, vocabulary, drafts):
                pass
            attached = [span for group in groups for span in group.spans]
            named = named_groups(sentence.text, len(sentence.text), attached)
        if line.text and not line.caption:
            previous_paragraph = line.text
    return DraftedText(lines, drafts, skipped)


def _group_of(text: str, amount: Amount) -> Group:
    """Return the group words after an amount ('12 civilians'; 'dozens of civilians')."""
    group = group_after(text, amount.end)
    vague_of = amount.vague and text[amount.end :].startswith(" of")
    if group.population is None and not group.reasons and vague_of:
        return group_after(text, amount.end + 3)
    return group


def _drafts_in(where: _Where, vocabulary: Vocabulary, earlier: list[Draft]) -> Iterator[Draft]:
    """Yield one draft per amount of a sentence; ``earlier`` holds the text's drafts so far."""
    here: list[Draft] = []
    for amount, group in zip(where.amounts, where.groups, strict=True):
        draft = _read(where, amount, group, vocabulary, earlier, here)
        if amount.vague and not _worth_showing(draft):
            continue
        here.append(draft)
        earlier.append(draft)
        yield draft


def _worth_showing(draft: Draft) -> bool:
    """Show a vague amount only when it counts people or a known indicator."""
    unknown = any(r.startswith("unknown thing") for r in draft.reasons)
    return not unknown and (draft.indicator is not None or draft.population is not None)


def _read(
    where: _Where,
    amount: Amount,
    group: Group,
    vocabulary: Vocabulary,
    earlier: list[Draft],
    here: list[Draft],
) -> Draft:
    """Decide one amount's indicator, population, total and review reasons."""
    text, masked, known = where.sentence.text, where.masked, vocabulary.indicators
    draft = Draft(amount, where.sentence, spans=[Span(amount.start, amount.end)])
    if amount.vague:
        draft.reasons.append("vague amount")
    draft.spans += group.spans
    draft.reasons += group.reasons
    population, words = group.population, group.words
    if group.words:
        draft.how["population"] = f"words after the number: '{group.words}'"
    total = total_of(masked, amount, earlier, here)
    if total is not None:
        population, words = _part(draft, total, group, where, earlier, here)
    else:
        after_of = amount.end + 3 if text[amount.end :].startswith(" of") and amount.vague else 0
        decide_indicator(draft, masked, where.amounts, known, after_of, here, where.context)
        if "indicator" not in draft.how:  # it points back to the figure before
            _indicator_before(draft, where, earlier, here)
    pointing = points_back(masked, amount)
    if draft.population is not None:  # named before the number: 'the toll among children'
        population = draft.population
    elif population is None and not group.reasons and pointing and _counts_people(draft, known):
        population = _population_before(draft, pointing, earlier, here)
    draft.population = _population(draft, population, words, where, vocabulary)
    if all(span.end <= amount.end and span.start >= amount.start for span in draft.spans):
        draft.spans.append(words_near(where.masked, amount))
    return draft


def _part(
    draft: Draft,
    total: tuple[int, str],
    group: Group,
    where: _Where,
    earlier: list[Draft],
    here: list[Draft],
) -> tuple[str | None, str]:
    """Label a part of a total: the total's indicator; the group it is said to be."""
    index, kind = total
    host = earlier[index]
    draft.part_of = index
    population, words = group.population, group.words
    predicate = clause.predicate_group(where.masked, draft.amount.end, draft.amount.start)
    if predicate is not None:
        population, reasons = combine_groups(predicate[0])
        words = predicate[0]
        draft.spans.append(Span(predicate[1], predicate[2]))
        draft.reasons.extend(reasons)
        draft.how["population"] = f"said to be '{predicate[0]}'"
    elif kind in {"share", "of these"} and not group.words:  # 'nearly all - 1,031 -', '8 of them'
        population = host.population
        draft.how["population"] = "as its total's"
    if host not in here:
        draft.reasons.append("part of an earlier total")
    doubts = [r for r in host.reasons if r.startswith(_DOUBTS_OF_A_TOTAL)]
    if doubts:  # the part inherits its total's labels, so their doubt too
        draft.reasons.append(f"part of a doubtful total: {doubts[0]}")
    draft.indicator = host.indicator
    draft.how["indicator"] = "as its total's"
    verb = None
    if (host.indicator or "").startswith("health_facilities"):
        verb = part_facility_verb(where.masked, draft.amount.end)
    if verb is not None:  # '46 facilities were attacked; 14 of them were destroyed'
        draft.indicator = f"health_facilities_{verb.kind}"
        draft.spans.append(Span(verb.start, verb.end))
        said = where.sentence.text[verb.start : verb.end]
        draft.how["indicator"] = f"a part of its total, verb '{said}'"
    if host.keyword is not None and host in here:
        draft.spans.append(host.keyword)
    return population, words


def _indicator_before(draft: Draft, where: _Where, earlier: list[Draft], here: list[Draft]) -> None:
    """Take the indicator of the figure 'another 58' or '... and 5 women' points to."""
    pointing = points_back(where.masked, draft.amount)
    before, same_sentence = figure_before(earlier, here)
    if pointing == "listed":
        before = here[-1] if here else None
        same_sentence = True
    if before is None or before.indicator is None or has_own_predicate(where.masked, draft.amount):
        draft.reasons.append("no indicator word")
        draft.how["indicator"] = "none: no word says what is counted"
        return
    draft.indicator = before.indicator
    if pointing == "listed":
        draft.how["indicator"] = "listed after the figure before"
        if any(r.startswith("guessed indicator") for r in before.reasons):
            draft.reasons.append("guessed indicator: as the figure it is listed with")
    else:
        draft.how["indicator"] = "as the figure before ('another')"
    if not same_sentence:
        draft.reasons.append("label from an earlier sentence")
    hedge = modal_after(where.masked, draft.amount.end)
    if hedge is not None:  # 'up to 200,000 more could follow'
        draft.reasons.append(f"aim or modal: '{hedge}'")


def _population_before(
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
    draft.how["population"] = "as the figure before"
    return before.population


def _population(
    draft: Draft, population: str | None, words: str, where: _Where, vocabulary: Vocabulary
) -> str | None:
    """Return the population code to write: by the indicator's unit, a default, the enum."""
    unit = vocabulary.indicators.get(draft.indicator or "")
    if unit is not None and unit != "people":
        draft.how["population"] = f"not_applicable: {draft.indicator} counts {unit}"
        population, words = "not_applicable", "not_applicable"
    elif unit is not None and population is None and not _population_doubt(draft):
        thing = clause.counted_thing(where.masked, draft.amount.end)[0]
        if thing and clause.is_people(thing):  # '12 members': of what?
            draft.reasons.append(f"unknown group: '{thing}'")
            draft.how["population"] = f"none: unknown group '{thing}'"
            return None
        population = "all"
        draft.how["population"] = "all: no group named"
        _named_before(draft, where)
    if population is not None and population not in vocabulary.populations:
        draft.reasons.append(f"population has no code: '{words or population}'")
        draft.how["population"] = f"none: '{population}' is not in the population enum"
        return None
    if population is None and "population" not in draft.how:
        draft.how["population"] = "none"
    return population


def _named_before(draft: Draft, where: _Where) -> None:
    """Flag a bare number ('four were wounded') after a clause that names a group."""
    reading = draft.how.get("indicator", "")
    if not reading.startswith(("subject", "noun 'wounded'", "noun 'injured'", "noun 'dead'")):
        return  # 'killed 10', 'the toll was 50', '8 bodies'
    if clause.counted_thing(where.masked, draft.amount.end)[0]:
        return
    if _VERB_BEFORE_RE.search(where.masked[: draft.amount.start]):
        return  # 'Rescue workers ... treated 20 wounded': whom they treated
    attached = [span for group in where.groups for span in group.spans]
    named = named_groups(where.sentence.text, draft.amount.start, attached)
    named = named or where.named_before
    if named:
        draft.reasons.append(f"population not said: '{named[-1]}' named before")


# What makes a total's labels doubtful, for its parts as well.
_DOUBTS_OF_A_TOTAL = (
    "unknown thing", "no indicator", "guessed indicator", "facilities", "coordination",
    "aim or modal", "place taken", "label from", "unknown group", "population side",
    "population from",
)
_VERB_BEFORE_RE = re.compile(r"\b(?:[a-z]+ed|took|saw|found|carried|brought)\s+$", re.IGNORECASE)


def _counts_people(draft: Draft, known: dict[str, str]) -> bool:
    return known.get(draft.indicator or "") == "people"


def _population_doubt(draft: Draft) -> bool:
    """Whether a reason already says the population is in doubt (no default 'all' then)."""
    return any(r.startswith(("population", "unknown group")) for r in draft.reasons)
