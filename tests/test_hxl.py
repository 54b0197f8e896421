"""HXL export: tags libhxl reads, the right rows, formula-safe cells, atomic writes."""

from __future__ import annotations

import csv
import io
import re

import hxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import idlibstats
from idlibstats.hxl import HXL_TAGS, neutralise_formulas, to_hxl

HXL_HASHTAG = re.compile(r"#[a-z][a-z0-9_]*(?:\+[a-z][a-z0-9_]*)*")


def read_hxl(text: str) -> hxl.Dataset:
    source = io.BytesIO(text.encode("utf-8"))
    return hxl.data(hxl.make_input(source, hxl.InputOptions(allow_local=True)))


@pytest.fixture(scope="module")
def text() -> str:
    return to_hxl()


def test_libhxl_reads_tags_and_rows(text):
    ds = read_hxl(text)
    tags = [c.get_display_tag(sort_attributes=False) for c in ds.columns]
    assert tags == list(HXL_TAGS.values())
    rows = list(ds)
    assert len(rows) == len(idlibstats.figures()) == 35
    for wanted in ("#date+start", "#date+end", "#adm1+code", "#org+name", "#meta+source",
                   "#meta+url", "#indicator+code", "#indicator+value+num"):
        pattern = hxl.TagPattern.parse(wanted)
        assert any(pattern.match(c) for c in ds.columns), wanted
    first = rows[0]
    assert first.get("#meta+id") == "tna-2019-05-03-01"
    assert first.get("#date+start") == "2019-04-30"


def test_every_tag_is_valid_hxl():
    for column, tag in HXL_TAGS.items():
        assert HXL_HASHTAG.fullmatch(tag), (column, tag)


def test_values_and_joins(text):
    rows = list(csv.DictReader(io.StringIO(text)))[1:]  # skip the hashtag row
    by_id = {r["figure_id"]: r for r in rows}
    scd = by_id["mee-2019-05-04-01"]
    assert (scd["value"], scd["qualifier"], scd["low"], scd["high"]) == ("30", "more_than",
                                                                       "30", "")
    assert scd["source_publisher"] == "Middle East Eye"
    assert scd["source_url"].startswith("https://www.middleeasteye.net/")
    assert scd["claimant_name"] == "Syrian Civil Defence"
    assert scd["admin1"] == "SY-ID;SY-HM;SY-HL;SY-LA"
    assert by_id["tna-2019-06-06-04"]["part_of"] == "tna-2019-06-06-03"
    assert by_id["tna-2019-05-03-01"]["source_url"] == ""  # unknown address stays empty
    assert text.endswith("\n") and "\r" not in text


def test_formula_cells_are_neutralised():
    figs = idlibstats.figures().head(3).copy()
    figs["excerpt"] = pd.array(["=HYPERLINK(\"http://x\")", "-2+3", "plain - text"],
                               dtype="string")
    figs["notes"] = pd.array(["@SUM(A1)", "\tcmd", pd.NA], dtype="string")
    figs["value_as_written"] = pd.array(["+5", "five", "\rx"], dtype="string")
    rows = list(csv.DictReader(io.StringIO(to_hxl(figs))))[1:]
    assert [r["excerpt"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'-2+3", "plain - text"]
    assert [r["notes"] for r in rows] == ["'@SUM(A1)", "'\tcmd", ""]
    assert [r["value_as_written"] for r in rows] == ["'+5", "five", "'\rx"]
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_neutralise_formulas_keeps_missing():
    out = neutralise_formulas(pd.Series(["=1", None, "a"], dtype="string"))
    assert list(out.fillna("<NA>")) == ["'=1", "<NA>", "a"]


def test_write_refuses_then_overwrites(tmp_path, text):
    target = tmp_path / "figures.hxl.csv"
    assert to_hxl(path=target) is None
    assert target.read_text(encoding="utf-8") == text
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        to_hxl(path=target)
    assert target.read_text(encoding="utf-8") == "keep me"
    to_hxl(path=target, overwrite=True)
    assert target.read_text(encoding="utf-8") == text
    ds = hxl.data(str(target), hxl.InputOptions(allow_local=True))
    assert len(list(ds)) == 35
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_input_untouched():
    figs = idlibstats.figures()
    before = figs.copy()
    to_hxl(figs)
    pd.testing.assert_frame_equal(figs, before)


def test_no_figures_gives_header_and_hashtag_rows_only():
    text = to_hxl(idlibstats.figures().head(0))
    assert text.count("\n") == 2 and text.splitlines()[1].startswith("#meta+id,")


def test_libhxl_default_schema_finds_no_issue(text):
    # libhxl's bundled core schema: dates in #date, numbers in #indicator+num, consistent
    # datatypes per #indicator column, no stray whitespace (runs offline)
    report = hxl.validate(read_hxl(text))
    assert report["stats"]["total"] == 0, report["issues"]
    assert report["is_valid"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("=+-@\t\r\n,\"' aZ9é"), max_size=12),
                min_size=2, max_size=2))
def test_any_text_round_trips_safely(cells):
    figs = idlibstats.figures().head(2).copy()
    figs["excerpt"] = pd.array(cells, dtype="string")
    text = to_hxl(figs)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 + 2  # header, hashtags, two figures: no row split by CR or LF
    col = rows[0].index("excerpt")
    for cell, row in zip(cells, rows[2:], strict=True):
        risky = cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert row[col] == ("'" + cell if risky else cell)
