"""``idlibstats validate`` and ``idlibstats stamp``: one ``error:`` line per problem, exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from badinput import CASES, Case
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
