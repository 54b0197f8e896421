"""The population relations: what the populations table says is true by definition, as sets."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ROOT

import idlibstats
from idlibstats.analysis.populations import Relations


@pytest.fixture(scope="module")
def rel() -> Relations:
    return Relations.from_frame(idlibstats.populations())


def table(rows: list[tuple]) -> pd.DataFrame:
    """rows: (population, part_of, disjoint_from, made_of_parts)."""
    return pd.DataFrame(rows, columns=["population", "part_of", "disjoint_from",
                                       "made_of_parts"])


def test_the_package_relations(rel):
    assert rel.within("children", "civilians") and rel.within("women", "civilians")
    assert rel.within("civilians", "all") and rel.within("fighters", "all")
    assert rel.within("pro_government_fighters", "fighters")
    assert not rel.overlaps("children", "women")
    assert not rel.overlaps("civilians", "fighters")
    assert not rel.overlaps("pro_government_fighters", "opposition_fighters")
    # women and children counted together are exactly the women and the children
    assert rel.members["women_and_children"] == rel.members["women"] | rel.members["children"]
    # men: part of all, no woman and no child; civilians or fighters, the word does not say
    assert rel.within("men", "all")
    assert not rel.overlaps("men", "women") and not rel.overlaps("men", "children")
    assert rel.overlaps("men", "civilians") and rel.overlaps("men", "fighters")
    assert not rel.within("men", "civilians") and not rel.within("men", "fighters")
    # all is not declared to be made of civilians and fighters: someone can be neither
    assert rel.members["all"] - rel.members["civilians"] - rel.members["fighters"]
    # counts that are not people share no one with people
    assert not rel.overlaps("not_applicable", "all")
    assert rel.ancestors("children") == ["women_and_children", "civilians", "all"]


def test_the_vocabulary_of_figures_is_the_table():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(r for r in descriptor["resources"] if r["name"] == "figures")
    field = next(f for f in figures["schema"]["fields"] if f["name"] == "population")
    enum = field["constraints"]["enum"]  # the loader's categories: the same values
    assert sorted(enum) == sorted(idlibstats.populations()["population"])
    keys = [fk for fk in figures["schema"]["foreignKeys"] if fk["fields"] == ["population"]]
    assert keys == [{"fields": ["population"],
                     "reference": {"resource": "populations", "fields": ["population"]}}]


def test_the_table_lists_a_whole_before_its_parts(rel):
    order = list(idlibstats.populations()["population"])
    for p in order:
        for whole in rel.ancestors(p):
            assert order.index(whole) < order.index(p), (whole, p)


def test_atoms_are_coarsened_to_what_the_populations_tell_apart(rel):
    cells, n = rel.atoms_for(["all", "children"])
    assert n == 2  # the children, and everyone else
    assert cells["children"] < cells["all"]
    cells, n = rel.atoms_for(["all", "children", "women"])
    assert n == 3 and not cells["children"] & cells["women"]
    cells, n = rel.atoms_for(["not_applicable"])
    assert n == 1


def test_relations_in_words(rel):
    text = rel.relation_text(["all", "children", "women"])
    assert text == ("children are part of all people; women are part of all people; "
                    "children and women share no one")
    assert rel.relation_text(["civilians", "men"]) == ""  # they may overlap: nothing to say


@pytest.mark.parametrize(("rows", "message"), [
    ([("all", None, None, False), ("all", None, None, False)], "'all' is listed twice"),
    ([("all", None, None, False), ("kids", "people", None, False)], "'people'"),
    ([("a", "b", None, False), ("b", "a", None, False)], "circle"),
    ([("all", None, "all", False)], "disjoint from itself"),
    ([("all", None, None, False), ("x", "all", "all", False)], "'x'.*no one"),
    ([("all", None, None, True)], "'all' is made of its parts"),
    ([("all", None, None, False), ("x", "all", "nobody", False)], "'nobody'"),
])
def test_relations_that_cannot_be_are_refused_naming_the_population(rows, message):
    with pytest.raises(ValueError, match=message):
        Relations.from_frame(table(rows))


def test_no_table_or_a_missing_column_is_refused():
    with pytest.raises(TypeError, match=r"idlibstats\.populations\(\)"):
        Relations.from_frame(None)
    with pytest.raises(ValueError, match="made_of_parts"):
        Relations.from_frame(table([("all", None, None, False)]).drop(columns="made_of_parts"))


def test_a_union_is_exactly_its_parts():
    rel = Relations.from_frame(table([
        ("all", None, None, False), ("both", "all", None, True), ("a", "both", "b", False),
        ("b", "both", "a", False),
    ]))
    assert rel.members["both"] == rel.members["a"] | rel.members["b"]
    loose = Relations.from_frame(table([
        ("all", None, None, False), ("both", "all", None, False), ("a", "both", "b", False),
        ("b", "both", "a", False),
    ]))
    assert loose.members["both"] > loose.members["a"] | loose.members["b"]
