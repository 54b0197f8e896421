"""The summary text and the `idlibstats summary` / `idlibstats export --hxl` commands."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from idlibstats import to_hxl
from idlibstats.cli import main
from idlibstats.datapackage.locate import locate_package
from idlibstats.summary import summary


def test_summary_text():
    text = summary()
    assert "figures: 35" in text
    assert re.search(r"^  figures +35$", text, re.M)
    assert re.search(r"^  sources +5$", text, re.M)
    assert "casualties (22)" in text
    assert "periods covered: 2011-03-15 to 2019-12-16" in text
    assert "claim groups: 33; with more than one claim: 1" in text
    assert "killed-2019-04-30-to-05-04: 3 claims (sohr, syrian_civil_defence, uossm)" in text
    assert "range 30 to open, best 67" in text
    assert "contradictory claim groups: 0" in text


def test_summary_of_another_package(tmp_path):
    root = locate_package()
    shutil.copy(root / "datapackage.json", tmp_path)
    shutil.copytree(root / "data", tmp_path / "data")
    shutil.copytree(root / "checks", tmp_path / "checks")  # the checklist figures declares
    text = summary(tmp_path)
    assert f"package: {tmp_path.resolve()}" in text
    assert "figures: 35" in text


def test_cli_summary_exit_0(capsys):
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert "tables (rows):" in out and "figures: 35" in out


def test_cli_export_refuses_existing_file_then_forces(tmp_path, capsys):
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    assert main(["export", "--hxl", "-o", str(target)]) == 1
    err = capsys.readouterr().err.split("\n", 1)[1]  # after the "package: ..." line
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert str(target) in err and "--force" in err and "overwrite=True" not in err
    assert target.read_text(encoding="utf-8") == "old\n"

    assert main(["export", "--hxl", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == to_hxl()


def test_cli_export_to_stdout(capsys):
    assert main(["export", "--hxl"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[1].startswith("#meta+id,") and len(lines) == 2 + 35


def test_cli_as_a_process(tmp_path, capsys):
    target = tmp_path / "x.csv"
    target.write_text("x", encoding="utf-8")
    cmd = [sys.executable, "-m", "idlibstats", "export", "--hxl", "-o", str(target)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and done.stderr.startswith("package: ")
    assert len(done.stderr.strip().splitlines()) == 2
    assert done.stderr.splitlines()[1].startswith("error:")
    assert target.read_text(encoding="utf-8") == "x"
    # `python -m idlibstats` exiting 0 as a process: tests/test_wheel.py (validate, from the
    # wheel); the summary's exit 0 through the same entry point, in this process:
    assert main(["summary"]) == 0
    assert "figures: 35" in capsys.readouterr().out


def test_summary_of_missing_package_is_one_error_line(tmp_path, capsys):
    assert main(["summary", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_cli_export_into_a_missing_folder_is_one_error_line(tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "figures-hxl.csv"
    assert main(["export", "--hxl", "-o", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()[1:]
    assert err == [f"error: {target}: cannot write the export: No such file or directory"]
    assert list(tmp_path.iterdir()) == []


def test_summary_lists_a_recorded_contradiction(package_copy, restamp):
    corr = package_copy / "data" / "corroborations.csv"
    with corr.open("a", encoding="utf-8", newline="") as fh:
        fh.write("c99,mee-2019-12-02-06,contradicts,Test outlet,https://example.org/x,"
                 "2019-09-04,A test count of 1089 disagrees with the figure.\n")
    restamp(package_copy)
    text = summary(package_copy)
    assert "claim groups another count contradicts (corroborations): 1" in text
    assert ("  killed-civilians-2019-04-30-to-08-31 (mee-2019-12-02-06): c99 Test outlet: "
            "A test count of 1089 disagrees with the figure.") in text
    assert "contradictory claim groups: 0" in text  # the group's own claims agree
