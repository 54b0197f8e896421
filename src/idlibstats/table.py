"""Read one table of a data package and check it against its descriptor: the loader's core.

Everything the descriptor says is enforced here, vectorised: the file's bytes (UTF-8, no
BOM, LF line ends, ``bytes`` and ``hash``), the header, the shape of every row, each
field's type and constraints, the primary key, the foreign keys and the row rules of
``checks/<resource>.json``. A problem is a :class:`~idlibstats.errors.DataPackageError`
naming file, row (as a spreadsheet counts: header = row 1) and field. In ``raise`` mode
(the loader) the first problem is raised; in ``collect`` mode (``idlibstats validate``)
every problem is gathered. Nothing is ever written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from idlibstats import rowrules
from idlibstats.errors import DataPackageError
from idlibstats.fastmatch import not_matching
from idlibstats.package import Package
from idlibstats.schema import DATE_DTYPE, field_dtype, missing_values, schema_problems

__all__ = ["CHECKS_DIR", "Sink", "check_bytes", "forget_checked_tables", "read_table"]

CHECKS_DIR = "checks"
"""Folder, next to ``datapackage.json``, of the per-resource checklists (``<name>.json``)."""

BOM = b"\xef\xbb\xbf"
_SENTINEL = "\x01"
_INTEGER = r"-?[0-9]+"
_NUMBER = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|-?INF"
_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


@dataclass
class Sink:
    """Where problems go: raised at once (``collect=False``) or gathered in ``problems``."""

    collect: bool = False
    problems: list[DataPackageError] = field(default_factory=list)

    def add(self, problem: DataPackageError) -> None:
        """Raise ``problem``, or record it when collecting."""
        if not self.collect:
            raise problem
        self.problems.append(problem)


def _show(value: Any, limit: int = 60) -> str:
    text = str(value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


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


# ---------------------------------------------------------------- reading


@dataclass
class _Table:
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
        for name in names:
            self.cell_bad[name] = self.cell_bad.get(name, np.zeros(len(self.ok), bool)) | bad

    def rows(self, positions: np.ndarray) -> np.ndarray:
        return positions + 2


def _header(data: bytes, dialect: dict[str, Any]) -> list[str]:
    body = data[len(BOM):] if data.startswith(BOM) else data
    end = body.find(b"\n")
    first = (body if end < 0 else body[:end]).rstrip(b"\r").decode("utf-8")
    return next(csv.reader([first], delimiter=dialect["delimiter"], quotechar=dialect["quoteChar"]),
                [])


def _check_header(got: list[str], want: list[str], rel: str, sink: Sink) -> bool:
    if got == want:
        return True
    expected = ",".join(want)
    before = len(sink.problems)
    if sorted(got) == sorted(want):
        for i, (g, w) in enumerate(zip(got, want, strict=True), start=1):
            if g != w:
                sink.add(DataPackageError(
                    f"columns are out of order: column {i} is {g!r}, the schema expects {w!r} "
                    f"(header must be: {expected})", file=rel, row=1, field=w))
                break
    elif len(got) == len(want):
        for i, (g, w) in enumerate(zip(got, want, strict=True), start=1):
            if g != w:
                sink.add(DataPackageError(
                    f"column {i} is {g!r}, the schema expects {w!r} (renamed? header must be: "
                    f"{expected})", file=rel, row=1, field=w))
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


def _parse(data: bytes, resource: dict[str, Any], rel: str, names: list[str],
           sink: Sink, usecols: list[str] | None = None, *, shapes: bool = True
           ) -> _Table | None:
    """Parse the CSV (every cell as text) and check that each row has as many cells as names."""
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
        raw = pd.read_csv(
            io.BytesIO(body), sep=dialect["delimiter"], quotechar=dialect["quoteChar"],
            header=0, names=columns, usecols=usecols, dtype=str, keep_default_na=False,
            na_filter=False, skip_blank_lines=False, index_col=False, encoding="utf-8",
            engine="c",
        )
    except UnicodeDecodeError:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            sink.add(DataPackageError(
                f"is not UTF-8: byte {exc.object[exc.start]:#04x} on line "
                f"{_line_of(data, exc.start)} cannot be decoded; save the file as UTF-8",
                file=rel, row=_line_of(data, exc.start)))
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
    ok = np.ones(len(raw), bool)
    table = _Table(rel, names, raw, one_line, ok)
    if usecols is not None or not shapes:
        return table
    if sentinel and one_line:
        short = (raw[_SENTINEL] != _SENTINEL).to_numpy()
        for i in np.flatnonzero(short):
            cells = raw.iloc[i].tolist()
            count = cells.index(_SENTINEL) if _SENTINEL in cells else len(names)
            blank = count == 1 and cells[0] == ""
            sink.add(DataPackageError(
                "is a blank line" if blank else f"has {count} cells; the header has {len(names)}",
                file=rel, row=int(i) + 2, field=None if blank else names[count]))
        ok &= ~short
        table.text = raw.drop(columns=_SENTINEL)
    else:  # a cell holds a newline: the marker trick does not apply; count cells exactly
        text = body.decode("utf-8") if not sentinel else data.decode("utf-8").replace("\r\n", "\n")
        if sentinel:
            raw = pd.read_csv(io.StringIO(text), sep=dialect["delimiter"],
                              quotechar=dialect["quoteChar"], header=0, names=names, dtype=str,
                              keep_default_na=False, na_filter=False, skip_blank_lines=False,
                              index_col=False)
            table.text = raw
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect["delimiter"],
                            quotechar=dialect["quoteChar"])
        try:
            next(reader, None)
            for i, record in enumerate(reader):
                if len(record) < len(names):
                    sink.add(DataPackageError(
                        f"has {len(record)} cells; the header has {len(names)}", file=rel,
                        row=i + 2, field=names[len(record)]))
                    if i < len(ok):
                        ok[i] = False
        except csv.Error as exc:
            sink.add(DataPackageError(f"is not a readable CSV: {exc}", file=rel))
            return None
    return table


# ---------------------------------------------------------------- cells


def _report(sink: Sink, table: _Table, bad: np.ndarray, name: str,
            message: Callable[[str], str]) -> None:
    """Report every row of ``bad`` (bool mask over all rows) for field ``name``."""
    bad = bad & table.usable(name)
    if not bad.any():
        return
    text = table.text[name]
    for i in np.flatnonzero(bad):
        sink.add(DataPackageError(message(text.iloc[i]), file=table.rel, row=int(i) + 2,
                                  field=name))
    if sink.collect:
        table.mark([name], bad)


def _formula_hint(value: str) -> str:
    return (f"; it starts with {value[0]!r}, which a spreadsheet would run as a formula"
            if value[:1] in ("=", "+", "-", "@") else "")


def _pattern_mask(table: _Table, present: np.ndarray, pattern: str,
                  spread: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    if table.trusted:
        return np.zeros(len(table.ok), bool)
    return spread(not_matching(present, pattern, table.one_line))


def _cells(table: _Table, spec: dict[str, Any], missing: list[str], sink: Sink) -> pd.Series:
    """Check one column's cells against its field descriptor; return it typed."""
    name = spec["name"]
    text = table.text[name]
    kind = spec.get("type", "string")
    constraints = spec.get("constraints", {}) or {}
    dtype = field_dtype(spec)
    values = text.to_numpy(dtype=object)
    required = bool(constraints.get("required") or spec.get("_key"))
    if missing and not (table.trusted and required):  # trusted: required cells are all there
        is_missing = _is_missing(values, missing)
    else:
        is_missing = np.zeros(len(values), bool)
    absent = bool(is_missing.any())
    present = values[~is_missing] if absent else values
    where = np.flatnonzero(~is_missing) if absent else None

    def spread(sub: np.ndarray) -> np.ndarray:
        if where is None:
            return sub
        full = np.zeros(len(values), bool)
        full[where] = sub
        return full

    if absent and required:
        _report(sink, table, is_missing, name, lambda v: "is empty, but a value is required")

    if isinstance(dtype, pd.CategoricalDtype):
        codes = dtype.categories.get_indexer(values)
        cat = pd.Categorical.from_codes(codes, dtype=dtype)
        options = ", ".join(map(str, dtype.categories))
        _report(sink, table, (codes < 0) & ~is_missing, name,
                lambda v: f"{_show(v)} is not one of: {options}")
        out = pd.Series(cat, name=name)
    elif kind == "integer":
        _report(sink, table, _pattern_mask(table, present, _INTEGER, spread), name,
                lambda v: f"is not an integer (digits, optionally after a minus sign): {_show(v)}")
        out = _to_int(values, is_missing, table, name, sink)
    elif kind == "number":
        _report(sink, table, _pattern_mask(table, present, _NUMBER, spread), name,
                lambda v: f"is not a number: {_show(v)}")
        good = ~is_missing & table.usable(name)
        numbers = np.zeros(len(values), "float64")
        numbers[good] = np.asarray([float(v.replace("INF", "inf")) for v in values[good]])
        out = pd.Series(pd.arrays.FloatingArray(numbers, ~good), name=name)
    elif kind == "date":
        fmt = spec.get("format", "default")
        fmt = "%Y-%m-%d" if fmt == "default" else fmt
        if fmt == "%Y-%m-%d":
            _report(sink, table, _pattern_mask(table, present, _ISO_DATE, spread),
                    name, lambda v: f"is not a date (YYYY-MM-DD): {_show(v)}")
        out = pd.Series(_to_dates(values, is_missing, fmt, table, name, sink), name=name)
    elif kind == "boolean":
        trues, falses = spec.get("trueValues", _TRUE), spec.get("falseValues", _FALSE)
        is_true, is_false = np.isin(values, trues), np.isin(values, falses)
        _report(sink, table, ~(is_true | is_false | is_missing), name,
                lambda v: f"is not a boolean ({', '.join([*trues, *falses])}): {_show(v)}")
        out = pd.Series(pd.arrays.BooleanArray(is_true, ~(is_true | is_false)), name=name)
    else:
        if "pattern" in constraints:
            pattern = constraints["pattern"]
            _report(sink, table, _pattern_mask(table, present, pattern, spread), name,
                    lambda v: f"does not match the pattern {pattern}: {_show(v)}"
                    + _formula_hint(v))
        out = text.astype("string")
        if absent:
            out = out.mask(is_missing)
        if "minLength" in constraints or "maxLength" in constraints:
            lengths = out.str.len()
            low, high = constraints.get("minLength", 0), constraints.get("maxLength", np.inf)
            _report(sink, table, ((lengths < low) | (lengths > high)).fillna(False).to_numpy(),
                    name, lambda v: f"has {len(v)} characters, allowed {low} to {high}: "
                    f"{_show(v)}")
    _bounds(out, spec, table, sink)
    if kind != "string" and "enum" in constraints:
        allowed = pd.Series(constraints["enum"]).astype(str).tolist()
        _report(sink, table, ~np.isin(values, allowed) & ~is_missing, name,
                lambda v: f"{_show(v)} is not one of: {', '.join(allowed)}")
    out.index = table.text.index
    return out


def _to_dates(values: np.ndarray, is_missing: np.ndarray, fmt: str, table: _Table, name: str,
              sink: Sink) -> np.ndarray:
    """Parse dates (shape already checked for ISO); report the ones that are no real day."""
    good = ~is_missing & table.usable(name)
    out = np.full(len(values), np.datetime64("NaT"), dtype=DATE_DTYPE)
    shape = fmt.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
    if fmt == "%Y-%m-%d":
        try:
            out[good] = np.array(values[good], dtype="datetime64[D]")
            return out
        except ValueError:
            pass  # some value is no real day (2019-02-30): find which, below
    parsed = pd.to_datetime(pd.Series(np.where(good, values, None), dtype=object), format=fmt,
                            errors="coerce").to_numpy(dtype=DATE_DTYPE)
    _report(sink, table, np.isnat(parsed) & good, name,
            lambda v: f"is not a date ({shape}): {_show(v)}")
    return parsed


def _to_int(values: np.ndarray, is_missing: np.ndarray, table: _Table, name: str,
            sink: Sink) -> pd.Series:
    good = ~is_missing & table.usable(name)
    numbers = np.zeros(len(values), "int64")
    try:
        numbers[good] = values[good].astype("int64")
    except (OverflowError, ValueError):
        too_big = np.zeros(len(values), bool)
        for i in np.flatnonzero(good):
            try:
                numbers[i] = np.int64(int(values[i]))
            except (OverflowError, ValueError):
                too_big[i] = True
        _report(sink, table, too_big, name,
                lambda v: f"is too large for a 64-bit integer: {_show(v)}")
        good &= ~too_big
    return pd.Series(pd.arrays.IntegerArray(numbers, ~good), name=name)


def _bounds(out: pd.Series, spec: dict[str, Any], table: _Table, sink: Sink) -> None:
    constraints = spec.get("constraints", {}) or {}
    if table.trusted:
        return
    checks = [("minimum", np.less, "is below the minimum"),
              ("maximum", np.greater, "is above the maximum"),
              ("exclusiveMinimum", np.less_equal, "must be above"),
              ("exclusiveMaximum", np.greater_equal, "must be below")]
    for key, breaks, words in checks:
        if key not in constraints:
            continue
        limit = constraints[key]
        if spec.get("type") == "date":
            limit = pd.Timestamp(limit)
        bad = breaks(out, limit).fillna(False).to_numpy(dtype=bool)
        _report(sink, table, bad, spec["name"], lambda v, w=words, m=limit: f"{w} {m}: {_show(v)}")


# ---------------------------------------------------------------- keys


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def _keys(table: _Table, schema: dict[str, Any], sink: Sink, missing: list[str]) -> None:
    """Primary key and ``unique`` constraints."""
    pk = _as_list(schema.get("primaryKey"))
    for spec in schema["fields"]:
        name = spec["name"]
        if not (spec.get("constraints", {}) or {}).get("unique") or pk == [name]:
            continue
        col = table.text[name]
        keep = table.usable(name) & ~_is_missing(col.to_numpy(dtype=object), missing)
        _duplicates(table, col[keep], name, f"is not unique in {name}", sink)
    if pk:
        kept = table.text[pk][table.usable(*pk)]
        col = (kept[pk[0]] if len(pk) == 1 else
               pd.Series(list(zip(*(kept[c] for c in pk), strict=True)), index=kept.index,
                         dtype=object))
        _duplicates(table, col, ", ".join(pk), f"primary key ({', '.join(pk)}) is repeated", sink)


def _duplicates(table: _Table, col: pd.Series, field_name: str, words: str, sink: Sink) -> None:
    dup = col.duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    first_row = {}
    for pos, value in zip(col.index, col.to_numpy(), strict=True):
        first_row.setdefault(value, int(pos) + 2)
    for pos, value in zip(col.index[dup], col.to_numpy()[dup], strict=True):
        shown = _show(value if not isinstance(value, tuple) else ", ".join(value))
        sink.add(DataPackageError(f"{words}: {shown} is already in row {first_row[value]}",
                                  file=table.rel, row=int(pos) + 2, field=field_name))


def referenced_keys(package: Package, name: str, fields: list[str],
                    cache: dict[Any, Any] | None = None) -> set[Any]:
    """Return the set of key values (tuples for composite keys) of resource ``name``.

    Reads only the key columns (after checking the file's bytes and hash), so that
    checking ``figures``' references does not load the tables they point to.

    Raises
    ------
    DataPackageError
        If that file cannot be read or does not fit its descriptor's bytes, hash or header.
    """
    tag = (name, tuple(fields))
    if cache is not None and tag in cache:
        return cache[tag]
    resource = package.resource(name)
    names = [f["name"] for f in resource["schema"]["fields"]]
    for f in fields:
        if f not in names:
            raise DataPackageError(f"foreign key points to {name}.{f}, which is not a field",
                                   file="datapackage.json")
    data = package.resource_path(name).read_bytes()
    sink = Sink(collect=False)
    finish = check_bytes(data, resource, resource["path"], sink)
    table = _parse(data, resource, resource["path"], names, sink, usecols=fields)
    if finish is not None:
        finish()
    assert table is not None
    missing = set(missing_values(resource["schema"]))
    if len(fields) == 1:
        keys = set(table.text[fields[0]].tolist()) - missing
    else:
        keys = {t for t in zip(*(table.text[f].tolist() for f in fields), strict=True)
                if not any(v in missing for v in t)}
    if cache is not None:
        cache[tag] = keys
    return keys


def _is_missing(values: np.ndarray, missing: list[str]) -> np.ndarray:
    if len(missing) == 1:
        return np.asarray(values == missing[0], dtype=bool)
    return pd.Series(values, dtype=object).isin(missing).to_numpy()


def _in_set(values: np.ndarray, keys: set[Any]) -> np.ndarray:
    """``values`` (objects) found in ``keys``: one set lookup per distinct value."""
    codes, uniques = pd.factorize(values)
    known = np.fromiter((u in keys for u in uniques), bool, count=len(uniques))
    return known[codes] if len(values) else np.zeros(0, bool)


def _foreign_keys(package: Package, name: str, table: _Table, schema: dict[str, Any],
                  missing: list[str], sink: Sink, cache: dict[Any, Any] | None) -> None:
    for fk in schema.get("foreignKeys", []) or []:
        here, ref = _as_list(fk["fields"]), fk["reference"]
        there, target = _as_list(ref["fields"]), ref["resource"] or name
        cells = table.text[here]
        blank = np.logical_and.reduce([_is_missing(cells[f].to_numpy(dtype=object), missing)
                                       for f in here])
        check = table.usable(*here) & ~blank
        if not check.any():
            continue
        if target == name:
            own = table.text[there]
            keys = (set(own[there[0]].tolist()) if len(there) == 1
                    else set(zip(*(own[f].tolist() for f in there), strict=True)))
        else:
            try:
                keys = referenced_keys(package, target, there, cache)
            except DataPackageError as exc:
                if not sink.collect:
                    raise
                if cache is None or ("_reported", target) not in cache:
                    source = exc.file or target
                    sink.add(DataPackageError(
                        f"foreign key {', '.join(here)} cannot be checked until {source} is "
                        "fixed (see its own error)", file=table.rel, field=", ".join(here)))
                    if cache is not None:
                        cache[("_reported", target)] = True
                continue
        if len(here) == 1:
            found = _in_set(cells[here[0]].to_numpy(dtype=object), keys)
        else:
            found = pd.MultiIndex.from_frame(cells).isin(list(keys))
        bad = check & ~found
        if not bad.any():
            continue
        target_file = package.resource(target).get("path", target)
        for i in np.flatnonzero(bad):
            value = ", ".join(cells.iloc[i].tolist())
            sink.add(DataPackageError(
                f"{_show(value)} is not a known {', '.join(there)} in {target} ({target_file})",
                file=table.rel, row=int(i) + 2, field=", ".join(here)))
        if sink.collect:
            table.mark(here, bad)


# ---------------------------------------------------------------- row rules


def _row_rules(package: Package, name: str, table: _Table, frame: pd.DataFrame,
               sink: Sink) -> None:
    path = package.root / CHECKS_DIR / f"{name}.json"
    if not path.is_file():
        return
    rel = f"{CHECKS_DIR}/{name}.json"
    try:
        formulas = rowrules.load_checklist(path)
    except ValueError as exc:
        sink.add(DataPackageError(str(exc), file=rel))
        return
    for formula in formulas:
        used = [n for n in rowrules.formula_names(formula) if n in frame.columns]
        kept = np.flatnonzero(table.usable(*used))  # rows whose cells it reads are sound
        rows = frame if len(kept) == len(frame) else frame.iloc[kept]
        holds = rowrules.rule_holds(formula, rows)
        if holds.all():
            continue
        for pos in np.flatnonzero(~holds):
            i = int(kept[pos])
            shown = ", ".join(f"{n}={_show(table.text[n].iloc[i])}" for n in used)
            sink.add(DataPackageError(f"breaks the rule `{formula}` ({rel}): {shown}",
                                      file=table.rel, row=i + 2, field=", ".join(used) or None))


# ---------------------------------------------------------------- the whole table


def read_table(package: Package, name: str, sink: Sink,
               cache: dict[Any, Any] | None = None) -> pd.DataFrame | None:
    """Read resource ``name`` of ``package`` as a typed DataFrame, checking all of it.

    Parameters
    ----------
    package : Package
        An opened package.
    name : str
        The resource name.
    sink : Sink
        ``Sink()`` raises the first problem; ``Sink(collect=True)`` gathers them all.
    cache : dict, optional
        Referenced key sets already read (shared across tables by ``validate_package``).

    Returns
    -------
    pandas.DataFrame or None
        The typed table (None when it could not be read at all, in collect mode).

    Raises
    ------
    DataPackageError
        In raise mode, the first problem found.
    """
    resource = package.resource(name)
    schema = resource.get("schema")
    rel = resource.get("path") if isinstance(resource.get("path"), str) else name
    problems = schema_problems(schema)
    if problems:
        for problem in problems:
            sink.add(DataPackageError(f"resource {name}: {problem}", file="datapackage.json"))
        return None
    path = package.resource_path(name)
    data = path.read_bytes()
    finish = check_bytes(data, resource, rel, sink)
    if finish is None:
        return None
    names = [f["name"] for f in schema["fields"]]
    context = None if sink.collect else _context(package, name, resource)
    trusted = context is not None and _TRUSTED.get((str(package.root), name)) is not None
    table = _parse(data, resource, rel, names, sink, shapes=not trusted)
    sha256 = finish()
    if table is None:
        return None
    key = (str(package.root), name)
    fingerprint = (sha256, context)
    if trusted and _TRUSTED.get(key) != fingerprint:  # changed since it was checked: check all
        _TRUSTED.pop(key, None)
        table = _parse(data, resource, rel, names, sink)
        assert table is not None
        trusted = False
    table.trusted = trusted
    missing = missing_values(schema)
    pk = set(_as_list(schema.get("primaryKey")))
    columns = {}
    for spec in schema["fields"]:
        spec = {**spec, "_key": spec["name"] in pk}
        columns[spec["name"]] = _cells(table, spec, missing, sink)
    frame = pd.DataFrame(columns)
    frame.index = pd.RangeIndex(len(frame))
    if not trusted:
        _keys(table, schema, sink, missing)
        _foreign_keys(package, name, table, schema, missing, sink, cache)
        _row_rules(package, name, table, frame, sink)
        if context is not None:  # raise mode: reaching here means every check passed
            _TRUSTED[key] = fingerprint
            while len(_TRUSTED) > _TRUSTED_MAX:
                _TRUSTED.pop(next(iter(_TRUSTED)))
    return frame


_TRUSTED: dict[tuple[str, str], tuple[str, Any]] = {}
"""Tables whose exact bytes, descriptor, checklist and referenced files passed every check.

In-process memory only (nothing is written): loading the same unchanged table again only
re-verifies its hash and the fingerprint, then types it without re-running the checks.
"""
_TRUSTED_MAX = 64


def forget_checked_tables() -> None:
    """Forget which tables passed their checks, so the next load checks everything again."""
    _TRUSTED.clear()


def _context(package: Package, name: str, resource: dict[str, Any]) -> Any:
    """Everything besides the table's own bytes that its checks depend on."""
    checklist = package.root / CHECKS_DIR / f"{name}.json"
    refs = []
    for fk in resource["schema"].get("foreignKeys", []) or []:
        target = (fk.get("reference") or {}).get("resource") or name
        if target != name and target in package.resources:
            try:
                target_bytes = package.resource_path(target).read_bytes()
            except DataPackageError:
                return None
            refs.append((target, json.dumps(package.resource(target), sort_keys=True),
                         hashlib.sha256(target_bytes).hexdigest()))
    return (json.dumps(resource, sort_keys=True),
            checklist.read_bytes() if checklist.is_file() else None, tuple(refs))
