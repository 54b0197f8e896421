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

from collections.abc import Iterator
from dataclasses import dataclass

from idlibstats.curation.draft.indicator import decide_indicator
from idlibstats.curation.draft.model import Amount, Draft, Line, Sentence, Skipped, Span
from idlibstats.curation.draft.numbers import amounts_in
from idlibstats.curation.draft.parts import (
    indicator_from_before,
    label_part,
    points_back,
    population_from_before,
    total_of,
    words_near,
)
from idlibstats.curation.draft.phrases import mask
from idlibstats.curation.draft.population import Group, group_after, named_groups
from idlibstats.curation.draft.population_code import population_code
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
        population, words = label_part(draft, total, group, masked, earlier, here)
    else:
        after_of = amount.end + 3 if text[amount.end :].startswith(" of") and amount.vague else 0
        decide_indicator(draft, masked, where.amounts, known, after_of, here, where.context)
        if "indicator" not in draft.how:  # it points back to the figure before
            indicator_from_before(draft, masked, earlier, here)
    pointing = points_back(masked, amount)
    if draft.population is not None:  # named before the number: 'the toll among children'
        population = draft.population
    elif population is None and not group.reasons and pointing and _counts_people(draft, known):
        population = population_from_before(draft, pointing, earlier, here)
    attached = [span for each in where.groups for span in each.spans]
    draft.population = population_code(
        draft, population, words, masked, attached, where.named_before, vocabulary
    )
    if all(span.end <= amount.end and span.start >= amount.start for span in draft.spans):
        draft.spans.append(words_near(where.masked, amount))
    return draft


def _counts_people(draft: Draft, known: dict[str, str]) -> bool:
    return known.get(draft.indicator or "") == "people"
