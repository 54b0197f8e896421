"""The descriptor declares Data Package v2 and is valid against the official profiles (issue 12).

The profiles are bundled in ``tests/datapackage/profiles/`` (see its README: copied from the
dplib-py
wheel), so no network is needed. Without ``$schema`` a reader assumes v1, against which the
old descriptor had 12 errors (frictionless' own nested ``dialect.csv``); with the portable
flat dialect a v1 reader now finds only the v2 self-reference (no ``resource``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

PROFILES = Path(__file__).parent / "profiles"
V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
# as recorded in tests/datapackage/profiles/README.md: the official files, unedited
HASHES = {
    "datapackage-2.0.json": "a9ef0fc168b3402ae7aa7d22bbcb798e0db6b639e7ee15ff4aa177463cea7112",
    "tabledialect-2.0.json": "54e884a84e499b9f63b2f04e8e8aa47f4f2257fdf94a71b9462f40ed19a1d3b3",
    "datapackage-1.0.json": "25865878304ca15c9fbf198b84877588ff34c57f1e148f2b13b3bde8777e2228",
}


def _descriptor() -> dict:
    return json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def _errors(profile: str, instance: object) -> list[str]:
    schema = json.loads((PROFILES / profile).read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


@pytest.mark.parametrize("name", sorted(HASHES))
def test_bundled_profiles_are_unedited(name: str) -> None:
    data = (PROFILES / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == HASHES[name]
    assert HASHES[name] in (PROFILES / "README.md").read_text(encoding="utf-8")


def test_descriptor_declares_v2_and_is_valid_against_the_v2_profile() -> None:
    descriptor = _descriptor()
    assert next(iter(descriptor)) == "$schema" and descriptor["$schema"] == V2
    assert _errors("datapackage-2.0.json", descriptor) == []


def test_a_reader_that_assumes_v1_finds_only_the_self_reference() -> None:
    """v1 required ``"resource": ""`` for a self-reference; v2 omits it. Nothing else differs."""
    errors = _errors("datapackage-1.0.json", _descriptor())
    assert errors == ["['resources', 4, 'schema', 'foreignKeys', 4]: {'fields': ['part_of'], "
                      "'reference': {'fields': ['figure_id']}} is not valid under any of the "
                      "given schemas"]


def test_the_profile_catches_a_broken_descriptor() -> None:
    """The test above can fail: the profile refuses what a real mistake looks like."""
    descriptor = _descriptor()
    descriptor["resources"][0]["name"] = "Not A Name!"
    descriptor["contributors"][0]["roles"] = "creator"
    descriptor["created"] = "21 November 2026"
    errors = _errors("datapackage-2.0.json", descriptor)
    assert any("'creator' is not of type 'array'" in e for e in errors), errors
    assert any("'21 November 2026' is not a 'date-time'" in e for e in errors), errors


@pytest.mark.parametrize("resource", _descriptor()["resources"], ids=lambda r: r["name"])
def test_dialects_are_the_portable_flat_form(resource: dict) -> None:
    dialect = resource["dialect"]
    assert "csv" not in dialect  # frictionless-py's own nested form is not the standard's
    assert dialect == {"header": True, "delimiter": ",", "lineTerminator": "\n",
                       "quoteChar": '"', "doubleQuote": True}
    assert _errors("tabledialect-2.0.json", dialect) == []


def test_self_references_omit_the_resource() -> None:
    for resource in _descriptor()["resources"]:
        for fk in resource["schema"].get("foreignKeys", []):
            assert fk["reference"].get("resource", resource["name"]) != "", fk
            if fk["reference"].get("resource") is None:
                assert fk["reference"]["fields"] == resource["schema"]["primaryKey"]


def test_contributors_created() -> None:
    descriptor = _descriptor()
    for contributor in descriptor["contributors"]:
        assert "role" not in contributor and contributor["roles"]
    created = dt.datetime.fromisoformat(descriptor["created"].replace("Z", "+00:00"))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", descriptor["created"])
    assert created <= dt.datetime.now(dt.UTC)


def test_loader_and_frictionless_read_the_flat_dialect_and_the_self_reference() -> None:
    from frictionless import Package

    import idlibstats

    package = Package(str(ROOT / "datapackage.json"))
    figures = package.get_resource("figures")
    assert figures.dialect.get_control("csv").delimiter == ","
    part_of = next(fk for fk in figures.schema.foreign_keys if fk["fields"] == ["part_of"])
    assert part_of["reference"]["resource"] in ("", "figures")  # frictionless: self
    assert len(idlibstats.figures(ROOT)) == len(figures.read_rows())
