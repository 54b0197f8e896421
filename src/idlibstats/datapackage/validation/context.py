"""What the checks of one table share: its cells as text, which are missing, which failed.

A :class:`TableContext` is made by the engine (:mod:`idlibstats.datapackage.validation.engine`) for
one
table and handed to each check in turn. A check reads the text (:meth:`TableContext.text`),
the typed values of the fields already typed (:attr:`TableContext.typed`), and reports rows
with :meth:`TableContext.flag`, which words one message per row (the exact, slow path, run
only for the rows at fault), adds it to the report and marks those cells, so that later
checks (keys, row rules) skip them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import Package
from idlibstats.datapackage.schema import missing_values
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.source import TextTable

__all__ = ["TableContext", "to_mask", "with_nulls"]


def to_mask(values: Any) -> np.ndarray:
    """Return an Arrow boolean array (nulls count as False) as a numpy bool mask."""
    if isinstance(values, np.ndarray):
        return values.astype(bool, copy=False)
    return pc.fill_null(values, False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def with_nulls(values: pa.ChunkedArray, missing: np.ndarray) -> pa.ChunkedArray:
    """Return text ``values`` with nulls where ``missing``, sharing their data (no copy)."""
    chunks, start = [], 0
    for chunk in values.chunks:
        part = missing[start: start + len(chunk)]
        start += len(chunk)
        if not part.any():
            chunks.append(chunk)
        elif chunk.offset == 0 and chunk.null_count == 0:
            valid = pa.array(~part).buffers()[1]
            chunks.append(pa.Array.from_buffers(chunk.type, len(chunk),
                                                [valid, *chunk.buffers()[1:]]))
        else:
            chunks.append(pc.if_else(pa.array(part), pa.scalar(None, chunk.type), chunk))
    return pa.chunked_array(chunks, type=values.type)


@dataclass
class TableContext:
    """One table being checked (see the module)."""

    package: Package
    name: str
    schema: dict[str, Any]
    table: TextTable
    report: Report
    cache: dict[Any, Any]
    missing: dict[str, np.ndarray] = field(default_factory=dict)
    bad: dict[str, np.ndarray] = field(default_factory=dict)
    typed: dict[str, pa.ChunkedArray | pa.Array] = field(default_factory=dict)

    @property
    def rel(self) -> str:
        """The table's file, as a path inside the package."""
        return self.table.rel

    @property
    def n(self) -> int:
        """Number of rows (of the right shape)."""
        return self.table.text.num_rows

    def text(self, name: str) -> pa.ChunkedArray:
        """Return the cells of field ``name`` as text."""
        return self.table.column(name)

    def is_missing(self, name: str) -> np.ndarray:
        """Which cells of ``name`` hold a missing value (the field's, else the schema's)."""
        if name not in self.missing:
            col = self.text(name)
            spec = next(f for f in self.schema["fields"] if f["name"] == name)
            values = missing_values(self.schema, spec)
            if not values:
                mask = np.zeros(self.n, bool)
            elif len(values) == 1:
                mask = to_mask(pc.equal(col, values[0]))
            else:
                mask = to_mask(pc.is_in(col, value_set=pa.array(values, pa.string())))
            self.missing[name] = mask
        return self.missing[name]

    def key_values(self, name: str) -> pa.ChunkedArray | pa.Array:
        """Return the values of ``name`` as keys compare them: typed, as frictionless does.

        Text for a string field; else the typed values (``1`` and ``01`` are one integer,
        ``0`` and ``-0`` too; ``-0.0`` is read as ``0.0``), null where missing or at fault.
        """
        spec = next(f for f in self.schema["fields"] if f["name"] == name)
        kind = spec.get("type", "string")
        if kind == "string" or name not in self.typed:
            return self.text(name)
        values = self.typed[name]
        return pc.add(values, 0.0) if kind == "number" else values

    def usable(self, *names: str) -> np.ndarray:
        """Rows whose cells in ``names`` had no problem reported."""
        ok = np.ones(self.n, bool)
        for name in names:
            if name in self.bad:
                ok &= ~self.bad[name]
        return ok

    def flag(self, name: str, bad: np.ndarray, message: Callable[[str], str]) -> None:
        """Report each row of ``bad`` whose cell of ``name`` is not already reported.

        Parameters
        ----------
        name : str
            The field at fault.
        bad : numpy.ndarray
            Bool mask over the rows.
        message : callable
            Words the problem from the cell's text.
        """
        bad = bad & self.usable(name)
        if not bad.any():
            return
        positions = np.flatnonzero(bad)
        texts = self.text(name).take(pa.array(positions)).to_pylist()
        self.bad[name] = self.bad.get(name, np.zeros(self.n, bool)) | bad
        for pos, value in zip(positions, texts, strict=True):
            self.report.add(DataPackageError(message(value), file=self.rel,
                                             row=int(self.table.rows[pos]), field=name))

    def row_of(self, position: int) -> int:
        """Return the spreadsheet row number of row ``position``."""
        return int(self.table.rows[position])

    def mark(self, names: list[str], bad: np.ndarray) -> None:
        """Mark the cells of ``names`` in rows ``bad`` as reported."""
        for name in names:
            self.bad[name] = self.bad.get(name, np.zeros(self.n, bool)) | bad
