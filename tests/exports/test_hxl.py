"""HXL export: tags libhxl reads, the right rows, formula-safe cells, atomic writes."""

from __future__ import annotations

import csv
import io
import re

import hxl
import pandas as pd
import pytest
from conftest import LONG_TESTS
from hypothesis import example, given, settings
from hypothesis import strategies as st

import idlibstats
from idlibstats import to_hxl
from idlibstats.exports.hxl import HXL_TAGS, neutralise_formulas
from idlibstats.exports.hxl import to_hxl as to_hxl_of_tables

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
    fixed = list(HXL_TAGS.values())
    at = fixed.index("#country+code") + 1
    width = max(len(a.split(";")) for a in idlibstats.figures()["admin1"])
    assert tags == fixed[:at] + ["#adm1+code"] * width + fixed[at:]  # the most any has
    rows = list(ds)
    assert len(rows) == len(idlibstats.figures()) == 35
    for wanted in ("#date+start", "#date+end", "#date+reported", "#adm1+code", "#country+code",
                   "#org+name", "#meta+source", "#meta+url", "#indicator+code"):
        pattern = hxl.TagPattern.parse(wanted)
        assert any(pattern.match(c) for c in ds.columns), wanted
    first = rows[0]
    assert first.get("#meta+id") == "tna-2019-05-03-01"
    assert first.get("#date+start") == "2019-04-30"
    assert first.get("#country+code") == "SYR"
    by_id = {r.get("#meta+id"): r for r in rows}
    for fig in idlibstats.figures().itertuples(index=False):  # one governorate per cell
        codes = [] if fig.admin1 == "SY" else fig.admin1.split(";")
        got = by_id[fig.figure_id].get_all("#adm1+code")
        assert [c for c in got if c] == codes, fig.figure_id
        assert len(got) == width
    assert by_id["mee-2019-12-02-07"].get("#date+reported") == "2019-07-26"  # OCHA, 26 July
    assert by_id["mee-2019-12-02-07"].get("#date+published") == "2019-12-02"


def test_standard_hashtags_name_what_each_figure_counts(text):
    rows = {r.get("#meta+id"): r for r in read_hxl(text)}
    assert rows["tna-2019-06-06-03"].get("#meta+hxl") == "#affected+killed"
    assert rows["tna-2019-06-06-04"].get("#meta+hxl") == "#affected+killed+children"
    assert rows["tna-2019-12-17-02"].get("#meta+hxl") == "#affected+killed+f+adults"
    assert rows["tna-2019-06-06-05"].get("#meta+hxl") == "#affected+injured"
    assert rows["mee-2019-05-04-04"].get("#meta+hxl") == "#affected+idps"
    assert rows["tna-2019-05-03-02"].get("#meta+hxl") == "#population+total"
    # every figure's hashtag is its indicator's (indicators.hxl) plus population attributes
    inds = idlibstats.indicators().set_index("indicator")["hxl"]
    for fid, row in rows.items():
        assert row.get("#meta+hxl").startswith(inds[row.get("#indicator+code")]), fid


def test_a_naive_libhxl_sum_finds_nothing_to_add(text):
    # the sums that gave 372,736 killed: no column of the figures is under a quantity tag
    quantity = hxl.TagPattern.parse
    cols = read_hxl(text).columns
    for tag in ("#affected", "#population", "#inneed", "#value", "#indicator+value",
                "#indicator+num", "#event+num"):
        assert not any(quantity(tag).match(c) for c in cols), tag
    counted = list(read_hxl(text).count("#indicator+code", "sum(#indicator+value+num)"))
    assert "killed" in {row.get("#indicator+code") for row in counted}
    assert all(row.get("#meta+sum") in ("", None) for row in counted)  # no 372,736
    total = list(read_hxl(text).count([], "sum(#affected+killed)"))
    assert [row.get("#meta+sum") in ("", None) for row in total] == [True]


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
    assert ";".join(scd[f"admin1_{k}"] for k in range(1, 5) if scd[f"admin1_{k}"]) == (
        idlibstats.figures().set_index("figure_id").loc["mee-2019-05-04-01", "admin1"])
    assert (scd["best"], scd["rule"]) == ("30", "more_than: [v, open], best v (a floor of v)")
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
    assert text.splitlines()[0].count("admin1_") == 1


def test_libhxl_default_schema_finds_no_issue(text):
    # libhxl's bundled core schema: dates in #date, numbers in #indicator+num, consistent
    # datatypes per #indicator column, no stray whitespace (runs offline)
    report = hxl.validate(read_hxl(text))
    assert report["stats"]["total"] == 0, report["issues"]
    assert report["is_valid"]


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, ...]:
    """The figures, sources, organisations and indicators, loaded once for the examples."""
    return (idlibstats.figures(), idlibstats.sources(), idlibstats.organisations(),
            idlibstats.indicators())


#: Random examples of the round trip: 100 in the long run (IDLIBSTATS_LONG_TESTS=1, CI), 5 in
#: ``make test`` beside the explicit ones, which always run: each start a spreadsheet reads
#: as a formula, a CR and a LF inside a cell (a row split), quotes and commas, safe cells.
ROUND_TRIP_EXAMPLES = 100 if LONG_TESTS else 5


@settings(max_examples=ROUND_TRIP_EXAMPLES, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("=+-@\t\r\n,\"' aZ9é"), max_size=12),
                min_size=2, max_size=2))
@example(["=1+2", "+9"])
@example(["-a", "@SUM(A1)"])
@example(["\tcmd", "\rx"])
@example(["a\rb", "a\nb"])
@example(["say \"9\", then", "é - Z, 9 ='"])
def test_any_text_round_trips_safely(tables, cells):
    """The export itself (``to_hxl`` given the tables, loaded once): each example's work."""
    figures, sources, organisations, indicators = tables
    figs = figures.head(2).copy()
    figs["excerpt"] = pd.array(cells, dtype="string")
    text = to_hxl_of_tables(figs, sources, organisations, indicators)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2 + 2  # header, hashtags, two figures: no row split by CR or LF
    col = rows[0].index("excerpt")
    for cell, row in zip(cells, rows[2:], strict=True):
        risky = cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert row[col] == ("'" + cell if risky else cell)
