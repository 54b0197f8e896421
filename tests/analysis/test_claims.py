"""Reconciling competing claims: ranges in the manner of UCDP GED, never sums."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import idlibstats
from idlibstats import bounds, reconcile
from idlibstats.analysis.bounds import QUALIFIERS


def make(claims: list[tuple[str, int, str]], **over) -> pd.DataFrame:
    """claims: (claim_group, value, qualifier); one claimant per row."""
    n = len(claims)
    frame = pd.DataFrame(
        {
            "figure_id": [f"t-2019-01-01-{i:02d}" for i in range(n)],
            "indicator": ["killed"] * n,
            "population": ["all"] * n,
            "measure": ["period_total"] * n,
            "admin1": ["SY-ID"] * n,
            "claimant": [f"org{i}" for i in range(n)],
            "claim_group": [g for g, _, _ in claims],
            "period_start": pd.to_datetime(["2019-05-01"] * n),
            "period_end": pd.to_datetime(["2019-05-04"] * n),
            "value": pd.array([v for _, v, _ in claims], dtype="Int64"),
            "qualifier": [q for _, _, q in claims],
        }
    )
    for col, values in over.items():
        frame[col] = values
    return frame


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    return reconcile()


def test_offensive_first_days_three_claims(real):
    row = real.set_index("claim_group").loc["killed-2019-04-30-to-05-04"]
    assert row["n_claims"] == 3
    assert row["claimants"] == "sohr;syrian_civil_defence;uossm"
    assert row["figure_ids"] == "mee-2019-05-04-01;mee-2019-05-04-02;mee-2019-05-04-03"
    assert row["low"] == 30  # Civil Defence: more than 30, a floor of 30
    assert row["high"] is pd.NA  # all three are lower bounds
    assert row["consensus_low"] == 67  # SOHR's at least 67 is what all allow
    assert row["consensus_high"] is pd.NA
    assert row["best"] == 67  # within [67, open): the one claimed value every claim allows
    assert row["all_lower_bounds"]
    assert "all claims are lower bounds" in row["rule"] and "[67, open]" in row["rule"]
    assert not row["contradictory"]
    assert row["best"] != 30 + 50 + 67  # never a sum


def test_real_groups_cover_every_figure_once(real):
    figs = idlibstats.figures()
    assert len(real) == figs["claim_group"].nunique()
    assert real["n_claims"].sum() == len(figs)
    ids = real["figure_ids"].str.split(";").explode()
    assert sorted(ids) == sorted(figs["figure_id"])
    assert not real["contradictory"].any()
    assert list(real.columns) == [
        "claim_group", "indicator", "population", "measure", "admin1", "period_start",
        "period_end",
        "n_claims", "claimants", "figure_ids", "low", "best", "high", "consensus_low",
        "consensus_high", "contradictory", "all_lower_bounds", "rule", "contradictions",
    ]
    assert real[["low", "best", "high", "consensus_low", "consensus_high"]].dtypes.eq(
        "Int64").all()
    assert real["contradictory"].dtype == bool


def test_single_claims_equal_their_bounds(real):
    b = bounds(idlibstats.figures()).set_index("claim_group")
    singles = real[real["n_claims"] == 1].set_index("claim_group")
    for col_r, col_b in [("low", "low"), ("best", "best"), ("high", "high"),
                         ("consensus_low", "low"), ("consensus_high", "high")]:
        pd.testing.assert_series_equal(
            singles[col_r], b.loc[singles.index, col_b], check_names=False
        )


def test_contradictory_when_one_floor_is_above_another_ceiling():
    out = reconcile(make([("g", 10, "exact"), ("g", 20, "at_least")])).iloc[0]
    assert (out["low"], out["consensus_low"], out["consensus_high"]) == (10, 20, 10)
    assert out["high"] is pd.NA
    assert out["contradictory"]
    assert out["best"] == 10  # lower median of the claimed 10 and 20: a number a source said
    assert out["rule"].startswith("claims contradict")


def test_overlapping_ranges_not_contradictory():
    out = reconcile(make([("g", 100, "almost"), ("g", 95, "exact")])).iloc[0]
    # 'almost 100' has no floor, so the widest range has none either: <NA>, never 95
    assert out["low"] is pd.NA
    assert (out["high"], out["consensus_low"], out["consensus_high"]) == (100, 95, 95)
    assert not out["contradictory"]
    assert out["best"] == 95  # 'almost 100' allows 95; 100 is outside the exact 95


def test_a_claim_with_no_floor_leaves_the_group_without_one():
    out = reconcile(make([("g", 1000, "almost"), ("g", 900, "at_least")])).iloc[0]
    assert out["low"] is pd.NA  # not 900: 'almost 1,000' allows any count up to 1,000
    assert (out["consensus_low"], out["consensus_high"], out["best"]) == (900, 1000, 900)
    about = reconcile(make([("g", 3_000_000, "about")])).iloc[0]
    assert about["low"] is pd.NA and about["high"] is pd.NA and about["best"] == 3_000_000
    assert not about["all_lower_bounds"]  # 'about' is no lower bound
    assert "no floor" in about["rule"] or about["rule"].startswith("one claim")


def test_best_is_a_claimed_value_never_a_midpoint_or_sum():
    out = reconcile(make([("g", 10, "exact"), ("g", 11, "exact")])).iloc[0]
    assert out["best"] == 10  # contradictory: lower median of 10 and 11, not 10.5
    same = reconcile(make([("g", 10, "exact"), ("g", 10, "exact")])).iloc[0]
    assert (same["low"], same["best"], same["high"]) == (10, 10, 10)
    three = reconcile(make([("g", 100, "about"), ("g", 95, "at_least"),
                            ("g", 105, "up_to")])).iloc[0]
    # consensus [95, 105]: the claimed 100, 95 and 105 all lie inside; lower median 100
    assert (three["consensus_low"], three["consensus_high"], three["best"]) == (95, 105, 100)


def test_no_claimed_value_inside_the_consensus_gives_no_best():
    # 'about 100' bounds nothing, 'at least 105' is [105, open]: of the claimed 100 and 105
    # only 105 lies inside
    out = reconcile(make([("g", 100, "about"), ("g", 105, "at_least")])).iloc[0]
    assert out["consensus_low"] == 105 and out["consensus_high"] is pd.NA
    assert out["best"] == 105
    # 'almost 100' [no floor, 100], 'more than 95' [95, open] and 'up to 97' [no floor, 97]:
    # consensus [95, 97], the claimed 100, 95, 97 -> 95 and 97 inside, lower median 95
    out = reconcile(make([("g", 100, "almost"), ("g", 95, "more_than"),
                          ("g", 97, "up_to")])).iloc[0]
    assert (out["consensus_low"], out["consensus_high"], out["best"]) == (95, 97, 95)
    out = reconcile(make([("g", 200, "more_than"), ("g", 230, "up_to"),
                          ("g", 210, "about")])).iloc[0]
    # [200, open], [no floor, 230] and no bound: consensus [200, 230], all three inside
    assert (out["consensus_low"], out["consensus_high"], out["best"]) == (200, 230, 210)
    out = reconcile(make([("g", 200, "at_least"), ("g", 230, "almost"),
                          ("g", 300, "about")])).iloc[0]
    # [200, open] and [no floor, 230]: consensus [200, 230]; the claimed 300 is outside,
    # 200 and 230 inside: lower median 200
    assert (out["consensus_low"], out["consensus_high"], out["best"]) == (200, 230, 200)
    out = reconcile(make([("g", 207, "at_least"), ("g", 220, "up_to"),
                          ("g", 200, "about"), ("g", 230, "about")])).iloc[0]
    # every claimed value but the floor's and the ceiling's lies outside [207, 220]
    assert (out["consensus_low"], out["consensus_high"], out["best"]) == (207, 220, 207)
    out = reconcile(make([("g", 180, "about"), ("g", 200, "about"),
                          ("g", 150, "up_to"), ("g", 100, "at_least")])).iloc[0]
    # consensus [100, 150]; the claimed 180 and 200 lie outside, 150 and 100 inside
    assert out["best"] == 100
    out = reconcile(make([("g", 10, "about"), ("g", 20, "about")])).iloc[0]
    assert out["consensus_low"] is pd.NA and out["best"] == 10  # no bound: both inside
    out = reconcile(make([("g", 5, "about"), ("g", 9, "at_least"), ("g", 12, "almost")]))
    assert out.iloc[0]["best"] == 9  # 5 lies below the consensus [9, 12]


def test_groups_and_admin1_union():
    f = make([("a", 5, "exact"), ("b", 7, "exact"), ("a", 6, "exact")],
             admin1=["SY-ID", "SY-HM", "SY-HM;SY-ID"])
    out = reconcile(f).set_index("claim_group")
    assert out.loc["a", "n_claims"] == 2 and out.loc["b", "n_claims"] == 1
    assert out.loc["a", "admin1"] == "SY-HM;SY-ID"
    assert out.loc["a", "figure_ids"] == "t-2019-01-01-00;t-2019-01-01-02"


@pytest.mark.parametrize(("people", "other"), [
    ("period_total", "movements"), ("cumulative", "movements"), ("period_total", "stock"),
])
def test_movements_and_levels_are_never_grouped_with_counts(people, other):
    f = make([("mixed-kinds", 5, "exact"), ("mixed-kinds", 6, "exact")])
    f["measure"] = [people, other]
    with pytest.raises(ValueError, match=f"mixed-kinds.*{other}.*never grouped"):
        reconcile(f)
    f["measure"] = ["period_total", "cumulative"]  # two readings of one count: allowed
    assert reconcile(f).iloc[0]["measure"] == "cumulative;period_total"


def test_reconcile_carries_the_measure():
    real = reconcile().set_index("claim_group")
    assert real.loc["displaced-2019-04-01-to-04-28", "measure"] == "movements"
    assert real.loc["killed-2019-05", "measure"] == "period_total"
    assert real.loc["population-idlib-2019-05-03", "measure"] == "stock"
    assert set(real["measure"]) <= {"period_total", "cumulative", "stock", "movements"}


@pytest.mark.parametrize("column", ["indicator", "population"])
def test_mixed_group_is_an_error_naming_it(column):
    f = make([("mixed-group", 5, "exact"), ("mixed-group", 6, "exact")])
    f.loc[1, column] = "injured" if column == "indicator" else "civilians"
    with pytest.raises(ValueError, match=f"mixed-group.*{column}"):
        reconcile(f)


def test_recorded_contradictions_are_listed():
    f = make([("g", 1000, "almost"), ("h", 5, "exact")])
    corr = pd.DataFrame({
        "corroboration_id": ["c01", "c02", "c03"],
        "figure_id": ["t-2019-01-01-00", "t-2019-01-01-00", "t-2019-01-01-01"],
        "relation": ["contradicts", "same_figure", "scope_differs"],
    })
    out = reconcile(f, corroborations=corr).set_index("claim_group")
    assert out.loc["g", "contradictions"] == "c01"
    assert out.loc["h", "contradictions"] == ""
    # another outlet's count does not change the group's own bounds
    assert not out.loc["g", "contradictory"] and out.loc["g", "best"] == 1000
    assert out.loc["g", "high"] == 1000 and out.loc["g", "low"] is pd.NA
    none = reconcile(f, corroborations=corr.head(0)).set_index("claim_group")
    assert none.loc["g", "contradictions"] == ""


def test_real_contradicts_rows_show_up():
    corr = idlibstats.corroborations()
    rec = reconcile(corroborations=corr)
    listed = {c for ids in rec["contradictions"] for c in ids.split(";") if c}
    wanted = set(corr.loc[corr["relation"] == "contradicts", "corroboration_id"])
    assert listed == wanted


def test_input_untouched():
    f = make([("g", 10, "exact"), ("g", 20, "more_than")])
    before = f.copy()
    reconcile(f)
    pd.testing.assert_frame_equal(f, before)


claims = st.lists(
    st.tuples(st.sampled_from(["g1", "g2", "g3"]), st.integers(1, 10**6),
              st.sampled_from(QUALIFIERS)),
    min_size=1, max_size=12,
)


@settings(max_examples=100, deadline=None)
@given(claims)
def test_reconcile_invariants(rows):
    f = make(rows)
    b = bounds(f)
    out = reconcile(f).set_index("claim_group")
    assert out["n_claims"].sum() == len(f)
    for group, sub in b.groupby("claim_group"):
        r = out.loc[group]
        if sub["low"].isna().any():  # a claim without a floor: the widest range has none
            assert r["low"] is pd.NA
        else:
            assert r["low"] == sub["low"].min()
        if sub["low"].isna().all():
            assert r["consensus_low"] is pd.NA
        else:
            assert r["consensus_low"] == sub["low"].max()
        assert r["all_lower_bounds"] == (sub["low"].notna() & sub["high"].isna()).all()
        c_low = 0 if r["consensus_low"] is pd.NA else r["consensus_low"]
        if r["best"] is pd.NA:
            assert not r["contradictory"]
            c_high = r["consensus_high"]
            assert not any(v >= c_low and (c_high is pd.NA or v <= c_high)
                           for v in sub["best"])
        else:
            assert r["best"] in set(sub["best"])  # a number some claim said
            assert r["low"] is pd.NA or r["low"] <= r["best"]
            if not r["contradictory"]:  # inside the consensus
                assert c_low <= r["best"]
                assert r["consensus_high"] is pd.NA or r["best"] <= r["consensus_high"]
        if sub["high"].isna().any():
            assert r["high"] is pd.NA
        else:
            assert r["high"] == sub["high"].max()
            assert r["best"] is pd.NA or r["best"] <= r["high"]
        if sub["high"].isna().all():
            assert r["consensus_high"] is pd.NA and not r["contradictory"]
        else:
            assert r["consensus_high"] == sub["high"].min()
            assert r["contradictory"] == (c_low > r["consensus_high"])
        if len(sub) == 1:
            one = sub.iloc[0]
            assert r["best"] == one["best"]
            assert (r["low"] is pd.NA) == (one["low"] is pd.NA)


def test_missing_claimant_is_left_out_of_the_list():
    f = make([("g", 5, "exact"), ("g", 6, "exact")])
    f["claimant"] = pd.array(["sohr", pd.NA], dtype="string")
    assert reconcile(f).iloc[0]["claimants"] == "sohr"


def test_no_figures_no_groups():
    out = reconcile(idlibstats.figures().head(0))
    assert out.empty and "contradictory" in out.columns
    assert str(out["low"].dtype) == "Int64"
