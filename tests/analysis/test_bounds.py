"""Bounds from value + qualifier: rules, exact arithmetic, errors, invariants."""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import pytest
from conftest import LONG_TESTS
from hypothesis import example, given, settings
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


def one(value: int, qualifier: str) -> tuple:
    row = bounds(make([(value, qualifier)])).iloc[0]
    return row["low"], row["best"], row["high"]


def band(value: int, qualifier: str, convention_band: float = 0.1) -> tuple:
    row = bounds(make([(value, qualifier)]), convention_band=convention_band).iloc[0]
    return row["convention_band_low"], row["convention_band_high"]


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    return bounds(idlibstats.figures())


NA = pd.NA


def same(got: tuple, want: tuple) -> bool:
    return all((g is NA and w is NA) or (g is not NA and w is not NA and g == w)
               for g, w in zip(got, want, strict=True))


def test_rules_on_small_values():
    assert same(one(50, "exact"), (50, 50, 50))
    assert same(one(50, "at_least"), (50, 50, NA))
    assert same(one(30, "more_than"), (30, 30, NA))  # a floor of 30: 31 is no one's number
    assert same(one(100, "almost"), (NA, 100, 100))  # a ceiling of 100, and no floor
    assert same(one(1000, "almost"), (NA, 1000, 1000))
    assert same(one(3_000_000, "about"), (NA, 3_000_000, NA))  # no hard bound
    assert same(one(20, "up_to"), (NA, 20, 20))


def test_a_count_fixed_at_zero_has_floor_zero_and_a_floor_of_zero_is_no_floor():
    assert same(one(0, "exact"), (0, 0, 0))
    assert same(one(0, "up_to"), (0, 0, 0))
    assert same(one(0, "at_least"), (NA, 0, NA))
    assert same(one(0, "more_than"), (NA, 0, NA))


def test_no_ten_percent_band_unless_asked_for_by_name():
    out = bounds(make([(v, q) for q in QUALIFIERS for v in (1, 100, 1000, 3_000_000)]))
    assert not {"convention_band_low", "convention_band_high"} & set(out.columns)
    for col in ("low", "high"):
        for v in (90, 900, 2_700_000, 3_300_000, 110, 1100):
            assert not (out[col] == v).any(), (col, v)
    assert not out["rule"].str.contains("band|%|0.9", regex=True).any()


def test_the_convention_band_is_opt_in_and_named_as_one():
    assert same(band(100, "almost"), (90, 100))
    assert same(band(1000, "about"), (900, 1100))
    assert same(band(50, "at_least"), (50, NA))  # other wordings keep their own bounds
    assert same(band(50, "exact"), (50, 50))
    assert same(band(20, "up_to"), (NA, 20))
    with_band = bounds(make([(100, "almost")]), convention_band=0.1)
    assert same((with_band["low"].iloc[0], with_band["high"].iloc[0]), (NA, 100))


def test_convention_band_arithmetic_is_exact():
    # 3,000,000 * 0.9 is 2700000.0000000005 in floating point: ceil must not give 2700001
    assert same(band(3_000_000, "about"), (2_700_000, 3_300_000))
    assert same(band(10, "about", 0.15), (9, 11))  # ceil(8.5)=9, floor(11.5)=11
    assert same(band(7, "almost", 0.25), (6, 7))  # ceil(5.25)=6
    assert same(band(1, "almost"), (1, 1))  # ceil(0.9) = 1
    assert same(band(20, "about", 0), (20, 20))


def test_best_is_always_the_value_said():
    rows = [(v, q) for q in QUALIFIERS for v in (1, 30, 138_500)]
    out = bounds(make(rows))
    assert list(out["best"]) == [v for v, _ in rows]
    assert out["rule"].str.startswith(tuple(QUALIFIERS)).all()


def test_real_package_pins(real):
    by_id = real.set_index("figure_id")
    assert same(tuple(by_id.loc["mee-2019-05-04-01", ["low", "best", "high"]]), (30, 30, NA))
    # 'almost 100' and 'almost 1,000': a ceiling and no floor
    assert same(tuple(by_id.loc["mee-2019-12-02-01", ["low", "best", "high"]]), (NA, 100, 100))
    assert same(tuple(by_id.loc["mee-2019-12-02-06", ["low", "best", "high"]]),
                (NA, 1000, 1000))
    # 'around 3 million': the number said, no hard bound
    assert same(tuple(by_id.loc["tna-2019-05-03-02", ["low", "best", "high"]]),
                (NA, 3_000_000, NA))
    assert by_id.loc["tna-2019-05-03-04", "best"] == 138_500
    assert same(tuple(by_id.loc["tna-2019-06-06-03", ["low", "best", "high"]]), (272, 272, 272))


def test_real_package_invariants(real):
    assert len(real) == len(idlibstats.figures())
    assert (real["best"] == real["value"]).all()
    has_low, has_high = real["low"].notna(), real["high"].notna()
    assert (real.loc[has_low, "low"] <= real.loc[has_low, "best"]).all()
    assert (real.loc[has_high, "best"] <= real.loc[has_high, "high"]).all()
    assert (real.loc[has_low, "low"] > 0).all()  # no floor is <NA>, never a 0 that means none
    assert real[["low", "best", "high"]].dtypes.eq("Int64").all()
    assert str(real["rule"].dtype) == "string"
    floors = real["qualifier"].isin(["exact", "at_least", "more_than"])
    assert (has_low == floors).all()
    ceilings = real["qualifier"].isin(["exact", "almost", "up_to"])
    assert (has_high == ceilings).all()


def test_input_untouched_and_index_kept():
    f = make([(5, "exact"), (6, "more_than")]).set_axis([10, 20])
    before = f.copy()
    out = bounds(f)
    pd.testing.assert_frame_equal(f, before)
    assert list(out.index) == [10, 20]
    assert list(out.columns[:3]) == ["figure_id", "value", "qualifier"]


def test_categorical_qualifier_accepted():
    f = make([(5, "exact")])
    f["qualifier"] = f["qualifier"].astype(pd.CategoricalDtype(list(QUALIFIERS)))
    assert bounds(f)["high"].iloc[0] == 5


def test_empty_frame():
    out = bounds(make([]))
    assert out.empty and {"low", "best", "high", "rule"} <= set(out.columns)
    out = bounds(make([]), convention_band=0.1)
    assert {"convention_band_low", "convention_band_high"} <= set(out.columns)


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


@pytest.mark.parametrize("width", [1, 1.5, -0.1, True, "0.1", float("nan")])
def test_bad_convention_band(width):
    with pytest.raises(ValueError, match="convention_band"):
        bounds(make([(5, "about")]), convention_band=width)


def test_a_convention_band_past_the_64_bit_integers_is_refused():
    with pytest.raises(ValueError, match=r"t-2019-01-01-00.*convention band high past the "
                                         r"64-bit"):
        bounds(make([(9 * 10**18, "about")]), convention_band=0.1)
    assert bounds(make([(9 * 10**18, "about")]))["best"].iloc[0] == 9 * 10**18


def test_the_old_band_argument_is_gone():
    with pytest.raises(TypeError, match="band"):
        bounds(make([(5, "about")]), band=0.1)


def test_missing_column():
    with pytest.raises(ValueError, match="qualifier"):
        bounds(make([(5, "exact")]).drop(columns="qualifier"))


widths = st.decimals(min_value=0, max_value="0.9", places=3).map(float)


#: Examples of the two properties below: 200 and 50 in the long run (IDLIBSTATS_LONG_TESTS=1,
#: CI), 50 and 20 in ``make test``; the zeros, where every wording has its own rule, always.
INVARIANT_EXAMPLES, VECTOR_EXAMPLES = (200, 50) if LONG_TESTS else (50, 20)


@settings(max_examples=INVARIANT_EXAMPLES, deadline=None)
@given(
    value=st.integers(min_value=0, max_value=10**15),
    qualifier=st.sampled_from(QUALIFIERS),
    width=widths,
)
@example(value=0, qualifier="exact", width=0.0)
@example(value=0, qualifier="at_least", width=0.0)
@example(value=0, qualifier="up_to", width=0.5)
@example(value=0, qualifier="about", width=0.5)
@example(value=10**15, qualifier="about", width=0.9)
def test_bounds_invariants(value, qualifier, width):
    if qualifier == "almost" and value == 0:
        return
    low, best, high = one(value, qualifier)
    assert best == value  # always the number the source said
    assert low is NA or 0 < low <= best or (low == 0 == high)
    assert high is NA or best <= high
    if qualifier == "exact":
        assert low == best == high == value or (value == 0 and same((low, high), (0, 0)))
    elif qualifier in ("at_least", "more_than"):
        assert high is NA and (low == value if value else low is NA)
    elif qualifier in ("almost", "up_to"):
        assert high == value and (low is NA if value else low == 0)
    else:
        assert low is NA and high is NA
    c_low, c_high = band(value, qualifier, width)
    frac = Fraction(str(width))
    if qualifier in ("almost", "about"):
        assert c_low == math.ceil(value * (1 - frac))
        assert c_low - 1 < value * (1 - frac) <= c_low
    if qualifier == "about":
        assert c_high <= value * (1 + frac) < c_high + 1
    if qualifier not in ("almost", "about"):
        assert same((c_low, c_high), (low, high))


@settings(max_examples=VECTOR_EXAMPLES, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 10**6), st.sampled_from(QUALIFIERS)), max_size=20))
def test_vectorised_equals_row_by_row(rows):
    whole = bounds(make(rows))
    for i, (v, q) in enumerate(rows):
        got = whole.iloc[i]
        assert same((got["low"], got["best"], got["high"]), one(v, q))


def test_fractional_value_is_refused():
    f = make([(5, "exact")])
    f["value"] = [5.5]
    with pytest.raises(ValueError, match=r"t-2019-01-01-00.*integer"):
        bounds(f)


def test_real_breakdowns_fit_inside_their_whole(real):
    parts = real[real["part_of"].notna()]
    assert len(parts) >= 6
    whole = real.set_index("figure_id").loc[parts["part_of"]]
    closed = whole["high"].notna().to_numpy() & parts["low"].notna().to_numpy()
    assert closed.sum() >= 6
    assert (parts["low"].to_numpy()[closed] <= whole["high"].to_numpy()[closed]).all()
    assert (parts["indicator"].to_numpy() == whole["indicator"].to_numpy()).all()
