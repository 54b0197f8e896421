"""Figures by calendar month: whole months, within-month, apportioned by days; never summed."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import idlibstats
from idlibstats.bounds import QUALIFIERS
from idlibstats.monthly import METHODS, monthly, monthly_summary


def make(rows: list[tuple[str, str, int, str]], indicator: str = "killed") -> pd.DataFrame:
    """rows: (period_start, period_end, value, qualifier)."""
    n = len(rows)
    return pd.DataFrame(
        {
            "figure_id": [f"t-2019-01-01-{i:02d}" for i in range(n)],
            "source_id": ["t-2019-01-01"] * n,
            "indicator": [indicator] * n,
            "population": ["all"] * n,
            "value": pd.array([r[2] for r in rows], dtype="Int64"),
            "qualifier": [r[3] for r in rows],
            "period_start": pd.to_datetime([r[0] for r in rows]),
            "period_end": pd.to_datetime([r[1] for r in rows]),
            "admin1": ["SY-ID"] * n,
            "claimant": [f"org{i}" for i in range(n)],
            "claim_group": [f"g{i}" for i in range(n)],
        }
    )


@pytest.fixture(scope="module")
def killed() -> pd.DataFrame:
    return monthly("killed", "all")


def test_may_2019_civil_defence_is_whole_month(killed):
    may = killed[killed["month"] == pd.Timestamp("2019-05-01")].set_index("figure_id")
    row = may.loc["tna-2019-06-06-03"]
    assert row["value"] == 272 and row["claimant"] == "syrian_civil_defence"
    assert row["method"] == "whole_month"
    assert (row["share"], row["month_coverage"], row["apportioned"]) == (1.0, 1.0, 272.0)
    assert (row["days_in_month"], row["days_in_period"]) == (31, 31)
    assert not row["lower_bound_only"]


def test_offensive_first_days_split_april_may(killed):
    sohr = killed[killed["figure_id"] == "mee-2019-05-04-03"]
    assert list(sohr["month"].dt.strftime("%Y-%m")) == ["2019-04", "2019-05"]
    assert list(sohr["days_in_month"]) == [1, 4]
    assert list(sohr["apportioned"]) == pytest.approx([67 / 5, 67 * 4 / 5])
    assert set(sohr["method"]) == {"apportioned_by_days"}
    assert sohr["lower_bound_only"].all() and sohr["apportioned_high"].isna().all()


def test_within_month_displacement():
    d = monthly("displaced", "all").set_index("figure_id")
    row = d.loc["tna-2019-05-03-05"]  # OCHA, 1-28 April
    assert row["method"] == "within_month" and row["share"] == 1.0
    assert row["month_coverage"] == pytest.approx(28 / 30)
    assert row["apportioned_low"] == 32501


def test_columns_order_and_types(killed):
    for col in ("month", "figure_id", "claim_group", "claimant", "source_id", "qualifier",
                "value", "period_start", "period_end", "days_in_period", "days_in_month",
                "month_coverage", "share", "apportioned", "apportioned_low",
                "apportioned_high", "method", "lower_bound_only"):
        assert col in killed.columns
    assert str(killed["apportioned"].dtype) == "Float64"
    assert killed["lower_bound_only"].dtype == bool
    assert set(killed["method"]) <= set(METHODS)
    assert (killed["month"].dt.day == 1).all()
    key = killed[["month", "period_start", "figure_id"]].astype(str).apply(tuple, axis=1)
    assert list(key) == sorted(key)
    assert (killed["population"].astype(str) == "all").all()


def test_each_figure_adds_up_to_its_value_and_never_merges(killed):
    for fid, sub in killed.groupby("figure_id"):
        assert sub["apportioned"].sum() == pytest.approx(float(sub["value"].iloc[0]))
        assert sub["days_in_month"].sum() == sub["days_in_period"].iloc[0]
        assert sub["month"].is_unique, fid
    figs = idlibstats.figures()
    wanted = figs[(figs["indicator"] == "killed") & (figs["population"] == "all")
                  & (figs["admin1"] != "SY")]
    assert set(killed["figure_id"]) == set(wanted["figure_id"])


def test_population_filter_and_empty_result():
    children = monthly("killed", "children")
    assert set(children["figure_id"]) >= {"tna-2019-06-06-04", "tna-2019-12-17-01"}
    national = monthly("killed", "children", national=True)
    assert "tna-2019-12-17-05" in set(national["figure_id"])  # SNHR's all-Syria 72
    assert monthly("killed", "not_applicable").empty


def test_unknown_indicator_or_population_is_an_error():
    with pytest.raises(ValueError, match="kiled"):
        monthly("kiled")
    with pytest.raises(ValueError, match="everyone"):
        monthly("killed", "everyone")


def test_period_end_before_start_is_an_error():
    f = make([("2019-05-04", "2019-05-01", 5, "exact")])
    with pytest.raises(ValueError, match="t-2019-01-01-00"):
        monthly("killed", figures=f)


def test_input_untouched():
    f = make([("2019-04-20", "2019-06-10", 100, "exact")])
    before = f.copy()
    monthly("killed", figures=f)
    monthly_summary("killed", figures=f)
    pd.testing.assert_frame_equal(f, before)


def test_summary_ranges_never_sum():
    f = make([
        ("2019-05-01", "2019-05-31", 100, "exact"),   # whole May
        ("2019-05-01", "2019-05-31", 150, "exact"),   # a competing whole-May claim
        ("2019-05-10", "2019-05-12", 30, "at_least"),  # part of May
        ("2019-04-01", "2019-06-30", 91, "exact"),    # spans Apr-Jun: May gets 31/91
    ])
    s = monthly_summary("killed", figures=f).set_index("month")
    may = s.loc[pd.Timestamp("2019-05-01")]
    assert may["n_figures"] == 4 and may["n_covering"] == 3
    assert may["low"] == pytest.approx(31.0)  # min of 100, 150, 31
    assert may["high"] == pytest.approx(150.0)  # not 100 + 150 + 31
    assert not may["high_open"] and may["apportioned_estimate"]
    assert may["partial_floor"] == 30.0
    assert may["claimants"] == "org0;org1;org2;org3"
    april = s.loc[pd.Timestamp("2019-04-01")]
    assert april["n_figures"] == 1 and april["low"] == pytest.approx(30.0)
    assert april["partial_floor"] is pd.NA


def test_summary_open_and_no_covering_figure():
    f = make([("2019-05-01", "2019-05-31", 100, "at_least"),
              ("2019-06-03", "2019-06-05", 7, "exact")])
    s = monthly_summary("killed", figures=f).set_index("month")
    may, june = s.loc[pd.Timestamp("2019-05-01")], s.loc[pd.Timestamp("2019-06-01")]
    assert may["low"] == 100 and may["high"] is pd.NA and may["high_open"]
    assert june["n_covering"] == 0 and june["low"] is pd.NA and june["high"] is pd.NA
    assert june["partial_floor"] == 7


def test_summary_real_may_2019():
    s = monthly_summary("killed", "all").set_index("month")
    may = s.loc[pd.Timestamp("2019-05-01")]
    assert "tna-2019-06-06-03" in may["figure_ids"].split(";")
    assert may["low"] == 272.0
    assert may["partial_floor"] >= 67 * 4 / 5  # SOHR's 'at least 67', 4 of its 5 days


day = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2021, 12, 31))


@settings(max_examples=150, deadline=None)
@given(
    start=day,
    length=st.integers(min_value=0, max_value=800),
    value=st.integers(min_value=1, max_value=10**7),
    qualifier=st.sampled_from(QUALIFIERS),
)
def test_months_partition_the_period(start, length, value, qualifier):
    end = start + dt.timedelta(days=length)
    m = monthly("killed", figures=make([(str(start), str(end), value, qualifier)]))
    assert m["share"].sum() == pytest.approx(1.0)
    assert m["apportioned"].sum() == pytest.approx(value)
    assert m["days_in_month"].sum() == length + 1 == m["days_in_period"].iloc[0]
    months = [t.year * 12 + t.month for t in m["month"]]
    assert months[0] == start.year * 12 + start.month
    assert months[-1] == end.year * 12 + end.month
    assert months == list(range(months[0], months[-1] + 1))  # contiguous, in order
    assert ((m["month_coverage"] > 0) & (m["month_coverage"] <= 1)).all()
    assert (m["apportioned_low"] <= m["apportioned"] * (1 + 1e-12) + 1).all()
    if len(m) > 1:
        assert set(m["method"]) == {"apportioned_by_days"}
    else:
        whole = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
        assert m["method"].iloc[0] == ("whole_month" if whole else "within_month")
    assert (m["lower_bound_only"] == m["apportioned_high"].isna()).all()
    assert (m["lower_bound_only"] == (qualifier in ("at_least", "more_than"))).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(day, st.integers(0, 120), st.integers(1, 5000)),
                min_size=1, max_size=8))
def test_summary_within_individual_figures(rows):
    f = make([(str(s), str(s + dt.timedelta(days=n)), v, "exact") for s, n, v in rows])
    m = monthly("killed", figures=f)
    s = monthly_summary("killed", figures=f).set_index("month")
    assert s["n_figures"].sum() == len(m)
    for month, sub in m.groupby("month"):
        row = s.loc[month]
        cover = sub[sub["month_coverage"] >= 1]
        if len(cover):
            assert row["low"] == pytest.approx(cover["apportioned_low"].min())
            assert row["high"] == pytest.approx(cover["apportioned_high"].max())
            assert row["high"] <= sub["apportioned_high"].max() + 1e-9  # never a sum
        else:
            assert row["low"] is pd.NA


def test_summary_of_no_figures_is_empty_with_columns():
    s = monthly_summary("killed", "not_applicable")
    assert s.empty
    assert list(s.columns) == ["month", "n_figures", "figure_ids", "claimants", "n_covering",
                               "low", "high", "high_open", "apportioned_estimate",
                               "partial_floor"]


def test_band_reaches_the_bounds():
    f = make([("2019-05-01", "2019-05-31", 100, "about")])
    assert monthly("killed", figures=f)["apportioned_low"].iloc[0] == 90
    assert monthly("killed", figures=f, band=0.2)["apportioned_low"].iloc[0] == 80
    assert monthly_summary("killed", figures=f, band=0.2)["high"].iloc[0] == 120


def test_figures_for_all_of_syria_are_left_out_unless_asked():
    import idlibstats as ils

    figs = ils.figures()
    national = set(figs.loc[figs["admin1"] == "SY", "figure_id"])
    assert "mee-2019-12-02-10" in national  # the war's toll since 2011
    default = ils.monthly("killed", "all", figs)
    assert not set(default["figure_id"]) & national
    assert default["month"].min() >= pd.Timestamp("2019-01-01")
    opted = ils.monthly("killed", "all", figs, national=True)
    assert "mee-2019-12-02-10" in set(opted["figure_id"])
    assert opted["month"].min() == pd.Timestamp("2011-03-01")
    civilians_nov = ils.monthly_summary("killed", "civilians", figs)
    nov = civilians_nov[civilians_nov["month"] == pd.Timestamp("2019-11-01")].iloc[0]
    assert "tna-2019-12-17-04" not in nov["figure_ids"]  # SNHR's all-Syria 277
