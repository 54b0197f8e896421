"""The bytes of one CSV and its cells as text: the first half of checking a table.

:func:`check_bytes` checks the file as bytes (not empty, no BOM, LF line ends, the
descriptor's ``bytes`` and ``hash``, hashed in the background). :func:`parse` checks the
header against the schema's field names, reads every cell as text with pandas and checks
that each row has as many cells as the header; it returns a :class:`RawTable`, which the
later checks (:mod:`idlibstats.cells`, :mod:`idlibstats.keys`, the row rules) read and in
which they mark the cells they have reported. Rows are counted as a spreadsheet counts
them: header = row 1.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from idlibstats.errors import DataPackageError, Sink

__all__ = ["RawTable", "check_bytes", "parse", "utf8_error"]

BOM = b"\xef\xbb\xbf"
_SENTINEL = "\x01"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# ---------------------------------------------------------------- bytes of the file


def _digest(data: bytes, algorithm: str) -> Callable[[], str]:
    """Hash ``data`` in a thread (hashlib releases the GIL) while the CSV is parsed."""
    result: dict[str, str] = {}

    def work() -> None:
        result["hex"] = hashlib.new(algorithm, data).hexdigest()

    if len(data) < 1 << 20:
        work()
        return lambda: result["hex"]
    thread = threading.Thread(target=work, daemon=True)
    thread.start()

    def wait() -> str:
        thread.join()
        return result["hex"]

    return wait


def _expected_hash(resource: dict[str, Any]) -> tuple[str, str] | None:
    value = resource.get("hash")
    if not isinstance(value, str) or not value:
        return None
    algorithm, _, hexdigest = value.rpartition(":")
    return (algorithm or "md5"), hexdigest.lower()


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
        Names the file, the row (line) and the offending byte; None when ``data`` is UTF-8.
    """
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        return DataPackageError(
            f"is not UTF-8: byte {exc.object[exc.start]:#04x} on line {line} cannot be "
            "decoded; save the file as UTF-8", file=rel, row=line)
    return None


def check_bytes(
    data: bytes, resource: dict[str, Any], rel: str, sink: Sink
) -> Callable[[], str] | None:
    """Check a CSV's bytes: not empty, no BOM, LF line ends, UTF-8 header; ``bytes``/``hash``.

    Parameters
    ----------
    data : bytes
        The file's content.
    resource : dict
        The resource descriptor (``bytes``, ``hash`` are checked when present).
    rel : str
        The file's path inside the package, for messages.
    sink : Sink
        Where problems go.

    Returns
    -------
    callable or None
        None if the file cannot be read further (empty); else a function that checks
        ``bytes`` and ``hash`` (the hash is computed in the background meanwhile) and
        returns the file's SHA-256.
    """
    if not data:
        sink.add(DataPackageError("is empty (0 bytes); a table needs at least its header row",
                                  file=rel))
        return None
    if data.startswith(BOM):
        sink.add(DataPackageError("starts with a UTF-8 byte order mark (BOM); save as UTF-8 "
                                  "without BOM", file=rel, row=1))
    cr = data.find(b"\r")
    if cr >= 0:
        what = ("has CRLF (Windows) line ends; save with LF line ends"
                if data[cr + 1: cr + 2] == b"\n" else
                "holds a carriage return (CR); save with LF line ends only")
        sink.add(DataPackageError(what, file=rel, row=_line_of(data, cr)))
    expected = _expected_hash(resource)
    sha256 = _digest(data, "sha256")
    pending = None
    if expected is not None:
        if expected[0] not in hashlib.algorithms_guaranteed:
            sink.add(DataPackageError(f"hash algorithm {expected[0]!r} is unknown",
                                      file="datapackage.json"))
        else:
            pending = sha256 if expected[0] == "sha256" else _digest(data, expected[0])
    size = resource.get("bytes")

    def finish() -> str:
        changed = []
        if isinstance(size, int) and len(data) != size:
            changed.append(f"is {len(data)} bytes, datapackage.json says {size}")
        if pending is not None and expected is not None and pending() != expected[1]:
            changed.append(f"its {expected[0]} hash is not the one in datapackage.json")
        if changed:
            sink.add(DataPackageError(
                " and ".join(changed) + ": the file changed since it was stamped (after a "
                "deliberate edit, run `idlibstats stamp`)", file=rel))
        return sha256()

    return finish


# ---------------------------------------------------------------- cells as text


@dataclass
class RawTable:
    """One table's cells as text, and which rows and cells are still worth checking."""

    rel: str
    names: list[str]
    text: pd.DataFrame           # raw cells as str
    one_line: bool               # no cell holds a newline
    ok: np.ndarray               # rows still worth checking (collect mode)
    trusted: bool = False        # these exact bytes passed every check before: only type them
    cell_bad: dict[str, np.ndarray] = field(default_factory=dict)  # reported cells, by field

    def usable(self, *names: str) -> np.ndarray:
        """Rows whose shape is sound and whose cells in ``names`` had no problem reported."""
        ok = self.ok.copy()
        for name in names:
            if name in self.cell_bad:
                ok &= ~self.cell_bad[name]
        return ok

    def mark(self, names: list[str], bad: np.ndarray) -> None:
        """Record the cells of ``names`` in rows ``bad`` as reported (later checks skip them)."""
        for name in names:
            self.cell_bad[name] = self.cell_bad.get(name, np.zeros(len(self.ok), bool)) | bad


def _header(data: bytes, dialect: dict[str, Any]) -> list[str]:
    body = data[len(BOM):] if data.startswith(BOM) else data
    end = body.find(b"\n")
    first = (body if end < 0 else body[:end]).rstrip(b"\r").decode("utf-8")
    return next(csv.reader([first], delimiter=dialect["delimiter"], quotechar=dialect["quoteChar"]),
                [])


def _check_header(got: list[str], want: list[str], rel: str, sink: Sink) -> bool:
    """Report how header ``got`` differs from the schema's names ``want``; True if it does not."""
    if got == want:
        return True
    expected = ",".join(want)
    before = len(sink.problems)
    if len(got) == len(want):
        moved = sorted(got) == sorted(want)  # the same names out of order: report the first
        for i, (g, w) in enumerate(zip(got, want, strict=True), start=1):
            if g != w:
                sink.add(DataPackageError(
                    f"{'columns are out of order: ' if moved else ''}column {i} is {g!r}, the "
                    f"schema expects {w!r} ({'' if moved else 'renamed? '}header must be: "
                    f"{expected})", file=rel, row=1, field=w))
                if moved:
                    break
    else:
        for w in want:
            if w not in got:
                sink.add(DataPackageError(f"column {w!r} is missing (header must be: {expected})",
                                          file=rel, row=1, field=w))
        for g in got:
            if g not in want:
                sink.add(DataPackageError(f"column {g!r} is not in the schema (header must be: "
                                          f"{expected})", file=rel, row=1, field=g))
        if len(sink.problems) == before:
            sink.add(DataPackageError(f"header is {','.join(got)}; it must be: {expected}",
                                      file=rel, row=1))
    return False


def _dialect(resource: dict[str, Any]) -> dict[str, Any]:
    raw = resource.get("dialect", {}) or {}
    csv_part = raw.get("csv", raw) if isinstance(raw, dict) else {}
    return {"delimiter": csv_part.get("delimiter", ","),
            "quoteChar": csv_part.get("quoteChar", '"'),
            "header": raw.get("header", True) if isinstance(raw, dict) else True}


def _read_text(source: io.BytesIO | io.StringIO, dialect: dict[str, Any], names: list[str],
               usecols: list[str] | None = None) -> pd.DataFrame:
    """Read every cell as text: nothing is missing yet, a blank line is a row."""
    return pd.read_csv(
        source, sep=dialect["delimiter"], quotechar=dialect["quoteChar"], header=0,
        names=names, usecols=usecols, dtype=str, keep_default_na=False, na_filter=False,
        skip_blank_lines=False, index_col=False, encoding="utf-8", engine="c",
    )


def parse(data: bytes, resource: dict[str, Any], rel: str, names: list[str],
          sink: Sink, usecols: list[str] | None = None, *, shapes: bool = True
          ) -> RawTable | None:
    """Parse the CSV (every cell as text) and check that each row has as many cells as names.

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
    sink : Sink
        Where problems go.
    usecols : list of str, optional
        Read only these columns (a referenced table's key columns); rows are not checked.
    shapes : bool, default True
        Check every row's number of cells (False: the bytes passed every check before).

    Returns
    -------
    RawTable or None
        The cells as text; None if the file cannot be read as this table (reported).
    """
    dialect = _dialect(resource)
    try:
        header = _header(data, dialect)
    except UnicodeDecodeError as exc:
        sink.add(DataPackageError(f"is not UTF-8: byte {exc.object[exc.start]:#04x} in the "
                                  "header cannot be decoded; save the file as UTF-8",
                                  file=rel, row=1))
        return None
    if not _check_header(header, names, rel, sink):
        return None
    body = data.replace(b"\r\n", b"\n") if b"\r" in data else data  # CR already reported
    delim = dialect["delimiter"].encode()
    sentinel = shapes and usecols is None and _SENTINEL.encode() not in body
    if sentinel:  # a marker cell after every line tells short rows from empty trailing cells
        body = body.replace(b"\n", delim + _SENTINEL.encode() + b"\n")
        if not body.endswith(b"\n"):
            body += delim + _SENTINEL.encode()
    columns = [*names, _SENTINEL] if sentinel else names
    try:
        raw = _read_text(io.BytesIO(body), dialect, columns, usecols)
    except UnicodeDecodeError:
        problem = utf8_error(data, rel)
        if problem is not None:
            sink.add(problem)
        return None
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            n, line, saw = (int(g) for g in found.groups())
            extra = 1 if sentinel else 0
            sink.add(DataPackageError(f"has {saw - extra} cells; the header has {n - extra}",
                                      file=rel, row=line))
        else:
            sink.add(DataPackageError(f"is not a readable CSV: {exc}", file=rel))
        return None
    one_line = shapes and len(raw) + 1 == body.count(b"\n") + (not body.endswith(b"\n"))
    table = RawTable(rel, names, raw, one_line, np.ones(len(raw), bool))
    if usecols is not None or not shapes:
        return table
    if sentinel and one_line:
        _check_marked_rows(table, raw, sink)
    else:  # a cell holds a newline: the marker trick does not apply; count cells exactly
        text = body.decode("utf-8") if not sentinel else data.decode("utf-8").replace("\r\n", "\n")
        if sentinel:
            table.text = _read_text(io.StringIO(text), dialect, names)
        if not _check_counted_rows(table, text, dialect, sink):
            return None
    return table


def _check_marked_rows(table: RawTable, raw: pd.DataFrame, sink: Sink) -> None:
    """Report the rows whose marker cell is not last (too few cells); drop the markers."""
    names = table.names
    short = (raw[_SENTINEL] != _SENTINEL).to_numpy()
    for i in np.flatnonzero(short):
        cells = raw.iloc[i].tolist()
        count = cells.index(_SENTINEL) if _SENTINEL in cells else len(names)
        blank = count == 1 and cells[0] == ""
        sink.add(DataPackageError(
            "is a blank line" if blank else f"has {count} cells; the header has {len(names)}",
            file=table.rel, row=int(i) + 2, field=None if blank else names[count]))
    table.ok &= ~short
    table.text = raw.drop(columns=_SENTINEL)


def _check_counted_rows(table: RawTable, text: str, dialect: dict[str, Any], sink: Sink) -> bool:
    """Count each row's cells with :mod:`csv` (cells may hold newlines); False if unreadable."""
    names, ok = table.names, table.ok
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect["delimiter"],
                        quotechar=dialect["quoteChar"])
    try:
        next(reader, None)
        for i, record in enumerate(reader):
            if len(record) < len(names):
                sink.add(DataPackageError(
                    f"has {len(record)} cells; the header has {len(names)}", file=table.rel,
                    row=i + 2, field=names[len(record)]))
                if i < len(ok):
                    ok[i] = False
    except csv.Error as exc:
        sink.add(DataPackageError(f"is not a readable CSV: {exc}", file=table.rel))
        return False
    return True
