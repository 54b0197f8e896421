"""`idlibstats stamp` validates the package it stamped and says what is still wrong (issue 21).

Before, a file that did not validate was stamped without a word: its new hash then made
`frictionless validate` skip the one check (bytes and hash) that had flagged the edit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from badinput import FIGURES, set_cell
from conftest import after_package_line

from idlibstats.cli import main


def _hash(root: Path, name: str) -> str:
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return next(r["hash"] for r in descriptor["resources"] if r["name"] == name)


def test_stamping_a_broken_table_stamps_it_then_says_what_is_wrong(
        package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_cell(FIGURES, 7, "value", "-5")(package_copy)
    before = _hash(package_copy, "figures")
    assert main(["stamp", str(package_copy)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == ["stamped figures"]
    assert _hash(package_copy, "figures") != before  # the bytes are recorded all the same
    errors = after_package_line(out.err).splitlines()
    assert errors[0] == ("error: data/figures.csv, row 7, field value: is below the "
                         "minimum 0: '-5'")
    assert errors[-1] == "error: the package is stamped but not valid: 1 problem(s) above"
    assert main(["validate", str(package_copy)]) == 1  # and validate agrees


def test_stamping_a_valid_edit_says_only_what_it_stamped(
        package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_cell(FIGURES, 2, "notes", "A note a curator edited.")(package_copy)
    assert main(["stamp", str(package_copy)]) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == ["stamped figures"]
    assert after_package_line(out.err) == ""


def test_a_package_broken_elsewhere_is_reported_even_with_nothing_to_stamp(
        package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    descriptor = package_copy / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    figures = next(r for r in data["resources"] if r["name"] == "figures")
    figures["schema"]["fields"][1]["constraints"]["pattern"] = "[0-9]+"  # source_id: digits
    descriptor.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    assert main(["stamp", str(package_copy)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[0].startswith("nothing to stamp")
    assert "field source_id: does not match the pattern [0-9]+" in out.err
