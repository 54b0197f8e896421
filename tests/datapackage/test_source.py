"""Reading a CSV as text: the fast one-line-per-row read never changes what is read."""

from __future__ import annotations

import csv
import functools
import io

import pytest

from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.source import read_text


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _read(data: bytes, names: list[str]):
    report = Report(stop_at_first=False)
    table = read_text(data, {}, "data/t.csv", names, report)
    assert not report.errors, report.errors
    return table


NAMES = ["a", "b", "c"]


@functools.cache
def _columns_and_lines() -> tuple[tuple[tuple[str, ...], ...], tuple[bytes, ...]]:
    """50,000 rows of three cells as three columns, and each row written as CSV (built once:
    every case below changes one cell of one row)."""
    rows = [(f"id{i}", f"text, with a comma {i}", f"{i}" * 6) for i in range(50_000)]
    return tuple(zip(*rows, strict=True)), tuple(_csv([list(row)]) for row in rows)


@pytest.mark.parametrize("where", [0, 1, 2])
@pytest.mark.parametrize("at_row", [1, 19_000, 49_999])
def test_a_newline_in_a_quoted_cell_is_read_as_python_reads_it(where: int, at_row: int):
    """Rows past Arrow's 1 MiB blocks; one cell (first, middle or last field) spans lines."""
    names = NAMES
    base, lines = _columns_and_lines()
    columns = {name: list(base[k]) for k, name in enumerate(names)}
    columns[names[where]][at_row] = 'two\nlines, "quoted"\nthree'
    row = [columns[name][at_row] for name in names]
    data = b"".join([_csv([names]), *lines[:at_row], _csv([row]), *lines[at_row + 1:]])
    assert len(data) > 2 << 20  # csv.writer writes each row alone: the rows' lines joined
    table = _read(data, names)
    # the cells column by column: the same as comparing the rows, without 50,000 dicts
    assert table.text.column_names == names
    assert table.text.to_pydict() == columns
    assert not table.one_line_rows
    assert table.rows.tolist() == list(range(2, len(base[0]) + 2))


def test_one_line_per_row_is_known_without_counting_again():
    names = ["a", "b"]
    rows = [[f"x{i}", "y"] for i in range(100)]
    table = _read(_csv([names, *rows]), names)
    assert table.one_line_rows
    assert table.text.to_pylist() == [dict(zip(names, r, strict=True)) for r in rows]


def test_a_one_field_table_with_a_newline_in_a_cell_keeps_its_rows():
    rows = [["a"], ["one"], ["two\nlines"], ["three"]]
    table = _read(_csv(rows), ["a"])
    assert table.text.column("a").to_pylist() == ["one", "two\nlines", "three"]
    assert not table.one_line_rows
