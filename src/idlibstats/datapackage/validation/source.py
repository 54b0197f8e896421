"""A CSV's bytes, header and rows as text: what every check reads.

:func:`check_bytes` checks the bytes; :func:`read_text` the header, then reads every cell as
text with Arrow's parser for one line per row, kept only when the file proves to be one;
else (a cell holds a newline, a row is odd) :mod:`csv` reads it record by record and names
each odd row. Rows are numbered as a spreadsheet numbers them: header = row 1.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.validation.report import Report

__all__ = ["FIELD_LIMIT", "TextTable", "check_bytes", "dialect_of", "read_text", "utf8_error"]

BOM = b"\xef\xbb\xbf"
FIELD_LIMIT = 131072
"""Longest cell, in characters: the default limit of Python's :mod:`csv` (frictionless's)."""


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _hash(data: bytes, algorithm: str) -> Callable[[], str]:
    """Hash ``data`` in a thread (hashlib releases the GIL) while the CSV is parsed."""
    result: list[str] = []
    thread = threading.Thread(target=lambda: result.append(
        hashlib.new(algorithm, data).hexdigest()), daemon=True)
    thread.start()
    return lambda: (thread.join(), result[0])[1]


def utf8_error(data: bytes, rel: str) -> DataPackageError | None:
    """Return the ``encoding-error`` naming file ``rel``, line and byte (None: all UTF-8)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        return DataPackageError(
            f"is not UTF-8: byte {exc.object[exc.start]:#04x} on line {line} cannot be "
            "decoded; save the file as UTF-8", file=rel, row=line, code="encoding-error")
    return None


def check_bytes(data: bytes, resource: dict[str, Any], rel: str,
                report: Report) -> Callable[[], None] | None:
    """Check a CSV's bytes: not empty, no BOM, LF line ends; ``bytes`` and ``hash``.

    Errors about ``data`` (the file ``rel`` of ``resource``) go to ``report``. Returns None
    if the file cannot be read further (empty); else a function that checks ``bytes`` and
    ``hash`` (hashed in a thread meanwhile).
    """
    def add(message: str, row: int | None, code: str) -> None:
        report.add(DataPackageError(message, file=rel, row=row, code=code))

    if not data:
        add("is empty (0 bytes); a table needs at least its header row", None, "source-error")
        return None
    if data.startswith(BOM):
        add("starts with a UTF-8 byte order mark (BOM); save as UTF-8 without BOM", 1,
            "byte-order-mark")
    if (cr := data.find(b"\r")) >= 0:
        add("has CRLF (Windows) line ends; save with LF line ends" if data[cr + 1: cr + 2]
            == b"\n" else "holds a carriage return (CR); save with LF line ends only",
            _line_of(data, cr), "line-terminator")
    stamped = resource.get("hash") if isinstance(resource.get("hash"), str) else ""
    algorithm, _, expected = stamped.rpartition(":")  # md5 has no prefix (the profile)
    digest = _hash(data, algorithm or "md5") if expected else None
    size = resource.get("bytes")

    def finish() -> None:
        changed = []
        if isinstance(size, int | float) and len(data) != size:  # 10.0 is an integer in JSON
            changed.append(f"is {len(data)} bytes, datapackage.json says {size}")
        if digest is not None and digest() != expected:
            changed.append(f"its {algorithm or 'md5'} hash is not the one in datapackage.json")
        if changed:  # a size that differs says more than the hash: byte-count first
            add(" and ".join(changed) + ": the file changed since it was stamped (after a "
                "deliberate edit, run `idlibstats stamp`)", None,
                "byte-count" if changed[0].startswith("is ") else "hash-count")

    return finish


@dataclass
class TextTable:
    """A table's cells as text (Arrow strings) and the spreadsheet row number of each row."""

    rel: str
    text: pa.Table
    rows: np.ndarray  # row number (header = 1) of each row of ``text``
    one_line_rows: bool = False  # every row took one line of the file: no cell holds "\n"


def dialect_of(resource: dict[str, Any]) -> dict[str, str]:
    """Return the resource's CSV ``delimiter`` and ``quoteChar`` (the profile's flat dialect)."""
    dialect = resource.get("dialect") or {}
    return {"delimiter": dialect.get("delimiter", ","), "quoteChar": dialect.get("quoteChar", '"')}


@contextlib.contextmanager
def _no_field_limit() -> Iterator[None]:
    """Let :mod:`csv` read cells of any length (measured after, and named)."""
    old = csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _records(lines: Iterable[str], dialect: dict[str, str],
             strict: bool = True) -> Iterator[list[str]]:
    return csv.reader(lines, delimiter=dialect["delimiter"], quotechar=dialect["quoteChar"],
                      strict=strict)


def _lines(body: bytes) -> Iterator[str]:
    """Yield the lines of ``body`` decoded, one at a time (the header needs only the first)."""
    start = 0
    while start < len(body):
        end = body.find(b"\n", start) + 1 or len(body)
        yield body[start:end].decode("utf-8")
        start = end


def _check_header(got: list[str], want: list[str], rel: str, report: Report) -> bool:
    """Report how header ``got`` differs from the schema's names ``want``; True if it does not."""
    expected, before = ",".join(want), len(report.errors)

    def add(message: str, field: str | None, code: str) -> None:
        report.add(DataPackageError(f"{message}header must be: {expected})", file=rel, row=1,
                                    field=field, code=code))

    if got != want and len(got) == len(want):
        moved = sorted(got) == sorted(want)  # the same names out of order: report the first
        for i, (g, w) in enumerate(zip(got, want, strict=True), start=1):
            if g != w:
                add(f"{'columns are out of order: ' if moved else ''}column {i} is {g!r}, the "
                    f"schema expects {w!r} ({'' if moved else 'renamed? '}", w,
                    "incorrect-label")
                if moved:
                    break
    elif got != want:
        for w in (w for w in want if w not in got):
            add(f"column {w!r} is missing (", w, "missing-label")
        for g in (g for g in got if g not in want):
            add(f"column {g!r} is not in the schema (", g, "extra-label")
        if len(report.errors) == before:  # the same names, one repeated
            report.add(DataPackageError(f"header is {','.join(got)}; it must be: {expected}",
                                        file=rel, row=1, code="incorrect-label"))
    return got == want


def _arrow_read(body: bytes, dialect: dict[str, str], names: list[str],
                include: list[str] | None) -> pa.Table | None:
    """Read ``body`` with Arrow's parser for one line per row; None unless the file is one.

    Kept only when Arrow raised nothing, no row was odd and the file has one line per row:
    with two fields or more, a row cut at a newline inside a quoted cell leaves a piece of
    the wrong width, and a newline kept inside a cell leaves more lines than rows.
    """
    odd = []
    if len(names) < 2:
        return None
    try:
        table = pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(
                delimiter=dialect["delimiter"], quote_char=dialect["quoteChar"],
                double_quote=True, escape_char=False, newlines_in_values=False,
                ignore_empty_lines=False, invalid_row_handler=lambda row: odd.append(row)
                or "skip"),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), null_values=[],
                strings_can_be_null=False, quoted_strings_can_be_null=False,
                include_columns=include))
    except pa.ArrowInvalid:  # not UTF-8, or a row Arrow cannot split: the exact read says
        return None
    lines = body.count(b"\n") + (not body.endswith(b"\n"))
    return None if odd or lines != table.num_rows + 1 else table


def _last_record_closed(body: bytes, last: list[str], dialect: dict[str, str]) -> bool:
    """Tell whether ``last``, the last record read, is whole: no quote left open at the end.

    Arrow, and :mod:`csv` when not strict, read a quote never closed as a cell running to
    the end of the file (frictionless would not): the last record is read again, strictly.
    """
    start = len(body) - 1 if body.endswith(b"\n") else len(body)
    for _ in range(sum(cell.count("\n") for cell in last) + 1):
        start = body.rfind(b"\n", 0, start)
    try:
        return list(_records(io.StringIO(body[start + 1:].decode("utf-8"), newline=""),
                             dialect)) == [last]
    except (csv.Error, UnicodeDecodeError):
        return False


def _odd(record: list[str], names: list[str]) -> tuple[str, str | None, str] | None:
    """Return why a record :mod:`csv` read is not a row of this table (None: it is)."""
    width = len(names)
    if not record:
        return "is a blank line", None, "blank-row"
    if len(record) != width:
        short = len(record) < width
        return (f"has {len(record)} cells; the header has {width}",
                names[len(record)] if short else None, "missing-cell" if short else "extra-cell")
    if max(map(len, record)) > FIELD_LIMIT:
        return (f"holds a cell of more than {FIELD_LIMIT} characters (the limit of Python's "
                "csv reader, which frictionless uses)", None, "cell-too-long")
    return None


def _exact_read(text: str, dialect: dict[str, str], names: list[str], rel: str,
                report: Report) -> tuple[pa.Table, np.ndarray]:
    """Read ``text`` record by record with :mod:`csv`: report every odd row, keep the others."""
    kept, rows, row, record = [], [], 1, []
    with _no_field_limit():
        reader = _records(io.StringIO(text, newline=""), dialect, strict=False)
        next(reader, None)
        for row, record in enumerate(reader, start=2):
            record = [""] if not record and len(names) == 1 else record
            if (problem := _odd(record, names)) is None:
                kept.append(record)
                rows.append(row)
            else:
                report.add(DataPackageError(problem[0], file=rel, row=row, field=problem[1],
                                            code=problem[2]))
    if row > 1 and not _last_record_closed(text.encode("utf-8"), record, dialect):
        report.add(DataPackageError("a quote is left open: the file ends inside a quoted cell",
                                    file=rel, row=row, code="source-error"))
        if rows and rows[-1] == row:
            kept.pop()
            rows.pop()
    columns = list(zip(*kept, strict=True)) if kept else [()] * len(names)
    table = pa.table({n: pa.array(list(c), pa.string())
                      for n, c in zip(names, columns, strict=True)})
    return table, np.asarray(rows, dtype=np.int64)


def _as_csv_reads(table: pa.Table, body: bytes, dialect: dict[str, str]) -> bool:
    """Tell whether Arrow's ``table`` holds the rows :mod:`csv` reads in ``body``.

    Arrow reads a blank line as a row of empty cells, and a cell of any length: either
    sends the file to the exact reader, and so does a quote left open at the end.
    """
    empty = pc.equal(table.column(0), "")
    for name in table.column_names[1:] if pc.any(empty).as_py() else []:
        empty = pc.and_(empty, pc.equal(table.column(name), ""))
    return (not pc.any(empty).as_py()
            and (len(body) <= FIELD_LIMIT or max(pc.max(pc.binary_length(c)).as_py() or 0
                                                 for c in table.columns) <= FIELD_LIMIT)
            and (table.num_rows == 0 or _last_record_closed(
                body, [c[-1].as_py() for c in table.columns], dialect)))


def read_text(data: bytes, resource: dict[str, Any], rel: str, names: list[str],
              report: Report, include: list[str] | None = None) -> TextTable | None:
    """Check the header and each row's shape; return every cell as text.

    ``data`` is the file ``rel`` of ``resource`` (its bytes checked by :func:`check_bytes`);
    its header must be ``names``; errors go to ``report``. With ``include``, only those
    columns are read (another table's keys) and odd rows are skipped without a word (that
    table's own check reports them). Returns None if the file cannot be read as this table.
    """
    dialect = dialect_of(resource)
    # CR (already reported by check_bytes) is read as a line end, as csv reads it
    body = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in data else data
    body = body[len(BOM):] if body.startswith(BOM) else body
    try:
        with _no_field_limit():
            header = next(_records(_lines(body), dialect), [])
    except UnicodeDecodeError as exc:
        report.add(DataPackageError(f"is not UTF-8: byte {exc.object[exc.start]:#04x} in the "
                                    "header cannot be decoded; save the file as UTF-8",
                                    file=rel, row=1, code="encoding-error"))
        return None
    except csv.Error as exc:
        report.add(DataPackageError("the header: a quote is left open: the file ends inside a "
                                    "quoted cell" if "unexpected end of data" in str(exc) else
                                    f"the header: is not a readable CSV record: {exc}",
                                    file=rel, row=1, code="source-error"))
        return None
    if not _check_header(header, names, rel, report):
        return None
    table = _arrow_read(body, dialect, names, include)
    if table is not None and (include is not None or _as_csv_reads(table, body, dialect)):
        return TextTable(rel, table, np.arange(2, table.num_rows + 2), True)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        report.add(utf8_error(data, rel))  # type: ignore[arg-type]
        return None
    table, rows = _exact_read(text, dialect, names, rel,
                              report if include is None else Report(stop_at_first=False))
    return TextTable(rel, table.select(include or names), rows)
