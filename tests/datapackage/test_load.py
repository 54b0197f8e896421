"""The loader on the real package (issue 3): dtypes from the schema, views, paths, stamping."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from badinput import read_rows, set_cell, write_rows
from conftest import ROOT, restamp_package

import idlibstats
from idlibstats import DataPackageError, load_table
from idlibstats.datapackage.patterns import portability_problems
from idlibstats.datapackage.schema import DATE_DTYPE, field_dtype, missing_values, pandas_dtypes
from idlibstats.datapackage.stamp import stamp
from idlibstats.datapackage.validation.checklist import load_checklist
from idlibstats.datapackage.validation.formula import column_kind, compile_formula, holds
from idlibstats.datapackage.validation.types import anchored

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}
FIGURES = "data/figures.csv"


def test_list_tables_is_the_descriptor_order() -> None:
    assert idlibstats.list_tables() == [r["name"] for r in DESCRIPTOR["resources"]]
    for name in idlibstats.list_tables():  # every table has a flat loader of its name
        assert getattr(idlibstats, name)().shape[1] == len(RESOURCES[name]["schema"]["fields"])


@pytest.mark.parametrize("name", list(RESOURCES))
def test_dtypes_are_exactly_the_schema(name: str) -> None:
    frame = load_table(name)
    fields = RESOURCES[name]["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    assert isinstance(frame.index, pd.RangeIndex) and len(frame) > 0
    for spec in fields:
        dtype = frame[spec["name"]].dtype
        enum = spec.get("constraints", {}).get("enum")
        if enum is not None:
            assert isinstance(dtype, pd.CategoricalDtype), spec["name"]
            assert list(dtype.categories) == enum
            assert dtype.ordered is bool(spec.get("categoriesOrdered", False))
        elif spec["type"] == "string":
            assert dtype == pd.StringDtype("pyarrow", na_value=pd.NA), spec["name"]
        elif spec["type"] == "integer":
            assert dtype == pd.Int64Dtype()
        elif spec["type"] == "date":
            assert dtype == np.dtype("datetime64[us]") == np.dtype(DATE_DTYPE)
        elif spec["type"] == "boolean":
            assert dtype == pd.BooleanDtype(), spec["name"]
        else:
            pytest.fail(f"no expectation for type {spec['type']}")
        if spec.get("constraints", {}).get("required"):
            assert frame[spec["name"]].notna().all(), spec["name"]


@pytest.mark.parametrize("name", list(RESOURCES))
def test_same_frame_as_plain_read_csv(name: str) -> None:
    """The checks change nothing: the frame is what pandas reads with the schema's dtypes."""
    schema = RESOURCES[name]["schema"]
    dtypes = pandas_dtypes(schema)
    dates = [k for k, v in dtypes.items() if v == DATE_DTYPE]
    plain = pd.read_csv(ROOT / RESOURCES[name]["path"], keep_default_na=False,
                        na_values=missing_values(schema), parse_dates=dates,
                        date_format="%Y-%m-%d",
                        dtype={k: v for k, v in dtypes.items() if k not in dates})
    pd.testing.assert_frame_equal(load_table(name), plain)


def test_categories_ordered_when_the_field_says_so() -> None:
    spec = {"name": "q", "type": "string", "categoriesOrdered": True,
            "constraints": {"enum": ["low", "high"]}}
    assert field_dtype(spec) == pd.CategoricalDtype(["low", "high"], ordered=True)
    assert field_dtype({**spec, "categoriesOrdered": False}).ordered is False


def test_na_stays_text_and_only_missing_values_are_missing(package_copy: Path) -> None:
    set_cell("data/organisations.csv", 3, "notes", "NA")(package_copy)
    set_cell("data/organisations.csv", 4, "notes", "")(package_copy)
    set_cell(FIGURES, 2, "place_as_written", "N/A")(package_copy)
    restamp_package(package_copy)
    orgs = idlibstats.organisations(package_copy)
    assert orgs.loc[1, "notes"] == "NA"
    assert orgs.loc[2, "notes"] is pd.NA
    assert idlibstats.figures(package_copy).loc[0, "place_as_written"] == "N/A"


def test_schema_missing_values_are_honoured(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    orgs = next(r for r in descriptor["resources"] if r["name"] == "organisations")
    orgs["schema"]["missingValues"] = ["", "n/a"]
    path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    set_cell("data/organisations.csv", 3, "notes", "n/a")(package_copy)
    set_cell("data/organisations.csv", 4, "notes", "NA")(package_copy)
    restamp_package(package_copy)
    frame = idlibstats.organisations(package_copy)
    assert frame.loc[1, "notes"] is pd.NA and frame.loc[2, "notes"] == "NA"


def test_views_are_subsets_of_figures() -> None:
    figs = idlibstats.figures()
    inds = idlibstats.indicators().set_index("indicator")["topic"]
    for view, wanted in [(idlibstats.deaths, {"killed"}), (idlibstats.injuries, {"injured"}),
                         (idlibstats.displacement, set(inds[inds == "displacement"].index)),
                         (idlibstats.strikes, set(inds[inds == "strikes"].index))]:
        frame = view()
        expected = figs[figs["indicator"].isin(wanted)].reset_index(drop=True)
        assert len(frame) > 0
        pd.testing.assert_frame_equal(frame, expected)
    assert set(idlibstats.deaths()["indicator"]) == {"killed"}


def test_path_argument_and_environment(package_copy: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    row = read_rows(ROOT, FIGURES)[1]
    original = row[4]
    set_cell(FIGURES, 2, "value", str(int(original) + 1))(package_copy)
    for field in ("value_as_written", "excerpt"):  # the wording must say the new value too
        i = read_rows(ROOT, FIGURES)[0].index(field)
        set_cell(FIGURES, 2, field, row[i].replace(original, str(int(original) + 1)))(
            package_copy)
    restamp_package(package_copy)
    assert idlibstats.figures(package_copy).loc[0, "value"] == int(original) + 1
    assert idlibstats.figures(package_copy / "datapackage.json").loc[0, "value"] == int(
        original) + 1
    assert idlibstats.figures().loc[0, "value"] == int(original)
    monkeypatch.setenv("IDLIBSTATS_PACKAGE", str(package_copy))
    assert idlibstats.figures().loc[0, "value"] == int(original) + 1
    with pytest.raises(DataPackageError) as info:
        idlibstats.figures(package_copy / "data")
    assert info.value.code == "package-error"


def test_loading_twice_still_catches_a_later_edit(package_copy: Path) -> None:
    """The in-process memory of checked tables must never hide a change."""
    idlibstats.figures(package_copy)
    set_cell(FIGURES, 3, "qualifier", "roughly")(package_copy)
    restamp_package(package_copy)
    with pytest.raises(DataPackageError) as info:
        idlibstats.figures(package_copy)
    assert (info.value.row, info.value.field, info.value.code) == (3, "qualifier",
                                                                   "constraint-error")
    restamp_package(package_copy)


def test_loading_twice_still_catches_an_edit_of_a_referenced_table(package_copy: Path) -> None:
    idlibstats.figures(package_copy)
    rows = read_rows(package_copy, "data/sources.csv")
    dropped = rows.pop(1)[0]
    write_rows(package_copy, "data/sources.csv", rows)
    restamp_package(package_copy)
    with pytest.raises(DataPackageError) as info:
        idlibstats.figures(package_copy)
    assert (info.value.field, info.value.code) == ("source_id", "foreign-key")
    assert idlibstats.figures().loc[info.value.row - 2, "source_id"] == dropped  # its row


def test_loading_twice_still_catches_an_edited_checklist(package_copy: Path) -> None:
    idlibstats.figures(package_copy)
    (package_copy / "checks/figures.json").write_text(json.dumps(
        {"checks": [{"type": "row-constraint", "formula": "value is None or value < 0"}]}),
        encoding="utf-8")
    with pytest.raises(DataPackageError) as info:
        idlibstats.figures(package_copy)
    assert (info.value.field, info.value.code) == ("value", "row-constraint")


def test_loading_never_writes(package_copy: Path) -> None:
    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    before = snapshot()
    for name in idlibstats.list_tables(package_copy):
        load_table(name, package_copy)
    assert idlibstats.validate_package(package_copy) == []
    assert snapshot() == before


def test_unknown_checklist_entries_are_refused(package_copy: Path) -> None:
    (package_copy / "checks/figures.json").write_text(json.dumps(
        {"checks": [{"type": "deviated-value", "fieldName": "value"}]}), encoding="utf-8")
    with pytest.raises(DataPackageError) as info:
        idlibstats.figures(package_copy)
    assert (info.value.file, info.value.code) == ("checks/figures.json", "checklist-error")


# ---------------------------------------------------------------- row rules, on columns


EXTRA_FORMULAS = [
    "value > 10 and qualifier in ('exact', 'about')",
    "not (value < 5) or notes is None",
    "period_as_written == notes",
    "period_as_written != notes",
    "value >= 'x'",                       # TypeError in every row: fails everywhere
    "period_start < period_end <= period_end",
    "relayed_by is not None or part_of is None",
    "claimant not in ('unattributed',) or value >= 1",
    "qualifier == 'almost' or -1 < value",
    "(value > 100) != (qualifier == 'exact')",
    "period_end >= '2019-01-01'",         # a date against text: TypeError, fails everywhere
    "value == None or value != 7.0",
]
REFUSED_FORMULAS = ["len(excerpt) > 20", "value + 1 > 2", "notes", "value is 3",
                    "nosuchfield is None", "value > 1 if notes else value < 1"]
TYPES = {f["name"]: f["type"] for f in RESOURCES["figures"]["schema"]["fields"]}


def _awkward_figures() -> pd.DataFrame:
    figs = idlibstats.figures()
    odd = figs.copy()
    odd.loc[0, ["period_start", "period_end"]] = [pd.NaT, pd.Timestamp("2019-01-01")]
    odd.loc[1, "value"] = pd.NA
    odd.loc[2, "qualifier"] = np.nan
    odd.loc[3, ["period_as_written", "notes"]] = [pd.NA, pd.NA]
    odd.loc[4, "period_end"] = odd.loc[4, "period_start"] - pd.Timedelta(days=1)
    odd.loc[5, ["claimant", "claimant_basis"]] = ["unattributed", "stated"]
    return pd.concat([figs, odd], ignore_index=True)


def _python_value(value: object) -> object:
    """A cell as frictionless hands it to a formula: int, date, str or None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _row_by_row(formula: str, rows: list[dict[str, object]]) -> np.ndarray:
    """Python's own verdict, row by row, as frictionless (simpleeval) gives it."""
    code = compile(formula, "<formula>", "eval")
    ok = np.zeros(len(rows), bool)
    for i, names in enumerate(rows):
        try:
            ok[i] = bool(eval(code, {"__builtins__": {}}, dict(names)))
        except Exception:  # frictionless fails the row on any error, so do we
            ok[i] = False
    return ok


def _columns(frame: pd.DataFrame) -> dict:
    out = {}
    for name in frame.columns:
        col = frame[name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            col = col.astype("string")
        array = pa.array(col)
        if TYPES[name] == "date":
            array = array.cast(pa.date32())
        out[name] = (column_kind(TYPES[name]), array)
    return out


@functools.cache
def _awkward_as_read() -> tuple[pd.DataFrame, dict, list[dict[str, object]]]:
    """The awkward figures once for the module: the frame, its columns as the rules read
    them, and each row's cells as frictionless hands them to a formula (no test changes
    them: the rules only read, and each Python verdict gets its own copy of a row)."""
    frame = _awkward_figures()
    rows = [{k: _python_value(v) for k, v in zip(frame.columns, row, strict=True)}
            for row in frame.astype(object).itertuples(index=False)]
    return frame, _columns(frame), rows


@pytest.mark.parametrize("formula", [f.text for f in load_checklist(
    ROOT / "checks/figures.json", TYPES)] + EXTRA_FORMULAS)
def test_rules_on_columns_agree_with_python_row_by_row(formula: str) -> None:
    frame, columns, rows = _awkward_as_read()
    fast = holds(compile_formula(formula, TYPES), columns, len(frame))
    np.testing.assert_array_equal(fast, _row_by_row(formula, rows))


@pytest.mark.parametrize("formula", REFUSED_FORMULAS)
def test_formulas_outside_the_language_are_refused(formula: str) -> None:
    with pytest.raises(ValueError, match="formula"):
        compile_formula(formula, TYPES)


def test_rules_fail_on_the_awkward_rows() -> None:
    frame, columns, _ = _awkward_as_read()
    formulas = load_checklist(ROOT / "checks/figures.json", TYPES)
    assert holds(formulas[0], columns, len(frame))[35 + 4] == np.False_
    assert holds(formulas[1], columns, len(frame))[35 + 5] == np.False_
    assert holds(formulas[0], columns, len(frame))[: 35].all()


# ---------------------------------------------------------------- patterns, portable


PATTERNS = sorted({f["constraints"]["pattern"] for r in DESCRIPTOR["resources"]
                   for f in r["schema"]["fields"] if "pattern" in f.get("constraints", {})})


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_is_portable(pattern: str) -> None:
    """Python re, RE2 (Arrow) and XSD read it alike (idlibstats.datapackage.patterns)."""
    assert portability_problems(pattern) == []


@pytest.mark.parametrize("pattern", [r"(?:a)", r"a|b", r"\d+", r"[^\s]", r"a*?", r"x$",
                                     r"(?=a)a", r"(a)\1", r"[a-]", r"\bx"])
def test_patterns_outside_the_subset_are_named(pattern: str) -> None:
    assert portability_problems(pattern)


@pytest.mark.parametrize("pattern", [*PATTERNS, r"-?[0-9]+", r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
                                     r"(a|ab)"])
def test_arrow_python_and_frictionless_agree(pattern: str) -> None:
    """RE2 on the whole column = Python's fullmatch, value by value; frictionless's ^P$
    (Python's $ also matches before a final newline) accepts at least as much."""
    real = [c for r in RESOURCES.values() for c in
            pd.read_csv(ROOT / r["path"], dtype=str, keep_default_na=False).to_numpy().ravel()]
    odd = ["", " x", "x ", "=1+1", "+1", "-1", "@a", "SY-ID;junk", "SY", "SY-ID;SY-HM", "ab",
           "a", "٣٣", "12", "2019-02-30", "2019-5-3", "x y", "tna-2019-05-03-01", "\u00a0x",
           "x\ny", "abc\n", "\tx", "é", "SYSY-ID", "#a+b", "c01\n"]
    values = real + odd
    arrow = pc.match_substring_regex(pa.array(values), anchored(pattern)).to_pylist()
    python = re.compile(pattern)
    assert arrow == [python.fullmatch(v) is not None for v in values]
    frictionless = re.compile(f"^{pattern}$")
    assert all(frictionless.match(v) for v, ok in zip(values, arrow, strict=True) if ok)


# ---------------------------------------------------------------- stamp


def test_real_package_is_stamped(package_copy: Path) -> None:
    assert stamp(package_copy) == []
    assert (package_copy / "datapackage.json").read_bytes() == (
        ROOT / "datapackage.json").read_bytes()


def test_stamp_records_bytes_and_hash_only(package_copy: Path) -> None:
    set_cell(FIGURES, 2, "notes", "A new note.")(package_copy)
    before = (package_copy / "datapackage.json").read_text(encoding="utf-8")
    assert stamp(package_copy) == ["figures"]
    after = (package_copy / "datapackage.json").read_text(encoding="utf-8")
    data = (package_copy / FIGURES).read_bytes()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
               if a != b]
    assert len(changed) == 2
    assert any(new.strip() == f'"bytes": {len(data)}' for _, new in changed)
    assert f'"hash": "sha256:{hashlib.sha256(data).hexdigest()}"' in after
    assert after.endswith("}\n") and after.startswith('{\n  "$schema"')
    assert idlibstats.validate_package(package_copy) == []
    assert stamp(package_copy) == []


@pytest.mark.parametrize("change, code", [
    (lambda b: b.replace(b"\n", b"\r\n"), "line-terminator"),
    (lambda b: b"\xef\xbb\xbf" + b, "byte-order-mark"),
    (lambda b: b.replace(b"Idlib", b"Idl\xe9b", 1), "encoding-error"),
    (lambda b: b"", "source-error"),
])
def test_stamp_refuses_bytes_the_package_refuses(package_copy: Path, change, code) -> None:
    path = package_copy / FIGURES
    path.write_bytes(change(path.read_bytes()))
    descriptor = (package_copy / "datapackage.json").read_bytes()
    with pytest.raises(DataPackageError) as info:
        stamp(package_copy)
    assert (info.value.file, info.value.code) == (FIGURES, code)
    assert (package_copy / "datapackage.json").read_bytes() == descriptor
