"""Stage 5 of the draft: link a part to the total it breaks down.

'277 civilians, including 72 children' (the total is in the sentence), '572 of these
civilians were men' (the total is the last one drafted, maybe in an earlier sentence),
'..., 213 were women' (a list of parts continues).
"""

from __future__ import annotations

from idlibstats.curation.draft import clause
from idlibstats.curation.draft.model import Amount, Draft

__all__ = ["total_of"]


def total_of(masked: str, amount: Amount, earlier: list[Draft], here: list[Draft]) -> int | None:
    """Return the index in ``earlier`` of the total the amount breaks down, or ``None``.

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
    """
    found = clause.breakdown(masked, amount.start, amount.end)
    if found is None:
        return None
    kind, start = found
    if kind == "including":
        for draft in reversed(here):
            if draft.amount.start == start:
                return _root(earlier, earlier.index(draft))
        return None
    if kind == "list":
        parts = [d for d in here if d.part_of is not None]
        return parts[-1].part_of if parts else None
    for index in range(len(earlier) - 1, -1, -1):  # 'of these': the last total, any sentence
        if earlier[index].part_of is None and not earlier[index].amount.vague:
            return index
    return None


def _root(earlier: list[Draft], index: int) -> int:
    """Return the first total above a part (a part of a part points to it)."""
    while True:
        above = earlier[index].part_of
        if above is None:
            return index
        index = above
