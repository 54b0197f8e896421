"""Months get exactly what a claimant's figures imply: the solver's min and max, never a share."""

from __future__ import annotations

import pandas as pd
import pytest

import idlibstats
from idlibstats import monthly, monthly_summary, period_bounds, spans
from idlibstats.analysis import monthly as analysis_monthly
from idlibstats.analysis.monthly import STATUSES

COLUMNS = ["month", "indicator", "population", "claimant", "status", "low", "high",
           "figure_ids", "how"]
NA = pd.NA


def make(rows: list[tuple], indicator: str = "killed") -> pd.DataFrame:
    """rows: (period_start, period_end, value, qualifier[, measure[, claimant[, population
    [, source_id]]]])."""
    n = len(rows)

    def col(k: int, default: object) -> list:
        return [r[k] if len(r) > k else (default(i) if callable(default) else default)
                for i, r in enumerate(rows)]

    return pd.DataFrame({
        "figure_id": [f"t-2019-01-01-{i:02d}" for i in range(n)],
        "source_id": col(7, "t-2019-01-01"),
        "indicator": [indicator] * n,
        "population": col(6, "all"),
        "value": pd.array([r[2] for r in rows], dtype="Int64"),
        "qualifier": [r[3] for r in rows],
        "period_start": pd.to_datetime([r[0] for r in rows]),
        "period_end": pd.to_datetime([r[1] for r in rows]),
        "admin1": ["SY-ID"] * n,
        "claimant": col(5, lambda i: f"org{i}"),
        "measure": col(4, "period_total"),
    })


def at(frame: pd.DataFrame, month: str, claimant: str | None = None) -> pd.Series:
    rows = frame[frame["month"] == pd.Period(month, freq="M")]
    if claimant is not None:
        rows = rows[rows["claimant"] == claimant]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def bounds_of(row: pd.Series) -> tuple:
    return row["status"], row["low"], row["high"]


@pytest.fixture(scope="module")
def figs() -> pd.DataFrame:
    return idlibstats.figures()


@pytest.fixture(scope="module")
def pops() -> pd.DataFrame:
    return idlibstats.populations()


# ------------------------------------------------------------------ the real package


def test_may_killed_is_272_from_the_civil_defence(figs):
    m = monthly("killed", "all", figs)
    may = at(m, "2019-05", "syrian_civil_defence")
    assert bounds_of(may) == ("known", 272, 272)
    assert "tna-2019-06-06-03" in may["figure_ids"].split(";")
    assert "floor 272 = 272, from 272 (exact) killed over 1 May-31 May 2019 " \
           "[tna-2019-06-06-03]" in may["how"]
    s = monthly_summary("killed", "all", figs).set_index("month").loc[pd.Period("2019-05")]
    assert (s["low"], s["low_from"], s["low_figure_ids"]) == (
        272, "syrian_civil_defence", "tna-2019-06-06-03")


def test_december_killed_has_floor_3_two_children_and_one_woman(figs):
    """Two disjoint parts of all add up: 2 + 1, not the larger of the two (issue 17)."""
    for population in ("all", "civilians", "women_and_children"):
        dec = at(monthly("killed", population, figs), "2019-12", "unattributed")
        assert bounds_of(dec) == ("floor_only", 3, NA), population
        assert dec["figure_ids"] == "tna-2019-12-17-01;tna-2019-12-17-02"
        assert "3 = 2 + 1" in dec["how"] and "children and women share no one" in dec["how"]
    children = at(monthly("killed", "children", figs), "2019-12", "unattributed")
    assert bounds_of(children) == ("floor_only", 2, NA)
    s = monthly_summary("killed", "all", figs).set_index("month").loc[pd.Period("2019-12")]
    assert (s["low"], s["low_figure_ids"]) == (3, "tna-2019-12-17-01;tna-2019-12-17-02")


def test_4_may_alone_has_no_floor(figs):
    """SOHR's 'at least 38' by 3 May and 'at least 67' by 4 May: 70 by 3 May fits both."""
    day = period_bounds("killed", "all", "sohr", "2019-05-04", "2019-05-04", figs)
    assert (day["status"], day["low"], day["high"]) == ("span_only", NA, NA)
    first = period_bounds("killed", "all", "sohr", "2019-04-30", "2019-05-04", figs)
    assert (first["low"], first["high"]) == (67, NA)
    assert "floor 67 = 67, from at least 67 killed" in first["how"]
    four = period_bounds("killed", "all", "sohr", "2019-04-30", "2019-05-03", figs)
    assert four["low"] == 38
    m = monthly("killed", "all", figs)
    assert at(m, "2019-05", "sohr")["low"] is NA and at(m, "2019-04", "sohr")["low"] is NA


def test_september_to_november_civilians_have_no_floor(figs):
    m = monthly("killed", "civilians", figs)
    assert "snhr" not in set(m["claimant"])  # SNHR's all-Syria 277 is left out
    for month in ("2019-09", "2019-10", "2019-11"):
        row = at(m, month, "sohr")
        assert bounds_of(row) == ("span_only", NA, NA), month
        assert row["figure_ids"] == "mee-2019-12-02-08"
        assert "no floor" in row["how"]
    # 'almost 1,000' (30 Apr-31 Aug) is a ceiling for May to August, never a floor
    for month in ("2019-05", "2019-06", "2019-07", "2019-08"):
        row = at(m, month, "sohr")
        assert bounds_of(row) == ("ceiling_only", NA, 1000), month
        assert "ceiling 1,000 = 1,000, from almost 1,000 civilians killed" in row["how"]
        assert "900" not in row["how"]
    national = monthly("killed", "civilians", figs, national=True)
    assert bounds_of(at(national, "2019-11", "snhr")) == ("known", 277, 277)
    assert at(national, "2019-10", "snhr")["status"] == "no_count"


def test_august_displaced_has_no_floor(figs):
    m = monthly("displaced", "all", figs)
    ocha = m[m["figure_ids"].str.contains("mee-2019-12-02-07")]
    assert set(ocha["claimant"]) == {"ocha"}  # 'the UN says': OCHA's, as c19 shows
    assert ocha["month"].max() == pd.Period("2019-07")  # as of 26 July
    assert ocha["low"].isna().all()
    august = m[m["month"] == pd.Period("2019-08")]
    assert august["low"].isna().all()
    table = idlibstats.monthly_table(figs).set_index("month")
    assert table.loc[pd.Period("2019-08"), "displaced_min"] is NA
    assert "tna-2019-05-03-05" not in ";".join(m["figure_ids"])  # movements kept apart


def test_a_breakdown_bounds_the_other_parts(figs):
    """272 killed in May, 67 of them children (civilians): fighters were at most 205."""
    fighters = at(monthly("killed", "fighters", figs), "2019-05", "syrian_civil_defence")
    assert bounds_of(fighters) == ("ceiling_only", NA, 205)
    assert "205 = 272 - 67" in fighters["how"]
    civilians = at(monthly("killed", "civilians", figs), "2019-05", "syrian_civil_defence")
    assert bounds_of(civilians) == ("range", 67, 272)


def test_movements_kept_apart(figs):
    mv = monthly("displaced", "all", figs, movements=True)
    assert list(mv["figure_ids"]) == ["tna-2019-05-03-05"]
    assert bounds_of(mv.iloc[0]) == ("floor_only", 32500, NA)


def test_population_is_a_level_never_apportioned(figs):
    m = monthly("population", "all", figs)
    levels = m[m["status"] == "level"].set_index(m.loc[m["status"] == "level", "month"]
                                                 .astype(str))
    assert sorted(levels.index) == ["2019-05", "2019-06", "2019-12"]
    assert (m.loc[m["status"] != "level", "status"] == "no_count").all()
    # 'around 3 million': the number said, no hard bound; 'More than 3 million': a floor
    assert (levels.loc["2019-05", "low"], levels.loc["2019-05", "high"]) == (NA, NA)
    assert (levels.loc["2019-06", "low"], levels.loc["2019-06", "high"]) == (3_000_000, NA)
    assert "never summed over months" in levels.loc["2019-05", "how"]
    assert spans("population", "all", figs).empty


def test_spans_hold_the_span_floors(figs):
    s = spans("killed", "civilians", figs).set_index("period_start")
    since = s.loc[pd.Timestamp("2019-08-31")]
    assert (since["low"], since["high"], since["figure_ids"]) == (160, NA, "mee-2019-12-02-08")
    almost = s.loc[pd.Timestamp("2019-04-30")]
    almost = almost[almost["figure_ids"].str.startswith("mee-2019-12-02-06")].iloc[0]
    assert (almost["low"], almost["high"]) == (NA, 1000)  # no floor of 900
    assert (str(almost["first_month"]), str(almost["last_month"])) == ("2019-04", "2019-08")
    assert "for the span as a whole" in since["how"]
    assert "gives no floor to a month alone" in almost["how"]
    assert not (spans("killed", "all", figs)["measure"] == "difference").any()


def test_columns_and_types(figs):
    m = monthly("killed", "all", figs)
    assert list(m.columns) == COLUMNS
    assert str(m["month"].dtype) == "period[M]"
    assert m[["low", "high"]].dtypes.eq("Int64").all()
    assert set(m["status"]) <= set(STATUSES)
    assert not (m["low"] == 0).any()  # no floor is <NA>, not 0
    key = list(zip(m["month"], m["claimant"], strict=True))
    assert key == sorted(key) and len(set(key)) == len(key)
    model = monthly("killed", "all", figs, model=True)
    assert list(model.columns) == [*COLUMNS, "model_uniform_share", "model_figure_id"]
    pd.testing.assert_frame_equal(model[COLUMNS], m)


def test_no_month_bound_is_a_ten_percent_band(figs, pops):
    for indicator, population in (("killed", "all"), ("killed", "civilians"),
                                  ("killed", "fighters"), ("population", "all")):
        m = monthly(indicator, population, figs)
        s = spans(indicator, population, figs)
        for frame in (m, s):
            for v in (90, 900, 2_700_000, 3_300_000):
                assert not (frame["low"] == v).any() and not (frame["high"] == v).any()
            for text in ("band", "10%", "0.9", "1.1"):
                assert not frame["how"].str.contains(text, regex=False).any(), text


def test_figures_for_all_of_syria_are_left_out_unless_asked(figs):
    national = set(figs.loc[figs["admin1"] == "SY", "figure_id"])
    assert "mee-2019-12-02-10" in national  # the war's toll since 2011
    default = monthly("killed", "all", figs)
    assert not set(";".join(default["figure_ids"]).split(";")) & national
    opted = monthly("killed", "all", figs, national=True)
    assert "mee-2019-12-02-10" in ";".join(opted["figure_ids"])
    assert opted["month"].min() == pd.Period("2011-03")


def test_a_figure_with_no_admin1_is_read_only_with_national():
    """A figure whose admin1 is missing is not known to be about the north-west: the default
    leaves it out, as it leaves out all of Syria; ``national=True`` reads every figure."""
    frame = make([("2019-05-01", "2019-05-31", 10, "exact", "period_total", "a"),
                  ("2019-05-01", "2019-05-31", 20, "exact", "period_total", "b"),
                  ("2019-05-01", "2019-05-31", 30, "exact", "period_total", "c")])
    frame["admin1"] = pd.array(["SY-ID", None, "SY"], dtype="string")
    assert set(monthly("killed", "all", frame)["claimant"]) == {"a"}
    assert set(monthly("killed", "all", frame, national=True)["claimant"]) == {"a", "b", "c"}


def test_population_filter_and_empty_result(figs):
    children = monthly("killed", "children", figs)
    assert at(children, "2019-05", "syrian_civil_defence")["low"] == 67
    # 'more than 460 fighters' says nothing of children: SOHR's months touch no children
    assert set(children["claimant"]) >= {"sohr"}
    assert monthly("killed", "not_applicable", figs).empty
    assert list(monthly("killed", "not_applicable", figs).columns) == COLUMNS


# ------------------------------------------------------------------ rules, synthetic


def test_whole_within_ceiling_span_and_no_count():
    f = make([
        ("2019-05-01", "2019-05-31", 100, "exact", "period_total", "a"),
        ("2019-05-10", "2019-05-12", 30, "at_least", "period_total", "a"),
        ("2019-04-01", "2019-07-31", 500, "up_to", "period_total", "b"),
        ("2019-04-15", "2019-06-15", 300, "more_than", "period_total", "c"),
        ("2019-06-02", "2019-06-03", 7, "exact", "period_total", "d"),
    ])
    m = monthly("killed", figures=f)
    assert bounds_of(at(m, "2019-05", "a")) == ("known", 100, 100)
    assert at(m, "2019-04", "a")["status"] == "no_count"
    assert at(m, "2019-04", "a")["figure_ids"] == ""
    for month in ("2019-04", "2019-05", "2019-06", "2019-07"):
        assert bounds_of(at(m, month, "b")) == ("ceiling_only", NA, 500)
    assert bounds_of(at(m, "2019-05", "c")) == ("span_only", NA, NA)
    assert at(m, "2019-07", "c")["status"] == "no_count"
    assert bounds_of(at(m, "2019-06", "d")) == ("floor_only", 7, NA)
    assert len(m) == 4 * 4


def test_running_totals_with_one_start_bound_the_days_between():
    f = make([
        ("2019-04-01", "2019-04-30", 100, "exact", "cumulative", "x"),
        ("2019-04-01", "2019-05-31", 1000, "exact", "cumulative", "x"),
    ])
    may = at(monthly("killed", figures=f), "2019-05", "x")
    assert bounds_of(may) == ("known", 900, 900)
    assert "floor 900 = 1,000 - 100" in may["how"]
    f = make([
        ("2019-04-01", "2019-04-30", 100, "at_least", "cumulative", "x"),
        ("2019-04-01", "2019-05-31", 300, "exact", "cumulative", "x"),
    ])
    may = at(monthly("killed", figures=f), "2019-05", "x")
    assert bounds_of(may) == ("ceiling_only", NA, 200)  # no ceiling by April: no floor
    assert "ceiling 200 = 300 - 100" in may["how"]


def test_as_of_dates_need_not_be_consecutive():
    """Exact 100 by 10 April and exact 400 by 31 May: May is at most 300, whatever lies
    between (the old pairwise differencing of consecutive dates gave 350)."""
    f = make([
        ("2019-04-01", "2019-04-10", 100, "exact", "cumulative", "x"),
        ("2019-04-01", "2019-04-20", 50, "at_least", "cumulative", "x"),
        ("2019-04-01", "2019-05-31", 400, "exact", "cumulative", "x"),
    ])
    may = at(monthly("killed", figures=f), "2019-05", "x")
    assert bounds_of(may) == ("ceiling_only", NA, 300)


def test_claimants_are_never_combined_and_reports_speak_apart():
    f = make([
        ("2019-05-01", "2019-05-31", 100, "up_to", "period_total", "a"),
        ("2019-05-01", "2019-05-10", 80, "at_least", "period_total", "b"),
        # the unattributed figures of one report are one voice: 2 children + 1 woman
        ("2019-05-16", "2019-05-16", 2, "exact", "period_total", "unattributed", "children",
         "r-2019-05-17"),
        ("2019-05-16", "2019-05-16", 1, "exact", "period_total", "unattributed", "women",
         "r-2019-05-17"),
        # another report's unattributed figure is another voice: never added to those
        ("2019-05-20", "2019-05-20", 5, "exact", "period_total", "unattributed", "children",
         "q-2019-05-21"),
    ])
    m = monthly("killed", figures=f)
    assert bounds_of(at(m, "2019-05", "a")) == ("ceiling_only", NA, 100)
    assert bounds_of(at(m, "2019-05", "b")) == ("floor_only", 80, NA)
    un = at(m, "2019-05", "unattributed")
    assert bounds_of(un) == ("floor_only", 5, NA)  # the larger report's floor, not 3 + 5
    assert "report (r-2019-05-17)" in un["how"] and "report (q-2019-05-21)" in un["how"]
    s = monthly_summary("killed", figures=f).set_index("month").loc[pd.Period("2019-05")]
    assert (s["low"], s["low_from"], s["high"], s["high_from"]) == (80, "b", 100, "a")


def test_a_claimant_whose_figures_cannot_all_be_true_gets_a_contradiction():
    f = make([
        ("2019-05-01", "2019-05-31", 100, "exact", "period_total", "x"),
        ("2019-05-10", "2019-05-12", 130, "at_least", "period_total", "x"),
        ("2019-08-01", "2019-08-31", 40, "exact", "period_total", "x"),  # apart, and fine
        ("2019-05-01", "2019-05-31", 150, "at_least", "period_total", "y"),
    ])
    m = monthly("killed", figures=f)
    may = at(m, "2019-05", "x")
    assert bounds_of(may) == ("contradiction", NA, NA)
    assert "cannot all be true" in may["how"]
    assert "t-2019-01-01-00" in may["how"] and "t-2019-01-01-01" in may["how"]
    assert "t-2019-01-01-02" not in may["how"]
    assert bounds_of(at(m, "2019-08", "x")) == ("known", 40, 40)  # other days: unaffected
    assert bounds_of(at(m, "2019-05", "y")) == ("floor_only", 150, NA)  # other claimants too
    s = monthly_summary("killed", figures=f).set_index("month").loc[pd.Period("2019-05")]
    assert (s["low"], s["low_from"]) == (150, "y") and "x: contradiction" in s["statuses"]
    sp = spans("killed", figures=f)
    assert sp.empty or not sp["low"].notna().any()


def test_a_contradiction_across_populations_names_the_figures():
    f = make([
        ("2019-05-01", "2019-05-31", 10, "almost", "period_total", "x", "civilians"),
        ("2019-05-03", "2019-05-03", 8, "exact", "period_total", "x", "children"),
        ("2019-05-04", "2019-05-04", 5, "at_least", "period_total", "x", "women"),
        ("2019-05-05", "2019-05-05", 1, "exact", "period_total", "x", "fighters"),
    ])
    may = at(monthly("killed", figures=f), "2019-05", "x")
    assert may["status"] == "contradiction"
    assert set(may["figure_ids"].split(";")) >= {"t-2019-01-01-00", "t-2019-01-01-01",
                                                 "t-2019-01-01-02"}
    # the three that cannot hold together, not the fighters' figure
    assert "t-2019-01-01-03" not in may["how"]


def test_model_share_is_only_a_model():
    f = make([("2019-04-30", "2019-05-04", 50, "exact")])
    m = monthly("killed", figures=f, model=True)
    assert list(m["model_uniform_share"]) == pytest.approx([10.0, 40.0])
    assert m["low"].isna().all() and m["high"].isna().all()
    assert "model_uniform_share" not in monthly("killed", figures=f).columns


def test_about_bounds_nothing_and_almost_only_above():
    f = make([("2019-05-01", "2019-05-31", 100, "about", "period_total", "x"),
              ("2019-06-01", "2019-06-30", 100, "almost", "period_total", "x")])
    m = monthly("killed", figures=f)
    assert bounds_of(at(m, "2019-05", "x")) == ("span_only", NA, NA)
    assert bounds_of(at(m, "2019-06", "x")) == ("ceiling_only", NA, 100)


def test_stock_and_flow_of_one_claimant_in_a_month_is_an_error():
    f = make([("2019-05-03", "2019-05-03", 5, "exact", "stock", "x"),
              ("2019-05-01", "2019-05-31", 5, "exact", "period_total", "x")])
    with pytest.raises(ValueError, match=r"t-2019-01-01-00.*t-2019-01-01-01"):
        monthly("killed", figures=f)


def test_summary_takes_the_largest_floor_and_flags_contradictions():
    f = make([("2019-05-01", "2019-05-31", 100, "exact", "period_total", "a"),
              ("2019-05-01", "2019-05-31", 150, "at_least", "period_total", "b"),
              ("2019-06-02", "2019-06-03", 7, "exact", "period_total", "a")])
    s = monthly_summary("killed", figures=f).set_index("month")
    may = s.loc[pd.Period("2019-05")]
    assert (may["low"], may["low_from"], may["high"], may["high_from"]) == (150, "b", 100, "a")
    assert may["contradictory"]  # b's floor is above a's ceiling: not 250, not a sum
    june = s.loc[pd.Period("2019-06")]
    assert (june["low"], june["contradictory"]) == (7, False)
    assert june["high"] is NA  # the other 28 days of June: no figure caps them
    assert june["statuses"] == "a: floor_only;b: no_count"


def test_unknown_indicator_or_population_is_an_error():
    with pytest.raises(ValueError, match="kiled"):
        monthly("kiled")
    with pytest.raises(ValueError, match="everyone"):
        monthly("killed", "everyone")


def test_period_end_before_start_is_an_error():
    f = make([("2019-05-04", "2019-05-01", 5, "exact")])
    with pytest.raises(ValueError, match="t-2019-01-01-00"):
        monthly("killed", figures=f)


def test_unknown_measure_is_an_error():
    f = make([("2019-05-01", "2019-05-04", 5, "exact", "rate")])
    with pytest.raises(ValueError, match=r"t-2019-01-01-00.*measure"):
        monthly("killed", figures=f)


def test_a_population_the_table_does_not_have_is_an_error(pops):
    f = make([("2019-05-01", "2019-05-04", 5, "exact", "period_total", "x", "elders")])
    with pytest.raises(ValueError, match=r"t-2019-01-01-00.*'elders'"):
        monthly("killed", figures=f)


def test_the_analysis_takes_the_relations_as_a_frame(pops):
    f = make([("2019-05-01", "2019-05-04", 5, "exact")])
    with pytest.raises(TypeError, match=r"idlibstats\.populations"):
        analysis_monthly.monthly("killed", "all", f)
    got = analysis_monthly.monthly("killed", "all", f, populations=pops)
    pd.testing.assert_frame_equal(got, monthly("killed", "all", f))


def test_a_count_too_large_to_bound_exactly_is_refused_naming_the_figure():
    f = make([("2019-05-01", "2019-05-31", 10**9 + 1, "exact", "period_total", "x"),
              ("2019-05-01", "2019-05-31", 10**9, "exact", "period_total", "y")])
    with pytest.raises(ValueError, match=r"t-2019-01-01-00: value 1000000001 is above "
                                         r"1,000,000,000"):
        monthly("killed", figures=f)
    assert monthly("killed", figures=f.tail(1))["low"].iloc[0] == 10**9


def test_input_untouched():
    f = make([("2019-04-20", "2019-06-10", 100, "exact", "cumulative", "x"),
              ("2019-04-20", "2019-07-10", 200, "exact", "cumulative", "x")])
    before = f.copy()
    monthly("killed", figures=f, model=True)
    monthly_summary("killed", figures=f)
    spans("killed", figures=f)
    pd.testing.assert_frame_equal(f, before)


def test_a_remembered_panel_is_a_copy_of_the_same_figures_only(pops):
    """monthly/spans remember a panel by the figures it reads: a caller's edit of a frame
    never reaches the next caller, a changed figure (or dtype) gets its own panel, and
    figures the panel does not read (another indicator) change nothing."""
    f = make([("2019-05-01", "2019-05-31", 40, "exact", "period_total", "x"),
              ("2019-04-20", "2019-06-10", 100, "at_least", "period_total", "x")])
    first = monthly("killed", figures=f)
    first.loc[0, "low"] = 999
    first.loc[0, "how"] = "edited"
    again = monthly("killed", figures=f)
    assert at(again, "2019-05")["low"] == 40 and "edited" not in set(again["how"])
    span = spans("killed", figures=f)
    span.loc[0, "high"] = 1
    assert pd.isna(spans("killed", figures=f).loc[0, "high"])
    months, spans_ = analysis_monthly.monthly_and_spans("killed", "all", f, populations=pops)
    pd.testing.assert_frame_equal(months, again)
    pd.testing.assert_frame_equal(spans_, spans("killed", figures=f))
    changed = f.copy()
    changed.loc[0, "value"] = 41
    assert at(monthly("killed", figures=changed), "2019-05")["low"] == 41
    assert at(monthly("killed", figures=f), "2019-05")["low"] == 40
    worded = f.copy()
    worded.loc[0, "qualifier"] = "almost"
    assert at(monthly("killed", figures=worded), "2019-05")["status"] == "ceiling_only"
    typed = f.assign(claimant=f["claimant"].astype("category"))
    assert isinstance(monthly("killed", figures=typed)["claimant"].dtype, pd.CategoricalDtype)
    assert monthly("killed", figures=f)["claimant"].dtype == "string"
    other = pd.concat([f, make([("2019-05-01", "2019-05-31", 7, "exact")], "injured")
                       .assign(figure_id="t-2019-01-01-09")], ignore_index=True)
    pd.testing.assert_frame_equal(monthly("killed", figures=other), again)
