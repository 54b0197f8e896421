"""The documentation's text: the worked example runs, the generated pages say what the
descriptor and the parser say, every public name is in the API reference with a full
docstring, and the pages link to what exists.

The site itself (built by Sphinx and opened in a browser) is tested in ``test_site.py``.
"""

from __future__ import annotations

import doctest
import functools
import inspect
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import idlibstats

DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

from clireference import cli_markdown  # noqa: E402 (docs/_ext is put on the path above)
from datadictionary import dictionary_markdown, sources_markdown  # noqa: E402

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {res["name"]: res for res in DESCRIPTOR["resources"]}


# --- The method's worked example -------------------------------------------------------------

def _worked_example() -> str:
    text = (DOCS / "method.md").read_text(encoding="utf-8")
    section = text.split("\n## Worked example", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) >= 3, "the worked example lost its code blocks"
    return "\n".join(blocks)


def test_the_worked_example_runs_as_written() -> None:
    test = doctest.DocTestParser().get_doctest(_worked_example(), {}, "worked example",
                                               "docs/method.md", 0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) of docs/method.md differ from the code"


def test_the_method_states_the_monthly_sum_the_code_gives() -> None:
    total = int(idlibstats.monthly_table()["killed_min"].sum())
    text = (DOCS / "method.md").read_text(encoding="utf-8")
    assert f"sums, over 2019, to **{total}**: a floor" in text


# --- The data dictionary, generated from the descriptor -----------------------------------

@functools.cache
def _dictionary_text() -> str:
    """The generated dictionary, made once for the module's tests (a text: none can edit it)."""
    return dictionary_markdown(ROOT)


def _dictionary() -> dict[str, dict[str, list[str]]]:
    """Table name -> field name -> the cells of its row, from the generated dictionary."""
    tables: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in _dictionary_text().splitlines():
        heading = re.fullmatch(r"## `(\w+)`", line)
        if heading:
            current = tables.setdefault(heading.group(1), {})
        row = re.match(r"\| `(\w+)` \|", line)
        if row and current is not None:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            current[row.group(1)] = cells
    return tables


def test_the_dictionary_lists_every_table_and_field_with_its_type() -> None:
    tables = _dictionary()
    assert list(tables) == list(RESOURCES)
    for name, res in RESOURCES.items():
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        assert list(tables[name]) == list(fields), name
        for field_name, cells in tables[name].items():
            assert cells[1].split(" (")[0] == fields[field_name]["type"], f"{name}.{field_name}"


def test_the_dictionary_says_which_fields_are_required() -> None:
    """The dictionary is written once, in the descriptor: the generated page's 'required'
    column and the loaders' docstrings (built from it) must agree with it."""
    tables = _dictionary()
    for name, res in RESOURCES.items():
        doc = getattr(idlibstats, name).__doc__
        for field in res["schema"]["fields"]:
            required = field.get("constraints", {}).get("required", False)
            assert tables[name][field["name"]][2] == ("yes" if required else "no"), (
                f"{name}.{field['name']}")
            first_words = " ".join(field["description"].split()[:3])
            assert first_words in " ".join(doc.split()), f"{name}.{field['name']} docstring"


def test_the_dictionary_documents_every_vocabulary_value_and_key() -> None:
    tables = _dictionary()
    for name, res in RESOURCES.items():
        schema = res["schema"]
        for field in schema["fields"]:
            rules = tables[name][field["name"]][4]
            for value in field.get("constraints", {}).get("enum", []):
                assert f"`{value}`" in rules, f"{name}.{field['name']}: {value}"
            if field.get("constraints", {}).get("pattern") not in (None, r"[^=+\-@ \t\n\r].*"):
                assert "matches" in rules, f"{name}.{field['name']}: pattern"
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"].get("resource") or name
            for own, other in zip(fk["fields"], fk["reference"]["fields"], strict=True):
                assert f"foreign key to [`{target}.{other}`]" in tables[name][own][4]


def test_the_dictionary_counts_rows_and_lists_the_row_rules() -> None:
    text = _dictionary_text()
    assert f"| [`figures`](#figures) | {len(idlibstats.figures())} |" in text
    checks = json.loads((ROOT / "checks" / "figures.json").read_text(encoding="utf-8"))
    for check in checks["checks"]:
        assert f"- `{check['formula']}`" in text


def test_the_sources_page_lists_every_report_with_how_its_date_is_known() -> None:
    text = sources_markdown(ROOT)
    for row in idlibstats.sources().itertuples():
        assert f"| `{row.source_id}` |" in text
        assert f"{row.published:%Y-%m-%d} ({row.published_basis})" in text


def test_the_cli_page_is_every_command_s_help() -> None:
    from idlibstats import cli

    text = cli_markdown()
    for command in ("validate", "summary", "export", "draft", "verify-excerpts", "stamp"):
        assert f"## `idlibstats {command}`" in text
        assert f"usage: idlibstats {command}" in text
    assert "--version" in text
    assert "Export for HDX: the figures" in text  # each command's summary as written
    assert cli.PACKAGE_HELP.split()[0] in text


# --- The API reference and the docstrings it shows ----------------------------------------

def test_every_public_name_is_in_the_api_reference() -> None:
    text = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. auto(?:function|exception|class):: idlibstats\.(\w+)$",
                                text, flags=re.M))
    assert set(idlibstats.__all__) - {"__version__"} - documented == set()


@pytest.mark.parametrize("name", [n for n in idlibstats.api.__all__ if n != "chart_tables"])
def test_each_wrapper_has_the_full_docstring_of_what_it_wraps(name: str) -> None:
    """help(ils.monthly) is the computation's own numpydoc, with every parameter of the
    wrapper documented (package among them), not a stub pointing elsewhere."""
    function = getattr(idlibstats, name)
    doc = inspect.getdoc(function)
    assert doc is not None and len(doc.splitlines()) > 20, f"{name}: a stub"
    params = doc.split("Parameters\n----------\n", 1)[1].split("\n\n", 1)[0]
    documented = {name.strip() for line in params.splitlines() if not line.startswith(" ")
                  for name in line.split(" : ")[0].split(",")}
    assert documented == set(inspect.signature(function).parameters), name
    assert "package : str or path-like, optional" in doc
    assert "DataPackageError" in doc.split("Raises\n------\n", 1)[1]
    for section in ("Returns", "Raises"):
        assert f"\n{section}\n{'-' * len(section)}\n" in doc, f"{name}: no {section}"


def test_a_wrapper_docstring_keeps_the_wrapper_s_parameters_in_its_order() -> None:
    """Grouped entries lose the names the wrapper loads itself, entries follow the wrapper's
    signature, and a docstring without Raises gets one."""
    from idlibstats.docstrings import wrapper_docstring

    def computes(figures, sources, indicators, *, band=0.1):
        """Return something computed.

        Parameters
        ----------
        figures : pandas.DataFrame
            The figures.
        sources, indicators : pandas.DataFrame
            Tables the wrapper loads.
        band : float, default 0.1
            A band.

        Returns
        -------
        pandas.DataFrame
            The result.
        """

    def loads(*, band=0.1, figures=None, package=None):
        pass

    doc = wrapper_docstring(computes, loads, ("figures", "sources", "indicators"))
    params = doc.split("Parameters\n----------\n", 1)[1].split("\n\n", 1)[0]
    entries = [line for line in params.splitlines() if not line.startswith(" ")]
    assert entries == ["band : float, default 0.1", "figures : pandas.DataFrame, optional",
                       "package : str or path-like, optional"]
    assert "``figures`` (when omitted) and ``sources`` and ``indicators``" in " ".join(
        params.split())
    assert doc.index("Returns") < doc.index("Raises\n------\nDataPackageError")
    assert doc.startswith("Return something computed.\n")


def test_help_shows_the_whole_docstring() -> None:
    import pydoc

    text = pydoc.render_doc(idlibstats.monthly, renderer=pydoc.plaintext)
    assert "package : str or path-like, optional" in text
    assert "Returns" in text and "status" in text
    assert "monthly(indicator" in text  # the wrapper's own signature, not the wrapped one's


# --- Links between the pages, and no placeholders -----------------------------------------

PAGES = sorted(DOCS.glob("*.md"))
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _slugs(markdown: str) -> set[str]:
    """The anchors MyST gives a page's headings (myst_heading_anchors), as GitHub does."""
    slugs = set()
    for heading in re.findall(r"^#{1,3} (.+)$", markdown, flags=re.M):
        text = re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower()).strip()
        slugs.add(re.sub(r" ", "-", text))
    return slugs


@pytest.mark.parametrize("page", [ROOT / "README.md", ROOT / "CONTRIBUTING.md",
                                  ROOT / "CHANGELOG.md", *PAGES], ids=lambda p: p.name)
def test_relative_links_lead_to_files_and_headings_that_exist(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.name}: {target} does not exist"
        if anchor and file.suffix == ".md" and "<!-- generated:" not in file.read_text(
                encoding="utf-8"):
            assert anchor in _slugs(file.read_text(encoding="utf-8")), (
                f"{page.name}: no heading #{anchor} in {file.name}")


@pytest.mark.parametrize("page", [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *PAGES],
                         ids=lambda p: p.name)
def test_no_placeholder_addresses(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for placeholder in ("OWNER/REPO", "git+https://…", "git+https://...", "example.com"):
        assert placeholder not in text, f"{page.name}: {placeholder}"
