"""Consistency of the curated figures across rows and tables: rules no Table Schema can state.

Read with the csv module, independently of the library, so a library bug cannot hide a data bug.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def table(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


FIGURES = table("figures")
BY_ID = {f["figure_id"]: f for f in FIGURES}
SOURCES = {s["source_id"]: s for s in table("sources")}
INDICATORS = {i["indicator"]: i for i in table("indicators")}


def test_figure_ids_start_with_their_source_id():
    wrong = [f["figure_id"] for f in FIGURES if not f["figure_id"].startswith(f["source_id"] + "-")]
    assert wrong == []


def test_no_figure_covers_days_after_its_report_was_published():
    late = [
        f["figure_id"] for f in FIGURES if f["period_end"] > SOURCES[f["source_id"]]["published"]
    ]
    assert late == []


BREAKDOWNS = [f for f in FIGURES if f["part_of"]]


@pytest.mark.parametrize("child", BREAKDOWNS, ids=[f["figure_id"] for f in BREAKDOWNS])
def test_a_breakdown_matches_its_total(child):
    parent = BY_ID[child["part_of"]]
    for field in ("source_id", "indicator", "period_start", "period_end"):
        assert child[field] == parent[field], field
    assert child["population"] != parent["population"]
    assert not parent["part_of"], "breakdowns are one level deep"


def test_breakdowns_never_add_up_to_more_than_their_total():
    parts = defaultdict(int)
    for f in FIGURES:
        if f["part_of"]:
            parts[f["part_of"]] += int(f["value"])
    for parent_id, total in parts.items():
        parent = BY_ID[parent_id]
        ceiling = int(parent["value"]) - (1 if parent["qualifier"] == "almost" else 0)
        assert total <= ceiling, parent_id


def test_a_claim_group_counts_one_quantity():
    groups = defaultdict(set)
    for f in FIGURES:
        groups[f["claim_group"]].add((f["indicator"], f["population"], f["admin1"]))
    assert {g: v for g, v in groups.items() if len(v) > 1} == {}


def test_a_claim_group_is_one_period_or_one_report():
    groups = defaultdict(set)
    for f in FIGURES:
        groups[f["claim_group"]].add((f["period_start"], f["period_end"]))
    assert {g: v for g, v in groups.items() if len(v) > 1} == {}


def test_people_counts_have_a_population_and_other_counts_do_not():
    for f in FIGURES:
        people = INDICATORS[f["indicator"]]["unit"] == "people"
        assert (f["population"] != "not_applicable") == people, f["figure_id"]


def test_stated_periods_are_written_in_the_report():
    for f in FIGURES:
        if f["period_basis"] == "stated":
            assert f["period_as_written"], f["figure_id"]


def test_inferred_periods_and_claimants_are_explained_in_notes():
    for f in FIGURES:
        if f["period_basis"] == "inferred" or f["claimant_basis"] == "inferred":
            assert f["notes"], f["figure_id"]
