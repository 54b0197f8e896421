"""The data dictionary as Markdown, generated from a package's ``datapackage.json``.

Nothing here is written by hand: each table's title and description, its fields (type, the
pandas dtype the loader gives, whether required, description, every constraint), its keys
and the row rules of ``checks/<table>.json`` come from the descriptor and the checklist, and
the row counts and the list of reports from the tables as the loaders read them (so a table
that does not validate fails the build). The site (``docs/data-dictionary.md``,
``docs/sources.md``) shows this text; ``tests/test_docs.py`` checks it against the
descriptor.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import idlibstats
from idlibstats.datapackage.schema import dtype_name

__all__ = ["dictionary_markdown", "sources_markdown"]

#: The pattern of every free-text field (no formula start, one line); see the page's intro.
FREE_TEXT = "[^=+\\-@ \\t\\n\\r].*"

#: Tables whose rows are shown in full under their fields: the vocabularies other tables use.
LISTED = ("indicators", "populations")


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (one line, pipes escaped)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(text: str) -> str:
    """Inline code, with a fence long enough for backticks in the text."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _references(schema: dict[str, Any], table: str) -> dict[str, str]:
    """Field name -> 'table.field' it refers to, for single-field foreign keys."""
    refs = {}
    for fk in schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        target = ref.get("resource") or table  # a key to the same table omits the resource
        for own, other in zip(fields, ref_fields, strict=True):
            refs[own] = f"{target}.{other}"
    return refs


def _rules(field: dict[str, Any], primary_key: list[str], refs: dict[str, str]) -> str:
    """Every constraint of a field, in words, from its descriptor."""
    constraints = field.get("constraints", {})
    rules = []
    if primary_key == [field["name"]]:
        rules.append("primary key")
    elif constraints.get("unique"):
        rules.append("unique")
    if field["name"] in refs:
        target = refs[field["name"]]
        rules.append(f"foreign key to [{_code(target)}](#{target.split('.')[0]})")
    if "enum" in constraints:
        rules.append("one of " + ", ".join(_code(v) for v in constraints["enum"]))
    if field["type"] == "date":
        rules.append("YYYY-MM-DD")
    pattern = constraints.get("pattern")
    if pattern == FREE_TEXT:
        rules.append("free text")
    elif pattern:
        rules.append(f"matches {_code(pattern)}")
    for key, word in (("minimum", ">="), ("maximum", "<="), ("exclusiveMinimum", ">"),
                      ("exclusiveMaximum", "<"), ("minLength", "length >="),
                      ("maxLength", "length <=")):
        if key in constraints:
            rules.append(f"{word} {constraints[key]}")
    return "; ".join(rules)


def _rows_table(frame: Any) -> list[str]:
    """Return a loaded table as a Markdown table, every cell as its text."""
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    for row in frame.astype("string").fillna("").itertuples(index=False):
        lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
    return lines


def _table_section(resource: dict[str, Any], rows: int, checks: Path) -> list[str]:
    name = resource["name"]
    schema = resource["schema"]
    primary_key = schema.get("primaryKey", [])
    primary_key = primary_key if isinstance(primary_key, list) else [primary_key]
    refs = _references(schema, name)
    lines = [f"## `{name}`", "", f"**{resource.get('title', name)}.** "
             f"{resource.get('description', '')} File `{resource['path']}`, {rows} rows.", ""]
    lines += ["| field | type (pandas dtype) | required | description | rules |",
              "|---|---|---|---|---|"]
    for field in schema["fields"]:
        required = "yes" if field.get("constraints", {}).get("required") else "no"
        lines.append(f"| `{field['name']}` | {field['type']} ({_cell(dtype_name(field))}) | "
                     f"{required} | {_cell(field.get('description', ''))} | "
                     f"{_cell(_rules(field, primary_key, refs))} |")
    lines.append("")
    if len(primary_key) > 1:
        lines += ["Primary key: (" + ", ".join(f"`{k}`" for k in primary_key) + ").", ""]
    checklist = checks / f"{name}.json"
    if checklist.is_file():
        formulas = [c["formula"] for c in json.loads(checklist.read_text(encoding="utf-8"))
                    ["checks"] if c.get("type") == "row-constraint"]
        lines += [f"Row rules (`checks/{name}.json`, run by `frictionless validate` with "
                  "`--checklist` and by the loaders), each true of every row:", ""]
        lines += [f"- {_code(formula)}" for formula in formulas]
        lines.append("")
    return lines


def dictionary_markdown(root: str | Path) -> str:
    """Return the data dictionary of the package at ``root`` as MyST Markdown.

    Parameters
    ----------
    root : str or path-like
        The package directory (holding ``datapackage.json``).

    Returns
    -------
    str
        An overview table (table, title, rows, what a row is), then one section per table:
        its fields with type, pandas dtype, required, description and rules, its keys and
        its row rules.
    """
    root = Path(root)
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    resources = descriptor["resources"]
    tables = {res["name"]: idlibstats.load_table(res["name"], root) for res in resources}
    rows = {name: len(frame) for name, frame in tables.items()}
    lines = ["| table | rows | one row is |", "|---|---:|---|"]
    lines += [f"| [`{res['name']}`](#{res['name']}) | {rows[res['name']]} | "
              f"{_cell(res.get('description', ''))} |" for res in resources]
    lines.append("")
    for res in resources:
        lines += _table_section(res, rows[res["name"]], root / "checks")
        if res["name"] in LISTED:
            lines += [f"The {rows[res['name']]} rows of `{res['name']}`:", "",
                      *_rows_table(tables[res["name"]]), ""]
    return "\n".join(lines)


def sources_markdown(root: str | Path) -> str:
    """Return the package's reports as a Markdown table, from its ``sources`` table.

    Parameters
    ----------
    root : str or path-like
        The package directory.

    Returns
    -------
    str
        One row per report: id, publisher and date (each marked when the curators inferred
        it), headline.
    """
    sources = idlibstats.sources(Path(root))
    lines = ["| source_id | publisher | published | headline |", "|---|---|---|---|"]
    for row in sources.itertuples():
        publisher = row.publisher + (" (inferred)" if row.publisher_basis == "inferred" else "")
        published = f"{row.published:%Y-%m-%d} ({row.published_basis})"
        lines.append(f"| `{row.source_id}` | {_cell(publisher)} | {published} | "
                     f"{_cell(row.headline)} |")
    return "\n".join(lines) + "\n"
