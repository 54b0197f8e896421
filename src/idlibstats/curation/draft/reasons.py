"""What the draft's ``needs_review`` column may say, and what each reason means.

A row carries a reason whenever the draft is not sure of a label: a guess from a keyword,
a coordination, a group outside the vocabulary, an aim or a modal verb. A row with no
reason was decided by a rule the ``how`` column names; the curator still checks it.
"""

from __future__ import annotations

__all__ = ["REVIEW_REASONS"]

#: The reasons ``needs_review`` gives (``;``-separated; some end with the words concerned).
REVIEW_REASONS: dict[str, str] = {
    "vague amount": "a vague amount ('dozens'): no value; delete the row or note it",
    "unknown thing counted": "the number counts something no indicator covers; indicator empty",
    "no indicator word": "no word of the sentence says what is counted",
    "guessed indicator": "taken from the nearest keyword, not from the verb of the clause",
    "two indicators in the clause": "the clause has words of two indicators",
    "coordination": "joined verbs ('killed and wounded 40': no one indicator) or a number "
    "with no noun after a count of facilities ('and two destroyed': of them, or others?)",
    "aim or modal": "an aim or a possibility ('aimed to displace', 'could flee'), not a count",
    "facilities taken as health facilities": "a bare 'facilities' with no word of health "
    "care in its paragraph or the one before",
    "facilities not said to be hit": "health facilities with no verb of attack ('suspended "
    "their services'): indicator empty",
    "place taken by whom?": "villages or towns whose taker the sentence does not say, or "
    "taken by a side no indicator counts ('regime forces seized two towns'): check",
    "part of a doubtful total": "a part takes its total's labels, and the total's row needs "
    "review (its reason follows)",
    "part of an earlier total": "a part ('of these') of a total in an earlier sentence",
    "label from an earlier sentence": "'Another 9 died': the figure it points back to, for "
    "its indicator or its group, is in an earlier sentence",
    "population from the figure before": "'and 50 more were hurt': the group of the figure "
    "before, taken for the number's own",
    "population has no code": "the group ('men', 'families') is not in the population enum",
    "unknown group": "people the vocabulary has no word for ('gunmen', 'shepherds'): "
    "population empty",
    "population taken as civilians": "rescuers, health workers, volunteers: check",
    "population side unclear": "'Turkish soldiers', 'Russian troops': counted as fighters",
    "population from a nationality": "'Russians', 'Turks': counted as all; who are they?",
    "population not said": "a number with no group of its own ('four were wounded') after a "
    "clause that names one ('Civil Defence volunteers'): counted as all",
    "same figure as": "the same value, qualifier and indicator as another row (a headline?)",
}
