"""Which package a command reads: the argument, $IDLIBSTATS_PACKAGE, the current folder.

Issue 12: inside an edited copy, ``idlibstats validate`` with no path checked the checkout
instead and printed ``valid``; ``stamp`` did nothing there. Every command now reads the
current folder when it holds a ``datapackage.json`` and says on stderr which package it read.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from badinput import FIGURES, set_cell
from conftest import ROOT, restamp_package

from idlibstats.cli import main

IDLIBSTATS = str(Path(sys.executable).with_name("idlibstats"))


def _package_line(err: str) -> str:
    return next(line for line in err.splitlines() if line.startswith("package: "))


def test_validate_in_an_edited_copy_reads_the_copy(package_copy: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    set_cell(FIGURES, 15, "value", "2720")(package_copy)  # tna-2019-06-06-03: '272'
    restamp_package(package_copy)
    monkeypatch.delenv("IDLIBSTATS_PACKAGE", raising=False)
    monkeypatch.chdir(package_copy)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert _package_line(err) == f"package: {package_copy.resolve()} (current folder)"
    assert ("error: data/figures.csv, row 15, fields value, value_as_written: '272' says 272, "
            "but value is 2720") in err.splitlines()


def test_stamp_in_the_current_folder_stamps_it(package_copy: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    set_cell(FIGURES, 2, "notes", "A note a curator edited.")(package_copy)
    monkeypatch.delenv("IDLIBSTATS_PACKAGE", raising=False)
    monkeypatch.chdir(package_copy)
    checkout = (ROOT / "datapackage.json").read_bytes()
    assert main(["stamp"]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == ["stamped figures"]
    assert "(current folder)" in _package_line(out.err)
    assert (ROOT / "datapackage.json").read_bytes() == checkout
    assert main(["validate"]) == 0
    assert main(["stamp"]) == 0  # nothing changed: it says so rather than printing nothing
    assert capsys.readouterr().out.splitlines()[-1].startswith("nothing to stamp")


def test_argument_beats_environment_beats_current_folder(
        package_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(package_copy)
    monkeypatch.setenv("IDLIBSTATS_PACKAGE", str(ROOT))
    assert main(["summary"]) == 0
    assert _package_line(capsys.readouterr().err) == (
        f"package: {ROOT} ($IDLIBSTATS_PACKAGE)")
    assert main(["summary", str(package_copy / "datapackage.json")]) == 0
    assert _package_line(capsys.readouterr().err) == f"package: {package_copy.resolve()} (argument)"
    monkeypatch.delenv("IDLIBSTATS_PACKAGE")
    monkeypatch.chdir(tmp_path)  # no datapackage.json here: the library's default
    assert main(["summary"]) == 0
    line = _package_line(capsys.readouterr().err)
    assert line.endswith(("(source checkout)", "(bundled with idlibstats)")), line


@pytest.mark.parametrize("argv", [["summary"], ["validate"], ["export", "--hxl"],
                                  ["stamp"]])
def test_every_command_names_its_package_on_stderr_only(
        argv: list[str], package_copy: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("IDLIBSTATS_PACKAGE", raising=False)
    monkeypatch.chdir(package_copy)
    assert main(argv) == 0
    out = capsys.readouterr()
    assert out.err.splitlines() == [f"package: {package_copy.resolve()} (current folder)"]
    assert "package: " not in out.out.split("\n", 1)[0]


def test_export_takes_the_package_as_a_positional_argument(
        package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    assert main(["export", str(package_copy), "--hxl", "-o", str(target)]) == 0
    out = capsys.readouterr()
    assert out.out.strip() == f"wrote {target} (35 figures, HXL)"
    assert main(["export", "--path", str(package_copy), "--hxl", "-o", str(target)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"error: {target}: exists; add --force to replace it"


def test_no_package_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: {tmp_path.resolve()}/datapackage.json: no datapackage.json in "
                   f"{tmp_path.resolve()}"]


@pytest.mark.parametrize("argv", [["summary"], ["export", "--hxl"]])
def test_a_reader_that_goes_away_ends_quietly(argv: list[str]) -> None:
    """``idlibstats summary | head -1``: no BrokenPipeError traceback; exit 141 like ``yes``."""
    proc = subprocess.Popen([IDLIBSTATS, *argv, str(ROOT)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the only reading end, closed before the command can write: EPIPE
    err = proc.stderr.read().decode()
    assert proc.wait() == 141, err
    assert err.splitlines() == [f"package: {ROOT} (argument)"]


def test_summary_into_head_as_typed() -> None:
    done = subprocess.run(["bash", "-c", f"set -o pipefail; '{IDLIBSTATS}' summary | head -1"],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.stdout.count("\n") == 1 and done.stdout.strip()
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode in (0, 141)  # 0 when the summary fitted the pipe before head left
