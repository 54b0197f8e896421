"""Bounds from value + qualifier: rules, exact arithmetic, errors, invariants."""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import idlibstats
from idlibstats import bounds
from idlibstats.analysis.bounds import QUALIFIERS


def make(rows: list[tuple[int | None, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "figure_id": [f"t-2019-01-01-{i:02d}" for i in range(len(rows))],
            "value": pd.array([v for v, _ in rows], dtype="Int64"),
            "qualifier": [q for _, q in rows],
        }
    )


def one(value: int, qualifier: str, band: float = 0.1) -> tuple:
    row = bounds(make([(value, qualifier)]), band=band).iloc[0]
    return row["low"], row["best"], row["high"]


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    return bounds(idlibstats.figures())


def test_rules_on_small_values():
    assert one(50, "exact") == (50, 50, 50)
    low, best, high = one(50, "at_least")
    assert (low, best) == (50, 50) and high is pd.NA
    low, best, high = one(30, "more_than")
    assert (low, best) == (30, 30) and high is pd.NA  # a floor of 30: 31 is no one's number
    assert one(100, "almost") == (90, 100, 100)  # a ceiling of 100
    assert one(1000, "about") == (900, 1000, 1100)
    assert one(20, "up_to") == (0, 20, 20)


def test_band_arithmetic_is_exact():
    # 3,000,000 * 0.9 is 2700000.0000000005 in floating point: ceil must not give 2700001
    assert one(3_000_000, "about") == (2_700_000, 3_000_000, 3_300_000)
    assert one(10, "about", band=0.15) == (9, 10, 11)  # ceil(8.5)=9, floor(11.5)=11
    assert one(7, "almost", band=0.25) == (6, 7, 7)  # ceil(5.25)=6


def test_almost_one_and_band_zero_stay_ordered():
    assert one(1, "almost") == (1, 1, 1)  # ceil(0.9) = 1
    assert one(20, "almost", band=0) == (20, 20, 20)
    assert one(20, "about", band=0) == (20, 20, 20)


def test_best_is_always_the_value_said():
    rows = [(v, q) for q in QUALIFIERS for v in (1, 30, 138_500)]
    out = bounds(make(rows))
    assert list(out["best"]) == [v for v, _ in rows]
    assert out["rule"].str.startswith(tuple(QUALIFIERS)).all()


def test_real_package_pins(real):
    by_id = real.set_index("figure_id")
    assert tuple(by_id.loc["mee-2019-05-04-01", ["low", "best"]]) == (30, 30)  # 'more than 30'
    assert by_id.loc["mee-2019-05-04-01", "high"] is pd.NA
    assert tuple(by_id.loc["mee-2019-12-02-01", ["low", "best", "high"]]) == (90, 100, 100)
    # 'over 138,500' and 'almost 1,000' keep the numbers the sources said
    assert by_id.loc["tna-2019-05-03-04", "best"] == 138_500
    assert tuple(by_id.loc["mee-2019-12-02-06", ["low", "best", "high"]]) == (900, 1000, 1000)
    assert tuple(by_id.loc["tna-2019-06-06-03", ["low", "best", "high"]]) == (272, 272, 272)
    # the nested breakdowns (51 + 45) fit inside 'almost 100'
    assert 90 <= 51 + 45 <= 100


def test_real_package_invariants(real):
    assert len(real) == len(idlibstats.figures())
    assert (real["low"] <= real["best"]).all()
    assert (real["best"] == real["value"]).all()
    closed = real["high"].notna()
    assert (real.loc[closed, "best"] <= real.loc[closed, "high"]).all()
    assert (real["low"] >= 0).all()
    assert real[["low", "best", "high"]].dtypes.eq("Int64").all()
    assert str(real["rule"].dtype) == "string"
    open_wording = real["qualifier"].isin(["at_least", "more_than"])
    assert (real["high"].isna() == open_wording).all()


def test_input_untouched_and_index_kept():
    f = make([(5, "exact"), (6, "more_than")]).set_axis([10, 20])
    before = f.copy()
    out = bounds(f)
    pd.testing.assert_frame_equal(f, before)
    assert list(out.index) == [10, 20]
    assert list(out.columns[:3]) == ["figure_id", "value", "qualifier"]


def test_categorical_qualifier_accepted():
    f = make([(5, "about")])
    f["qualifier"] = f["qualifier"].astype(pd.CategoricalDtype(list(QUALIFIERS)))
    assert bounds(f)["high"].iloc[0] == 5


def test_empty_frame():
    out = bounds(make([]))
    assert out.empty and {"low", "best", "high", "rule"} <= set(out.columns)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([(5, "exact"), (3, "roughly")], "t-2019-01-01-01.*unknown qualifier 'roughly'"),
        ([(0, "almost")], "t-2019-01-01-00.*almost 0"),
        ([(-1, "exact")], "t-2019-01-01-00.*negative"),
        ([(None, "exact")], "t-2019-01-01-00.*missing"),
    ],
)
def test_bad_figures_name_the_figure(rows, message):
    with pytest.raises(ValueError, match=message):
        bounds(make(rows))


@pytest.mark.parametrize("band", [1, 1.5, -0.1, True, "0.1", float("nan")])
def test_bad_band(band):
    with pytest.raises(ValueError, match="band"):
        bounds(make([(5, "about")]), band=band)


def test_missing_column():
    with pytest.raises(ValueError, match="qualifier"):
        bounds(make([(5, "exact")]).drop(columns="qualifier"))


bands = st.decimals(min_value=0, max_value="0.9", places=3).map(float)


@settings(max_examples=200, deadline=None)
@given(
    value=st.integers(min_value=0, max_value=10**15),
    qualifier=st.sampled_from(QUALIFIERS),
    band=bands,
)
def test_bounds_invariants(value, qualifier, band):
    if qualifier == "almost" and value == 0:
        return
    low, best, high = one(value, qualifier, band)
    assert isinstance(int(low), int) and 0 <= low <= best
    assert best == value  # always the number the source said
    if high is not pd.NA:
        assert best <= high
    frac = Fraction(str(band))
    if qualifier == "exact":
        assert low == best == high == value
    elif qualifier in ("at_least", "more_than"):
        assert low == value and high is pd.NA
    elif qualifier == "almost":
        assert high == value
        assert low == math.ceil(value * (1 - frac))
    elif qualifier == "up_to":
        assert (low, high) == (0, value)
    else:
        assert best == value and low <= value <= high
        # low is the smallest integer >= v(1-band); high the largest <= v(1+band)
        assert low - 1 < value * (1 - frac) <= low
        assert high <= value * (1 + frac) < high + 1


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10**6), st.sampled_from(QUALIFIERS)), max_size=20))
def test_vectorised_equals_row_by_row(rows):
    whole = bounds(make(rows))
    for i, (v, q) in enumerate(rows):
        low, best, high = one(v, q)
        got = whole.iloc[i]
        assert (got["low"], got["best"]) == (low, best)
        assert (got["high"] is pd.NA and high is pd.NA) or got["high"] == high


def test_fractional_value_is_refused():
    f = make([(5, "exact")])
    f["value"] = [5.5]
    with pytest.raises(ValueError, match=r"t-2019-01-01-00.*integer"):
        bounds(f)


def test_real_breakdowns_fit_inside_their_whole(real):
    parts = real[real["part_of"].notna()]
    assert len(parts) >= 6
    whole = real.set_index("figure_id").loc[parts["part_of"]]
    closed = whole["high"].notna().to_numpy()
    assert (parts["low"].to_numpy()[closed] <= whole["high"].to_numpy()[closed]).all()
    assert (parts["indicator"].to_numpy() == whole["indicator"].to_numpy()).all()
