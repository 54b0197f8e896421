"""The bytes of a CSV, its header and its rows as text: what every check reads.

:func:`check_bytes` checks the file as bytes (not empty, no BOM, LF line ends, the
descriptor's ``bytes`` and ``hash``, hashed in a thread while the CSV is parsed).
:func:`read_text` checks the header (one CSV record, read as :mod:`csv` reads it) against
the schema's field names and reads every cell as text with :mod:`pyarrow.csv` (nothing
inferred, nothing missing yet): first with Arrow's faster parser for one line per row, kept
only when the file proves to be one, else with newlines allowed in cells. Only when a row
is odd (a blank line, a row of the wrong width, a cell past :data:`FIELD_LIMIT`, a quote
left open at the end) is the file read again, record by record with :mod:`csv`, to name
each such row. Rows are numbered as a spreadsheet numbers them: header = row 1.

Codes: frictionless's (``source-error``, ``encoding-error``, ``byte-count``,
``hash-count``, ``missing-label``, ``extra-label``, ``incorrect-label``, ``blank-row``,
``missing-cell``, ``extra-cell``) and idlibstats' own for what frictionless accepts
(``byte-order-mark``, ``line-terminator``, ``cell-too-long``).
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
    """Return the error for the first byte of ``data`` that is not UTF-8, or None.

    Parameters
    ----------
    data : bytes
        The file's content.
    rel : str
        The file's path inside the package, for the message.

    Returns
    -------
    DataPackageError or None
        An ``encoding-error`` naming the file, the row (line) and the byte; None when
        ``data`` is UTF-8.
    """
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

    Parameters
    ----------
    data : bytes
        The file's content.
    resource : dict
        The resource descriptor (``bytes`` and ``hash`` are checked when present).
    rel : str
        The file's path inside the package, for messages.
    report : Report
        Where errors go.

    Returns
    -------
    callable or None
        None if the file cannot be read further (empty); else a function that checks
        ``bytes`` and ``hash`` (the hash is computed in the background meanwhile).
    """
    if not data:
        report.add(DataPackageError("is empty (0 bytes); a table needs at least its header "
                                    "row", file=rel, code="source-error"))
        return None
    if data.startswith(BOM):
        report.add(DataPackageError("starts with a UTF-8 byte order mark (BOM); save as UTF-8 "
                                    "without BOM", file=rel, row=1, code="byte-order-mark"))
    cr = data.find(b"\r")
    if cr >= 0:
        what = ("has CRLF (Windows) line ends; save with LF line ends"
                if data[cr + 1: cr + 2] == b"\n" else
                "holds a carriage return (CR); save with LF line ends only")
        report.add(DataPackageError(what, file=rel, row=_line_of(data, cr),
                                    code="line-terminator"))
    stamped = resource.get("hash")  # "sha256:<hex>", or md5 without a prefix (the profile)
    algorithm, _, expected = stamped.rpartition(":") if isinstance(stamped, str) else ("", "",
                                                                                        "")
    digest = _hash(data, algorithm or "md5") if expected else None
    size = resource.get("bytes")

    def finish() -> None:
        changed = []
        if isinstance(size, int | float) and len(data) != size:  # 10.0 is an integer in JSON
            changed.append(f"is {len(data)} bytes, datapackage.json says {size}")
        if digest is not None and digest() != expected:
            changed.append(f"its {algorithm or 'md5'} hash is not the one in datapackage.json")
        if changed:  # a size that differs says more than the hash: byte-count first
            report.add(DataPackageError(
                " and ".join(changed) + ": the file changed since it was stamped (after a "
                "deliberate edit, run `idlibstats stamp`)", file=rel,
                code="byte-count" if changed[0].startswith("is ") else "hash-count"))

    return finish


@dataclass
class TextTable:
    """A table's cells as text (Arrow strings) and the spreadsheet row number of each row."""

    rel: str
    names: list[str]
    text: pa.Table
    rows: np.ndarray  # row number (header = 1) of each row of ``text``
    one_line_rows: bool = False  # every row took one line of the file: no cell holds "\n"

    def column(self, name: str) -> pa.ChunkedArray:
        """Return the cells of field ``name``, as text."""
        return self.text.column(name)


def _line_count(body: bytes) -> int:
    """Count the lines of ``body`` (a last line without its newline counts)."""
    data, step = np.frombuffer(body, np.uint8), 1 << 20  # 1 MiB at a time: no file-sized mask
    lines = sum(int(np.count_nonzero(data[i: i + step] == 10))
                for i in range(0, len(data), step))
    return lines + (bool(body) and not body.endswith(b"\n"))


def dialect_of(resource: dict[str, Any]) -> dict[str, Any]:
    """Return the resource's CSV dialect (delimiter, quote character), flat or nested."""
    raw = resource.get("dialect", {}) or {}
    part = raw.get("csv", raw) if isinstance(raw, dict) else {}
    part = part if isinstance(part, dict) else {}
    return {"delimiter": part.get("delimiter", ","), "quoteChar": part.get("quoteChar", '"')}


def _lines(body: bytes) -> Iterator[str]:
    """Yield the lines of ``body`` decoded, one at a time (the header needs only the first)."""
    start = 0
    while start < len(body):
        end = body.find(b"\n", start)
        end = len(body) if end < 0 else end + 1
        yield body[start:end].decode("utf-8")
        start = end


@contextlib.contextmanager
def _no_field_limit() -> Iterator[None]:
    """Let :mod:`csv` read cells of any length (the rows are measured after, and named)."""
    old = csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _reader(lines: Iterable[str], dialect: dict[str, Any],
            strict: bool = True) -> Iterator[list[str]]:
    return csv.reader(lines, delimiter=dialect["delimiter"], quotechar=dialect["quoteChar"],
                      strict=strict)


def _csv_problem(exc: csv.Error) -> str:
    if "unexpected end of data" in str(exc):
        return "a quote is left open: the file ends inside a quoted cell"
    return f"is not a readable CSV record: {exc}"


def _check_header(got: list[str], want: list[str], rel: str, report: Report) -> bool:
    """Report how header ``got`` differs from the schema's names ``want``; True if it does not."""
    if got == want:
        return True
    expected, before = ",".join(want), len(report.errors)

    def add(message: str, field: str | None, code: str) -> None:
        report.add(DataPackageError(f"{message}header must be: {expected})", file=rel, row=1,
                                    field=field, code=code))

    if len(got) == len(want):
        moved = sorted(got) == sorted(want)  # the same names out of order: report the first
        for i, (g, w) in enumerate(zip(got, want, strict=True), start=1):
            if g != w:
                add(f"{'columns are out of order: ' if moved else ''}column {i} is {g!r}, the "
                    f"schema expects {w!r} ({'' if moved else 'renamed? '}", w,
                    "incorrect-label")
                if moved:
                    break
    else:
        for w in (w for w in want if w not in got):
            add(f"column {w!r} is missing (", w, "missing-label")
        for g in (g for g in got if g not in want):
            add(f"column {g!r} is not in the schema (", g, "extra-label")
        if len(report.errors) == before:
            report.add(DataPackageError(f"header is {','.join(got)}; it must be: {expected}",
                                        file=rel, row=1, code="incorrect-label"))
    return False


def _arrow_read(body: bytes, dialect: dict[str, Any], names: list[str],
                include: list[str] | None = None, one_line: bool = False) -> tuple[pa.Table, int]:
    """Read ``body`` (header included) with every cell as a string; count the odd rows."""
    odd = [0]

    def skip(_row: Any) -> str:
        odd[0] += 1
        return "skip"

    table = pacsv.read_csv(
        pa.BufferReader(body),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
        parse_options=pacsv.ParseOptions(
            delimiter=dialect["delimiter"], quote_char=dialect["quoteChar"],
            double_quote=True, escape_char=False, newlines_in_values=not one_line,
            ignore_empty_lines=False, invalid_row_handler=skip),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.string()), null_values=[],
            strings_can_be_null=False, quoted_strings_can_be_null=False,
            include_columns=include))
    return table, odd[0]


def _one_line_read(body: bytes, dialect: dict[str, Any], names: list[str]) -> pa.Table | None:
    """Read ``body`` with Arrow's faster parser for one line per row; None unless it fits.

    Arrow splits a file whose cells hold no newline among its threads much faster. The
    result is kept only when no row was odd, Arrow raised nothing and the file has exactly
    one line per row (header included): with two fields or more, a row cut at a newline
    inside a quoted cell leaves a piece of the wrong width, and a newline kept inside a
    cell leaves more lines than rows.
    """
    if len(names) < 2:
        return None
    try:
        table, odd = _arrow_read(body, dialect, names, one_line=True)
    except pa.ArrowInvalid:
        return None
    return None if odd or _line_count(body) != table.num_rows + 1 else table


def _last_record_closed(body: bytes, last: list[str], dialect: dict[str, Any]) -> bool:
    """Tell whether ``last``, the last record read, is whole: no quote left open at the end.

    Arrow, and :mod:`csv` when not strict, read a quote that is never closed as a cell
    running to the end of the file; frictionless's rows would not agree, so it is refused.
    Only the last record is read again, strictly, from the line where it starts.
    """
    start = len(body) - 1 if body.endswith(b"\n") else len(body)
    for _ in range(sum(cell.count("\n") for cell in last) + 1):
        start = body.rfind(b"\n", 0, start)
    try:
        return list(_reader(io.StringIO(body[start + 1:].decode("utf-8"), newline=""),
                            dialect)) == [last]
    except (csv.Error, UnicodeDecodeError):
        return False


def _odd(record: list[str], names: list[str]) -> tuple[str, str | None, str] | None:
    """Return why a record read by :mod:`csv` is not a row of this table (None: it is)."""
    width = len(names)
    if not record:
        return "is a blank line", None, "blank-row"
    if len(record) < width:
        return f"has {len(record)} cells; the header has {width}", names[len(record)], (
            "missing-cell")
    if len(record) > width:
        return f"has {len(record)} cells; the header has {width}", None, "extra-cell"
    if max(map(len, record)) > FIELD_LIMIT:
        return (f"holds a cell of more than {FIELD_LIMIT} characters (the limit of Python's "
                "csv reader, which frictionless uses)", None, "cell-too-long")
    return None


def _exact_read(text: str, dialect: dict[str, Any], names: list[str], rel: str,
                report: Report) -> tuple[pa.Table, np.ndarray]:
    """Read ``text`` record by record with :mod:`csv`: report every row of the wrong shape."""
    kept, rows = [], []
    row, record = 1, []
    with _no_field_limit():
        reader = _reader(io.StringIO(text, newline=""), dialect, strict=False)
        next(reader, None)
        for row, record in enumerate(reader, start=2):
            record = [""] if not record and len(names) == 1 else record
            problem = _odd(record, names)
            if problem is None:
                kept.append(record)
                rows.append(row)
            else:
                report.add(DataPackageError(problem[0], file=rel, row=row, field=problem[1],
                                            code=problem[2]))
    if row > 1 and not _last_record_closed(text.encode("utf-8"), record, dialect):
        report.add(DataPackageError(_csv_problem(csv.Error("unexpected end of data")),
                                    file=rel, row=row, code="source-error"))
        if rows and rows[-1] == row:
            kept.pop()
            rows.pop()
    columns = list(zip(*kept, strict=True)) if kept else [()] * len(names)
    table = pa.table({n: pa.array(list(c), pa.string())
                      for n, c in zip(names, columns, strict=True)})
    return table, np.asarray(rows, dtype=np.int64)


def _as_csv_reads(table: pa.Table, body: bytes, dialect: dict[str, Any]) -> bool:
    """Tell whether Arrow's ``table`` holds the rows :mod:`csv` reads in ``body``.

    Arrow reads a blank line as a row of empty cells, a cell of any length and a quote left
    open at the end as a cell running to the end: any of these sends the file to the exact
    reader.
    """
    empty = pc.equal(table.column(0), "")
    if pc.any(empty).as_py():
        for name in table.column_names[1:]:
            empty = pc.and_(empty, pc.equal(table.column(name), ""))
        if pc.any(empty).as_py():
            return False
    if len(body) > FIELD_LIMIT and max(pc.max(pc.binary_length(col)).as_py() or 0
                                       for col in table.columns) > FIELD_LIMIT:
        return False
    return table.num_rows == 0 or _last_record_closed(
        body, [c[-1].as_py() for c in table.columns], dialect)


def read_text(data: bytes, resource: dict[str, Any], rel: str, names: list[str],
              report: Report, include: list[str] | None = None) -> TextTable | None:
    """Check the header and each row's shape; return every cell as text.

    Parameters
    ----------
    data : bytes
        The file's content (its bytes already checked by :func:`check_bytes`).
    resource : dict
        The resource descriptor (its ``dialect``).
    rel : str
        The file's path inside the package, for messages.
    names : list of str
        The schema's field names: the header must be exactly these.
    report : Report
        Where errors go.
    include : list of str, optional
        Read only these columns (another table's keys); rows of the wrong shape are then
        skipped without a word (that table's own check reports them).

    Returns
    -------
    TextTable or None
        The cells as text; None if the file cannot be read as this table (reported).
    """
    dialect = dialect_of(resource)
    # CR (already reported by check_bytes) is read as a line end, as csv reads it
    body = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in data else data
    body = body[len(BOM):] if body.startswith(BOM) else body
    try:
        with _no_field_limit():
            header = next(_reader(_lines(body), dialect), [])
    except UnicodeDecodeError as exc:
        report.add(DataPackageError(f"is not UTF-8: byte {exc.object[exc.start]:#04x} in the "
                                    "header cannot be decoded; save the file as UTF-8",
                                    file=rel, row=1, code="encoding-error"))
        return None
    except csv.Error as exc:
        report.add(DataPackageError(f"the header: {_csv_problem(exc)}", file=rel, row=1,
                                    code="source-error"))
        return None
    if not _check_header(header, names, rel, report):
        return None
    fast = _one_line_read(body, dialect, names) if include is None else None
    try:
        table, odd = (fast, 0) if fast is not None else _arrow_read(body, dialect, names,
                                                                    include)
    except pa.ArrowInvalid as exc:
        problem = utf8_error(data, rel) if "UTF8" in str(exc) or "UTF-8" in str(exc) else None
        if problem is not None:
            report.add(problem)
            return None
        table, odd = None, 1  # something odd: the exact reader names it
    if include is not None:
        if table is None:  # that table's own check names the problem; read what can be read
            text = _exact_read(body.decode("utf-8"), dialect, names, rel,
                               Report(stop_at_first=False))[0]
            table = text.select(include)
        return TextTable(rel, include, table, np.arange(2, table.num_rows + 2))
    if odd == 0 and table is not None and _as_csv_reads(table, body, dialect):
        return TextTable(rel, names, table, np.arange(2, table.num_rows + 2), fast is not None
                         or _line_count(body) == table.num_rows + 1)
    text, rows = _exact_read(body.decode("utf-8"), dialect, names, rel, report)
    return TextTable(rel, names, text, rows)
