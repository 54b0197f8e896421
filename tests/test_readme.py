"""The README is a landing page: short, its first screen says how to run what the two
commands installed, and it links to the documentation pages rather than holding them."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: What a reader sees before scrolling (a forge shows about this many lines of a README).
FIRST_SCREEN = "\n".join(README.splitlines()[:45])


def test_the_readme_is_a_landing_page_of_at_most_250_lines() -> None:
    assert len(README.splitlines()) <= 250


def test_the_first_screen_says_how_to_run_the_cli_and_python_after_the_two_commands() -> None:
    assert "make lab" in FIRST_SCREEN and "make test" in FIRST_SCREEN
    for way in (".venv/bin/idlibstats", ".venv/bin/python", "source .venv/bin/activate"):
        assert way in FIRST_SCREEN, way
    assert "make docs" in FIRST_SCREEN and "make validate" in FIRST_SCREEN


def test_the_readme_links_every_documentation_page() -> None:
    linked = set(re.findall(r"\]\((docs/[\w-]+\.md)", README))
    pages = {f"docs/{p.name}" for p in (ROOT / "docs").glob("*.md")} - {
        "docs/index.md", "docs/changelog.md", "docs/contributing.md"}  # the README is the index
    assert pages - linked == set()
    assert "](CHANGELOG.md)" in README and "](CONTRIBUTING.md)" in README


def test_the_readme_lists_every_table_of_the_package() -> None:
    import json

    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert f"| `{resource['name']}` |" in README, resource["name"]
