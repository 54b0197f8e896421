"""The one exception the library raises for data that does not fit the package, and where it goes.

:class:`DataPackageError` names one problem (file, row, field); the validation engine's
:class:`~idlibstats.datapackage.validation.report.Report` raises the first one (the loaders) or
gathers
them all (``idlibstats validate``); :func:`show` quotes a cell's value the same way in every
message.
"""

from __future__ import annotations

from typing import Any

__all__ = ["DataPackageError", "show"]


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

    Examples
    --------
    >>> str(DataPackageError("is not a date: '2019-02-30'", "data/figures.csv", 7, "period_end"))
    "data/figures.csv, row 7, field period_end: is not a date: '2019-02-30'"
    """

    def __init__(
        self,
        message: str,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [part for part in (
            self.file,
            f"row {self.row}" if self.row is not None else None,
            (f"field{'s' if ', ' in self.field else ''} {self.field}"
             if self.field is not None else None),
        ) if part]
        return f"{', '.join(where)}: {self.message}" if where else self.message


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
