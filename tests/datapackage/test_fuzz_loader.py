"""Fuzz the loader: random edits of real figures cells either load schema-true or are refused.

Each example edits one cell of a real row of ``figures.csv`` in a temporary copy of the
package (random text, empty, numbers, dates, unicode, formula-like text, other ids),
re-stamps ``bytes`` and ``hash`` so that the edit itself is what is tested, and loads it.
The loader must either return a frame in which every value fits the schema and the edited
cell kept its text, or raise ``DataPackageError``; ``validate_package`` must agree.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from badinput import FIGURES, read_rows, set_cell
from conftest import LONG_TESTS, ROOT, SLOW_EXAMPLES, restamp_package
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from idlibstats import DataPackageError, figures, validate_package

SCHEMA = next(r for r in json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
              ["resources"] if r["name"] == "figures")["schema"]
FIELDS = {f["name"]: f for f in SCHEMA["fields"]}
ROWS = read_rows(ROOT, FIGURES)

cells = st.one_of(
    st.text(max_size=30),
    st.just(""),
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.dates().map(str),
    st.from_regex(r"\d{4}-\d{1,2}-\d{1,3}", fullmatch=True),
    st.text(alphabet=st.characters(categories=["Nd", "Zs", "Lo", "Cc"]), max_size=8),
    st.tuples(st.sampled_from("=+-@"), st.text(max_size=10)).map("".join),
    st.sampled_from([r[0] for r in ROWS[1:]] + [r[1] for r in ROWS[1:]]
                    + ["NA", "n/a", "null", " 12", "12.0", "1e3", "+5", "0", "SY-ID;SY-HM"]),
    st.sampled_from(sorted({v for f in FIELDS.values()
                            for v in f.get("constraints", {}).get("enum", [])})),
)


def _fits_schema(frame: pd.DataFrame) -> None:
    assert list(frame.columns) == list(FIELDS)
    for name, spec in FIELDS.items():
        col = frame[name]
        constraints = spec.get("constraints", {})
        present = col.dropna()
        if constraints.get("required"):
            assert col.notna().all(), name
        if "enum" in constraints:
            assert list(col.cat.categories) == constraints["enum"]
            assert present.astype(str).isin(constraints["enum"]).all()
        if "pattern" in constraints:
            rx = re.compile(f"(?:{constraints['pattern']})")
            assert all(rx.fullmatch(v) for v in present), name
        if "minimum" in constraints:
            assert (present >= constraints["minimum"]).all(), name
        if spec["type"] == "integer":
            assert str(col.dtype) == "Int64"
        if spec["type"] == "date":
            assert str(col.dtype) == "datetime64[us]"
    assert (frame["period_end"] >= frame["period_start"]).all()
    assert frame["figure_id"].is_unique


#: Random edits: 10 in ``make test``, the slow profile's 100 in the long run
#: (``IDLIBSTATS_LONG_TESTS=1``); the edits below, one per way a loader goes wrong silently
#: or loosely, always run.
LOADER_EXAMPLES = SLOW_EXAMPLES if LONG_TESTS else 10


@settings(settings.get_profile("slow"), max_examples=LOADER_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(row=st.integers(min_value=2, max_value=len(ROWS)), field=st.sampled_from(list(FIELDS)),
       value=cells)
@example(row=3, field="notes", value="NA")  # text that only looks missing stays text
@example(row=4, field="value", value=" 12")  # an integer with a space
@example(row=5, field="period_end", value="2019-02-30")  # a date that does not exist
@example(row=6, field="notes", value="=1+1")  # formula-like text (the text pattern)
@example(row=7, field="qualifier", value="roughly")  # outside the enum
@example(row=8, field="period_end", value="2019-01-01")  # ends before it starts (a row rule)
@example(row=9, field="figure_id", value="tna-2019-05-03-01")  # a duplicate key
@example(row=10, field="value", value="")  # a required cell left empty
def test_edited_cell_loads_true_or_is_refused(row: int, field: str, value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy2(ROOT / "datapackage.json", root / "datapackage.json")
        shutil.copytree(ROOT / "data", root / "data")
        shutil.copytree(ROOT / "checks", root / "checks")
        set_cell(FIGURES, row, field, value)(root)
        restamp_package(root)
        try:
            frame = figures(root)
        except DataPackageError as exc:
            assert exc.file and str(exc)
            assert validate_package(root), "the loader refused what validate accepts"
            return
        _fits_schema(frame)
        assert validate_package(root) == []
        loaded = frame.loc[row - 2, field]
        if value == "":
            assert loaded is pd.NA or pd.isna(loaded)
        elif FIELDS[field]["type"] == "string":  # never a silent NA, never altered text
            assert str(loaded) == value
        elif FIELDS[field]["type"] == "integer":
            assert int(loaded) == int(value)
        else:
            assert loaded == pd.Timestamp(value)
