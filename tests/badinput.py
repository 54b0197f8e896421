"""The bad-input corpus (issue 5): one mutation of the real package per case.

Shared by ``test_bad_input.py`` (library and ``frictionless validate``) and
``test_cli_validate.py`` (``idlibstats validate``). Each case says which table the loader
must refuse, the file, row and field the problem must name, a phrase of the message, and
what ``frictionless validate`` can see of it (``None``: it cannot; the reason is in
``note``).
"""

from __future__ import annotations

import csv
import io
import json
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


@dataclass(frozen=True)
class Case:
    """One bad input."""

    id: str
    mutate: Callable[[Path], None]
    table: str                      # the table whose loading must fail
    file: str | None                # what the message must name
    row: int | None
    field: str | None
    words: str                      # a phrase of the message
    stamp: bool = True              # re-stamp hashes after the edit (test the edit itself)
    frictionless: str | None = "row"  # "row": names row (and field); "invalid": just fails;
                                    # None: frictionless cannot tell (see note)
    note: str = ""


CASES = [
    Case("text-in-integer", set_cell(FIGURES, 3, "value", "twelve"), "figures", FIGURES, 3,
         "value", "is not an integer"),
    Case("impossible-date", set_cell(FIGURES, 4, "period_end", "2019-02-30"), "figures",
         FIGURES, 4, "period_end", "is not a date (YYYY-MM-DD): '2019-02-30'"),
    Case("date-not-iso", set_cell(FIGURES, 4, "period_start", "3 May 2019"), "figures",
         FIGURES, 4, "period_start", "is not a date"),
    Case("empty-required", set_cell(FIGURES, 5, "excerpt", ""), "figures", FIGURES, 5,
         "excerpt", "is empty, but a value is required"),
    Case("outside-vocabulary", set_cell(FIGURES, 6, "qualifier", "roughly"), "figures",
         FIGURES, 6, "qualifier", "'roughly' is not one of: exact, at_least"),
    Case("negative-count", set_cell(FIGURES, 7, "value", "-5"), "figures", FIGURES, 7, "value",
         "is below the minimum 0"),
    Case("end-before-start", set_cell(FIGURES, 8, "period_start", "2019-12-31"), "figures",
         FIGURES, 8, "period_start, period_end", "breaks the rule `period_start is None"),
    Case("unattributed-claim-stated", set_cell(FIGURES, 2, "claimant_basis", "stated"),
         "figures", FIGURES, 2, "claimant, claimant_basis", "breaks the rule"),
    Case("duplicate-id", edit_rows(FIGURES, lambda r: r[3].__setitem__(0, r[2][0])), "figures",
         FIGURES, 4, "figure_id", "primary key (figure_id) is repeated"),
    Case("duplicate-composite-key", edit_rows("data/wire_credits.csv",
                                              lambda r: r.append(list(r[1]))),
         "wire_credits", "data/wire_credits.csv", _APPENDED_WIRE_ROW,
         "source_id, organisation_id, role",
         "primary key (source_id, organisation_id, role) is repeated"),
    Case("unknown-foreign-key", set_cell(FIGURES, 9, "source_id", "xyz-2019-01-01"), "figures",
         FIGURES, 9, "source_id", "is not a known source_id in sources (data/sources.csv)"),
    Case("unknown-self-reference", set_cell(FIGURES, 10, "part_of", "tna-2019-05-03-99"),
         "figures", FIGURES, 10, "part_of", "is not a known figure_id in figures"),
    Case("unknown-nullable-fk", set_cell(FIGURES, 10, "relayed_by", "reuters_tv"), "figures",
         FIGURES, 10, "relayed_by", "is not a known organisation_id in organisations"),
    Case("formula-in-text", set_cell(FIGURES, 11, "excerpt", '=HYPERLINK("http://x.y")'),
         "figures", FIGURES, 11, "excerpt", "which a spreadsheet would run as a formula"),
    Case("formula-at-sign", set_cell("data/organisations.csv", 3, "notes", "@SUM(A1:A9)"),
         "organisations", "data/organisations.csv", 3, "notes", "starts with '@'"),
    Case("pattern-id", set_cell(FIGURES, 12, "figure_id", "TNA 2019-05-03-12"), "figures",
         FIGURES, 12, "figure_id", "does not match the pattern"),
    Case("missing-column", edit_rows(FIGURES, _drop("notes")), "figures", FIGURES, 1, "notes",
         "column 'notes' is missing", frictionless="invalid"),
    Case("renamed-column", edit_rows(FIGURES, _rename("value", "val")), "figures", FIGURES, 1,
         "value", "column 5 is 'val', the schema expects 'value'", frictionless="invalid"),
    Case("reordered-columns", edit_rows(FIGURES, _swap("value", "qualifier")), "figures",
         FIGURES, 1, "value", "columns are out of order", frictionless="invalid"),
    Case("extra-column", edit_rows(FIGURES, _add("comment")), "figures", FIGURES, 1, "comment",
         "column 'comment' is not in the schema", frictionless="invalid"),
    Case("missing-csv", lambda root: (root / "data/indicators.csv").unlink(), "indicators",
         "data/indicators.csv", None, None, "file is missing", stamp=False,
         frictionless="invalid"),
    Case("empty-csv", edit_bytes("data/indicators.csv", lambda b: b""), "indicators",
         "data/indicators.csv", None, None, "is empty (0 bytes)", frictionless="invalid"),
    Case("truncated-last-line", edit_bytes(FIGURES, _truncate_last_line), "figures", FIGURES, 36,
         "value_as_written", f"has 6 cells; the header has {WIDTH}", frictionless="row"),
    Case("blank-line", edit_bytes(FIGURES, _blank_line), "figures", FIGURES, 4, None,
         "is a blank line", frictionless="row"),
    Case("extra-cell", edit_bytes(FIGURES, _extra_cell), "figures", FIGURES, 3, None,
         f"has {WIDTH + 1} cells; the header has {WIDTH}", frictionless="row"),
    Case("not-utf8", edit_bytes(FIGURES, _latin1), "figures", FIGURES, 5, None, "is not UTF-8",
         frictionless="invalid"),
    Case("bom-unstamped", edit_bytes(FIGURES, lambda b: b"\xef\xbb\xbf" + b), "figures",
         FIGURES, 1, None, "byte order mark (BOM)", stamp=False, frictionless="invalid",
         note="frictionless sees the hash mismatch"),
    Case("bom-stamped", edit_bytes(FIGURES, lambda b: b"\xef\xbb\xbf" + b), "figures",
         FIGURES, 1, None, "byte order mark (BOM)", frictionless=None,
         note="frictionless strips the BOM; once re-stamped it passes (idlibstats stamp "
              "refuses to stamp a BOM, so in practice the hash check catches it)"),
    Case("crlf-unstamped", edit_bytes(FIGURES, lambda b: b.replace(b"\n", b"\r\n")), "figures",
         FIGURES, 1, None, "has CRLF (Windows) line ends; save with LF", stamp=False,
         frictionless="invalid", note="frictionless sees the hash mismatch"),
    Case("crlf-stamped", edit_bytes(FIGURES, lambda b: b.replace(b"\n", b"\r\n")), "figures",
         FIGURES, 1, None, "has CRLF (Windows) line ends; save with LF", frictionless=None,
         note="frictionless reads CRLF; once re-stamped it passes (idlibstats stamp refuses "
              "to stamp CRLF, so in practice the hash check catches it)"),
    Case("content-changed", set_cell(FIGURES, 2, "notes", "Edited after stamping."), "figures",
         FIGURES, None, None, "the file changed since it was stamped", stamp=False,
         frictionless="invalid"),
    Case("absolute-path", edit_descriptor(_set_path("figures", "/etc/passwd")), "figures",
         "datapackage.json", None, None, "is absolute or a URL", stamp=False,
         frictionless="invalid"),
    Case("climbing-path", edit_descriptor(_set_path("figures", "../outside.csv")), "figures",
         "datapackage.json", None, None, "climbs out of the package", stamp=False,
         frictionless="invalid"),
    Case("url-path", edit_descriptor(_set_path("figures", "https://example.org/figures.csv")),
         "figures", "datapackage.json", None, None, "is absolute or a URL", stamp=False,
         frictionless=None, note="not run: frictionless would go to the network"),
    Case("misspelt-foreign-keys", edit_descriptor(_typo_foreign_keys), "figures",
         "datapackage.json", None, None, "schema key 'foreignkeys' is unknown", stamp=False,
         frictionless=None, note="frictionless ignores the unknown key: references unchecked"),
    Case("admin1-pattern-alternation", set_cell(FIGURES, 13, "admin1", "SY-ID;Idlib city"),
         "figures", FIGURES, 13, "admin1", "does not match the pattern", frictionless="row",
         note="the pattern is wrapped in (?:...): frictionless anchors it as ^P$ without a "
              "group, and an unwrapped alternation let any value starting with 'SY' pass"),
    # issue 9: row rules of checks/figures.json on the new fields (rows 22-34: none of the
    # rows the cases above edit, so frictionless can check them in one shared package)
    Case("stock-over-a-span", set_cell(FIGURES, 31, "period_start", "2019-12-01"), "figures",
         FIGURES, 31, "measure, period_start, period_end", "breaks the rule `measure is None"),
    Case("claimed-before-period-end", set_cell(FIGURES, 33, "claimed_on", "2019-07-25"),
         "figures", FIGURES, 33, "claimed_on, period_end",
         "breaks the rule `claimed_on is None or period_end is None or period_end <= claimed_on`"),
    Case("claimed-before-period-start", set_cell(FIGURES, 22, "claimed_on", "2019-12-15"),
         "figures", FIGURES, 22, "claimed_on, period_start",
         "breaks the rule `claimed_on is None or period_start is None"),
    Case("default-place-not-the-four", set_cell(FIGURES, 34, "admin1", "SY-ID"), "figures",
         FIGURES, 34, "admin1, admin1_basis", "breaks the rule `admin1 is None"),
    Case("perpetrator-without-words", set_cell(FIGURES, 23, "perpetrator_as_written", ""),
         "figures", FIGURES, 23, "perpetrator, perpetrator_as_written",
         "breaks the rule `perpetrator is None"),
    # issue 9: rules across tables (idlibstats.crosschecks); frictionless cannot see them
    Case("claimed-after-its-report", set_cell(FIGURES, 5, "claimed_on", "2019-05-04"),
         "figures", FIGURES, 5, "claimed_on",
         "'2019-05-04' is after '2019-05-03', the published date of its report "
         "'tna-2019-05-03' (sources.published, data/sources.csv)", frictionless=None,
         note="a rule across tables (sources.published): a checklist sees one row of one table"),
    Case("report-date-not-the-report's", set_cell(FIGURES, 21, "claimed_on", "2019-12-16"),
         "figures", FIGURES, 21, "claimed_on",
         "with claimed_on_basis 'report_date', so it must be '2019-12-17'", frictionless=None,
         note="a rule across tables (sources.published): a checklist sees one row of one table"),
    Case("inferred-claimant-without-corroboration",
         set_cell(FIGURES, 35, "claimant_basis", "inferred"), "figures", FIGURES, 35,
         "claimant_basis", "is 'inferred', but no row of corroborations (data/corroborations.csv)"
         " for figure 'mee-2019-12-02-09' shows who the claimant is", frictionless=None,
         note="a rule across tables (corroborations): a checklist sees one row of one table"),
    # Issue 12: the number as written must say the value, and the excerpt must hold it.
    Case("value-not-as-written", set_cell(FIGURES, 15, "value", "2720"), "figures", FIGURES,
         15, "value, value_as_written", "'272' says 272, but value is 2720", frictionless=None,
         note="a checklist formula cannot read number words; idlibstats checks it"),
    Case("number-words-not-value", set_cell(FIGURES, 28, "value", "50"), "figures", FIGURES,
         28, "value, value_as_written", "'Fifty-one' says 51, but value is 50",
         frictionless=None, note="a checklist formula cannot read number words"),
    Case("scale-word-not-value", set_cell(FIGURES, 31, "value", "300000"), "figures", FIGURES,
         31, "value, value_as_written", "'about three million' says 3000000, but value is "
         "300000", frictionless=None, note="a checklist formula cannot read number words"),
    Case("wording-without-number", set_cell(FIGURES, 15, "value_as_written", "many"),
         "figures", FIGURES, 15, "value, value_as_written", "holds no number",
         frictionless=None, note="a checklist formula cannot read number words"),
    Case("wording-not-in-excerpt", set_cell(FIGURES, 8, "value_as_written", "over 30"),
         "figures", FIGURES, 8, "value_as_written, excerpt",
         "does not contain value_as_written 'over 30'", frictionless=None,
         note="the checklist has no substring test; idlibstats checks it"),
    # the claimants' styles are data too, checked like any table
    Case("style-colour-not-lower-hex", set_cell(STYLES, 3, "colour", "#D55E00"),
         "claimant_styles", STYLES, 3, "colour", "does not match the pattern"),
    Case("style-unknown-marker", set_cell(STYLES, 4, "marker", "x"), "claimant_styles",
         STYLES, 4, "marker", "'x' is not one of: o, s"),
    Case("style-for-no-organisation", set_cell(STYLES, 2, "organisation_id", "white_helmets"),
         "claimant_styles", STYLES, 2, "organisation_id",
         "is not a known organisation_id in organisations"),
    # the population relations are data, read by the month bounds: held to their schema
    Case("population-part-of-nothing-known", set_cell(POPULATIONS, 3, "part_of", "people"),
         "populations", POPULATIONS, 3, "part_of", "'people' is not a known population in "
         "populations"),
    Case("population-made-of-parts-not-boolean", set_cell(POPULATIONS, 7, "made_of_parts",
                                                          "yes"),
         "populations", POPULATIONS, 7, "made_of_parts", "is not a boolean"),
    Case("figure-population-not-in-populations",
         edit_rows(POPULATIONS, lambda r: r.remove(next(x for x in r
                                                        if x[0] == "women_and_children"))),
         "figures", FIGURES, 23, "population", "is not a known population in populations"),
]
