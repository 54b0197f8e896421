"""Bad input (issue 5): every case of the corpus is refused, precisely, and nothing is written.

Each case mutates a temporary copy of the real package (see ``badinput.py``). The library
loader must raise ``DataPackageError`` naming file, row and field, with the case's code;
``validate_package`` must list the same problem; every file in the copy must be
byte-identical afterwards; and frictionless (its ``validate``, run in this process, with the
project's checklist; the command ``make validate`` runs is tested in
``tests/test_workflows.py``) must fail too where it can see the problem, with an error of
the same type where it names the row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from badinput import CASES, ISSUE_18, Case, build, snapshot
from conftest import ROOT, restamp_package

from idlibstats import DataPackageError, load_table, validate_package

frictionless = pytest.importorskip("frictionless")


def matches(problem: DataPackageError, case: Case) -> bool:
    return ((problem.file, problem.row, problem.field, problem.code)
            == (case.file, case.row, case.field, case.code) and case.words in problem.message)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory
          ) -> Callable[[Case], tuple[Path, dict[str, str]]]:
    """Return a function giving each case's broken copy, built once for the module, and the
    snapshot of its folder taken when it was built.

    The loader and ``validate_package`` only read the copy (each test checks that every file
    is byte-identical afterwards, to the snapshot of the copy as built), so both tests of a
    case read the same copy.
    """
    roots: dict[str, tuple[Path, dict[str, str]]] = {}

    def copy_of(case: Case) -> tuple[Path, dict[str, str]]:
        if case.id not in roots:
            root = build(case, tmp_path_factory.mktemp(case.id) / "package")
            roots[case.id] = root, snapshot(root.parent)
        return roots[case.id]

    return copy_of


def loader_refuses(case: Case, root: Path) -> None:
    """``load_table`` raises the case's ``DataPackageError``, naming file, row and field."""
    with pytest.raises(DataPackageError) as info:
        load_table(case.table, root)
    problem = info.value
    assert matches(problem, case), (problem.code, str(problem))
    for part in (case.file, f"row {case.row}" if case.row else None, case.field):
        if part:
            assert part in str(problem)


def validate_lists_it(case: Case, root: Path) -> None:
    """``validate_package`` lists the case's problem among DataPackageErrors only."""
    problems = validate_package(root)
    assert any(matches(p, case) for p in problems), "\n".join(map(str, problems))
    assert all(isinstance(p, DataPackageError) for p in problems)


READERS = {"loader-refuses": loader_refuses, "validate-lists-it": validate_lists_it}


# Both readers of a case run one after the other (the case varies slowest): the second finds
# the broken descriptor's profile check in the library's cache, as a user's second call would.
@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_refused_and_nothing_written(
        case: Case, reader: str, built: Callable[[Case], tuple[Path, dict[str, str]]]) -> None:
    root, as_built = built(case)
    READERS[reader](case, root)
    assert snapshot(root.parent) == as_built


def test_real_package_is_valid() -> None:
    assert validate_package(ROOT) == []


def test_validate_collects_every_problem(package_copy: Path) -> None:
    for mutate in (CASES[0].mutate, CASES[4].mutate,  # figures rows 3 and 6
                   next(c for c in CASES if c.id == "formula-at-sign").mutate):
        mutate(package_copy)
    restamp_package(package_copy)
    found = {(p.file, p.row, p.field) for p in validate_package(package_copy)}
    assert {("data/figures.csv", 3, "value"), ("data/figures.csv", 6, "qualifier"),
            ("data/organisations.csv", 3, "notes")} <= found


def test_two_problems_in_one_row_are_both_listed(package_copy: Path) -> None:
    """A bad date must not hide the same row's duplicate id, nor a bad id a rule."""
    for case_id in ("impossible-date", "duplicate-id"):  # both row 4
        next(c for c in CASES if c.id == case_id).mutate(package_copy)
    set_row_rule = next(c for c in CASES if c.id == "end-before-start")
    set_row_rule.mutate(package_copy)  # row 8
    next(c for c in CASES if c.id == "text-in-integer").mutate(package_copy)  # row 3 value
    restamp_package(package_copy)
    found = {(p.row, p.field) for p in validate_package(package_copy)}
    assert {(4, "period_end"), (4, "figure_id"), (8, "period_start, period_end"),
            (3, "value")} <= found


def test_header_only_table_is_accepted_by_both(package_copy: Path) -> None:
    """A table with a header and no rows fits its schema (no rule asks for rows)."""
    path = package_copy / "data/corroborations.csv"
    path.write_bytes(path.read_bytes().split(b"\n", 1)[0] + b"\n")
    restamp_package(package_copy)
    frame = load_table("corroborations", package_copy)
    assert frame.empty and frame.columns[0] == "corroboration_id"
    assert str(frame["published"].dtype) == "datetime64[us]"
    # the empty table itself is valid; only figures whose claimant is inferred now lack the
    # corroboration that shows it (a rule across tables, issue 9)
    problems = validate_package(package_copy)
    assert problems and all((p.file, p.field, p.code) == (
        "data/figures.csv", "claimant_basis", "claimant-not-shown") for p in problems)
    assert _frictionless(package_copy, "corroborations")["valid"] is True


def test_nothing_outside_the_package_is_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("figure_id\nx\n", encoding="utf-8")
    case = next(c for c in CASES if c.id == "climbing-path")
    root = build(case, tmp_path / "package")
    with pytest.raises(DataPackageError) as info:
        load_table("figures", root)
    assert info.value.code == "resource-error" and "climbs out" in info.value.message


# ---------------------------------------------------------------- frictionless, same corpus


def _frictionless(root: Path, resource: str | None) -> dict:
    """What ``frictionless validate`` reports, run in this process (as the CLI's ``--json``).

    As ``make validate`` runs it: with the checklist ``checks/figures.json`` on every table
    when the package has a ``checks`` folder (a missing or unreadable checklist fails, as
    the command does). A crash of frictionless (``re.error`` on a pattern Python cannot
    compile) fails as the command does, with exit 1.

    In-process, not as a subprocess: a new process spends most of its 2 s importing
    frictionless. The command line itself is run once, in ``tests/test_workflows.py``.
    """
    options: dict = {}
    try:
        if resource is not None:
            options["resource_name"] = resource
        if (root / "checks").is_dir():
            options["checklist"] = frictionless.Checklist.from_descriptor(
                str(root / "checks" / "figures.json"))
        report = frictionless.validate(str(root / "datapackage.json"), **options).to_dict()
    except Exception as exc:  # the command prints it and exits 1
        report = {"valid": False, "errors": [{"message": str(exc)}], "tasks": []}
    report["returncode"] = 0 if report["valid"] else 1
    return report


FRICTIONLESS_CASES = [c for c in CASES if c.frictionless is not None]

# frictionless takes a fraction of a second per run, so edits of distinct rows share one package
# (frictionless reports every error, so each case's row is still checked on its own); the
# library side above keeps one mutation per case.
SHARED = {
    "figures-cells": ["text-in-integer", "impossible-date", "empty-required",
                      "outside-vocabulary", "negative-count", "end-before-start",
                      "unattributed-claim-stated", "unknown-foreign-key",
                      "unknown-self-reference", "formula-in-text", "pattern-id",
                      "stock-over-a-span", "claimed-before-period-end",
                      "claimed-before-period-start", "default-place-not-the-four",
                      "perpetrator-without-words", "admin1-pattern-alternation"],
    # the byte edits last: the cell edits read and write the file as CSV
    "figures-cells-2": ["date-not-iso", "unknown-nullable-fk",
                        "figure-population-not-in-populations", "extra-cell",
                        "truncated-last-line"],
    "other-cells": ["duplicate-composite-key", "formula-at-sign"],
    "style-cells": ["style-colour-not-lower-hex", "style-unknown-marker",
                    "style-for-no-organisation"],
    "population-cells": ["population-part-of-nothing-known",
                         "population-made-of-parts-not-boolean"],
}
_GROUP_OF = {case_id: group for group, ids in SHARED.items() for case_id in ids}


def build_many(cases: list[Case], root: Path) -> Path:
    """Copy the real package into ``root`` and apply several cases' mutations."""
    import shutil

    root.mkdir(parents=True)
    shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "checks", root / "checks")
    for case in cases:
        case.mutate(root)
    if any(case.stamp for case in cases):
        restamp_package(root)
    return root


@pytest.fixture(scope="module")
def frictionless_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Run ``frictionless validate`` on every case's package (grouped), in this process."""
    by_id = {c.id: c for c in FRICTIONLESS_CASES}
    runs = [[by_id[i] for i in ids] for ids in SHARED.values()]
    runs += [[c] for c in FRICTIONLESS_CASES if c.id not in _GROUP_OF]

    def run(cases: list[Case]) -> list[tuple[str, dict]]:
        assert len({(c.file, c.row) for c in cases}) == len(cases), "one case per row"
        root = build_many(cases, tmp_path_factory.mktemp(cases[0].id) / "package")
        tables = {c.table for c in cases}  # one resource: seconds faster than the package
        report = _frictionless(root, tables.pop() if len(tables) == 1 else None)
        return [(c.id, report) for c in cases]

    return {key: report for pairs in map(run, runs) for key, report in pairs}


def _errors(report: dict) -> list[dict]:
    return report.get("errors", []) + [e for t in report.get("tasks", [])
                                       for e in t.get("errors", [])]


def _names_field(error: dict, field: str) -> bool:
    return error.get("fieldName") == field or f'"{field}"' in error.get("message", "")


@pytest.mark.parametrize("case", FRICTIONLESS_CASES, ids=[c.id for c in FRICTIONLESS_CASES])
def test_frictionless_refuses_too(case: Case, frictionless_reports: dict[str, dict]) -> None:
    report = frictionless_reports[case.id]
    assert report["returncode"] != 0 and report["valid"] is False
    if case.frictionless == "row":
        errors = [e for e in _errors(report) if e.get("rowNumber") == case.row]
        assert errors, _errors(report)
        if case.field and ", " not in case.field and case.code != "row-constraint":
            assert any(_names_field(e, case.field) for e in errors), errors
        # the same kind of error: idlibstats' code is frictionless's type for that row
        assert case.code in {e["type"] for e in errors}, errors


CANNOT_SEE = [c for c in CASES if c.frictionless is None and c.id != "url-path"
              and c not in ISSUE_18]  # each of those has its own package and its note


def test_cases_frictionless_cannot_see(tmp_path: Path) -> None:
    """Documents the gaps: frictionless passes these edits (all at once), idlibstats refuses
    each of them (``test_refused_and_nothing_written``)."""
    assert all(case.note for case in CANNOT_SEE)
    byte_edits_last = sorted(CANNOT_SEE, key=lambda c: c.id.endswith("-stamped"))
    root = build_many(byte_edits_last, tmp_path / "package")
    assert b"\r\n" in (root / "data/figures.csv").read_bytes()
    report = _frictionless(root, "figures")
    assert report["valid"] is True, _errors(report)
    assert validate_package(root)
