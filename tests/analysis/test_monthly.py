"""Months get only what the figures logically imply: floors, ceilings, levels, never shares."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import idlibstats
from idlibstats import monthly, monthly_summary, spans
from idlibstats.analysis.monthly import STATUSES

COLUMNS = ["month", "indicator", "population", "claimant", "status", "low", "high",
           "figure_ids", "how"]


def make(rows: list[tuple], indicator: str = "killed") -> pd.DataFrame:
    """rows: (period_start, period_end, value, qualifier[, measure[, claimant]])."""
    n = len(rows)
    return pd.DataFrame(
        {
            "figure_id": [f"t-2019-01-01-{i:02d}" for i in range(n)],
            "indicator": [indicator] * n,
            "population": ["all"] * n,
            "value": pd.array([r[2] for r in rows], dtype="Int64"),
            "qualifier": [r[3] for r in rows],
            "period_start": pd.to_datetime([r[0] for r in rows]),
            "period_end": pd.to_datetime([r[1] for r in rows]),
            "admin1": ["SY-ID"] * n,
            "claimant": [r[5] if len(r) > 5 else f"org{i}" for i, r in enumerate(rows)],
            "measure": [r[4] if len(r) > 4 else "period_total" for r in rows],
        }
    )


def at(frame: pd.DataFrame, month: str, claimant: str | None = None) -> pd.Series:
    rows = frame[frame["month"] == pd.Period(month, freq="M")]
    if claimant is not None:
        rows = rows[rows["claimant"] == claimant]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.fixture(scope="module")
def figs() -> pd.DataFrame:
    return idlibstats.figures()


# ------------------------------------------------------------------ the real package


def test_may_killed_is_272_from_the_civil_defence(figs):
    m = monthly("killed", "all", figs)
    may = at(m, "2019-05", "syrian_civil_defence")
    assert (may["status"], may["low"], may["high"]) == ("whole_month", 272, 272)
    assert "tna-2019-06-06-03" in may["figure_ids"].split(";")
    assert "272 (exact) over 1 May-31 May 2019 covers May 2019 exactly: [272, 272]" in may["how"]
    s = monthly_summary("killed", "all", figs).set_index("month").loc[pd.Period("2019-05")]
    assert (s["low"], s["low_from"], s["low_figure_ids"]) == (
        272, "syrian_civil_defence", "tna-2019-06-06-03")


def test_first_days_give_no_month_anything(figs):
    m = monthly("killed", "all", figs)
    for month in ("2019-04", "2019-05"):
        for claimant in ("sohr", "uossm"):
            row = at(m, month, claimant)
            assert row["status"] == "span_only" and row["low"] is pd.NA, (month, claimant)
    # SOHR's 38 by 3 May and 67 by 4 May (both since 30 April) are differenced: 4 May alone
    # has no floor, because 'at least 38' has no ceiling
    sohr_may = at(m, "2019-05", "sohr")["how"]
    assert "(at least 67 by 4 May 2019) - (at least 38 by 3 May 2019)" in sohr_may
    assert "no floor: at least 38 has no ceiling" in sohr_may


def test_civilians_months_april_to_december_and_no_floor_from_160(figs):
    m = monthly("killed", "civilians", figs)
    months = sorted(set(m["month"].astype(str)))
    assert months == [f"2019-{k:02d}" for k in range(4, 13)]
    assert "snhr" not in set(m["claimant"])  # SNHR's all-Syria 277 is left out
    assert "tna-2019-12-17-04" not in ";".join(m["figure_ids"])
    for month in ("2019-09", "2019-10", "2019-11"):
        row = at(m, month, "sohr")
        assert row["low"] is pd.NA and row["high"] is pd.NA
        assert row["figure_ids"] == "mee-2019-12-02-08"
        assert "gives no floor to a month alone" in row["how"]
    # 'almost 1,000' (30 Apr-31 Aug) is a ceiling for May-August, never a floor
    for month in ("2019-05", "2019-06", "2019-07", "2019-08"):
        row = at(m, month, "sohr")
        assert (row["status"], row["low"], row["high"]) == ("ceiling_only", pd.NA, 1000)
    first_days = figs.set_index("figure_id").loc["tna-2019-05-03-01", "claimant"]
    if first_days != "sohr":  # 'at least 12' (30 Apr-3 May) says nothing of June
        assert at(m, "2019-06", first_days)["status"] == "no_count"
    national = monthly("killed", "civilians", figs, national=True)
    snhr = at(national, "2019-11", "snhr")
    assert (snhr["status"], snhr["low"], snhr["high"]) == ("whole_month", 277, 277)
    assert at(national, "2019-10", "snhr")["status"] == "no_count"


def test_august_gets_nothing_from_the_400000(figs):
    m = monthly("displaced", "all", figs)
    un = m[m["figure_ids"].str.contains("mee-2019-12-02-07")]
    assert un["month"].max() == pd.Period("2019-07")  # as of 26 July, not the end of August
    assert un["low"].isna().all()
    assert not (m["month"] == pd.Period("2019-08")).any()
    assert "tna-2019-05-03-05" not in ";".join(m["figure_ids"])  # movements kept apart


def test_movements_kept_apart(figs):
    mv = monthly("displaced", "all", figs, movements=True)
    assert list(mv["figure_ids"]) == ["tna-2019-05-03-05"]
    row = mv.iloc[0]
    assert (row["status"], row["low"], row["high"]) == ("within_month", 32500, pd.NA)


def test_population_is_a_level_never_apportioned(figs):
    m = monthly("population", "all", figs)
    levels = m[m["status"] == "level"]
    assert sorted(levels["month"].astype(str)) == ["2019-05", "2019-06", "2019-12"]
    assert (m.loc[m["status"] != "level", "status"] == "no_count").all()
    may = levels[levels["month"] == pd.Period("2019-05")].iloc[0]
    assert (may["low"], may["high"], may["figure_ids"]) == (
        2_700_000, 3_300_000, "tna-2019-05-03-02")
    assert spans("population", "all", figs).empty


def test_spans_hold_the_span_floors(figs):
    s = spans("killed", "civilians", figs).set_index("figure_ids")
    assert (s.loc["mee-2019-12-02-08", "low"], s.loc["mee-2019-12-02-08", "high"]) == (
        160, pd.NA)
    assert (s.loc["mee-2019-12-02-06", "low"], s.loc["mee-2019-12-02-06", "high"]) == (
        900, 1000)
    assert str(s.loc["mee-2019-12-02-06", "first_month"]) == "2019-04"
    assert str(s.loc["mee-2019-12-02-06", "last_month"]) == "2019-08"
    assert "for the span as a whole" in s.loc["mee-2019-12-02-08", "how"]


def test_columns_and_types(figs):
    m = monthly("killed", "all", figs)
    assert list(m.columns) == COLUMNS
    assert str(m["month"].dtype) == "period[M]"
    assert m[["low", "high"]].dtypes.eq("Int64").all()
    assert set(m["status"]) <= set(STATUSES)
    key = list(zip(m["month"], m["claimant"], strict=True))
    assert key == sorted(key) and len(set(key)) == len(key)
    model = monthly("killed", "all", figs, model=True)
    assert list(model.columns) == [*COLUMNS, "model_uniform_share", "model_figure_id"]
    pd.testing.assert_frame_equal(model[COLUMNS], m)


def test_figures_for_all_of_syria_are_left_out_unless_asked(figs):
    national = set(figs.loc[figs["admin1"] == "SY", "figure_id"])
    assert "mee-2019-12-02-10" in national  # the war's toll since 2011
    default = monthly("killed", "all", figs)
    assert not set(";".join(default["figure_ids"]).split(";")) & national
    assert default["month"].min() >= pd.Period("2019-01")
    opted = monthly("killed", "all", figs, national=True)
    assert "mee-2019-12-02-10" in ";".join(opted["figure_ids"])
    assert opted["month"].min() == pd.Period("2011-03")


def test_population_filter_and_empty_result(figs):
    children = monthly("killed", "children", figs)
    assert at(children, "2019-05", "syrian_civil_defence")["low"] == 67
    binnish = figs.set_index("figure_id").loc["tna-2019-12-17-01", "claimant"]
    dec = at(children, "2019-12", binnish)  # two children on 16 December: a floor
    assert (dec["status"], dec["low"], dec["high"]) == ("within_month", 2, pd.NA)
    assert monthly("killed", "not_applicable", figs).empty
    assert list(monthly("killed", "not_applicable", figs).columns) == COLUMNS


# ------------------------------------------------------------------ rules, synthetic


def test_whole_within_ceiling_span_and_no_count():
    f = make([
        ("2019-05-01", "2019-05-31", 100, "exact", "period_total", "a"),
        ("2019-05-10", "2019-05-12", 130, "at_least", "period_total", "a"),  # 'a' disagrees
        ("2019-04-01", "2019-07-31", 500, "up_to", "period_total", "b"),
        ("2019-04-15", "2019-06-15", 300, "more_than", "period_total", "c"),
    ])
    m = monthly("killed", figures=f)
    may_a = at(m, "2019-05", "a")
    assert (may_a["status"], may_a["low"], may_a["high"]) == ("whole_month", 130, 100)
    assert at(m, "2019-04", "a")["status"] == "no_count"
    assert at(m, "2019-04", "a")["figure_ids"] == ""
    # b: up to 500 over four whole months: a ceiling for each, never a floor
    for month in ("2019-04", "2019-05", "2019-06", "2019-07"):
        row = at(m, month, "b")
        assert (row["status"], row["low"], row["high"]) == ("ceiling_only", pd.NA, 500)
    # c: more than 300 from mid-April to mid-June: May alone has no floor, no ceiling
    assert at(m, "2019-05", "c")["status"] == "span_only"
    assert at(m, "2019-04", "c")["status"] == "span_only"
    assert at(m, "2019-07", "c")["status"] == "no_count"
    assert len(m) == 4 * 3


def test_cumulative_difference_with_the_arithmetic():
    f = make([
        ("2019-04-01", "2019-04-30", 100, "exact", "cumulative", "x"),
        ("2019-04-01", "2019-05-31", 1000, "about", "cumulative", "x"),
    ])
    m = monthly("killed", figures=f)
    may = at(m, "2019-05", "x")
    # over May: at least max(0, 900 - 100) = 800, at most 1,100 - 100 = 1,000
    assert (may["status"], may["low"], may["high"]) == ("difference", 800, 1000)
    assert "floor max(0, 900 - 100) = 800; ceiling 1,100 - 100 = 1,000" in may["how"]
    april = at(m, "2019-04", "x")
    assert (april["status"], april["low"], april["high"]) == ("whole_month", 100, 100)
    s = spans("killed", figures=f)
    diff = s[s["measure"] == "difference"].iloc[0]
    assert (diff["low"], diff["high"]) == (800, 1000)
    assert diff["figure_ids"] == "t-2019-01-01-00;t-2019-01-01-01"


def test_difference_needs_a_known_ceiling_for_a_floor():
    f = make([
        ("2019-04-01", "2019-04-30", 100, "at_least", "cumulative", "x"),
        ("2019-04-01", "2019-05-31", 300, "exact", "cumulative", "x"),
    ])
    may = at(monthly("killed", figures=f), "2019-05", "x")
    # at least 100 by April: May is at most 300 - 100 = 200, with no floor
    assert (may["status"], may["low"], may["high"]) == ("difference", pd.NA, 200)


def test_other_starts_and_unattributed_are_never_differenced():
    f = make([
        ("2019-04-01", "2019-04-30", 100, "exact", "cumulative", "x"),
        ("2019-04-02", "2019-05-31", 300, "exact", "cumulative", "x"),
        ("2019-04-01", "2019-04-30", 100, "exact", "cumulative", "unattributed"),
        ("2019-04-01", "2019-05-31", 300, "exact", "cumulative", "unattributed"),
    ])
    m = monthly("killed", figures=f)
    assert at(m, "2019-05", "x")["status"] == "ceiling_only"
    assert at(m, "2019-05", "unattributed")["status"] == "ceiling_only"
    assert not (spans("killed", figures=f)["measure"] == "difference").any()


def test_model_share_is_only_a_model():
    f = make([("2019-04-30", "2019-05-04", 50, "exact")])
    m = monthly("killed", figures=f, model=True)
    assert list(m["model_uniform_share"]) == pytest.approx([10.0, 40.0])
    assert m["low"].isna().all() and m["high"].isna().all()
    assert "model_uniform_share" not in monthly("killed", figures=f).columns


def test_band_reaches_the_bounds():
    f = make([("2019-05-01", "2019-05-31", 100, "about")])
    assert monthly("killed", figures=f)["low"].iloc[0] == 90
    assert monthly("killed", figures=f, band=0.2)["low"].iloc[0] == 80
    assert monthly_summary("killed", figures=f, band=0.2)["high"].iloc[0] == 120


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
    assert (june["low"], june["high"], june["contradictory"]) == (7, pd.NA, False)
    assert june["statuses"] == "a: within_month;b: no_count"


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


def test_input_untouched():
    f = make([("2019-04-20", "2019-06-10", 100, "exact", "cumulative", "x"),
              ("2019-04-20", "2019-07-10", 200, "exact", "cumulative", "x")])
    before = f.copy()
    monthly("killed", figures=f, model=True)
    monthly_summary("killed", figures=f)
    spans("killed", figures=f)
    pd.testing.assert_frame_equal(f, before)


# ------------------------------------------------------------------ properties

START = dt.date(2019, 3, 1)
N_DAYS = 184  # to 31 August 2019
QUALS = ("exact", "at_least", "more_than", "almost", "about", "up_to")


def _claim(total: int, qualifier: str, pick: int) -> tuple[int, str]:
    """A value that makes '<qualifier> value' TRUE of ``total`` (band 0.1), or exact."""
    if qualifier in ("at_least",):
        return pick % (total + 1), qualifier
    if qualifier == "more_than" and total > 0:
        return pick % total, qualifier  # more than v: v < total
    if qualifier == "up_to":
        return total + pick % 50, qualifier
    if qualifier == "almost" and total > 0:
        top = (total * 10) // 9  # ceil(0.9 v) <= total
        return total + pick % (top - total + 1), qualifier
    if qualifier == "about" and total > 0:
        ok = [v for v in range((total * 10) // 11, (total * 10) // 9 + 2)
              if v > 0 and -((-9 * v) // 10) <= total <= (11 * v) // 10]
        if ok:
            return ok[pick % len(ok)], qualifier
    return total, "exact"


figure_spec = st.tuples(
    st.integers(0, N_DAYS - 1), st.integers(0, 120), st.sampled_from(QUALS),
    st.integers(0, 10**6), st.sampled_from(["period_total", "cumulative"]),
    st.sampled_from(["a", "b"]),
)


@settings(max_examples=120, deadline=None)
@given(daily=st.lists(st.integers(0, 40), min_size=N_DAYS, max_size=N_DAYS),
       specs=st.lists(figure_spec, min_size=1, max_size=8))
def test_every_bound_is_true_of_a_world_the_figures_describe(daily, specs):
    """Figures that are all true of one daily series give months whose bounds hold."""
    rows = []
    for first, length, qual, pick, measure, claimant in specs:
        if measure == "cumulative":
            first = 0 if claimant == "a" else 20  # series with one start, to difference
        last = min(first + length, N_DAYS - 1)
        total = sum(daily[first:last + 1])
        value, q = _claim(total, qual, pick)
        rows.append((str(START + dt.timedelta(first)), str(START + dt.timedelta(last)),
                     value, q, measure, claimant))
    f = make(rows)
    m = monthly("killed", figures=f)
    for row in m.itertuples(index=False):
        a = max(row.month.start_time.date(), START)
        b = min(row.month.end_time.date(), START + dt.timedelta(N_DAYS - 1))
        true = sum(daily[(a - START).days:(b - START).days + 1])
        if row.low is not pd.NA:
            assert row.low <= true, row.how
        if row.high is not pd.NA:
            assert true <= row.high, row.how
    # summing a claimant's month floors never exceeds its figures' highs over a span
    for claimant, sub in m.groupby("claimant"):
        mine = f[f["claimant"] == claimant]
        for fig in mine.itertuples(index=False):
            if fig.qualifier in ("at_least", "more_than"):
                continue
            high = idlibstats.bounds(mine[mine["figure_id"] == fig.figure_id])["high"].iloc[0]
            inside = sub[(sub["month"].apply(lambda p: p.start_time) >= fig.period_start)
                         & (sub["month"].apply(lambda p: p.end_time) <= fig.period_end
                            + pd.Timedelta(days=1))]
            assert inside["low"].fillna(0).sum() <= high
    s = spans("killed", figures=f)
    for row in s.itertuples(index=False):
        true = sum(daily[(row.period_start.date() - START).days:
                         (row.period_end.date() - START).days + 1])
        if row.low is not pd.NA:
            assert row.low <= true
        if row.high is not pd.NA:
            assert true <= row.high


day = st.dates(min_value=dt.date(2018, 1, 1), max_value=dt.date(2021, 12, 31))


@settings(max_examples=100, deadline=None)
@given(start=day, length=st.integers(0, 800), value=st.integers(1, 10**7),
       qualifier=st.sampled_from(QUALS))
def test_one_figure_months_never_exceed_its_own_bounds(start, length, value, qualifier):
    end = start + dt.timedelta(days=length)
    f = make([(str(start), str(end), value, qualifier)])
    own = idlibstats.bounds(f).iloc[0]
    m = monthly("killed", figures=f, model=True)
    months = [p.year * 12 + p.month for p in m["month"]]
    assert months == list(range(start.year * 12 + start.month, end.year * 12 + end.month + 1))
    for row in m.itertuples(index=False):
        first, last = row.month.start_time.date(), row.month.end_time.date()
        inside = first <= start and end <= last
        covers = start <= first and last <= end
        assert row.low is pd.NA or (inside and row.low == own["low"])
        assert row.high is pd.NA or (covers and row.high == own["high"])
        if own["high"] is not pd.NA and row.low is not pd.NA:
            assert row.low <= own["high"]
        assert row.status in STATUSES and row.status != "no_count"
    assert m["model_uniform_share"].sum() == pytest.approx(value)


@settings(max_examples=60, deadline=None)
@given(start=day, value=st.integers(1, 10**7), qualifier=st.sampled_from(QUALS),
       other=st.integers(1, 400))
def test_stocks_are_never_apportioned(start, value, qualifier, other):
    later = start + dt.timedelta(days=other)
    f = make([(str(start), str(start), value, qualifier, "stock", "x"),
              (str(later), str(later), value, qualifier, "stock", "x")])
    own = idlibstats.bounds(f).iloc[0]
    m = monthly("killed", figures=f, model=True)
    level = m[m["status"] == "level"]
    assert set(level["month"]) == {pd.Period(start, freq="M"), pd.Period(later, freq="M")}
    assert (m.loc[m["status"] != "level", "status"] == "no_count").all()
    assert m["model_uniform_share"].isna().all()
    if pd.Period(start, freq="M") != pd.Period(later, freq="M"):
        assert (level["low"] == own["low"]).all()
    assert spans("killed", figures=f).empty
