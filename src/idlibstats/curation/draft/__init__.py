"""Curators' tool: draft figure rows from a report's plain text.

:func:`draft_figures` finds every number a report writes, in digits or words, and drafts
one row of the figures table for each: value, qualifier (from the wording just before the
number), value as written, a short verbatim excerpt, and guesses of indicator, population
and period as written. A curator then checks and completes every row by hand (see
CONTRIBUTING.md); nothing is written into ``data/``.

The stages, one module each, in the order they run (:mod:`.reader` runs them):

=======================  ==================================================================
:mod:`.sentences`        the report's lines (captions marked) and sentences
:mod:`.numbers`          the amounts of a sentence: numbers with their wording, vague amounts
:mod:`.leave_out`        numbers that are not figures: years, dates, durations, measures...
:mod:`.clause`           read the clause: which word governs a number, what it counts
:mod:`.indicator`        decide the indicator (from the clause, else a flagged guess), with
                         :mod:`.facilities` (hit or destroyed, by the facilities' own verb),
                         :mod:`.places` (villages and towns, by who took them) and
                         :mod:`.hedges` (an aim or a modal: 'could flee', 'aimed to')
:mod:`.population`       the group the words after a number name ('12 civilians')
:mod:`.population_code`  the code written: by the indicator's unit, a default, the enum
:mod:`.period`           the period phrase nearest to the figure
:mod:`.parts`            link a part ('including 67 children') to its total, and a number
                         that points back ('another 58') to the figure before
:mod:`.doubts`           flag every label a rule that is not certain decided (:mod:`.rules`
                         lists every rule and its confidence class)
:mod:`.repeats`          flag the same figure given twice (headline and body)
:mod:`.frame`            the rows as a typed table (:func:`draft_figures`), with
                         ``needs_review`` and ``how``
:mod:`.review_page`      the rows beside the report, as one HTML page (``--html``)
=======================  ==================================================================

:mod:`.vocabulary` reads what a row may hold from the package's schema, :mod:`.reasons`
lists what ``needs_review`` may say, :mod:`.phrases`, :mod:`.words` and :mod:`.sides` hold
the pattern pieces and names several stages read, and :mod:`.model` the records passed
along.
"""

from idlibstats.curation.draft.frame import (
    DRAFT_NOTE,
    HOW_COLUMN,
    REVIEW_COLUMN,
    draft_figures,
    draft_text,
)
from idlibstats.curation.draft.indicator import INDICATOR_WORDS
from idlibstats.curation.draft.numbers import QUALIFIER_WORDS
from idlibstats.curation.draft.reasons import REVIEW_REASONS

__all__ = [
    "DRAFT_NOTE",
    "HOW_COLUMN",
    "INDICATOR_WORDS",
    "QUALIFIER_WORDS",
    "REVIEW_COLUMN",
    "REVIEW_REASONS",
    "draft_figures",
    "draft_text",
]
