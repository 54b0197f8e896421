"""The monthly table and its CSV / HXL export: integer month floors, safe to sum."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import hxl
import pandas as pd
import pytest
from conftest import after_package_line
from hypothesis import given, settings
from hypothesis import strategies as st

import idlibstats
from idlibstats import monthly_table, to_monthly_csv
from idlibstats.analysis.populations import Relations
from idlibstats.cli import main
from idlibstats.exports.monthly_csv import monthly_table as monthly_table_of_frames
from idlibstats.exports.monthly_csv import to_monthly_csv as to_monthly_csv_of_frames

POPS = idlibstats.populations()


def read_hxl(text: str) -> hxl.Dataset:
    return hxl.data(hxl.make_input(io.BytesIO(text.encode("utf-8")),
                                   hxl.InputOptions(allow_local=True)))


# The month floors of the real package take a second or two to work out (a bound solved for
# each month of each indicator and population): each form is worked out once for the module.
@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return monthly_table()


@pytest.fixture(scope="module")
def csv_text() -> str:
    return to_monthly_csv()


@pytest.fixture(scope="module")
def hxl_text() -> str:
    return to_monthly_csv(hxl=True)


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    return monthly_table(national=True)


@pytest.fixture(scope="module")
def december() -> pd.DataFrame:
    """The figures of one report of December: a table of a few rows, quick to work out."""
    figs = idlibstats.figures()
    return figs[figs["source_id"] == "tna-2019-12-17"]


def test_one_row_per_month_with_integer_floors(table):
    assert list(table["month"].astype(str)) == [f"2019-{m:02d}" for m in range(2, 13)]
    assert table["month"].is_unique
    may = table.set_index(table["month"].astype(str)).loc["2019-05"]
    assert (may["killed_min"], may["killed_min_claimant"], may["killed_min_figures"]) == (
        272, "syrian_civil_defence", "tna-2019-06-06-03")
    assert may["killed_children_min"] == 67 and may["injured_min"] == 785
    assert may["killed_civilians_min"] == 67  # the 67 children are civilians
    assert may["airstrikes_min"] == 3013
    floors = [c for c in table.columns[3:] if not c.endswith(("_claimant", "_figures"))]
    assert all(c.endswith("_min") for c in floors)  # every number is named as a floor
    assert all(str(table[c].dtype) == "Int64" for c in floors)
    assert not [c for c in table.columns if c.startswith("population")]  # a level: left out
    assert table["displaced_min"].isna().all()  # running totals over spans: no month alone
    april = table.set_index(table["month"].astype(str)).loc["2019-04"]
    assert april["displaced_movements_min"] == 32500  # movements apart from people


def test_december_killed_is_a_floor_of_3_and_the_column_sums_to_275(table):
    in_2019 = table[table["month"].dt.year == 2019]
    assert int(in_2019["killed_min"].fillna(0).sum()) == 275
    dec = in_2019.set_index(in_2019["month"].astype(str)).loc["2019-12"]
    # two children and one woman killed on 16 December, disjoint parts of all: at least 3
    assert (dec["killed_min"], dec["killed_min_claimant"], dec["killed_min_figures"]) == (
        3, "unattributed", "tna-2019-12-17-01;tna-2019-12-17-02")
    assert (dec["killed_children_min"], dec["killed_women_min"]) == (2, 1)
    assert dec["killed_civilians_min"] == 3
    # a whole's floor is never below any of its parts' floors
    for whole, parts in (("killed_min", ("killed_civilians_min", "killed_children_min",
                                         "killed_women_min", "killed_fighters_min")),
                         ("killed_civilians_min", ("killed_children_min", "killed_women_min")),
                         ("killed_fighters_min", ("killed_pro_government_fighters_min",
                                                  "killed_opposition_fighters_min"))):
        for part in parts:
            has = in_2019[part].notna()
            assert (in_2019.loc[has, whole] >= in_2019.loc[has, part]).all(), (whole, part)
    # each month's floor is no more than any claimant's ceiling for that month
    s = idlibstats.monthly_summary("killed", "all").set_index("month")
    for row in in_2019.itertuples(index=False):
        if row.month in s.index and not pd.isna(s.loc[row.month, "high"]) \
                and not pd.isna(row.killed_min):
            assert row.killed_min <= s.loc[row.month, "high"]


def test_each_indicators_total_comes_before_its_breakdowns(table):
    rel = Relations.from_frame(idlibstats.populations())
    floors = [c for c in table.columns if c.endswith("_min")]
    killed = [c for c in floors if c.startswith("killed")]
    assert killed[0] == "killed_min" and table.columns.get_loc("killed_min") == 3
    names = {f"killed_{p}_min": p for p in rel.members}
    for col in killed[1:]:
        for whole in rel.ancestors(names[col]):
            before = "killed_min" if whole == "all" else f"killed_{whole}_min"
            assert floors.index(before) < floors.index(col), (before, col)
    assert floors.index("injured_min") < floors.index("injured_children_min")


def test_libhxl_reads_the_monthly_export_and_its_sum_is_the_total(hxl_text):
    text = hxl_text
    ds = read_hxl(text)
    tags = [c.get_display_tag(sort_attributes=False) for c in ds.columns]
    for wanted in ("#date+month", "#country+code", "#affected+killed+min",
                   "#affected+killed+children+min", "#affected+killed+f+adults+min",
                   "#affected+injured+min", "#affected+idps+min"):
        assert wanted in tags, wanted
    assert tags.index("#affected+killed+min") < tags.index("#affected+killed+children+min")
    assert "#affected+idps+movements+min" not in tags  # movements are not people
    total = list(read_hxl(text).count([], "sum(#affected+killed)"))
    assert [float(r.get("#meta+sum")) for r in total] == [275.0]  # the killed column's sum
    by_month = {r.get("#date+month"): r.get("#affected+killed+min") for r in read_hxl(text)}
    assert by_month["2019-05"] == "272" and by_month["2019-12"] == "3"
    assert by_month["2019-04"] in ("", None)
    children = list(read_hxl(text).count([], "sum(#affected+killed+children)"))
    assert float(children[0].get("#meta+sum")) == 67 + 2  # the children's own column
    injured = list(read_hxl(text).count([], "sum(#affected+injured)"))
    assert float(injured[0].get("#meta+sum")) == 785 + 4  # May's 785, December's 4
    assert {r.get("#country+code") for r in read_hxl(text)} == {"SYR"}
    report = hxl.validate(read_hxl(text))
    assert report["is_valid"] and report["stats"]["error"] == 0, report["issues"]


def test_integers_only_no_fractions_of_people(csv_text):
    text = csv_text
    rows = list(csv.DictReader(io.StringIO(text)))
    numeric = [c for c in rows[0] if not c.startswith("month")
               and not c.endswith(("_claimant", "_figures"))]
    for row in rows:
        for col in numeric:
            assert re.fullmatch(r"\d*", row[col]), (col, row[col])
    assert not text.startswith("month,month_start,month_end,country")  # no HXL extras
    assert text.count("\n") == 1 + 11 and "\r" not in text


def test_national_adds_the_all_syria_counts(national):
    t = national.set_index("month")
    assert t.index.min() == pd.Period("2011-03")
    assert t.loc[pd.Period("2019-11"), "killed_civilians_min"] == 277
    assert t.loc[pd.Period("2019-11"), "killed_civilians_min_claimant"] == "snhr"
    assert t.loc[pd.Period("2019-11"), "killed_min"] == 277  # the civilians are people


def test_no_populations_table_is_refused():
    figs = idlibstats.figures()
    with pytest.raises(TypeError, match=r"idlibstats\.populations"):
        monthly_table_of_frames(figs)
    with pytest.raises(TypeError, match=r"idlibstats\.populations"):
        to_monthly_csv_of_frames(figs, idlibstats.indicators())


def test_write_refuses_then_overwrites(tmp_path, december):
    """A few figures (the real package's file: ``test_cli_export_monthly``)."""
    target = tmp_path / "monthly.csv"
    assert to_monthly_csv(december, target) is None
    first = target.read_text(encoding="utf-8")
    assert first == to_monthly_csv(december) and "2019-12," in first
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        to_monthly_csv(december, target)
    assert target.read_text(encoding="utf-8") == "keep me"
    to_monthly_csv(december, target, overwrite=True)
    assert target.read_text(encoding="utf-8") == first
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_export_monthly(tmp_path, capsys, csv_text, hxl_text):
    target = tmp_path / "m.csv"
    assert main(["export", "--monthly", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == csv_text
    capsys.readouterr()  # the first export's output
    assert main(["export", "--monthly", "-o", str(target)]) == 1
    err = after_package_line(capsys.readouterr().err)
    assert err.startswith("error: ") and err.count("\n") == 1 and str(target) in err
    assert main(["export", "--monthly", "--hxl", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8") == hxl_text
    assert capsys.readouterr().out == f"wrote {target} (month floors of 35 figures, HXL)\n"
    assert main(["export", "--monthly", "--national"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("2011-03,")


def test_a_table_worked_out_once_is_handed_out_as_a_copy_of_the_same_frames_only(december):
    """monthly_table's month bounds are remembered by the bytes of the figures they read: a
    caller's edit of a table it got never reaches the next caller, and other figures get
    their own."""
    first = monthly_table(december, populations=POPS)
    again = monthly_table(december.copy(), populations=POPS)
    assert again is not first
    pd.testing.assert_frame_equal(again, first)
    dec = first.set_index(first["month"].astype(str))
    assert dec.loc["2019-12", "killed_children_min"] == 2
    again.loc[again.index[-1], "killed_children_min"] = 10**6  # a caller's own edit
    pd.testing.assert_frame_equal(monthly_table(december, populations=POPS), first)
    changed = december.copy()
    changed["value"] = changed["value"].where(changed["figure_id"] != "tna-2019-12-17-01", 5)
    other = monthly_table(changed, populations=POPS)
    assert other.set_index(other["month"].astype(str)).loc["2019-12", "killed_children_min"] == 5

def test_cli_monthly_into_a_missing_folder_is_one_error_line(tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "monthly.csv"
    assert main(["export", "--monthly", "-o", str(target)]) == 1
    err = after_package_line(capsys.readouterr().err).strip().splitlines()
    assert err == [f"error: {target}: cannot write the export: No such file or directory"]
    assert list(tmp_path.iterdir()) == []


def test_cli_export_needs_a_kind(capsys):
    assert main(["export"]) == 2
    assert "--hxl" in capsys.readouterr().err
    assert main(["export", "--hxl", "--national"]) == 2


def test_libhxl_the_same_sum_on_both_exports(hxl_text, table):
    """The sum an HDX user would try: nothing to add in the figures, a floor in the months."""
    figures_text = idlibstats.to_hxl()
    monthly_text = hxl_text
    sums = {}
    for name, text in (("figures", figures_text), ("monthly", monthly_text)):
        rows = list(read_hxl(text).count([], "sum(#affected+killed)"))
        sums[name] = rows[0].get("#meta+sum") if rows else None
    assert sums["figures"] in ("", None)  # not 372,736: no figure is under #affected
    assert float(sums["monthly"]) == int(table["killed_min"].sum()) == 275


# a property: floors in the table are true of any world the figures truthfully describe

_START = dt.date(2019, 4, 1)
_DAYS = 122  # to 31 July 2019


def _frame(rows: list[tuple]) -> pd.DataFrame:
    n = len(rows)
    return pd.DataFrame({
        "figure_id": [f"t-2019-01-01-{i:02d}" for i in range(n)],
        "indicator": ["killed"] * n,
        "population": pd.Categorical([r[0] for r in rows],
                                     categories=["all", "civilians", "children"]),
        "value": pd.array([r[3] for r in rows], dtype="Int64"),
        "qualifier": [r[4] for r in rows],
        "period_start": pd.to_datetime([str(_START + dt.timedelta(r[1])) for r in rows]),
        "period_end": pd.to_datetime([str(_START + dt.timedelta(r[2])) for r in rows]),
        "admin1": ["SY-ID"] * n,
        "claimant": [r[5] for r in rows],
        "measure": ["period_total"] * n,
        "source_id": ["t-2019-01-01"] * n,
    })


@settings(settings.get_profile("slow"), deadline=None)
@given(children=st.lists(st.integers(0, 5), min_size=_DAYS, max_size=_DAYS),
       adults=st.lists(st.integers(0, 20), min_size=_DAYS, max_size=_DAYS),
       specs=st.lists(st.tuples(st.sampled_from(["all", "children"]), st.integers(0, _DAYS - 1),
                                st.integers(0, 70), st.sampled_from(["exact", "at_least"]),
                                st.integers(0, 10**6), st.sampled_from(["a", "b"])),
                      min_size=1, max_size=8))
def test_table_floors_sum_to_no_more_than_the_truth(children, adults, specs):
    """Children within all: every cell, and every column sum, is at most the true count."""
    truth = {"children": children, "all": [c + a for c, a in zip(children, adults, strict=True)]}
    rows = []
    for pop, first, length, qual, pick, claimant in specs:
        last = min(first + length, _DAYS - 1)
        total = sum(truth[pop][first:last + 1])
        value = total if qual == "exact" else pick % (total + 1)
        rows.append((pop, first, last, value, qual, claimant))
    t = monthly_table(_frame(rows), populations=POPS)
    for col, pop in (("killed_min", "all"), ("killed_children_min", "children")):
        if col not in t.columns:
            continue
        true_sum = 0
        for row in t.itertuples(index=False):
            a = (row.month.start_time.date() - _START).days
            b = (row.month.end_time.date() - _START).days
            true = sum(truth[pop][max(a, 0):b + 1])
            true_sum += true
            cell = getattr(row, col)
            assert pd.isna(cell) or cell <= true
        assert int(t[col].fillna(0).sum()) <= true_sum
    if "killed_children_min" in t.columns:  # a whole's floor is never below its part's
        both = t["killed_children_min"].notna()
        assert (t.loc[both, "killed_min"] >= t.loc[both, "killed_children_min"]).all()
