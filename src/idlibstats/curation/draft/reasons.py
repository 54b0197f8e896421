"""What the draft's ``needs_review`` column may say, and what each reason means."""

from __future__ import annotations

__all__ = ["REVIEW_REASONS"]

#: The reasons ``needs_review`` gives (``;``-separated; some end with the words concerned).
REVIEW_REASONS: dict[str, str] = {
    "vague amount": "a vague amount ('dozens'): no value; delete the row or note it",
    "unknown thing counted": "the number counts something no indicator covers; indicator empty",
    "no indicator word": "no word of the sentence says what is counted",
    "guessed indicator": "taken from the nearest keyword, not from the verb of the clause",
    "two indicators in the clause": "the clause has words of two indicators",
    "part of an earlier total": "a part ('of these') of a total in an earlier sentence",
    "population has no code": "the group ('men', 'families') is not in the population enum",
    "population taken as civilians": "rescuers, health workers, volunteers: check",
    "population side unclear": "'Turkish soldiers', 'Russian troops': counted as fighters",
    "same figure as": "the same value, qualifier and indicator as another row (a headline?)",
}
