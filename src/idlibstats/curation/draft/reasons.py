"""What the draft's ``needs_review`` column may say, and what each reason means.

A row carries a reason whenever the draft is not sure of a label: a guess from a keyword,
a coordination, a group outside the vocabulary, an aim or a modal verb. A row with no
reason was decided by a rule the ``how`` column names; the curator still checks it. Each
rule that is not certain names its reason (:mod:`.rules`), and :data:`REASON_LABELS` says
which label each reason doubts, so that a label taken from another row shares its doubts.
"""

from __future__ import annotations

__all__ = ["REASON_LABELS", "REVIEW_REASONS", "doubts_of"]

#: The reasons ``needs_review`` gives (``;``-separated; some end with the words concerned).
REVIEW_REASONS: dict[str, str] = {
    "vague amount": "a vague amount ('dozens'): no value; delete the row or note it",
    "unknown thing counted": "the number counts something no indicator covers; indicator empty",
    "no indicator word": "no word of the sentence says what is counted",
    "guessed indicator": "taken from the nearest keyword, not from the verb of the clause",
    "two indicators in the clause": "the clause has words of two indicators",
    "coordination": "joined verbs ('killed and wounded 40': no one indicator), a number "
    "with no noun after a count of facilities ('and two destroyed': of them, or others?), or "
    "a group a list shares ('44 deaths and 63 injuries among aid workers': the 44 too?)",
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
    "population has no code": "the group ('families', 'journalists') is not in the population "
    "enum",
    "unknown group": "people the vocabulary has no word for ('gunmen', 'shepherds'): "
    "population empty",
    "population taken as civilians": "rescuers, health workers, volunteers: check",
    "population side unclear": "'Turkish soldiers', 'Russian troops': counted as fighters",
    "population from a nationality": "'Russians', 'Turks': counted as all; who are they?",
    "population not said": "a number with no group of its own ('four were wounded') after a "
    "clause that names one ('Civil Defence volunteers'): counted as all",
    "label from a doubtful row": "'another 58', '... and 5 women': the label taken from a "
    "figure whose own label needs review (its reason follows)",
    "participle": "'Two children injured in the attack succumbed', 'people who had fled ... "
    "were killed': the word read describes the people, a verb after it says what happened; "
    "the later verb of a known indicator decides",
    "apposition": "'14 people, most of them women', 'Nine were killed, mostly civilians': an "
    "apposition says who most of them are; counted as all",
    "wording not read": "'fewer than 45', 'exceeds 3 million': wording that makes the number "
    "a bound, which no qualifier says; the qualifier is left exact",
    "across a dash or parenthesis": "the word that decided the indicator is past a dash or a "
    "parenthesis ('Four people - all women and children - were injured'): check the aside "
    "does not change what is counted",
    "same figure as": "the same value, qualifier and indicator as another row (a headline?)",
}

#: Which label each reason doubts: ``indicator``, ``population``, ``both`` (a label taken
#: from another row), or ``row`` (the value, or the row itself). A label taken from a row
#: (a part's total, the figure before) shares that row's doubts about the same label.
REASON_LABELS: dict[str, str] = {
    "vague amount": "row",
    "unknown thing counted": "indicator",
    "no indicator word": "indicator",
    "guessed indicator": "indicator",
    "two indicators in the clause": "indicator",
    "coordination": "both",
    "aim or modal": "indicator",
    "facilities taken as health facilities": "indicator",
    "facilities not said to be hit": "indicator",
    "place taken by whom?": "indicator",
    "part of a doubtful total": "both",
    "part of an earlier total": "both",
    "label from an earlier sentence": "both",
    "population from the figure before": "population",
    "population has no code": "population",
    "unknown group": "population",
    "population taken as civilians": "population",
    "population side unclear": "population",
    "population from a nationality": "population",
    "population not said": "population",
    "label from a doubtful row": "both",
    "participle": "indicator",
    "apposition": "population",
    "wording not read": "row",
    "across a dash or parenthesis": "indicator",
    "same figure as": "row",
}


def doubts_of(reasons: list[str], label: str) -> list[str]:
    """Return the reasons of a row that doubt ``label`` (``indicator`` or ``population``)."""
    return [
        reason for reason in reasons
        for known, about in REASON_LABELS.items()
        if reason.startswith(known) and about in {label, "both"}
    ]
