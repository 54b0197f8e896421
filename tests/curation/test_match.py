"""A drafted row matches a recorded figure: same value, overlapping excerpts saying it."""

from __future__ import annotations

import pandas as pd

from idlibstats.curation.match import drafted_matches_recorded, occurrences

TEXT = "The strikes killed 12 people in the town. Later 12 more fled, and 30 were hurt."


def test_occurrences_finds_every_one_overlapping_ones_too():
    assert occurrences("aa", "aaa") == [(0, 2), (1, 3)]
    assert occurrences("12", TEXT) == [(19, 21), (48, 50)]
    assert occurrences("absent", TEXT) == []


def test_the_same_value_said_where_the_excerpts_overlap_matches():
    recorded = {"value": 12, "excerpt": "The strikes killed 12 people"}
    drafted = {"value": 12, "excerpt": "killed 12 people in the town"}
    assert drafted_matches_recorded(recorded, drafted, TEXT)


def test_another_value_or_no_value_does_not_match():
    recorded = {"value": 12, "excerpt": "The strikes killed 12 people"}
    assert not drafted_matches_recorded(recorded, {"value": 30, "excerpt": "killed 12 people"},
                                        TEXT)
    assert not drafted_matches_recorded(recorded, {"value": pd.NA, "excerpt": "killed 12"},
                                        TEXT)


def test_excerpts_that_overlap_only_where_the_value_is_not_said_do_not_match():
    recorded = {"value": 12, "excerpt": "Later 12 more fled"}
    drafted = {"value": 12, "excerpt": "killed 12 people in the town. Later"}
    assert not drafted_matches_recorded(recorded, drafted, TEXT)
