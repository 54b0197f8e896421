"""A release people can cite (issue 12): one version, a changelog by figure id, citation files.

The version lives in ``src/idlibstats/__init__.py``; ``pyproject.toml`` reads it (hatchling's
version source) and every other place that states it must agree. The built wheel's own
metadata is checked in ``test_wheel.py``.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib

import yaml
from conftest import ROOT

import idlibstats


def _version_in_init() -> str:
    text = (ROOT / "src/idlibstats/__init__.py").read_text(encoding="utf-8")
    (version,) = re.findall(r'^__version__ = "([^"]+)"$', text, re.M)
    return version


def test_one_version_in_one_place() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/idlibstats/__init__.py"
    version = _version_in_init()
    assert idlibstats.__version__ == version
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert {"datapackage.json": descriptor["version"], "CITATION.cff": str(citation["version"]),
            ".zenodo.json": zenodo["version"]} == dict.fromkeys(
                ("datapackage.json", "CITATION.cff", ".zenodo.json"), version)


def test_the_changelog_has_the_version_and_names_real_figures() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+)", changelog, re.M)
    assert headings and headings[0] == _version_in_init()
    with (ROOT / "data/figures.csv").open(encoding="utf-8", newline="") as fh:
        ids = {row["figure_id"] for row in csv.DictReader(fh)}
    named = set(re.findall(r"`([a-z]+-\d{4}-\d\d-\d\d-\d\d)`", changelog))
    assert named and named <= ids, named - ids


def test_citation_files_cover_data_and_code() -> None:
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "version", "license"} <= set(citation)
    assert set(citation["license"]) == {"MIT", "CC-BY-4.0"}
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["license"] == "cc-by-4.0" and zenodo["upload_type"] == "dataset"
    assert zenodo["creators"] and zenodo["title"] == citation["title"]
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0"]


def test_both_licence_texts_are_in_the_repository() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert data.startswith("Attribution 4.0 International")
    assert "Creative Commons Attribution 4.0 International Public License" in data
