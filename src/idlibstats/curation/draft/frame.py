"""The draft as a table: one row of the figures table per draft, typed as the loader types it."""

from __future__ import annotations

import functools
import os
from typing import Any

import numpy as np
import pandas as pd

from idlibstats.curation.draft.model import Draft, Span
from idlibstats.curation.draft.numbers import QUALIFIER_WORDS
from idlibstats.curation.draft.period import period_near
from idlibstats.curation.draft.reader import DraftedText, read_text
from idlibstats.curation.draft.repeats import mark_repeats
from idlibstats.curation.draft.vocabulary import Vocabulary

__all__ = ["DRAFT_NOTE", "HOW_COLUMN", "REVIEW_COLUMN", "draft_figures", "draft_text"]

DRAFT_NOTE = "draft: check indicator, population, period, claimant"

#: The column added after the figures table's columns; empty when the tool is sure.
REVIEW_COLUMN = "needs_review"

#: The last column: which rule decided the indicator and the population of each row.
HOW_COLUMN = "how"


def draft_text(
    text: str, source_id: str, package: str | os.PathLike[str] | None = None
) -> tuple[pd.DataFrame, DraftedText]:
    """Return the draft rows (as :func:`draft_figures`) and the reading they came from.

    The reading (lines, drafts, numbers left out) is what the review page shows beside
    the rows (:mod:`idlibstats.curation.draft.review_page`).
    """
    vocabulary = Vocabulary.of(package)
    vocabulary.check_source_id(source_id)
    vocabulary.check_qualifiers({"exact", *QUALIFIER_WORDS.values()})
    drafted = read_text(text, vocabulary)
    figure_ids = [f"{source_id}-{i:02d}" for i in range(1, len(drafted.drafts) + 1)]
    mark_repeats(drafted.drafts, figure_ids)
    rows = [_row(draft, figure_ids) for draft in drafted.drafts]
    for figure_id, row in zip(figure_ids, rows, strict=True):
        row.update(figure_id=figure_id, source_id=source_id, notes=DRAFT_NOTE)
    dtypes = {**vocabulary.dtypes, REVIEW_COLUMN: "string", HOW_COLUMN: "string"}
    # one typed array per column: the same frame as typing a frame of objects, a third of
    # the time (most drafts are a few rows, so the cost is per column, not per value)
    columns = {name: _typed([row.get(name) for row in rows], dtype)
               for name, dtype in dtypes.items()}
    return pd.DataFrame(columns), drafted


def _typed(values: list[Any], dtype: Any) -> Any:
    """Return ``pd.array(values, dtype=dtype)``; a category column from its codes, looked up.

    ``pd.array`` infers a category column's codes by building an index of the values: most
    of the cost of a draft of a few rows. A value that is not a category (or is missing) is
    code -1, a missing value, as ``pd.array`` makes it. A column with no value (most of the
    figures table's columns in a draft: periods, place, claimant...) is a copy of the one
    typed column of that many missing values, made once.
    """
    if isinstance(dtype, str):  # a name: looked up once, with the string storage in force
        dtype = _dtype_named(dtype, pd.get_option("mode.string_storage"))
    if all(value is None for value in values):
        return _all_missing(dtype, len(values)).copy()
    if isinstance(dtype, pd.CategoricalDtype):
        codes = _category_codes(dtype)
        return pd.Categorical.from_codes(
            np.fromiter((codes.get(v, -1) for v in values), dtype=np.int64, count=len(values)),
            dtype=dtype)
    return pd.array(values, dtype=dtype)


@functools.lru_cache(maxsize=256)
def _all_missing(dtype: Any, length: int) -> Any:
    """Return the typed column of ``length`` missing values (shared: hand out copies only)."""
    if isinstance(dtype, pd.CategoricalDtype):
        return pd.Categorical.from_codes(np.full(length, -1, dtype=np.int64), dtype=dtype)
    return pd.array([None] * length, dtype=dtype)


@functools.lru_cache(maxsize=32)
def _dtype_named(name: str, string_storage: str) -> Any:
    return pd.api.types.pandas_dtype(name)


@functools.lru_cache(maxsize=32)
def _category_codes(dtype: pd.CategoricalDtype) -> dict[Any, int]:
    return {category: code for code, category in enumerate(dtype.categories)}


def draft_figures(
    text: str, source_id: str, package: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Return draft rows of the figures table for every number the text gives.

    Parameters
    ----------
    text : str
        The report's plain text (it is normalised with :func:`idlibstats.text.textnorm.norm`,
        line by line; excerpts are verbatim in the normalised text).
    source_id : str
        The report's ``sources.source_id``; rows are numbered ``{source_id}-01``, ``-02``...
    package : str or path-like, optional
        The data package whose figures schema and indicators to use (default: the one
        :func:`idlibstats.datapackage.locate.locate_package` finds).

    Returns
    -------
    pandas.DataFrame
        The figures table's columns, typed as :func:`idlibstats.figures` types them, then
        ``needs_review`` and ``how`` (strings); one row per number (or vague amount) in
        text order.
        Filled in:

        ==================  =============================================================
        figure_id           ``{source_id}-NN``, in text order
        source_id           as given
        indicator           from the word that governs the number in its clause; else
                            the nearest keyword (flagged); empty for an unknown thing
                            and for facilities not said to be hit (flagged)
        population          from the words after the number (or 'were women' for a
                            part); ``not_applicable`` for strikes, facilities and places;
                            empty if no guess, or if the group's code is not in the
                            schema's ``population`` enum (flagged)
        value               the number's value; empty for a vague amount
        qualifier           from the wording before it (``at least`` -> ``at_least`` ...);
                            empty for a vague amount
        value_as_written    wording and number, verbatim (``over 138,500``)
        period_as_written   the nearest period phrase of the sentence, if any
        part_of             for a part of a total ('including 67 children'), the total's
                            draft ``figure_id``
        excerpt             shortest verbatim span with the number, its wording and the
                            words the guesses came from
        notes               ``draft: check indicator, population, period, claimant``
        needs_review        ``;``-separated reasons the tool is unsure of a label
                            (:data:`REVIEW_REASONS`), or empty
        how                 the rule that decided each label: ``indicator: object of
                            'killed'; population: words after the number: 'civilians'``
        ==================  =============================================================

        Every other column (periods, place, claimant, claim group...) is left empty for
        the curator, who deletes ``needs_review`` and ``how`` before appending rows to the
        table.

    Raises
    ------
    DataPackageError
        If ``source_id`` cannot make valid figure ids, or the package's qualifier
        vocabulary lacks a qualifier the tool emits.
    """
    return draft_text(text, source_id, package)[0]


def _row(draft: Draft, figure_ids: list[str]) -> dict[str, object]:
    """Return the column values of one draft."""
    sentence, amount, spans = draft.sentence.text, draft.amount, draft.spans
    excerpt = Span(min(s.start for s in spans), max(s.end for s in spans))
    reasons = list(dict.fromkeys(draft.reasons))
    return {
        "indicator": draft.indicator,
        "population": draft.population,
        "value": amount.value,
        "qualifier": amount.qualifier,
        "value_as_written": sentence[amount.start : amount.end],
        "period_as_written": period_near(sentence, excerpt),
        "part_of": None if draft.part_of is None else figure_ids[draft.part_of],
        "excerpt": sentence[excerpt.start : excerpt.end],
        REVIEW_COLUMN: "; ".join(reasons) or None,
        HOW_COLUMN: "; ".join(
            f"{label}: {draft.how.get(label, 'none')}" for label in ("indicator", "population")
        ),
    }
