"""``idlibstats validate`` and ``idlibstats stamp``: one ``error:`` line per problem, exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from badinput import CASES, ISSUE_18, Case, build, snapshot
from conftest import ROOT, restamp_package

from idlibstats import validate_package
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


def test_command_line_exit_status(package_copy: Path) -> None:
    ok = subprocess.run([IDLIBSTATS, "validate", str(ROOT)], capture_output=True, text=True,
                        check=False)
    assert (ok.returncode, ok.stdout.strip()) == (0, "valid")
    next(c for c in CASES if c.id == "negative-count").mutate(package_copy)
    restamp_package(package_copy)
    bad = subprocess.run([IDLIBSTATS, "validate", str(package_copy)], capture_output=True,
                         text=True, check=False)
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [
        f"package: {package_copy.resolve()} (argument)",
        "error: data/figures.csv, row 7, field value: is below the minimum 0: '-5'"]


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


@pytest.mark.parametrize("case_id", ["header-stray-quote", "nul-in-a-path", "data-path-a-fifo",
                                     "cell-over-2-mb"])
def test_issue_18_examples_as_typed(case_id: str, tmp_path: Path) -> None:
    """A few through the real command: exit 1, error lines only, no traceback, no wait."""
    case = next(c for c in ISSUE_18 if c.id == case_id)
    root = build(case, tmp_path / "package")
    done = subprocess.run([IDLIBSTATS, "validate", str(root)], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines[1:]) and len(lines) > 1, lines
    assert "Traceback" not in done.stderr
