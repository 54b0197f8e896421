"""The draft's stages in order, sentence by sentence: what :func:`read_text` returns.

For each sentence of each line that is not a caption (:mod:`.sentences`): find its amounts
and the numbers left out (:mod:`.numbers`, :mod:`.leave_out`), then for each amount read the
clause (:mod:`.clause`) to link a part to its total (:mod:`.parts`) or decide the indicator
(:mod:`.indicator`, :mod:`.facilities`, :mod:`.hedges`), and the population
(:mod:`.population`), which must be a code of the schema's enum (:mod:`.vocabulary`).
Then every label a rule that is not certain decided gets its review reason
(:mod:`.doubts`). Repeats are marked over the whole text afterwards (:mod:`.repeats`), when
the rows have their ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from idlibstats.curation.draft.doubts import flag_doubts
from idlibstats.curation.draft.indicator import decide_indicator
from idlibstats.curation.draft.model import Amount, Draft, Line, Sentence, Skipped, Span
from idlibstats.curation.draft.numbers import amounts_in, unread_wording
from idlibstats.curation.draft.parts import (
    indicator_from_before,
    label_part,
    link_totals_after,
    points_back,
    population_from_before,
    population_of_the_same,
    said_to_be,
    total_of,
    words_near,
)
from idlibstats.curation.draft.phrases import mask
from idlibstats.curation.draft.population import (
    Group,
    apposition_later,
    group_after,
    named_groups,
    shared_group,
    side_before,
)
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
            groups = [_group_of(sentence.text, masked, a) for a in amounts]
            context = f"{previous_paragraph}\n{line.text}"
            where = _Where(sentence, masked, amounts, groups, context, named)
            for _ in _drafts_in(where, vocabulary, drafts):
                pass
            attached = [span for group in groups for span in group.spans]
            named = named_groups(sentence.text, len(sentence.text), attached)
        if line.text and not line.caption:
            previous_paragraph = line.text
    flag_doubts(drafts)
    return DraftedText(lines, drafts, skipped)


def _group_of(text: str, masked: str, amount: Amount) -> Group:
    """Return the group words after an amount ('12 civilians'; 'dozens of civilians').

    '44 deaths and 63 injuries among aid workers': the 44 share the 63's group (flagged).
    """
    group = group_after(text, amount.end)
    vague_of = amount.vague and text[amount.end :].startswith(" of")
    if group.population is None and not group.reasons and vague_of:
        return group_after(text, amount.end + 3)
    partitive = _OF_THE_AMOUNT_RE.match(masked[amount.end :])
    if group.population is None and not group.reasons and partitive:  # '3 of the 7 people'
        return group_after(text, amount.end + partitive.end())
    if group.population is None and not group.reasons:
        return shared_group(masked, amount.end) or group
    return group


# '3 of the 7 people pulled from the rubble': the 3 are of the 7's group.
_OF_THE_AMOUNT_RE = re.compile(r"^\s+of\s+(?:the|these|those)\s+#_*", re.IGNORECASE)


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
    link_totals_after(where.masked, here, earlier)


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
    wording = unread_wording(text, amount)
    if wording is not None:  # 'now exceeds 3 million'
        draft.reasons.append(f"wording not read: '{wording}'")
    draft.spans += group.spans
    draft.reasons += group.reasons
    population, words = group.population, group.words
    if group.words:
        draft.decide("population", group.rule, f"{_GROUP_HOW[group.rule]} '{group.words}'")
    total = total_of(masked, amount, earlier, here)
    if total is not None:
        population, words = label_part(draft, total, group, masked, earlier, here)
    else:
        after_of = amount.end + 3 if text[amount.end :].startswith(" of") and amount.vague else 0
        decide_indicator(draft, masked, where.amounts, known, after_of, here, where.context)
        if "indicator" not in draft.how:  # it points back to the figure before
            indicator_from_before(draft, masked, earlier, here)
        if population == "men" and _lost_by_a_side(draft):  # 'the army lost 45 men'
            population, words = _men_lost(draft)
        if population in {None, "all"} and not group.reasons:  # 'Two of the dead were medics'
            said = said_to_be(draft, masked)
            if said is not None:
                population, words = said
            elif group.rule == "words after":  # 'Nine were killed, all of them civilians'
                population, words = _apposition(draft, masked, group, population, words)
    pointing = points_back(masked, amount)
    if draft.population is not None:  # named before the number: 'the toll among children'
        population = draft.population
    elif population is None and not group.reasons and pointing and _counts_people(draft, known):
        population = population_from_before(draft, pointing, earlier, here)
    elif population is None and not group.reasons and _counts_people(draft, known):
        population = population_of_the_same(draft, masked, earlier)  # 'The nine died'
    attached = [span for each in where.groups for span in each.spans]
    draft.population = population_code(
        draft, population, words, masked, attached, where.named_before, vocabulary
    )
    if all(span.end <= amount.end and span.start >= amount.start for span in draft.spans):
        draft.spans.append(words_near(where.masked, amount))
    return draft


_GROUP_HOW = {
    "words after": "words after the number:",
    "apposition": "apposition:",
    "apposition, not all": "words after the number (an apposition says most):",
    "shared group": "the group the list shares:",
}


def _apposition(
    draft: Draft, masked: str, group: Group, population: str | None, words: str
) -> tuple[str | None, str]:
    """Read an apposition later in the clause, for a number whose group says no more than all."""
    end = max([draft.amount.end, *(span.end for span in group.spans)])
    later = apposition_later(masked, end)
    if later is None:
        return population, words
    draft.spans += later.spans
    draft.reasons += later.reasons
    if later.rule == "apposition":
        draft.decide("population", later.rule, f"apposition: '{later.words}'")
        return later.population, later.words
    said = masked[later.spans[0].start : later.spans[0].end].strip(" ,-(")
    draft.decide("population", later.rule, f"all: an apposition says most, '{said}'")
    return later.population, words


def _men_lost(draft: Draft) -> tuple[str, str]:
    """Return the side whose men a number counts, flagged: the subject's, else fighters."""
    start = draft.keyword.start if draft.keyword is not None else draft.amount.start
    side = side_before(draft.sentence.text, start) or "fighters"
    draft.reasons.append(f"population side unclear: men a side lost, read as {side}")
    draft.decide("population", "a side's men", f"{side}: the men the subject lost")
    return side, "men"


def _lost_by_a_side(draft: Draft) -> bool:
    """Whether the number is of men a side lost ('Syrian troops lost at least 45 men')."""
    keyword = draft.keyword
    said = "" if keyword is None else draft.sentence.text[keyword.start : keyword.end]
    return draft.rules.get("indicator") == "object" and said.lower().startswith("los")


def _counts_people(draft: Draft, known: dict[str, str]) -> bool:
    return known.get(draft.indicator or "") == "people"
