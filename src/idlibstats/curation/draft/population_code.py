"""Stage 4 of the draft: the population code a row gets, and the doubts about it.

The group words (:mod:`.population`) give a code; the indicator's unit may make it
``not_applicable`` (strikes, facilities, places); a count of people with no group words is
``all``, flagged when a clause before it starts with a group ('Civil Defence volunteers
carry a man..., where four were wounded') or when a people noun no group word covers
follows it ('12 members'); and a code the schema's ``population`` enum lacks ('families')
is never written: the row says so instead.
"""

from __future__ import annotations

import re

from idlibstats.curation.draft import clause
from idlibstats.curation.draft.model import Draft, Span
from idlibstats.curation.draft.population import group_before, group_near, named_groups
from idlibstats.curation.draft.vocabulary import Vocabulary

__all__ = ["population_code"]


def population_code(
    draft: Draft,
    population: str | None,
    words: str,
    masked: str,
    attached: list[Span],
    named_before: list[str],
    vocabulary: Vocabulary,
) -> str | None:
    """Return the population code to write: by the indicator's unit, a default, the enum.

    Parameters
    ----------
    draft : Draft
        The draft, its indicator decided; its reasons and ``how`` are completed here.
    population : str or None
        The code the words gave (maybe one the schema lacks), or ``None``.
    words : str
        The group words, for the review reason.
    masked : str
        The sentence, every amount masked.
    attached : list of Span
        The group words of every amount of the sentence.
    named_before : list of str
        Groups the previous sentence of the paragraph starts a clause with.
    vocabulary : Vocabulary
        What the schema allows.
    """
    unit = vocabulary.indicators.get(draft.indicator or "")
    if unit is not None and unit != "people":
        draft.decide("population", "unit", f"not_applicable: {draft.indicator} counts {unit}")
        population, words = "not_applicable", "not_applicable"
    elif unit is not None and population is None and not _population_doubt(draft):
        thing = clause.counted_thing(masked, draft.amount.end)[0]
        if thing and clause.is_people(thing):  # '12 members': of what?
            draft.reasons.append(f"unknown group: '{thing}'")
            draft.decide("population", "unknown group", f"none: unknown group '{thing}'")
            return None
        population = "all"
        draft.decide("population", "default all", "all: no group named")
        _named_before(draft, masked, attached, named_before)
        before = None
        whom = _VERB_BEFORE_RE.search(masked[: draft.amount.start])  # 'treated 20 wounded'
        if not _population_doubt(draft) and not whom:
            before = group_before(masked, draft.amount.start)
        if before is not None:  # 'Four civilians were killed, bringing to 544 the toll'
            draft.reasons.append(f"population not said: '{before}' counted before")
            draft.decide("population", "default all, group before", f"all: '{before}' before")
    if unit == "people" and population == "all" and not _population_doubt(draft):
        near = group_near(masked, draft.amount.end, attached)  # '9 died ... students'
        if near is not None:
            draft.reasons.append(f"population not said: '{near}' near the number")
    if population is not None and population not in vocabulary.populations:
        draft.reasons.append(f"population has no code: '{words or population}'")
        said = f"none: '{population}' is not in the population enum"
        draft.decide("population", "no code", said)
        return None
    if population is None and "population" not in draft.how:
        draft.decide("population", "none", "none")
    return population


def _named_before(
    draft: Draft, masked: str, attached: list[Span], named_before: list[str]
) -> None:
    """Flag a bare number ('four were wounded') after a clause that names a group."""
    reading = draft.how.get("indicator", "")
    if not reading.startswith(("subject", "noun 'wounded'", "noun 'injured'", "noun 'dead'")):
        return  # 'killed 10', 'the toll was 50', '8 bodies'
    if clause.counted_thing(masked, draft.amount.end)[0]:
        return
    if _VERB_BEFORE_RE.search(masked[: draft.amount.start]):
        return  # 'Rescue workers ... treated 20 wounded': whom they treated
    named = named_groups(draft.sentence.text, draft.amount.start, attached)
    named = named or named_before
    if named:
        draft.reasons.append(f"population not said: '{named[-1]}' named before")


_VERB_BEFORE_RE = re.compile(r"\b(?:[a-z]+ed|took|saw|found|carried|brought)\s+$", re.IGNORECASE)



def _population_doubt(draft: Draft) -> bool:
    """Whether a reason already says the population is in doubt (no default 'all' then)."""
    return any(r.startswith(("population", "unknown group")) for r in draft.reasons)
