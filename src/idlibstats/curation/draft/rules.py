"""Every rule that decides a label of a draft row, and how sure each is (its class).

A row's indicator and population are each decided by exactly one rule
(:meth:`idlibstats.curation.draft.model.Draft.decide`); the ``how`` column says which, in
words. Each rule has a confidence class:

``certain``
    the grammar says it ('12 civilians were killed': subject of 'killed'). The row is
    still checked against the words of its clause (:mod:`.doubts`): a word of another
    indicator or a group no number accounts for makes it doubtful.
``doubtful``
    a guess or a reading the tool is not sure of (the nearest keyword, a participle, a
    group read through an apposition): the row always carries the rule's ``needs_review``
    reason.
``empty``
    the label is left empty (an unknown thing, a group with no code): the row always
    carries a reason saying why.
``borrowed``
    the label is taken from another row (a part's total, the figure 'another 58' points
    back to): it is as sure as that row's label, and says so when it is not.

:func:`idlibstats.curation.draft.doubts.flag_doubts` applies the classes to every row, so
that no label decided by a rule that is not certain goes without a reason, whatever the
stage that decided it remembered to say. ``benchmarks/draft_eval.py --rules`` counts, per
rule, the labels it decided on the test corpora and how many were wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CLASSES", "RULES", "Rule", "rule_of"]

#: The confidence classes, from the surest.
CLASSES = ("certain", "borrowed", "doubtful", "empty")


@dataclass(frozen=True)
class Rule:
    """One way a label gets decided.

    Attributes
    ----------
    label : str
        ``indicator`` or ``population``.
    name : str
        The rule's name (what ``Draft.decide`` is given).
    kind : str
        Its confidence class, one of :data:`CLASSES`.
    doubt : str or None
        For a ``doubtful`` or ``empty`` rule, the ``needs_review`` reason (a key of
        :data:`idlibstats.curation.draft.reasons.REVIEW_REASONS`) its rows carry when the
        stage gave none.
    example : str
        What the rule reads, in words.
    """

    label: str
    name: str
    kind: str
    doubt: str | None
    example: str


_RULES = (
    # The indicator.
    Rule("indicator", "noun", "certain", None,
         "the counted noun right after the number: '3013 airstrikes', '15 wounded'"),
    Rule("indicator", "object", "certain", None,
         "the number is the object of a verb: 'killed 10', 'displaced 30,000 people'"),
    Rule("indicator", "subject", "certain", None,
         "the number is the subject of a passive or intransitive verb: '12 civilians were "
         "killed', '700 Syrians escaped'"),
    Rule("indicator", "named before", "certain", None,
         "a noun phrase introduces the number: 'the death toll rose to 30', 'home to 3 "
         "million'"),
    Rule("indicator", "facility verb", "certain", None,
         "health facilities, attacked or destroyed by their own verb: 'four hospitals were "
         "hit'"),
    Rule("indicator", "part, own verb", "certain", None,
         "a part of a count of facilities with its own verb: '14 of them were destroyed'"),
    Rule("indicator", "other facilities, own verb", "borrowed", "label from a doubtful row",
         "more facilities with their own verb: 'destroyed one clinic and damaged two "
         "others' (which facilities: as the figure before)"),
    Rule("indicator", "part", "borrowed", "part of a doubtful total",
         "a part takes its total's indicator: '277 civilians, including 72 children'"),
    Rule("indicator", "another", "borrowed", "label from a doubtful row",
         "a number that points back takes the indicator of the figure before: 'another 58'"),
    Rule("indicator", "listed", "borrowed", "label from a doubtful row",
         "a number listed after another takes its indicator: '... 9 children and 5 women'"),
    Rule("indicator", "across an aside", "doubtful", "across a dash or parenthesis",
         "the word that decided is past a dash or a parenthesis: 'Four people - all women and "
         "children - were injured'"),
    Rule("indicator", "participle", "doubtful", "participle",
         "a participle or a relative clause after the noun, and a verb after it: 'Two "
         "children injured in the attack succumbed' (the later verb decides)"),
    Rule("indicator", "place, side unsaid", "doubtful", "place taken by whom?",
         "villages or towns whose taker the sentence does not say"),
    Rule("indicator", "guess", "doubtful", "guessed indicator",
         "no word governs the number: the nearest keyword of the sentence"),
    Rule("indicator", "elided facilities", "doubtful", "coordination",
         "a number with no noun after a count of facilities: 'and two destroyed'"),
    Rule("indicator", "unknown thing", "empty", "unknown thing counted",
         "the number counts something no indicator covers: '3 goats'"),
    Rule("indicator", "no word", "empty", "no indicator word",
         "no word of the sentence says what is counted"),
    Rule("indicator", "facilities not hit", "empty", "facilities not said to be hit",
         "health facilities with no verb of attack: 'suspended their services'"),
    Rule("indicator", "place, no indicator", "empty", "place taken by whom?",
         "villages or towns taken by a side no indicator counts"),
    Rule("indicator", "joined verbs", "empty", "coordination",
         "joined verbs of two indicators: 'killed and wounded 40'"),
    # The population.
    Rule("population", "words after", "certain", None,
         "the group words right after the number: '12 civilians', '4 of their opponents'"),
    Rule("population", "apposition", "certain", None,
         "an apposition that says who they all are: '9 people, all of them civilians', "
         "'Nine were killed, all of them civilians', '...; all were civilians'"),
    Rule("population", "apposition, not all", "doubtful", "apposition",
         "an apposition that says who most are: '14 people, most of them women': all"),
    Rule("population", "a side's men", "doubtful", "population side unclear",
         "the men a side lost: 'Syrian troops lost at least 45 men' (the subject's side, "
         "else fighters)"),
    Rule("population", "shared group", "doubtful", "coordination",
         "a group named after a list: '44 deaths and 63 injuries among aid workers' (read "
         "for the 44 too)"),
    Rule("population", "said to be", "certain", None,
         "what the number is said to be: '213 were women', 'Women made up 190 of the dead'"),
    Rule("population", "named before", "certain", None,
         "a group in the phrase that introduces the number: 'the toll among children rose "
         "to 30'"),
    Rule("population", "unit", "certain", None,
         "not_applicable: the indicator counts strikes, facilities or places"),
    Rule("population", "default all", "certain", None,
         "a count of people that names no group: 'the shelling killed 10': all"),
    Rule("population", "default all, group before", "doubtful", "population not said",
         "a count of people that names no group after a group of one population in the "
         "sentence: 'Four civilians were killed, bringing to 544 the toll': all, or theirs?"),
    Rule("population", "part", "borrowed", "part of a doubtful total",
         "a share with no group of its own takes its total's: 'nearly all - 1,031 -'"),
    Rule("population", "figure before", "borrowed", "label from a doubtful row",
         "a number with no group of its own takes the figure before's: 'and 50 more were "
         "hurt'"),
    Rule("population", "unknown group", "empty", "unknown group",
         "people the vocabulary has no word for: 'gunmen'"),
    Rule("population", "no code", "empty", "population has no code",
         "a group whose code the schema's enum lacks: 'her two sons' (families)"),
    Rule("population", "none", "empty", None,
         "no population, because the row has no indicator (its reason says why)"),
)

#: The rules by (label, name).
RULES: dict[tuple[str, str], Rule] = {(rule.label, rule.name): rule for rule in _RULES}


def rule_of(label: str, name: str) -> Rule:
    """Return the rule named ``name`` that decides ``label``.

    Raises
    ------
    KeyError
        If no such rule is listed in :data:`RULES` (a stage used a name it should not).
    """
    return RULES[(label, name)]
