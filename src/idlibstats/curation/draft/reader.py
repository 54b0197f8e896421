"""The draft's stages in order, sentence by sentence: what :func:`read_text` returns.

For each sentence of each line that is not a caption (:mod:`.sentences`): find its amounts
and the numbers left out (:mod:`.numbers`, :mod:`.leave_out`), then for each amount read the
clause (:mod:`.clause`) to link a part to its total (:mod:`.parts`) or decide the indicator
(:mod:`.indicator`), and the population (:mod:`.population`). Repeats are marked over the
whole text afterwards (:mod:`.repeats`), when the rows have their ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from idlibstats.curation.draft import clause
from idlibstats.curation.draft.indicator import decide_indicator
from idlibstats.curation.draft.model import Amount, Draft, Line, Sentence, Skipped, Span
from idlibstats.curation.draft.numbers import amounts_in
from idlibstats.curation.draft.parts import total_of
from idlibstats.curation.draft.population import combine_groups, group_after
from idlibstats.curation.draft.sentences import lines_of, sentences_of

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


def read_text(text: str, known: dict[str, str]) -> DraftedText:
    """Read a report's text into drafts (no ids, no repeats marked yet).

    Parameters
    ----------
    text : str
        The report's plain text.
    known : dict
        The package's indicators and their units.
    """
    lines = lines_of(text)
    drafts: list[Draft] = []
    skipped: list[tuple[Sentence, Skipped]] = []
    for line in lines:
        for sentence in sentences_of(line):
            amounts, left_out = amounts_in(sentence.text)
            skipped += [(sentence, number) for number in left_out]
            for _ in _drafts_in(sentence, amounts, known, drafts):
                pass
    return DraftedText(lines, drafts, skipped)


def _drafts_in(
    sentence: Sentence, amounts: list[Amount], known: dict[str, str], earlier: list[Draft]
) -> Iterator[Draft]:
    """Yield one draft per amount of a sentence; ``earlier`` holds the text's drafts so far."""
    masked = clause.mask(sentence.text, [(a.start, a.end) for a in amounts])
    here: list[Draft] = []
    for amount in amounts:
        draft = _read(sentence, masked, amount, amounts, known, earlier, here)
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
    sentence: Sentence,
    masked: str,
    amount: Amount,
    amounts: list[Amount],
    known: dict[str, str],
    earlier: list[Draft],
    here: list[Draft],
) -> Draft:
    """Decide one amount's indicator, population, total and review reasons."""
    text = sentence.text
    draft = Draft(amount, sentence, spans=[Span(amount.start, amount.end)])
    reasons, spans = draft.reasons, draft.spans
    if amount.vague:
        reasons.append("vague amount")
    population, group_spans, group_reasons = group_after(text, amount.end)
    after_of = amount.end + 3 if text[amount.end :].startswith(" of") and amount.vague else 0
    if population is None and after_of:
        population, group_spans, group_reasons = group_after(text, after_of)
    spans += group_spans
    reasons += group_reasons
    total = total_of(masked, amount, earlier, here)
    if total is not None:
        host = earlier[total]
        draft.part_of = total
        predicate = clause.predicate_group(masked, amount.end, amount.start)
        if predicate is not None:
            population, group_reasons = combine_groups(predicate[0])
            spans.append(Span(predicate[1], predicate[2]))
            reasons += group_reasons
        if host not in here:
            reasons.append("part of an earlier total")
        draft.indicator = host.indicator
        if host.keyword is not None and host in here:
            spans.append(host.keyword)
    else:
        decide_indicator(draft, masked, amounts, known, after_of)
    if draft.indicator is not None and draft.indicator in known:
        if known[draft.indicator] != "people":
            population = "not_applicable"
        elif population is None and not any(r.startswith("population") for r in reasons):
            population = "all"
    draft.population = population if draft.population is None else draft.population
    return draft
