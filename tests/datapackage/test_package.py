"""Meta-tests of the data package itself: declarations, hashes, format.

These guard against the failures frictionless does not report: a misspelt key
(``foreignkeys``) silently switches a check off, so the keys are checked here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import frictionless
import pytest
from conftest import copy_real_package, restamp_package

from idlibstats.datapackage.patterns import portability_problems

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {res["name"]: res for res in DESCRIPTOR["resources"]}

RESOURCE_KEYS = {"name", "type", "path", "scheme", "format", "mediatype", "encoding", "title",
                 "description", "dialect", "schema", "hash", "bytes", "checklist"}
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}
FIELD_KEYS = {"name", "type", "format", "description", "title", "constraints", "categoriesOrdered"}
CONSTRAINT_KEYS = {"required", "unique", "pattern", "enum", "minimum", "maximum", "minLength",
                   "maxLength"}

# Every reference between tables, as (table, field) -> (referenced table, field).
EXPECTED_REFERENCES = {
    ("wire_credits", "source_id"): ("sources", "source_id"),
    ("wire_credits", "organisation_id"): ("organisations", "organisation_id"),
    ("figures", "source_id"): ("sources", "source_id"),
    ("figures", "indicator"): ("indicators", "indicator"),
    ("figures", "claimant"): ("organisations", "organisation_id"),
    ("figures", "relayed_by"): ("organisations", "organisation_id"),
    ("figures", "part_of"): ("figures", "figure_id"),
    ("figures", "population"): ("populations", "population"),
    ("corroborations", "figure_id"): ("figures", "figure_id"),
    ("populations", "part_of"): ("populations", "population"),
    ("populations", "disjoint_from"): ("populations", "population"),
}


def descriptor_problems(descriptor: dict) -> list[str]:
    """Unknown keys (a typo switches a check off) and missing declarations."""
    problems = []
    for res in descriptor["resources"]:
        name = res["name"]
        problems += [f"{name}: unknown resource key {k!r}" for k in set(res) - RESOURCE_KEYS]
        problems += [f"{name}: missing {k!r}" for k in ("hash", "bytes", "schema", "path")
                     if k not in res]
        schema = res.get("schema", {})
        problems += [f"{name}: unknown schema key {k!r}" for k in set(schema) - SCHEMA_KEYS]
        if not schema.get("primaryKey"):
            problems.append(f"{name}: no primaryKey")
        for field in schema.get("fields", []):
            where = f"{name}.{field.get('name')}"
            problems += [f"{where}: unknown field key {k!r}" for k in set(field) - FIELD_KEYS]
            cons = field.get("constraints", {})
            problems += [f"{where}: unknown constraint {k!r}" for k in set(cons) - CONSTRAINT_KEYS]
            # the subset Python re, RE2 and XSD read alike; a top-level alternation wrapped in
            # a group, since frictionless anchors a pattern as ^P$
            # (idlibstats.datapackage.patterns)
            problems += [f"{where}: pattern has {p}"
                         for p in portability_problems(cons.get("pattern", ""))]
            if not field.get("description"):
                problems.append(f"{where}: no description")
            if field["name"] in schema.get("primaryKey", []) and not cons.get("required"):
                problems.append(f"{where}: a key field must be required")
    declared = {}
    for res in descriptor["resources"]:
        for fk in res.get("schema", {}).get("foreignKeys", []):
            fields, ref = fk["fields"], fk["reference"]
            target = ref.get("resource") or res["name"]  # v2: no resource = this one
            for here, there in zip(fields, ref["fields"], strict=True):
                declared[(res["name"], here)] = (target, there)
    for key, target in EXPECTED_REFERENCES.items():
        if declared.get(key) != target:
            where, to = ".".join(key), ".".join(target)
            problems.append(f"{where}: foreign key to {to} not declared")
    return problems


def test_descriptor_declares_every_key_and_constraint():
    assert descriptor_problems(DESCRIPTOR) == []


def rename_key(mapping: dict, old: str, new: str) -> None:
    mapping[new] = mapping.pop(old)


def figures_schema(descriptor: dict) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == "figures")["schema"]


def value_constraints(descriptor: dict) -> dict:
    fields = figures_schema(descriptor)["fields"]
    return next(f for f in fields if f["name"] == "value")["constraints"]


MISTAKES = {
    "foreignkeys": (lambda d: rename_key(figures_schema(d), "foreignKeys", "foreignkeys"),
                    "unknown schema key 'foreignkeys'"),
    "minimun": (lambda d: rename_key(value_constraints(d), "minimum", "minimun"),
                "unknown constraint 'minimun'"),
    "no-hash": (lambda d: d["resources"][4].pop("hash"), "figures: missing 'hash'"),
    "dropped-fk": (lambda d: figures_schema(d)["foreignKeys"].remove(
        next(fk for fk in figures_schema(d)["foreignKeys"] if fk["fields"] == ["part_of"])),
                   "figures.part_of: foreign key"),
    "bare-alternation": (lambda d: value_constraints(d).update(pattern="0|[1-9][0-9]*"),
                         "alternation at the top: wrap the pattern in a group"),
    "non-capturing-group": (lambda d: value_constraints(d).update(pattern="(?:0|[1-9][0-9]*)"),
                            "'(?' construct"),
    "unicode-digit": (lambda d: value_constraints(d).update(pattern="\\d+"), "the escape \\d"),
    "primarykey": (lambda d: rename_key(d["resources"][0]["schema"], "primaryKey", "primarykey"),
                   "sources: no primaryKey"),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_misspelt_or_missing_declaration_is_caught(mistake):
    mutate, expected = MISTAKES[mistake]
    broken = json.loads(json.dumps(DESCRIPTOR))
    assert broken["resources"][4]["name"] == "figures"
    mutate(broken)
    problems = descriptor_problems(broken)
    assert any(expected in p for p in problems), problems


def test_every_key_field_has_a_pattern_and_every_category_an_enum():
    references = set(EXPECTED_REFERENCES)
    for res in DESCRIPTOR["resources"]:
        for field in res["schema"]["fields"]:
            cons = field.get("constraints", {})
            where = f"{res['name']}.{field['name']}"
            is_own_key = (res["name"], field["name"]) not in references
            if field["name"] in res["schema"]["primaryKey"] and is_own_key:
                assert "pattern" in cons or "enum" in cons, where
            if field["name"].endswith("_basis") or field["name"] in (
                "qualifier", "population", "type", "topic", "unit", "relation", "role"
            ):
                assert cons.get("enum"), f"{where} needs an enum"


@pytest.mark.parametrize("name", list(RESOURCES))
def test_hash_and_bytes_match_the_file(name):
    data = (ROOT / RESOURCES[name]["path"]).read_bytes()
    assert RESOURCES[name]["bytes"] == len(data)
    assert RESOURCES[name]["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("name", list(RESOURCES))
def test_csv_is_utf8_lf_with_the_schema_header(name):
    data = (ROOT / RESOURCES[name]["path"]).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in data, "LF line ends only"
    assert data.endswith(b"\n")
    header = data.decode("utf-8").split("\n", 1)[0].split(",")
    assert header == [f["name"] for f in RESOURCES[name]["schema"]["fields"]]


def frictionless_errors(root: Path, *, resource: str | None = None,
                        checklist: str | None = None) -> tuple[int, list[dict]]:
    """What ``frictionless validate datapackage.json --json`` reports in ``root``: its exit
    status and every task's errors with the task's ``place`` as ``path``.

    Run in this process (``frictionless.validate``, which the command calls), not as a new
    process each time: the first call pays for frictionless' imports once (about 3 s), each
    later one takes a fraction of a second. ``resource`` and ``checklist`` are the
    command's ``--resource-name`` and ``--checklist``. The command itself, as written in
    the workflow and the Makefile, runs in ``tests/test_workflows.py``.
    """
    options: dict = {}
    if resource is not None:
        options["resource_name"] = resource
    if checklist is not None:
        options["checklist"] = frictionless.Checklist.from_descriptor(str(root / checklist))
    report = frictionless.validate(str(root / "datapackage.json"), **options).to_dict()
    errors = [dict(e, path=t["place"]) for t in report["tasks"] for e in t["errors"]]
    return (0 if report["valid"] else 1), errors


def edit_cell(path: Path, figure_id: str, field: str, value: str) -> int:
    """Set one cell of figures.csv; return the row number as a spreadsheet shows it."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index(field)
    for i, row in enumerate(rows):
        if row and row[0] == figure_id:
            row[col] = value
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(r for r in rows if r)
            path.write_text(out.getvalue(), encoding="utf-8")
            return i + 1
    raise AssertionError(figure_id)


#: One broken cell per case, each on its own row of figures.csv: (figure, field, value, type).
BROKEN_CELLS = [
    ("mee-2019-05-04-01", "value", "-5", "constraint-error"),
    ("mee-2019-05-04-02", "qualifier", "roughly", "constraint-error"),
    ("mee-2019-05-04-03", "period_end", "2019-02-30", "type-error"),
    ("mee-2019-05-04-04", "claimant", "nobody", "foreign-key"),
    ("mee-2019-05-04-05", "excerpt", "=HYPERLINK(\"http://x\")", "constraint-error"),
]


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory) -> tuple[dict[str, int], int, list[dict]]:
    """One copy with every broken cell of :data:`BROKEN_CELLS` (distinct rows), re-stamped,
    and what ``frictionless validate`` says of it: each case's row, the exit status, the
    errors. frictionless reports every error with its row, so one run (a fraction of a
    second each) serves every case, and each case still sees all the errors."""
    root = copy_real_package(tmp_path_factory.mktemp("broken") / "package")
    rows = {figure: edit_cell(root / "data/figures.csv", figure, field, value)
            for figure, field, value, _ in BROKEN_CELLS}
    restamp_package(root)
    return (rows, *frictionless_errors(root))


@pytest.mark.parametrize(("figure", "field", "value", "error_type"), BROKEN_CELLS,
                         ids=[f"{c[1]}-{c[2]}-{c[3]}" for c in BROKEN_CELLS])
def test_a_broken_copy_fails_frictionless_validate_naming_file_row_and_field(
    broken_copy, figure, field, value, error_type
):
    rows, code, errors = broken_copy
    assert code != 0
    # each broken cell gives one error, on its row and field, and nothing else is reported
    expected = sorted(("data/figures.csv", rows[f], None if t == "foreign-key" else c, t)
                      for f, c, _, t in BROKEN_CELLS)
    found = [(e["path"], e["rowNumber"], e.get("fieldName"), e["type"]) for e in errors]
    assert sorted(found) == expected
    mine = [e for e in errors if e["rowNumber"] == rows[figure]]
    assert [(e["path"], e.get("fieldName"), e["type"]) for e in mine] == [
        ("data/figures.csv", None if error_type == "foreign-key" else field, error_type)]
    if error_type == "foreign-key":
        assert field in mine[0]["message"] and value in mine[0]["message"]


def test_the_checklist_rejects_a_period_that_ends_before_it_starts(tmp_path):
    root = copy_real_package(tmp_path / "package")
    # after its end (2019-12-01), not after its claimed_on (2019-12-02): only this rule breaks
    row = edit_cell(root / "data/figures.csv", "mee-2019-12-02-01", "period_start", "2019-12-02")
    restamp_package(root)
    assert frictionless_errors(root)[0] == 0  # the schema alone cannot see it
    code, errors = frictionless_errors(root, resource="figures", checklist="checks/figures.json")
    assert code != 0
    assert [(e["rowNumber"], e["type"]) for e in errors] == [(row, "row-constraint")]
    assert "period_end >= period_start" in errors[0]["message"]


def test_a_stale_hash_fails_frictionless_validate(tmp_path):
    root = copy_real_package(tmp_path / "package")
    edit_cell(root / "data/figures.csv", "mee-2019-05-04-02", "notes", "Edited without restamping.")
    code, errors = frictionless_errors(root)
    assert code != 0
    assert {e["type"] for e in errors} & {"hash-count", "byte-count"}
