"""CONTRIBUTING's 'Adding a report, step by step', run end to end on a copy of the package.

A short report written for this test (not a real one) goes through every step: its source
row, ``idlibstats draft``, the curator's edit (delete the rows that are not figures, fill in
the columns the draft leaves empty, renumber, keep ``part_of``), ``idlibstats stamp``,
``idlibstats validate``, ``frictionless validate`` and ``idlibstats verify-excerpts``.
Running the notebooks (nbval) inside a test is too slow, so the last step calls, on the
edited copy, the loaders and every library function the notebooks call, and checks that
the new figures reach them.
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPORTS, after_package_line, copy_real_package

import idlibstats as ils
from idlibstats import charts
from idlibstats.cli import main
from idlibstats.curation.verify import check_excerpt
from idlibstats.text.textnorm import text_sha256

SOURCE = "xmp-2019-06-20"
HEADLINE = "Strikes kill 9 in market town, monitor says"
REPORT = f"""{HEADLINE}

Air strikes killed at least 9 civilians, including 4 children, in a market town in southern
Idlib on Tuesday, the Syrian Observatory for Human Rights said.
More than 20 people were wounded, the monitor said.
The town lies about 10 km from the front line. Dozens of families fled north overnight.
One photo shows rescuers searching the rubble.
"""


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _run_captured(args: list[str]) -> tuple[int, str, str]:
    """:func:`_run` for the module's fixture, which cannot take the per-test ``capsys``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    return status, out.getvalue(), err.getvalue()


def _append_csv(path: Path, rows: list[dict[str, object]]) -> None:
    """Append rows in the file's own column order, LF line ends, minimal quoting."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    for row in rows:
        writer.writerow({k: "" if pd.isna(v) else v for k, v in row.items()})
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())


def _edit(drafted: pd.DataFrame) -> list[dict[str, object]]:
    """What the curator does with the draft of REPORT (CONTRIBUTING, step 4).

    The draft's two extra columns, needs_review and how, go.
    """
    review = drafted.set_index("value_as_written")["needs_review"]
    # The tool flags the vague 'Dozens' (no value); the headline's '9' repeats the body's.
    assert str(review["Dozens"]).startswith("vague amount")
    kept = drafted[drafted["value"].notna() & (drafted["excerpt"] != "kill 9")]
    assert list(kept["value_as_written"]) == ["at least 9", "4", "More than 20"]
    new_ids = {old: f"{SOURCE}-{i:02d}" for i, old in enumerate(kept["figure_id"], start=1)}
    rows = []
    for _, draft in kept.drop(columns=["needs_review", "how"]).iterrows():
        row = draft.to_dict()
        row["figure_id"] = new_ids[draft["figure_id"]]
        row["part_of"] = None if pd.isna(draft["part_of"]) else new_ids[draft["part_of"]]
        row.update(
            period_start="2019-06-18",
            period_end="2019-06-18",
            period_as_written="on Tuesday",
            period_basis="inferred",
            measure="period_total",
            claimed_on="2019-06-20",
            claimed_on_basis="report_date",
            place_as_written="a market town in southern Idlib",
            admin1="SY-ID",
            admin1_basis="stated",
            perpetrator="unknown",
            perpetrator_as_written="",
            claimant="sohr",
            claimant_basis="stated",
            claim_group=f"{row['indicator']}-{row['population']}-xmp-2019-06-18",
            notes="Tuesday resolved against the report's date, 20 June.",
        )
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """The package copy after steps 1-5, and the folder holding the report's text.

    Made once for the module: the tests of steps 6-8 read the copy and change nothing in
    it (step 7 adds the seed reports' texts beside the new one in the texts folder).
    """
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield _add_the_report(tmp_path_factory.mktemp("add-a-report"), monkeypatch)


def _add_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    package_copy = copy_real_package(tmp_path / "package")
    monkeypatch.setenv("IDLIBSTATS_PACKAGE", str(package_copy))
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "xmp.txt").write_text(REPORT, encoding="utf-8")  # step 1: outside the package
    _append_csv(  # step 2: the source row, with the hash of the normalised text
        package_copy / "data" / "sources.csv",
        [
            {
                "source_id": SOURCE,
                "publisher": "Example Wire",
                "publisher_basis": "stated",
                "headline": HEADLINE,
                "published": "2019-06-20",
                "published_basis": "stated",
                "text_sha256": text_sha256(REPORT),
                "notes": "A report written for the tests.",
            }
        ],
    )
    status, out, err = _run_captured(["draft", str(texts / "xmp.txt"), "--source-id", SOURCE])
    assert status == 0, err  # step 3
    drafted = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=True)
    drafted["value"] = pd.to_numeric(drafted["value"]).astype("Int64")
    assert "with a reason in needs_review" in err
    _append_csv(package_copy / "data" / "figures.csv", _edit(drafted))  # step 4
    status, out, _ = _run_captured(["stamp", str(package_copy)])  # step 5
    assert (status, out) == (0, "stamped sources\nstamped figures\n")
    return package_copy, texts


def test_the_drafted_rows_are_what_the_report_says(added):
    package, _ = added
    figures = ils.figures(package)
    new = figures[figures["source_id"] == SOURCE].set_index("figure_id")
    assert list(new["value"]) == [9, 4, 20]
    assert list(new["qualifier"]) == ["at_least", "exact", "more_than"]
    assert list(new["indicator"]) == ["killed", "killed", "injured"]
    assert list(new["population"]) == ["civilians", "children", "all"]
    assert new.loc[f"{SOURCE}-02", "part_of"] == f"{SOURCE}-01"


def test_step_6_validate_and_frictionless_accept_the_edited_package(added, capsys):
    package, _ = added
    status, out, err = _run(["validate", str(package)], capsys)
    assert (status, out.strip(), after_package_line(err)) == (0, "valid", "")
    from frictionless import validate

    report = validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_step_7_every_new_excerpt_traces_to_the_report(added, capsys):
    package, texts = added
    figures = ils.figures(package)
    for _, row in figures[figures["source_id"] == SOURCE].iterrows():
        assert check_excerpt(row["excerpt"], row["value"], row["value_as_written"], REPORT) == []
    if REPORTS:  # the whole package: the seed reports' texts beside the new one
        for path in Path(REPORTS).glob("*.txt"):
            shutil.copy(path, texts / path.name)
        status, out, err = _run(
            ["verify-excerpts", "--texts", str(texts), "--path", str(package)], capsys
        )
        assert (status, after_package_line(err)) == (0, ""), err
        assert "every excerpt traces" in out


def test_step_8_the_notebooks_library_calls_work_on_the_edited_package(added, monkeypatch):
    package, _ = added
    monkeypatch.setenv("IDLIBSTATS_PACKAGE", str(package))
    figures = ils.figures()
    assert SOURCE in set(ils.sources()["source_id"])
    ils.corroborations()
    ils.bounds(figures)
    ils.bounds(ils.displacement())
    ils.bounds(ils.strikes())
    groups = ils.reconcile()
    assert "killed-civilians-xmp-2019-06-18" in set(groups["claim_group"])
    monthly = {
        (indicator, population): ils.monthly(indicator, population)
        for indicator, population in [
            ("killed", "all"),
            ("injured", "all"),
            ("killed", "children"),
            ("airstrikes", "not_applicable"),
        ]
    }
    ils.monthly("killed", "all", national=True)
    def rests_on(frame: pd.DataFrame) -> set[str]:
        return {i for ids in frame["figure_ids"] for i in ids.split(";") if i}

    # the tables computed above, not computed again (each month's bounds is a solver run)
    assert f"{SOURCE}-03" in rests_on(monthly["injured", "all"])
    assert f"{SOURCE}-02" in rests_on(monthly["killed", "children"])
    tables = ils.chart_tables()
    for draw in charts.CHARTS.values():
        figure = draw(tables)
        charts.footnote_text(figure)
        figure.clf()
