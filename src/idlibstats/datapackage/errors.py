"""The one exception the library raises for data that does not fit the package, and its codes.

:class:`DataPackageError` names one problem: its kind (``code``), file, row, field and a
sentence. The validation engine's :class:`~idlibstats.datapackage.validation.report.Report`
raises the first one (the loaders) or gathers them all (``idlibstats validate``); :func:`show`
quotes a cell's value the same way in every message.

Codes are frictionless's error types where the meaning is the same (``type-error``,
``constraint-error``, ``foreign-key``...), and new names only for rules frictionless lacks
(``value-not-as-written``...); the docs page 'When validation fails' lists every one.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["DataPackageError", "show"]

_CODE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


class DataPackageError(ValueError):
    """A data package, or one of its tables, does not fit its descriptor.

    Parameters
    ----------
    message : str
        What is wrong, in one sentence.
    file : str, optional
        The file at fault, as a path relative to the package root (``data/figures.csv``).
    row : int, optional
        The row at fault, counted as a spreadsheet shows it: the header is row 1, the first
        data row is row 2.
    field : str, optional
        The column (field) at fault; several are joined by ``", "`` (a composite key, or
        the fields a row rule reads), and the message then says ``fields``.
    code : str
        The kind of problem, for programs: frictionless's error type where the meaning is
        the same (``type-error``, ``foreign-key``...), else one of idlibstats' own
        (lower-case words joined by ``-``).

    Examples
    --------
    >>> problem = DataPackageError("is not a date: '2019-02-30'", "data/figures.csv", 7,
    ...                            "period_end", code="type-error")
    >>> str(problem)
    "data/figures.csv, row 7, field period_end: is not a date: '2019-02-30'"
    >>> problem.code
    'type-error'
    """

    def __init__(
        self,
        message: str,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
        *,
        code: str,
    ) -> None:
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise ValueError(f"error code must be lower-case words joined by '-', not {code!r}")
        self.message = message
        self.file = file
        self.row = row
        self.field = field
        self.code = code
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [part for part in (
            self.file,
            f"row {self.row}" if self.row is not None else None,
            (f"field{'s' if ', ' in self.field else ''} {self.field}"
             if self.field is not None else None),
        ) if part]
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its code (multiprocessing)
        return (functools.partial(DataPackageError, code=self.code),
                (self.message, self.file, self.row, self.field))

    def to_dict(self) -> dict[str, Any]:
        """Return the error as a frictionless report writes one (``type``, ``rowNumber``...).

        Returns
        -------
        dict
            ``type`` (the code), ``title``, ``message`` (as :func:`str` gives it), ``note``
            (the sentence alone), and where they apply ``place`` (the file),
            ``rowNumber``, ``fieldName`` (one field) or ``fieldNames`` (several).
        """
        out: dict[str, Any] = {"type": self.code, "title": self.code.replace("-", " ").capitalize(),
                               "message": str(self), "note": self.message}
        if self.file is not None:
            out["place"] = self.file
        if self.row is not None:
            out["rowNumber"] = self.row
        if self.field is not None:
            fields = self.field.split(", ")
            out["fieldName" if len(fields) == 1 else "fieldNames"] = (
                fields[0] if len(fields) == 1 else fields)
        return out


def show(value: Any, limit: int = 60) -> str:
    """Quote a cell's value for a message: its ``repr``, cut to ``limit`` characters.

    Parameters
    ----------
    value : Any
        The value (a cell's text, or a key tuple already joined).
    limit : int, default 60
        Longest text shown; a longer one is cut and ends with ``…``.

    Returns
    -------
    str
        The quoted text.
    """
    text = str(value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
