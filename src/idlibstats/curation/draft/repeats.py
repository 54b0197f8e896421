"""Stage 7 of the draft: flag rows that give the same figure as another (a headline, its body)."""

from __future__ import annotations

from idlibstats.curation.draft.model import Draft

__all__ = ["mark_repeats"]


def mark_repeats(drafts: list[Draft], figure_ids: list[str]) -> None:
    """Add ``same figure as ID`` to both rows of every same value, qualifier and indicator."""
    seen: dict[tuple[object, ...], int] = {}
    for index, draft in enumerate(drafts):
        amount = draft.amount
        if amount.vague or draft.indicator is None:
            continue
        key = (amount.value, amount.qualifier, draft.indicator)
        if key in seen:
            first = seen[key]
            drafts[first].reasons.append(f"same figure as {figure_ids[index]}")
            draft.reasons.append(f"same figure as {figure_ids[first]}")
        else:
            seen[key] = index
