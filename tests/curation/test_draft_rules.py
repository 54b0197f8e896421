"""Every label of a draft row is decided by a listed rule, and one that is not certain is flagged.

``idlibstats.curation.draft.rules`` lists the rules and their confidence class;
``idlibstats.curation.draft.doubts`` gives every label a rule that is not certain decided
its ``needs_review`` reason. These tests hold that by construction (a stage that forgets a
reason is caught) and on every sentence of the corpora.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT
from test_draft_corpus import EVERY_CORPUS, draft_eval

from idlibstats.curation.draft.doubts import LABELS, flag_doubts
from idlibstats.curation.draft.frame import draft_text
from idlibstats.curation.draft.model import Amount, Draft, Sentence
from idlibstats.curation.draft.reasons import REASON_LABELS, REVIEW_REASONS, doubts_of
from idlibstats.curation.draft.rules import CLASSES, RULES, rule_of

SID = "tst-2019-05-01"


def test_every_rule_has_a_class_and_every_rule_not_certain_a_known_reason():
    for (label, name), rule in RULES.items():
        assert label in LABELS and rule.kind in CLASSES, name
        if rule.kind == "certain":
            assert rule.doubt is None, name
        elif rule.doubt is not None:
            assert rule.doubt in REVIEW_REASONS, name
        else:  # only an empty label may rely on the reason its stage gives
            assert rule.kind == "empty", name


def test_every_reason_says_which_label_it_doubts():
    assert set(REASON_LABELS) == set(REVIEW_REASONS)
    assert set(REASON_LABELS.values()) <= {"indicator", "population", "both", "row"}


def test_an_unlisted_rule_is_an_error():
    with pytest.raises(KeyError):
        rule_of("indicator", "a rule no one wrote")


def _draft(text: str = "About 40 were hurt.") -> Draft:
    amount = Amount(0, 6, 8, "40", 40, "about")
    return Draft(amount, Sentence(text, 0, 0))


@pytest.mark.parametrize(
    ("indicator_rule", "population_rule", "given", "reasons"),
    [
        # a doubtful rule's reason is added when the stage that decided gave none...
        ("guess", "default all", [], ["guessed indicator"]),
        # ... and not repeated when it did
        ("guess", "default all", ["guessed indicator: nearest word 'hurt'"],
         ["guessed indicator: nearest word 'hurt'"]),
        # an empty label always says why
        ("no word", "none", [], ["no indicator word"]),
        # a certain rule adds nothing
        ("subject", "default all", [], []),
    ],
)
def test_flag_doubts_gives_each_rule_that_is_not_certain_its_reason(
    indicator_rule, population_rule, given, reasons
):
    draft = _draft()
    draft.reasons += given
    draft.decide("indicator", indicator_rule, "as the test says")
    draft.decide("population", population_rule, "as the test says")
    flag_doubts([draft])
    assert draft.reasons == reasons


def test_a_borrowed_label_shares_the_doubt_of_its_row_about_that_label_only():
    source, borrower = _draft(), _draft()
    source.reasons.append("population taken as civilians: 'rescuers'")
    source.decide("indicator", "subject", "subject of 'hurt'")
    source.decide("population", "words after", "words after the number: 'rescuers'")
    borrower.decide("indicator", "another", "as the figure before ('another')", source)
    borrower.decide("population", "words after", "words after the number: 'children'")
    flag_doubts([source, borrower])
    assert borrower.reasons == []  # its indicator is sure; its population is its own
    borrower.decide("population", "figure before", "as the figure before", source)
    flag_doubts([source, borrower])
    assert borrower.reasons == [
        "label from a doubtful row: population taken as civilians: 'rescuers'"
    ]
    assert doubts_of(borrower.reasons, "indicator") == borrower.reasons  # a borrowed doubt


@pytest.mark.parametrize("name", EVERY_CORPUS)
def test_every_label_of_every_corpus_row_is_decided_by_a_listed_rule_and_flagged_if_unsure(name):
    for case in draft_eval.load_corpus(name):
        rows, drafted = draft_eval.drafted_rows(case["text"])
        for draft, row in zip(drafted.drafts, rows, strict=True):
            for label in LABELS:
                rule = rule_of(label, draft.rules[label])
                if rule.kind in {"doubtful", "empty"}:
                    assert not pd.isna(row["needs_review"]), (label, rule.name, case["text"])
                if pd.isna(row[label]):  # an empty label is never silent either
                    assert not pd.isna(row["needs_review"]), (label, rule.name, case["text"])


def test_the_eval_script_counts_the_labels_of_every_rule(capsys):
    assert draft_eval.main(["--rules"]) == 0
    out = capsys.readouterr().out
    for label, name in RULES:
        assert f"| {label} | {name} | {RULES[(label, name)].kind} |" in out


def test_no_rule_decides_a_wrong_label_without_a_reason_on_the_tuned_corpora():
    counts = draft_eval.count_rules()
    assert sum(decided for decided, _, _ in counts.values()) > 1000
    assert {key: tally for key, tally in counts.items() if tally[2]} == {}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # a number with no group of its own after a group of one population: theirs, or all?
        ("Nine nurses died in the raid, raising the day's toll to 31.", True),
        # not after one person, a total the group is among, or whom a group treated
        ("A paramedic died in the raid, raising the day's toll to 31.", False),
        ("Monitors count 4 nurses among 31 dead in the raid.", False),
        ("Medics carried 4 bodies out and treated 31 wounded.", False),
    ],
)
def test_a_default_all_after_a_group_of_the_sentence_is_doubtful(text, flagged):
    frame, drafted = draft_text(text, SID, ROOT)
    (i,) = [i for i, row in frame.iterrows() if row["value"] == 31]
    rule = drafted.drafts[i].rules["population"]
    assert frame.loc[i, "population"] == "all"
    assert (rule == "default all, group before") is flagged
    if flagged:
        assert "population not said: 'nurses' counted before" in frame.loc[i, "needs_review"]
