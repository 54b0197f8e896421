"""``idlibstats validate`` and ``idlibstats stamp``: one ``error:`` line per problem, exit 1;
``--json`` (a report that validates against ``report.schema.json``) and ``--format github``
(one annotation per problem)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from badinput import CASES, ISSUE_18, Case, build, snapshot
from conftest import ROOT, restamp_package

from idlibstats import DataPackageError, list_tables, validate_package
from idlibstats.cli import main

IDLIBSTATS = str(Path(sys.executable).with_name("idlibstats"))
SAMPLE = ["text-in-integer", "end-before-start", "unknown-foreign-key", "renamed-column",
          "crlf-unstamped", "not-utf8", "empty-csv", "climbing-path", "content-changed"]


def test_real_package_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT)]) == 0
    out = capsys.readouterr()
    assert out.out.strip() == "valid" and out.err == f"package: {ROOT} (argument)\n"


@pytest.mark.parametrize("case", [c for c in CASES if c.id in SAMPLE], ids=lambda c: c.id)
def test_one_error_line_per_problem(case: Case, package_copy: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    case.mutate(package_copy)
    if case.stamp:
        restamp_package(package_copy)
    before = {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    assert main(["validate", str(package_copy)]) == 1
    lines = capsys.readouterr().err.splitlines()[1:]  # after the "package: ..." line
    problems = validate_package(package_copy)
    assert lines == [f"error: {p}" for p in problems]
    wanted = [case.file, f"row {case.row}" if case.row else None, case.field, case.words]
    assert any(all(part in line for part in wanted if part) for line in lines), lines
    assert {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()} == before


def test_every_problem_is_listed(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for case_id in ("text-in-integer", "outside-vocabulary", "formula-at-sign"):
        next(c for c in CASES if c.id == case_id).mutate(package_copy)
    restamp_package(package_copy)
    assert main(["validate", str(package_copy)]) == 1
    lines = capsys.readouterr().err.splitlines()[1:]
    assert len(lines) == 3 and all(line.startswith("error: ") for line in lines)


def test_command_line_exit_status(package_copy: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 1 and its lines from the installed command, a new process; exit 0 through its
    entry point in this process (the installed command's exit 0, ``valid``, is
    ``tests/test_resolver.py``'s, run from a subfolder of a copy).

    The broken copy holds a negative count and, as issue 18 typed them, a cell of 3 MB and a
    FIFO where a table should be (a process that waited on it would hang): one new process
    for the three (a new process costs about 2 s of imports). Its standard error is the
    package line and one line per problem, those ``validate_package`` lists, in order.
    """
    assert main(["validate", str(ROOT)]) == 0
    assert capsys.readouterr().out.strip() == "valid"
    cases = [next(c for c in CASES if c.id == "negative-count"),
             *(next(c for c in ISSUE_18 if c.id == case_id)
               for case_id in ("cell-over-2-mb", "data-path-a-fifo"))]
    for case in cases:  # the FIFO last: re-stamping reads every file
        case.mutate(package_copy)
        if case.stamp:
            restamp_package(package_copy)
    bad = subprocess.run([IDLIBSTATS, "validate", str(package_copy)], capture_output=True,
                         text=True, check=False, timeout=120)
    assert bad.returncode == 1
    lines = bad.stderr.splitlines()
    assert lines == [f"package: {package_copy.resolve()} (argument)",
                     *(f"error: {p}" for p in validate_package(package_copy))]
    assert "error: data/figures.csv, row 7, field value: is below the minimum 0: '-5'" in lines
    for case in cases[1:]:
        wanted = [case.file, f"row {case.row}" if case.row else None, case.field, case.words]
        assert any(all(part in line for part in wanted if part) for line in lines), lines


def test_stamp_command(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    next(c for c in CASES if c.id == "content-changed").mutate(package_copy)
    assert main(["validate", str(package_copy)]) == 1
    capsys.readouterr()
    assert main(["stamp", str(package_copy)]) == 0
    assert capsys.readouterr().out.splitlines() == ["stamped figures"]
    assert main(["validate", str(package_copy)]) == 0
    (package_copy / "data/figures.csv").write_bytes(
        (package_copy / "data/figures.csv").read_bytes().replace(b"\n", b"\r\n"))
    assert main(["stamp", str(package_copy)]) == 1
    assert "has CRLF (Windows) line ends; save with LF" in capsys.readouterr().err


# Issue 18: every example of the issue, through the command line, in process.
@pytest.mark.parametrize("case", ISSUE_18, ids=lambda c: c.id)
def test_each_issue_18_example_is_error_lines_and_exit_1(
        case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = build(case, tmp_path / "package")
    before = snapshot(tmp_path)
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr()
    lines = out.err.splitlines()
    assert lines[0].startswith("package: ") and out.out == ""
    assert lines[1:] and all(line.startswith("error: ") for line in lines[1:]), lines
    assert "Traceback" not in out.err and "unexpected" not in out.err, out.err
    wanted = [case.file, f"row {case.row}" if case.row else None, case.field, case.words]
    assert any(all(part in line for part in wanted if part) for line in lines), lines
    if case.file == "datapackage.json" and case.row is None:
        assert len(lines) == 2, lines  # a descriptor problem is one line, not one per row
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("case_id", ["header-stray-quote", "nul-in-a-path"])
def test_issue_18_examples_as_typed(case_id: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A few as a user types them: exit 1, error lines only, no traceback.

    Through the command's entry point in this process, as each example is above; the FIFO
    and the big cell, as typed, go through the installed command, a new process, in
    :func:`test_command_line_exit_status`.
    """
    case = next(c for c in ISSUE_18 if c.id == case_id)
    root = build(case, tmp_path / "package")
    status, err = main(["validate", str(root)]), capsys.readouterr().err
    assert status == 1, err
    lines = err.splitlines()
    assert all(line.startswith("error: ") for line in lines[1:]) and len(lines) > 1, lines
    assert "Traceback" not in err


# Issue 19: reports for programs. The same broken copy through --json and --format github.
REPORT_SCHEMA = json.loads((Path(__file__).parent / "report.schema.json").read_text(
    encoding="utf-8"))
BROKEN = ["text-in-integer", "end-before-start", "unknown-foreign-key", "formula-at-sign",
          "value-not-as-written", "duplicate-composite-key"]


def _broken_copy(root: Path) -> list[DataPackageError]:
    for case_id in BROKEN:
        next(c for c in CASES if c.id == case_id).mutate(root)
    restamp_package(root)
    path = root / "data/claimant_styles.csv"  # and one file edited after stamping
    path.write_bytes(path.read_bytes() + b"\n")
    problems = validate_package(root)
    assert {p.code for p in problems} >= {"type-error", "row-constraint", "foreign-key",
                                          "constraint-error", "value-not-as-written",
                                          "primary-key", "blank-row", "byte-count"}
    return problems


def _errors(report: dict) -> list[dict]:
    return report["errors"] + [e for task in report["tasks"] for e in task["errors"]]


def _valid_report(text: str) -> dict:
    report = json.loads(text)
    jsonschema.Draft7Validator(REPORT_SCHEMA).validate(report)
    assert report["stats"]["errors"] == len(_errors(report))
    assert report["valid"] is (report["stats"]["errors"] == 0)
    for task in report["tasks"]:
        assert task["stats"]["errors"] == len(task["errors"])
        assert task["valid"] is not task["errors"]
    return report


def test_json_report_of_a_broken_copy(package_copy: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    problems = _broken_copy(package_copy)
    before = snapshot(package_copy)
    assert main(["validate", "--json", str(package_copy)]) == 1
    out = capsys.readouterr()
    assert out.err == f"package: {package_copy.resolve()} (argument)\n"  # stdout: JSON only
    report = _valid_report(out.out)
    assert [(e.get("place"), e.get("rowNumber"), e["type"], e["message"])
            for e in _errors(report)] == [(p.file, p.row, p.code, str(p)) for p in problems]
    assert [t["name"] for t in report["tasks"]] == list_tables(package_copy)
    figures = next(t for t in report["tasks"] if t["name"] == "figures")
    assert (figures["place"], figures["stats"]["rows"], figures["valid"]) == (
        "data/figures.csv", 35, False)
    rule = next(e for e in figures["errors"] if e["type"] == "row-constraint")
    assert (rule["rowNumber"], rule["fieldNames"]) == (8, ["period_start", "period_end"])
    typed = next(e for e in figures["errors"] if e["type"] == "type-error")
    assert (typed["rowNumber"], typed["fieldName"]) == (3, "value")
    assert typed["note"] == "is not an integer (digits, optionally after a minus sign): 'twelve'"
    assert snapshot(package_copy) == before


def test_json_report_of_the_real_package_and_format_json(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(ROOT)]) == 0
    report = _valid_report(capsys.readouterr().out)
    assert report["valid"] and len(report["tasks"]) == len(list_tables(ROOT))
    assert main(["validate", "--format", "json", str(ROOT)]) == 0
    assert json.loads(capsys.readouterr().out)["tasks"][0]["name"] == report["tasks"][0]["name"]


def test_json_report_of_a_descriptor_that_cannot_be_read(
        package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (package_copy / "datapackage.json").write_text("{", encoding="utf-8")
    assert main(["validate", "--json", str(package_copy)]) == 1
    report = _valid_report(capsys.readouterr().out)
    assert report["tasks"] == [] and [e["type"] for e in report["errors"]] == ["package-error"]


def test_github_annotations_of_a_broken_copy(package_copy: Path,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    problems = _broken_copy(package_copy)
    monkeypatch.chdir(package_copy)  # a workflow runs at the repository's root
    assert main(["validate", "--format", "github", str(package_copy)]) == 1
    out = capsys.readouterr()
    assert out.err == f"package: {package_copy.resolve()} (argument)\n"
    lines = out.out.splitlines()
    assert len(lines) == len(problems)  # one annotation per problem
    for line, problem in zip(lines, problems, strict=True):
        where = f"file={problem.file}," + (f"line={problem.row}," if problem.row else "")
        assert line == f"::error {where}title={problem.code}::{problem}", line
    assert ("::error file=data/figures.csv,line=3,title=type-error::data/figures.csv, row 3, "
            "field value: is not an integer (digits, optionally after a minus sign): 'twelve'"
            ) in lines


def test_github_annotations_point_at_the_line_and_escape(package_copy: Path,
                                                          capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A cell holding a newline moves the rows below it down a line; '%' is escaped."""
    from badinput import add_table

    add_table("notes", 'id,text\n1,"two\nlines"\n5%,one line\n', {
        "fields": [{"name": "id", "type": "integer"}, {"name": "text", "type": "string"}],
        "missingValues": [""]})(package_copy)
    restamp_package(package_copy)
    monkeypatch.chdir(package_copy / "data")  # paths relative to where the workflow runs
    assert main(["validate", "--format", "github", str(package_copy)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line == ("::error file=notes.csv,line=4,title=type-error::data/notes.csv, row 3, "
                    "field id: is not an integer (digits, optionally after a minus sign): "
                    "'5%25'"), line
