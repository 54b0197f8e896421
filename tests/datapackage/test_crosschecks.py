"""Rules across tables (issue 9, :mod:`idlibstats.crosschecks`): run by the loader and by
``validate_package``, and re-run when a table they read changes.

The bad-input corpus (``badinput.py``) holds one case per rule; these tests cover what a
single mutation cannot: the loader's memory of checked tables, and a table they read that is
itself broken.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import restamp_package

from idlibstats import DataPackageError, figures, validate_package

SNHR_FIGURES = {"tna-2019-12-17-04", "tna-2019-12-17-05", "tna-2019-12-17-06"}


def drop_corroborations_of(root: Path, figure_ids: set[str]) -> None:
    path = root / "data/corroborations.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r for r in rows if r[1] not in figure_ids)
    path.write_bytes(out.getvalue().encode("utf-8"))


def test_editing_corroborations_makes_the_next_load_of_figures_check_again(
        package_copy: Path) -> None:
    assert len(figures(package_copy)) == 35  # checked, then remembered as checked
    drop_corroborations_of(package_copy, SNHR_FIGURES)
    restamp_package(package_copy)
    with pytest.raises(DataPackageError) as info:
        figures(package_copy)
    problem = info.value  # row 24: tna-2019-12-17-04, the first of the three
    assert (problem.file, problem.row, problem.field, problem.code) == (
        "data/figures.csv", 24, "claimant_basis", "claimant-not-shown")


def test_every_inferred_claimant_without_evidence_is_listed(package_copy: Path) -> None:
    drop_corroborations_of(package_copy, SNHR_FIGURES)
    restamp_package(package_copy)
    problems = validate_package(package_copy)
    assert sorted(p.row for p in problems if p.code == "claimant-not-shown") == [24, 25, 26]


def test_a_contradiction_does_not_show_a_claimant(package_copy: Path) -> None:
    path = package_copy / "data/corroborations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",tna-2019-12-17-04,original_release,",
                                 ",tna-2019-12-17-04,contradicts,"), encoding="utf-8")
    restamp_package(package_copy)
    problems = validate_package(package_copy)
    assert [(p.row, p.field, p.code) for p in problems] == [
        (24, "claimant_basis", "claimant-not-shown")]


def test_a_broken_table_they_read_is_named_not_skipped(package_copy: Path) -> None:
    path = package_copy / "data/corroborations.csv"
    # edited after stamping: its hash no longer matches, so it cannot be read at all
    path.write_bytes(path.read_bytes().replace(b"exact match", b"exact  match", 1))
    problems = validate_package(package_copy)
    on_figures = [p for p in problems if p.file == "data/figures.csv"]
    assert [(p.row, p.code) for p in on_figures] == [(None, "check-error")]
    assert "data/corroborations.csv is fixed" in on_figures[0].message  # names what to fix
    assert [p.code for p in problems if p.file == "data/corroborations.csv"] == ["byte-count"]
