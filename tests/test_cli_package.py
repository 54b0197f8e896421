"""Which package a command reads: the argument, $IDLIBSTATS_PACKAGE, the current folder.

Issue 12: inside an edited copy, ``idlibstats validate`` with no path checked the checkout
instead and printed ``valid``; ``stamp`` did nothing there. Every command now reads the
current folder when it holds a ``datapackage.json`` and says on stderr which package it read.
"""

from __future__ import annotations

import os
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


def test_a_reader_that_goes_away_ends_quietly() -> None:
    """``idlibstats summary | head -1``: no BrokenPipeError traceback; exit 141 like ``yes``.

    The installed command in a process of its own: the interpreter's last flush at exit
    must not fail again (which would print 'Exception ignored' and exit 120)."""
    proc = subprocess.Popen([IDLIBSTATS, "summary", str(ROOT)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the only reading end, closed before the command can write: EPIPE
    err = proc.stderr.read().decode()
    assert proc.wait() == 141, err
    assert err.splitlines() == [f"package: {ROOT} (argument)"]


@pytest.mark.parametrize("argv", [["summary"], ["export", "--hxl"]])
def test_every_writer_to_a_reader_that_went_away_ends_quietly(
        argv: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The same in this process, for each command that writes to standard output: its
    output goes to a pipe whose reading end is closed, and the command returns 141 with
    nothing on stderr but the package line."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    with os.fdopen(write_end, "w", encoding="utf-8") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main([*argv, str(ROOT)]) == 141
        monkeypatch.undo()
    assert capsys.readouterr().err.splitlines() == [f"package: {ROOT} (argument)"]


def test_summary_into_head_as_typed() -> None:
    done = subprocess.run(["bash", "-c", f"set -o pipefail; '{IDLIBSTATS}' summary | head -1"],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.stdout.count("\n") == 1 and done.stdout.strip()
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
    assert done.returncode in (0, 141)  # 0 when the summary fitted the pipe before head left


# Issue 18: no traceback, no wait, no bad write, from any command.
def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = main(argv)
    err = capsys.readouterr().err.splitlines()
    assert "Traceback" not in "\n".join(err)
    return status, [line for line in err if not line.startswith("package: ")]


@pytest.mark.parametrize(("output", "words"), [
    ("", "cannot write the export: the output path is empty"),
    ("pipe", "is not a regular file (a device, FIFO or socket)"),
    ("link", "is a symbolic link"),
    ("dangling", "is a symbolic link"),
    ("folder", "is a folder, not a file"),
])
def test_export_refuses_what_is_not_a_regular_file(
        output: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "real.csv").write_bytes(b"old\n")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link").symlink_to(tmp_path / "real.csv")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere.csv")
    (tmp_path / "folder").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    target = str(tmp_path / output) if output else ""
    for force in ([], ["--force"]):
        status, err = _run(["export", str(ROOT), "--hxl", "-o", target, *force], capsys)
        assert status == 1 and len(err) == 1 and words in err[0], err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "real.csv").read_bytes() == b"old\n"
    assert (tmp_path / "link").is_symlink() and (tmp_path / "dangling").is_symlink()


def test_an_unexpected_exception_is_one_error_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import idlibstats.summary as summary_module

    def broken(package: object) -> str:
        raise RuntimeError("something idlibstats did not foresee")

    monkeypatch.setattr(summary_module, "summary", broken)
    status, err = _run(["summary", str(ROOT)], capsys)
    assert status == 1 and len(err) == 1
    assert err[0].startswith(f"error: {ROOT}: unexpected RuntimeError: something idlibstats")
    assert "please report it with this line" in err[0]


def test_a_malformed_package_in_the_environment_breaks_no_import(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The imports in a new process (the environment is read as they run); the command line
    then in this process, with the same environment."""
    (tmp_path / "datapackage.json").write_text('{"resources": [{"name": 1, "schema": "x"}]',
                                              encoding="utf-8")
    env = {**os.environ, "IDLIBSTATS_PACKAGE": str(tmp_path)}
    code = ("import sys, idlibstats, idlibstats.cli; "
            "print(idlibstats.figures.__doc__.count('figure_id'))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and int(done.stdout) >= 1, done.stderr  # the shipped columns
    monkeypatch.setenv("IDLIBSTATS_PACKAGE", str(tmp_path))
    with pytest.raises(SystemExit) as helped:
        main(["--help"])
    assert helped.value.code == 0 and "validate" in capsys.readouterr().out
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 2 and lines[0].endswith("($IDLIBSTATS_PACKAGE)"), lines
    assert lines[1].startswith("error: datapackage.json: is not valid UTF-8 JSON: "), lines


def test_stamp_refuses_a_key_given_twice(package_copy: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = package_copy / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"title": ', '"title": "A first title",\n  "title": ', 1),
                    encoding="utf-8")
    set_cell(FIGURES, 2, "notes", "A note a curator edited.")(package_copy)
    before = path.read_bytes()
    status, err = _run(["stamp", str(package_copy)], capsys)
    assert status == 1 and err == [
        "error: datapackage.json: key 'title' appears twice in one object; stamp rewrites "
        "the file and would keep only the last: remove one first"]
    assert path.read_bytes() == before


def test_stamp_on_a_read_only_file_system_is_one_error_line(
        package_copy: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    import idlibstats.datapackage.stamp as stamp_module

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(stamp_module, "write_atomic", read_only)
    set_cell(FIGURES, 2, "notes", "A note a curator edited.")(package_copy)
    before = (package_copy / "datapackage.json").read_bytes()
    status, err = _run(["stamp", str(package_copy)], capsys)
    assert (status, err) == (1, ["error: datapackage.json: cannot be written: Read-only file "
                                 "system"])
    assert (package_copy / "datapackage.json").read_bytes() == before


def test_draft_and_verify_refuse_a_fifo_without_waiting(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)  # nothing ever writes to it: reading it would wait for ever
    status, err = _run(["draft", str(fifo), "--source-id", "x-2019-01-01"], capsys)
    assert status == 1 and err == [f"error: {fifo}: is not a regular file (a FIFO, socket "
                                   "or device); idlibstats reads only files"]
    status, err = _run(["verify-excerpts", str(ROOT), "--texts", str(tmp_path)], capsys)
    assert status == 1
    assert "error: report.txt: cannot read as UTF-8 text: report.txt: is not a regular file" \
        in err[0], err


def test_a_value_near_the_64_bit_limit_is_no_bound_past_it(
        package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """9e18 'about' passes both validators; 'about' sets no hard bound (issue 17), so no
    bound past Int64 is made from it: the commands that bound figures work."""
    for field, text in (("value", "9000000000000000000"), ("qualifier", "about"),
                        ("value_as_written", "about 9000000000000000000"),
                        ("excerpt", "about 9000000000000000000 people")):
        set_cell(FIGURES, 3, field, text)(package_copy)
    restamp_package(package_copy)
    assert _run(["validate", str(package_copy)], capsys)[0] == 0
    for argv in (["summary"], ["export", "--hxl"]):
        status, err = _run([*argv, str(package_copy)], capsys)
        assert status == 0 and err == [], err
