"""The bad-input corpus (issue 5): one mutation of the real package per case.

Shared by ``test_bad_input.py`` (library and ``frictionless validate``) and
``test_cli_validate.py`` (``idlibstats validate``). Each case says which table the loader
must refuse, the file, row and field the problem must name and its code (issue 19: tests
match codes, not wording; a phrase of the message only where file, row, field and code do
not say which problem it is), and what ``frictionless validate`` can see of it (``None``:
it cannot; the reason is in ``note``). The messages shown in the documentation are checked
word for word by ``test_docs_examples.py``.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FIGURES = "data/figures.csv"
STYLES = "data/claimant_styles.csv"
POPULATIONS = "data/populations.csv"
# The real header's width, so the shape cases follow the schema when a field is added.
_HEADER = (Path(__file__).parents[1] / FIGURES).read_text(encoding="utf-8").split("\n", 1)[0]
WIDTH = len(next(csv.reader([_HEADER])))
# The row a line appended to wire_credits.csv gets (header = row 1), as rows are added.
_APPENDED_WIRE_ROW = len((Path(__file__).parents[1] / "data/wire_credits.csv").read_text(
    encoding="utf-8").splitlines()) + 1


def read_rows(root: Path, rel: str) -> list[list[str]]:
    """Return the CSV's rows (header first) as lists of cells."""
    return list(csv.reader(io.StringIO((root / rel).read_text(encoding="utf-8"))))


def write_rows(root: Path, rel: str, rows: list[list[str]]) -> None:
    """Write rows back as the package writes CSV (minimal quoting, LF)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (root / rel).write_bytes(out.getvalue().encode("utf-8"))


def set_cell(rel: str, row: int, field: str, value: str) -> Callable[[Path], None]:
    """Return a mutation that sets one cell (``row`` counted as a spreadsheet does)."""
    def mutate(root: Path) -> None:
        rows = read_rows(root, rel)
        rows[row - 1][rows[0].index(field)] = value
        write_rows(root, rel, rows)
    return mutate


def edit_rows(rel: str, change: Callable[[list[list[str]]], None]) -> Callable[[Path], None]:
    """Return a mutation that edits the list of rows in place."""
    def mutate(root: Path) -> None:
        rows = read_rows(root, rel)
        change(rows)
        write_rows(root, rel, rows)
    return mutate


def edit_bytes(rel: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """Return a mutation of the file's raw bytes."""
    def mutate(root: Path) -> None:
        (root / rel).write_bytes(change((root / rel).read_bytes()))
    return mutate


def edit_descriptor(change: Callable[[dict], None]) -> Callable[[Path], None]:
    """Return a mutation of ``datapackage.json``."""
    def mutate(root: Path) -> None:
        path = root / "datapackage.json"
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        change(descriptor)
        path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    return mutate


def _resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def _set_path(name: str, path: str) -> Callable[[dict], None]:
    def change(descriptor: dict) -> None:
        _resource(descriptor, name)["path"] = path
    return change


def _typo_foreign_keys(descriptor: dict) -> None:
    schema = _resource(descriptor, "figures")["schema"]
    schema["foreignkeys"] = schema.pop("foreignKeys")


def _swap(a: str, b: str) -> Callable[[list[list[str]]], None]:
    def change(rows: list[list[str]]) -> None:
        i, j = rows[0].index(a), rows[0].index(b)
        for row in rows:
            row[i], row[j] = row[j], row[i]
    return change


def _drop(column: str) -> Callable[[list[list[str]]], None]:
    def change(rows: list[list[str]]) -> None:
        i = rows[0].index(column)
        for row in rows:
            del row[i]
    return change


def _add(column: str) -> Callable[[list[list[str]]], None]:
    def change(rows: list[list[str]]) -> None:
        for k, row in enumerate(rows):
            row.append(column if k == 0 else "x")
    return change


def _rename(old: str, new: str) -> Callable[[list[list[str]]], None]:
    def change(rows: list[list[str]]) -> None:
        rows[0][rows[0].index(old)] = new
    return change


def _truncate_last_line(data: bytes) -> bytes:
    """Cut the file in the middle of its last line (as an interrupted write would)."""
    last = data.rstrip(b"\n").rsplit(b"\n", 1)
    cells = last[1].split(b",")
    return last[0] + b"\n" + b",".join(cells[:6])


def _blank_line(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines.insert(3, b"")
    return b"\n".join(lines)


def _extra_cell(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[2] += b",surplus"
    return b"\n".join(lines)


def _latin1(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[4] = lines[4].replace(b",", b"\xe9,", 1)
    return b"\n".join(lines)


def _resource_edit(name: str, change: Callable[[dict], None]) -> Callable[[dict], None]:
    def edit(descriptor: dict) -> None:
        change(_resource(descriptor, name))
    return edit


def _field_edit(resource: str, field: str,
                change: Callable[[dict], None]) -> Callable[[Path], None]:
    """Return a mutation of one field descriptor of ``datapackage.json``."""
    def edit(descriptor: dict) -> None:
        change(next(f for f in _resource(descriptor, resource)["schema"]["fields"]
                    if f["name"] == field))
    return edit_descriptor(edit)


def _set(key: str, value: object) -> Callable[[dict], None]:
    def change(node: dict) -> None:
        node[key] = value
    return change


def _constraint(key: str, value: object) -> Callable[[dict], None]:
    def change(field: dict) -> None:
        field.setdefault("constraints", {})[key] = value
    return change


def _both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)
    return mutate


def add_table(name: str, text: str, schema: dict) -> Callable[[Path], None]:
    """Return a mutation adding resource ``name`` (``data/<name>.csv`` holding ``text``)."""
    def mutate(root: Path) -> None:
        (root / f"data/{name}.csv").write_text(text, encoding="utf-8")

        def change(descriptor: dict) -> None:
            descriptor["resources"].append({"name": name, "type": "table",
                                            "path": f"data/{name}.csv", "format": "csv",
                                            "encoding": "utf-8", "schema": schema})
        edit_descriptor(change)(root)
    return mutate


_COUNTS = {"fields": [{"name": "n", "type": "integer"}, {"name": "label", "type": "string"}],
           "primaryKey": ["n"], "missingValues": [""]}
_UNIQUE = {"fields": [{"name": "n", "type": "integer", "constraints": {"unique": True}}],
           "missingValues": [""]}
_PAIRS = {"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}],
          "primaryKey": ["a", "b"], "missingValues": [""]}
_REFS = {"fields": [{"name": "x", "type": "string"}, {"name": "y", "type": "string"}],
         "missingValues": [""],
         "foreignKeys": [{"fields": ["x", "y"],
                          "reference": {"resource": "pairs", "fields": ["a", "b"]}}]}


def _stray_quote_header(data: bytes) -> bytes:
    """``"credit_as_written`` opens a quote: the next line joins the header record."""
    head, rest = data.split(b"\n", 1)
    return (head.replace(b"credit_as_written", b'"credit_as_written') + b"\n"
            + b'=cmd(),nobody,text,-5\n' + rest)


def _open_quote_last_row(root: Path) -> None:
    """The last row's last cell opens a quote that nothing closes (its line end inside it)."""
    rows = read_rows(root, FIGURES)
    rows[-1][-1] = "LEFT-OPEN"
    write_rows(root, FIGURES, rows)
    data = (root / FIGURES).read_bytes()
    assert data.endswith(b"LEFT-OPEN\n")
    (root / FIGURES).write_bytes(data[: -len(b"LEFT-OPEN\n")] + b'"Left open\n')


def _cr_only(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r")


def _header_only_no_newline(data: bytes) -> bytes:
    return data.split(b"\n", 1)[0]


def _big_cell(size: int, short: bool = False) -> Callable[[Path], None]:
    """Return a mutation putting a cell of ``size`` characters in row 3 (its last cell)."""
    def change(rows: list[list[str]]) -> None:
        rows[2] = [*rows[2][:2], "x" * size] if short else [*rows[2][:-1], "x" * size]
    return edit_rows(FIGURES, change)


def _checklist_gone(root: Path) -> None:
    (root / "checks/figures.json").unlink()


def _checklist_folder(root: Path) -> None:
    (root / "checks/figures.json").unlink()
    (root / "checks/figures.json").mkdir()


def _checklist_link_outside(root: Path) -> None:
    outside = root.parent / "elsewhere.json"
    outside.write_bytes((root / "checks/figures.json").read_bytes())
    (root / "checks/figures.json").unlink()
    (root / "checks/figures.json").symlink_to(outside)


def _add_rule(formula: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        path = root / "checks/figures.json"
        checklist = json.loads(path.read_text(encoding="utf-8"))
        checklist["checks"].append({"type": "row-constraint", "formula": formula})
        path.write_text(json.dumps(checklist, indent=2) + "\n", encoding="utf-8")
    return mutate


def _data_path_folder(root: Path) -> None:
    (root / "data/indicators.csv").unlink()
    (root / "data/indicators.csv").mkdir()


def _data_path_fifo(root: Path) -> None:
    import os

    (root / "data/indicators.csv").unlink()
    os.mkfifo(root / "data/indicators.csv")


def _data_path_loop(root: Path) -> None:
    (root / "data/indicators.csv").unlink()
    (root / "data/indicators.csv").symlink_to("indicators.csv")


@dataclass(frozen=True)
class Case:
    """One bad input."""

    id: str
    mutate: Callable[[Path], None]
    table: str                      # the table whose loading must fail
    file: str | None                # what the message must name
    row: int | None
    field: str | None
    words: str = ""                 # a phrase of the message, where file, row, field and
                                    # code do not say which problem it is
    stamp: bool = True              # re-stamp hashes after the edit (test the edit itself)
    frictionless: str | None = "row"  # "row": names row (and field); "invalid": just fails;
                                    # None: frictionless cannot tell (see note)
    note: str = ""
    code: str = dataclasses.field(kw_only=True)  # the error code the loader and validate must give


CASES = [
    Case("text-in-integer", set_cell(FIGURES, 3, "value", "twelve"), "figures", FIGURES, 3,
         "value", code="type-error"),
    Case("impossible-date", set_cell(FIGURES, 4, "period_end", "2019-02-30"), "figures",
         FIGURES, 4, "period_end", code="type-error"),
    Case("date-not-iso", set_cell(FIGURES, 4, "period_start", "3 May 2019"), "figures",
         FIGURES, 4, "period_start", code="type-error"),
    Case("empty-required", set_cell(FIGURES, 5, "excerpt", ""), "figures", FIGURES, 5,
         "excerpt", code="constraint-error"),
    Case("outside-vocabulary", set_cell(FIGURES, 6, "qualifier", "roughly"), "figures",
         FIGURES, 6, "qualifier", code="constraint-error"),
    Case("negative-count", set_cell(FIGURES, 7, "value", "-5"), "figures", FIGURES, 7, "value",
         code="constraint-error"),
    Case("end-before-start", set_cell(FIGURES, 8, "period_start", "2019-12-31"), "figures",
         FIGURES, 8, "period_start, period_end", code="row-constraint"),
    Case("unattributed-claim-stated", set_cell(FIGURES, 2, "claimant_basis", "stated"),
         "figures", FIGURES, 2, "claimant, claimant_basis", code="row-constraint"),
    Case("duplicate-id", edit_rows(FIGURES, lambda r: r[3].__setitem__(0, r[2][0])), "figures",
         FIGURES, 4, "figure_id", code="primary-key"),
    Case("duplicate-composite-key", edit_rows("data/wire_credits.csv",
                                              lambda r: r.append(list(r[1]))),
         "wire_credits", "data/wire_credits.csv", _APPENDED_WIRE_ROW,
         "source_id, organisation_id, role", code="primary-key"),
    Case("unknown-foreign-key", set_cell(FIGURES, 9, "source_id", "xyz-2019-01-01"), "figures",
         FIGURES, 9, "source_id", code="foreign-key"),
    Case("unknown-self-reference", set_cell(FIGURES, 10, "part_of", "tna-2019-05-03-99"),
         "figures", FIGURES, 10, "part_of", code="foreign-key"),
    Case("unknown-nullable-fk", set_cell(FIGURES, 10, "relayed_by", "reuters_tv"), "figures",
         FIGURES, 10, "relayed_by", code="foreign-key"),
    Case("formula-in-text", set_cell(FIGURES, 11, "excerpt", '=HYPERLINK("http://x.y")'),
         "figures", FIGURES, 11, "excerpt", code="constraint-error"),
    Case("formula-at-sign", set_cell("data/organisations.csv", 3, "notes", "@SUM(A1:A9)"),
         "organisations", "data/organisations.csv", 3, "notes", code="constraint-error"),
    Case("pattern-id", set_cell(FIGURES, 12, "figure_id", "TNA 2019-05-03-12"), "figures",
         FIGURES, 12, "figure_id", code="constraint-error"),
    Case("missing-column", edit_rows(FIGURES, _drop("notes")), "figures", FIGURES, 1, "notes",
         frictionless="invalid", code="missing-label"),
    Case("renamed-column", edit_rows(FIGURES, _rename("value", "val")), "figures", FIGURES, 1,
         "value", frictionless="invalid", code="incorrect-label"),
    Case("reordered-columns", edit_rows(FIGURES, _swap("value", "qualifier")), "figures",
         FIGURES, 1, "value", frictionless="invalid", code="incorrect-label"),
    Case("extra-column", edit_rows(FIGURES, _add("comment")), "figures", FIGURES, 1, "comment",
         frictionless="invalid", code="extra-label"),
    Case("missing-csv", lambda root: (root / "data/indicators.csv").unlink(), "indicators",
         "data/indicators.csv", None, None, "file is missing", stamp=False,
         frictionless="invalid", code="scheme-error"),
    Case("empty-csv", edit_bytes("data/indicators.csv", lambda b: b""), "indicators",
         "data/indicators.csv", None, None, "is empty (0 bytes)", frictionless="invalid",
         code="source-error"),
    Case("truncated-last-line", edit_bytes(FIGURES, _truncate_last_line), "figures", FIGURES, 36,
         "value_as_written", frictionless="row", code="missing-cell"),
    Case("blank-line", edit_bytes(FIGURES, _blank_line), "figures", FIGURES, 4, None,
         frictionless="row", code="blank-row"),
    Case("extra-cell", edit_bytes(FIGURES, _extra_cell), "figures", FIGURES, 3, None,
         frictionless="row", code="extra-cell"),
    Case("not-utf8", edit_bytes(FIGURES, _latin1), "figures", FIGURES, 5, None,
         frictionless="invalid", code="encoding-error"),
    Case("bom-unstamped", edit_bytes(FIGURES, lambda b: b"\xef\xbb\xbf" + b), "figures",
         FIGURES, 1, None, stamp=False, frictionless="invalid",
         note="frictionless sees the hash mismatch", code="byte-order-mark"),
    Case("bom-stamped", edit_bytes(FIGURES, lambda b: b"\xef\xbb\xbf" + b), "figures",
         FIGURES, 1, None, frictionless=None,
         note="frictionless strips the BOM; once re-stamped it passes (idlibstats stamp "
              "refuses to stamp a BOM, so in practice the hash check catches it)",
         code="byte-order-mark"),
    Case("crlf-unstamped", edit_bytes(FIGURES, lambda b: b.replace(b"\n", b"\r\n")), "figures",
         FIGURES, 1, None, stamp=False,
         frictionless="invalid", note="frictionless sees the hash mismatch",
         code="line-terminator"),
    Case("crlf-stamped", edit_bytes(FIGURES, lambda b: b.replace(b"\n", b"\r\n")), "figures",
         FIGURES, 1, None, frictionless=None,
         note="frictionless reads CRLF; once re-stamped it passes (idlibstats stamp refuses "
              "to stamp CRLF, so in practice the hash check catches it)", code="line-terminator"),
    Case("content-changed", set_cell(FIGURES, 2, "notes", "Edited after stamping."), "figures",
         FIGURES, None, None, "the file changed since it was stamped", stamp=False,
         frictionless="invalid", code="byte-count"),
    Case("absolute-path", edit_descriptor(_set_path("figures", "/etc/passwd")), "figures",
         "datapackage.json", None, None, "is absolute or a URL", stamp=False,
         frictionless="invalid", code="resource-error"),
    Case("climbing-path", edit_descriptor(_set_path("figures", "../outside.csv")), "figures",
         "datapackage.json", None, None, "climbs out of the package", stamp=False,
         frictionless="invalid", code="resource-error"),
    Case("url-path", edit_descriptor(_set_path("figures", "https://example.org/figures.csv")),
         "figures", "datapackage.json", None, None, "is absolute or a URL", stamp=False,
         frictionless=None, note="not run: frictionless would go to the network",
         code="resource-error"),
    Case("misspelt-foreign-keys", edit_descriptor(_typo_foreign_keys), "figures",
         "datapackage.json", None, None, "`foreignkeys` (resource figures.schema) is not "
         "supported by idlibstats", stamp=False,
         frictionless=None, note="frictionless ignores the unknown key: references unchecked",
         code="schema-error"),
    Case("admin1-pattern-alternation", set_cell(FIGURES, 13, "admin1", "SY-ID;Idlib city"),
         "figures", FIGURES, 13, "admin1", frictionless="row",
         note="the pattern is wrapped in (?:...): frictionless anchors it as ^P$ without a "
              "group, and an unwrapped alternation let any value starting with 'SY' pass",
         code="constraint-error"),
    # issue 9: row rules of checks/figures.json on the new fields (rows 22-34: none of the
    # rows the cases above edit, so frictionless can check them in one shared package)
    Case("stock-over-a-span", set_cell(FIGURES, 31, "period_start", "2019-12-01"), "figures",
         FIGURES, 31, "measure, period_start, period_end", code="row-constraint"),
    Case("claimed-before-period-end", set_cell(FIGURES, 33, "claimed_on", "2019-07-25"),
         "figures", FIGURES, 33, "claimed_on, period_end",

         code="row-constraint"),
    Case("claimed-before-period-start", set_cell(FIGURES, 22, "claimed_on", "2019-12-15"),
         "figures", FIGURES, 22, "claimed_on, period_start", code="row-constraint"),
    Case("default-place-not-the-four", set_cell(FIGURES, 34, "admin1", "SY-ID"), "figures",
         FIGURES, 34, "admin1, admin1_basis", code="row-constraint"),
    Case("perpetrator-without-words", set_cell(FIGURES, 23, "perpetrator_as_written", ""),
         "figures", FIGURES, 23, "perpetrator, perpetrator_as_written", code="row-constraint"),
    # issue 9: rules across tables (idlibstats.crosschecks); frictionless cannot see them
    Case("claimed-after-its-report", set_cell(FIGURES, 5, "claimed_on", "2019-05-04"),
         "figures", FIGURES, 5, "claimed_on",
         frictionless=None,
         note="a rule across tables (sources.published): a checklist sees one row of one table",
         code="claimed-after-report"),
    Case("report-date-not-the-report's", set_cell(FIGURES, 21, "claimed_on", "2019-12-16"),
         "figures", FIGURES, 21, "claimed_on",
         frictionless=None,
         note="a rule across tables (sources.published): a checklist sees one row of one table",
         code="claimed-not-report-date"),
    Case("inferred-claimant-without-corroboration",
         set_cell(FIGURES, 35, "claimant_basis", "inferred"), "figures", FIGURES, 35,
         "claimant_basis", frictionless=None,
         note="a rule across tables (corroborations): a checklist sees one row of one table",
         code="claimant-not-shown"),
    # Issue 12: the number as written must say the value, and the excerpt must hold it.
    Case("value-not-as-written", set_cell(FIGURES, 15, "value", "2720"), "figures", FIGURES,
         15, "value, value_as_written", frictionless=None,
         note="a checklist formula cannot read number words; idlibstats checks it",
         code="value-not-as-written"),
    Case("number-words-not-value", set_cell(FIGURES, 28, "value", "50"), "figures", FIGURES,
         28, "value, value_as_written",
         frictionless=None, note="a checklist formula cannot read number words",
         code="value-not-as-written"),
    Case("scale-word-not-value", set_cell(FIGURES, 31, "value", "300000"), "figures", FIGURES,
         31, "value, value_as_written", frictionless=None,
         note="a checklist formula cannot read number words",
         code="value-not-as-written"),
    Case("wording-without-number", set_cell(FIGURES, 15, "value_as_written", "many"),
         "figures", FIGURES, 15, "value, value_as_written",
         frictionless=None, note="a checklist formula cannot read number words",
         code="value-not-as-written"),
    Case("wording-not-in-excerpt", set_cell(FIGURES, 8, "value_as_written", "over 30"),
         "figures", FIGURES, 8, "value_as_written, excerpt",
         frictionless=None,
         note="the checklist has no substring test; idlibstats checks it",
         code="wording-not-in-excerpt"),
    # the claimants' styles are data too, checked like any table
    Case("style-colour-not-lower-hex", set_cell(STYLES, 3, "colour", "#D55E00"),
         "claimant_styles", STYLES, 3, "colour", code="constraint-error"),
    Case("style-unknown-marker", set_cell(STYLES, 4, "marker", "x"), "claimant_styles",
         STYLES, 4, "marker", code="constraint-error"),
    Case("style-for-no-organisation", set_cell(STYLES, 2, "organisation_id", "white_helmets"),
         "claimant_styles", STYLES, 2, "organisation_id", code="foreign-key"),
    # the population relations are data, read by the month bounds: held to their schema
    Case("population-part-of-nothing-known", set_cell(POPULATIONS, 3, "part_of", "people"),
         "populations", POPULATIONS, 3, "part_of", code="foreign-key"),
    Case("population-made-of-parts-not-boolean", set_cell(POPULATIONS, 7, "made_of_parts",
                                                          "yes"),
         "populations", POPULATIONS, 7, "made_of_parts", code="type-error"),
    Case("figure-population-not-in-populations",
         edit_rows(POPULATIONS, lambda r: r.remove(next(x for x in r
                                                        if x[0] == "women_and_children"))),
         "figures", FIGURES, 23, "population", code="foreign-key"),
]

# Issue 18: validation never looser than frictionless, never a traceback. One case per
# example of the issue; frictionless rejects each, unless ``note`` says why it cannot.
D = "datapackage.json"
UNSUPPORTED = "is not supported by idlibstats; remove it, or validate this package with"
NOT_PORTABLE = "is outside the portable subset"
_CONTACTS = {"fields": [{"name": "email", "type": "string", "format": "email"},
                        {"name": "site", "type": "string", "format": "uri"}],
             "missingValues": [""]}


def _figures(change: Callable[[dict], None]) -> Callable[[Path], None]:
    return edit_descriptor(_resource_edit("figures", change))


def _dialect(key: str, value: object) -> Callable[[dict], None]:
    def change(resource: dict) -> None:
        resource["dialect"][key] = value
    return change


def _schema(key: str, value: object) -> Callable[[dict], None]:
    def change(resource: dict) -> None:
        resource["schema"][key] = value
    return change


def _first_resource(value: object) -> Callable[[dict], None]:
    def change(descriptor: dict) -> None:
        descriptor["resources"][0] = value
    return change


def _drop_name(descriptor: dict) -> None:
    del descriptor["resources"][0]["name"]


def _hash(change: Callable[[str], str]) -> Callable[[Path], None]:
    return _figures(lambda r: r.__setitem__("hash", change(r["hash"])))


def _blake2b(root: Path) -> None:
    import hashlib

    data = (root / FIGURES).read_bytes()
    _figures(_set("hash", f"blake2b:{hashlib.blake2b(data).hexdigest()}"))(root)


ISSUE_18 = [
    Case("header-stray-quote", edit_bytes("data/wire_credits.csv", _stray_quote_header),
         "wire_credits", "data/wire_credits.csv", 1, None,

         frictionless="invalid", code="source-error"),
    Case("field-missing-values",
         _both(_field_edit("sources", "publisher", _set("missingValues", ["", "NA"])),
               set_cell("data/sources.csv", 3, "publisher", "NA")),
         "sources", "data/sources.csv", 3, "publisher", code="constraint-error"),
    Case("string-format-email", add_table("contacts", "email,site\na@example.org,https://"
                                          "example.org\nhello there,https://example.org\n",
                                          _CONTACTS),
         "contacts", "data/contacts.csv", 3, "email", code="type-error"),
    Case("string-format-uri", add_table("contacts", "email,site\na@example.org,https://"
                                        "example.org\nb@example.org,example dot org\n",
                                        _CONTACTS),
         "contacts", "data/contacts.csv", 3, "site", code="type-error"),
    Case("encoding-latin1", _figures(_set("encoding", "latin-1")), "figures", D, None, None,
         f'`encoding: "latin-1"` (resource figures) {UNSUPPORTED}', stamp=False,
         frictionless=None, note="frictionless reads the UTF-8 file as latin-1 without an "
         "error (mojibake); idlibstats reads UTF-8 only", code="resource-error"),
    Case("format-xlsx", _figures(_set("format", "xlsx")), "figures", D, None, None,
         f'`format: "xlsx"` (resource figures) {UNSUPPORTED}', stamp=False,
         frictionless="invalid", code="resource-error"),
    Case("format-tsv", _figures(_set("format", "tsv")), "figures", D, None, None,
         f'`format: "tsv"` (resource figures) {UNSUPPORTED}', stamp=False,
         frictionless=None,
         note="frictionless reads this comma-separated file as CSV all the same",
         code="resource-error"),
    Case("dialect-header-false", _figures(_dialect("header", False)), "figures", D, None,
         None, f"`header: false` (resource figures.dialect) {UNSUPPORTED}", stamp=False,
         frictionless="invalid", code="dialect-error"),
    Case("dialect-header-rows", _figures(_dialect("headerRows", [2])), "figures", D, None,
         None, f"`headerRows: [2]` (resource figures.dialect) {UNSUPPORTED}", stamp=False,
         frictionless="invalid", code="dialect-error"),
    Case("dialect-comment-char", _figures(_dialect("commentChar", "t")), "corroborations", D,
         None, None, f"`commentChar` (resource figures.dialect) {UNSUPPORTED}", stamp=False,
         frictionless="invalid", note="frictionless skips the figures starting with 't', so "
         "corroborations point to figures it no longer has", code="dialect-error"),
    Case("enum-as-a-string", _field_edit("figures", "qualifier", _constraint("enum", "exact")),
         "figures", D, None, None, "field qualifier.constraints.enum: 'exact' is not of type "
         "'array'", stamp=False, frictionless="invalid", code="field-error"),
    Case("bytes-as-a-string", _figures(lambda r: r.__setitem__("bytes", str(r["bytes"]))),
         "figures", D, None, None, "resource figures.bytes: ", stamp=False,
         frictionless="invalid", code="resource-error"),
    Case("bytes-as-a-float", _figures(lambda r: r.__setitem__("bytes", r["bytes"] + 0.5)),
         "figures", D, None, None, "resource figures.bytes: ", stamp=False,
         frictionless="invalid", code="resource-error"),
    Case("hash-upper-case", _hash(str.upper), "figures", D, None, None,
         "resource figures.hash: ", stamp=False, frictionless=None,
         note="frictionless compares the hash without regard to case", code="resource-error"),
    Case("hash-blake2b", _blake2b, "figures", D, None, None, "resource figures.hash: ",
         stamp=False, frictionless=None,
         note="frictionless checks md5 and sha256 only and ignores any other hash",
         code="resource-error"),
    Case("hash-empty-on-an-edited-file",
         _both(set_cell(FIGURES, 2, "notes", "Edited after stamping."), _hash(lambda h: "")),
         "figures", D, None, None, "resource figures.hash: ", stamp=False,
         frictionless="invalid", code="resource-error"),
    Case("integer-key-1-and-01", add_table("counts", "n,label\n1,a\n01,b\n", _COUNTS),
         "counts", "data/counts.csv", 3, "n", frictionless="invalid", code="primary-key"),
    Case("unique-integer-0-and-minus-0", add_table("uniq", "n\n0\n-0\n", _UNIQUE), "uniq",
         "data/uniq.csv", 3, "n", code="unique-error"),
    Case("composite-key-parts-collide",
         _both(add_table("pairs", "a,b\na\x1fb,c\n", _PAIRS),
               add_table("refs", "x,y\na,b\x1fc\n", _REFS)),
         "refs", "data/refs.csv", 2, "x, y", code="foreign-key"),
    Case("checklist-missing", _checklist_gone, "figures", "checks/figures.json", None, None,
         "is missing: datapackage.json names it as the checklist of resource figures",
         stamp=False, frictionless="invalid", code="checklist-error"),
    Case("checklist-a-folder", _checklist_folder, "figures", "checks/figures.json", None,
         None, "is a folder, not a file", stamp=False, frictionless="invalid",
         code="checklist-error"),
    Case("checklist-link-outside", _checklist_link_outside, "figures", D, None, None,
         "checklist of resource figures: path 'checks/figures.json' leads outside the package",
         stamp=False, frictionless=None,
         note="frictionless follows the link (the rules there are the same)",
         code="resource-error"),
    Case("rule-on-a-field-several-tables-have",
         _both(_add_rule("notes is None or notes != 'x'"),
               set_cell("data/sources.csv", 3, "notes", "x")),
         "sources", "data/sources.csv", 3, "notes", code="row-constraint"),
    Case("pattern-not-space-ascii",
         _both(_field_edit("organisations", "notes", _constraint("pattern", "\\S.*")),
               set_cell("data/organisations.csv", 3, "notes", "\u00a0note")),
         "organisations", D, None, None, f"pattern '\\\\S.*' {NOT_PORTABLE}",
         frictionless="invalid", code="field-error"),
    Case("pattern-not-digit-ascii",
         _both(_field_edit("indicators", "description", _constraint("pattern", "\\D+")),
               set_cell("data/indicators.csv", 3, "description", "People \u0663 injured.")),
         "indicators", D, None, None, f"pattern '\\\\D+' {NOT_PORTABLE}",
         frictionless="invalid", code="field-error"),
    Case("pattern-inline-flag",
         _field_edit("organisations", "organisation_id",
                     _constraint("pattern", "(?i)[a-z][a-z0-9_]*")),
         "organisations", D, None, None, NOT_PORTABLE, stamp=False, frictionless="invalid",
         code="field-error"),
    Case("pattern-re2-cannot-compile",
         _field_edit("organisations", "organisation_id", _constraint("pattern", "[a-z]{1001}")),
         "organisations", D, None, None, "it cannot be compiled by RE2",
         stamp=False, frictionless=None,
         note="Python compiles it, RE2 (repetitions up to 1000) does not: idlibstats refuses",
         code="field-error"),
    Case("open-quote-in-the-last-row", _open_quote_last_row, "figures",
         FIGURES, 36, None, frictionless=None,
         note="frictionless 5.21 reads the open cell to the end of the file, as Arrow did; "
              "Python's csv (strict) and idlibstats refuse it", code="source-error"),
    Case("cr-only-line-ends", edit_bytes(FIGURES, _cr_only), "figures", FIGURES, 1, None,
         frictionless=None,
         note="frictionless reads CR line ends; once re-stamped it passes", code="line-terminator"),
    Case("referenced-table-header-without-newline",
         edit_bytes("data/sources.csv", _header_only_no_newline), "figures", FIGURES, 2,
         "source_id", code="foreign-key"),
    Case("cell-over-2-mb", _big_cell(3 << 20), "figures", FIGURES, 3,
         None, frictionless=None,
         note="frictionless reads a cell of any length; idlibstats refuses one past "
              "Python's csv limit (a pasted file, not a figure)", code="cell-too-long"),
    Case("cell-200-kb-in-a-short-row", _big_cell(200_000, short=True),
         "figures", FIGURES, 3, "population",
         frictionless="invalid", code="missing-cell"),
    Case("value-as-written-20-digits",
         set_cell(FIGURES, 3, "value_as_written", "12345678901234567890"), "figures", FIGURES,
         3, "value, value_as_written",
         frictionless=None, note="a checklist formula cannot read number words",
         code="value-not-as-written"),
    Case("integer-at-2-63", set_cell(FIGURES, 3, "value", str(2**63)), "figures", FIGURES, 3,
         "value", frictionless=None,
         note="Python's integers have no limit; the typed loader's Int64 has one",
         code="type-error"),
    Case("resource-without-a-name", edit_descriptor(_drop_name), "figures", D, None, None,
         "'name' is a required property", stamp=False, frictionless="invalid",
         code="resource-error"),
    Case("resource-not-an-object", edit_descriptor(_first_resource("sources")), "figures", D,
         None, None, "resource 1: 'sources' is not of type 'object'", stamp=False,
         frictionless="invalid", code="resource-error"),
    Case("schema-as-a-string", _figures(_set("schema", "schemas/figures.json")), "figures", D,
         None, None, "resource figures.schema: ", stamp=False, frictionless="invalid",
         code="schema-error"),
    Case("constraints-as-a-list", _field_edit("figures", "value", _set("constraints", [])),
         "figures", D, None, None, "field value.constraints: [] is not of type 'object'",
         stamp=False, frictionless="invalid", code="field-error"),
    Case("numbers-in-an-enum", _field_edit("figures", "qualifier", _constraint("enum", [1, 2])),
         "figures", D, None, None, "field qualifier.constraints.enum[0]: 1 is not of type "
         "'string'", stamp=False, frictionless="invalid", code="field-error"),
    Case("numbers-in-missing-values", _figures(_schema("missingValues", ["", 0])), "figures",
         D, None, None, "resource figures.schema.missingValues", stamp=False,
         frictionless="invalid", code="schema-error"),
    Case("null-in-missing-values", _figures(_schema("missingValues", [None])), "figures", D,
         None, None, "resource figures.schema.missingValues", stamp=False,
         frictionless="invalid", code="schema-error"),
    Case("string-limit", _field_edit("figures", "value", _constraint("minimum", "0")),
         "figures", D, None, None, "field value.constraints.minimum: '0' is not of type "
         "'integer'", stamp=False, frictionless=None,
         note="frictionless reads the limit '0' as the integer 0", code="field-error"),
    Case("nul-in-a-path", _figures(_set("path", "data/fig\x00ures.csv")), "figures", D, None,
         None, "holds a NUL byte", stamp=False, frictionless=None,
         note="frictionless raises ValueError (embedded null byte) from its CLI",
         code="resource-error"),
    Case("path-too-long", _figures(_set("path", "data/" + "f" * 5000 + ".csv")), "figures",
         D, None, None, "longer than 1024 characters", stamp=False, frictionless="invalid",
         code="resource-error"),
    Case("link-loop", _data_path_loop, "indicators", "data/indicators.csv", None, None,
         "cannot be read: a symbolic link loop", stamp=False,
         frictionless="invalid", code="scheme-error"),
    Case("formula-of-constants", _add_rule("1 < 2"), "figures", "checks/figures.json", None,
         None, "compares constants only", stamp=False, frictionless=None,
         note="frictionless evaluates 1 < 2 as true; idlibstats refuses a rule that reads no "
              "field", code="checklist-error"),
    Case("formula-constant-past-int64", _add_rule("value is None or value < 2 ** 70"),
         "figures", "checks/figures.json", None, None, "which is not a field name or a "
         "constant", stamp=False, frictionless=None,
         note="frictionless compares Python integers; idlibstats refuses the arithmetic",
         code="checklist-error"),
    Case("formula-big-constant", _add_rule("value is None or value < 99999999999999999999"),
         "figures", "checks/figures.json", None, None, "is outside the 64-bit integers",
         stamp=False, frictionless=None,
         note="frictionless compares Python integers; idlibstats compares 64-bit ones",
         code="checklist-error"),
    Case("data-path-a-folder", _data_path_folder, "indicators", "data/indicators.csv", None,
         None, "is a folder, not a file", stamp=False, frictionless="invalid", code="scheme-error"),
    Case("data-path-a-fifo", _data_path_fifo, "indicators", "data/indicators.csv", None, None,
         "is not a regular file (a FIFO, socket or device)", stamp=False, frictionless=None,
         note="frictionless would wait on the FIFO for ever", code="scheme-error"),
]
# Found by the descriptor fuzz (tests/datapackage/test_fuzz_differential.py): metadata that
# frictionless checks beyond the profiles.
ISSUE_18 += [
    Case("package-level-fields", edit_descriptor(_set("fields", [])), "indicators", D, None,
         None, f"`fields` {UNSUPPORTED}", stamp=False, frictionless="invalid",
         code="package-error"),
    Case("created-without-seconds", edit_descriptor(_set("created", "2026-11-21T10:18")),
         "indicators", D, None, None, "created: '2026-11-21T10:18' does not match",
         stamp=False, frictionless="invalid", code="package-error"),
    Case("created-not-a-day", edit_descriptor(_set("created", "2026-02-30T10:18:36Z")),
         "indicators", D, None, None, "created: '2026-02-30T10:18:36Z' is not a date and time",
         stamp=False, frictionless="invalid", code="package-error"),
    Case("resource-name-upper-case",
         edit_descriptor(_resource_edit("indicators", _set("name", "Indicators"))),
         "figures", D, None, None, "resource Indicators.name: 'Indicators' does not match",
         stamp=False, frictionless="invalid", code="resource-error"),
    Case("example-not-of-the-type", _field_edit("figures", "value", _set("example", "many")),
         "figures", D, None, None, f"`example` (resource figures.schema, field value) "
         f"{UNSUPPORTED}", stamp=False, frictionless="invalid", code="field-error"),
]
CASES += ISSUE_18


def build(case: Case, root: Path) -> Path:
    """Copy the real package into ``root`` and apply the case's mutation (then re-stamp)."""
    from conftest import ROOT, restamp_package

    root.mkdir(parents=True)
    shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "checks", root / "checks")
    case.mutate(root)
    if case.stamp:
        restamp_package(root)
    return root


def snapshot(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` (a FIFO or a link loop by its kind)."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() and not path.exists():
            out[str(path.relative_to(root))] = f"link to {path.readlink()}"
        elif path.is_file():
            out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
