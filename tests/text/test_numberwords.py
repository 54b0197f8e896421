"""The numbers a ``value_as_written`` says: digits, words, and fractions of a scale."""

from __future__ import annotations

from pathlib import Path

import pytest
from badinput import FIGURES, set_cell
from conftest import restamp_package

from idlibstats import validate_package
from idlibstats.text.numberwords import said_values


@pytest.mark.parametrize(("text", "values"), [
    ("at least 12", [12]),
    ("over 138,500", [138_500]),
    ("More than 3 million", [3_000_000]),
    ("1.5 million", [1_500_000]),
    ("Fifty-one", [51]),
    ("about three million", [3_000_000]),
    ("a hundred and twenty", [120]),
    ("A million", [1_000_000]),
    ("more than half a million", [500_000]),
    ("a half million", [500_000]),
    ("a quarter of a million", [250_000]),
    ("one quarter of a million", [250_000]),
    ("three-quarters of a million", [750_000]),
    ("two and a half million", [2_500_000]),
    ("a dozen", [12]),
    ("a third of a million", [None]),  # not a whole number: never equal to a value
    ("2.5", [None]),
    ("many", []),
    ("hundreds of thousands", []),  # vague: no value
    ("272 and 18", [272, 18]),
])
def test_said_values(text: str, values: list[int | None]) -> None:
    assert said_values(text) == values


def test_a_fraction_of_a_scale_is_accepted_when_it_says_the_value(package_copy: Path) -> None:
    row = 36  # mee-2019-12-02-10, 'more than 370,000'
    set_cell(FIGURES, row, "value", "250000")(package_copy)
    set_cell(FIGURES, row, "value_as_written", "more than a quarter of a million")(package_copy)
    set_cell(FIGURES, row, "excerpt", "has killed more than a quarter of a million people")(
        package_copy)
    restamp_package(package_copy)
    assert validate_package(package_copy) == []
    set_cell(FIGURES, row, "value", "25000")(package_copy)
    restamp_package(package_copy)
    (problem,) = validate_package(package_copy)
    assert str(problem) == (
        "data/figures.csv, row 36, fields value, value_as_written: 'more than a quarter of a "
        "million' says 250000, but value is 25000")
