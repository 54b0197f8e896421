"""Stage 6 of the draft: every label the tool is not sure of gets a ``needs_review`` reason.

Each label was decided by one rule (:mod:`.rules`), which has a confidence class. Here,
row by row in text order (a total and a figure before come before the rows that borrow
from them):

- a label decided by a ``doubtful`` or ``empty`` rule carries the rule's reason, if the
  stage that decided gave none;
- a ``borrowed`` label (a part's, or a number's that points back) shares the doubts of the
  row it was taken from about the same label;
- a ``certain`` label is checked against the words of its clause
  (:mod:`.clause_check`): a word of another indicator, or a group, that no number of the
  sentence accounts for makes it doubtful.

So no label decided by a rule that is not certain goes without a reason, by construction,
whatever each stage remembered to say.
"""

from __future__ import annotations

from idlibstats.curation.draft.model import Draft
from idlibstats.curation.draft.reasons import doubts_of
from idlibstats.curation.draft.rules import rule_of

__all__ = ["LABELS", "flag_doubts"]

#: The labels a rule decides.
LABELS = ("indicator", "population")


def flag_doubts(drafts: list[Draft]) -> None:
    """Add the ``needs_review`` reason of every label that is not certain.

    Parameters
    ----------
    drafts : list of Draft
        Every draft of a text, in text order, each label decided (``Draft.rules``).

    Raises
    ------
    KeyError
        If a label was decided by no rule, or by a rule :data:`.rules.RULES` does not list.
    """
    for draft in drafts:
        for label in LABELS:
            _flag(draft, label)


def _flag(draft: Draft, label: str) -> None:
    rule = rule_of(label, draft.rules[label])
    if rule.kind == "borrowed":
        source = draft.borrowed.get(label)
        inherited = doubts_of(source.reasons, label) if source is not None else []
        if inherited and rule.doubt is not None and not _has(draft, rule.doubt):
            draft.reasons.append(f"{rule.doubt}: {inherited[0]}")
    elif rule.kind in {"doubtful", "empty"}:
        if rule.doubt is not None and not _has(draft, rule.doubt):
            draft.reasons.append(rule.doubt)
        elif not draft.reasons:  # an empty label always says why
            draft.reasons.append("no indicator word")


def _has(draft: Draft, reason: str) -> bool:
    return any(r.startswith(reason) for r in draft.reasons)
