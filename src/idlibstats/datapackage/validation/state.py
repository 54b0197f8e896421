"""What the checks read: one table's typed state, and what the tables of one run share.

A :class:`RunState` lives for one run (one loader call, one ``idlibstats validate``). A
:class:`TableState` is one table: its cells as Arrow text, which are missing, their typed
values (set by :mod:`.types` before any check runs) and which cells already have an error,
which later checks skip. A check reports with :meth:`TableState.flag` or ``.error``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from idlibstats.datapackage.errors import DataPackageError
from idlibstats.datapackage.locate import DESCRIPTOR, Package
from idlibstats.datapackage.schema import missing_values
from idlibstats.datapackage.validation.report import Report
from idlibstats.datapackage.validation.source import TextTable, check_bytes, read_text

__all__ = ["RunState", "TableState", "mask"]


def mask(values: Any) -> np.ndarray:
    """Return an Arrow boolean array (nulls count as False) as a numpy bool mask."""
    return pc.fill_null(values, False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


@dataclass
class RunState:
    """What the tables of one run share (``package``: the package being read)."""

    package: Package
    # other tables' columns already read, by (resource, fields)
    columns: dict[tuple[str, tuple[str, ...]], TextTable] = field(default_factory=dict)
    # (what, file): what already said it must wait for a broken file (said once)
    blocked: set[tuple[str, str]] = field(default_factory=set)
    checklist_said: bool = False  # a broken checklist is reported once per run

    def declares(self, name: str, fields: list[str]) -> bool:
        """Tell whether the package has resource ``name`` with every one of ``fields``."""
        schema = self.package.resources.get(name, {}).get("schema") or {}
        return set(fields) <= {f.get("name") for f in schema.get("fields", [])}

    def read_columns(self, name: str, fields: list[str]) -> TextTable:
        """Return columns ``fields`` of resource ``name`` as text, its bytes and header checked.

        Raises DataPackageError if that file cannot be read, does not fit its bytes, hash or
        header, or lacks one of ``fields``.
        """
        if (name, tuple(fields)) not in self.columns:
            resource = self.package.resource(name)
            names = [f["name"] for f in resource["schema"]["fields"]]
            for wanted in (f for f in fields if f not in names):
                raise DataPackageError(f"foreign key points to {name}.{wanted}, which is not "
                                       "a field", file=DESCRIPTOR, code="schema-error")
            data, report = self.package.read(name), Report(stop_at_first=True)
            finish = check_bytes(data, resource, resource["path"], report)
            table = read_text(data, resource, resource["path"], names, report, include=fields)
            if finish is not None:
                finish()
            assert table is not None  # stopping at the first error: it has been raised
            self.columns[name, tuple(fields)] = table
        return self.columns[name, tuple(fields)]


@dataclass
class TableState:
    """One table being checked: ``text`` by field, ``missing``, ``typed`` and ``bad`` cells."""

    run: RunState
    name: str
    schema: dict[str, Any]
    table: TextTable
    report: Report
    missing: dict[str, np.ndarray] = field(default_factory=dict)
    bad: dict[str, np.ndarray] = field(default_factory=dict)
    typed: dict[str, pa.ChunkedArray | pa.Array] = field(default_factory=dict)

    @property
    def package(self) -> Package:
        """The package the table belongs to."""
        return self.run.package

    @property
    def fields(self) -> list[dict[str, Any]]:
        """The schema's field descriptors, in order."""
        return self.schema["fields"]

    @property
    def n(self) -> int:
        """Number of rows (of the right shape)."""
        return self.table.text.num_rows

    def spec(self, name: str) -> dict[str, Any]:
        """Return the descriptor of field ``name``."""
        return next(f for f in self.fields if f["name"] == name)

    def text(self, name: str) -> pa.ChunkedArray:
        """Return the cells of field ``name`` as text."""
        return self.table.text.column(name)

    def is_missing(self, name: str) -> np.ndarray:
        """Which cells of ``name`` hold a missing value (the field's, else the schema's)."""
        if name not in self.missing:  # only a cell as long as a missing value can be one
            values = missing_values(self.schema, self.spec(name))
            found = np.isin(pc.binary_length(self.text(name)), [len(v.encode()) for v in values])
            if found.any() and set(values) != {""}:
                found &= mask(pc.is_in(self.text(name), value_set=pa.array(values, pa.string())))
            self.missing[name] = found
        return self.missing[name]

    def key_values(self, name: str) -> pa.ChunkedArray | pa.Array:
        """Return the values of ``name`` as keys compare them: typed, as frictionless does.

        Text for a string field; else the typed values (``1`` and ``01`` are one integer,
        ``0`` and ``-0`` too; ``-0.0`` is read as ``0.0``), null where missing or at fault.
        """
        kind = self.spec(name).get("type", "string")
        if kind == "string" or name not in self.typed:
            return self.text(name)
        return pc.add(self.typed[name], 0.0) if kind == "number" else self.typed[name]

    def usable(self, *names: str) -> np.ndarray:
        """Rows whose cells in ``names`` have no error yet."""
        ok = np.ones(self.n, bool)
        for name in (name for name in names if name in self.bad):
            ok &= ~self.bad[name]
        return ok

    def mark(self, names: list[str], rows: np.ndarray) -> None:
        """Mark the cells of ``names`` in ``rows`` (a bool mask) as having an error."""
        for name in names:
            self.bad[name] = self.bad.get(name, np.zeros(self.n, bool)) | rows

    def error(self, code: str, message: str, position: int | None = None,
              fields: list[str] | None = None) -> None:
        """Report an error at row ``position`` (None: the file), on ``fields``."""
        self.report.add(DataPackageError(
            message, file=self.table.rel, field=", ".join(fields) if fields else None,
            row=None if position is None else int(self.table.rows[position]), code=code))

    def flag(self, code: str, name: str, rows: np.ndarray,
             message: Callable[[str], str]) -> None:
        """Report each row of mask ``rows`` whose cell of ``name`` has no error yet; mark it.

        Each under ``code``, worded by ``message`` from the cell's text.
        """
        rows = rows & self.usable(name)
        positions = np.flatnonzero(rows)
        self.mark([name], rows)
        for position, value in zip(positions, self.cells(name, positions), strict=True):
            self.error(code, message(value), position, [name])

    def cells(self, name: str, positions: np.ndarray) -> list[Any]:
        """Return the text of ``name`` at ``positions`` (a take only when there are some)."""
        return self.text(name).take(pa.array(positions)).to_pylist() if len(positions) else []

    def cannot_read(self, exc: DataPackageError, what: str,
                    fields: list[str] | None = None) -> None:
        """Say, once per run, that ``what`` cannot be checked until ``exc``'s file is fixed.

        ``what`` (``foreign key claimant``, ``rules across tables``) is said once per file
        for each kind (its first word). Stopping at the first error, ``exc`` is raised.
        """
        if self.report.stop_at_first:
            raise exc
        source = exc.file or "another table"
        if (what.split()[0], source) not in self.run.blocked:
            self.run.blocked.add((what.split()[0], source))
            self.error("check-error", f"{what} cannot be checked until {source} is fixed "
                       "(see its own error)", fields=fields)
